"""The speaker alone on the private PulseAudio (real PortAudio): the device latency ladder."""

from __future__ import annotations

import asyncio
import time

import numpy as np
from desktop.outputs.speaker import Speaker

from tests.support.pulse import PulseAudio


def tone(seconds: float, rate: int = 24_000) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    return (np.sin(2 * np.pi * 440 * t) * 8000).astype("<i2").tobytes()


async def settle(speaker: Speaker, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while speaker.speaking or speaker.queued_ms > 0:
        assert time.monotonic() < deadline, "the speaker never went quiet"
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.1)  # the loop hears of the quiet block


async def test_late_callbacks_step_the_device_latency_up_between_replies(
    pulse: PulseAudio,
) -> None:
    speaker = Speaker("default")
    speaker.open()
    try:
        first = speaker._stream
        assert speaker.latency.current_s == 0.02
        assert abs(first.latency - 0.02) < 0.005  # PortAudio took the explicit latency
        speaker.play(tone(0.5))
        speaker.end_of_turn()
        await asyncio.sleep(0.1)
        for _ in range(3):  # as the callback reports them under CPU steal
            speaker.latency.late(time.monotonic())
        assert speaker._stream is first  # never reopened in the middle of a reply
        await settle(speaker)
        assert speaker.latency.current_s == 0.04 and not speaker.latency.pending
        second = speaker._stream
        assert second is not first and abs(second.latency - 0.04) < 0.005
        recorder = pulse.record()
        try:
            speaker.play(tone(0.3))
            speaker.end_of_turn()
            assert await speaker.drain()
            await asyncio.sleep(0.2)
        finally:
            recorder.stop()
        assert np.abs(recorder.samples()).max() > 4000, "the reopened stream played nothing"
        assert not speaker.failed
    finally:
        speaker.close()


async def test_the_echo_canceller_gets_20_ms_blocks_headphones_get_10(pulse: PulseAudio) -> None:
    """With 10 ms blocks the canceller removed 26-30 dB in 2 runs of 6 through the null sink's
    monitor (41 dB with 20 ms in every run, bench_voice --erle): the speaker plays 20 ms blocks
    while it needs the reference, and switching the echo mode reopens the stream with the other
    size. The canceller's delay hint follows the device's output latency."""
    from desktop.audio.voice import Voice
    from desktop.settings import Settings

    voice = Voice(Settings(echo_mode="aec"))
    await voice.start()
    try:
        assert voice.status.echo == "Echo cancellation on."
        assert voice.speaker.block_ms == 20
        assert abs(voice.speaker._stream.latency - 0.04) < 0.005
        canceller = voice._echo
        assert canceller is not None
        voice.speaker.play(b"\0\1" * 2400, 24_000)  # 0.1 s: played blocks reach the canceller
        for _ in range(100):
            if canceller.delay_hint_ms:
                break
            await asyncio.sleep(0.01)
        assert canceller.delay_hint_ms == round(voice.speaker.device_latency_s * 1000) - 10
        voice.apply_settings(Settings(echo_mode="off"))
        assert voice.speaker.block_ms == 10 and voice.speaker.is_open
        assert abs(voice.speaker._stream.latency - 0.02) < 0.005
    finally:
        await voice.stop()
