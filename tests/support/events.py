"""Collecting session events in tests and waiting for one without sleeping blindly."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from desktop.core.events import Event, Role, SessionState, StateChanged, TranscriptLine

E = TypeVar("E")


class EventLog:
    def __init__(self) -> None:
        self.events: list[Event] = []
        self._changed = asyncio.Event()

    def __call__(self, event: Event) -> None:
        self.events.append(event)
        self._changed.set()

    def of(self, kind: type[E]) -> list[E]:
        return [e for e in self.events if isinstance(e, kind)]

    def states(self) -> list[SessionState]:
        return [e.state for e in self.of(StateChanged)]

    def lines(self, role: Role | None = None) -> list[TranscriptLine]:
        return [e for e in self.of(TranscriptLine) if role is None or e.role is role]

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 15.0) -> Any:
        async def poll() -> Any:
            while True:
                result = predicate()
                if result:
                    return result
                self._changed.clear()
                await self._changed.wait()

        return await asyncio.wait_for(poll(), timeout)
