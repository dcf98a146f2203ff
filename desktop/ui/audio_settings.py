"""The Audio section of the settings dialog: devices by name, talk mode, echo, voice detection.

Device names are what is persisted ("default" is the system's choice), so a device that is
unplugged today is still offered and found again when it comes back.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QSpinBox, QWidget

from desktop.core.audio_devices import DEFAULT_DEVICE, Direction, device_names
from desktop.core.audio_talk import EchoMode, TalkMode
from desktop.settings import Settings

log = logging.getLogger(__name__)


def _available(direction: Direction) -> list[str]:
    try:
        from desktop.audio import devices

        return device_names(devices.list_devices(), direction)
    except Exception as exc:  # no PortAudio: the user can still type a name
        log.info("cannot list audio devices: %s", exc)
        return []


class AudioSettingsBox(QGroupBox):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Audio"))
        self.setObjectName("audioSettings")
        form = QFormLayout(self)
        self.mic_combo = self._device_combo(settings.mic_device, Direction.INPUT)
        form.addRow(self.tr("&Microphone:"), self.mic_combo)
        self.speaker_combo = self._device_combo(settings.speaker_device, Direction.OUTPUT)
        form.addRow(self.tr("S&peaker:"), self.speaker_combo)

        self.talk_combo = QComboBox(self)
        self.talk_combo.addItem(self.tr("Hands-free (the model hears when you talk)"), "hands-free")
        self.talk_combo.addItem(self.tr("Push-to-talk (hold the talk button)"), "push-to-talk")
        self._select(self.talk_combo, settings.talk_mode, TalkMode.HANDS_FREE.value)
        form.addRow(self.tr("&Talk mode:"), self.talk_combo)

        self.echo_combo = QComboBox(self)
        self.echo_combo.addItem(self.tr("Echo cancellation (speakers)"), EchoMode.AEC.value)
        self.echo_combo.addItem(
            self.tr("Half-duplex: pause the mic while the model speaks"), EchoMode.HALF_DUPLEX.value
        )
        self.echo_combo.addItem(self.tr("None (headphones)"), EchoMode.OFF.value)
        self._select(self.echo_combo, settings.echo_mode, EchoMode.AEC.value)
        form.addRow(self.tr("&Echo:"), self.echo_combo)

        self.start_combo = self._sensitivity(settings.vad_start_sensitivity)
        form.addRow(self.tr("Start-of-speech sensitivity:"), self.start_combo)
        self.end_combo = self._sensitivity(settings.vad_end_sensitivity)
        form.addRow(self.tr("End-of-speech sensitivity:"), self.end_combo)
        self.silence_spin = QSpinBox(self)
        self.silence_spin.setRange(0, 5000)
        self.silence_spin.setSingleStep(100)
        self.silence_spin.setSuffix(self.tr(" ms"))
        self.silence_spin.setSpecialValueText(self.tr("Server default"))
        self.silence_spin.setValue(settings.vad_silence_ms)
        form.addRow(self.tr("Silence that ends a turn:"), self.silence_spin)

    def _device_combo(self, current: str, direction: Direction) -> QComboBox:
        combo = QComboBox(self)
        combo.setEditable(True)
        names = [DEFAULT_DEVICE, *(n for n in _available(direction) if n != DEFAULT_DEVICE)]
        if current and current not in names:
            names.append(current)
        combo.addItems(names)
        combo.setCurrentText(current or DEFAULT_DEVICE)
        return combo

    def _sensitivity(self, current: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(self.tr("Server default"), "default")
        combo.addItem(self.tr("High"), "high")
        combo.addItem(self.tr("Low"), "low")
        self._select(combo, current, "default")
        return combo

    @staticmethod
    def _select(combo: QComboBox, value: str, fallback: str) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(index if index >= 0 else combo.findData(fallback))

    def apply(self, settings: Settings) -> Settings:
        return settings.replace(
            mic_device=self.mic_combo.currentText().strip() or DEFAULT_DEVICE,
            speaker_device=self.speaker_combo.currentText().strip() or DEFAULT_DEVICE,
            talk_mode=str(self.talk_combo.currentData()),
            echo_mode=str(self.echo_combo.currentData()),
            vad_start_sensitivity=str(self.start_combo.currentData()),
            vad_end_sensitivity=str(self.end_combo.currentData()),
            vad_silence_ms=self.silence_spin.value(),
        )
