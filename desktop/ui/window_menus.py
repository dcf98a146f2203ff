"""The main window's menus and window-wide shortcuts.

Session (settings, reconnect, pair, history, quit), Transcript (type, copy), the features'
own menus (Voice: talk, mute; Sharing: pause, pick a region) and Help (keyboard shortcuts,
about). Every action with a shortcut is added to the window itself, so the shortcut works
whichever child has the focus, and Help › Keyboard shortcuts lists exactly these.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

# The in-window shortcuts (issue 17). Talk toggles: a key press cannot be held like the button.
SHORTCUTS = {
    "settings": "Ctrl+,",
    "reconnect": "Ctrl+R",
    "history": "Ctrl+H",
    "quit": "Ctrl+Q",
    "type": "Ctrl+L",
    "talk": "Ctrl+T",
    "mute": "Ctrl+M",
    "pause": "Ctrl+Shift+P",
    "region": "Ctrl+Shift+R",
    "shortcuts": "F1",
}


class WindowMenus(QObject):
    """Owns the menu bar of a `MainWindow`; features add their actions through `add`."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        bar = window.menuBar()
        self.session = bar.addMenu(QCoreApplication.translate("MainWindow", "&Session"))
        self.session.setObjectName("sessionMenu")
        self.transcript = bar.addMenu(QCoreApplication.translate("MainWindow", "&Transcript"))
        self.transcript.setObjectName("transcriptMenu")
        self.help = bar.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
        self.help.setObjectName("helpMenu")
        self._feature_menus: dict[str, QMenu] = {}

        self.settings_action = self.action(
            self.session,
            QCoreApplication.translate("MainWindow", "&Settings…"),
            window.open_settings,
            "settings",
        )
        self.reconnect_action = self.action(
            self.session,
            QCoreApplication.translate("MainWindow", "&Reconnect"),
            window.reconnect_requested.emit,
            "reconnect",
        )
        self.pair_action = self.action(
            self.session,
            QCoreApplication.translate("MainWindow", "&Pair a Device…"),
            window.pair_requested.emit,
            "pair",
        )
        self.history_action = self.action(
            self.session,
            QCoreApplication.translate("MainWindow", "&History…"),
            window.history_requested.emit,
            "history",
        )
        self.session.addSeparator()
        self.quit_action = self.action(
            self.session, QCoreApplication.translate("MainWindow", "&Quit"), window.quit, "quit"
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.focus_action = self.action(
            self.transcript,
            QCoreApplication.translate("MainWindow", "&Type a Message"),
            window.focus_input,
            "type",
        )
        self.transcript.addAction(window.transcript.copy_transcript_action)
        self.shortcuts_action = self.action(
            self.help,
            QCoreApplication.translate("MainWindow", "&Keyboard Shortcuts"),
            window.show_shortcuts,
            "shortcuts",
        )
        self.about_action = self.action(
            self.help,
            QCoreApplication.translate("MainWindow", "&About Screenmate"),
            window.show_about,
            "about",
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def action(self, menu: QMenu, text: str, slot: Callable[[], object], name: str) -> QAction:
        action = QAction(text, self._window)
        action.setObjectName(f"action_{name}")
        if name in SHORTCUTS:
            action.setShortcut(QKeySequence(SHORTCUTS[name]))
            self._window.addAction(action)  # window-wide, whichever child has the focus
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def feature_menu(self, title: str, name: str) -> QMenu:
        """A feature's menu (Voice, Sharing), placed before Help."""
        menu = self._feature_menus.get(name)
        if menu is None:
            menu = QMenu(title, self._window)
            menu.setObjectName(f"{name}Menu")
            self._window.menuBar().insertMenu(self.help.menuAction(), menu)
            self._feature_menus[name] = menu
        return menu

    def show_shortcuts(self) -> QWidget:
        from desktop.ui.help_windows import ShortcutsDialog

        dialog = ShortcutsDialog(self.shortcut_rows(), self._window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def show_about(self) -> QWidget:
        from desktop.ui.help_windows import AboutDialog

        endpoint = self._window.endpoint
        dialog = AboutDialog(endpoint.emulated if endpoint is not None else None, self._window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(what, keys) for every action of the window that has a shortcut, menu order."""
        rows: list[tuple[str, str]] = []
        seen: set[int] = set()
        for menu_action in self._window.menuBar().actions():
            menu = menu_action.menu()
            if not isinstance(menu, QMenu):
                continue
            for action in menu.actions():
                keys = action.shortcut()
                if keys.isEmpty() or id(action) in seen:
                    continue
                seen.add(id(action))
                what = action.text().replace("&", "").rstrip("…").strip()
                rows.append((what, keys.toString(QKeySequence.SequenceFormat.NativeText)))
        return rows
