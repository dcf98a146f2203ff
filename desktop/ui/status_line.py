"""The window's status bar: the session state (a coloured dot and a sentence), "Retry now" while
waiting to reconnect, the latest turn's token count, and room for the cost meter.

`StatusLine.show_state(state)` decides the sentence from what it was told: the last error,
the attempt number and when the next attempt is due.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStatusBar, QWidget

from desktop.core.events import SessionState, StateChanged, Usage
from desktop.ui.i18n import number
from desktop.ui.session_messages import localise_session_message
from desktop.ui.theme import ACCENTS, Restyler, Tone, text_colour

STATE_TONES: dict[SessionState, Tone] = {
    SessionState.IDLE: Tone.NEUTRAL,
    SessionState.CONNECTING: Tone.WARNING,
    SessionState.LIVE: Tone.SUCCESS,
    SessionState.RECONNECTING: Tone.WARNING,
    SessionState.CLOSED: Tone.NEUTRAL,
    SessionState.ERROR: Tone.ERROR,
}
STATE_COLOURS: dict[SessionState, str] = {s: ACCENTS[t] for s, t in STATE_TONES.items()}


class StatusLine(QWidget):
    retry_now_requested = Signal()
    changed = Signal()  # the state shown changed (the badge follows it)

    def __init__(
        self, status_bar: QStatusBar, reconnecting: Callable[[int | None, int], str]
    ) -> None:
        """`reconnecting(seconds_left or None, attempt)`: the window's plural sentence."""
        super().__init__(status_bar)
        self._reconnecting = reconnecting
        self.state = SessionState.IDLE
        self.last_error = ""
        self._attempt = 0
        self._retry_at: float | None = None  # monotonic: when the next attempt is due
        self._last_usage: Usage | None = None
        self.text = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(6)
        self._icon = QLabel(self)
        self._icon.setAccessibleName(
            QCoreApplication.translate("MainWindow", "Session state indicator")
        )
        self.label = QLabel(self)
        self.label.setObjectName("sessionState")
        self.label.setAccessibleName(QCoreApplication.translate("MainWindow", "Session state"))
        layout.addWidget(self._icon)
        layout.addWidget(self.label, 1)
        self.retry_now = QPushButton(QCoreApplication.translate("MainWindow", "Retry now"), self)
        self.retry_now.setObjectName("retryNow")
        self.retry_now.setFlat(True)
        self.retry_now.setVisible(False)
        self.retry_now.setAccessibleDescription(
            QCoreApplication.translate("MainWindow", "Try to reconnect now instead of waiting.")
        )
        self.retry_now.clicked.connect(self.retry_now_requested)
        layout.addWidget(self.retry_now)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(lambda: self.show_state(self.state))
        status_bar.setSizeGripEnabled(False)
        status_bar.addWidget(self, 1)
        self.usage = QLabel(status_bar)
        self.usage.setObjectName("usage")
        self.usage.setAccessibleName(
            QCoreApplication.translate("MainWindow", "Latest turn's tokens")
        )
        self.usage.setStyleSheet("color: palette(placeholder-text); padding-right: 8px;")
        status_bar.addPermanentWidget(self.usage)
        Restyler(self, lambda: self.show_state(self.state))

    def on_state(self, event: StateChanged) -> None:
        if event.state is SessionState.LIVE:
            self.last_error = ""
        elif event.detail and event.state in (SessionState.ERROR, SessionState.RECONNECTING):
            self.last_error = event.detail
        self._attempt = event.attempt
        waiting = event.state is SessionState.RECONNECTING and event.retry_in_s > 0
        self._retry_at = time.monotonic() + event.retry_in_s if waiting else None
        self.show_state(event.state)

    def show_error(self, message: str) -> None:
        self.last_error = message
        self.show_state(SessionState.ERROR)

    def show_state(self, state: SessionState) -> None:
        self.state = state
        reason = localise_session_message(self.last_error)  # the core words it in English
        if state is SessionState.CONNECTING:
            text = QCoreApplication.translate("MainWindow", "Connecting…")
        elif state is SessionState.LIVE:
            text = QCoreApplication.translate("MainWindow", "Live")
        elif state is SessionState.RECONNECTING and self._retry_at is not None:
            left = max(0, round(self._retry_at - time.monotonic()))
            text = self._reconnecting(left, self._attempt)
        elif state is SessionState.RECONNECTING:
            text = self._reconnecting(None, self._attempt)
        elif state is SessionState.CLOSED:
            text = QCoreApplication.translate("MainWindow", "Closed")
        elif state is SessionState.ERROR:
            text = QCoreApplication.translate("MainWindow", "Error: %1").replace(
                "%1", reason or QCoreApplication.translate("MainWindow", "unknown")
            )
            reason = ""
        else:
            text = QCoreApplication.translate("MainWindow", "Idle")
        if reason:
            text += " — " + reason
        waiting = state is SessionState.RECONNECTING and self._retry_at is not None
        self.retry_now.setVisible(waiting)
        if waiting and not self._tick.isActive():
            self._tick.start()
        elif not waiting:
            self._tick.stop()
        self.text = text
        self.label.setText(text)
        self.label.setToolTip(text)
        self.label.setAccessibleDescription(text)
        tone = STATE_TONES[state]
        self.label.setStyleSheet(
            f"color: {text_colour(tone)};" if state is SessionState.ERROR else ""
        )
        self._icon.setPixmap(_dot(STATE_COLOURS[state], self.label.fontMetrics().height()))
        self.changed.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._last_usage is not None:
            self.show_usage(self._last_usage)  # said again in the new language
        super().changeEvent(event)

    def show_usage(self, usage: Usage) -> None:
        # The session total and its cost are in the usage meter; this is the latest turn.
        self._last_usage = usage
        self.usage.setText(
            QCoreApplication.translate("MainWindow", "last turn: %1 tokens").replace(
                "%1", number(usage.total_tokens)
            )
        )
        lines = [
            QCoreApplication.translate("MainWindow", "Latest usage reported by the model"),
            QCoreApplication.translate("MainWindow", "Prompt: %1").replace(
                "%1", number(usage.prompt_tokens)
            ),
            QCoreApplication.translate("MainWindow", "Response: %1").replace(
                "%1", number(usage.response_tokens)
            ),
        ]
        prompt = QCoreApplication.translate("MainWindow", "prompt")
        response = QCoreApplication.translate("MainWindow", "response")
        for modality, count in sorted(usage.prompt_by_modality.items()):
            lines.append(f"  {prompt} {modality.lower()}: {number(count)}")
        for modality, count in sorted(usage.response_by_modality.items()):
            lines.append(f"  {response} {modality.lower()}: {number(count)}")
        self.usage.setToolTip("\n".join(lines))


def _dot(colour: str, size: int) -> QPixmap:
    """A filled circle the height of a text line, for the state indicator."""
    side = max(size, 10)
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    diameter = side * 0.6
    offset = (side - diameter) / 2
    painter.drawEllipse(QRectF(offset, offset, diameter, diameter))
    painter.end()
    return pixmap
