"""The playback jitter buffer: prefill, silence on underrun, no clicks, barge-in."""

from __future__ import annotations

import numpy as np
import pytest
from desktop.core.audio_jitter import JitterBuffer, drain_budget_s


def tone(n: int, value: int = 1000) -> bytes:
    return np.full(n, value, dtype="<i2").tobytes()


def test_waits_for_the_prefill_then_plays_in_order() -> None:
    jb = JitterBuffer(1000, prefill_ms=50)  # 50 samples
    jb.push(np.arange(1, 31, dtype=np.int16).tobytes())
    assert not jb.pull(10).any()  # still filling
    jb.push(np.arange(31, 71, dtype=np.int16).tobytes())
    assert list(jb.pull(10)) == list(range(1, 11))
    assert list(jb.pull(60)) == list(range(11, 71))
    assert jb.queued_samples == 0 and jb.underruns == 0


def test_underrun_plays_silence_after_a_short_fade_never_repeats() -> None:
    jb = JitterBuffer(1000, prefill_ms=0, fade_ms=4)
    jb.push(tone(10, 8000))
    out = jb.pull(20)
    assert list(out[:10]) == [8000] * 10
    assert list(out[10:14]) == [6000, 4000, 2000, 0]  # a ramp, not a step to zero
    assert not out[14:].any()
    assert jb.underruns == 1


def test_end_of_turn_plays_a_short_tail_without_waiting_and_is_no_underrun() -> None:
    jb = JitterBuffer(1000, prefill_ms=100)
    jb.push(tone(10))
    assert not jb.pull(5).any()
    jb.end_of_turn()
    assert jb.pull(5).all()
    jb.pull(10)
    assert jb.underruns == 0


def test_clear_drops_everything_and_the_next_block_is_silent() -> None:
    jb = JitterBuffer(1000, prefill_ms=0, fade_ms=2)
    jb.push(tone(1000, 5000))
    jb.pull(10)
    assert jb.clear() == 990
    out = jb.pull(10)
    assert list(out[:2]) == [2500, 0] and not out[2:].any()
    assert not jb.playing


def test_memory_is_bounded() -> None:
    jb = JitterBuffer(1000, prefill_ms=0, max_ms=100)
    for _ in range(5):
        jb.push(tone(50))
    assert jb.queued_samples == 100 and jb.dropped_samples == 150


def test_the_drain_budget_is_the_queued_audio_plus_the_device_and_a_margin() -> None:
    assert drain_budget_s(48_000, 24_000, 0.04, 0.3) == pytest.approx(2.34)
    assert drain_budget_s(0, 24_000, -1.0, 0.3) == pytest.approx(0.3)  # nothing queued


def test_starts_tight_the_first_chunk_plays_in_the_first_block() -> None:
    jb = JitterBuffer(1000)  # default: no prefill
    jb.push(tone(40))
    assert jb.target_ms == 0
    assert jb.pull(10).all()


def test_a_real_underrun_is_logged_and_grows_the_target() -> None:
    jb = JitterBuffer(1000, grow_ms=20, max_prefill_ms=50)
    jb.push(tone(15))
    jb.pull(10)
    jb.pull(10)  # ran dry mid-reply
    assert jb.underruns == 1 and jb.target_ms == 20
    assert list(jb.underrun_log) == [(15, 20.0)]
    jb.push(tone(10))
    assert not jb.pull(10).any()  # resumes only from the grown level
    jb.push(tone(10))
    assert jb.pull(10).all()
    for _ in range(3):  # more underruns: bounded by max_prefill_ms
        jb.push(tone(60))
        jb.pull(70)
    assert jb.target_ms == 50


def test_running_dry_at_the_end_of_a_turn_or_after_a_barge_in_is_no_underrun() -> None:
    jb = JitterBuffer(1000)
    jb.push(tone(15))
    jb.end_of_turn()
    jb.pull(20)
    jb.push(tone(100))
    jb.pull(10)
    jb.clear()
    jb.pull(10)
    jb.pull(10)  # idle: nothing queued, nothing playing
    assert jb.underruns == 0 and jb.target_ms == 0


def test_the_target_relaxes_after_clean_replies() -> None:
    jb = JitterBuffer(1000, grow_ms=20, relax_turns=2)
    jb.push(tone(5))
    jb.pull(10)  # underrun: target 20 ms
    jb.end_of_turn()
    assert jb.target_ms == 20
    for _ in range(2):
        jb.push(tone(30))
        jb.end_of_turn()
        jb.pull(40)
    assert jb.target_ms == 0
    jb.end_of_turn()  # a second end without audio in between changes nothing
    assert jb.target_ms == 0
