"""Make-before-break after a goAway: the next connection is prepared while the old one serves.

`core.resilience.Handover` decides (prepare / wait / switch); this runs the preparation task
and keeps the prepared `Link` with the state it was opened for (handle and settings
generations), so a newer handle or newer settings make it stale. `LiveSession` performs the
switch itself. New settings use the same path (`LiveSession.reconfigure`), with a short window.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from desktop.core.failures import Failure
from desktop.core.resilience import Handover, HandoverAction
from desktop.session.sdk_io import Link

log = logging.getLogger(__name__)

MAX_PREPARE_FAILURES = 3


@dataclass(frozen=True)
class Switch:
    """One move to a new connection, for the status of the session and the benchmarks."""

    kind: str  # "handover" (after goAway), "settings" (new settings) or "reconnect" (a drop)
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
