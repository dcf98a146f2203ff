"""`LiveEmulator`: a local TLS WebSocket server speaking Gemini Live's BidiGenerateContent.

The unmodified google-genai SDK connects to it with `base_url=emu.base_url` and an SSL context
trusting `emu.ca_file`. Tests and benchmarks script it (reply text, delays, tool calls, faults)
and inspect what it received.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import tempfile
import time
from collections import deque
from collections.abc import Callable, Collection
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.http11 import Request, Response

from desktop.emulator.access import Target, read_target
from desktop.emulator.certs import ensure_cert
from desktop.emulator.connection import Connection
from desktop.emulator.faults import Fault, Quirks
from desktop.emulator.rest import rest_answer
from desktop.emulator.resumption import ResumptionStore
from desktop.emulator.wire import (
    Decoded,
    ResponseImage,
    TextIn,
    _raw_block,
    _tool_response,
    b64decode_any,
)

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 16 * 1024 * 1024
DEFAULT_CERT_DIR = Path(tempfile.gettempdir()) / "screenmate-emulator-certs"


@dataclass(frozen=True)
class Received:
    """One client message: `message` normalised to snake_case, `raw` verbatim."""

    conn: int
    at: float  # time.monotonic()
    message: dict[str, Any]
    raw: dict[str, Any]

    @property
    def kind(self) -> str:
        """`setup`, `realtime_input`, `client_content` or `tool_response`."""
        return next(iter(self.message), "")


@dataclass(frozen=True)
class Sent:
    """One server message as sent (camelCase)."""

    conn: int
    at: float
    message: dict[str, Any]


@dataclass(frozen=True)
class Closed:
    conn: int
    code: int | None
    reason: str


class LiveEmulator:
    """A faithful local stand-in for the Gemini Live API (see the package docs)."""

    def __init__(
        self,
        port: int = 0,
        host: str = "127.0.0.1",
        cert_dir: Path | None = None,
        *,
        api_key: str | None = None,
        known_models: Collection[str] | None = None,
        reply_delay_s: float = 0.0,
        chunk_delay_s: float = 0.005,
        max_message_bytes: int = MAX_MESSAGE_BYTES,
        journal: bool = True,
    ) -> None:
        # `journal`: keep every message received and sent (`received`, `sent`) for tests to
        # inspect. The app's offline demo runs for hours with a live microphone: it keeps
        # none (the journal grew ~6 MB a minute in the window soak).
        self.journal = journal
        self.host = host
        self.port = port
        self.cert_dir = cert_dir or DEFAULT_CERT_DIR
        self.api_key = api_key
        self.known_models = known_models
        self.reply_delay_s = reply_delay_s
        self.chunk_delay_s = chunk_delay_s
        self.max_message_bytes = max_message_bytes
        self.transcriber: Callable[[bytes], str] | None = None
        # gemini-3.1-flash-live-preview connections end some turns as that model was seen to
        # (no usageMetadata, generationComplete alone): see emulator/models.py.
        self.preview_quirks = False
        # 3.8 Live calls NON_BLOCKING functions asynchronously: it talks on while a tool runs
        # and says the result as its scheduling asks. Off by default for now (see
        # docs/architecture.md): the app's tests were written for blocking calls.
        self.async_calls = False
        self.turn_complete_after_interrupt = True
        self.responder: Callable[[list[str]], str | None] | None = None
        self.ephemeral_tokens: set[str] = set()
        self.store = ResumptionStore(salt=secrets.token_hex(4))
        self.received: list[Received] = []
        self.sent: list[Sent] = []
        self.closed: list[Closed] = []
        # Every WebSocket handshake's request target: path, API version, credential form.
        self.handshakes: list[Target] = []
        # (connection, fault kind) for every fault applied, in order.
        self.faults_applied: list[tuple[int, str]] = []
        self._ca_file: Path | None = None
        self._server: Server | None = None
        self._live: dict[int, Connection] = {}
        self._count = 0
        self._scripts: deque[str] = deque()
        self._tool_calls: deque[tuple[str, dict[str, Any]]] = deque()
        self._scheduled: list[tuple[Fault, int]] = []
        # Google's quirks on demand, faults for the next connections' setups, poison inputs.
        self.quirks = Quirks()
        self._setup_faults: deque[tuple[Fault, bool]] = deque()
        self._poison: dict[str, Fault] = {}
        self._waiters: list[tuple[Callable[[], bool], asyncio.Future[None]]] = []

    # --- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        pair = ensure_cert(self.cert_dir)
        self._ca_file = pair.cert_file
        self._server = await serve(
            self._handle,
            self.host,
            self.port,
            ssl=pair.server_context(),
            max_size=self.max_message_bytes,
            process_request=self._process_request,
            ping_interval=None,
        )
        self.port = self._server.sockets[0].getsockname()[1]
        log.info("Live emulator listening on %s", self.base_url)

    async def stop(self) -> None:
        if self._server is None:
            return
        for conn in list(self._live.values()):
            conn.unstall()  # a paused transport would hold up the closing handshake
        self._server.close()
        await self._server.wait_closed()
        self._server = None
        for _, future in self._waiters:
            if not future.done():
                future.cancel()

    async def __aenter__(self) -> LiveEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"https://{host}:{self.port}"

    @property
    def ca_file(self) -> str:
        if self._ca_file is None:
            raise RuntimeError("start() the emulator first")
        return str(self._ca_file)

    @property
    def connections(self) -> int:
        """Connections accepted so far."""
        return self._count

    @property
    def live_connections(self) -> int:
        return len(self._live)

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        rest = rest_answer(request.path, request.headers, self.api_key, self.known_models)
        if rest is not None:  # GET /v1beta/models: the model picker's list
            response = connection.respond(rest[0], rest[1].decode())
            response.headers["Content-Type"] = "application/json; charset=UTF-8"
            return response
        target = read_target(request.path, request.headers)
        if self.journal:
            self.handshakes.append(target)
        if not target.live:
            log.warning("no such endpoint: %s", target.path)
            return connection.respond(HTTPStatus.NOT_FOUND, "Not Found\n")
        return None

    async def _handle(self, ws: ServerConnection) -> None:
        index = self._count
        self._count += 1
        conn = Connection(self, ws, index)
        self._live[index] = conn
        self._notify()
        try:
            await conn.run()
        finally:
            del self._live[index]
            if self.journal:  # the app's emulator runs all day: it keeps no list
                self.closed.append(Closed(index, ws.close_code, ws.close_reason or ""))
            self._notify()

    # --- scripting ---------------------------------------------------------------------------

    def script_reply(self, text: str) -> None:
        """Say `text` in the next reply instead of the default account (FIFO)."""
        self._scripts.append(text)

    def script_tool_call(self, name: str, args: dict[str, Any] | None = None) -> None:
        """Make the next reply start with a call of `name`."""
        self._tool_calls.append((name, dict(args or {})))

    def issue_tool_call(self, name: str, args: dict[str, Any] | None = None) -> asyncio.Future[Any]:
        """Call `name` now on every live connection (after the reply in progress, if any)."""
        return self._each(lambda c: c.issue_tool_call(name, dict(args or {})))

    def cancel_tool_call(self, ids: list[str] | None = None) -> asyncio.Future[Any]:
        """Send toolCallCancellation for `ids` (default: all outstanding calls)."""
        return self._each(lambda c: c.cancel_tool_calls(ids))

    def inject(self, fault: Fault, after_chunks: int | None = None) -> asyncio.Future[Any]:
        """Apply `fault` to all live connections now, or after K audio chunks of the next reply.

        Returns a future that may be awaited to know the fault was applied.
        """
        if not fault.per_connection:
            self.store.refuse_next = True
            return self._done()
        if after_chunks is not None:
            self._scheduled.append((fault, after_chunks))
            return self._done()
        if not self._live:
            log.warning("inject(%s): no live connection", fault.kind.value)
        return self._each(lambda c: c.apply_fault(fault))

    def fail_setups(self, fault: Fault, times: int = 1, *, after_setup: bool = False) -> None:
        """Apply `fault` to each of the next `times` connections: instead of setupComplete
        (a refused setup) or right after it (`after_setup`: a crash after every setup)."""
        self._setup_faults.extend([(fault, after_setup)] * times)

    def poison(self, text: str, fault: Fault | None = None) -> None:
        """Fail (default: close 1011) on every connection that receives a typed text
        containing `text`: an input the server always fails on."""
        self._poison[text] = fault or Fault.close()

    def _claim_setup_fault(self, *, after_setup: bool) -> Fault | None:
        if self._setup_faults and self._setup_faults[0][1] is after_setup:
            return self._setup_faults.popleft()[0]
        return None

    def _poison_fault(self, events: list[Any]) -> Fault | None:
        for event in events:
            if isinstance(event, TextIn):
                for text, fault in self._poison.items():
                    if text in event.text:
                        return fault
        return None

    def create_ephemeral_token(self) -> str:
        """A token accepted on the Constrained endpoint when `api_key` is set."""
        token = f"auth_tokens/{secrets.token_hex(16)}"
        self.ephemeral_tokens.add(token)
        return token

    def _each(self, action: Callable[[Connection], Any]) -> asyncio.Future[Any]:
        tasks = [c.spawn(action(c)) for c in list(self._live.values())]
        # A connection that ends cancels its tasks; that must not fail the caller's await.
        return asyncio.gather(*tasks, return_exceptions=True) if tasks else self._done()

    @staticmethod
    def _done() -> asyncio.Future[Any]:
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        future.set_result(None)
        return future

    def _take_script(self) -> str | None:
        return self._scripts.popleft() if self._scripts else None

    def _take_tool_call(self) -> tuple[str, dict[str, Any]] | None:
        return self._tool_calls.popleft() if self._tool_calls else None

    def _claim_scheduled(self) -> list[tuple[Fault, int]]:
        claimed, self._scheduled = self._scheduled, []
        return claimed

    # --- inspection --------------------------------------------------------------------------

    @property
    def setups(self) -> list[dict[str, Any]]:
        """The setup blocks received (snake_case), in order."""
        return [r.message["setup"] for r in self.received if r.kind == "setup"]

    def received_of(self, kind: str, conn: int | None = None) -> list[Received]:
        return [r for r in self.received if r.kind == kind and (conn is None or r.conn == conn)]

    def _blobs(self, conn: int | None, prefix: str) -> list[bytes]:
        out: list[bytes] = []
        for r in self.received_of("realtime_input", conn):
            block = r.message["realtime_input"]
            blobs = [*(block.get("media_chunks") or []), block.get("audio"), block.get("video")]
            for blob in blobs:
                if isinstance(blob, dict) and str(blob.get("mime_type", "")).startswith(prefix):
                    out.append(b64decode_any(str(blob.get("data", ""))))
        return out

    def received_audio_bytes(self, conn: int | None = None) -> bytes:
        """All PCM audio received (on `conn`, or on every connection), concatenated."""
        return b"".join(self._blobs(conn, "audio/"))

    def received_frames(self, conn: int | None = None) -> list[bytes]:
        """The video frames (JPEG/PNG bytes) received."""
        return self._blobs(conn, "image/")

    def received_tool_images(self, conn: int | None = None) -> list[tuple[str, ResponseImage]]:
        """(call id, image) for each inline image part of the function responses received."""
        return [
            (response.id, image)
            for r in self.received_of("tool_response", conn)
            for response in _tool_response(_raw_block(r.raw, "tool_response")).responses
            for image in response.images
        ]

    def received_texts(self, conn: int | None = None) -> list[str]:
        """Realtime text inputs received."""
        return [
            str(r.message["realtime_input"]["text"])
            for r in self.received_of("realtime_input", conn)
            if "text" in r.message["realtime_input"]
        ]

    def sent_of(self, key: str, conn: int | None = None) -> list[Sent]:
        """Server messages with top-level `key` (e.g. "serverContent", "toolCall")."""
        return [s for s in self.sent if key in s.message and (conn is None or s.conn == conn)]

    async def wait_for(
        self,
        predicate: Callable[[], bool],
        timeout: float = 10.0,  # noqa: ASYNC109
    ) -> None:
        """Wait until `predicate()` holds; it is checked whenever the emulator's state changes."""
        if predicate():
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        waiter = (predicate, future)
        self._waiters.append(waiter)
        try:
            await asyncio.wait_for(future, timeout)
        except TimeoutError:
            raise TimeoutError(f"emulator condition not met within {timeout} s") from None
        finally:
            self._waiters.remove(waiter)

    async def wait_received(
        self,
        predicate: Callable[[Received], bool],
        timeout: float = 10.0,  # noqa: ASYNC109
    ) -> Received:
        """Wait for (or find) the first received message matching `predicate`."""
        found: list[Received] = []

        def check() -> bool:
            found[:] = [r for r in self.received if predicate(r)][:1]
            return bool(found)

        await self.wait_for(check, timeout)
        return found[0]

    def _notify(self) -> None:
        for predicate, future in list(self._waiters):
            if future.done():
                continue
            try:
                if predicate():
                    future.set_result(None)
            except Exception as exc:
                future.set_exception(exc)

    def _record_received(self, conn: int, decoded: Decoded) -> None:
        if self.journal:
            self.received.append(Received(conn, time.monotonic(), decoded.msg, decoded.raw))
        self._notify()

    def _record_sent(self, conn: int, message: dict[str, Any]) -> None:
        if self.journal:
            self.sent.append(Sent(conn, time.monotonic(), message))
        self._notify()
