"""The tool log: a collapsible side panel with one row per function call (name, arguments,
status, result or error, duration, and on 3.8 Live when the model was to use the result:
interrupt / when idle / silent).

Columns that hold short values (tool, status, time, scheduling) size to their contents, so the
time is never clipped; the long ones (arguments, result) take what is left and scroll
sideways. The panel fills the side column's free height: on a tall window it opens by itself
(with a line saying calls appear here), on a short one it stays collapsed until a call."""

from __future__ import annotations

import json

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.tool_calls import ToolRecord, ToolStatus, summarize
from desktop.ui.i18n import number

MAX_ROWS = 200
# Shown with self.tr(name); QT_TRANSLATE_NOOP marks them for lupdate.
COLUMNS = tuple(
    str(name)
    for name in (
        QT_TRANSLATE_NOOP("ToolLogPanel", "Tool"),
        QT_TRANSLATE_NOOP("ToolLogPanel", "Status"),
        QT_TRANSLATE_NOOP("ToolLogPanel", "Time"),
        QT_TRANSLATE_NOOP("ToolLogPanel", "Arguments"),
        QT_TRANSLATE_NOOP("ToolLogPanel", "Result"),
        QT_TRANSLATE_NOOP("ToolLogPanel", "Scheduling"),
    )
)
# Shown with self.tr(text); QT_TRANSLATE_NOOP marks them for lupdate.
SCHEDULING_TEXT = {
    "INTERRUPT": QT_TRANSLATE_NOOP("ToolLogPanel", "interrupt"),
    "WHEN_IDLE": QT_TRANSLATE_NOOP("ToolLogPanel", "when idle"),
    "SILENT": QT_TRANSLATE_NOOP("ToolLogPanel", "silent"),
}
STATUS_TEXT = {
    "running": QT_TRANSLATE_NOOP("ToolLogPanel", "running"),
    "done": QT_TRANSLATE_NOOP("ToolLogPanel", "done"),
    "error": QT_TRANSLATE_NOOP("ToolLogPanel", "error"),
    "timeout": QT_TRANSLATE_NOOP("ToolLogPanel", "timeout"),
    "cancelled": QT_TRANSLATE_NOOP("ToolLogPanel", "cancelled"),
}
# The side column is at least this tall before the empty log opens by itself.
OPEN_WHEN_TALLER = 720


class ToolLogPanel(QGroupBox):
    """Checkable group box: unchecking collapses it to its title."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolLog")
        self.setTitle(self.tr("Tool calls"))
        self.setAccessibleName(self.tr("Tool calls"))
        self.setAccessibleDescription(self.tr("Show or hide the model's function calls."))
        self.setCheckable(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("toolLogTree")
        self.tree.setAccessibleName(self.tr("Function calls"))
        self.tree.setAccessibleDescription(
            self.tr("One row per call: tool, status, time, arguments, result, scheduling.")
        )
        self.tree.setHeaderLabels([self.tr(c) for c in COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setMinimumHeight(80)
        self.tree.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column in (0, 1, 2, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, 160)
        self.empty = QLabel(self.tr("The model's tool calls will appear here."), self)
        self.empty.setObjectName("toolLogEmpty")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(placeholder-text);")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        self._layout = layout
        self._rows: dict[str, QTreeWidgetItem] = {}
        self._user_chose = False  # the user opened or closed it: leave it so
        self.toggled.connect(self._show_contents)
        self.clicked.connect(self._chosen)
        self.setChecked(False)  # collapsed until the first call, or room for it
        self._show_contents(False)

    def _chosen(self, _checked: bool) -> None:
        self._user_chose = True

    def _show_contents(self, shown: bool) -> None:
        # Collapsed: the title alone, neither a frame nor the column's free height under it.
        self.setFlat(not shown)
        vertical = QSizePolicy.Policy.Expanding if shown else QSizePolicy.Policy.Maximum
        self.setSizePolicy(QSizePolicy.Policy.Preferred, vertical)
        margin = 6 if shown else 0
        self._layout.setContentsMargins(margin, margin, margin, margin)
        self.tree.setVisible(shown)
        self.empty.setVisible(shown and not self._rows)

    def follow_height(self, height: int) -> None:
        """The side column's height: open the empty log by itself when there is room."""
        if not self._user_chose and not self._rows:
            self.setChecked(height >= OPEN_WHEN_TALLER)

    def show_record(self, record: ToolRecord) -> None:
        item = self._rows.get(record.call_id)
        if item is None:
            item = QTreeWidgetItem(self.tree)
            self._rows[record.call_id] = item
            self._trim()
            if not self.isChecked():
                self.setChecked(True)
            self.empty.hide()
        args = summarize(json.dumps(record.args, ensure_ascii=False), 120)
        took = "" if record.duration_s is None else f"{number(record.duration_s, 2)} s"
        scheduling = SCHEDULING_TEXT.get(record.scheduling)
        scheduling = self.tr(str(scheduling)) if scheduling else record.scheduling
        status = self.tr(str(STATUS_TEXT.get(record.status.value, record.status.value)))
        values = (record.name, status, took, args, record.result, scheduling)
        for column, text in enumerate(values):
            item.setText(column, text)
        item.setToolTip(4, record.result)
        item.setToolTip(3, json.dumps(record.args, ensure_ascii=False, indent=1))
        if record.status is not ToolStatus.RUNNING:
            self.tree.scrollToItem(item)

    def row(self, call_id: str) -> tuple[str, ...] | None:
        item = self._rows.get(call_id)
        return tuple(item.text(c) for c in range(len(COLUMNS))) if item else None

    def _trim(self) -> None:
        while self.tree.topLevelItemCount() > MAX_ROWS:
            old = self.tree.takeTopLevelItem(0)
            self._rows = {k: v for k, v in self._rows.items() if v is not old}
