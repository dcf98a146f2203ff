"""Help › Keyboard Shortcuts and Help › About.

The shortcuts window lists the window's own actions (what the menus hold), plus the keys that
work inside widgets (hold Space on the Talk button, Esc), so it never drifts from the app.
About says the version, whether this run talks to Google or the bundled emulator, and the
licence of everything that ships.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.about_facts import APP_LICENCE, app_version, components


class ShortcutsDialog(QDialog):
    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.setAccessibleName(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        extra = [
            (self.tr("Talk while held (Talk button focused)"), self.tr("Space")),
            (self.tr("Move between controls"), self.tr("Tab, Shift+Tab")),
            (self.tr("Clear the pointer highlight"), self.tr("Esc")),
            (self.tr("Close History or a dialog"), self.tr("Esc, Ctrl+W")),
        ]
        all_rows = rows + extra
        self.table = QTableWidget(len(all_rows), 2, self)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName(self.tr("Shortcuts"))
        self.table.setAccessibleDescription(self.tr("Each action and the keys that do it"))
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        for row, (what, keys) in enumerate(all_rows):
            self.table.setItem(row, 0, QTableWidgetItem(what))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Close, self, self.reject)
        self.resize(480, 440)

    def rows(self) -> list[tuple[str, str]]:
        rows = []
        for r in range(self.table.rowCount()):
            what, keys = self.table.item(r, 0), self.table.item(r, 1)
            rows.append((what.text() if what else "", keys.text() if keys else ""))
        return rows


class AboutDialog(QDialog):
    def __init__(self, emulated: bool | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Screenmate"))
        layout = QVBoxLayout(self)
        title = QLabel(
            "<h2>Screenmate</h2><p>"
            + html.escape(self.tr("Version %1").replace("%1", app_version()))
            + "</p>",
            self,
        )
        title.setObjectName("aboutTitle")
        layout.addWidget(title)
        purpose = QLabel(
            self.tr(
                "Talk with Google's Gemini Live about what is on your screen: your voice and "
                "the part of the screen you choose go to the model, its answers come back as "
                "speech and text."
            ),
            self,
        )
        purpose.setWordWrap(True)
        layout.addWidget(purpose)
        if emulated is None:
            mode = self.tr("Not connected yet.")
        elif emulated:
            mode = self.tr(
                "This run uses the offline demo: a model emulator built into Screenmate "
                "answers on this computer. Nothing is sent to Google. Enter a Gemini API key "
                "in Settings to talk to Gemini."
            )
        else:
            mode = self.tr(
                "This run talks to Google's Gemini Live API with your API key. What you say, "
                "type and share is sent to Google and billed to that key."
            )
        self.mode = QLabel(mode, self)
        self.mode.setObjectName("aboutMode")
        self.mode.setWordWrap(True)
        layout.addWidget(self.mode)
        system = self.tr("system")  # the version of a library the desktop itself provides
        rows = "".join(
            f"<tr><td>{html.escape(c.name)}</td>"
            f"<td>&nbsp;{html.escape(c.version or system)}&nbsp;</td>"
            f"<td>{html.escape(c.licence)}</td></tr>"
            for c in components()
        )
        licences = QLabel(
            "<p>"
            + html.escape(
                self.tr("Screenmate is licensed under %1. It is built on:").replace(
                    "%1", APP_LICENCE
                )
            )
            + f"</p><table>{rows}</table>",
            self,
        )
        licences.setObjectName("aboutLicences")
        licences.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        licences.setAccessibleName(self.tr("Licences"))
        layout.addWidget(licences)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Close, self, self.reject)
        self.setMinimumWidth(460)
