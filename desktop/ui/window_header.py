"""The main window's header: the endpoint badge (connecting, offline demo, Gemini Live, not
connected), indicators (you are speaking, the model is speaking) and the voice and language.

The badge follows `core.window_facts.badge_for`: never a red "Not connected" while connecting.
Its texts keep the MainWindow translation context they always had."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop.core.events import SessionState
from desktop.core.window_facts import Badge, badge_for
from desktop.settings import Settings
from desktop.ui.theme import Restyler, Tone, pill_style, text_colour

if TYPE_CHECKING:
    from desktop.session.endpoint import Endpoint

BADGE_TONES = {
    Badge.CONNECTING: Tone.NEUTRAL,
    Badge.OFFLINE_DEMO: Tone.WARNING,
    Badge.GOOGLE: Tone.INFO,
    Badge.NOT_CONNECTED: Tone.ERROR,
}


class WindowHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._badge_kind = Badge.CONNECTING
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.badge = QLabel(self)
        self.badge.setObjectName("endpointBadge")
        self.badge.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        row.addWidget(self.badge)
        row.addStretch(1)
        # The server hears the user speak (voice activity, interim transcription).
        self.you_speaking = QLabel(
            QCoreApplication.translate("MainWindow", "● You are speaking"), self
        )
        self.you_speaking.setObjectName("youSpeaking")
        self.you_speaking.hide()
        row.addWidget(self.you_speaking)
        self.session_info = QLabel(self)
        self.session_info.setObjectName("sessionInfo")
        self.session_info.setStyleSheet("color: palette(placeholder-text);")
        row.addWidget(self.session_info)
        self._row = row
        Restyler(self, self._restyle)

    def add_indicator(self, widget: QWidget) -> None:
        """Left of the voice and language (the model speaking)."""
        self._row.insertWidget(self._row.indexOf(self.session_info), widget)

    def _restyle(self) -> None:
        self.you_speaking.setStyleSheet(f"color: {text_colour(Tone.INFO)}; font-weight: 600;")
        self.badge.setStyleSheet(pill_style("QLabel", BADGE_TONES[self._badge_kind]))

    def show_facts(
        self,
        settings: Settings,
        endpoint: Endpoint | None,
        endpoint_known: bool,
        state: SessionState,
    ) -> None:
        language = settings.language or QCoreApplication.translate("MainWindow", "automatic")
        self.session_info.setText(
            QCoreApplication.translate("MainWindow", "Voice: %1 · Language: %2")
            .replace("%1", settings.voice)
            .replace("%2", language)
        )
        badge = badge_for(endpoint_known, bool(endpoint and endpoint.emulated), state)
        if badge is Badge.CONNECTING:
            text = QCoreApplication.translate("MainWindow", "Connecting…")
            tip = QCoreApplication.translate("MainWindow", "Opening the Live API endpoint.")
        elif badge is Badge.NOT_CONNECTED:
            text = QCoreApplication.translate("MainWindow", "Not connected")
            tip = QCoreApplication.translate(
                "MainWindow", "No Live API endpoint is open; see the status line."
            )
        elif badge is Badge.OFFLINE_DEMO:
            text = QCoreApplication.translate("MainWindow", "Offline demo - emulated model")
            tip = QCoreApplication.translate(
                "MainWindow",
                "No Gemini API key is set, so Screenmate talks to a built-in emulator that "
                "only echoes what it receives.\nTo talk to Gemini Live, set GEMINI_API_KEY "
                "in the environment, or enter a key in Session › Settings… (it is stored in "
                "the OS keychain), then reconnect.",
            )
        else:
            text = QCoreApplication.translate("MainWindow", "Gemini Live · %1").replace(
                "%1", settings.model
            )
            where = (endpoint.base_url if endpoint else "") or QCoreApplication.translate(
                "MainWindow", "Google"
            )
            tip = QCoreApplication.translate("MainWindow", "Connected through %1").replace(
                "%1", where
            )
        self.badge.setText(text)
        self.badge.setToolTip(tip)
        self.badge.setAccessibleName(text)
        self.badge.setAccessibleDescription(tip)
        if badge is not self._badge_kind:
            self._badge_kind = badge
            self._restyle()
