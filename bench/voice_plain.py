"""The plain client of the voice benchmark: google-genai alone, playing through PortAudio.

What a developer would write with the SDK and sounddevice, with the app's device settings (24
kHz mono, 10 ms blocks, 20 ms latency) on the same PulseAudio sink: the baseline the app's
release -> first sample at the speaker is compared against.
"""

# ruff: noqa: ASYNC110
from __future__ import annotations

import asyncio
import contextlib
import ssl
import threading
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from desktop.audio import devices
from desktop.core.audio_devices import Direction
from desktop.core.live_config import build_connect_config, model_path
from desktop.outputs.speaker import BLOCK_MS, DEVICE_LATENCY_S, RATE
from desktop.settings import Settings


class PlainPlayer:
    """What a plain google-genai client would play with: a PortAudio stream on the same
    device with the app's device settings (24 kHz mono, 10 ms blocks, 20 ms latency), fed
    from a byte queue (no jitter buffer)."""

    def __init__(self, block_ms: int = BLOCK_MS) -> None:
        import sounddevice as sd

        self._buf = bytearray()
        self._lock = threading.Lock()
        device = devices.find("default", Direction.OUTPUT).device
        assert device is not None
        self.stream = sd.RawOutputStream(
            device=device.index, samplerate=RATE, channels=1, dtype="int16",
            blocksize=RATE * block_ms // 1000, latency=DEVICE_LATENCY_S, callback=self._pull,
        )  # fmt: skip
        self.stream.start()

    def _pull(self, outdata: Any, frames: int, time_info: Any, status: Any) -> None:
        with self._lock:
            chunk = bytes(self._buf[: frames * 2])
            del self._buf[: frames * 2]
        outdata[: len(chunk)] = chunk
        outdata[len(chunk) :] = b"\0" * (frames * 2 - len(chunk))

    def play(self, pcm: bytes) -> None:
        with self._lock:
            self._buf += pcm

    @property
    def queued(self) -> int:
        with self._lock:
            return len(self._buf)

    def close(self) -> None:
        self.stream.abort()
        self.stream.close()


@contextlib.asynccontextmanager
async def plain_session(url: str, ca: str, settings: Settings) -> AsyncIterator[Any]:
    from google import genai
    from google.genai import types

    options = types.HttpOptions(
        api_version="v1beta",
        base_url=url,
        async_client_args={"ssl": ssl.create_default_context(cafile=ca)},
    )
    client = genai.Client(api_key="bench", http_options=options)
    config: Any = build_connect_config(settings)
    async with client.aio.live.connect(model=model_path(settings.model), config=config) as session:
        yield session


async def plain_trial(
    session: Any, player: PlainPlayer, first_sound_after: Callable[[float], float], pcm: bytes
) -> tuple[float, float]:
    """The same speech with push-to-talk brackets and the same 0.4 s hold past it; returns
    (release -> first sample on the speaker, release -> first audio message)."""
    from google.genai import types

    await session.send_realtime_input(activity_start=types.ActivityStart())
    hold = pcm + bytes(int(0.4 * 16_000) * 2)
    for i in range(0, len(hold), 640):
        blob = types.Blob(data=hold[i : i + 640], mime_type="audio/pcm;rate=16000")
        await session.send_realtime_input(audio=blob)
        await asyncio.sleep(0.02)
    released = time.monotonic()
    await session.send_realtime_input(activity_end=types.ActivityEnd())
    first = float("nan")
    async for message in session.receive():
        if message.data:
            player.play(message.data)
            if first != first:  # nan: the first audio message
                first = time.monotonic()
        if message.server_content and message.server_content.turn_complete:
            break
    while player.queued:
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.2)
    return first_sound_after(released) - released, first - released
