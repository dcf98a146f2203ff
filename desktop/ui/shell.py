"""Desktop integration around the window: tray icon, global push-to-talk hotkey, first run.

`DesktopShell` wires them to the controllers `run_gui` made; every control goes through the
same code path as the window: `Voice.press()/release()/toggle()/set_muted()` and
`VisionController.pause()/resume()/choose("region")`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from desktop.api_key import resolve_api_key
from desktop.audio.voice import DeviceState, Voice
from desktop.core.events import Event, SessionState, StateChanged
from desktop.core.hotkey import alternatives, parse_hotkey
from desktop.core.window_facts import TalkHint, talk_hint
from desktop.settings import Settings, SettingsStore
from desktop.ui.first_run import FirstRunDialog
from desktop.ui.hotkey import GlobalHotkey
from desktop.ui.main_window import MainWindow
from desktop.ui.tray import TrayController
from desktop.ui.vision import VisionController

log = logging.getLogger(__name__)

NO_TRAY_NOTE_AFTER_MS = 3000  # how to talk is said by then even if the mic is still starting


class DesktopShell(QObject):
    def __init__(
        self,
        window: MainWindow,
        events_subscribe: object,
        voice: Voice,
        vision: VisionController,
        open_pairing: object,
        store: SettingsStore,
        settings: Settings,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._voice = voice
        self._vision = vision
        self._store = store
        self._settings = settings
        self.hotkey: GlobalHotkey | None = None
        self.hotkey_problem: str | None = None
        self.tray = TrayController(
            window,
            voice,
            subscribe=events_subscribe,  # type: ignore[arg-type]
            pause_sharing=vision.pause,
            resume_sharing=vision.resume,
            pick_region=lambda: vision.choose("region"),
            pair=open_pairing,  # type: ignore[arg-type]
            hotkey_label=self.hotkey_label,
            on_hint_shown=lambda: self._save(tray_hint_shown=True),
            hint_shown=settings.tray_hint_shown,
        )
        vision.pipeline.state_listeners.append(self.tray.on_pipeline_state)
        window.settings_changed.connect(self._on_settings)
        self.first_run: FirstRunDialog | None = None
        self._said_how_to_talk = False
        self._stop_waiting: Callable[[], None] | None = None
        self.live_at: float | None = None

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        self._start_hotkey(self._settings.talk_shortcut)
        # The welcome and the no-tray note say how to talk, so they wait until the microphone
        # is known (the voice starts right after the shell), at most a few seconds.
        self._stop_waiting = self._voice.on_change(self._voice_known)
        QTimer.singleShot(NO_TRAY_NOTE_AFTER_MS, lambda: self._voice_known(force=True))
        self._voice_known()

    def _voice_known(self, *, force: bool = False) -> None:
        if self._said_how_to_talk or (
            not force and self._voice.status.mic in (DeviceState.OFF, DeviceState.STARTING)
        ):
            return
        self._said_how_to_talk = True
        if self._stop_waiting is not None:
            QTimer.singleShot(0, self._stop_waiting)  # not while the voice calls its listeners
        if not self.tray.available:
            self._window.transcript.add_notice(
                self.tray.no_tray_note(self.talk_hint()), time.time()
            )
        if not self._settings.first_run_done:
            QTimer.singleShot(0, self._show_first_run)

    def talk_hint(self) -> TalkHint:
        return talk_hint(
            hotkey=self.hotkey_label(),
            tray=self.tray.available,
            microphone=self._voice.status.mic is DeviceState.OK,
        )

    def talk_text(self) -> str:
        """How to talk, for the welcome: only what this desktop really offers."""
        hint = self.talk_hint()
        if hint is TalkHint.TYPE_ONLY:
            return self.tr(
                "No microphone was found, so voice is off: type your questions in the box at "
                "the bottom of the window."
            )
        if hint is TalkHint.BUTTON:
            return self.tr("Hold the <b>Talk</b> button while you speak, or press Ctrl+T.")
        text = self.tr("Hold <b>%1</b> anywhere to talk, release to send.").replace(
            "%1", self.hotkey_label()
        )
        if hint is TalkHint.HOTKEY_AND_TRAY:
            text += " " + self.tr("The tray icon shows when the model listens or speaks.")
        return text

    def stop(self) -> None:
        if self.hotkey is not None:
            self.hotkey.stop()
            self.hotkey = None
        self.tray.tray.hide()

    def bring_to_front(self) -> None:
        log.info("another launch asked for the window; bringing it to the front")
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()

    def hotkey_label(self) -> str:
        if self.hotkey is None or self.hotkey_problem:
            return ""
        return self.hotkey.hotkey.label()

    def on_event(self, event: Event) -> None:
        live = isinstance(event, StateChanged) and event.state is SessionState.LIVE
        if live and self.live_at is None:
            self.live_at = time.monotonic()
            log.info("session live")

    # -- hotkey ---------------------------------------------------------------------------

    def _start_hotkey(self, text: str) -> None:
        if self.hotkey is not None:
            self.hotkey.stop()
            self.hotkey = None
        self.hotkey_problem = None
        if not text:
            return
        try:
            self.hotkey = GlobalHotkey(
                text, self._voice.press, self._voice.release, asyncio.get_event_loop()
            )
        except ValueError as exc:
            self.hotkey_problem = (
                self.tr("The push-to-talk hotkey %1 is not valid: %2")
                .replace("%1", text)
                .replace("%2", str(exc))
            )
        else:
            problem = self.hotkey.start()
            if problem:
                self.hotkey_problem = problem
                taken = parse_hotkey(text).text()
                self.hotkey_problem += " " + self.tr("Suggestions: %1").replace(
                    "%1", ", ".join(parse_hotkey(s).label() for s in alternatives(taken)[:3])
                )
        # A warning in the banner (dismissible), cleared once a working hotkey is set.
        self._window.show_warning("hotkey", self.hotkey_problem or "")

    # -- first run ------------------------------------------------------------------------

    def _show_first_run(self) -> None:
        dialog = FirstRunDialog(
            self.hotkey_label(), resolve_api_key() is None, self._window, talk_text=self.talk_text
        )
        dialog.settings_requested.connect(self._window.open_key_settings)
        dialog.region_requested.connect(lambda: self._vision.choose("region"))
        dialog.finished.connect(lambda _result: self._save(first_run_done=True))
        self.first_run = dialog
        dialog.open()

    # -- settings -------------------------------------------------------------------------

    def _on_settings(self, settings: Settings) -> None:
        old = self._settings
        self._settings = settings
        if settings.talk_shortcut != old.talk_shortcut:
            self._start_hotkey(settings.talk_shortcut)

    def _save(self, **changes: object) -> None:
        current = self._store.load().replace(**changes)
        self._settings = self._settings.replace(**changes)
        self._window.set_settings(self._window.settings.replace(**changes))
        try:
            self._store.save(current)
        except OSError as exc:
            log.warning("could not save settings: %s", exc)
