"""Session › History…: past sessions (date, duration, first line, tokens, cost), a search over
every line, the selected session's transcript, export to Markdown or JSON, delete."""

from __future__ import annotations

import html
import json
import logging
import time
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.outputs.history_db import HistoryStore, SessionRow
from desktop.outputs.history_export import ROLE_NAMES, duration_text, to_json, to_markdown
from desktop.ui.i18n import money, number
from desktop.ui.theme import MODEL_COLOUR, USER_COLOUR, Restyler, Tone, readable, tint

log = logging.getLogger(__name__)

# Shown with self.tr(name); QT_TRANSLATE_NOOP marks them for lupdate.
COLUMNS = (
    QT_TRANSLATE_NOOP("HistoryWindow", "Date"),
    QT_TRANSLATE_NOOP("HistoryWindow", "Duration"),
    QT_TRANSLATE_NOOP("HistoryWindow", "First line"),
    QT_TRANSLATE_NOOP("HistoryWindow", "Tokens"),
    QT_TRANSLATE_NOOP("HistoryWindow", "Cost"),
)


class HistoryWindow(QWidget):
    """A top-level window over a `HistoryStore` (the recorder's, on the same thread)."""

    def __init__(self, store: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self._rows: list[SessionRow] = []
        self.setWindowTitle(self.tr("Screenmate — History"))
        self.resize(980, 620)
        self._build()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.refresh)
        # Esc and Ctrl+W close it, like any secondary window.
        for keys in (QKeySequence(Qt.Key.Key_Escape), QKeySequence.StandardKey.Close):
            QShortcut(keys, self, self.close)
        self.refresh()
        Restyler(self, self._show_selected)

    # -- building -----------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 10)
        top = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("historySearch")
        self.search.setPlaceholderText(self.tr("Search every line of every session"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search"))
        self.search.setAccessibleDescription(self.tr("Search every line of every session"))
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        top.addWidget(self.search, 1)
        self.summary = QLabel(self)
        self.summary.setObjectName("historySummary")
        self.summary.setStyleSheet("color: palette(placeholder-text);")
        top.addWidget(self.summary)
        layout.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.table = QTableWidget(0, len(COLUMNS), splitter)
        self.table.setObjectName("historySessions")
        self.table.setAccessibleName(self.tr("Sessions"))
        self.table.setAccessibleDescription(
            self.tr("Past sessions: date, duration, first line, tokens, cost.")
        )
        self.table.setHorizontalHeaderLabels([self.tr(str(c)) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS)):
            mode = QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(72)
        self.table.itemSelectionChanged.connect(self._show_selected)
        lower = QWidget(splitter)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 6, 0, 0)
        self.details = QLabel(lower)
        self.details.setObjectName("historyDetails")
        self.details.setStyleSheet("font-weight: 600;")
        lower_layout.addWidget(self.details)
        self.preview = QTextBrowser(lower)
        lower_layout.addWidget(self.preview, 1)
        self.preview.setObjectName("historyPreview")
        self.preview.setAccessibleName(self.tr("Selected session's transcript"))
        self.preview.setOpenLinks(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        buttons = QHBoxLayout()
        self.path_label = QLabel(self)
        self.path_label.setStyleSheet("color: palette(placeholder-text);")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label.setAccessibleName(self.tr("History file"))
        buttons.addWidget(self.path_label, 1)
        self.export_md = QPushButton(self.tr("Export Markdown…"), self)
        self.export_md.clicked.connect(lambda: self._ask_export("md"))
        self.export_json = QPushButton(self.tr("Export JSON…"), self)
        self.export_json.clicked.connect(lambda: self._ask_export("json"))
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.delete_button.clicked.connect(self.confirm_delete)
        self.export_md.setAccessibleDescription(
            self.tr("Save the selected session as a Markdown file.")
        )
        self.export_json.setAccessibleDescription(
            self.tr("Save the selected session as a JSON file.")
        )
        self.delete_button.setAccessibleDescription(
            self.tr("Delete the selected session from the history.")
        )
        for button in (self.export_md, self.export_json, self.delete_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.saved = QLabel(self)
        self.saved.setObjectName("historySaved")
        self.saved.setWordWrap(True)
        self.saved.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.saved.setAccessibleName(self.tr("Export result"))
        self.saved.hide()
        layout.addWidget(self.saved)
        self.setTabOrder(self.search, self.table)
        self.setTabOrder(self.table, self.preview)
        self.setTabOrder(self.preview, self.export_md)
        self.setTabOrder(self.export_md, self.export_json)
        self.setTabOrder(self.export_json, self.delete_button)

    # -- contents -----------------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.selected_session()
        try:
            self._rows = self.store.sessions(self.search.text())
        except Exception as exc:  # a damaged database must not take the window down
            log.warning("cannot read the history: %s", exc)
            self._rows = []
            self.summary.setText(self.tr("The history cannot be read: %1").replace("%1", str(exc)))
            return
        self.table.setRowCount(len(self._rows))
        for row, session in enumerate(self._rows):
            cells = (
                time.strftime("%Y-%m-%d %H:%M", time.localtime(session.started_at)),
                duration_text(session.duration_s),
                session.first_line or self.tr("(no lines)"),
                number(session.total_tokens),
                money(session.cost),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (1, 3, 4):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if column == 2:
                    item.setToolTip(session.first_line)
                self.table.setItem(row, column, item)
        count = len(self._rows)
        noun = self.tr("session") if count == 1 else self.tr("sessions")
        found = self.tr(" found") if self.search.text().strip() else ""
        self.summary.setText(f"{count} {noun}{found}")
        self.path_label.setText(str(self.store.path))
        ids = [s.id for s in self._rows]
        self.select_row(ids.index(selected.id) if selected and selected.id in ids else 0)
        self._update_buttons()

    def select_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.table.selectRow(row)
        else:
            self.table.clearSelection()
        self._show_selected()

    def selected_session(self) -> SessionRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self._rows):
            return None
        return self._rows[rows[0].row()]

    def _update_buttons(self) -> None:
        has = self.selected_session() is not None
        for button in (self.export_md, self.export_json, self.delete_button):
            button.setEnabled(has)

    def _show_selected(self) -> None:
        self._update_buttons()
        session = self.selected_session()
        if session is None:
            self.details.setText("")
            self.preview.setHtml(f"<p>{html.escape(self.tr('No session selected.'))}</p>")
            return
        self.details.setText(
            " · ".join(
                [
                    time.strftime("%A %d %B %Y, %H:%M", time.localtime(session.started_at)),
                    session.model or self.tr("unknown model"),
                    duration_text(session.duration_s),
                    self.tr("%1 tokens").replace("%1", number(session.total_tokens)),
                    self.tr("≈ %1").replace("%1", money(session.cost)),
                ]
            )
        )
        words = {w.lower() for w in self.search.text().split()}
        base = self.preview.palette().color(QPalette.ColorRole.Base)
        colours = {
            "user": readable(USER_COLOUR, base).name(),
            "model": readable(MODEL_COLOUR, base).name(),
        }
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        found = tint(Tone.WARNING, 0.45).name()
        parts = []
        for line in self.store.lines(session.id):
            who = html.escape(ROLE_NAMES.get(line.role, line.role))
            colour = colours.get(line.role, colours["model"])
            text = html.escape(line.text)
            if words and any(w in line.text.lower() for w in words):
                text = f"<span style='background: {found}'>{text}</span>"
            mark = f" <i style='color: {muted}'>(interrupted)</i>" if line.interrupted else ""
            when = time.strftime("%H:%M:%S", time.localtime(line.started_at))
            parts.append(
                f"<p><span style='color: {muted}'>{when}</span> "
                f"<b style='color: {colour}'>{who}</b> {text}{mark}</p>"
            )
        self.preview.setHtml("".join(parts) or "<p>(no lines)</p>")

    # -- actions ------------------------------------------------------------------------

    def export(self, path: Path, fmt: str) -> None:
        """Write the selected session to `path` as Markdown (`md`) or JSON (`json`)."""
        session = self.selected_session()
        if session is None:
            return
        lines = self.store.lines(session.id)
        if fmt == "json":
            text = json.dumps(to_json(session, lines), indent=2, ensure_ascii=False) + "\n"
        else:
            text = to_markdown(session, lines)
        path.write_text(text, encoding="utf-8")

    def _ask_export(self, fmt: str) -> None:
        session = self.selected_session()
        if session is None:
            return
        stamp = time.strftime("%Y-%m-%d-%H%M", time.localtime(session.started_at))
        name = f"screenmate-{stamp}.{fmt}"
        dialog = QFileDialog(self, self.tr("Export session"), str(Path.home() / name))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter("Markdown (*.md)" if fmt == "md" else "JSON (*.json)")
        dialog.setDefaultSuffix(fmt)
        dialog.fileSelected.connect(lambda chosen: self._export_to(Path(chosen), fmt))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()  # not exec(): no nested event loop under qasync

    def _export_to(self, path: Path, fmt: str) -> None:
        try:
            self.export(path, fmt)
        except OSError as exc:
            self.saved.hide()
            QMessageBox.warning(self, self.tr("Export failed"), str(exc))
            return
        self.show_saved(path)

    def show_saved(self, path: Path) -> None:
        """The confirmation under the buttons: where the file went."""
        self.saved.setText(self.tr("Saved to %1").replace("%1", str(path)))
        self.saved.setAccessibleDescription(self.saved.text())
        self.saved.show()

    def confirm_delete(self) -> QMessageBox | None:
        session = self.selected_session()
        if session is None:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete session"),
            self.tr("Delete the session of %1 (%2 lines)? This cannot be undone.")
            .replace("%1", time.strftime("%Y-%m-%d %H:%M", time.localtime(session.started_at)))
            .replace("%2", str(session.lines)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(
            lambda result: (
                self.delete_session(session.id)
                if result == QMessageBox.StandardButton.Yes
                else None
            )
        )
        box.finished.connect(box.deleteLater)
        box.open()
        return box

    def delete_session(self, session_id: int) -> None:
        self.store.delete_session(session_id)
        self.refresh()
