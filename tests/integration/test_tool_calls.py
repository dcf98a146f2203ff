"""Function calling end to end: the real SDK, the real emulator issuing calls (and cancelling
them, and sending malformed ones), the session answering through `ToolRunner`."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from desktop.core.events import (
    Event,
    ModelAudio,
    Role,
    SessionState,
    ToolCallCancelled,
    TurnComplete,
)
from desktop.core.session_machine import Backoff
from desktop.core.tool_calls import ToolStatus
from desktop.emulator import Fault, LiveEmulator
from desktop.session.endpoint import Endpoint
from desktop.session.live_session import LiveSession
from desktop.settings import Settings
from desktop.tools.registry import ToolRegistry
from desktop.tools.runner import ToolRunner

from tests.support.events import EventLog

FAST = Backoff(first_s=0.05, factor=2, cap_s=0.2)


class Harness:
    def __init__(self, emu: LiveEmulator, registry: ToolRegistry, timeout_s: float = 5.0):
        self.emu = emu
        self.log = EventLog()
        self.session = LiveSession(
            Endpoint("test-key", emu.base_url, str(emu.ca_file), True, "emulator"),
            Settings(),
            self.on_event,
            backoff=FAST,
            tool_declarations=registry.declarations(),
        )
        self.runner = ToolRunner(registry, self.session.send_tool_response, timeout_s=timeout_s)
        self.task: asyncio.Task[None] | None = None

    def on_event(self, event: Event) -> None:
        self.log(event)
        self.runner.on_event(event)

    async def start(self) -> None:
        self.task = asyncio.create_task(self.session.run())
        await self.log.wait_for(lambda: self.session.state is SessionState.LIVE)

    async def stop(self) -> None:
        await self.session.stop()
        if self.task is not None:
            await self.task
        await self.runner.aclose()

    def responses(self) -> list[dict[str, Any]]:
        return [
            item
            for r in self.emu.received_of("tool_response")
            for item in r.raw["tool_response"]["functionResponses"]
        ]

    def call_ids(self) -> list[str]:
        return [
            call["id"]
            for sent in self.emu.sent_of("toolCall")
            for call in sent.message["toolCall"]["functionCalls"]
        ]


def registry() -> ToolRegistry:
    reg = ToolRegistry()
    release = asyncio.Event()

    def add(a: int, b: int) -> int:
        """Add two numbers.

        Args:
            a: The first.
            b: The second.
        """
        return a + b

    async def wait_forever() -> str:
        """Wait until released."""
        await release.wait()
        return "released"

    async def slow() -> str:
        """Take far too long."""
        await asyncio.sleep(30)
        return "never"

    def boom() -> str:
        """Fail."""
        raise RuntimeError("the disk is on fire")

    reg.register(add)
    reg.register(wait_forever, timeout_s=60)
    reg.register(slow, timeout_s=0.8)
    reg.register(boom)
    return reg


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[Harness]:
    emu = LiveEmulator(port=0, cert_dir=tmp_path / "certs")
    await emu.start()
    h = Harness(emu, registry())
    await h.start()
    yield h
    await h.stop()
    await emu.stop()


async def test_declarations_reach_the_server(harness: Harness) -> None:
    (setup,) = harness.emu.setups
    decls = setup["tools"][0]["function_declarations"]
    add = next(d for d in decls if d["name"] == "add")
    assert add["parameters"]["required"] == ["a", "b"]
    assert add["parameters"]["properties"]["a"]["type"] == "INTEGER"


async def test_call_is_answered_with_its_id_and_the_model_goes_on(harness: Harness) -> None:
    await harness.emu.issue_tool_call("add", {"a": 2, "b": 3})
    await harness.emu.wait_for(lambda: bool(harness.responses()))
    (response,) = harness.responses()
    assert response["id"] == harness.call_ids()[0]
    assert response["name"] == "add"
    assert response["response"] == {"result": 5}
    await harness.log.wait_for(lambda: harness.log.of(TurnComplete))
    (answer,) = harness.log.lines(Role.MODEL)
    assert "I called add and it returned" in answer.text
    (record,) = harness.runner.records
    assert record.status is ToolStatus.DONE and record.result == "5"
    assert record.duration_s is not None


async def test_cancelled_call_is_never_answered(harness: Harness) -> None:
    await harness.emu.issue_tool_call("wait_forever", {})
    await harness.log.wait_for(lambda: harness.runner.running == 1)
    await harness.emu.cancel_tool_call()
    await harness.log.wait_for(lambda: harness.log.of(ToolCallCancelled))
    await harness.log.wait_for(lambda: harness.log.of(TurnComplete))  # the model went on
    await asyncio.sleep(0.3)
    assert harness.responses() == []
    assert harness.runner.running == 0
    (record,) = harness.runner.records
    assert record.status is ToolStatus.CANCELLED
    # A result arriving after the cancellation is refused by the session too.
    assert harness.session.send_tool_response(harness.call_ids()[0], "x", {}) == "cancelled"


@pytest.mark.parametrize(
    ("name", "args", "reason"),
    [
        ("no_such_tool", {}, "unknown function 'no_such_tool'"),
        ("add", {"a": "two", "b": 3}, "invalid arguments: a must be a number"),
        ("add", {"a": 1}, "invalid arguments: missing argument(s): b"),
        ("add", {"a": 1, "b": 2, "c": 3}, "invalid arguments: unknown argument(s): c"),
        ("add", {"a": 1.5, "b": 2}, "invalid arguments: a must be a whole number"),
        ("boom", {}, "boom failed: the disk is on fire"),
    ],
)
async def test_bad_calls_get_an_error_and_the_session_goes_on(
    harness: Harness, name: str, args: dict[str, Any], reason: str
) -> None:
    await harness.emu.issue_tool_call(name, args)
    await harness.emu.wait_for(lambda: bool(harness.responses()))
    (response,) = harness.responses()
    assert response["id"] == harness.call_ids()[0]
    assert response["response"]["error"].startswith(reason)
    await harness.log.wait_for(lambda: harness.log.of(TurnComplete))
    assert harness.runner.records[0].status is ToolStatus.ERROR
    harness.session.send_text("still there?")
    await harness.log.wait_for(lambda: len(harness.log.of(TurnComplete)) == 2)
    assert harness.session.state is SessionState.LIVE


async def test_slow_tool_times_out_without_blocking_the_loop(harness: Harness) -> None:
    await harness.emu.issue_tool_call("slow", {})
    await harness.log.wait_for(lambda: harness.runner.running == 1)
    # While the tool runs, mic audio keeps flowing to the server.
    for _ in range(10):
        harness.session.send_audio(b"\0\0" * 320)
        await asyncio.sleep(0.02)
    await harness.emu.wait_for(lambda: len(harness.emu.received_audio_bytes()) >= 6400)
    assert harness.responses() == []
    await harness.emu.wait_for(lambda: bool(harness.responses()), timeout=5)
    (response,) = harness.responses()
    assert response["response"] == {"error": "slow did not finish within 0.8 s"}
    audio_before = [r for r in harness.emu.received_of("realtime_input")]
    tool_at = harness.emu.received_of("tool_response")[0].at
    assert all(r.at < tool_at for r in audio_before[:10])
    assert harness.runner.records[0].status is ToolStatus.TIMEOUT
    await harness.log.wait_for(lambda: harness.log.of(ModelAudio))


async def test_call_of_a_replaced_connection_is_not_answered_on_the_next(
    harness: Harness,
) -> None:
    await harness.emu.issue_tool_call("wait_forever", {})
    await harness.log.wait_for(lambda: harness.runner.running == 1)
    await harness.emu.inject(Fault.close(1011, "Internal error encountered."))
    await harness.log.wait_for(lambda: harness.log.of(ToolCallCancelled))
    await harness.log.wait_for(
        lambda: harness.session.state is SessionState.LIVE and harness.emu.connections == 2
    )
    await asyncio.sleep(0.3)
    assert harness.responses() == []
    assert harness.runner.records[0].status is ToolStatus.CANCELLED
