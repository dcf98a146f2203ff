"""The two tasks serving one connection (`sdk_io.Link`) while it is the conversation's current one.

One sends: a new session's seed first, then what the previous connection had not answered
(`replay`), then the outbox as it fills; an item leaves the outbox only once the SDK took it,
so a drop before that keeps it for the next connection. The other receives the server's
messages and hands each to `on_message`. The first failure either task sees is kept
(`failure`) and wakes the session's serve loop (`LiveSession`), which decides what follows;
`cancel()` ends both when the link stops serving (`closing.LinkCloser` closes it).
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from desktop.core.events import Role
from desktop.core.failures import Failure
from desktop.core.resilience import TurnTracker
from desktop.session.outbox import Outbox
from desktop.session.sdk_io import Link, Outgoing


class LinkRun:
    """The tasks serving one link."""

    def __init__(
        self,
        link: Link,
        *,
        outbox: Outbox,
        turns: TurnTracker[Outgoing],
        failure_of: Callable[[BaseException], Failure],
        on_message: Callable[[dict[str, Any], Link], None],
        wake: Callable[[], None],
    ) -> None:
        self.link = link
        self.tasks: list[asyncio.Task[None]] = []
        self.failure: Failure | None = None
        self.go_away = False  # the server announced the close: its close is no failure of ours
        self._outbox = outbox
        self._turns = turns
        self._failure_of = failure_of
        self._on_message = on_message
        self._wake = wake

    def start(self, replay: deque[Outgoing], seed: Sequence[tuple[Role, str]] = ()) -> None:
        index = self.link.index
        self.tasks = [
            asyncio.create_task(self._guarded(self._receive()), name=f"live-receive-{index}"),
            asyncio.create_task(self._guarded(self._send(replay, seed)), name=f"live-send-{index}"),
        ]

    def failed(self, exc: BaseException) -> None:
        """Sending or receiving on this link failed (only the first failure counts)."""
        self.failure = self.failure or self._failure_of(exc)

    def cancel(self) -> None:
        for task in self.tasks:
            task.cancel()

    async def _guarded(self, work: Coroutine[Any, Any, None]) -> None:
        """Either task: its failure is kept, and the serve loop is woken however it ends."""
        try:
            await work
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self.failed(exc)
        finally:
            self._wake()

    async def _receive(self) -> None:
        async for message in self.link.messages():
            self._on_message(message, self.link)

    async def _send(self, replay: deque[Outgoing], seed: Sequence[tuple[Role, str]]) -> None:
        link = self.link
        if link.initial_history:
            await link.send_history(seed)
        while replay:
            await link.deliver(replay[0])
            self._turns.redelivered(replay.popleft())
        while True:
            while self._outbox:
                await link.deliver(self._outbox.peek())
                # Only once the SDK took it: a drop before this keeps it for the next link.
                item = self._outbox.taken()
                self._turns.sent(item, item.kind, time.monotonic(), item.seconds)
            self._outbox.changed.clear()
            await self._outbox.changed.wait()
