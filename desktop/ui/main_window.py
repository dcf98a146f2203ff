"""The main window: endpoint badge, warnings, transcript, side panels, a line to type into, and
the session status.

The window decides nothing about the session. It shows what `apply_event` hands it and reports
what the user does through signals: `text_submitted(str)`, `settings_changed(Settings)` (after
the settings dialog saved), `reconnect_requested()`, `retry_now_requested()` (while waiting to
reconnect: try now) and `closed()` (the window was closed, the owner should shut the session
down and end the loop). Menus live in `window_menus.py`, the status bar in `status_line.py`,
the layout rules (sizes, screen fit, readable line length) in `window_layout.py`.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
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
from desktop.ui.banner import WarningBanner
from desktop.ui.grounding_view import GroundingPanel
from desktop.ui.i18n import retranslate_tree
from desktop.ui.message_row import MessageRow
from desktop.ui.model_notice import model_suggestion
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.status_line import StatusLine
from desktop.ui.transcript_view import TranscriptView
from desktop.ui.window_header import WindowHeader
from desktop.ui.window_layout import (
    DEFAULT_SIZE,
    MINIMUM_SIZE,
    ReadableWidth,
    SideColumn,
    restore_on_screen,
    set_tab_order,
)
from desktop.ui.window_menus import WindowMenus

if TYPE_CHECKING:
    from desktop.session.endpoint import Endpoint

__all__ = ["DEFAULT_SIZE", "MINIMUM_SIZE", "MainWindow", "geometry_store"]


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
        self._endpoint_known = False
        self._hide_on_close = False
        self._quitting = False
        self._placed = False

        self.setWindowTitle(self.tr("Screenmate"))
        self.setMinimumSize(*MINIMUM_SIZE)
        self._build_widgets()
        self.menus = WindowMenus(self)
        self._status.show_state(SessionState.CONNECTING)
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
        return self._status.text

    @property
    def badge_text(self) -> str:
        return self._badge.text()

    @property
    def usage_text(self) -> str:
        return self._status.usage.text()

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def banner(self) -> WarningBanner:
        return self._banner

    @property
    def side_column(self) -> SideColumn:
        return self._side

    @property
    def endpoint(self) -> Endpoint | None:
        return self._endpoint

    def set_settings(self, settings: Settings) -> None:
        self._settings = settings
        self._update_badge()

    def set_endpoint(self, endpoint: Endpoint | None) -> None:
        self._endpoint = endpoint
        self._endpoint_known = endpoint is not None
        self._update_badge()

    def begin_session(self, note: str = "") -> None:
        """A new LiveSession starts: its line ids must not update the previous session's lines."""
        self._transcript.start_new_session()
        if note:
            self._transcript.add_notice(note, time.time())

    def show_error(self, message: str) -> None:
        """Show an error that did not come as a session event (e.g. the endpoint did not open)."""
        self._status.show_error(message)

    def show_warning(self, key: str, text: str) -> None:
        """A warning in the banner above the conversation ("" clears it)."""
        self._banner.show_warning(key, text)

    def apply_event(self, event: Event) -> None:
        if isinstance(event, TranscriptDelta):
            self._transcript.add_delta(event)
        elif isinstance(event, TranscriptLine):
            self._transcript.add_line(event)
            if event.role is Role.USER:
                self.you_speaking.hide()  # what they said is in; no end signal may follow
        elif isinstance(event, StateChanged):
            self._status.on_state(event)
        elif isinstance(event, Usage):
            self._status.show_usage(event)
        elif isinstance(event, SessionError):
            self._status.last_error = event.message
            if not event.fatal:
                self._status.show_state(self._status.state)
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
        self._controls.insertWidget(self._controls.count() - 1, widget)

    def add_side_panel(self, widget: QWidget, stretch: int = 0) -> None:
        """Add a feature's panel to the column right of the transcript (top to bottom)."""
        self._side.add_panel(widget, stretch)

    def add_header_widget(self, widget: QWidget) -> None:
        """An indicator in the header, left of the voice and language (the model speaking)."""
        self._header.add_indicator(widget)

    def add_status_widget(self, widget: QWidget) -> None:
        """A permanent widget at the right of the status bar (the cost meter)."""
        widget.setContentsMargins(0, 0, 10, 0)  # clear of the window's edge
        self.statusBar().addPermanentWidget(widget)

    # -- building -----------------------------------------------------------------------

    def _build_widgets(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(8)

        self._header = WindowHeader(central)
        self._badge = self._header.badge
        self.you_speaking = self._header.you_speaking
        layout.addWidget(self._header)
        # Once, for settings that still name the previous preview model (ui/model_notice.py).
        self.model_suggestion = model_suggestion(self._settings, self._model_answered, central)
        if self.model_suggestion is not None:
            layout.addWidget(self.model_suggestion)
        self._banner = WarningBanner(central)
        layout.addWidget(self._banner)

        # The transcript, with a side column for panels that features add (vision preview...).
        body = QHBoxLayout()
        body.setSpacing(10)
        self._transcript = TranscriptView(central)
        self._transcript.setAccessibleName(self.tr("Conversation"))
        self._transcript.setAccessibleDescription(
            self.tr("What you and the model said, newest at the bottom.")
        )
        ReadableWidth(self._transcript)
        body.addWidget(self._transcript, 1)
        self._side = SideColumn(central)
        body.addWidget(self._side)
        self.grounding = GroundingPanel(central)  # hidden until an answer is grounded
        self.grounding.setAccessibleName(self.tr("Sources (Google Search)"))
        self._side.add_panel(self.grounding)
        layout.addLayout(body, 1)

        # A row for controls that features add (talk button, level meter...), then room.
        self._controls = QHBoxLayout()
        self._controls.setSpacing(8)
        self._controls.addStretch(1)
        layout.addLayout(self._controls)

        self._message_row = MessageRow(central)
        self._input, self._send = self._message_row.input, self._message_row.send
        self._message_row.submitted.connect(self.text_submitted)
        layout.addWidget(self._message_row)
        self.setCentralWidget(central)
        # Typing is the first thing a user does: the window opens with the cursor in the box.
        self._input.setFocus(Qt.FocusReason.OtherFocusReason)

        self._status = StatusLine(self.statusBar(), self._reconnecting_text)
        self._status.retry_now_requested.connect(self.retry_now_requested)
        self._status.changed.connect(self._update_badge)
        self._update_badge()

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

    def show_shortcuts(self) -> QWidget:
        return self.menus.show_shortcuts()

    def show_about(self) -> QWidget:
        return self.menus.show_about()

    def _settings_accepted(self, dialog: SettingsDialog) -> None:
        new_settings = dialog.settings()
        changed = new_settings != self._settings or dialog.key_changed
        self.set_settings(new_settings)
        if changed:
            self.settings_changed.emit(new_settings)

    def _reconnecting_text(self, seconds: int | None, attempt: int) -> str:
        """The status line's plural sentences (kept here: lupdate reads plurals from tr())."""
        if seconds is None:
            return self.tr("Reconnecting (attempt %n)…", "", max(attempt, 1))
        return self.tr("Reconnecting in %1 s (attempt %n)…", "", max(attempt, 1)).replace(
            "%1", str(seconds)
        )

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

    # -- showing state ------------------------------------------------------------------

    def _update_badge(self) -> None:
        self._header.show_facts(
            self._settings, self._endpoint, self._endpoint_known, self._status.state
        )

    # -- geometry -----------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        saved = self._window_state.value("main_window/geometry")
        if not (hasattr(saved, "isEmpty") and not saved.isEmpty() and self.restoreGeometry(saved)):
            self.resize(*DEFAULT_SIZE)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The interface language changed (Settings › Interface language): the static texts
        are looked up again, the badge and the state line are said again."""
        retranslate_tree(self)
        self._update_badge()
        self._status.show_state(self._status.state)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._placed:
            self._placed = True
            restore_on_screen(self)  # scale 2 on a small screen: shrink and move onto it
        self.fix_tab_order()
        super().showEvent(event)

    def fix_tab_order(self) -> list[QWidget]:
        """Tab follows the reading order: warnings, conversation, side panels, the controls
        row, then the message box and Send (features add their widgets after __init__)."""
        items = [self._controls.itemAt(i) for i in range(self._controls.count())]
        row = [item.widget() for item in items if item is not None]
        groups = [self._banner, self._transcript, self._side.inner]
        groups += [w for w in row if w is not None]
        return set_tab_order([*groups, self._input, self._send])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._side.follow_window_width(self.width())

    def set_hide_on_close(self, hide: bool) -> None:
        """With a tray icon, closing the window hides it; `quit()` really ends the app."""
        self._hide_on_close = hide

    def quit(self) -> None:
        self._quitting = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._window_state.setValue("main_window/geometry", self.saveGeometry())
        self._window_state.sync()
        if self._hide_on_close and not self._quitting:
            event.ignore()
            self.hide()
            self.hidden_to_tray.emit()
            return
        event.accept()
        self.closed.emit()
