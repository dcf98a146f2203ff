"""`HistoryRecorder`: a session-event consumer that writes every finalised transcript line and
the session's usage to the history database as it happens.

One `LiveSession` run is one history session; its row is created with its first line or
usage (a failed connect leaves no empty session behind). Writes that fail because the disk is
full or the database is locked wait in memory, in order, and are retried with the next write;
the user is told once. A database found damaged mid-session is set aside and a fresh one gets
the whole current session again. The session itself never notices any of it.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.events import Event, SessionState, StateChanged, TranscriptLine, Usage
from desktop.core.pricing import PriceTable, UsageMeter
from desktop.outputs.history_db import (
    HistoryStore,
    is_corrupt,
    is_full,
    is_locked,
    open_history,
    set_aside,
)

log = logging.getLogger(__name__)

MAX_PENDING = 10_000  # writes kept in memory while the disk is full
# The open session's newest lines kept to rewrite it into a fresh database if the file is
# damaged (all of them stay in the damaged file, which is kept aside): bounded, as the
# window may run all day.
MAX_REWRITE = 2_000


@dataclass(frozen=True)
class _Op:
    session: int  # the recorder's own session number
    kind: str  # begin / line / usage / end
    payload: Any = None


class HistoryRecorder:
    """Call it with every session event (subscribe it to the fanout). `on_problem` gets one
    line for the user when history cannot be written as usual."""

    def __init__(
        self,
        store: HistoryStore | None = None,
        *,
        path: Path | None = None,
        prices: PriceTable | None = None,
        on_problem: Callable[[str], None] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._on_problem = on_problem or (lambda message: None)
        self.prices = prices or PriceTable()
        self._clock = clock
        self.store: HistoryStore | None = store
        if store is None:
            try:
                self.store, problem = open_history(path)
            except (sqlite3.Error, OSError) as exc:
                problem = f"History is off: the database cannot be opened ({exc})."
                log.warning("%s", problem)
            if problem:
                self._on_problem(problem)
        self._model = ""
        self._endpoint = ""
        self._session = 0  # 0: none open
        self._count = 0
        self._sids: dict[int, int] = {}
        self._pending: deque[_Op] = deque()
        # The open session, to rewrite into a fresh database: its begin, newest lines, totals.
        self._current_begin: _Op | None = None
        self._current_ops: deque[_Op] = deque(maxlen=MAX_REWRITE)
        self._current_usage: _Op | None = None
        self.meter = UsageMeter()
        self._failing = ""
        self.dropped = 0
        self.skipped = 0  # writes that failed for their value, not the disk

    @property
    def session_id(self) -> int | None:
        """The database id of the session being recorded (None before its first line)."""
        return self._sids.get(self._session)

    def new_session(self, model: str, endpoint: str = "") -> None:
        """The next events belong to a new session (with this model and endpoint label)."""
        self.end_session()
        self._model, self._endpoint = model, endpoint

    def end_session(self) -> None:
        if self._session:
            self._write(_Op(self._session, "end", self._clock()))
        self._session = 0
        self._current_begin, self._current_usage = None, None
        self._current_ops.clear()
        self.meter = UsageMeter()

    def close(self) -> None:
        self.end_session()
        if self.store is not None:
            self.store.close()

    def __call__(self, event: Event) -> None:
        if isinstance(event, TranscriptLine):
            self._open()
            # A revised line (a late transcription piece) replaces its earlier text.
            self._write(_Op(self._session, "amend" if event.revised else "line", event))
        elif isinstance(event, Usage):
            self._open()
            self.meter.add(event)
            cost = self.meter.cost(self.prices.for_model(self._model))
            self._write(_Op(self._session, "usage", (self.meter.to_dict(), cost)))
        elif isinstance(event, StateChanged) and event.state in (
            SessionState.CLOSED,
            SessionState.ERROR,
        ):
            self.end_session()

    # -- writing ------------------------------------------------------------------------

    def _open(self) -> None:
        if self._session:
            return
        self._count += 1
        self._session = self._count
        self._write(_Op(self._session, "begin", (self._clock(), self._model, self._endpoint)))

    def _write(self, op: _Op) -> None:
        if op.session != self._session:
            pass
        elif op.kind == "begin":
            self._current_begin = op
        elif op.kind == "usage":
            self._current_usage = op  # the totals so far: only the newest is ever needed
        else:
            self._current_ops.append(op)
        if len(self._pending) >= MAX_PENDING:
            self._pending.popleft()
            self.dropped += 1
        self._pending.append(op)
        self.flush()

    def flush(self) -> bool:
        """Write what waits; True when nothing is left waiting."""
        store = self.store
        while store is not None and self._pending:
            op = self._pending[0]
            try:
                self._apply(store, op)
            except sqlite3.Error as exc:
                if is_corrupt(exc):
                    store = self._start_fresh(exc)
                    continue
                self._report(exc)
                return False
            except Exception:
                # A value the database cannot take (history_db already replaces invalid
                # text): skip that write, never block the ones behind it (issue 14).
                self.skipped += 1
                if self.skipped == 1:
                    log.exception("history: a %s write could not be saved; skipped", op.kind)
            self._pending.popleft()
        if self._failing and not self._pending and store is not None:
            self._failing = ""
            self._on_problem("History is being saved again.")
        return not self._pending

    def _apply(self, store: HistoryStore, op: _Op) -> None:
        if op.kind == "begin":
            started_at, model, endpoint = op.payload
            self._sids[op.session] = store.begin_session(started_at, model, endpoint)
            return
        sid = self._sids.get(op.session)
        if sid is None:  # its begin was lost with a damaged database
            return
        if op.kind == "line":
            store.add_line(sid, op.payload)
        elif op.kind == "amend":
            store.amend_line(sid, op.payload)
        elif op.kind == "usage":
            store.set_usage(sid, *op.payload)
        elif op.kind == "end":
            store.end_session(sid, op.payload)

    def _report(self, exc: sqlite3.Error) -> None:
        if is_full(exc):
            kind = "The disk is full: new transcript lines are kept in memory until there is room."
        elif is_locked(exc):
            kind = "The history database is busy: new lines are kept in memory for now."
        else:
            kind = f"History cannot be saved right now ({exc}); lines are kept in memory."
        log.warning("history write failed: %s", exc)
        if kind != self._failing:
            self._failing = kind
            self._on_problem(kind)

    def _start_fresh(self, exc: sqlite3.Error) -> HistoryStore | None:
        """The database broke under us: keep it aside and rewrite the open session anew."""
        old = self.store
        assert old is not None
        old.close()
        try:
            kept = set_aside(old.path)
            self.store = HistoryStore(old.path)
        except (sqlite3.Error, OSError) as again:
            self.store = None
            self._on_problem(f"History is off: the database is damaged ({again}).")
            return None
        self._sids.clear()
        waiting = {id(op) for op in self._pending}
        ops = [self._current_begin, *self._current_ops, self._current_usage]
        current = [op for op in ops if op is not None and id(op) not in waiting]
        self._pending.extendleft(reversed(current))
        self._on_problem(
            f"The history database was damaged ({exc}); it was kept as {kept.name} and a new "
            "one was started."
        )
        return self.store
