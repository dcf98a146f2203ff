"""Voice end to end with real parts: PortAudio through a private PulseAudio server (pipe-source
mic fed with espeak-ng speech, null-sink speaker recorded from its monitor), the real SDK and
the real emulator. Audio is compared in short windows: callbacks can stall under CPU steal."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import numpy as np
import pytest
from desktop.audio import devices
from desktop.audio.voice import DeviceState, Voice
from desktop.core.events import Event, Interrupted, ModelAudio, SessionState, TurnComplete
from desktop.core.fanout import EventFanout
from desktop.emulator import LiveEmulator
from desktop.session.endpoint import Endpoint
from desktop.session.live_session import LiveSession
from desktop.settings import Settings

from tests.support.events import EventLog
from tests.support.pulse import PulseAudio, speech

HANDS_FREE = Settings(talk_mode="hands-free", echo_mode="off")
PUSH_TO_TALK = Settings(talk_mode="push-to-talk", echo_mode="off")


@pytest.fixture(scope="module")
def spoken() -> bytes:
    return speech("Hello there, what can you see on my screen right now?")


class Rig:
    """A session with voice on the emulator, as the window and headless wire it."""

    def __init__(self, emu: LiveEmulator, settings: Settings) -> None:
        self.log = EventLog()
        self.fanout = EventFanout()
        self.fanout.subscribe(self.log)
        self.event_times: list[tuple[float, Event]] = []
        self.fanout.subscribe(lambda e: self.event_times.append((time.monotonic(), e)))
        self.voice = Voice(settings)
        self.fanout.subscribe(self.voice.on_event)
        endpoint = Endpoint("key", emu.base_url, emu.ca_file, True, "emulator")
        self.session = LiveSession(endpoint, settings, self.fanout)
        self.voice.attach(self.session)
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self.voice.start()
        self.task = asyncio.create_task(self.session.run())
        await self.log.wait_for(lambda: self.session.state is SessionState.LIVE)

    async def stop(self) -> None:
        await self.session.stop()
        if self.task is not None:
            await self.task
        await self.voice.stop()


@pytest.fixture
async def rig_factory(pulse: PulseAudio) -> AsyncIterator[Any]:
    rigs: list[Rig] = []

    async def make(emu: LiveEmulator, settings: Settings) -> Rig:
        rig = Rig(emu, settings)
        rigs.append(rig)
        await rig.start()
        return rig

    yield make
    for rig in rigs:
        await rig.stop()


def find_offset(haystack: np.ndarray, needle: np.ndarray) -> int:
    """Where `needle` best lines up in `haystack` (FFT cross-correlation)."""
    n = haystack.size + needle.size
    spectrum = np.fft.rfft(haystack.astype(np.float64), n) * np.conj(
        np.fft.rfft(needle.astype(np.float64), n)
    )
    corr = np.fft.irfft(spectrum, n)[: max(1, haystack.size - needle.size + 1)]
    return int(np.argmax(corr))


def best_match(region: np.ndarray, ref: np.ndarray) -> float:
    """The highest normalised correlation of `ref` against every position in `region`."""
    n = ref.size
    if region.size < n:
        return 0.0
    x = region.astype(np.float64)
    r = ref.astype(np.float64) - ref.mean()
    size = x.size + n
    num = np.fft.irfft(np.fft.rfft(x, size) * np.conj(np.fft.rfft(r, size)), size)
    num = num[: x.size - n + 1]
    c1 = np.concatenate([[0.0], np.cumsum(x)])
    c2 = np.concatenate([[0.0], np.cumsum(x * x)])
    sums, squares = c1[n:] - c1[:-n], c2[n:] - c2[:-n]
    var = np.maximum(squares - sums * sums / n, 1e-9)
    return float(np.max(num / np.sqrt(var * np.sum(r * r))))


def window_correlations(
    recorded: np.ndarray, reference: np.ndarray, rate: int, window_s: float = 0.2
) -> list[float]:
    """Correlation of each loud window of `reference` with its best match in `recorded` near
    the global alignment (callback gaps may shift later windows a little)."""
    start = find_offset(recorded, reference)
    win, slack = int(rate * window_s), int(rate * 0.15)
    out = []
    for pos in range(0, reference.size - win, win):
        ref = reference[pos : pos + win]
        if np.std(ref) < 200:
            continue
        lo = max(0, start + pos - slack)
        out.append(best_match(recorded[lo : start + pos + win + slack], ref))
    return out


async def wait_until(predicate: Any, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(0.02)


async def test_speech_into_the_mic_reaches_the_emulator_sample_exact(
    pulse: PulseAudio, emulator: LiveEmulator, rig_factory: Any, spoken: bytes
) -> None:
    heard: list[bytes] = []
    emulator.transcriber = lambda pcm: heard.append(pcm) or "what can you see"
    rig = await rig_factory(emulator, HANDS_FREE)
    assert rig.voice.status.mic is DeviceState.OK, rig.voice.status
    pulse.say(spoken)
    await rig.log.wait_for(lambda: rig.log.of(TurnComplete), timeout=30)
    received = np.frombuffer(emulator.received_audio_bytes(), dtype="<i2")
    reference = np.frombuffer(spoken, dtype="<i2")
    at = find_offset(received, reference)
    segment = received[at : at + reference.size]
    assert segment.size == reference.size
    # Nothing resampled or batched on the way: the very samples arrive.
    assert np.array_equal(segment, reference) or np.corrcoef(segment, reference)[0, 1] >= 0.99
    # 20 ms blocks, labelled 16 kHz; the server's VAD cut the turn and heard the speech.
    blobs = [
        r.message["realtime_input"]["audio"]
        for r in emulator.received_of("realtime_input")
        if "audio" in r.message["realtime_input"]
    ]
    assert {b["mime_type"] for b in blobs} == {"audio/pcm;rate=16000"}
    assert heard and len(heard[0]) > 0.5 * len(spoken)


async def test_model_audio_reaches_the_speaker_intact(
    pulse: PulseAudio, emulator: LiveEmulator, rig_factory: Any
) -> None:
    rig = await rig_factory(emulator, HANDS_FREE)
    recorder = pulse.record()
    try:
        rig.session.send_text("please answer with a few words")
        await rig.log.wait_for(lambda: rig.log.of(TurnComplete), timeout=30)
        sent = np.frombuffer(b"".join(a.pcm for a in rig.log.of(ModelAudio)), dtype="<i2")
        await wait_until(
            lambda: not rig.voice.speaker.speaking and rig.voice.speaker.queued_ms == 0
        )
        await asyncio.sleep(0.3)
    finally:
        recorder.stop()
    recorded = recorder.samples()
    correlations = window_correlations(recorded, sent, 24_000, window_s=0.1)
    assert len(correlations) >= 10
    # Every window is the very audio sent, but under CPU steal a late callback can put an
    # underrun's silence inside one window: allow a tenth of them to be cut.
    good = sum(c >= 0.99 for c in correlations)
    underruns = rig.voice.speaker.underruns
    assert good >= 0.9 * len(correlations), (correlations, underruns)
    assert float(np.median(correlations)) >= 0.999


async def test_interrupted_silences_the_speaker_at_once(
    pulse: PulseAudio, emulator: LiveEmulator, rig_factory: Any
) -> None:
    emulator.reply_delay_s = 1.5  # the reply to the barge-in text starts well after the check
    rig = await rig_factory(emulator, HANDS_FREE)
    emulator.script_reply(" ".join(["wonderful"] * 40) + ".")
    recorder = pulse.record()
    try:
        rig.session.send_text("talk for a while")
        await wait_until(lambda: rig.voice.model_speaking, timeout=20)
        await asyncio.sleep(0.5)
        queued = rig.voice.speaker.queued_ms
        rig.session.send_text("stop")  # the emulator cuts its reply: serverContent.interrupted
        await rig.log.wait_for(lambda: rig.log.of(Interrupted), timeout=10)
        await asyncio.sleep(1.0)
    finally:
        recorder.stop()
    interrupted_at = next(t for t, e in rig.event_times if isinstance(e, Interrupted))
    samples, times = recorder.timeline()
    loud = np.nonzero(np.abs(samples) > 300)[0]
    after = loud[times[loud] > interrupted_at]
    before_next = after[times[after] < interrupted_at + 1.2]
    last_sound = times[before_next[-1]] if before_next.size else interrupted_at
    silence_after_s = last_sound - interrupted_at
    assert queued > 1000, "the reply should still have had seconds to play"
    # Without the barge-in the speaker would have played on for seconds.
    assert silence_after_s < 0.25, f"model audio went on for {silence_after_s * 1000:.0f} ms"


async def test_barge_in_flushes_the_device_and_the_next_reply_plays(
    pulse: PulseAudio, emulator: LiveEmulator, rig_factory: Any
) -> None:
    """The barge-in aborts and restarts the output stream to drop what the device still
    holds. PortAudio reports the abort as the stream finishing: that must not be taken for a
    lost speaker, and the reply that follows must play."""
    emulator.reply_delay_s = 0.5
    rig = await rig_factory(emulator, HANDS_FREE)
    emulator.script_reply(" ".join(["wonderful"] * 40) + ".")
    rig.session.send_text("talk for a while")
    await wait_until(lambda: rig.voice.model_speaking, timeout=20)
    await asyncio.sleep(0.3)
    rig.session.send_text("stop")
    await rig.log.wait_for(lambda: rig.log.of(Interrupted), timeout=10)
    assert rig.voice.speaker.restarts == 1
    recorder = pulse.record()
    try:
        await rig.log.wait_for(lambda: len(rig.log.of(TurnComplete)) >= 2, timeout=30)
        await wait_until(lambda: not rig.voice.speaker.speaking, timeout=20)
        await asyncio.sleep(0.6)  # past a supervisor check (it would mark a "lost" speaker)
    finally:
        recorder.stop()
    assert rig.voice.status.speaker is DeviceState.OK, rig.voice.status
    assert not rig.voice.speaker.failed
    assert np.abs(recorder.samples()).max() > 1000, "the reply after the barge-in was silent"


async def test_push_to_talk_brackets_the_held_span_with_pre_roll(
    pulse: PulseAudio, emulator: LiveEmulator, rig_factory: Any, spoken: bytes
) -> None:
    rig = await rig_factory(emulator, PUSH_TO_TALK)
    assert pulse.feeder is not None
    await asyncio.sleep(0.6)  # the pre-roll ring fills with silence
    said = len(pulse.feeder.started_at)
    pulse.say(spoken)
    await wait_until(lambda: len(pulse.feeder.started_at) > said)
    await asyncio.sleep(0.15)  # pressed late: the first syllable is only in the pre-roll
    pressed = time.monotonic()
    rig.voice.press()
    await wait_until(lambda: len(pulse.feeder.finished_at) > said)
    await asyncio.sleep(0.5)  # a held button, well past the speech (> click threshold)
    rig.voice.release()
    held_s = time.monotonic() - pressed
    await rig.log.wait_for(lambda: rig.log.of(TurnComplete), timeout=30)

    inputs = [r.message["realtime_input"] for r in emulator.received_of("realtime_input")]
    kinds = [next(iter(i)) for i in inputs]
    assert kinds[0] == "activity_start" and kinds.count("activity_start") == 1
    end = kinds.index("activity_end")
    assert set(kinds[1:end]) == {"audio"} and kinds.count("activity_end") == 1
    assert "audio" not in kinds[end:]  # nothing is sent while the button is up
    bracketed = np.frombuffer(emulator.received_audio_bytes(), dtype="<i2")
    reference = np.frombuffer(spoken, dtype="<i2")
    at = find_offset(bracketed, reference)
    segment = bracketed[at : at + reference.size]
    assert segment.size == reference.size and np.array_equal(segment, reference)
    # Held span plus ~300 ms pre-roll (whole 20 ms blocks), within scheduling noise.
    sent_s = bracketed.size / 16_000
    pre_roll_s = sent_s - held_s
    assert 0.1 <= pre_roll_s <= 0.6, (sent_s, held_s)  # ~0.3 s, within scheduling noise
    assert emulator.setups[-1]["realtime_input_config"]["automatic_activity_detection"] == {
        "disabled": True
    }


@pytest.fixture
def no_sound_server(pulse: PulseAudio) -> Iterator[None]:
    """PortAudio sees no device at all (the sound server is unreachable)."""
    real = os.environ["PULSE_SERVER"]
    os.environ["PULSE_SERVER"] = f"unix:{pulse.root / 'nowhere'}"
    devices.refresh()
    yield
    os.environ["PULSE_SERVER"] = real
    devices.refresh()


async def test_no_device_at_all_keeps_text_working_and_voice_comes_later(
    pulse: PulseAudio, emulator: LiveEmulator, rig_factory: Any, no_sound_server: None
) -> None:
    rig = await rig_factory(emulator, HANDS_FREE)
    status = rig.voice.status
    assert status.mic is DeviceState.MISSING and status.speaker is DeviceState.MISSING
    assert "you can still type" in status.message
    rig.session.send_text("hello")
    await rig.log.wait_for(lambda: rig.log.of(TurnComplete), timeout=30)
    # A device appears (here: the sound server comes back): found in the background.
    os.environ["PULSE_SERVER"] = pulse.env["PULSE_SERVER"]
    await wait_until(lambda: rig.voice.status.mic is DeviceState.OK, timeout=20)
    await wait_until(lambda: rig.voice.sent_blocks > 10, timeout=20)


async def test_vanishing_devices_warn_retry_and_keep_the_session(
    pulse: PulseAudio, emulator: LiveEmulator, rig_factory: Any
) -> None:
    rig = await rig_factory(emulator, HANDS_FREE)
    rig.session.send_text("first")
    await rig.log.wait_for(lambda: len(rig.log.of(TurnComplete)) == 1, timeout=30)
    pulse.kill()
    try:
        await wait_until(
            lambda: (
                rig.voice.status.mic is DeviceState.LOST
                and rig.voice.status.speaker is DeviceState.LOST
            ),
            timeout=20,
        )
        assert "retrying" in rig.voice.status.message
        assert rig.session.state is SessionState.LIVE
        rig.session.send_text("second")
        await rig.log.wait_for(lambda: len(rig.log.of(TurnComplete)) == 2, timeout=30)
        assert [line.text for line in rig.log.lines()][:1] == ["first"]
    finally:
        pulse.start()
    await wait_until(
        lambda: (
            rig.voice.status.mic is DeviceState.OK and rig.voice.status.speaker is DeviceState.OK
        ),
        timeout=30,
    )
    blocks = rig.voice.sent_blocks
    await wait_until(lambda: rig.voice.sent_blocks > blocks + 10, timeout=20)
    assert rig.voice.status.message == ""
    assert rig.session.state is SessionState.LIVE


async def test_a_quiet_source_is_not_a_lost_microphone(
    pulse: PulseAudio, emulator: LiveEmulator, rig_factory: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """A PulseAudio pipe source nobody writes to (or a suspended source) delivers nothing
    while PortAudio still runs the stream: the microphone is there, just quiet. It used to be
    declared lost and reopened every ~3 s, warning each time."""
    rig = await rig_factory(emulator, HANDS_FREE)
    await wait_until(lambda: rig.voice.sent_blocks > 10)
    assert pulse.feeder is not None
    pulse.feeder.quiet.set()
    try:
        await asyncio.sleep(5.0)  # > 3 × the stall time
        assert rig.voice.status.mic is DeviceState.OK, rig.voice.status
        assert rig.voice.status.message == ""
        assert not [r for r in caplog.records if "stopped delivering" in r.getMessage()]
    finally:
        pulse.feeder.quiet.clear()
    blocks = rig.voice.sent_blocks
    await wait_until(lambda: rig.voice.sent_blocks > blocks + 10)  # the same stream goes on


async def test_a_companion_holding_the_floor_keeps_the_desktop_mic_out(
    pulse: PulseAudio, emulator: LiveEmulator, rig_factory: Any
) -> None:
    """One speaker at a time: while a companion device holds the floor, the desktop's
    push-to-talk is refused and its mic is not sent; once free, the desktop takes the floor
    on press and gives it back on release."""
    from desktop.core.floor import DESKTOP, Floor, companion_holder

    rig = await rig_factory(emulator, PUSH_TO_TALK)
    floor = Floor(time.monotonic)
    rig.voice.use_floor(floor)
    watch = companion_holder("watch-1")
    assert floor.acquire(watch)
    assert "companion" in rig.voice.status.message
    rig.voice.press()
    await asyncio.sleep(0.3)
    rig.voice.release()
    await asyncio.sleep(0.1)
    assert emulator.received_of("realtime_input") == []  # refused: nothing was sent
    assert floor.holder == watch

    floor.release(watch)
    assert rig.voice.status.message == ""
    rig.voice.press()
    assert floor.holder == DESKTOP
    await asyncio.sleep(0.5)
    rig.voice.release()
    assert floor.holder is None

    def kinds_now() -> list[str]:
        return [
            next(iter(r.message["realtime_input"])) for r in emulator.received_of("realtime_input")
        ]

    await emulator.wait_for(lambda: "activity_end" in kinds_now())
    kinds = [
        next(iter(r.message["realtime_input"])) for r in emulator.received_of("realtime_input")
    ]
    assert kinds[0] == "activity_start" and "activity_end" in kinds
