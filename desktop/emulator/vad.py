"""A small energy-based voice activity detector over PCM16 mono audio.

Speech starts when the RMS of consecutive short windows exceeds a threshold for
`prefix_padding_ms`; it ends after `silence_duration_ms` of windows below a (lower) end
threshold. The detector keeps the PCM of the current utterance so the caller can hand it to a
transcriber.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

WINDOW_MS = 20

# RMS thresholds as a fraction of full scale.
_START_THRESHOLD = {
    "START_SENSITIVITY_HIGH": 0.008,
    "START_SENSITIVITY_UNSPECIFIED": 0.015,
    "START_SENSITIVITY_LOW": 0.03,
}
# End threshold as a fraction of the start threshold: high end sensitivity ends speech sooner.
_END_RATIO = {
    "END_SENSITIVITY_HIGH": 0.8,
    "END_SENSITIVITY_UNSPECIFIED": 0.5,
    "END_SENSITIVITY_LOW": 0.3,
}


@dataclass(frozen=True)
class VadConfig:
    disabled: bool = False
    start_sensitivity: str = "START_SENSITIVITY_UNSPECIFIED"
    end_sensitivity: str = "END_SENSITIVITY_UNSPECIFIED"
    silence_duration_ms: int = 500
    prefix_padding_ms: int = 20

    @property
    def start_threshold(self) -> float:
        default = _START_THRESHOLD["START_SENSITIVITY_UNSPECIFIED"]
        return _START_THRESHOLD.get(self.start_sensitivity, default)

    @property
    def end_threshold(self) -> float:
        ratio = _END_RATIO.get(self.end_sensitivity, _END_RATIO["END_SENSITIVITY_UNSPECIFIED"])
        return self.start_threshold * ratio


@dataclass(frozen=True)
class SpeechStarted:
    start_sample: int


@dataclass(frozen=True)
class SpeechEnded:
    start_sample: int
    end_sample: int
    pcm: bytes
    sample_rate: int

    @property
    def duration_s(self) -> float:
        return (self.end_sample - self.start_sample) / self.sample_rate


VadEvent = SpeechStarted | SpeechEnded


def rms(samples: np.ndarray) -> float:
    """Root mean square of int16 samples as a fraction of full scale."""
    if samples.size == 0:
        return 0.0
    values = samples.astype(np.float64) / 32768.0
    return float(np.sqrt(np.mean(values * values)))


class EnergyVad:
    def __init__(self, config: VadConfig | None = None, sample_rate: int = 16000) -> None:
        self.config = config or VadConfig()
        self.sample_rate = sample_rate
        self.window = max(1, sample_rate * WINDOW_MS // 1000)
        self._rest = b""
        self._pos = 0  # samples consumed in whole windows
        self._loud_run = 0
        self._candidate = bytearray()
        self._candidate_start = 0
        self._in_speech = False
        self._start = 0
        self._last_loud_end = 0
        self._quiet_ms = 0
        self._segment = bytearray()

    @property
    def in_speech(self) -> bool:
        return self._in_speech

    @property
    def position(self) -> int:
        """Samples consumed so far (in whole windows)."""
        return self._pos

    def feed(self, pcm: bytes) -> list[VadEvent]:
        data = self._rest + pcm
        step = self.window * 2
        whole = len(data) - len(data) % step
        self._rest = data[whole:]
        events: list[VadEvent] = []
        for offset in range(0, whole, step):
            chunk = data[offset : offset + step]
            event = self._window(chunk, rms(np.frombuffer(chunk, dtype="<i2")))
            if event is not None:
                events.append(event)
        return events

    def flush(self) -> list[VadEvent]:
        """End the utterance in progress now (audio stream end)."""
        self._rest = b""
        self._loud_run = 0
        self._candidate.clear()
        if not self._in_speech:
            return []
        return [self._end()]

    def _window(self, chunk: bytes, level: float) -> VadEvent | None:
        start_of_window = self._pos
        self._pos += len(chunk) // 2
        cfg = self.config
        if not self._in_speech:
            if level < cfg.start_threshold:
                self._loud_run = 0
                self._candidate.clear()
                return None
            if self._loud_run == 0:
                self._candidate_start = start_of_window
            self._loud_run += 1
            self._candidate += chunk
            if self._loud_run * WINDOW_MS < max(cfg.prefix_padding_ms, WINDOW_MS):
                return None
            self._in_speech = True
            self._start = self._candidate_start
            self._segment = bytearray(self._candidate)
            self._candidate.clear()
            self._loud_run = 0
            self._last_loud_end = self._pos
            self._quiet_ms = 0
            return SpeechStarted(self._start)
        self._segment += chunk
        if level >= cfg.end_threshold:
            self._last_loud_end = self._pos
            self._quiet_ms = 0
            return None
        self._quiet_ms += WINDOW_MS
        if self._quiet_ms >= cfg.silence_duration_ms:
            return self._end()
        return None

    def _end(self) -> SpeechEnded:
        length = (self._last_loud_end - self._start) * 2
        event = SpeechEnded(
            self._start, self._last_loud_end, bytes(self._segment[:length]), self.sample_rate
        )
        self._in_speech = False
        self._segment = bytearray()
        self._quiet_ms = 0
        return event
