import random

import pytest
from desktop.core.events import SessionState, StateChanged
from desktop.core.session_machine import Backoff, InvalidTransition, SessionMachine, Trigger


def test_happy_path_and_reconnect_counting() -> None:
    m = SessionMachine()
    assert m.fire(Trigger.START) == StateChanged(SessionState.CONNECTING)
    assert m.fire(Trigger.CONNECTED, "x") == StateChanged(SessionState.LIVE, "x")
    assert m.fire(Trigger.LOST, "drop") == StateChanged(SessionState.RECONNECTING, "drop", 1)
    m.fire(Trigger.START)
    assert m.fire(Trigger.LOST, "again") == StateChanged(SessionState.RECONNECTING, "again", 2)
    m.fire(Trigger.START)
    m.fire(Trigger.CONNECTED)
    assert m.attempt == 0
    assert m.fire(Trigger.STOP) == StateChanged(SessionState.CLOSED)
    assert m.fire(Trigger.STOP) is None


def test_failure_is_terminal_until_restarted_and_bad_transitions_raise() -> None:
    m = SessionMachine()
    with pytest.raises(InvalidTransition):
        m.fire(Trigger.CONNECTED)
    m.fire(Trigger.START)
    assert m.fire(Trigger.FAILED, "bad key") == StateChanged(SessionState.ERROR, "bad key")
    with pytest.raises(InvalidTransition):
        m.fire(Trigger.CONNECTED)
    assert m.fire(Trigger.START) == StateChanged(SessionState.CONNECTING)


def test_backoff_is_jittered_growing_and_capped() -> None:
    b = Backoff(first_s=0.5, factor=2, cap_s=4)
    rng = random.Random(1)
    for attempt, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (10, 4.0)]:
        delays = [b.delay(attempt, rng) for _ in range(200)]
        assert min(delays) >= ceiling / 2
        assert max(delays) <= ceiling
        assert len(set(delays)) > 100  # jittered, so clients do not reconnect in lockstep
