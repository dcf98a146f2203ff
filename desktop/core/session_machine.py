"""The session's life cycle as a transition table, plus the reconnect back-off policy.

    idle --start--> connecting --connected--> live
    connecting/live --lost--> reconnecting --start--> connecting
    any --failed--> error            any --stop--> closed

`SessionMachine` only decides; the session edge does the I/O and feeds it triggers.

Retry rules (`RetryPlanner`): `setupComplete` proves nothing (a server that fails on every
connection sends it every time), so a connection counts as *healthy* only once a model turn
completed on it, or it was live for `healthy_after_s` with traffic from the server. Until then
consecutive failures keep growing the jittered back-off (capped at `Backoff.cap_s`, 30 s), and
independently of that a floor keeps connection attempts to at most `max_attempts` per
`window_s` against one endpoint, so no failure pattern can make a retry storm.
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field
from enum import StrEnum

from desktop.core.events import SessionState, StateChanged


class Trigger(StrEnum):
    START = "start"
    CONNECTED = "connected"
    LOST = "lost"  # a retryable failure
    FAILED = "failed"  # a fatal failure, or retries used up
    STOP = "stop"


S = SessionState
T = Trigger
TRANSITIONS: dict[tuple[SessionState, Trigger], SessionState] = {
    (S.IDLE, T.START): S.CONNECTING,
    (S.CONNECTING, T.CONNECTED): S.LIVE,
    (S.CONNECTING, T.LOST): S.RECONNECTING,
    (S.CONNECTING, T.FAILED): S.ERROR,
    (S.LIVE, T.LOST): S.RECONNECTING,
    (S.LIVE, T.FAILED): S.ERROR,
    (S.RECONNECTING, T.START): S.CONNECTING,
    (S.RECONNECTING, T.FAILED): S.ERROR,
    (S.ERROR, T.START): S.CONNECTING,
    (S.CLOSED, T.START): S.CONNECTING,
    **{(state, T.STOP): S.CLOSED for state in SessionState},
}


class InvalidTransition(Exception):
    pass


class SessionMachine:
    """Tracks state and the reconnect attempt count; returns the StateChanged to announce."""

    def __init__(self) -> None:
        self.state = SessionState.IDLE
        # Consecutive failed attempts since a connection last proved healthy (see
        # `RetryPlanner`): setupComplete alone does not reset it.
        self.attempt = 0

    def fire(
        self, trigger: Trigger, detail: str = "", retry_in_s: float = 0.0
    ) -> StateChanged | None:
        """None when nothing changes (e.g. stop while already closed)."""
        new = TRANSITIONS.get((self.state, trigger))
        if new is None:
            raise InvalidTransition(f"{trigger} in state {self.state}")
        if trigger is Trigger.LOST:
            self.attempt += 1
        if new is self.state and trigger is not Trigger.LOST:
            return None
        self.state = new
        if new is not SessionState.RECONNECTING:
            return StateChanged(new, detail)
        return StateChanged(new, detail, self.attempt, retry_in_s)

    def healthy(self) -> None:
        """A connection proved itself: the next failure starts the count afresh."""
        self.attempt = 0


@dataclass(frozen=True)
class Backoff:
    """Jittered, capped exponential back-off ("full jitter" over an exponential ceiling)."""

    first_s: float = 0.25  # a one-off failure is back in ~0.2-0.3 s
    factor: float = 2.0
    cap_s: float = 30.0

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        """Delay before attempt number `attempt` (1-based). Never above `cap_s`."""
        ceiling = min(self.cap_s, self.first_s * self.factor ** max(0, attempt - 1))
        r = (rng or random).random()
        return ceiling / 2 + r * ceiling / 2


@dataclass
class RetryPlanner:
    """When to connect again: health, consecutive unhealthy failures, and the attempt floor.

    The session calls `attempting()` right before every connection attempt (reconnects and
    goAway preparations alike), `connected()` at setupComplete, `heard()` for server traffic,
    `proved()` when a model turn completes, and `failed()` when a connection ends badly.
    Times are monotonic seconds.
    """

    backoff: Backoff = field(default_factory=Backoff)
    healthy_after_s: float = 30.0
    max_attempts: int = 6  # per window: "never more than a few connection attempts a minute"
    window_s: float = 60.0
    failures: int = 0  # consecutive failures since the last healthy connection
    healthy: bool = False
    outage_since: float | None = None  # first failure since the last healthy connection
    ever_healthy: bool = False
    ever_connected: bool = False
    _attempts: deque[float] = field(default_factory=deque)
    _connected_at: float | None = None
    _traffic = False

    @classmethod
    def scaled(cls, backoff: Backoff) -> RetryPlanner:
        """The production rules with every time scaled to `backoff.cap_s` (30 s in
        production): health after one cap of live traffic, at most 6 attempts per two caps
        (6 a minute). Tests pass a short back-off and get a proportionally short floor."""
        return cls(backoff, healthy_after_s=backoff.cap_s, window_s=2 * backoff.cap_s)

    def attempting(self, now: float) -> None:
        self._attempts.append(now)
        self._trim(now)

    def floor_wait(self, now: float) -> float:
        """Seconds to wait before the next attempt is allowed by the floor (0: go)."""
        self._trim(now)
        if len(self._attempts) < self.max_attempts:
            return 0.0
        return max(0.0, self._attempts[0] + self.window_s - now)

    def connected(self, now: float) -> None:
        self._connected_at = now
        self.healthy = False
        self.ever_connected = True
        self._traffic = False

    def heard(self, now: float) -> bool:
        """Server traffic; True when this made the connection healthy."""
        at = self._connected_at
        self._traffic = True
        if self.healthy or at is None or now - at < self.healthy_after_s:
            return False
        return self.proved(now)

    def proved(self, now: float) -> bool:
        """A model turn completed (or long enough live with traffic). True if newly healthy."""
        if self.healthy or self._connected_at is None:
            return False
        self.healthy = self.ever_healthy = True
        self.failures = 0
        self.outage_since = None
        return True

    def failed(self, now: float, rng: random.Random | None = None) -> float:
        """A connection (or an attempt) failed: the back-off delay before the next one."""
        at = self._connected_at
        if at is not None and self._traffic and now - at >= self.healthy_after_s:
            self.proved(now)  # it served long enough: this failure is a new, first one
        self._connected_at = None
        self.healthy = False
        self.failures += 1
        if self.outage_since is None:
            self.outage_since = now
        return self.backoff.delay(self.failures, rng)

    @property
    def traffic(self) -> bool:
        """The server sent something after setupComplete on the current connection."""
        return self._traffic

    def outage_s(self, now: float) -> float:
        return 0.0 if self.outage_since is None else now - self.outage_since

    def _trim(self, now: float) -> None:
        while self._attempts and self._attempts[0] <= now - self.window_s:
            self._attempts.popleft()


@dataclass(frozen=True)
class RetryBudget:
    """When to give up (headless runs; the desktop app keeps trying). A session that never got
    as far as setupComplete gives up after `first_attempts` failures (a wrong URL is reported
    at once); once it has connected, only an outage longer than `max_outage_s` or `max_failures`
    consecutive unhealthy failures end it, so a short outage is survived."""

    first_attempts: int | None = None
    max_failures: int | None = None
    max_outage_s: float | None = None

    def exhausted(self, planner: RetryPlanner, now: float) -> bool:
        first = self.first_attempts
        if not planner.ever_connected and first is not None and planner.failures >= first:
            return True
        if self.max_failures is not None and planner.failures >= self.max_failures:
            return True
        return self.max_outage_s is not None and planner.outage_s(now) > self.max_outage_s
