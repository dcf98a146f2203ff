"""The window's voice row: a big talk button, mute, input level, speaking indicator, talk mode.

Decides nothing: the button calls `Voice.press()/release()` (hold to talk, a short click
latches, the next click ends it — the `Talk` controller decides), mute calls
`Voice.set_muted()`. Choosing another talk mode emits `talk_mode_changed(str)`: the session
needs a new connection config, which the owner (SessionController) takes care of.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.audio.voice import DeviceState, Voice
from desktop.core.audio_talk import TalkMode
from desktop.core.events import Event
from desktop.settings import SettingsStore

if TYPE_CHECKING:
    from desktop.ui.gui_app import SessionController
    from desktop.ui.main_window import MainWindow

METER_FPS = 30
TALK_IDLE_STYLE = (
    "QPushButton { background: #1a73e8; color: white; border: none; border-radius: 18px;"
    " padding: 6px 22px; font-weight: 600; font-size: 14px; }"
    " QPushButton:disabled { background: #dadce0; color: #5f6368; }"
)
TALK_ACTIVE_STYLE = (
    "QPushButton { background: #d93025; color: white; border: none; border-radius: 18px;"
    " padding: 6px 22px; font-weight: 600; font-size: 14px; }"
)
SPEAKING_STYLE = (
    "QLabel { background: #e6f4ea; color: #137333; border-radius: 10px; padding: 2px 10px;"
    " font-weight: 600; }"
)
WARNING_STYLE = "QLabel { color: #b06000; }"


class LevelMeter(QWidget):
    """A slim horizontal bar, green to amber to red, 0.0 to 1.0."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._level = 0.0
        self.setObjectName("inputLevel")
        self.setMinimumWidth(120)
        self.setToolTip(self.tr("Microphone input level"))

    def sizeHint(self) -> QSize:
        return QSize(140, 14)

    @property
    def level(self) -> float:
        return self._level

    def set_level(self, level: float) -> None:
        level = min(1.0, max(0.0, level))
        if abs(level - self._level) > 0.005:
            self._level = level
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        height = 8.0
        top = (self.height() - height) / 2
        track = QRectF(0, top, self.width(), height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#e8eaed"))
        painter.drawRoundedRect(track, 4, 4)
        if self._level > 0:
            colour = (
                "#1e8e3e" if self._level < 0.7 else "#f29900" if self._level < 0.9 else "#d93025"
            )
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(QRectF(0, top, self.width() * self._level, height), 4, 4)
        painter.end()


class VoiceControls(QWidget):
    talk_mode_changed = Signal(str)

    def __init__(self, voice: Voice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._voice = voice
        self.setObjectName("voiceControls")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)

        self.talk_button = QPushButton(self)
        self.talk_button.setObjectName("talkButton")
        self.talk_button.setMinimumHeight(36)
        self.talk_button.setMinimumWidth(150)
        self.talk_button.pressed.connect(voice.press)
        self.talk_button.released.connect(voice.release)
        row.addWidget(self.talk_button)

        self.mute_button = QPushButton(self.tr("Mute"), self)
        self.mute_button.setObjectName("muteButton")
        self.mute_button.setCheckable(True)
        self.mute_button.setMinimumHeight(30)
        self.mute_button.toggled.connect(voice.set_muted)
        row.addWidget(self.mute_button)

        self.meter = LevelMeter(self)
        row.addWidget(self.meter)

        self.speaking = QLabel(self.tr("● Speaking"), self)
        self.speaking.setObjectName("speakingIndicator")
        self.speaking.setStyleSheet(SPEAKING_STYLE)
        row.addWidget(self.speaking)

        self.status = QLabel(self)
        self.status.setObjectName("voiceStatus")
        self.status.setStyleSheet(WARNING_STYLE)
        self.status.setWordWrap(True)
        row.addWidget(self.status, 1)

        self.mode_combo = QComboBox(self)
        self.mode_combo.setObjectName("talkMode")
        self.mode_combo.addItem(self.tr("Hands-free"), TalkMode.HANDS_FREE.value)
        self.mode_combo.addItem(self.tr("Push-to-talk"), TalkMode.PUSH_TO_TALK.value)
        self.mode_combo.setToolTip(
            self.tr(
                "Hands-free: the model notices when you start and stop talking.\n"
                "Push-to-talk: hold the talk button while you speak, or click it to start "
                "and again to stop."
            )
        )
        self.mode_combo.currentIndexChanged.connect(self._mode_chosen)
        row.addWidget(self.mode_combo)

        # The level meter animates only while someone can see it and the mic is open: a hidden
        # window or a muted/absent mic wakes nothing (an idle app in the tray stays quiet).
        self._timer = QTimer(self)
        self._timer.setInterval(1000 // METER_FPS)
        self._timer.timeout.connect(self._tick)
        self._unsubscribe = voice.on_change(self.refresh)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self.refresh()

    def refresh(self) -> None:
        voice = self._voice
        talk = voice.talk.state
        status = voice.status
        mic_ok = status.mic is DeviceState.OK
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
        self.talk_button.setStyleSheet(TALK_ACTIVE_STYLE if talk.talking else TALK_IDLE_STYLE)
        self.talk_button.setToolTip(
            self.tr("Hold while you speak, or click once to start and again to stop.")
            if push_to_talk
            else self.tr("Hands-free: switch to push-to-talk to use this button.")
        )
        if self.mute_button.isChecked() != talk.muted:
            self.mute_button.blockSignals(True)
            self.mute_button.setChecked(talk.muted)
            self.mute_button.blockSignals(False)
        self.mute_button.setText(self.tr("Unmute") if talk.muted else self.tr("Mute"))
        self.mute_button.setEnabled(mic_ok)
        self._run_meter()
        self.speaking.setVisible(voice.model_speaking)
        self.status.setText(status.message)
        self.status.setToolTip(
            "\n".join(
                part
                for part in (
                    self.tr("Microphone: %1").replace("%1", status.mic_name or "-"),
                    self.tr("Speaker: %1").replace("%1", status.speaker_name or "-"),
                    status.echo,
                )
                if part
            )
        )

    @property
    def status_text(self) -> str:
        return self.status.text()

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
        self._attached: object = None
        self._unsubscribe = controller.events.subscribe(self._on_event)
        self.controls.talk_mode_changed.connect(self._switch_talk_mode)
        window.settings_changed.connect(voice.apply_settings)

    async def start(self) -> None:
        await self.voice.start()

    async def aclose(self) -> None:
        self._unsubscribe()
        await self.voice.stop()

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
