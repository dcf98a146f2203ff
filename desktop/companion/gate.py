"""The companion port's front door: every TCP connection is counted from its accept on.

websockets is given plain TCP; the connection class made here checks `Admission` the moment a
connection is accepted (peer address known, nothing read yet), refuses by closing at once,
and otherwise runs the TLS handshake itself with `loop.start_tls` and a short timeout before
handing the encrypted transport to websockets. So a connection that never finishes TLS holds
one of a few handshake places for `handshake_timeout_s` at most, and floods never reach the
point where the process runs out of descriptors (issue 14).
"""

from __future__ import annotations

import asyncio
import logging
import os
import resource
import ssl
import time
from typing import Any

from websockets.asyncio.server import ServerConnection

from desktop.core.companion_admission import (
    Admission,
    Refusal,
    RefusalLog,
    Ticket,
    source_key,
)

log = logging.getLogger(__name__)

_FD_DIR = "/proc/self/fd"
FD_CHECK_EVERY_S = 0.25


def fd_soft_limit() -> int:
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    return soft if soft != resource.RLIM_INFINITY else 1 << 20


class FdWatch:
    """How many descriptors the process has left (Linux: /proc/self/fd, cached briefly)."""

    def __init__(self) -> None:
        self._limit = fd_soft_limit()
        self._at = float("-inf")
        self._left: int | None = None
        self._available = os.path.isdir(_FD_DIR)

    def left(self) -> int | None:
        if not self._available:
            return None
        now = time.monotonic()
        if now - self._at >= FD_CHECK_EVERY_S:
            try:
                self._left = self._limit - len(os.listdir(_FD_DIR))
            except OSError:
                self._left = None
            self._at = now
        return self._left


class Gate:
    """Admission for one server, plus the TLS handshakes in flight (cancelled on stop)."""

    def __init__(
        self,
        admission: Admission,
        ssl_context: ssl.SSLContext | None,
        handshake_timeout_s: float,
    ) -> None:
        self.admission = admission
        self.ssl = ssl_context
        self.handshake_timeout_s = handshake_timeout_s
        self.fds = FdWatch()
        self.refusals = RefusalLog()
        self._handshakes: set[asyncio.Task[None]] = set()

    def admit(self, source: str) -> Ticket | None:
        verdict = self.admission.admit(source, self.fds.left())
        if isinstance(verdict, Ticket):
            return verdict
        self.refused(verdict, source)
        return None

    def refused(self, reason: Refusal, source: str) -> None:
        line = self.refusals.refused_now(reason, time.monotonic())
        if line is not None:
            log.warning("%s (latest from %s)", line, source)

    def track(self, task: asyncio.Task[None]) -> None:
        self._handshakes.add(task)
        task.add_done_callback(self._handshakes.discard)

    def cancel_handshakes(self) -> None:
        for task in list(self._handshakes):
            task.cancel()

    @property
    def handshakes_in_flight(self) -> int:
        return len(self._handshakes)


def gated_connection(gate: Gate) -> type[ServerConnection]:
    """A `ServerConnection` class for websockets' `serve(create_connection=...)`."""

    class GatedConnection(ServerConnection):
        ticket: Ticket | None = None
        _started = False
        _early: list[bytes]
        _early_eof = False
        _lost = False

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            peer = transport.get_extra_info("peername")
            source = source_key(str(peer[0])) if peer else "?"
            ticket = gate.admit(source)
            if ticket is None:
                assert isinstance(transport, asyncio.Transport)
                transport.abort()
                return
            self.ticket = ticket
            self._early = []
            if gate.ssl is None:
                gate.admission.handshake_done(ticket)
                self._start(transport)
                return
            assert isinstance(transport, asyncio.Transport)
            transport.pause_reading()  # start_tls takes over the bytes from here
            loop = asyncio.get_running_loop()
            gate.track(loop.create_task(self._tls(loop, transport, ticket)))

        async def _tls(
            self, loop: asyncio.AbstractEventLoop, raw: asyncio.Transport, ticket: Ticket
        ) -> None:
            assert gate.ssl is not None
            try:
                tls = await loop.start_tls(
                    raw,
                    self,
                    gate.ssl,
                    server_side=True,
                    ssl_handshake_timeout=gate.handshake_timeout_s,
                )
            except (OSError, ssl.SSLError, TimeoutError, asyncio.CancelledError) as exc:
                log.debug("TLS handshake from %s failed: %r", ticket.source, exc)
                raw.abort()
                gate.admission.closed(ticket)
                return
            except Exception:
                log.warning("TLS handshake from %s failed", ticket.source, exc_info=True)
                raw.abort()
                gate.admission.closed(ticket)
                return
            if tls is None:  # pragma: no cover - only for transports without TLS support
                raw.abort()
                gate.admission.closed(ticket)
                return
            if self._lost:  # closed between the handshake and now
                return
            gate.admission.handshake_done(ticket)
            self._start(tls)

        def _start(self, transport: asyncio.BaseTransport) -> None:
            self._started = True
            super().connection_made(transport)
            # The peer may speak as soon as its handshake is done, before this task resumed.
            early, self._early = self._early, []
            for data in early:
                super().data_received(data)
            if self._early_eof:
                super().eof_received()

        def connection_lost(self, exc: Exception | None) -> None:
            self._lost = True
            if self.ticket is not None:
                gate.admission.closed(self.ticket)
            if self._started:
                super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            if self._started:
                super().data_received(data)
            elif self.ticket is not None and sum(map(len, self._early)) < 65_536:
                self._early.append(data)

        def eof_received(self) -> Any:
            if self._started:
                return super().eof_received()
            self._early_eof = True
            return None

    return GatedConnection
