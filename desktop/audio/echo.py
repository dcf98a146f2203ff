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
`process()`, each with the time its device took or gave it; `EchoCanceller` pairs them by those
times. The modules work on 10 ms frames.

The Linux module needs a hint of the delay from "played" to "heard by the mic": its filter
covers about [hint - 10 ms, hint + 90 ms] (measured with tests/integration/test_echo_canceller.py's
echo). `on_played` fires when a block goes to the device, so the echo cannot come back before
the device's output latency: `set_output_latency()` sets the hint just below it.
"""

from __future__ import annotations

import logging
import sys
from collections import deque
from typing import Any, Protocol

import numpy as np

from desktop.audio.resample import Resampler

log = logging.getLogger(__name__)

RATE = 16_000
FRAME = RATE // 100  # 10 ms
FRAME_S = FRAME / RATE
FRAME_BYTES = FRAME * 2
SILENCE = bytes(FRAME_BYTES)
PLAYED_KEPT = 300  # 3 s of played frames waiting for the mic (a stalled mic: the oldest go)
IDLE_S = 0.1  # no played frame this long before a mic frame: the speaker is idle
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
    """Pairs the speaker's frames with the mic's by the devices' times, then runs the module.

    The two streams reach the loop in bursts whose order wanders by a block or more (measured
    in the tests' PulseAudio loop: the echo came 23-62 ms after its reference, differently in
    every run). Fed in arrival order, the module's view of the delay jittered by ±20 ms, which
    took its ERLE from 45 to 26-31 dB (tests/integration/test_echo_canceller.py). So played
    frames wait here with the time the device took them, and each mic frame first hands over
    the played frames due by its own capture time: the module sees a steady delay.
    """

    def __init__(self, module: Module) -> None:
        self.module = module
        self._far_rest = np.zeros(0, dtype=np.int16)
        self._near_rest = np.zeros(0, dtype=np.int16)
        self._far_resampler: Resampler | None = None
        self._played: deque[tuple[float, bytes]] = deque(maxlen=PLAYED_KEPT)
        self._last_played_at = float("-inf")
        self.delay_hint_ms = 0
        self.frames_processed = 0

    def set_output_latency(self, seconds: float) -> None:
        """The speaker's device latency: the echo of a block comes back no sooner."""
        self.delay_hint_ms = max(0, round(seconds * 1000) - HINT_MARGIN_MS)

    def far_end(self, pcm: bytes, sample_rate: int, at: float) -> None:
        """A block the speaker played (any rate, mono PCM16), handed to the device at `at`
        (monotonic seconds). Its frames wait for the mic frame captured at the same time."""
        samples = np.frombuffer(pcm, dtype="<i2")
        if sample_rate != RATE:
            if self._far_resampler is None or self._far_resampler.in_rate != sample_rate:
                self._far_resampler = Resampler(sample_rate, RATE, quality="MQ")
            samples = self._far_resampler.process(samples)
        data = np.concatenate([self._far_rest, samples])
        first = at - len(self._far_rest) / RATE  # the rest was played just before this block
        whole = len(data) - len(data) % FRAME
        for start in range(0, whole, FRAME):
            self._played.append((first + start / RATE, data[start : start + FRAME].tobytes()))
        self._far_rest = data[whole:]

    def process(self, pcm: bytes, at: float) -> bytes:
        """Remove the echo from a 16 kHz mic block whose first sample was captured at `at`.
        Returns as many samples as it was given, delayed by less than 10 ms when the block is
        not a whole number of frames."""
        samples = np.frombuffer(pcm, dtype="<i2")
        data = np.concatenate([self._near_rest, samples])
        first = at - len(self._near_rest) / RATE
        whole = len(data) - len(data) % FRAME
        out = bytearray()
        for start in range(0, whole, FRAME):
            self._hand_over_played(first + start / RATE)
            out += self.module.near(data[start : start + FRAME].tobytes(), self.delay_hint_ms)
            self.frames_processed += 1
        self._near_rest = data[whole:]
        return bytes(out)

    def _hand_over_played(self, captured_at: float) -> None:
        """The played frames due by a mic frame's capture time; silence while nothing plays,
        so the module's reference runs on at the mic's pace (not while a reply plays: a frame
        late by a burst's worth is still on its way)."""
        due = captured_at + FRAME_S / 2
        handed = False
        while self._played and self._played[0][0] <= due:
            at, frame = self._played.popleft()
            self.module.far(frame)
            self._last_played_at = at
            handed = True
        if not handed and not self._played and captured_at - self._last_played_at > IDLE_S:
            self.module.far(SILENCE)


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
