"""Property-based fuzz of incoming frames against the real server; a paired client that sat
through it all is still served afterwards. The server runs on its own loop in a thread so
hypothesis (synchronous) can drive it; the websocket clients run on that loop too."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from desktop.companion import CompanionService, ServerLimits
from desktop.core.fanout import EventFanout
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed

from tests.support.companion import ScriptedSession, open_socket, recv_json

TYPES = ["hello", "pair", "text", "talk_start", "talk_end", "ping", "bye", "", "TEXT"]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
messages = st.builds(
    lambda kind, extra: json.dumps({**extra, "type": kind}),
    st.sampled_from(TYPES) | st.integers() | st.none(),
    st.dictionaries(
        st.sampled_from(["text", "token", "code", "secret", "v", "id", "name"]),
        json_values,
        max_size=3,
    ),
)
frames = st.lists(
    st.one_of(
        messages,
        st.text(max_size=300),
        st.binary(max_size=4000),
        st.just("{" * 5000),
        st.just("x" * 9000),
    ),
    min_size=1,
    max_size=12,
)


class ThreadedServer:
    def __init__(self, base_dir: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.events = EventFanout()
        self.session = ScriptedSession(self.events)
        limits = ServerLimits(auth_timeout_s=1.0)
        self.service: CompanionService = self.call(self._make(base_dir, limits))
        self.token: str = self.call(self.pair())

    async def _make(self, base_dir: Path, limits: ServerLimits) -> CompanionService:
        service = CompanionService(
            self.events, lambda: self.session, base_dir=base_dir, limits=limits
        )
        await service.start(host="127.0.0.1", port=0, advertise=False)
        return service

    def call(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(60)

    async def pair(self) -> str:
        """A new device's token."""
        async with await open_socket(self.service) as ws:
            await ws.send(json.dumps({"type": "pair", "code": self.service.offer().code}))
            return str((await recv_json(ws, "paired"))["token"])

    async def hello(self, token: str) -> ClientConnection:
        ws = await open_socket(self.service, max_queue=None)
        await ws.send(json.dumps({"type": "hello", "token": token}))
        await recv_json(ws, "welcome")
        return ws

    async def fuzz_after_auth(self, sent: list[str | bytes]) -> None:
        ws = await self.hello(self.token)
        try:
            for frame in sent:
                await ws.send(frame)
            await ws.send(json.dumps({"type": "ping", "id": "end"}))
            # Everything was handled (or the socket closed with a reason) before the pong.
            await recv_json(ws, "pong", timeout=10)
        except ConnectionClosed as closed:
            assert closed.rcvd is not None and closed.rcvd.code in (1009, 4429), closed
        finally:
            await ws.close()

    async def fuzz_first(self, sent: list[str | bytes]) -> None:
        ws = await open_socket(self.service)
        try:
            for frame in sent:
                await ws.send(frame)
            # A reply: an error (then a close code), or paired/welcome for a valid frame.
            await asyncio.wait_for(ws.recv(), 10)
        except ConnectionClosed as closed:
            assert closed.rcvd is None or closed.rcvd.code >= 4000 or closed.rcvd.code == 1009
        finally:
            await ws.close()

    def stop(self) -> None:
        self.call(self.service.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ThreadedServer]:
    threaded = ThreadedServer(tmp_path_factory.mktemp("companion-fuzz"))
    yield threaded
    threaded.stop()


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(sent=frames)
def test_fuzzed_frames_after_auth(server: ThreadedServer, sent: list[str | bytes]) -> None:
    server.call(server.fuzz_after_auth(sent))


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(sent=frames)
def test_fuzzed_first_frames(server: ThreadedServer, sent: list[str | bytes]) -> None:
    server.call(server.fuzz_first(sent))


def test_a_paired_client_is_still_served_after_the_fuzz(server: ThreadedServer) -> None:
    token = server.call(server.pair())
    # Run the fuzz again while this device stays connected the whole time.
    watcher = server.call(server.hello(token))
    test_fuzzed_frames_after_auth(server)

    async def still_served() -> dict[str, Any]:
        await watcher.send(json.dumps({"type": "ping", "id": 1}))
        assert (await recv_json(watcher, "pong"))["id"] == 1
        await watcher.send(json.dumps({"type": "text", "text": "still there?"}))
        while True:
            line = await recv_json(watcher, "transcript")
            if line["final"] and line["role"] == "model":
                await watcher.close()
                return line

    assert server.call(still_served())["text"] == "You wrote: still there?"
