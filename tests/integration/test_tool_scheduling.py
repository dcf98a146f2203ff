"""Asynchronous function calling on gemini-3.8-live: NON_BLOCKING declarations, and each
result's `scheduling` chosen by the tool and what happened (the real SDK, the real emulator,
`LiveSession` and `ToolRunner`); the 3.1 preview gets neither."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from desktop.core.events import Event, Role, SessionState, TurnComplete
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
