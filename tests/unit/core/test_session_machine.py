import random

import pytest
from desktop.core.events import SessionState, StateChanged
from desktop.core.session_machine import (
    Backoff,
    InvalidTransition,
    RetryBudget,
    RetryPlanner,
    SessionMachine,
    Trigger,
)


def test_happy_path_and_reconnect_counting() -> None:
    m = SessionMachine()
    assert m.fire(Trigger.START) == StateChanged(SessionState.CONNECTING)
    assert m.fire(Trigger.CONNECTED, "x") == StateChanged(SessionState.LIVE, "x")
    assert m.fire(Trigger.LOST, "drop") == StateChanged(SessionState.RECONNECTING, "drop", 1)
    m.fire(Trigger.START)
    assert m.fire(Trigger.LOST, "again") == StateChanged(SessionState.RECONNECTING, "again", 2)
    m.fire(Trigger.START)
    m.fire(Trigger.CONNECTED)
    # setupComplete proves nothing (issue 11: a server failing after every setup reset the
    # count and the back-off never grew); only a healthy connection resets it.
    assert m.attempt == 2
    m.healthy()
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


def test_a_reconnecting_state_says_how_long_the_wait_is() -> None:
    m = SessionMachine()
    m.fire(Trigger.START)
    change = m.fire(Trigger.LOST, "drop", 4.5)
    assert change == StateChanged(SessionState.RECONNECTING, "drop", 1, 4.5)


def test_failures_after_setup_keep_growing_the_back_off_until_a_turn_proves_health() -> None:
    planner = RetryPlanner(Backoff(first_s=1, factor=2, cap_s=30), max_attempts=100)
    rng = random.Random(3)
    ceilings = []
    for n in range(8):
        now = n * 100.0
        planner.attempting(now)
        planner.connected(now)  # setupComplete every time, then the server fails
        planner.heard(now + 0.1)
        ceilings.append(planner.failed(now + 0.2, rng))
    assert planner.failures == 8
    assert ceilings[0] <= 1 and ceilings[-1] >= 15  # grew to the cap's range
    assert max(ceilings) <= 30
    planner.attempting(900.0)
    planner.connected(900.0)
    assert planner.proved(901.0) and planner.failures == 0  # a model turn completed
    assert planner.failed(902.0, rng) <= 1


def test_long_enough_live_with_traffic_is_healthy_too() -> None:
    planner = RetryPlanner(Backoff(), healthy_after_s=30)
    planner.failed(0.0)
    planner.connected(1.0)
    assert not planner.heard(20.0)
    assert planner.heard(31.5) and planner.failures == 0
    # Live long enough but silent until the failure: still counted as having served.
    planner.connected(100.0)
    planner.heard(100.1)
    planner.failed(200.0)
    assert planner.failures == 1


def test_the_floor_allows_only_a_few_attempts_per_window() -> None:
    planner = RetryPlanner(Backoff(), max_attempts=3, window_s=60)
    for t in (0.0, 1.0, 2.0):
        assert planner.floor_wait(t) == 0
        planner.attempting(t)
    assert planner.floor_wait(2.5) == 57.5
    assert planner.floor_wait(60.0) == 0  # the first attempt left the window


def test_scaled_planner_keeps_the_production_ratios() -> None:
    production = RetryPlanner()
    assert production.backoff.cap_s == 30 and production.window_s == 60
    assert production.max_attempts <= 6
    fast = RetryPlanner.scaled(Backoff(first_s=0.01, cap_s=0.5))
    assert fast.window_s == 1.0 and fast.healthy_after_s == 0.5


def test_budget_first_attempts_then_outage_and_failures() -> None:
    budget = RetryBudget(first_attempts=3, max_failures=8, max_outage_s=60)
    never = RetryPlanner()
    for t in (0.0, 1.0):
        never.failed(t)
    assert not budget.exhausted(never, 1.0)
    never.failed(2.0)
    assert budget.exhausted(never, 2.0)  # a wrong URL is reported after 3 tries
    worked = RetryPlanner()
    worked.connected(0.0)
    worked.proved(1.0)
    for t in (10.0, 10.5, 11.5):  # a 2 s outage: three quick failures are not fatal
        worked.failed(t)
    assert not budget.exhausted(worked, 12.0)
    assert budget.exhausted(worked, 71.0)  # more than a minute down
    for t in range(5):
        worked.failed(20.0 + t)
    assert budget.exhausted(worked, 25.0)  # 8 unhealthy failures in a row
