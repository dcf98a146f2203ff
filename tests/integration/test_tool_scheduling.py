"""Asynchronous function calling on gemini-3.8-live: NON_BLOCKING declarations, and each
result's `scheduling` chosen by the tool and what happened (the real SDK, the real emulator,
`LiveSession` and `ToolRunner`); the 3.1 preview gets neither."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from desktop.core.events import Event, Role, SessionState, ToolCallCancelled, TurnComplete
from desktop.core.live_models import rules_for
from desktop.core.session_machine import Backoff
from desktop.emulator import LiveEmulator
from desktop.session.endpoint import Endpoint
from desktop.session.live_session import LiveSession
from desktop.settings import Settings
from desktop.tools.registry import ToolRegistry
from desktop.tools.runner import ToolRunner

from tests.support.events import EventLog

FAST = Backoff(first_s=0.05, factor=2, cap_s=0.2)


def registry() -> ToolRegistry:
    reg = ToolRegistry()

    def point(label: str) -> str:
        """Point at something.

        Args:
            label: What.
        """
        return f"pointed at {label}"

    async def dawdle() -> str:
        """Answer after a while."""
        await asyncio.sleep(0.4)
        return "late"

    def remember(text: str) -> str:
        """Keep a note; nothing to say about it.

        Args:
            text: The note.
        """
        return "kept"

    reg.register(point, scheduling="INTERRUPT")
    reg.register(dawdle, scheduling="INTERRUPT")
    reg.register(remember, scheduling="SILENT")
    return reg


class Run:
    def __init__(self, emu: LiveEmulator, model: str) -> None:
        self.emu = emu
        self.log = EventLog()
        reg = registry()
        settings = Settings(model=model)
        self.session = LiveSession(
            Endpoint("k", emu.base_url, emu.ca_file, True, "emulator"),
            settings,
            self.on_event,
            backoff=FAST,
            tool_declarations=reg.declarations(),
        )
        self.runner = ToolRunner(reg, self.session.send_tool_response)
        self.runner.schedules = rules_for(model).scheduling
        self.runner.slow_s = 0.2  # dawdle's 0.4 s is slow here (2 s in the app)
        self.task = asyncio.create_task(self.session.run())

    def on_event(self, event: Event) -> None:
        self.log(event)
        self.runner.on_event(event)

    def responses(self) -> list[dict[str, Any]]:
        return [
            item
            for r in self.emu.received_of("tool_response")
            for item in r.raw["tool_response"]["functionResponses"]
        ]

    async def call(self, name: str, args: dict[str, Any]) -> dict[str, Any]:
        count = len(self.responses())
        turns = len(self.log.of(TurnComplete))
        await self.emu.issue_tool_call(name, args)
        await self.emu.wait_for(lambda: len(self.responses()) > count)
        await self.log.wait_for(lambda: len(self.log.of(TurnComplete)) > turns)
        return self.responses()[-1]

    async def stop(self) -> None:
        await self.session.stop()
        await self.task
        await self.runner.aclose()


@pytest.fixture
async def emu(tmp_path: Path) -> AsyncIterator[LiveEmulator]:
    async with LiveEmulator(cert_dir=tmp_path / "certs") as emulator:
        yield emulator


async def test_38_live_results_carry_their_scheduling(emu: LiveEmulator) -> None:
    run = Run(emu, "gemini-3.8-live")
    await run.log.wait_for(lambda: run.session.state is SessionState.LIVE)
    declarations = emu.received[0].raw["setup"]["tools"][0]["functionDeclarations"]
    assert {d["behavior"] for d in declarations} == {"NON_BLOCKING"}

    assert (await run.call("point", {"label": "Save"}))["scheduling"] == "INTERRUPT"
    # Too late to interrupt: the moment has passed.
    assert (await run.call("dawdle", {}))["scheduling"] == "WHEN_IDLE"
    # A failure is never silent, whatever the tool prefers.
    assert (await run.call("remember", {}))["scheduling"] == "WHEN_IDLE"
    spoken = len(run.log.lines(Role.MODEL))
    silent = await run.call("remember", {"text": "milk"})
    assert silent["scheduling"] == "SILENT"
    await asyncio.sleep(0.2)
    assert len(run.log.lines(Role.MODEL)) == spoken  # taken in without a word

    assert [(r.name, r.scheduling) for r in run.runner.records] == [
        ("point", "INTERRUPT"),
        ("dawdle", "WHEN_IDLE"),
        ("remember", "WHEN_IDLE"),
        ("remember", "SILENT"),
    ]
    await run.stop()


async def test_the_31_preview_gets_no_behavior_and_no_scheduling(emu: LiveEmulator) -> None:
    run = Run(emu, "gemini-3.1-flash-live-preview")
    await run.log.wait_for(lambda: run.session.state is SessionState.LIVE)
    declarations = emu.received[0].raw["setup"]["tools"][0]["functionDeclarations"]
    assert all("behavior" not in d for d in declarations)
    response = await run.call("point", {"label": "Save"})
    assert "scheduling" not in response
    assert run.runner.records[0].scheduling == ""
    answer = run.log.lines(Role.MODEL)[-1].text
    assert "I called point and it returned" in answer
    await run.stop()


async def test_38_live_talks_on_while_a_tool_runs_and_honours_the_scheduling(
    emu: LiveEmulator,
) -> None:
    emu.async_calls = True
    emu.chunk_delay_s = 0.03  # the filler lasts ~0.4 s: long enough to be cut
    run = Run(emu, "gemini-3.8-live")
    await run.log.wait_for(lambda: run.session.state is SessionState.LIVE)

    def model_lines() -> list[str]:
        return [line.text for line in run.log.lines(Role.MODEL)]

    # INTERRUPT: the answer arrives while the model still talks; it is cut and the result said.
    await emu.issue_tool_call("point", {"label": "Save"})
    await run.log.wait_for(lambda: any("I called point" in t for t in model_lines()))
    assert any(s.message["serverContent"].get("interrupted") for s in emu.sent_of("serverContent"))
    emu.chunk_delay_s = 0.005
    before = len(model_lines())
    # WHEN_IDLE: the filler is finished first, then the result gets a turn of its own.
    await emu.issue_tool_call("dawdle", {})
    await run.log.wait_for(lambda: len(model_lines()) >= before + 2)
    filler, result = model_lines()[before : before + 2]
    assert filler == "One moment, I am on it."
    assert 'I called dawdle and it returned {"result": "late"}' in result
    # SILENT: only the filler.
    await emu.issue_tool_call("remember", {"text": "milk"})
    await emu.wait_for(lambda: len(run.responses()) == 3)
    await run.log.wait_for(lambda: len(model_lines()) >= before + 3)
    await asyncio.sleep(0.5)
    assert model_lines()[before + 2 :] == ["One moment, I am on it."]
    assert [r.scheduling for r in run.runner.records] == ["INTERRUPT", "WHEN_IDLE", "SILENT"]
    assert run.session.state is SessionState.LIVE
    await run.stop()


async def test_a_cancelled_asynchronous_call_is_never_answered(emu: LiveEmulator) -> None:
    emu.async_calls = True
    run = Run(emu, "gemini-3.8-live")
    await run.log.wait_for(lambda: run.session.state is SessionState.LIVE)
    slow = asyncio.Event()

    async def wait() -> str:
        """Wait a while."""
        await slow.wait()
        return "never sent"

    run.runner.registry.register(wait, scheduling="WHEN_IDLE")
    await emu.issue_tool_call("wait", {})
    await run.log.wait_for(lambda: run.runner.running == 1)
    await emu.cancel_tool_call()
    await run.log.wait_for(lambda: run.log.of(ToolCallCancelled))
    slow.set()
    await asyncio.sleep(0.3)
    assert run.responses() == []  # the cancelled call's result was never sent
    assert [r.status.value for r in run.runner.records] == ["cancelled"]
    await run.stop()
