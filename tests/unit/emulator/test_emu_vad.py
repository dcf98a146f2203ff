from __future__ import annotations

import numpy as np
from desktop.emulator.vad import EnergyVad, SpeechEnded, SpeechStarted, VadConfig, rms

RATE = 16000


def tone(seconds: float, amplitude: float = 0.3, freq: float = 440.0) -> bytes:
    t = np.arange(int(seconds * RATE)) / RATE
    return (amplitude * 32767 * np.sin(2 * np.pi * freq * t)).astype("<i2").tobytes()


def silence(seconds: float) -> bytes:
    return bytes(int(seconds * RATE) * 2)


def feed_in_blocks(vad: EnergyVad, pcm: bytes, block_bytes: int = 640) -> list[object]:
    out: list[object] = []
    for i in range(0, len(pcm), block_bytes):
        out.extend(vad.feed(pcm[i : i + block_bytes]))
    return out


def test_rms_of_silence_and_full_scale_sine() -> None:
    assert rms(np.zeros(320, dtype=np.int16)) == 0.0
    sine = np.frombuffer(tone(0.1, amplitude=1.0), dtype="<i2")
    assert abs(rms(sine) - 2**-0.5) < 0.01


def test_one_second_of_tone_then_silence_is_one_utterance() -> None:
    vad = EnergyVad(VadConfig(), RATE)
    events = feed_in_blocks(vad, silence(0.2) + tone(1.0) + silence(0.7))
    assert [type(e) for e in events] == [SpeechStarted, SpeechEnded]
    started, ended = events
    assert isinstance(started, SpeechStarted) and isinstance(ended, SpeechEnded)
    assert started.start_sample == int(0.2 * RATE)
    assert abs(ended.duration_s - 1.0) < 0.03
    assert ended.pcm == tone(1.0)[: len(ended.pcm)]
    assert not vad.in_speech


def test_speech_does_not_end_before_the_silence_duration() -> None:
    vad = EnergyVad(VadConfig(silence_duration_ms=500), RATE)
    events = feed_in_blocks(vad, tone(0.5) + silence(0.4))
    assert [type(e) for e in events] == [SpeechStarted]
    assert vad.in_speech
    assert [type(e) for e in vad.feed(silence(0.2))] == [SpeechEnded]


def test_short_pauses_stay_in_one_utterance() -> None:
    vad = EnergyVad(VadConfig(silence_duration_ms=300), RATE)
    events = feed_in_blocks(vad, tone(0.3) + silence(0.2) + tone(0.3) + silence(0.4))
    assert [type(e) for e in events] == [SpeechStarted, SpeechEnded]
    ended = events[1]
    assert isinstance(ended, SpeechEnded)
    assert abs(ended.duration_s - 0.8) < 0.03


def test_quiet_noise_is_not_speech() -> None:
    rng = np.random.default_rng(1)
    noise = (rng.standard_normal(RATE) * 0.002 * 32767).astype("<i2").tobytes()
    assert feed_in_blocks(EnergyVad(VadConfig(), RATE), noise) == []


def test_sensitivity_changes_the_threshold() -> None:
    quiet_tone = tone(0.5, amplitude=0.02)
    high = EnergyVad(VadConfig(start_sensitivity="START_SENSITIVITY_HIGH"), RATE)
    low = EnergyVad(VadConfig(start_sensitivity="START_SENSITIVITY_LOW"), RATE)
    assert any(isinstance(e, SpeechStarted) for e in feed_in_blocks(high, quiet_tone))
    assert feed_in_blocks(low, quiet_tone) == []


def test_prefix_padding_requires_sustained_sound() -> None:
    vad = EnergyVad(VadConfig(prefix_padding_ms=200), RATE)
    assert feed_in_blocks(vad, tone(0.1) + silence(0.1)) == []
    events = feed_in_blocks(vad, tone(0.3))
    assert [type(e) for e in events] == [SpeechStarted]


def test_flush_ends_speech_in_progress() -> None:
    vad = EnergyVad(VadConfig(), RATE)
    assert [type(e) for e in vad.feed(tone(0.6))] == [SpeechStarted]
    (ended,) = vad.flush()
    assert isinstance(ended, SpeechEnded)
    assert abs(ended.duration_s - 0.6) < 0.03
    assert vad.flush() == []


def test_odd_sized_blocks_are_reassembled() -> None:
    vad = EnergyVad(VadConfig(), RATE)
    events = feed_in_blocks(vad, tone(1.0) + silence(0.6), block_bytes=333)
    assert [type(e) for e in events] == [SpeechStarted, SpeechEnded]


def test_other_sample_rates() -> None:
    vad = EnergyVad(VadConfig(), 24000)
    t = np.arange(24000) / 24000
    pcm = (0.3 * 32767 * np.sin(2 * np.pi * 300 * t)).astype("<i2").tobytes()
    events = vad.feed(pcm + bytes(24000))
    assert isinstance(events[-1], SpeechEnded)
    assert abs(events[-1].duration_s - 1.0) < 0.03
