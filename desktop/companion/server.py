"""`CompanionServer`: the companion port - the web client over HTTPS and the WebSocket `/ws`.

Thin glue on `websockets.asyncio.server.serve`, on the app's one asyncio loop. What a frame
means is decided by `core.companion_protocol`, who may pair or connect by `DeviceAccess`, and
what a device gets by the `CompanionHub`. Per connection: authentication within
`auth_timeout_s` as the first message, a message-rate cap, one task sending from the device's
queue, and a clear error or close code for anything wrong.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import ssl
import time
from dataclasses import dataclass, field
from pathlib import Path

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from desktop.companion.access import DeviceAccess
from desktop.companion.gate import Gate, fd_soft_limit, gated_connection
from desktop.companion.hub import CompanionClient, CompanionHub
from desktop.companion.web import RequestCheck, StaticFiles, plain_response
from desktop.core import companion_protocol as proto
from desktop.core.companion_admission import Admission, AdmissionLimits, Refusal, RefusalLog
from desktop.core.companion_flow import STALL_AFTER_S, ClientQueue, TokenBucket
from desktop.core.pairing import REDEEM_MESSAGES, PairedDevice, Redeem

log = logging.getLogger(__name__)

CLOSE_TIMEOUT_S = 2.0


@dataclass(frozen=True)
class ServerLimits:
    max_unauthenticated: int = 16  # WebSockets before hello/pair, from every address
    auth_timeout_s: float = 5.0
    handshake_timeout_s: float = 3.0  # TLS
    http_timeout_s: float = 5.0  # the HTTP request after TLS
    messages_per_s: float = 100.0  # audio is 25-50 frames a second
    message_burst: float = 200.0
    stall_check_s: float = 0.5
    stall_after_s: float = STALL_AFTER_S  # a send blocked this long disconnects the device
    admission: AdmissionLimits = field(default_factory=AdmissionLimits)


def _with_fd_budget(limits: AdmissionLimits) -> AdmissionLimits:
    """All stages together stay well below the process's descriptor limit."""
    budget = max(8, fd_soft_limit() - 2 * limits.fd_reserve)
    return dataclasses.replace(limits, fd_budget=min(limits.fd_budget, budget))


# The listen queue, and so the most connections taken in one accept burst (see start()).
ACCEPT_BACKLOG = 32


