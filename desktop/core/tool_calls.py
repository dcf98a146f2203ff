"""Call bookkeeping for function calling, as pure decisions.

- `CallBook` (the session's side): which connection issued each call, which calls were
  cancelled, and whether a result may be sent. A cancelled call's result is never sent.
  A call belongs to the connection that issued it: when that connection is replaced (a drop,
  or the switch after goAway) its open calls count as cancelled. The new connection never
  heard of them: a resumed session continues from a handle the server issued before the call
  (it issues none while tools run), and the unanswered input that led to the call is replayed,
  so the model asks again if it still wants to.
- `ToolRecord`: one line of the tool log (name, arguments, status, result, duration).
- `ok_response` / `error_response`: the `response` object a FunctionResponse carries.
- `ToolImage`: a picture a tool returns; it travels as a part of the FunctionResponse itself
  (not as client content, which would interrupt the model's answer and cancel the call).
- `schedule_for`: on models that call functions asynchronously (gemini-3.8-live), what the
  model does with a result that arrives while it talks: INTERRUPT (say it now), WHEN_IDLE
  (after the current answer) or SILENT (take it in, say nothing).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

MAX_RESULT_CHARS = 4000
DEFAULT_TOOL_TIMEOUT_S = 15.0
# A result later than this is no longer timely: it never interrupts the model's answer.
SLOW_TOOL_S = 2.0


class Scheduling(StrEnum):
    INTERRUPT = "INTERRUPT"
    WHEN_IDLE = "WHEN_IDLE"
    SILENT = "SILENT"


class ToolStatus(StrEnum):
    RUNNING = "running"
    DONE = "done"
    ERROR = "error"
    TIMEOUT = "timeout"
    CANCELLED = "cancelled"


class Verdict(StrEnum):
    SEND = "send"
    UNKNOWN = "unknown call"
    CANCELLED = "cancelled"
    ANSWERED = "already answered"


@dataclass
class _Call:
    name: str
    link: int
    cancelled: bool = False
    answered: bool = False


@dataclass
class CallBook:
    """Open calls per connection (`link` is the connection's index)."""

    _calls: dict[str, _Call] = field(default_factory=dict)

    def issued(self, call_id: str, name: str, link: int) -> None:
        self._calls[call_id] = _Call(name, link)

    def cancelled(self, call_ids: Iterable[str]) -> list[str]:
        """The server cancelled these; returns the ones that were still open."""
        hit = []
        for call_id in call_ids:
            call = self._calls.get(call_id)
            if call is not None and not call.cancelled and not call.answered:
                call.cancelled = True
                hit.append(call_id)
        return hit

    def connection_gone(self, link: int) -> list[str]:
        """The connection `link` was replaced: its open calls are cancelled (their ids)."""
        gone = [cid for cid, c in self._calls.items() if c.link == link and self._open(c)]
        for call_id in gone:
            self._calls[call_id].cancelled = True
        return gone

    def verdict(self, call_id: str) -> Verdict:
        call = self._calls.get(call_id)
        if call is None:
            return Verdict.UNKNOWN
        if call.cancelled:
            return Verdict.CANCELLED
        if call.answered:
            return Verdict.ANSWERED
        return Verdict.SEND

    def answer(self, call_id: str) -> Verdict:
        """A result is ready: SEND marks the call answered; anything else means do not send."""
        verdict = self.verdict(call_id)
        if verdict is Verdict.SEND:
            self._calls[call_id].answered = True
        return verdict

    def name_of(self, call_id: str) -> str:
        call = self._calls.get(call_id)
        return call.name if call else ""

    def open_on(self, link: int) -> int:
        """Calls on `link` the server still waits for."""
        return sum(1 for c in self._calls.values() if c.link == link and self._open(c))

    def forget_link(self, link: int) -> None:
        """Drop finished calls of an old connection (bounded memory over a long session)."""
        self._calls = {k: c for k, c in self._calls.items() if c.link != link or self._open(c)}

    @staticmethod
    def _open(call: _Call) -> bool:
        return not call.cancelled and not call.answered


@dataclass(frozen=True)
class ToolImage:
    """A JPEG a tool returns for the model to look at, sent with the function's response at
    this media resolution ("low", "medium", "high"; "" leaves it to the server)."""

    jpeg: bytes
    width: int
    height: int
    media_resolution: str = "high"
    note: str = ""  # the text result sent beside it

    @property
    def summary(self) -> str:
        return self.note or f"a {self.width}x{self.height} image is attached"


@dataclass(frozen=True)
class ToolRecord:
    call_id: str
    name: str
    args: dict[str, Any]
    started_at: float
    status: ToolStatus = ToolStatus.RUNNING
    result: str = ""  # the result or the error's reason, summarised
    duration_s: float | None = None
    scheduling: str = ""  # what the response asked of the model ("": nothing, older models)

    def finished(
        self, status: ToolStatus, result: str, now: float, scheduling: str = ""
    ) -> ToolRecord:
        return replace(
            self,
            status=status,
            result=result,
            duration_s=now - self.started_at,
            scheduling=scheduling,
        )


def schedule_for(
    preferred: str | None, status: ToolStatus, duration_s: float, slow_s: float = SLOW_TOOL_S
) -> Scheduling:
    """A tool's preference (None: WHEN_IDLE), made honest by what happened: a slow result
    never interrupts, and a failure is never silent (the model must be able to say so)."""
    try:
        chosen = Scheduling(preferred) if preferred else Scheduling.WHEN_IDLE
    except ValueError:
        chosen = Scheduling.WHEN_IDLE
    if status is not ToolStatus.DONE:
        return Scheduling.WHEN_IDLE
    if chosen is Scheduling.INTERRUPT and duration_s > slow_s:
        return Scheduling.WHEN_IDLE
    return chosen


def ok_response(result: Any) -> dict[str, Any]:
    """`{"result": ...}` with a JSON-ready result (anything else becomes its text)."""
    return {"result": jsonable(result)}


def error_response(reason: str) -> dict[str, Any]:
    return {"error": reason[:MAX_RESULT_CHARS]}


def jsonable(value: Any) -> Any:
    try:
        text = json.dumps(value)
    except (TypeError, ValueError):
        return summarize(str(value))
    if len(text) > MAX_RESULT_CHARS:
        return summarize(text)
    return value


def summarize(value: Any, limit: int = 200) -> str:
    """One line for the tool log."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
