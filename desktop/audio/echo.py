"""Acoustic echo cancellation with the WebRTC audio processing module, as packaged by LiveKit's
Python SDK (`livekit.rtc.AudioProcessingModule`). Optional: if the package or its native
library cannot load, `load_echo_canceller()` says why and the app falls back to half-duplex.

Both directions run on the asyncio loop (the module is not shared across threads): the
speaker's played blocks come in through `far_end()` (resampled to 16 kHz), the mic's blocks
go through `process()`. The module works on 10 ms frames and finds the echo delay itself.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np

from desktop.audio.resample import Resampler

log = logging.getLogger(__name__)

RATE = 16_000
FRAME = RATE // 100  # 10 ms


class EchoCanceller:
    def __init__(self, apm: Any, frame_type: Any) -> None:
        self._apm = apm
        self._frame = frame_type
        self._far_rest = np.zeros(0, dtype=np.int16)
        self._near_rest = np.zeros(0, dtype=np.int16)
        self._far_resampler: Resampler | None = None
        self.frames_processed = 0

    def far_end(self, pcm: bytes, sample_rate: int) -> None:
        """A block the speaker actually played (any rate, mono PCM16)."""
        samples = np.frombuffer(pcm, dtype="<i2")
        if sample_rate != RATE:
            if self._far_resampler is None or self._far_resampler.in_rate != sample_rate:
                self._far_resampler = Resampler(sample_rate, RATE, quality="MQ")
            samples = self._far_resampler.process(samples)
        data = np.concatenate([self._far_rest, samples])
        whole = len(data) - len(data) % FRAME
        for start in range(0, whole, FRAME):
            frame = self._frame(data[start : start + FRAME].tobytes(), RATE, 1, FRAME)
            self._apm.process_reverse_stream(frame)
        self._far_rest = data[whole:]

    def process(self, pcm: bytes) -> bytes:
        """Remove the echo from a 16 kHz mic block. Returns as many samples as it was given,
        delayed by less than 10 ms when the block is not a whole number of frames."""
        samples = np.frombuffer(pcm, dtype="<i2")
        data = np.concatenate([self._near_rest, samples])
        whole = len(data) - len(data) % FRAME
        out = np.empty(whole, dtype=np.int16)
        for start in range(0, whole, FRAME):
            frame = self._frame(data[start : start + FRAME].tobytes(), RATE, 1, FRAME)
            self._apm.process_stream(frame)
            out[start : start + FRAME] = np.frombuffer(frame.data, dtype=np.int16)
            self.frames_processed += 1
        self._near_rest = data[whole:]
        return out.tobytes()


def load_echo_canceller() -> tuple[EchoCanceller | None, str]:
    """(canceller, "") or (None, why it is unavailable)."""
    try:
        from livekit import rtc
    except Exception as exc:  # ImportError, or its native library failing to load
        return None, f"echo cancellation is unavailable ({type(exc).__name__}: {exc})"
    try:
        apm = rtc.AudioProcessingModule(echo_cancellation=True, high_pass_filter=True)
    except Exception as exc:
        return None, f"echo cancellation failed to start ({exc})"
    return EchoCanceller(apm, rtc.AudioFrame), ""
