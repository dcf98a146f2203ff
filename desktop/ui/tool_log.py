"""The tool log: a collapsible side panel with one row per function call (name, arguments,
status, result or error, duration, and on 3.8 Live when the model was to use the result:
interrupt / when idle / silent)."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QGroupBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.core.tool_calls import ToolRecord, ToolStatus, summarize

MAX_ROWS = 200
COLUMNS = ("Tool", "Status", "Time", "Arguments", "Result", "Scheduling")
SCHEDULING_TEXT = {"INTERRUPT": "interrupt", "WHEN_IDLE": "when idle", "SILENT": "silent"}


class ToolLogPanel(QGroupBox):
    """Checkable group box: unchecking collapses it to its title."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolLog")
        self.setTitle(self.tr("Tool calls"))
        self.setCheckable(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("toolLogTree")
        self.tree.setHeaderLabels([self.tr(c) for c in COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setMinimumHeight(80)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tree)
        self._rows: dict[str, QTreeWidgetItem] = {}
        self.toggled.connect(self.tree.setVisible)
        self.setChecked(False)  # collapsed until the first call

    def show_record(self, record: ToolRecord) -> None:
        item = self._rows.get(record.call_id)
        if item is None:
            item = QTreeWidgetItem(self.tree)
            self._rows[record.call_id] = item
            self._trim()
            if not self.isChecked():
                self.setChecked(True)
        args = summarize(json.dumps(record.args, ensure_ascii=False), 120)
        took = "" if record.duration_s is None else f"{record.duration_s:.2f} s"
        scheduling = SCHEDULING_TEXT.get(record.scheduling, record.scheduling)
        values = (record.name, record.status.value, took, args, record.result, scheduling)
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
