"""Function calls on live connections: each is answered on the connection that asked, once,
and never on another one (a replaced connection's calls count as cancelled: the new
connection resumes from before the call and the question is asked again). The decisions are
`core.tool_calls.CallBook`'s; this sends the responses."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

from desktop.core.events import Event, ToolCallCancelled, ToolCallRequested
from desktop.core.tool_calls import CallBook, ToolImage, Verdict
from desktop.session.sdk_io import Link


class ToolLink:
    def __init__(
        self,
        *,
        current: Callable[[], Link | None],
        failed: Callable[[Link, BaseException], None],
        settled: Callable[[Link], None],
    ) -> None:
        """`current`: the link serving now; `failed(link, exc)`: a response could not be
        sent; `settled(link)`: every call open on that link is answered."""
        self.calls = CallBook()
        self._current = current
        self._failed = failed
        self._settled = settled
        self._responses: set[asyncio.Task[None]] = set()

    def observe(self, events: Sequence[Event], link: int) -> bool:
        """Calls issued or cancelled in one server message. True when a cancellation left no
        call open on `link` (the server owes the rest of the turn again)."""
        settled = False
        for event in events:
            if isinstance(event, ToolCallRequested):
                for call in event.calls:
                    self.calls.issued(call.call_id, call.name, link)
            elif isinstance(event, ToolCallCancelled):
                self.calls.cancelled(event.call_ids)
                settled = not self.calls.open_on(link)
        return settled

    def respond(
        self,
        call_id: str,
        name: str,
        response: dict[str, Any],
        images: Sequence[ToolImage] = (),
        scheduling: str = "",
    ) -> str | None:
        """None when it is being sent, else why not (see `LiveSession.send_tool_response`)."""
        verdict = self.calls.answer(call_id)
        link = self._current()
        if verdict is not Verdict.SEND:
            return verdict.value
        if link is None:
            return Verdict.CANCELLED.value
        name = name or self.calls.name_of(call_id)
        task = asyncio.ensure_future(
            self._send(link, call_id, name, response, tuple(images), scheduling)
        )
        self._responses.add(task)
        task.add_done_callback(self._responses.discard)
        return None

    async def _send(
        self,
        link: Link,
        call_id: str,
        name: str,
        response: dict[str, Any],
        images: tuple[ToolImage, ...],
        scheduling: str = "",
    ) -> None:
        try:
            await link.respond(call_id, name, response, images, scheduling)
        except Exception as exc:
            self._failed(link, exc)
            return
        if self._current() is link and not self.calls.open_on(link.index):
            self._settled(link)

    def link_gone(self, index: int) -> tuple[str, ...]:
        """The link was replaced or lost: its open calls, now cancelled."""
        gone = self.calls.connection_gone(index)
        self.calls.forget_link(index)
        return tuple(gone)