class CompanionServer:
    """Listens on `host` (None: every interface) and `port` (0: any free one)."""

    def __init__(
        self,
        hub: CompanionHub,
        access: DeviceAccess,
        *,
        host: str | None,
        port: int,
        ssl_context: ssl.SSLContext | None,
        static_dir: Path,
        allowed_hosts: frozenset[str],
        cert_file: Path | None = None,
        limits: ServerLimits | None = None,
    ) -> None:
        self.hub = hub
        self.access = access
        self._host = host
        self._port = port
        self._ssl = ssl_context
        self.limits = limits or ServerLimits()
        self._scheme = "https" if ssl_context else "http"
        self._check = RequestCheck(StaticFiles(static_dir, cert_file), allowed_hosts, self._scheme)
        self._server: Server | None = None
        self.gate = Gate(
            Admission(_with_fd_budget(self.limits.admission)),
            ssl_context,
            self.limits.handshake_timeout_s,
        )
        self._unauthenticated = 0
        self._refusals = RefusalLog("refused companion sockets")
        self._watchdog: asyncio.Task[None] | None = None
        self._closing: set[asyncio.Task[None]] = set()
        access.on_revoked.append(self._revoked)

    @property
    def port(self) -> int:
        if self._server is None:
            return self._port
        return int(next(iter(self._server.sockets)).getsockname()[1])

    @property
    def scheme(self) -> str:
        return self._scheme

    @property
    def running(self) -> bool:
        return self._server is not None

    async def start(self) -> None:
        # TLS is not given to websockets: the gate runs each handshake itself once the
        # connection is admitted (companion/gate.py).
        self._server = await serve(
            self._handle,
            self._host,
            self._port,
            create_connection=gated_connection(self.gate),
            open_timeout=self.limits.http_timeout_s,
            process_request=self._process_request,
            max_size=proto.MAX_FRAME_BYTES,
            # No permessage-deflate: PCM barely compresses, and a zlib context per device
            # costs ~300 KiB of memory and CPU on every frame (bench/bench_companions.py).
            compression=None,
            max_queue=32,
            ping_interval=20,
            ping_timeout=20,
            close_timeout=CLOSE_TIMEOUT_S,
            server_header="Screenmate",
            # asyncio accepts up to `backlog` connections in one go before any of them reaches
            # the gate: with its default of 100, a flood on a busy machine (the loop late, the
            # kernel's queue full) took 100 descriptors at once, past the gate's reserve of 48,
            # and accept() failed with EMFILE. 16 stays well inside the reserve; a device whose
            # connection finds the queue full is answered on its retry.
            backlog=ACCEPT_BACKLOG,
        )
        self._watchdog = asyncio.create_task(self._watch_stalls(), name="companion-watchdog")
        log.info("companion listener on %s port %d", self._host or "all interfaces", self.port)

    async def stop(self) -> None:
        if self._server is None:
            return
        server, self._server = self._server, None
        if self._watchdog is not None:
            self._watchdog.cancel()
        self.hub.disconnect_all(proto.CloseCode.GOING_AWAY, "the desktop stopped listening")
        server.close()
        self.gate.cancel_handshakes()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(server.wait_closed(), CLOSE_TIMEOUT_S + 1)
        if self._closing:
            await asyncio.wait(set(self._closing), timeout=CLOSE_TIMEOUT_S + 1)

    # -- HTTP ---------------------------------------------------------------------------

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        """Refusals are summarised in the log, never a traceback (a bad request is no bug)."""
        try:
            response, why = self._check(request)
        except Exception as exc:  # a header websockets let through that we cannot read
            response, why = plain_response(400, "Bad Request", "bad request"), repr(exc)[:120]
        if response is not None and why:
            line = self._refusals.refused_now(
                f"HTTP {response.status_code} ({why})", time.monotonic()
            )
            if line is not None:  # once, then a summary at most every 30 s (floods)
                log.warning("%s", line)
        return response

    # -- a connection -------------------------------------------------------------------

    async def _handle(self, ws: ServerConnection) -> None:
        ticket = getattr(ws, "ticket", None)
        counted = True  # in self._unauthenticated until authenticated or gone: exactly once
        self._unauthenticated += 1
        client: CompanionClient | None = None
        try:
            if self._unauthenticated > self.limits.max_unauthenticated:
                await self._close_now(
                    ws, proto.CloseCode.TRY_AGAIN, "too many unauthenticated connections"
                )
                return
            client = await self._authenticate(ws)
            self._unauthenticated -= 1
            counted = False
            if client is None:
                return
            if ticket is not None and self.gate.admission.authenticated(ticket) is not None:
                self.gate.refused(Refusal.DEVICES, str(ticket.source))
                await self._close_now(ws, proto.CloseCode.TRY_AGAIN, "too many devices")
                client = None
                return
            self.hub.attach(client)
            await self._serve(ws, client)
        except Exception:
            # Nothing a connection does may reach the others: log, drop this one.
            log.exception("companion connection failed")
            await self._close_now(ws, proto.CloseCode.INTERNAL_ERROR, "internal error")
        finally:
            if counted:
                self._unauthenticated -= 1
            if client is not None:
                self.hub.detach(client)
                self.access.seen(client.device_id)

    @property
    def unauthenticated(self) -> int:
        return self._unauthenticated

    async def _authenticate(self, ws: ServerConnection) -> CompanionClient | None:
        try:
            first = await asyncio.wait_for(ws.recv(), self.limits.auth_timeout_s)
        except TimeoutError:
            await self._refuse(
                ws,
                proto.ProtocolError(
                    "auth_timeout",
                    "authenticate within a few seconds",
                    proto.CloseCode.AUTH_TIMEOUT,
                ),
            )
            return None
        except ConnectionClosed:
            return None
        source = _source(ws)
        parsed = proto.parse_client_frame(first, authenticated=False)
        if isinstance(parsed, proto.ProtocolError):
            if parsed.pairing and self.access.miss(source) is Redeem.LOCKED:
                # A pair message we cannot even read is a wrong attempt all the same.
                parsed = proto.ProtocolError(
                    "pairing_locked",
                    REDEEM_MESSAGES[Redeem.LOCKED],
                    proto.CloseCode.RATE_LIMITED,
                )
            await self._refuse(ws, parsed)
            return None
        admission = self.gate.admission
        if admission.devices >= admission.limits.max_devices:
            # Before the token is checked or an offer used: nothing is spent on a full house.
            await self._refuse(
                ws,
                proto.ProtocolError(
                    "too_many_devices",
                    "too many devices connected; try again later",
                    proto.CloseCode.TRY_AGAIN,
                ),
            )
            return None
        device: PairedDevice | None = None
        if isinstance(parsed, proto.Hello):
            device = self.access.hello(parsed.token)
            if device is None:
                await self._refuse(
                    ws,
                    proto.ProtocolError(
                        "auth_failed",
                        "unknown or revoked device; pair again",
                        proto.CloseCode.AUTH_FAILED,
                    ),
                )
                return None
            welcome_extra = None
        else:
            assert isinstance(parsed, proto.Pair)
            result = self.access.pair(
                parsed.name, code=parsed.code, secret=parsed.secret, source=source
            )
            if isinstance(result, Redeem):
                close = (
                    proto.CloseCode.RATE_LIMITED
                    if result is Redeem.LOCKED
                    else proto.CloseCode.PAIRING_FAILED
                )
                await self._refuse(
                    ws,
                    proto.ProtocolError(f"pairing_{result.value}", REDEEM_MESSAGES[result], close),
                )
                return None
            device, token = result
            welcome_extra = {
                "type": "paired",
                "token": token,
                "device": {"id": device.device_id, "name": device.name},
            }
        client = CompanionClient(
            device.device_id,
            device.name,
            lambda code, reason: self._close(ws, code, reason),
            queue=ClientQueue(stall_after_s=self.limits.stall_after_s),
        )
        if welcome_extra is not None:
            client.push(welcome_extra)
        return client

    async def _serve(self, ws: ServerConnection, client: CompanionClient) -> None:
        loop = asyncio.get_running_loop()
        bucket = TokenBucket(self.limits.messages_per_s, self.limits.message_burst, loop.time())
        sender = asyncio.create_task(self._send_loop(ws, client), name="companion-send")
        try:
            async for frame in ws:
                if not bucket.take(loop.time()):
                    log.warning("companion %s floods; disconnecting it", client.device_id)
                    await self._close_now(ws, proto.CloseCode.RATE_LIMITED, "too many messages")
                    break
                message = proto.parse_client_frame(frame, authenticated=True)
                if isinstance(message, proto.ProtocolError):
                    log.info("companion %s sent a bad frame: %s", client.device_id, message.code)
                    client.push(proto.server_error(message))
                    if message.close is not None:
                        await self._close_now(ws, message.close, message.message)
                        break
                    continue
                try:
                    self.hub.handle(client, message)
                except Exception:
                    log.exception("companion %s: handling a message failed", client.device_id)
                    client.push(
                        proto.server_error(proto.ProtocolError("internal", "could not handle it"))
                    )
        except ConnectionClosed:
            pass
        finally:
            sender.cancel()
            with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                await sender

    async def _send_loop(self, ws: ServerConnection, client: CompanionClient) -> None:
        loop = asyncio.get_running_loop()
        while True:
            item = client.queue.pop(loop.time())
            if item is None:
                client.wake.clear()
                await client.wake.wait()
                continue
            await ws.send(item.data)
            client.queue.sent()

    async def _refuse(self, ws: ServerConnection, error: proto.ProtocolError) -> None:
        line = self._refusals.refused_now(f"{error.code} from {_source(ws)}", time.monotonic())
        if line is not None:  # once, then a summary at most every 30 s (floods)
            log.warning("%s", line)
        with contextlib.suppress(ConnectionClosed):
            await ws.send(proto.dumps(proto.server_error(error)))
            await ws.close(error.close or proto.CloseCode.PROTOCOL_ERROR, error.message[:120])

    async def _close_now(self, ws: ServerConnection, code: proto.CloseCode, reason: str) -> None:
        """Close with `code`; a peer that does not answer in time is cut off."""
        try:
            await asyncio.wait_for(ws.close(code, reason[:120]), CLOSE_TIMEOUT_S)
        except (TimeoutError, ConnectionClosed):
            pass
        finally:
            if ws.transport is not None and not ws.transport.is_closing():
                ws.transport.abort()

    def _close(self, ws: ServerConnection, code: proto.CloseCode, reason: str) -> None:
        """Close from synchronous code (the hub's `client.close`)."""
        task = asyncio.ensure_future(self._close_now(ws, code, reason))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    def _revoked(self, device_id: str) -> None:
        self.hub.disconnect_device(device_id, proto.CloseCode.REVOKED, "this device was revoked")

    async def _watch_stalls(self) -> None:
        while True:
            await asyncio.sleep(self.limits.stall_check_s)
            self.hub.check_stalls()
            self.hub.floor.expire()


def _source(ws: ServerConnection) -> str:
    """The peer's address (pairing misses are counted per address)."""
    ticket = getattr(ws, "ticket", None)
    if ticket is not None:
        return str(ticket.source)
    peer = ws.remote_address
    return str(peer[0]) if peer else "?"
