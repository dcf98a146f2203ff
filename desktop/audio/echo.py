"""Acoustic echo cancellation with WebRTC's audio processing module. Optional: when no module
can load, `load_echo_canceller()` says why and the app falls back to half-duplex.

Which module:
- Linux: the one the desktop itself ships (libwebrtc-audio-processing, used by PulseAudio's
  echo-cancel module) through our small binding `desktop.audio._webrtc_apm`, built by setup.py.
  Under 1 MB, where livekit's package is 27 MB of WebRTC for the same job (issue 16's bundle).
- macOS and Windows: `livekit.rtc.AudioProcessingModule` (pyproject installs livekit there).
  Not run on this project's Linux machines.

Both directions run on the asyncio loop (the modules are not thread-safe): the speaker's played
blocks come in through `far_end()` (resampled to 16 kHz), the mic's blocks go through
`process()`. The modules work on 10 ms frames.

The Linux module needs a hint of the delay from "played" to "heard by the mic": its filter
covers about [hint - 10 ms, hint + 90 ms] (measured with tests/integration/test_echo_canceller.py's
echo). `on_played` fires when a block goes to the device, so the echo cannot come back before
the device's output latency: `set_output_latency()` sets the hint just below it.
"""

from __future__ import annotations

import logging
import sys
from typing import Any, Protocol

import numpy as np

from desktop.audio.resample import Resampler

log = logging.getLogger(__name__)

RATE = 16_000
FRAME = RATE // 100  # 10 ms
FRAME_BYTES = FRAME * 2
HINT_MARGIN_MS = 10  # the filter reaches ~10 ms before the hint: stay below the earliest echo


class Module(Protocol):
    """One 10 ms frame of 16 kHz mono PCM16 at a time."""

    name: str

    def far(self, frame: bytes) -> None: ...

    def near(self, frame: bytes, delay_ms: int) -> bytes: ...


class SystemWebrtc:
    """The desktop's libwebrtc-audio-processing through `desktop.audio._webrtc_apm`."""

    name = "WebRTC audio processing"

    def __init__(self) -> None:
        from desktop.audio import _webrtc_apm  # type: ignore[attr-defined]

        self._apm = _webrtc_apm
        self._handle = _webrtc_apm.new(RATE)

    def far(self, frame: bytes) -> None:
        self._apm.far(self._handle, frame)

    def near(self, frame: bytes, delay_ms: int) -> bytes:
        result: bytes = self._apm.near(self._handle, frame, delay_ms)
        return result


class Livekit:
    """livekit's AudioProcessingModule (AEC3), which finds the delay itself."""

    name = "WebRTC audio processing (livekit)"

    def __init__(self) -> None:
        from livekit import rtc

        self._apm = rtc.AudioProcessingModule(echo_cancellation=True, high_pass_filter=True)
        self._frame: Any = rtc.AudioFrame

    def far(self, frame: bytes) -> None:
        self._apm.process_reverse_stream(self._frame(frame, RATE, 1, FRAME))

    def near(self, frame: bytes, delay_ms: int) -> bytes:
        audio = self._frame(frame, RATE, 1, FRAME)
        self._apm.process_stream(audio)
        return bytes(audio.data)


class EchoCanceller:
    def __init__(self, module: Module) -> None:
        self.module = module
        self._far_rest = np.zeros(0, dtype=np.int16)
        self._near_rest = np.zeros(0, dtype=np.int16)
        self._far_resampler: Resampler | None = None
        self.delay_hint_ms = 0
        self.frames_processed = 0

    def set_output_latency(self, seconds: float) -> None:
        """The speaker's device latency: the echo of a block comes back no sooner."""
        self.delay_hint_ms = max(0, round(seconds * 1000) - HINT_MARGIN_MS)

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
            self.module.far(data[start : start + FRAME].tobytes())
        self._far_rest = data[whole:]

    def process(self, pcm: bytes) -> bytes:
        """Remove the echo from a 16 kHz mic block. Returns as many samples as it was given,
        delayed by less than 10 ms when the block is not a whole number of frames."""
        samples = np.frombuffer(pcm, dtype="<i2")
        data = np.concatenate([self._near_rest, samples])
        whole = len(data) - len(data) % FRAME
        out = bytearray()
        for start in range(0, whole, FRAME):
            out += self.module.near(data[start : start + FRAME].tobytes(), self.delay_hint_ms)
            self.frames_processed += 1
        self._near_rest = data[whole:]
        return bytes(out)


def load_echo_canceller() -> tuple[EchoCanceller | None, str]:
    """(canceller, "") or (None, why it is unavailable)."""
    module_type: type[SystemWebrtc] | type[Livekit] = (
        SystemWebrtc if sys.platform.startswith("linux") else Livekit
    )
    try:
        module = module_type()
    except ModuleNotFoundError as exc:
        how = (
            "the binding to libwebrtc-audio-processing was not built: install "
            "libwebrtc-audio-processing-dev and run scripts/setup.sh again"
            if exc.name == "desktop.audio._webrtc_apm"
            else f"no module {exc.name}"
        )
        return None, f"echo cancellation is unavailable ({how})"
    except ImportError as exc:  # the module is there, a library it links is not
        return None, f"echo cancellation is unavailable ({exc})"
    except Exception as exc:  # the native library failing to load or to start
        return None, f"echo cancellation failed to start ({type(exc).__name__}: {exc})"
    log.info("echo cancellation: %s", module.name)
    return EchoCanceller(module), ""
