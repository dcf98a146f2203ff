"""The headless run's pacing: one line said per model turn, and when the run is over.

Pure bookkeeping over session events, shared by every part of the headless shell (vision holds
the first line until a frame is out, voice adds stdin commands).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import deque
from collections.abc import Callable
from typing import Any, TextIO

from desktop.core.events import (
    Event,
    Interrupted,
    ModelAudio,
    NotDelivered,
    Role,
    SessionError,
    SessionState,
    StateChanged,
    ToolCallRequested,
    TranscriptDelta,
    TurnComplete,
    event_to_json,
)
from desktop.session.live_session import LiveSession

# How long a turn that ended with every result sent waits for a turn that says them.
RESULT_GRACE_S = 1.5


class HeadlessRun:
    """Paces the lines to say (one per model turn) and decides when the run is over."""

    def __init__(self, session_factory: Any, out: TextIO, lines: list[str], turns: int | None):
        self._out = out
        self._pending: deque[str] = deque(lines)
        self._reading_stdin = not lines
        self._stdin_done = False
        self._turns_wanted = turns if turns is not None else (len(lines) or None)
        self._turns_done = 0
        self._awaiting_reply = False
        self.failure: str | None = None
        self.done = asyncio.Event()
        # Told of every event first (the vision pipeline); a hold delays the next line to say.
        self.observers: list[Callable[[Event], None]] = []
        self.holds: set[str] = set()
        # Stdin lines that are commands, not text to say (e.g. "/press" with --mic).
        self.commands: dict[str, Callable[[], None]] = {}
        # Asynchronous function calls (3.8 Live): the model ends a turn ("one moment...")
        # while the tool runs and says the result in a later turn. Such a turn is not the
        # answer: it counts once every result was said (or sent SILENT, never to be said).
        self.async_calls = False
        self._results_owed = 0  # calls whose result is not said yet
        self._results_sent = 0  # results sent that the model will say
        self._in_turn = False  # the model's turn has started (content or a tool call)
        self._fresh_turn = False  # ...and it started after a result was sent
        self._turns_held = 0  # turns ended while a result was owed
        # Every result sent, none said in a turn of its own yet: either the server waited for
        # them and said them in the turn that just ended (a blocking call), or a turn of its
        # own is coming. A new turn within this grace says which.
        self.result_grace_s = RESULT_GRACE_S
        self._grace: asyncio.TimerHandle | None = None
        self.session: LiveSession = session_factory(self.on_event)

    def print(self, obj: dict[str, Any]) -> None:
        obj.setdefault("time", round(time.time(), 3))
        self._out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        self._out.flush()

    def on_event(self, event: Event) -> None:
        for observer in self.observers:
            observer(event)
        self.print(event_to_json(event))
        if isinstance(event, StateChanged):
            if event.state is SessionState.LIVE:
                self._say_next()
            elif event.state is SessionState.ERROR:
                self.failure = event.detail
                self.done.set()
        elif isinstance(event, SessionError) and event.fatal:
            self.failure = event.message
        elif isinstance(event, ToolCallRequested):
            self._turn_started()
            if self.async_calls:
                self._results_owed += len(event.calls)
        elif isinstance(event, Interrupted):
            self._in_turn = False  # what comes next is a new turn
        elif isinstance(event, ModelAudio) or (
            isinstance(event, TranscriptDelta) and event.role is Role.MODEL
        ):
            self._turn_started()
        elif isinstance(event, TurnComplete):
            if self._results_sent and self._fresh_turn:  # the turn that said a result
                self._results_sent -= 1
                self._results_owed = max(0, self._results_owed - 1)
            self._in_turn = self._fresh_turn = False
            self._turns_held += 1
            self._release_turns()
            if self._turns_held and self._results_owed == self._results_sent:
                self._wait_for_a_result_turn()
        elif isinstance(event, NotDelivered):
            # The server failed on that line twice: it will not be answered; go on (counted
            # as done, so a --say run still ends).
            self._turns_done += 1
            self._awaiting_reply = False
            self._say_next()
            self._check_done()

    def _turn_started(self) -> None:
        if not self._in_turn:
            self._in_turn = True
            self._fresh_turn = self._results_sent > 0
            if self._grace is not None:  # a result's own turn: no need to wait any more
                self._grace.cancel()
                self._grace = None

    def _wait_for_a_result_turn(self) -> None:
        if self._grace is None:
            loop = asyncio.get_running_loop()
            self._grace = loop.call_later(self.result_grace_s, self._results_were_said)

    def _results_were_said(self) -> None:
        """No turn of its own came: the turn that ended said them (a blocking call)."""
        self._grace = None
        self._results_owed = max(0, self._results_owed - self._results_sent)
        self._results_sent = 0
        self._release_turns()

    def result_sent(self, scheduling: str) -> None:
        """A tool's result went out with this scheduling ("" : a blocking call)."""
        if not self.async_calls or not scheduling:
            return
        if scheduling == "SILENT":
            self._results_owed = max(0, self._results_owed - 1)
            self._release_turns()
        else:
            self._results_sent += 1

    def _release_turns(self) -> None:
        if self._results_owed or not self._turns_held:
            return
        self._turns_held = 0
        self._turns_done += 1  # the answer, however many turns it took
        self._awaiting_reply = False
        self._say_next()
        self._check_done()

    def add_line(self, line: str) -> None:
        command = self.commands.get(line.strip())
        if command is not None:
            command()
            return
        if line.strip():
            self._pending.append(line.strip())
            self._say_next()

    def stdin_closed(self) -> None:
        self._stdin_done = True
        self._check_done()

    def release(self, hold: str) -> None:
        if hold in self.holds:
            self.holds.discard(hold)
            self._say_next()

    def _say_next(self) -> None:
        if self._awaiting_reply or not self._pending or self.holds:
            return
        if self.session.state is not SessionState.LIVE:
            return
        self._awaiting_reply = True
        self.session.send_text(self._pending.popleft())

    def _check_done(self) -> None:
        if self._turns_wanted is not None:
            if self._turns_done >= self._turns_wanted:
                self.done.set()
        elif (
            self._reading_stdin and self._stdin_done and not (self._pending or self._awaiting_reply)
        ):
            self.done.set()
