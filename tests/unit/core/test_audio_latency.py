"""The output device's latency ladder: small, and larger only after repeated late callbacks."""

from __future__ import annotations

from desktop.core.audio_latency import DeviceLatency


def test_starts_small_and_tolerates_a_late_callback_or_two() -> None:
    lat = DeviceLatency(tolerate=2, window_s=10)
    assert lat.current_s == 0.02 and not lat.pending
    lat.late(0.0)
    lat.late(1.0)
    assert not lat.pending
    lat.late(30.0)  # the first two are out of the window by now
    assert not lat.pending and lat.late_callbacks == 3


def test_repeated_late_callbacks_ask_for_the_next_step_applied_later() -> None:
    lat = DeviceLatency(tolerate=2, window_s=10)
    for t in (0.0, 0.5, 1.0):
        lat.late(t)
    assert lat.pending and lat.wanted_s == 0.04 and lat.current_s == 0.02
    lat.late(1.5)  # more while the step waits for a quiet moment: still one step
    assert lat.wanted_s == 0.04
    lat.applied()
    assert lat.current_s == 0.04 and not lat.pending and lat.steps_taken == 1


def test_the_ladder_has_a_top() -> None:
    lat = DeviceLatency(tolerate=0)
    for t in range(10):
        lat.late(float(t))
        lat.applied()
    assert lat.current_s == 0.08 and lat.steps_taken == 2
