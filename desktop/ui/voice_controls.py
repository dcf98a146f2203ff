"""The window's voice row: a big talk button, mute, input level, speaking indicator, talk mode.

Decides nothing: the button calls `Voice.press()/release()` (hold to talk, a short click
latches, the next click ends it — the `Talk` controller decides), mute calls
`Voice.set_muted()`. Choosing another talk mode emits `talk_mode_changed(str)`: the session
needs a new connection config, which the owner (SessionController) takes care of.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from desktop.audio.voice import DeviceState, Voice
from desktop.core.audio_talk import TalkMode
from desktop.core.events import Event
from desktop.settings import SettingsStore
from desktop.ui.audio_messages import localise_audio_message
from desktop.ui.talk_widgets import LevelMeter, TalkButton, talk_style
from desktop.ui.theme import Restyler, Tone, pill_style

if TYPE_CHECKING:
    from desktop.ui.gui_app import SessionController
    from desktop.ui.main_window import MainWindow

METER_FPS = 30

__all__ = ["LevelMeter", "TalkButton", "VoiceController", "VoiceControls"]


class VoiceControls(QWidget):
    """Talk, Mute, the level meter, the model-speaking pill and the talk mode, in a row whose
    parts keep their size whatever they say: nothing moves sideways between turns. Audio
    problems go to the window's warning banner (`warning_changed`), not into the row."""

    talk_mode_changed = Signal(str)
    warning_changed = Signal(str)

    def __init__(self, voice: Voice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._voice = voice
        self._warning = ""
        self._fitted_for: tuple[str, ...] = ()
        self.setObjectName("voiceControls")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)

        self.talk_button = TalkButton(self)
        self.talk_button.setObjectName("talkButton")
        self.talk_button.setMinimumHeight(36)
        self.talk_button.pressed.connect(voice.press)
        self.talk_button.released.connect(voice.release)
        row.addWidget(self.talk_button)

        self.mute_button = QPushButton(self.tr("Mute"), self)
        self.mute_button.setObjectName("muteButton")
        self.mute_button.setCheckable(True)
        self.mute_button.setMinimumHeight(30)
        self.mute_button.setAccessibleDescription(self.tr("Stop or resume sending the microphone."))
        self.mute_button.toggled.connect(self._mute_toggled)
        row.addWidget(self.mute_button)

        self.meter = LevelMeter(self)
        row.addWidget(self.meter, 1)

        # Shown in the window's header (VoiceController puts it there), beside "You are
        # speaking": in the row it would push the controls around at small widths.
        self.speaking = QLabel(self.tr("● Speaking"), self)
        self.speaking.setObjectName("speakingIndicator")
        self.speaking.setAccessibleName(self.tr("The model is speaking"))
        self.speaking.hide()

        self.mode_combo = QComboBox(self)
        self.mode_combo.setObjectName("talkMode")
        self.mode_combo.setAccessibleName(self.tr("Talk mode"))
        self.mode_combo.addItem(self.tr("Hands-free"), TalkMode.HANDS_FREE.value)
        self.mode_combo.addItem(self.tr("Push-to-talk"), TalkMode.PUSH_TO_TALK.value)
        tip = self.tr(
            "Hands-free: the model notices when you start and stop talking.\n"
            "Push-to-talk: hold the talk button while you speak, or click it to start "
            "and again to stop."
        )
        self.mode_combo.setToolTip(tip)
        self.mode_combo.setAccessibleDescription(tip)
        self.mode_combo.currentIndexChanged.connect(self._mode_chosen)
        row.addWidget(self.mode_combo)
        self.setTabOrder(self.talk_button, self.mute_button)
        self.setTabOrder(self.mute_button, self.mode_combo)

        # The level meter animates only while someone can see it and the mic is open: a hidden
        # window or a muted/absent mic wakes nothing (an idle app in the tray stays quiet).
        self._timer = QTimer(self)
        self._timer.setInterval(1000 // METER_FPS)
        self._timer.timeout.connect(self._tick)
        self._unsubscribe = voice.on_change(self.refresh)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        Restyler(self, self._restyle)
        self.refresh()

    def _labels(self) -> list[str]:
        return [
            self.tr("No microphone"),
            self.tr("Muted"),
            self.tr("Listening · just talk"),
            self.tr("Talking… (click to stop)"),
            self.tr("Talking…"),
            self.tr("Hold to talk"),
        ]

    def _fit(self) -> None:
        labels = tuple(self._labels())
        if labels != self._fitted_for:
            self._fitted_for = labels
            self.talk_button.fit_width(list(labels))
            mute_texts = (self.tr("Mute"), self.tr("Unmute"))
            metrics = self.mute_button.fontMetrics()
            widest = max(metrics.horizontalAdvance(t) for t in mute_texts)
            self.mute_button.setMinimumWidth(widest + 32)

    def _restyle(self) -> None:
        self.speaking.setStyleSheet(
            pill_style("QLabel", Tone.SUCCESS, radius=10, padding="2px 10px")
        )
        self.talk_button.setStyleSheet(talk_style(self._voice.talk.state.talking))

    def refresh(self) -> None:
        voice = self._voice
        talk = voice.talk.state
        status = voice.status
        mic_ok = status.mic is DeviceState.OK
        self._fit()
        index = self.mode_combo.findData(talk.mode.value)
        if index != self.mode_combo.currentIndex():
            self.mode_combo.blockSignals(True)
            self.mode_combo.setCurrentIndex(index)
            self.mode_combo.blockSignals(False)
        push_to_talk = talk.mode is TalkMode.PUSH_TO_TALK
        if not mic_ok:
            text = self.tr("No microphone")
        elif talk.muted:
            text = self.tr("Muted")
        elif not push_to_talk:
            text = self.tr("Listening · just talk")
        elif talk.talking:
            text = self.tr("Talking… (click to stop)") if talk.latched else self.tr("Talking…")
        else:
            text = self.tr("Hold to talk")
        self.talk_button.setText(text)
        self.talk_button.setEnabled(mic_ok and push_to_talk and not talk.muted)
        self.talk_button.setStyleSheet(talk_style(talk.talking))
        how = (
            self.tr("Hold while you speak, or click once to start and again to stop.")
            if push_to_talk
            else self.tr("Hands-free: switch to push-to-talk to use this button.")
        )
        devices = "\n".join(
            part
            for part in (
                self.tr("Microphone: %1").replace("%1", status.mic_name or "-"),
                self.tr("Speaker: %1").replace("%1", status.speaker_name or "-"),
                status.echo,
            )
            if part
        )
        self.talk_button.setToolTip(f"{text}\n{how}\n{devices}")
        self.talk_button.setAccessibleName(self.tr("Talk: %1").replace("%1", text))
        self.talk_button.setAccessibleDescription(how)
        if self.mute_button.isChecked() != talk.muted:
            self.mute_button.blockSignals(True)
            self.mute_button.setChecked(talk.muted)
            self.mute_button.blockSignals(False)
        self.mute_button.setText(self.tr("Unmute") if talk.muted else self.tr("Mute"))
        self.mute_button.setEnabled(mic_ok)
        self._run_meter()
        self.speaking.setVisible(voice.model_speaking)
        if status.message != self._warning:
            self._warning = status.message
            self.warning_changed.emit(status.message)

    @property
    def status_text(self) -> str:
        """The audio warning shown in the window's banner ("" when all is well)."""
        return self._warning

    def _meter_wanted(self) -> bool:
        talk = self._voice.talk.state
        return self.isVisible() and self._voice.status.mic is DeviceState.OK and not talk.muted

    def _run_meter(self) -> None:
        if self._meter_wanted():
            if not self._timer.isActive():
                self._timer.start()
        elif self._timer.isActive():
            self._timer.stop()
            self.meter.set_level(0.0)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._run_meter()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._run_meter()

    def _tick(self) -> None:
        if not self._meter_wanted():  # hidden with its window, which sends no hide event here
            self._run_meter()
            return
        self.meter.set_level(self._voice.level)

    def _mute_toggled(self, muted: bool) -> None:
        self._voice.set_muted(muted)
        self.refresh()  # "Unmute" at once: muting while idle changes no talk action

    def _mode_chosen(self, index: int) -> None:
        mode = str(self.mode_combo.itemData(index))
        self._voice.set_talk_mode(TalkMode(mode))
        self.talk_mode_changed.emit(mode)
        self.refresh()


class VoiceController(QObject):
    """Puts voice into a window: the controls row, the current session, settings changes.

    Follows `controller.session` across session restarts (the mic always feeds the live one),
    subscribes the speaker to `controller.events`, and turns a talk-mode switch into saved
    settings plus a session restart (the server's activity detection is part of the connection
    config, so a new connection is needed).
    """

    def __init__(
        self,
        window: MainWindow,
        controller: SessionController,
        voice: Voice,
        store: SettingsStore,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._controller = controller
        self._store = store
        self.voice = voice
        self.controls = VoiceControls(voice, window)
        window.add_controls(self.controls)
        window.add_header_widget(self.controls.speaking)
        # Replies are called "spoken" only while a speaker plays them.
        self._stop_speaker_watch = voice.on_change(self._follow_speaker)
        self._follow_speaker()
        self.controls.warning_changed.connect(
            lambda text: window.show_warning("voice", localise_audio_message(text))
        )
        window.show_warning("voice", localise_audio_message(self.controls.status_text))
        menu = window.menus.feature_menu(self.tr("&Voice"), "voice")
        self.talk_action = window.menus.action(
            menu, self.tr("&Talk (Start or Stop)"), self._talk, "talk"
        )
        self.mute_action = window.menus.action(
            menu, self.tr("&Mute Microphone"), self._toggle_mute, "mute"
        )
        self._attached: object = None
        self._unsubscribe = controller.events.subscribe(self._on_event)
        self.controls.talk_mode_changed.connect(self._switch_talk_mode)
        window.settings_changed.connect(voice.apply_settings)

    async def start(self) -> None:
        await self.voice.start()

    def _follow_speaker(self) -> None:
        self._window.transcript.speaker_available = self.voice.status.speaker is DeviceState.OK

    async def aclose(self) -> None:
        self._stop_speaker_watch()
        self._unsubscribe()
        await self.voice.stop()

    def _toggle_mute(self) -> None:
        self.voice.set_muted(not self.voice.talk.muted)
        self.controls.refresh()  # muting idle sends nothing, so the voice says nothing either

    def _talk(self) -> None:
        """The Talk shortcut: start or stop talking (push-to-talk); hands-free just listens."""
        if self.voice.talk.state.mode is TalkMode.PUSH_TO_TALK:
            self.voice.toggle()
        else:
            self._window.show_warning(
                "talk-mode",
                self.tr("Hands-free is on: just talk. Switch to push-to-talk to use Talk."),
            )

    def _on_event(self, event: Event) -> None:
        session = self._controller.session
        if session is not self._attached:
            self._attached = session
            self.voice.attach(session)
        self.voice.on_event(event)

    def _switch_talk_mode(self, mode: str) -> None:
        settings = self._window.settings.replace(talk_mode=mode)
        try:
            self._store.save(settings)
        except OSError as exc:
            self._window.show_error(str(exc))
        self._window.set_settings(settings)
        self._controller.apply_settings(settings)
