"""Links that no longer serve are closed in the background, and their memory given back soon.

A closed connection (websockets, TLS and zlib state: ~0.5 MB, much of it outside Python's
heap) is a reference cycle, freed only by a full collection. A steady app runs those rarely,
so every connection left stayed for a long time: the window soak's slow RSS climb. So one full
collection runs `COLLECT_AFTER_S` after the last close of a burst.
"""

from __future__ import annotations

import asyncio
import gc

from desktop.session.sdk_io import Link

COLLECT_AFTER_S = 1.0  # a full garbage collection this long after a connection closed


class LinkCloser:
    def __init__(self) -> None:
        self._closing: set[asyncio.Task[None]] = set()
        self._collect: asyncio.TimerHandle | None = None

    def close(self, link: Link) -> None:
        closing = link.close_soon()
        self._closing.add(closing)
        closing.add_done_callback(self._closed)

    async def wait(self, limit_s: float) -> None:
        """Until every close under way has finished, at most `limit_s` seconds."""
        if self._closing:
            await asyncio.wait(set(self._closing), timeout=limit_s)

    def _closed(self, closing: asyncio.Task[None]) -> None:
        self._closing.discard(closing)
        if self._collect is not None:
            self._collect.cancel()
        self._collect = asyncio.get_running_loop().call_later(COLLECT_AFTER_S, self._gc)

    def _gc(self) -> None:
        self._collect = None
        gc.collect()
