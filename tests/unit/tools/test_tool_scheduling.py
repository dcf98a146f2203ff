"""What a tool result asks of a model that calls asynchronously (gemini-3.8-live)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from desktop.core.events import FunctionCall, ToolCallRequested
from desktop.core.tool_calls import Scheduling, ToolStatus, schedule_for
from desktop.emulator.conversation import Conversation
from desktop.emulator.setup import SessionConfig
from desktop.emulator.wire import FunctionResponse, TextIn, ToolResponse
from desktop.tools.registry import ToolRegistry
from desktop.tools.runner import ToolRunner

INT, W, S = Scheduling.INTERRUPT, Scheduling.WHEN_IDLE, Scheduling.SILENT


@pytest.mark.parametrize(
    ("preferred", "status", "seconds", "expected"),
    [
        ("INTERRUPT", ToolStatus.DONE, 0.1, INT),  # point_at, at once
        ("INTERRUPT", ToolStatus.DONE, 2.5, W),  # too late to cut in
        ("SILENT", ToolStatus.DONE, 0.1, S),  # nothing to say
        ("SILENT", ToolStatus.ERROR, 0.1, W),  # a failure must be sayable
        ("INTERRUPT", ToolStatus.TIMEOUT, 15.0, W),
        (None, ToolStatus.DONE, 0.1, W),  # slow or unknown tools: when idle
        ("bogus", ToolStatus.DONE, 0.1, W),
    ],
)
def test_schedule_for(
    preferred: str | None, status: ToolStatus, seconds: float, expected: Scheduling
) -> None:
    assert schedule_for(preferred, status, seconds) is expected


async def test_the_runner_sends_scheduling_only_when_the_model_takes_it() -> None:
    registry = ToolRegistry()

    def point(label: str) -> str:
        """Point.

        Args:
            label: What.
        """
        return label

    registry.register(point, scheduling="INTERRUPT")
    sent: list[tuple[Any, ...]] = []
    done = asyncio.Event()

    def respond(*args: Any, **kwargs: Any) -> None:
        sent.append((*args[:3], kwargs))
        done.set()

    runner = ToolRunner(registry, respond)
    runner.on_event(ToolCallRequested((FunctionCall("c1", "point", {"label": "x"}),)))
    await asyncio.wait_for(done.wait(), 5)
    runner.schedules = True
    done.clear()
    runner.on_event(ToolCallRequested((FunctionCall("c2", "point", {"label": "y"}),)))
    await asyncio.wait_for(done.wait(), 5)
    assert sent == [
        ("c1", "point", {"result": "x"}, {}),
        ("c2", "point", {"result": "y"}, {"scheduling": "INTERRUPT"}),
    ]
    assert [r.scheduling for r in runner.records] == ["", "INTERRUPT"]


def test_the_emulator_takes_a_silent_result_without_a_word() -> None:
    conv = Conversation(SessionConfig(function_names=("note",)))
    conv.handle(TextIn("please call note"))
    plan = conv.begin_reply()
    call = plan.steps[-1].message["toolCall"]["functionCalls"][0]
    decision = conv.handle(
        ToolResponse((FunctionResponse(call["id"], "note", {"result": "ok"}, scheduling="SILENT"),))
    )
    assert decision.resume
    assert conv.continue_after_tools().steps == []
    _, turn = conv.complete_reply()
    assert turn["serverContent"] == {"turnComplete": True}
