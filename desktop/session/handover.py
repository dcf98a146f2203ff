"""Moving the conversation to another connection, made before the old one is left.

Three things ask for a move: a goAway (the server closes soon), new settings the server must
see (`LiveSession.reconfigure`) and the user's Reconnect. `Switching` keeps the move wanted
next (what for, and how long a reply in progress may take first), runs the `HandoverRunner`
preparing it, and records every move made (`Switch`, for the status and the benchmarks).
`core.resilience.Handover` decides (prepare / wait / switch); `HandoverRunner` runs the
preparation task and keeps the prepared `Link` with the state it was opened for (handle and
settings generations), so a newer handle or newer settings make it stale. `LiveSession`
performs the switch itself, between turns.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from desktop.core.events import GoAway
from desktop.core.failures import Failure
from desktop.core.resilience import Handover, HandoverAction
from desktop.session.connector import Connector
from desktop.session.memory import ConversationMemory
from desktop.session.sdk_io import Link

log = logging.getLogger(__name__)

MAX_PREPARE_FAILURES = 3
# New settings move to a new connection between turns: a reply in progress is given this
# long to end before it is cut (and asked again on the new connection).
SETTINGS_SWITCH_S = 60.0
# A new talk mode cannot wait that long: push-to-talk's activity markers are an error on a
# connection with the server's voice detection on, and hands-free speech is never answered
# on one without it. The user's Reconnect asks for a new connection now, too.
QUICK_SWITCH_S = 1.5
MAX_SWITCHES_KEPT = 100


@dataclass(frozen=True)
class Switch:
    """One move to a new connection, for the status of the session and the benchmarks."""

    # "handover" (after goAway), "settings" (new settings), "user" (Reconnect), "reconnect" (a drop)
    kind: str
    started_at: float  # monotonic: goAway received / connection lost
    done_at: float  # monotonic: serving on the new connection
    replayed: int  # inputs sent again
    replayed_audio_s: float
    forced: bool = False  # a handover that could not wait for the end of a turn


class HandoverRunner:
    def __init__(
        self,
        handover: Handover,
        *,
        kind: str = "handover",
        open_link: Callable[[], Awaitable[Link]],
        close_link: Callable[[Link], None],
        failure_of: Callable[[BaseException], Failure],
        refused_handle: Callable[[], None],
        state_gen: Callable[[], object],
        wake: Callable[[], None],
    ) -> None:
        self.handover = handover
        self.kind = kind
        self._open_link = open_link
        self._close_link = close_link
        self._failure_of = failure_of
        self._refused_handle = refused_handle
        self._state_gen = state_gen
        self._wake = wake
        self._preparing: asyncio.Task[None] | None = None
        self._prepared: tuple[Link, object] | None = None
        self._failures = 0
        self.ended = False

    def step(self, now: float, *, old_busy: bool, old_alive: bool) -> Link | None:
        """The link to switch to now, or None (keep waiting, or `ended`: given up)."""
        prepared = self._prepared
        action = self.handover.decide(
            now,
            preparing=self._preparing is not None and not self._preparing.done(),
            prepared=prepared is not None,
            prepared_fresh=prepared is not None and prepared[1] == self._state_gen(),
            old_busy=old_busy,
            old_alive=old_alive,
        )
        if action is HandoverAction.PREPARE:
            if self._failures >= MAX_PREPARE_FAILURES:
                log.warning("cannot open the next connection; reconnecting after the drop")
                self.end()
                return None
            if prepared is not None:
                self._close_link(prepared[0])  # stale: it lacks the newest turn
                self._prepared = None
            self._preparing = asyncio.create_task(self._prepare(), name="live-prepare")
        elif action is HandoverAction.SWITCH and prepared is not None:
            self._prepared = None
            self.ended = True
            return prepared[0]
        return None

    async def _prepare(self) -> None:
        generation = self._state_gen()
        try:
            link = await self._open_link()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            failure = self._failure_of(exc)
            self._failures += 1
            if failure.drop_handle:
                self._refused_handle()
            elif not failure.retryable:
                self._failures = MAX_PREPARE_FAILURES
        else:
            if self.ended:
                self._close_link(link)
            else:
                self._prepared = (link, generation)
        finally:
            self._wake()

    def end(self) -> None:
        """Give up (or the session stops): cancel the preparation, close a prepared link."""
        self.ended = True
        if self._preparing is not None and not self._preparing.done():
            self._preparing.cancel()
        self._preparing = None
        if self._prepared is not None:
            self._close_link(self._prepared[0])
            self._prepared = None


class Switching:
    """The conversation's moves to another connection: the one wanted next, its preparation
    (one `HandoverRunner` at a time) and the newest moves made (`switches`)."""

    def __init__(
        self,
        connector: Connector,
        memory: ConversationMemory,
        *,
        close_link: Callable[[Link], None],
        wake: asyncio.Event,
    ) -> None:
        self._connector = connector
        self._memory = memory
        self._close_link = close_link
        self._wake = wake
        self._kind = "settings"  # or "user" (Reconnect): what the next switch is for
        self._window_s = SETTINGS_SWITCH_S
        self._runner: HandoverRunner | None = None
        # The newest moves to another connection (status and benchmarks; bounded: all day).
        self.switches: deque[Switch] = deque(maxlen=MAX_SWITCHES_KEPT)

    def want(self, kind: str, window_s: float, serving: Link | None) -> None:
        """A new connection for new settings ("settings") or the user's Reconnect ("user"),
        within `window_s`; `serving`: the link serving now, if any. Makes it stale."""
        connector = self._connector
        if serving is None or serving.config_gen == connector.config_gen:  # none pending
            self._kind, self._window_s = kind, window_s
        elif kind == "settings":  # settings win over a pending Reconnect; the sooner wins
            self._kind = kind
            self._window_s = min(self._window_s, window_s)
        connector.config_gen += 1
        self._wake.set()

    def go_away(self, event: GoAway) -> None:
        """The server closes in `event.time_left_s`: prepare the next connection."""
        handover = Handover(time.monotonic(), event.time_left_s)
        if self._runner is None:
            self._start(handover, "handover")
        elif handover.deadline < self._runner.handover.deadline:
            self._runner.handover = handover  # a settings switch must not outlast the server

    def start_if_stale(self, serving: Link, now: float) -> None:
        """With no move under way, start the one wanted if `serving` has older settings."""
        if self._runner is None and serving.config_gen != self._connector.config_gen:
            self._start(Handover(now, self._window_s), self._kind)

    @property
    def under_way(self) -> bool:
        return self._runner is not None

    @property
    def deadline(self) -> float | None:
        """When the move under way must be made (monotonic); None: no move under way."""
        return self._runner.handover.deadline if self._runner is not None else None

    def step(
        self, now: float, *, old_busy: bool, old_alive: bool
    ) -> tuple[Link, str, float] | None:
        """The link to move to now, what for and since when (monotonic), or None (wait)."""
        runner = self._runner
        assert runner is not None
        link = runner.step(now, old_busy=old_busy, old_alive=old_alive)
        if runner.ended:
            self._runner = None
        if link is None:
            return None
        return link, runner.kind, runner.handover.received_at

    def record(
        self, kind: str, started_at: float, replayed: int, replayed_audio_s: float, forced: bool
    ) -> Switch:
        """A move made (or a reconnect after a drop, `kind` "reconnect"): serving now."""
        switch = Switch(kind, started_at, time.monotonic(), replayed, replayed_audio_s, forced)
        self.switches.append(switch)
        return switch

    def end(self) -> None:
        """No move under way any more (the serving link ended, or the session stops)."""
        if self._runner is not None:
            self._runner.end()
            self._runner = None

    def _start(self, handover: Handover, kind: str) -> None:
        connector, memory = self._connector, self._memory
        self._runner = HandoverRunner(
            handover,
            kind=kind,
            open_link=connector.open,
            close_link=self._close_link,
            failure_of=connector.failure_of,
            refused_handle=memory.forget_handle,
            # A newer handle or newer settings make a prepared connection stale.
            state_gen=lambda: (memory.handle_gen, connector.config_gen),
            wake=self._wake.set,
        )
