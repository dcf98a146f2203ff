"""Inputs waiting for the connection, in order. Media waiting while the connection is busy or
down is bounded (stale audio and frames are worth less than a prompt session); text and
activity markers are never dropped. An item leaves only once the transport took it."""

from __future__ import annotations

import asyncio
from collections import deque

from desktop.core.resilience import InputKind
from desktop.session.sdk_io import Outgoing

MAX_QUEUED_MEDIA = 100
MEDIA = (InputKind.AUDIO, InputKind.VIDEO)


class Outbox:
    def __init__(self, max_media: int = MAX_QUEUED_MEDIA) -> None:
        self._items: deque[Outgoing] = deque()
        self._max_media = max_media
        self._media = 0
        self.dropped_media = 0
        self.changed = asyncio.Event()

    def __bool__(self) -> bool:
        return bool(self._items)

    def put(self, item: Outgoing) -> None:
        if item.kind in MEDIA:
            if self._media >= self._max_media:
                self._drop_oldest_media()
            self._media += 1
        self._items.append(item)
        self.changed.set()

    def peek(self) -> Outgoing:
        return self._items[0]

    def taken(self) -> Outgoing:
        """The first item was delivered: remove it."""
        item = self._items.popleft()
        if item.kind in MEDIA:
            self._media -= 1
        return item

    def _drop_oldest_media(self) -> None:
        for i, queued in enumerate(self._items):
            if queued.kind in MEDIA:
                del self._items[i]
                self._media -= 1
                self.dropped_media += 1
                return
