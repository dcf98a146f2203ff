"""Helpers for companion tests: a scripted stand-in session and real websocket clients."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import socket
import ssl
import time
from typing import Any

from desktop.companion import CompanionService
from desktop.core.events import (
    Event,
    LineSource,
    ModelAudio,
    Role,
    TranscriptDelta,
    TranscriptLine,
    TurnComplete,
)
from desktop.core.fanout import EventFanout
from desktop.settings import Settings
from websockets.asyncio.client import ClientConnection, connect

TIMEOUT = 5.0


class ScriptedSession:
    """Records what the hub sends and answers typed text like a model would (deltas, audio,
    the final line, turn complete) through the same EventFanout a LiveSession feeds."""

    def __init__(self, events: EventFanout, settings: Settings | None = None) -> None:
        self.events = events
        self.settings = settings or Settings()
        self.calls: list[tuple[Any, ...]] = []
        self._line = 0
        self._turn = 0

    def emit(self, event: Event) -> None:
        self.events(event)

    def send_text(self, text: str) -> None:
        self.calls.append(("text", text))
        now = time.time()
        self._line += 1
        self.emit(TranscriptLine(self._line, Role.USER, text, LineSource.TYPED, now, now))
        asyncio.get_running_loop().call_soon(self.answer, f"You wrote: {text}")

    def answer(self, text: str, audio: bytes = b"\x01\x00" * 2400) -> None:
        now = time.time()
        self._line += 1
        self.emit(TranscriptDelta(self._line, Role.MODEL, text[:5], LineSource.SPEECH, now))
        self.emit(ModelAudio(audio))
        self.emit(TranscriptLine(self._line, Role.MODEL, text, LineSource.SPEECH, now, now))
        self.emit(TurnComplete(self._turn))
        self._turn += 1

    def send_audio(self, pcm: bytes, sample_rate: int = 16_000) -> None:
        self.calls.append(("audio", len(pcm), sample_rate))

    def send_activity_start(self) -> None:
        self.calls.append(("activity_start",))

    def send_activity_end(self) -> None:
        self.calls.append(("activity_end",))

    def send_audio_stream_end(self) -> None:
        self.calls.append(("audio_stream_end",))

    def kinds(self) -> list[str]:
        return [call[0] for call in self.calls]


def client_ssl(service: CompanionService) -> ssl.SSLContext:
    assert service.cert_file is not None
    return ssl.create_default_context(cafile=str(service.cert_file))


def ws_url(service: CompanionService) -> str:
    return f"wss://127.0.0.1:{service.port}/ws"


def own_origin(service: CompanionService) -> str:
    return f"https://127.0.0.1:{service.port}"


async def open_socket(
    service: CompanionService, *, origin: str | None = "own", **kwargs: Any
) -> ClientConnection:
    kwargs.setdefault("ssl", client_ssl(service))
    return await connect(
        ws_url(service),
        origin=own_origin(service) if origin == "own" else origin,  # type: ignore[arg-type]
        open_timeout=TIMEOUT,
        **kwargs,
    )


async def recv_json(
    ws: ClientConnection, kind: str | None = None, timeout: float = TIMEOUT
) -> dict[str, Any]:
    """The next JSON message (of `kind`, skipping others and binary frames)."""

    async def next_one() -> dict[str, Any]:
        while True:
            frame = await ws.recv()
            if isinstance(frame, bytes):
                continue
            message = json.loads(frame)
            if kind is None or message["type"] == kind:
                return message

    return await asyncio.wait_for(next_one(), timeout)


async def pair(
    service: CompanionService, name: str = "Watch", **kwargs: Any
) -> tuple[ClientConnection, str, dict[str, Any]]:
    """A freshly paired, connected device: (socket, token, welcome message)."""
    offer = service.offer()
    ws = await open_socket(service, **kwargs)
    await ws.send(json.dumps({"type": "pair", "v": 1, "code": offer.code, "name": name}))
    paired = await recv_json(ws, "paired")
    welcome = await recv_json(ws, "welcome")
    return ws, paired["token"], welcome


async def hello(
    service: CompanionService, token: str, **kwargs: Any
) -> tuple[ClientConnection, dict[str, Any]]:
    ws = await open_socket(service, **kwargs)
    await ws.send(json.dumps({"type": "hello", "v": 1, "token": token}))
    return ws, await recv_json(ws, "welcome")


async def closed_with(ws: ClientConnection, timeout: float = TIMEOUT) -> tuple[int | None, str]:
    """Wait until the server closed the socket; (close code, reason)."""

    async def drain() -> None:
        async for _ in ws:
            pass

    with contextlib.suppress(Exception):  # closed with an error code, or timed out
        await asyncio.wait_for(drain(), timeout)
    await asyncio.wait_for(ws.wait_closed(), timeout)
    frame = ws.protocol.close_rcvd
    return (frame.code, frame.reason) if frame else (None, "")


def stuck_device(service: CompanionService, token: str) -> socket.socket:
    """A device that authenticates and then never reads again (blocking; run in a thread).

    Hand-made, because websockets' client keeps reading into its own buffers; its tiny
    receive buffer makes the server's sends back up quickly."""
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.settimeout(TIMEOUT)
    raw.connect(("127.0.0.1", service.port))
    sock = client_ssl(service).wrap_socket(raw, server_hostname="127.0.0.1")
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        (
            f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{service.port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            f"Origin: {own_origin(service)}\r\n\r\n"
        ).encode()
    )
    head = b""
    while b"\r\n\r\n" not in head:
        head += sock.recv(1)
    assert head.startswith(b"HTTP/1.1 101"), head
    payload = json.dumps({"type": "hello", "v": 1, "token": token}).encode()
    assert len(payload) < 126
    mask = os.urandom(4)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    sock.sendall(bytes([0x81, 0x80 | len(payload)]) + mask + masked)
    return sock
