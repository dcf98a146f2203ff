"""Downscaling, change detection and pacing: the pure decisions behind what frames cost."""

from __future__ import annotations

import numpy as np
import pytest
from desktop.core.downscale import Downscaler
from desktop.core.frame_diff import change_score, signature
from desktop.core.frame_pacing import FramePacer, PacingConfig, Reason, tokens_per_frame


def bgra(h: int, w: int, value: int = 200) -> np.ndarray:
    frame = np.full((h, w, 4), value, np.uint8)
    frame[:, :, 3] = 255
    return frame


def test_downscale_sizes_and_colours() -> None:
    frame = bgra(1080, 1920)
    frame[:, :, 0], frame[:, :, 1], frame[:, :, 2] = 10, 120, 250
    small = Downscaler(1024).scale(frame)
    assert small.shape == (576, 1024, 4)
    assert abs(int(small[300, 500, 0]) - 10) <= 1
    assert abs(int(small[300, 500, 1]) - 120) <= 1
    assert abs(int(small[300, 500, 2]) - 250) <= 1
    assert Downscaler(768).scale(bgra(2160, 3840)).shape == (432, 768, 4)
    assert Downscaler(1024).scale(bgra(301, 401)).shape == (301, 401, 4)  # no upscaling


def test_downscale_averages_instead_of_dropping_thin_lines() -> None:
    frame = bgra(1080, 1920, 255)
    frame[:, 1001, :3] = 0  # a one-pixel black line
    small = Downscaler(768).scale(frame)
    darkest = small[:, :, 1].min(axis=1)
    assert (darkest < 230).all(), "the line survives as grey on every row"


def test_downscale_reuses_buffers_and_returns_independent_copies() -> None:
    scaler = Downscaler(640)
    a = scaler.scale(bgra(720, 1280, 10))
    b = scaler.scale(bgra(720, 1280, 90))
    assert int(a[0, 0, 0]) == 10 and int(b[0, 0, 0]) == 90
    with pytest.raises(ValueError):
        scaler.scale(np.zeros((10, 10, 3), np.uint8))


def test_change_score_sees_a_typed_character_but_not_nothing() -> None:
    frame = bgra(576, 1024, 240)
    base = signature(frame)
    assert change_score(base, signature(frame.copy())) == 0.0
    typed = frame.copy()
    typed[100:108, 200:205, :3] = 20  # a character-sized dark mark
    score = change_score(base, signature(typed))
    assert 0 < score < 0.001
    scrolled = np.roll(frame, 40, axis=0)
    scrolled[::6] = 30  # text lines moved everywhere
    assert change_score(base, signature(scrolled)) > 0.1
    assert change_score(None, base) == 1.0


def test_pacer_sends_first_changed_and_keepalive_and_skips_the_rest() -> None:
    pacer = FramePacer(PacingConfig(max_fps=1.0, threshold=0.01, keepalive_s=10.0))
    assert pacer.decide(0.0, 1.0) is Reason.FIRST
    assert pacer.next_capture_at() == 1.0
    assert pacer.decide(1.0, 0.0) is Reason.UNCHANGED
    assert pacer.decide(2.0, 0.005) is Reason.UNCHANGED  # below the threshold
    assert pacer.decide(3.0, 0.02) is Reason.CHANGED
    assert pacer.decide(3.5, 0.5) is Reason.RATE  # changed, but 0.5 s after the last frame
    assert pacer.decide(13.0, 0.0) is Reason.KEEPALIVE
    s = pacer.stats
    assert (s.captured, s.sent, s.skipped_unchanged, s.skipped_rate) == (6, 3, 2, 1)
    assert s.tokens == 3 * 258


def test_pacer_fresh_frame_ignores_threshold_but_not_identity() -> None:
    pacer = FramePacer(PacingConfig(max_fps=1.0, threshold=0.5), "MEDIA_RESOLUTION_LOW")
    pacer.decide(0.0, 1.0)
    pacer.request_fresh()
    assert pacer.next_capture_at() == 0.25  # at once, bounded by min_fresh_interval_s
    assert pacer.decide(0.3, 0.001) is Reason.FRESH  # tiny change, sent anyway
    pacer.request_fresh()
    assert pacer.decide(0.8, 0.0) is Reason.UNCHANGED  # the model already has it
    assert not pacer.fresh_wanted
    assert pacer.decide(0.9, 0.0, counts_capture=False) is Reason.UNCHANGED
    assert pacer.stats.captured == 3 and pacer.stats.tokens == 2 * 66


def test_pacer_restart_sends_the_next_frame_whatever_it_shows() -> None:
    pacer = FramePacer(PacingConfig(keepalive_s=0))
    pacer.decide(0.0, 1.0)
    assert pacer.decide(100.0, 0.0) is Reason.UNCHANGED  # keep-alive off
    pacer.restart()
    assert pacer.next_capture_at() == float("-inf")
    assert pacer.decide(100.5, 0.0) is Reason.FIRST
    with pytest.raises(ValueError):
        FramePacer(PacingConfig(max_fps=0))


def test_tokens_per_frame_by_media_resolution() -> None:
    assert tokens_per_frame("") == 258
    assert tokens_per_frame("MEDIA_RESOLUTION_LOW") == 66


def test_a_skipped_frame_sent_later_is_counted_once() -> None:
    """Going live again (a reconnect) sends the newest capture, which may have been skipped
    before: it moves from skipped to sent, so captured = sent + skipped still holds."""
    pacer = FramePacer(PacingConfig(max_fps=1.0, threshold=0.01, keepalive_s=0))
    assert pacer.decide(0.0, 1.0) is Reason.FIRST
    assert pacer.decide(0.5, 0.5) is Reason.RATE
    pacer.restart()  # live again
    assert pacer.decide(0.7, 0.5, counts_capture=False) is Reason.FIRST
    assert pacer.decide(1.0, 0.0) is Reason.UNCHANGED
    pacer.restart()
    assert pacer.decide(1.1, 0.0, counts_capture=False) is Reason.FIRST
    s = pacer.stats
    assert (s.captured, s.sent, s.skipped_unchanged, s.skipped_rate) == (3, 3, 0, 0)
    assert s.captured == s.sent + s.skipped_unchanged + s.skipped_rate
