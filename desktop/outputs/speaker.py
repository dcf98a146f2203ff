"""The speaker: the model's 24 kHz PCM16 through a PortAudio output stream and a jitter buffer.

Only moves data. `play()` (on the loop) resamples if the device could not open at 24 kHz and
queues into `core.audio_jitter.JitterBuffer`; the PortAudio callback pulls fixed blocks from it
under a lock (silence when it runs dry). `clear()` is the barge-in: what is queued is dropped
and the next block the callback pulls is silent.

Reports to the loop (via `call_soon_threadsafe`): `on_speaking(bool)` when the model's audio
starts or stops coming out, and `on_played(pcm, rate)` with every block actually played (the
far-end reference for the echo canceller).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from desktop.audio import devices
from desktop.audio.devices import AudioUnavailable
from desktop.audio.resample import Resampler
from desktop.core.audio_devices import DeviceInfo, Direction
from desktop.core.audio_jitter import JitterBuffer, drain_budget_s

log = logging.getLogger(__name__)

RATE = 24_000
BLOCK_MS = 20
PREFILL_MS = 60
DRAIN_MARGIN_S = 0.3
DRAIN_POLL_S = 0.02


class Speaker:
    def __init__(
        self,
        device: str,
        *,
        on_speaking: Callable[[bool], None] | None = None,
        on_played: Callable[[bytes, int], None] | None = None,
        block_ms: int = BLOCK_MS,
        prefill_ms: int = PREFILL_MS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.wanted = device
        self._on_speaking = on_speaking
        self.on_played = on_played
        self.block_ms = block_ms
        self.prefill_ms = prefill_ms
        self._clock = clock
        self._lock = threading.Lock()
        self._buffer = JitterBuffer(RATE, prefill_ms=prefill_ms)
        self._resampler = Resampler(RATE, RATE)
        self._in_rate = RATE
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stream: Any = None
        self._channels = 1
        self._speaking = False
        self.device: DeviceInfo | None = None
        self.note = ""
        self.device_rate = RATE
        self.failed = False
        self.last_callback_at = 0.0
        self.cleared_at: float | None = None  # monotonic time of the latest barge-in
        # Monotonic time by which the last audio handed to the device has come out of it.
        self.audio_until = 0.0
        self._device_latency_s = 0.0

    @property
    def is_open(self) -> bool:
        return self._stream is not None

    @property
    def speaking(self) -> bool:
        return self._speaking

    @property
    def queued_ms(self) -> float:
        with self._lock:
            return self._buffer.queued_ms

    @property
    def underruns(self) -> int:
        return self._buffer.underruns

    def open(self) -> None:
        sd = devices.sounddevice()
        choice = devices.find(self.wanted, Direction.OUTPUT)
        if choice.device is None:
            raise AudioUnavailable(choice.note or "No speaker was found.")
        self.device, self.note = choice.device, choice.note
        self._loop = asyncio.get_running_loop()
        rate, channels = RATE, 1
        try:
            sd.check_output_settings(
                device=choice.device.index, channels=1, dtype="int16", samplerate=RATE
            )
        except Exception:
            rate = int(choice.device.default_rate)
            channels = min(2, max(1, choice.device.outputs))
            log.info("%s cannot play 24 kHz mono; playing at %d Hz", choice.device.name, rate)
        with self._lock:
            self.device_rate, self._channels = rate, channels
            self._buffer = JitterBuffer(rate, prefill_ms=self.prefill_ms)
            self._resampler = Resampler(self._in_rate, rate)
        self.failed = False
        device = choice.device  # narrowed: not None past the check above
        stream = devices.start_stream(
            lambda: sd.OutputStream(
                device=device.index,
                samplerate=rate,
                channels=channels,
                dtype="int16",
                blocksize=rate * self.block_ms // 1000,
                latency="low",
                callback=self._callback,
                finished_callback=self._finished,
            ),
            f"the speaker “{device.name}”",
        )
        self._stream = stream
        self._device_latency_s = _output_latency(stream)
        self.last_callback_at = self._clock()

    def close(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            devices.close_stream(stream)
        self.clear()

    # -- the loop -----------------------------------------------------------------------------

    def play(self, pcm: bytes, sample_rate: int = RATE) -> None:
        """Queue model audio (PCM16 mono). Dropped silently while no stream is open."""
        if self._stream is None or not pcm:
            return
        samples = np.frombuffer(pcm, dtype="<i2")
        with self._lock:
            if sample_rate != self._in_rate:
                self._in_rate = sample_rate
                self._resampler = Resampler(sample_rate, self.device_rate)
            self._buffer.push(self._resampler.process(samples))

    def end_of_turn(self) -> None:
        """The model's turn is complete: play out the tail without waiting for more."""
        with self._lock:
            self._buffer.end_of_turn()

    async def drain(self, margin_s: float = DRAIN_MARGIN_S) -> bool:
        """Wait until every queued sample has come out of the device (through PortAudio's and
        the sound server's buffers), at most the queued audio's length plus the device latency
        plus `margin_s`. True if it all played (or nothing was queued)."""
        if self._stream is None:
            return True
        with self._lock:
            self._buffer.end_of_turn()
            queued = self._buffer.queued_samples
        budget = drain_budget_s(queued, self.device_rate, self._device_latency_s, margin_s)
        deadline = time.monotonic() + budget
        while True:
            with self._lock:
                pending = self._buffer.queued_samples > 0
            now = time.monotonic()
            if self._stream is None or self.failed or (not pending and now >= self.audio_until):
                return not pending
            if now >= deadline:
                log.info("speaker did not drain within %.2f s", budget)
                return False
            await asyncio.sleep(min(DRAIN_POLL_S, max(0.0, deadline - now)))

    def clear(self) -> None:
        """Barge-in: drop every queued sample; the next block played is silent."""
        with self._lock:
            self._buffer.clear()
            self._resampler.reset()
        self.cleared_at = self._clock()

    # -- PortAudio's thread ------------------------------------------------------------------

    def _callback(self, outdata: Any, frames: int, time_info: Any, status: Any) -> None:
        with self._lock:
            block = self._buffer.pull(frames)
            playing = self._buffer.playing or bool(block.any())
        outdata[:] = block.reshape(-1, 1) if self._channels == 1 else block[:, None]
        now = time.monotonic()
        self.last_callback_at = now
        if playing:
            self.audio_until = now + self._device_latency_s + frames / self.device_rate
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):
            if self.on_played is not None and playing:
                loop.call_soon_threadsafe(self.on_played, block.tobytes(), self.device_rate)
            if playing != self._speaking:
                self._speaking = playing
                loop.call_soon_threadsafe(self._report_speaking, playing)

    def _finished(self) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._stream_ended)

    def _stream_ended(self) -> None:
        if self._stream is not None:
            self.failed = True
            self._report_speaking(False)

    def _report_speaking(self, speaking: bool) -> None:
        if self._on_speaking is not None:
            try:
                self._on_speaking(speaking)
            except Exception:
                log.exception("speaking consumer failed")


def _output_latency(stream: Any) -> float:
    """PortAudio's estimate of the output latency (seconds), 0 if it gives none."""
    try:
        latency = stream.latency
        return float(latency[1] if isinstance(latency, tuple) else latency)
    except Exception:
        return 0.0
