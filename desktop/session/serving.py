"""Serving the conversation on one connection at a time: the serving half of `LiveSession`.

A connection that opened starts a run (`link_run.LinkRun`): what the previous one had not
answered is replayed on it, and a new session gets its seed. The serve loop then watches the
run until it fails or the session stops: a turn over without turnComplete (generationComplete
and silence), a server that stopped answering (`core.resilience.TurnTracker` decides both),
and a move to the next connection (`handover.Switching`), made between turns. A run stopped
closes its link (`closing.LinkCloser`); the calls its connection asked for are cancelled.
What a server message means, what a failure means, and the events are `LiveSession`'s.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Sequence
from typing import Any

from desktop.core.events import Event, Interrupted, Notice, Role, ToolCallCancelled
from desktop.core.failures import Failure, FailureKind, classify
from desktop.core.live_codec import LiveEventDecoder
from desktop.core.resilience import InputKind, TurnTracker
from desktop.core.session_machine import SessionMachine
from desktop.session.closing import LinkCloser
from desktop.session.connector import Connector
from desktop.session.endpoint import Endpoint
from desktop.session.handover import Switching
from desktop.session.link_run import LinkRun
from desktop.session.memory import ConversationMemory
from desktop.session.outbox import Outbox
from desktop.session.reconnect import Reconnector
from desktop.session.sdk_io import Link, Outgoing
from desktop.session.tool_link import ToolLink

# What this half logs is the session's: under its name, as before it moved here.
log = logging.getLogger("desktop.session.live_session")


class Serving:
    """The serving half of `LiveSession`, which holds the state and hears the messages."""

    endpoint: Endpoint
    _outbox: Outbox
    _wake: asyncio.Event
    _stopping: asyncio.Event
    _machine: SessionMachine
    _decoder: LiveEventDecoder
    _turns: TurnTracker[Outgoing]
    _retry: Reconnector
    _memory: ConversationMemory
    _connector: Connector
    _tools: ToolLink
    _switching: Switching
    _closer: LinkCloser
    _current: LinkRun | None
    _lost_at: float | None
    # How the last attempt ended, for `core.failures.decide`.
    _during_setup: bool
    _resuming: bool

    def _on_message(self, message: dict[str, Any], link: Link) -> None:
        """One message the server sent on `link`."""
        raise NotImplementedError

    def _emit(self, event: Event) -> None:
        raise NotImplementedError

    def _emit_all(self, events: Sequence[Event]) -> None:
        raise NotImplementedError

    async def _serve(self, run: LinkRun, lost_at: float | None) -> tuple[Failure | None, bool]:
        if lost_at is not None:
            self._record("reconnect", lost_at, run)
            self._lost_at = None
        try:
            while True:
                self._wake.clear()
                if self._stopping.is_set():
                    return None, False
                now = time.monotonic()
                if run.failure is None and self._turns.generation_over(now):
                    log.info("link %d: generationComplete and silence: turn over", run.link.index)
                    self._turns.turn_ended_quietly(now)
                    self._emit_all(self._decoder.end_turn_quietly())
                    self._proved()
                if run.failure is None and self._turns.overdue(now):
                    log.warning("link %d: the server stopped answering", run.link.index)
                    run.failure = classify(FailureKind.STALLED, where=self.endpoint.where)
                self._switching.start_if_stale(run.link, now)
                if self._switching.under_way:
                    switched = self._switch(run, now)
                    if switched is not None:
                        run = switched
                        continue
                if run.failure is not None and not self._switching.under_way:
                    return run.failure, run.go_away
                await self._sleep(now)
        finally:
            self._stop_run(run)
            self._switching.end()

    def _start_run(self, link: Link) -> LinkRun:
        run = LinkRun(
            link,
            outbox=self._outbox,
            turns=self._turns,
            failure_of=self._connector.failure_of,
            on_message=self._on_message,
            wake=self._wake.set,
        )
        self._current = run
        replay = deque(self._turns.replay())
        self._turns.connection_changed(time.monotonic())
        self._retry.connected()
        self._during_setup = False
        self._resuming = link.resumed_from is not None
        seed: list[tuple[Role, str]] = []
        if link.resumed_from is None:
            # The context as it is now, at the switch (not when the link was prepared); said
            # once, not again for each new session that fails before its first turn.
            seed, notice = self._memory.fresh_start(link.initial_history)
            if notice:
                self._emit(Notice(notice))
        run.start(replay, seed)
        return run

    def _stop_run(self, run: LinkRun) -> None:
        run.cancel()
        self._closer.close(run.link)
        if self._current is run:
            self._current = None
        # Calls the old connection asked for are never answered on another one.
        gone = self._tools.link_gone(run.link.index)
        if gone:
            self._emit(ToolCallCancelled(gone))

    def _connection_ended(self) -> None:
        """Lines and audio in flight on the connection that ended."""
        if self._turns.in_turn:
            self._emit(Interrupted())  # the speaker drops the cut reply's queued audio
        replaying_audio = InputKind.AUDIO in self._turns.replay_kinds()
        self._emit_all(self._decoder.connection_changed(replaying_audio=replaying_audio))

    def _record(self, kind: str, started_at: float, run: LinkRun, forced: bool = False) -> None:
        replayed = len(self._turns.replay_kinds())
        switch = self._switching.record(
            kind, started_at, replayed, self._turns.replay_audio_s, forced
        )
        log.info("link %d serving after %s (%s)", run.link.index, kind, switch)

    async def _sleep(self, now: float) -> None:
        # A missing deadline is no deadline: `(None or now) + 0.01` woke the loop every 10 ms
        # forever (~6 % of a core in an idle window).
        stall = self._turns.stall_deadline(now)
        deadlines = [now + 1.0] + ([stall + 0.01] if stall is not None else [])
        switch_by = self._switching.deadline
        if switch_by is not None:
            settle = self._turns.settle_deadline()
            deadlines.append(switch_by)
            if settle is not None:
                deadlines.append(settle + 0.01)
        timeout = min(d - now for d in deadlines if d > now)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout)

    def _switch(self, run: LinkRun, now: float) -> LinkRun | None:
        """Onto the prepared connection once `run`'s turn is over (or the time is up)."""
        moved = self._switching.step(
            now, old_busy=not self._turns.settled(now), old_alive=run.failure is None
        )
        if moved is None:
            return None
        link, kind, started_at = moved
        forced = run.failure is None and self._turns.busy
        self._stop_run(run)
        self._connection_ended()
        new = self._start_run(link)
        self._record(kind, started_at, new, forced)
        if kind == "settings" and link.resumed_from is not None:
            self._emit(Notice("New settings in use; the conversation goes on."))
        return new

    def _proved(self) -> None:
        if self._retry.proved():
            self._machine.healthy()
