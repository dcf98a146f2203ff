"""The session's life cycle as a transition table, plus the reconnect back-off policy.

    idle --start--> connecting --connected--> live
    connecting/live --lost--> reconnecting --start--> connecting
    any --failed--> error            any --stop--> closed

`SessionMachine` only decides; the session edge does the I/O and feeds it triggers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
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
        self.attempt = 0  # consecutive failed attempts since the last time we were live

    def fire(self, trigger: Trigger, detail: str = "") -> StateChanged | None:
        """None when nothing changes (e.g. stop while already closed)."""
        new = TRANSITIONS.get((self.state, trigger))
        if new is None:
            raise InvalidTransition(f"{trigger} in state {self.state}")
        if trigger is Trigger.CONNECTED:
            self.attempt = 0
        elif trigger is Trigger.LOST:
            self.attempt += 1
        if new is self.state and trigger is not Trigger.LOST:
            return None
        self.state = new
        return StateChanged(new, detail, self.attempt if new is SessionState.RECONNECTING else 0)


@dataclass(frozen=True)
class Backoff:
    """Jittered, capped exponential back-off ("full jitter" over an exponential ceiling)."""

    first_s: float = 0.25
    factor: float = 2.0
    cap_s: float = 15.0

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        """Delay before attempt number `attempt` (1-based). Never above `cap_s`."""
        ceiling = min(self.cap_s, self.first_s * self.factor ** max(0, attempt - 1))
        r = (rng or random).random()
        return ceiling / 2 + r * ceiling / 2
