"""The microphone: a PortAudio input stream that only moves data.

The PortAudio callback never blocks and never decides anything: it copies the block and hands
it to the asyncio loop with `call_soon_threadsafe` into a bounded queue (the oldest block is
dropped if the loop falls behind). A pump task on the loop resamples to 16 kHz if the device
could not open at 16 kHz, and calls `on_block(pcm16k_bytes, at)` with 20 ms blocks, `at` being
the monotonic time of the block's first sample as the callback saw it (the echo canceller pairs
mic and speaker by these times, not by when the loop got to them).

Health for the `Voice` supervisor: `failed` (PortAudio ended the stream by itself, e.g. the
device vanished), `last_block_at` and `running` (a stream that stopped delivering and that
PortAudio no longer runs is gone; one it still runs is a quiet source, such as a PulseAudio
pipe source nobody writes to, or a suspended one: not a lost device).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from desktop.audio import devices
from desktop.audio.devices import AudioUnavailable
from desktop.audio.resample import Resampler
from desktop.core.audio_devices import DeviceInfo, Direction

log = logging.getLogger(__name__)

RATE = 16_000
BLOCK_MS = 20
QUEUE_BLOCKS = 50  # 1 s: more than that behind means the loop is stuck; drop the oldest


class Microphone:
    def __init__(
        self,
        device: str,
        on_block: Callable[[bytes, float], None],
        *,
        block_ms: int = BLOCK_MS,
        queue_blocks: int = QUEUE_BLOCKS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.wanted = device
        self._on_block = on_block
        self.block_ms = block_ms
        self._clock = clock
        self._queue: asyncio.Queue[tuple[np.ndarray, float]] = asyncio.Queue(queue_blocks)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stream: Any = None
        self._pump: asyncio.Task[None] | None = None
        self._resampler: Resampler | None = None
        self.device: DeviceInfo | None = None
        self.note = ""
        self.device_rate = RATE
        self.failed = False
        self.opened_at = 0.0
        self.last_block_at = 0.0
        self.dropped_blocks = 0
        self.callback_times: list[float] = []  # arrival of each callback (bounded, for jitter)

    @property
    def is_open(self) -> bool:
        return self._stream is not None

    @property
    def running(self) -> bool:
        """PortAudio still runs the stream (it may just have nothing to deliver)."""
        stream = self._stream
        if stream is None:
            return False
        try:
            return bool(stream.active)
        except Exception:  # PortAudioError: the stream is unusable
            return False

    def open(self) -> None:
        """Open and start the stream; AudioUnavailable with a readable reason if it cannot."""
        sd = devices.sounddevice()
        choice = devices.find(self.wanted, Direction.INPUT)
        if choice.device is None:
            raise AudioUnavailable(choice.note or "No microphone was found.")
        self.device, self.note = choice.device, choice.note
        self._loop = asyncio.get_running_loop()
        rate = RATE
        try:
            sd.check_input_settings(
                device=choice.device.index, channels=1, dtype="int16", samplerate=RATE
            )
        except Exception:
            rate = int(choice.device.default_rate)
            log.info("%s cannot record at 16 kHz; recording at %d Hz", choice.device.name, rate)
        self.device_rate = rate
        self._resampler = Resampler(rate, RATE)
        self.failed = False
        device = choice.device  # narrowed: not None past the check above
        stream = devices.start_stream(
            lambda: sd.InputStream(
                device=device.index,
                samplerate=rate,
                channels=1,
                dtype="int16",
                blocksize=rate * self.block_ms // 1000,
                latency="low",
                callback=self._callback,
                finished_callback=self._finished,
            ),
            f"the microphone “{device.name}”",
        )
        self._stream = stream
        self.opened_at = self.last_block_at = self._clock()
        self._pump = asyncio.create_task(self._run_pump(), name="mic-pump")

    def close(self) -> None:
        """Stop at once (see devices.close_stream)."""
        stream, self._stream = self._stream, None
        if stream is not None:
            devices.close_stream(stream)
        if self._pump is not None:
            self._pump.cancel()
            self._pump = None
        while not self._queue.empty():
            self._queue.get_nowait()

    # -- PortAudio's thread ------------------------------------------------------------------

    def _callback(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        block = np.array(indata[:, 0], dtype=np.int16, copy=True)
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
            loop.call_soon_threadsafe(self._put, block, time.monotonic())

    def _finished(self) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._stream_ended)

    # -- the loop -----------------------------------------------------------------------------

    def _stream_ended(self) -> None:
        if self._stream is not None:  # not closed by us: the device went away
            self.failed = True

    def _put(self, block: np.ndarray, at: float) -> None:
        self.last_block_at = self._clock()
        self.callback_times.append(at)
        if len(self.callback_times) > 20_000:
            del self.callback_times[:10_000]
        if self._queue.full():
            self._queue.get_nowait()
            self.dropped_blocks += 1
        self._queue.put_nowait((block, at))

    async def _run_pump(self) -> None:
        while True:
            block, at = await self._queue.get()
            if self._resampler is not None:
                block = self._resampler.process(block)
            if block.size:
                # The callback came when the block's last sample was in: its first was earlier.
                started = at - block.size / RATE
                try:
                    self._on_block(block.astype("<i2").tobytes(), started)
                except Exception:
                    log.exception("microphone consumer failed")
