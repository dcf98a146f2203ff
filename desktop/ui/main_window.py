"""The main window: endpoint badge, transcript, a line to type into, and the session status.

The window decides nothing about the session. It shows what `apply_event` hands it and reports
what the user does through signals: `text_submitted(str)`, `settings_changed(Settings)` (after
the settings dialog saved), `reconnect_requested()`, `retry_now_requested()` (while waiting to
reconnect: try now) and `closed()` (the window was closed, the owner should shut the session
down and end the loop).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRectF, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.events import (
    Event,
    Grounding,
    NotDelivered,
    Notice,
    Role,
    SessionError,
    SessionState,
    StateChanged,
    TranscriptDelta,
    TranscriptLine,
    TurnComplete,
    Usage,
    UserSpeech,
)
from desktop.settings import Settings, SettingsStore, config_dir
from desktop.ui.grounding_view import GroundingPanel
from desktop.ui.model_notice import model_suggestion
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.transcript_view import TranscriptView

if TYPE_CHECKING:
    from desktop.session.endpoint import Endpoint

DEFAULT_SIZE = (900, 640)

STATE_COLOURS: dict[SessionState, str] = {
    SessionState.IDLE: "#9aa0a6",
    SessionState.CONNECTING: "#f29900",
    SessionState.LIVE: "#1e8e3e",
    SessionState.RECONNECTING: "#f29900",
    SessionState.CLOSED: "#9aa0a6",
    SessionState.ERROR: "#d93025",
}

EMULATED_BADGE_STYLE = (
    "QLabel { background: #fff4d6; color: #7a4f01; border: 1px solid #f0c36d;"
    " border-radius: 11px; padding: 3px 12px; font-weight: 600; }"
)
LIVE_BADGE_STYLE = (
    "QLabel { background: #e8f0fe; color: #174ea6; border: 1px solid #aecbfa;"
    " border-radius: 11px; padding: 3px 12px; font-weight: 600; }"
)
NO_ENDPOINT_BADGE_STYLE = (
    "QLabel { background: #fce8e6; color: #a50e0e; border: 1px solid #f6aea9;"
    " border-radius: 11px; padding: 3px 12px; font-weight: 600; }"
)


def geometry_store() -> QSettings:
    """Window geometry only; kept beside settings.json so tests and users share one place."""
    return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    """Screenmate's window. Call `set_endpoint` once the endpoint is known (None if opening it
    failed, then `show_error` the reason) and `apply_event` for every session event."""

    text_submitted = Signal(str)
    settings_changed = Signal(object)  # Settings, already saved
    reconnect_requested = Signal()
    retry_now_requested = Signal()  # the status line's "Retry now" while waiting to reconnect
    pair_requested = Signal()  # Session › Pair a device… (companion watches and phones)
    history_requested = Signal()  # Session › History… (past sessions)
    closed = Signal()
    hidden_to_tray = Signal()  # closed while a tray icon keeps the app running

    def __init__(
        self,
        settings: Settings,
        *,
        settings_store: SettingsStore | None = None,
        window_state: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._settings_store = settings_store or SettingsStore()
        self._window_state = window_state or geometry_store()
        self._endpoint: Endpoint | None = None
        self._state = SessionState.IDLE
        self._last_error = ""
        self._attempt = 0
        self._retry_at: float | None = None  # monotonic: when the next attempt is due
        self._status_text = ""

        self.setWindowTitle(self.tr("Screenmate"))
        self._build_widgets()
        self._build_actions()
        self._show_state(SessionState.CONNECTING)
        self._restore_geometry()

    # -- public API ---------------------------------------------------------------------

    @property
    def transcript(self) -> TranscriptView:
        return self._transcript

    @property
    def message_input(self) -> QLineEdit:
        return self._input

    @property
    def status_text(self) -> str:
        return self._status_text

    @property
    def badge_text(self) -> str:
        return self._badge.text()

    @property
    def usage_text(self) -> str:
        return self._usage.text()

    @property
    def settings(self) -> Settings:
        return self._settings

    def set_settings(self, settings: Settings) -> None:
        self._settings = settings
        self._update_badge()

    def set_endpoint(self, endpoint: Endpoint | None) -> None:
        self._endpoint = endpoint
        self._update_badge()

    def begin_session(self, note: str = "") -> None:
        """A new LiveSession starts: its line ids must not update the previous session's lines."""
        self._transcript.start_new_session()
        if note:
            self._transcript.add_notice(note, time.time())

    def show_error(self, message: str) -> None:
        """Show an error that did not come as a session event (e.g. the endpoint did not open)."""
        self._last_error = message
        self._show_state(SessionState.ERROR)

    def apply_event(self, event: Event) -> None:
        if isinstance(event, TranscriptDelta):
            self._transcript.add_delta(event)
        elif isinstance(event, TranscriptLine):
            self._transcript.add_line(event)
            if event.role is Role.USER:
                self.you_speaking.hide()  # what they said is in; no end signal may follow
        elif isinstance(event, StateChanged):
            self._on_state(event)
        elif isinstance(event, Usage):
            self._show_usage(event)
        elif isinstance(event, SessionError):
            self._last_error = event.message
            if not event.fatal:
                self._show_state(self._state)
        elif isinstance(event, Grounding):
            self.grounding.show_grounding(event)
        elif isinstance(event, UserSpeech):
            self.you_speaking.setVisible(event.speaking)
        elif isinstance(event, TurnComplete) and (event.reason or event.waiting_for_input):
            self._transcript.add_notice(self._turn_end_note(event), time.time())
        elif isinstance(event, Notice):
            self._transcript.add_notice(event.text, time.time())
        elif isinstance(event, NotDelivered):
            self._transcript.add_notice(
                self.tr('"%1" was not delivered: %2. Press Enter to send it again.')
                .replace("%1", event.text)
                .replace("%2", event.reason),
                time.time(),
            )
            if not self._input.text():
                self._input.setText(event.text)
        # Audio, tool calls and resumption handles are for other consumers.

    def add_controls(self, widget: QWidget) -> None:
        """Add a feature's controls to the row above the message box (left to right)."""
        self._controls.addWidget(widget)

    def add_side_panel(self, widget: QWidget) -> None:
        """Add a feature's panel to the column right of the transcript (top to bottom)."""
        self._side.addWidget(widget)

    # -- building -----------------------------------------------------------------------

    def _build_widgets(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(8)

        header = QHBoxLayout()
        self._badge = QLabel(central)
        self._badge.setObjectName("endpointBadge")
        self._badge.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        header.addWidget(self._badge)
        header.addStretch(1)
        # The server hears the user speak (voice activity, interim transcription).
        self.you_speaking = QLabel(self.tr("● You are speaking"), central)
        self.you_speaking.setObjectName("youSpeaking")
        self.you_speaking.setStyleSheet("color: #1a73e8; font-weight: 600;")
        self.you_speaking.hide()
        header.addWidget(self.you_speaking)
        self._session_info = QLabel(central)
        self._session_info.setObjectName("sessionInfo")
        self._session_info.setStyleSheet("color: palette(placeholder-text);")
        header.addWidget(self._session_info)
        layout.addLayout(header)
        # Once, for settings that still name the previous preview model (ui/model_notice.py).
        self.model_suggestion = model_suggestion(self._settings, self._model_answered, central)
        if self.model_suggestion is not None:
            layout.addWidget(self.model_suggestion)

        # The transcript, with a side column for panels that features add (vision preview...).
        body = QHBoxLayout()
        body.setSpacing(10)
        self._transcript = TranscriptView(central)
        body.addWidget(self._transcript, 1)
        self._side = QVBoxLayout()
        self._side.setSpacing(8)
        body.addLayout(self._side)
        self.grounding = GroundingPanel(central)  # hidden until an answer is grounded
        self._side.addWidget(self.grounding)
        layout.addLayout(body, 1)

        # A row for controls that features add (talk button, level meter, sharing...).
        self._controls = QHBoxLayout()
        self._controls.setSpacing(8)
        layout.addLayout(self._controls)

        input_row = QHBoxLayout()
        input_row.setSpacing(6)
        self._input = QLineEdit(central)
        self._input.setObjectName("messageInput")
        self._input.setPlaceholderText(self.tr("Type a message and press Enter"))
        self._input.setClearButtonEnabled(True)
        self._input.setMinimumHeight(32)
        self._input.returnPressed.connect(self._submit)
        self._input.textChanged.connect(self._on_input_changed)
        input_row.addWidget(self._input, 1)
        self._send = QPushButton(self.tr("Send"), central)
        self._send.setObjectName("sendButton")
        self._send.setMinimumHeight(32)
        self._send.setEnabled(False)
        self._send.clicked.connect(self._submit)
        input_row.addWidget(self._send)
        layout.addLayout(input_row)
        self.setCentralWidget(central)
        # Typing is the first thing a user does: the window opens with the cursor in the box.
        self._input.setFocus(Qt.FocusReason.OtherFocusReason)

        status_bar = self.statusBar()
        status_bar.setSizeGripEnabled(False)
        state_box = QWidget(status_bar)
        state_layout = QHBoxLayout(state_box)
        state_layout.setContentsMargins(8, 0, 0, 0)
        state_layout.setSpacing(6)
        self._state_icon = QLabel(state_box)
        self._state_label = QLabel(state_box)
        self._state_label.setObjectName("sessionState")
        state_layout.addWidget(self._state_icon)
        state_layout.addWidget(self._state_label, 1)
        self._retry_now = QPushButton(self.tr("Retry now"), state_box)
        self._retry_now.setObjectName("retryNow")
        self._retry_now.setFlat(True)
        self._retry_now.setVisible(False)
        self._retry_now.clicked.connect(self.retry_now_requested)
        state_layout.addWidget(self._retry_now)
        self._retry_tick = QTimer(self)
        self._retry_tick.setInterval(1000)
        self._retry_tick.timeout.connect(lambda: self._show_state(self._state))
        status_bar.addWidget(state_box, 1)
        self._usage = QLabel(status_bar)
        self._usage.setObjectName("usage")
        self._usage.setStyleSheet("color: palette(placeholder-text); padding-right: 8px;")
        status_bar.addPermanentWidget(self._usage)
        self._update_badge()

    def _build_actions(self) -> None:
        settings_action = QAction(self.tr("&Settings…"), self)
        settings_action.setShortcut(QKeySequence("Ctrl+,"))
        settings_action.triggered.connect(self.open_settings)
        reconnect_action = QAction(self.tr("&Reconnect"), self)
        reconnect_action.setShortcut(QKeySequence("Ctrl+R"))
        reconnect_action.triggered.connect(self.reconnect_requested)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.quit)
        focus_action = QAction(self.tr("&Type a Message"), self)
        focus_action.setShortcut(QKeySequence("Ctrl+L"))
        focus_action.triggered.connect(self.focus_input)

        session_menu = self.menuBar().addMenu(self.tr("&Session"))
        session_menu.addAction(settings_action)
        session_menu.addAction(reconnect_action)
        pair_action = QAction(self.tr("&Pair a Device…"), self)
        pair_action.triggered.connect(self.pair_requested)
        session_menu.addAction(pair_action)
        history_action = QAction(self.tr("&History…"), self)
        history_action.setShortcut(QKeySequence("Ctrl+H"))
        history_action.triggered.connect(self.history_requested)
        session_menu.addAction(history_action)
        self.addAction(history_action)
        session_menu.addSeparator()
        session_menu.addAction(quit_action)
        transcript_menu = self.menuBar().addMenu(self.tr("&Transcript"))
        transcript_menu.addAction(focus_action)
        transcript_menu.addAction(self._transcript.copy_transcript_action)
        # Window-wide shortcuts, whichever child has the focus.
        for action in (settings_action, reconnect_action, quit_action, focus_action):
            self.addAction(action)

    # -- user actions -------------------------------------------------------------------

    def focus_input(self) -> None:
        self._input.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._input.selectAll()

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self._settings, self._settings_store, self)
        dialog.accepted.connect(lambda: self._settings_accepted(dialog))
        dialog.finished.connect(dialog.deleteLater)
        # open(), not exec(): no nested event loop while asyncio tasks run on this thread.
        dialog.open()
        return dialog

    def open_key_settings(self) -> None:
        """ "Enter an API Key…": Settings with the cursor in the key field."""
        self.open_settings().focus_key()

    def _settings_accepted(self, dialog: SettingsDialog) -> None:
        new_settings = dialog.settings()
        changed = new_settings != self._settings or dialog.key_changed
        self.set_settings(new_settings)
        if changed:
            self.settings_changed.emit(new_settings)

    def _turn_end_note(self, event: TurnComplete) -> str:
        """turnCompleteReason / waitingForInput, said in the transcript."""
        if event.reason in ("", "NEED_MORE_INPUT"):
            return self.tr("The model is waiting for you to say more.")
        reason = event.reason.replace("_", " ").lower()
        return self.tr("The model ended its answer early (%1).").replace("%1", reason)

    def _model_answered(self, chosen: Settings) -> None:
        changed = chosen.model != self._settings.model
        try:
            self._settings_store.save(chosen)
        except OSError as exc:  # asked again next time; the choice holds for this run
            note = self.tr("The settings could not be saved: %1").replace("%1", str(exc))
            self._transcript.add_notice(note, time.time())
        self.set_settings(chosen)
        if changed:
            self.settings_changed.emit(chosen)

    def _submit(self) -> None:
        text = self._input.text().strip()
        if not text or not self._input.isEnabled():
            return
        self._input.clear()
        self.text_submitted.emit(text)

    def _on_input_changed(self, text: str) -> None:
        self._send.setEnabled(bool(text.strip()))

    # -- showing state ------------------------------------------------------------------

    def _on_state(self, event: StateChanged) -> None:
        if event.state is SessionState.LIVE:
            self._last_error = ""
        elif event.detail and event.state in (SessionState.ERROR, SessionState.RECONNECTING):
            self._last_error = event.detail
        self._attempt = event.attempt
        waiting = event.state is SessionState.RECONNECTING and event.retry_in_s > 0
        self._retry_at = time.monotonic() + event.retry_in_s if waiting else None
        self._show_state(event.state)

    def _show_state(self, state: SessionState) -> None:
        self._state = state
        reason = self._last_error
        if state is SessionState.CONNECTING:
            text = self.tr("Connecting…")
        elif state is SessionState.LIVE:
            text = self.tr("Live")
        elif state is SessionState.RECONNECTING and self._retry_at is not None:
            left = max(0, round(self._retry_at - time.monotonic()))
            text = self.tr("Reconnecting in %1 s (attempt %n)…", "", max(self._attempt, 1))
            text = text.replace("%1", str(left))
        elif state is SessionState.RECONNECTING:
            text = self.tr("Reconnecting (attempt %n)…", "", max(self._attempt, 1))
        elif state is SessionState.CLOSED:
            text = self.tr("Closed")
        elif state is SessionState.ERROR:
            text = self.tr("Error: %1").replace("%1", reason or self.tr("unknown"))
            reason = ""
        else:
            text = self.tr("Idle")
        if reason:
            text += " — " + reason
        waiting = state is SessionState.RECONNECTING and self._retry_at is not None
        self._retry_now.setVisible(waiting)
        if waiting and not self._retry_tick.isActive():
            self._retry_tick.start()
        elif not waiting:
            self._retry_tick.stop()
        self._status_text = text
        self._state_label.setText(text)
        self._state_label.setToolTip(text)
        colour = STATE_COLOURS[state]
        self._state_label.setStyleSheet(f"color: {colour};" if state is SessionState.ERROR else "")
        self._state_icon.setPixmap(_dot(colour, self._state_label.fontMetrics().height()))

    def _show_usage(self, usage: Usage) -> None:
        # The session total and its cost are in the usage meter; this is the latest turn.
        self._usage.setText(
            self.tr("last turn: %1 tokens").replace("%1", f"{usage.total_tokens:,}")
        )
        lines = [
            self.tr("Latest usage reported by the model"),
            self.tr("Prompt: %1").replace("%1", f"{usage.prompt_tokens:,}"),
            self.tr("Response: %1").replace("%1", f"{usage.response_tokens:,}"),
        ]
        for modality, count in sorted(usage.prompt_by_modality.items()):
            lines.append(f"  {self.tr('prompt')} {modality.lower()}: {count:,}")
        for modality, count in sorted(usage.response_by_modality.items()):
            lines.append(f"  {self.tr('response')} {modality.lower()}: {count:,}")
        self._usage.setToolTip("\n".join(lines))

    def _update_badge(self) -> None:
        endpoint = self._endpoint
        self._session_info.setText(
            self.tr("Voice %1 · %2")
            .replace("%1", self._settings.voice)
            .replace("%2", self._settings.language or self.tr("automatic language"))
        )
        if endpoint is None:
            self._badge.setText(self.tr("Not connected"))
            self._badge.setStyleSheet(NO_ENDPOINT_BADGE_STYLE)
            self._badge.setToolTip(self.tr("No Live API endpoint is open; see the status line."))
        elif endpoint.emulated:
            self._badge.setText(self.tr("Offline demo - emulated model"))
            self._badge.setStyleSheet(EMULATED_BADGE_STYLE)
            self._badge.setToolTip(
                self.tr(
                    "No Gemini API key is set, so Screenmate talks to a built-in emulator that "
                    "only echoes what it receives.\nTo talk to Gemini Live, set GEMINI_API_KEY "
                    "in the environment, or enter a key in Session › Settings… (it is stored in "
                    "the OS keychain), then reconnect."
                )
            )
        else:
            self._badge.setText(self.tr("Gemini Live · %1").replace("%1", self._settings.model))
            self._badge.setStyleSheet(LIVE_BADGE_STYLE)
            where = endpoint.base_url or self.tr("Google")
            self._badge.setToolTip(self.tr("Connected through %1").replace("%1", where))

    # -- geometry -----------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        saved = self._window_state.value("main_window/geometry")
        if isinstance(saved, QByteArray) and not saved.isEmpty() and self.restoreGeometry(saved):
            return
        self.resize(*DEFAULT_SIZE)

    def set_hide_on_close(self, hide: bool) -> None:
        """With a tray icon, closing the window hides it; `quit()` really ends the app."""
        self._hide_on_close = hide

    def quit(self) -> None:
        self._quitting = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._window_state.setValue("main_window/geometry", self.saveGeometry())
        self._window_state.sync()
        if getattr(self, "_hide_on_close", False) and not getattr(self, "_quitting", False):
            event.ignore()
            self.hide()
            self.hidden_to_tray.emit()
            return
        event.accept()
        self.closed.emit()


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
