"""Reconnecting without storming: the asyncio side of `core.session_machine.RetryPlanner` and
`core.failures.decide`.

Every connection attempt (a reconnect, a goAway preparation, the retry of a refused seed) goes
through `pace()`, which holds it until the attempt floor allows it and records it. After a
failure, `judge()` decides what to do with the context the session saw (was it still setting
up, was it resuming, had the server announced the close) and how long to wait; `wait()` sleeps
that long unless the user asks to retry now or the session stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.failures import Action, Context, Failure, Verdict, decide
from desktop.core.session_machine import RetryBudget, RetryPlanner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Plan:
    verdict: Verdict
    delay_s: float  # before the next attempt (back-off and floor); 0 when stopping
    fatal: bool  # the verdict says stop, or the budget is used up


class Reconnector:
    def __init__(
        self,
        planner: RetryPlanner,
        budget: RetryBudget | None = None,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.planner = planner
        self.budget = budget or RetryBudget()
        self._rng = rng or random.Random()
        self._clock = clock
        self._now_requested = asyncio.Event()
        self._waiting = False  # in a back-off or floor wait: Retry now means something
        self.resume_failures = 0
        self._streak: tuple[object, int] = (None, 0)  # (failure signature, times in a row)
        self.attempt_times: list[float] = []  # monotonic, every attempt (tests, benchmarks)

    # -- attempts -----------------------------------------------------------------------

    async def pace(self, stopping: asyncio.Event) -> None:
        """Hold an attempt until the floor allows it; then record it."""
        wait = self.planner.floor_wait(self._clock())
        if wait > 0 and not self._now_requested.is_set():
            log.info("attempt floor: waiting %.1f s before connecting", wait)
            await self._sleep(wait, stopping)
        self._now_requested.clear()
        now = self._clock()
        self.planner.attempting(now)
        self.attempt_times.append(now)

    def connected(self) -> None:
        self.planner.connected(self._clock())

    def heard(self) -> bool:
        """Server traffic; True when it made the connection healthy."""
        return self._healthy(self.planner.heard(self._clock()))

    def proved(self) -> bool:
        """A model turn completed; True when it made the connection healthy."""
        return self._healthy(self.planner.proved(self._clock()))

    def _healthy(self, newly: bool) -> bool:
        if newly:
            self.resume_failures = 0
        return newly

    # -- failures -----------------------------------------------------------------------

    def judge(
        self, failure: Failure, *, during_setup: bool, resuming: bool, after_go_away: bool
    ) -> Plan:
        now = self._clock()
        # A resume failed: refused at setup, or the resumed connection failed before the
        # server said anything on it (a crash after setup). One that served a while did not.
        if resuming and not after_go_away and (during_setup or not self.planner.traffic):
            self.resume_failures += 1
        delay = self.planner.failed(now, self._rng)
        # "Did the same thing fail again?": the same code and cause since the last healthy
        # connection (other failures in between do not make a 1008 look persistent).
        signature = (failure.code, failure.cause)
        previous, times = self._streak
        times = times + 1 if previous == signature and self.planner.failures > 1 else 1
        self._streak = (signature, times)
        ctx = Context(
            during_setup=during_setup,
            resuming=resuming,
            after_go_away=after_go_away,
            resume_failures=self.resume_failures if resuming else 0,
            repeats=times,
        )
        verdict = decide(failure, ctx)
        log.info("failure %r in %s: %s", failure.message, ctx, verdict.action.value)
        if verdict.action is Action.FRESH:
            self.resume_failures = 0
        if verdict.action is Action.STOP or self.budget.exhausted(self.planner, now):
            return Plan(verdict, 0.0, True)
        return Plan(verdict, max(delay, self.planner.floor_wait(now)), False)

    async def wait(self, delay_s: float, stopping: asyncio.Event) -> None:
        """The back-off, cut short by `retry_now()` or the session stopping."""
        await self._sleep(delay_s, stopping)

    def retry_now(self) -> None:
        """The user asked: skip the rest of the wait (and the floor, once). A click while no
        wait is on is ignored, so it cannot make a later reconnect skip its back-off."""
        if self._waiting:
            self._now_requested.set()

    async def _sleep(self, seconds: float, stopping: asyncio.Event) -> None:
        self._waiting = True
        waiters = {
            asyncio.ensure_future(stopping.wait()),
            asyncio.ensure_future(self._now_requested.wait()),
        }
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            self._waiting = False
            for waiter in waiters:
                waiter.cancel()
