"""The system-tray icon: the session's state at a glance and the app's controls without the window.

The icon follows `core.tray_state` (offline, idle, listening, model speaking, reconnecting,
error). Its menu calls the same code paths as the window: Talk → `Voice.toggle()`, Mute →
`Voice.set_muted()`, Pause/Resume sharing → `VisionController.pause()/resume()`, Pick region →
`VisionController.choose("region")`. With a tray, closing the window hides it (said once);
Quit ends the session cleanly. Without a tray host the window stays the main surface and says
where push-to-talk lives.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from desktop.audio.voice import Voice
from desktop.capture.pipeline import PipelineState
from desktop.core.events import Event, SessionState, StateChanged
from desktop.core.tray_state import TrayIcon, TrayInputs, tray_icon
from desktop.core.window_facts import TalkHint
from desktop.resources import resource_path
from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def tray_icon_image(state: TrayIcon) -> QIcon:
    path = resource_path("icons", f"tray-{state.value}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()


class TrayController(QObject):
    def __init__(
        self,
        window: MainWindow,
        voice: Voice,
        *,
        subscribe: Callable[[Callable[[Event], None]], object],
        pause_sharing: Callable[[], None],
        resume_sharing: Callable[[], None],
        pick_region: Callable[[], None],
        pair: Callable[[], None],
        hotkey_label: Callable[[], str],
        on_hint_shown: Callable[[], None],
        hint_shown: bool = False,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._voice = voice
        self._pause, self._resume = pause_sharing, resume_sharing
        self._hotkey_label = hotkey_label
        self._on_hint_shown = on_hint_shown
        self._hint_shown = hint_shown
        self._inputs = TrayInputs()
        self.icon_state = TrayIcon.OFFLINE
        self.available = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray = QSystemTrayIcon(window)
        self.menu = QMenu(window)
        self.menu.setObjectName("trayMenu")
        self.talk_action = self._add(self.tr("&Talk (push-to-talk)"), voice.toggle, "talk")
        self.talk_action.setCheckable(True)
        self.mute_action = self._add(self.tr("&Mute Microphone"), self._mute, "mute")
        self.mute_action.setCheckable(True)
        self.pause_action = self._add(self.tr("&Pause Sharing"), self._toggle_pause, "pause")
        self.region_action = self._add(self.tr("Pick &Region…"), pick_region, "region")
        self.menu.addSeparator()
        self.show_action = self._add(self.tr("&Hide Window"), self.toggle_window, "show")
        self.pair_action = self._add(self.tr("Pair a &Device…"), pair, "pair")
        self.settings_action = self._add(self.tr("&Settings…"), self._settings, "settings")
        self.menu.addSeparator()
        self.quit_action = self._add(self.tr("&Quit"), window.quit, "quit")
        self.tray.setContextMenu(self.menu)
        self.tray.activated.connect(self._activated)
        self.menu.aboutToShow.connect(self._refresh_menu)
        subscribe(self._on_event)
        voice.on_change(self._on_voice)
        window.hidden_to_tray.connect(self._hidden)
        self._apply()
        if self.available:
            window.set_hide_on_close(True)
            self.tray.show()
        else:
            log.info("no system tray host; the window stays the main surface")

    # -- public ---------------------------------------------------------------------------

    def no_tray_note(self, hint: TalkHint) -> str:
        """Said once in the transcript when there is no tray: where things live instead."""
        note = self.tr(
            "There is no system tray on this desktop, so Screenmate lives in this window."
        )
        if hint is TalkHint.TYPE_ONLY:
            return note
        if hint is TalkHint.BUTTON:
            return note + " " + self.tr("Push-to-talk: the Talk button below.")
        return (
            note
            + " "
            + self.tr("Push-to-talk: the Talk button below, or hold %1 anywhere.").replace(
                "%1", self._hotkey_label()
            )
        )

    def on_pipeline_state(self, state: PipelineState) -> None:
        self._inputs = _with(self._inputs, sharing_paused=state.paused, sharing=bool(state.source))
        self._apply()

    def toggle_window(self) -> None:
        if self._window.isVisible():
            self._window.hide()
        else:
            self._window.showNormal()
            self._window.raise_()
            self._window.activateWindow()
        self._refresh_menu()

    # -- inputs ---------------------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        if isinstance(event, StateChanged):
            self._inputs = _with(self._inputs, session=event.state)
            self._apply()

    def _on_voice(self) -> None:
        talk = self._voice.talk
        self._inputs = _with(
            self._inputs,
            talking=talk.talking,
            muted=talk.muted,
            model_speaking=self._voice.model_speaking,
        )
        self._apply()

    # -- actions --------------------------------------------------------------------------

    def _add(self, text: str, slot: Callable[[], object], name: str) -> QAction:
        action = QAction(text, self.menu)
        action.setObjectName(f"tray_{name}")
        action.triggered.connect(lambda _checked=False: self._run(slot))
        self.menu.addAction(action)
        return action

    def _run(self, slot: Callable[[], object]) -> None:
        slot()
        self._on_voice()  # talk/mute changes show at once, not only on the next voice tick

    def _mute(self) -> None:
        self._voice.set_muted(not self._voice.talk.muted)
        self._on_voice()

    def _toggle_pause(self) -> None:
        if self._inputs.sharing_paused:
            self._resume()
        else:
            self._pause()

    def _settings(self) -> None:
        if not self._window.isVisible():
            self.toggle_window()
        self._window.open_settings()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is QSystemTrayIcon.ActivationReason.Trigger:
            self.toggle_window()

    def _hidden(self) -> None:
        self._refresh_menu()
        if self._hint_shown:
            return
        self._hint_shown = True
        self._on_hint_shown()
        self.tray.showMessage(
            self.tr("Screenmate is still running"),
            self._hidden_message(),
            QSystemTrayIcon.MessageIcon.Information,
            6000,
        )

    def _hidden_message(self) -> str:
        if self._hotkey_label():
            return self.tr(
                "Screenmate keeps the session in the tray. Hold %1 to talk; choose Quit in "
                "the tray menu to end it."
            ).replace("%1", self._hotkey_label())
        return self.tr(
            "Screenmate keeps the session in the tray: Talk in its menu talks, Quit ends it."
        )

    # -- showing ---------------------------------------------------------------------------

    def _apply(self) -> None:
        state = tray_icon(self._inputs)
        if state is not self.icon_state or self.tray.icon().isNull():
            self.icon_state = state
            self.tray.setIcon(tray_icon_image(state))
        self.tray.setToolTip(self._tooltip())
        self._refresh_menu()

    def _tooltip(self) -> str:
        names = {
            TrayIcon.OFFLINE: self.tr("offline"),
            TrayIcon.IDLE: self.tr("ready"),
            TrayIcon.LISTENING: self.tr("listening"),
            TrayIcon.SPEAKING: self.tr("the model is speaking"),
            TrayIcon.RECONNECTING: self.tr("reconnecting"),
            TrayIcon.ERROR: self.tr("error"),
        }
        text = self.tr("Screenmate: %1").replace("%1", names[self.icon_state])
        if self._inputs.muted:
            text += " · " + self.tr("microphone muted")
        if self._inputs.sharing and self._inputs.sharing_paused:
            text += " · " + self.tr("sharing paused")
        return text

    def _refresh_menu(self) -> None:
        inputs = self._inputs
        self.talk_action.setChecked(inputs.talking)
        self.talk_action.setEnabled(inputs.session is SessionState.LIVE)
        self.mute_action.setChecked(inputs.muted)
        self.pause_action.setEnabled(inputs.sharing)
        self.pause_action.setText(
            self.tr("&Resume Sharing") if inputs.sharing_paused else self.tr("&Pause Sharing")
        )
        self.show_action.setText(
            self.tr("&Hide Window") if self._window.isVisible() else self.tr("&Show Window")
        )


def _with(inputs: TrayInputs, **changes: Any) -> TrayInputs:
    return replace(inputs, **changes)
