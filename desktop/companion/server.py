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
import logging
import ssl
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from desktop.companion.access import DeviceAccess
from desktop.companion.hub import CompanionClient, CompanionHub
from desktop.companion.web import StaticFiles, plain_response
from desktop.core import companion_protocol as proto
from desktop.core.companion_flow import STALL_AFTER_S, ClientQueue, TokenBucket
from desktop.core.pairing import REDEEM_MESSAGES, PairedDevice, Redeem

log = logging.getLogger(__name__)

WS_PATH = "/ws"
CLOSE_TIMEOUT_S = 2.0


@dataclass(frozen=True)
class ServerLimits:
    max_clients: int = 64  # open WebSockets, authenticated or not
    max_unauthenticated: int = 16
    auth_timeout_s: float = 5.0
    messages_per_s: float = 100.0  # audio is 25-50 frames a second
    message_burst: float = 200.0
    stall_check_s: float = 0.5
    stall_after_s: float = STALL_AFTER_S  # a send blocked this long disconnects the device


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
        self._static = StaticFiles(static_dir, cert_file)
        self._allowed_hosts = allowed_hosts
        self.limits = limits or ServerLimits()
        self._scheme = "https" if ssl_context else "http"
        self._server: Server | None = None
        self._open = 0
        self._unauthenticated = 0
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
        self._server = await serve(
            self._handle,
            self._host,
            self._port,
            ssl=self._ssl,
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
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(server.wait_closed(), CLOSE_TIMEOUT_S + 1)
        if self._closing:
            await asyncio.wait(set(self._closing), timeout=CLOSE_TIMEOUT_S + 1)

    # -- HTTP ---------------------------------------------------------------------------

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        hosts = request.headers.get_all("Host")
        host = hosts[0] if len(hosts) == 1 else None
        if not proto.host_allowed(host, self._allowed_hosts):
            log.warning("refused a request for host %r (not one of this machine's names)", host)
            return plain_response(421, "Misdirected Request", "unknown host")
        path = request.path
        if request.headers.get("Upgrade", "").lower() != "websocket":
            found = self._static.response(path)
            if found is None:
                return plain_response(404, "Not Found", "not found")
            return found
        if path.split("?", 1)[0] != WS_PATH:
            return plain_response(404, "Not Found", "the companion socket is at /ws")
        origin = request.headers.get("Origin")
        if not proto.origin_allowed(origin, host, self._scheme):
            log.warning("refused a WebSocket from origin %r (host %r)", origin, host)
            return plain_response(HTTPStatus.FORBIDDEN, "Forbidden", "foreign origin")
        if self._open >= self.limits.max_clients:
            log.warning("refused a WebSocket: %d connections already", self._open)
            return plain_response(503, "Service Unavailable", "too many companion connections")
        return None

    # -- a connection -------------------------------------------------------------------

    async def _handle(self, ws: ServerConnection) -> None:
        self._open += 1
        self._unauthenticated += 1
        client: CompanionClient | None = None
        try:
            if self._unauthenticated > self.limits.max_unauthenticated:
                await ws.close(1013, "too many unauthenticated connections; try again")
                return
            client = await self._authenticate(ws)
            self._unauthenticated -= 1
            if client is None:
                return
            self.hub.attach(client)
            await self._serve(ws, client)
        finally:
            if client is None:
                self._unauthenticated -= 1
            else:
                self.hub.detach(client)
                self.access.seen(client.device_id)
            self._open -= 1

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
        parsed = proto.parse_client_frame(first, authenticated=False)
        if isinstance(parsed, proto.ProtocolError):
            await self._refuse(ws, parsed)
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
            result = self.access.pair(parsed.name, code=parsed.code, secret=parsed.secret)
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
                self.hub.handle(client, message)
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
        log.warning("refused a companion connection: %s (%s)", error.code, error.message)
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
