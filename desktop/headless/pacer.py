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
    NotDelivered,
    SessionError,
    SessionState,
    StateChanged,
    TurnComplete,
    event_to_json,
)
from desktop.session.live_session import LiveSession


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
        elif isinstance(event, TurnComplete):
            self._turns_done += 1
            self._awaiting_reply = False
            self._say_next()
            self._check_done()
        elif isinstance(event, NotDelivered):
            # The server failed on that line twice: it will not be answered; go on (counted
            # as done, so a --say run still ends).
            self._turns_done += 1
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
