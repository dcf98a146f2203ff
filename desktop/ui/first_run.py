"""The first-run welcome: what the offline demo is, how to use a real key, permissions, a region.

Shown once (setting `first_run_done`), non-modal with `open()`. Its buttons lead to the same
places as the window: Settings for the key, `VisionController.choose("region")` for a region.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def permission_notes() -> list[str]:
    """Untranslated keys of the permission hints this OS needs (translated by the dialog)."""
    if sys.platform == "darwin":
        return ["macos"]
    if sys.platform == "win32":
        return ["windows"]
    return ["linux"]


class FirstRunDialog(QDialog):
    settings_requested = Signal()
    region_requested = Signal()

    def __init__(
        self,
        hotkey_label: str,
        emulated: bool,
        parent: QWidget | None = None,
        *,
        talk_text: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(parent)
        # How to talk, as the shell knows it (no tray, no microphone): core/window_facts.py.
        self._talk_text = talk_text
        self.setObjectName("firstRunDialog")
        self.setMinimumWidth(520)
        self._hotkey_label = hotkey_label
        self._emulated = emulated
        layout = QVBoxLayout(self)
        self._title = QLabel(self)
        self._title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self._title.setWordWrap(True)
        layout.addWidget(self._title)
        self._paragraphs: list[QLabel] = []
        for _ in range(3 + len(permission_notes())):
            label = QLabel(self)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            layout.addWidget(label)
            self._paragraphs.append(label)
        buttons = QDialogButtonBox(self)
        self.region_button = QPushButton(self)
        self.settings_button = QPushButton(self)
        self.start_button = buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.region_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.settings_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.region_button.clicked.connect(self._region)
        self.settings_button.clicked.connect(self._settings)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text, in the current language (also when it changes while open)."""
        self.setWindowTitle(self.tr("Welcome to Screenmate"))
        self._title.setText(self.tr("Talk to Gemini Live about what is on your screen."))
        mode = (
            self.tr(
                "No API key is set, so you are in the <b>offline demo</b>: a built-in emulator "
                "answers with what it received. Nothing leaves this computer."
            )
            if self._emulated
            else self.tr("An API key is set: Screenmate talks to Google's Gemini Live.")
        )
        key = self.tr(
            "For real answers, get a key at aistudio.google.com and paste it into Settings "
            "(it is stored in the OS keychain, never in a file), or set GEMINI_API_KEY."
        )
        talk = self.tr(
            "Hold <b>%1</b> anywhere to talk, release to send. The tray icon shows when the "
            "model listens or speaks."
        ).replace("%1", self._hotkey_label or self.tr("the Talk button"))
        if self._talk_text is not None:
            talk = self._talk_text()
        perms = {
            "macos": self.tr(
                "macOS will ask for the microphone and for Screen Recording; the hotkey needs "
                "Accessibility (System Settings › Privacy & Security)."
            ),
            "windows": self.tr("Windows may ask once for microphone access (Settings › Privacy)."),
            "linux": self.tr(
                "Linux needs no permission on X11. On Wayland, screen sharing and the hotkey "
                "are limited; the camera and the window still work."
            ),
        }
        texts = (mode, key, talk, *(perms[n] for n in permission_notes()))
        for label, text in zip(self._paragraphs, texts, strict=True):
            label.setText(text)
        self.region_button.setText(self.tr("Pick a Region to Share…"))
        self.settings_button.setText(self.tr("Enter an API Key…"))
        self.start_button.setText(self.tr("Start"))

    def _region(self) -> None:
        self.accept()
        self.region_requested.emit()

    def _settings(self) -> None:
        self.accept()
        self.settings_requested.emit()
