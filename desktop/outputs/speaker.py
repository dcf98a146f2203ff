"""The speaker: the model's 24 kHz PCM16 through a PortAudio output stream and a jitter buffer.

Only moves data. `play()` (on the loop) resamples if the device could not open at 24 kHz and
queues into `core.audio_jitter.JitterBuffer` (adaptive: the first chunk plays at once, the
start level grows only after a real underrun); the PortAudio callback pulls 10 ms blocks from
it under a lock (silence when it runs dry), with an explicit device latency of two blocks
instead of PortAudio's "low" (40 ms through ALSA's pulse plugin); repeated late callbacks
step that up between replies (`core.audio_latency`). `clear()` is the barge-in:
what is queued is dropped and, if audio may still sit in the device's buffer, the stream is
aborted and restarted (~1-2 ms) so that goes too.

Reports to the loop (via `call_soon_threadsafe`): `on_speaking(bool)` when the model's audio
starts or stops coming out, and `on_played(pcm, rate, at)` with every block actually played
(the far-end reference for the echo canceller), `at` being the monotonic time the device took it.
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
from desktop.core.audio_latency import LADDER_S, DeviceLatency

log = logging.getLogger(__name__)

RATE = 24_000
BLOCK_MS = 10
# With the WebRTC echo canceller on, 20 ms blocks (PortAudio then keeps 40 ms in the device):
# measured through the null sink's monitor (bench_voice --erle), 20 ms blocks gave 41 dB in
# every run; 10 ms blocks gave 40-42 dB in 4 runs of 6 and 26-30 in the other 2 (the echo then
# comes back 15-30 ms after its reference, at the near edge of the canceller's reach). Real
# hardware plays later than a null sink, so 10 ms may do as well there: unmeasured.
AEC_BLOCK_MS = 20
DEVICE_LATENCY_S = LADDER_S[0]  # two blocks: what PortAudio's ALSA host keeps in the device
PREFILL_MS = 0  # the jitter buffer's start level; it grows after real underruns
DRAIN_MARGIN_S = 0.3
DRAIN_POLL_S = 0.02


class Speaker:
    def __init__(
        self,
        device: str,
        *,
        on_speaking: Callable[[bool], None] | None = None,
        on_played: Callable[[bytes, int, float], None] | None = None,
        block_ms: int = BLOCK_MS,
        latency_s: float = DEVICE_LATENCY_S,
        prefill_ms: int = PREFILL_MS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.wanted = device
        self._on_speaking = on_speaking
        self.on_played = on_played
        self.block_ms = block_ms
        self.latency = DeviceLatency((latency_s, *(x for x in LADDER_S if x > latency_s)))
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
        self.device_underruns = 0  # callbacks too late: the device played a gap (CPU steal)
        self.restarts = 0  # barge-ins that flushed the device buffer
        self._reported_underruns = 0

    @property
    def is_open(self) -> bool:
        return self._stream is not None

    @property
    def speaking(self) -> bool:
        return self._speaking

    @property
    def device_latency_s(self) -> float:
        """The open stream's output latency as PortAudio reports it (0 when closed)."""
        return self._device_latency_s

    @property
    def queued_ms(self) -> float:
        with self._lock:
            return self._buffer.queued_ms

    @property
    def underruns(self) -> int:
        """Real underruns of the jitter buffer (audio ran dry in the middle of a reply)."""
        return self._buffer.underruns

    @property
    def played_s(self) -> float:
        """Seconds of model audio played since the stream opened."""
        with self._lock:
            return self._buffer.played_samples / self.device_rate

    @property
    def target_ms(self) -> float:
        """The jitter buffer's current start level (grows after underruns)."""
        with self._lock:
            return self._buffer.target_ms

    @property
    def underrun_log(self) -> list[tuple[int, float]]:
        """(samples played at the time, new target in ms) for each recent underrun."""
        with self._lock:
            return list(self._buffer.underrun_log)

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
        self._start_stream()
        self.last_callback_at = self._clock()

    def _start_stream(self) -> None:
        sd, device = devices.sounddevice(), self.device
        assert device is not None
        rate, channels, latency = self.device_rate, self._channels, self.latency.wanted_s
        stream = devices.start_stream(
            lambda: sd.OutputStream(
                device=device.index,
                samplerate=rate,
                channels=channels,
                dtype="int16",
                blocksize=rate * self.block_ms // 1000,
                latency=latency,
                callback=self._callback,
                finished_callback=self._finished,
            ),
            f"the speaker “{device.name}”",
        )
        self.latency.applied()
        old, self._stream = self._stream, stream
        self._device_latency_s = _output_latency(stream)
        if old is not None:
            devices.close_stream(old)

    def set_block_ms(self, block_ms: int) -> None:
        """Use `block_ms` blocks from now on (reopens an open stream; see AEC_BLOCK_MS)."""
        if block_ms == self.block_ms:
            return
        self.block_ms = block_ms
        if self._stream is not None:
            try:
                self._start_stream()
            except AudioUnavailable as exc:
                log.warning("could not reopen the speaker: %s", exc)
                self.failed = True

    def _step_up_latency(self) -> None:
        """Between replies: reopen with the larger device latency late callbacks asked for."""
        if self._stream is None or self.queued_ms > 0 or not self.latency.pending:
            return
        log.info(
            "speaker callbacks came late %d times; device latency %.0f -> %.0f ms",
            self.latency.late_callbacks,
            self.latency.current_s * 1000,
            self.latency.wanted_s * 1000,
        )
        try:
            self._start_stream()
        except AudioUnavailable as exc:
            log.warning("could not reopen the speaker: %s", exc)
            self.failed = True

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
        """Barge-in: drop every queued sample, and flush the device's buffer if model audio
        may still be in it; what is played next is silence."""
        with self._lock:
            dropped = self._buffer.clear()
            self._resampler.reset()
        self.cleared_at = self._clock()
        stream = self._stream
        if stream is not None and (dropped or time.monotonic() < self.audio_until):
            self.audio_until = 0.0
            self.restarts += 1
            if not devices.restart_stream(stream):
                self.failed = True  # the supervisor reopens it

    # -- PortAudio's thread ------------------------------------------------------------------

    def _callback(self, outdata: Any, frames: int, time_info: Any, status: Any) -> None:
        with self._lock:
            block = self._buffer.pull(frames)
            playing = self._buffer.playing or bool(block.any())
            underruns = self._buffer.underruns
        late = bool(playing and status and status.output_underflow)
        if late:
            self.device_underruns += 1
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
                loop.call_soon_threadsafe(self.on_played, block.tobytes(), self.device_rate, now)
            if playing != self._speaking:
                self._speaking = playing
                loop.call_soon_threadsafe(self._report_speaking, playing)
            if late:
                loop.call_soon_threadsafe(self.latency.late, time.monotonic())
            if underruns != self._reported_underruns:
                self._reported_underruns = underruns
                loop.call_soon_threadsafe(self._report_underrun)

    def _finished(self) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._stream_ended)

    def _stream_ended(self) -> None:
        stream = self._stream
        if stream is None or devices.is_active(stream):
            return  # closed by us, or restarted by a barge-in
        self.failed = True
        self._report_speaking(False)

    def _report_underrun(self) -> None:
        log.info(
            "speaker underrun #%d: the jitter buffer now starts at %.0f ms",
            self.underruns,
            self.target_ms,
        )

    def _report_speaking(self, speaking: bool) -> None:
        if not speaking and self.latency.pending:
            self._step_up_latency()
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


def block_ms_for(echo_reference: bool) -> int:
    """The block size to play with: small, unless the echo canceller needs the reference."""
    return AEC_BLOCK_MS if echo_reference else BLOCK_MS
