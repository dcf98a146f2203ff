"""Headless pacing when the model calls functions asynchronously (3.8 Live): a line counts as
answered once every result it led to was said, or sent SILENT (never to be said)."""

from __future__ import annotations

import asyncio
import io
from typing import Any

from desktop.core.events import (
    Event,
    FunctionCall,
    Interrupted,
    ModelAudio,
    SessionState,
    StateChanged,
    ToolCallRequested,
    TurnComplete,
)
from desktop.headless.pacer import HeadlessRun

AUDIO = ModelAudio(b"\0\0" * 240, 24000)
CALL = ToolCallRequested((FunctionCall("c1", "tool", {}),))


class StandIn:
    def __init__(self, on_event: Any) -> None:
        self.state = SessionState.LIVE
        self.said: list[str] = []

    def send_text(self, text: str) -> None:
        self.said.append(text)


def make_run(*lines: str) -> tuple[HeadlessRun, StandIn]:
    run = HeadlessRun(StandIn, io.StringIO(), list(lines), None)
    run.async_calls = True
    run.on_event(StateChanged(SessionState.LIVE))
    session = run.session
    assert isinstance(session, StandIn)
    return run, session


def feed(run: HeadlessRun, *events: Event) -> None:
    for event in events:
        run.on_event(event)


async def test_when_idle_the_filler_turn_waits_for_the_result_turn() -> None:
    run, session = make_run("first", "second")
    feed(run, CALL, AUDIO)
    run.result_sent("WHEN_IDLE")  # while the filler still plays
    feed(run, AUDIO, TurnComplete(0))
    assert session.said == ["first"] and not run.done.is_set()
    feed(run, AUDIO, TurnComplete(1))  # the result, said in a turn of its own
    assert session.said == ["first", "second"]
    feed(run, AUDIO, TurnComplete(2))
    assert run.done.is_set()


async def test_interrupt_the_cut_filler_is_not_the_answer() -> None:
    run, session = make_run("first", "second")
    feed(run, CALL, AUDIO)
    run.result_sent("INTERRUPT")
    feed(run, AUDIO, Interrupted(), TurnComplete(0))
    assert session.said == ["first"]
    feed(run, AUDIO, TurnComplete(1))
    assert session.said == ["first", "second"]


async def test_silent_results_release_the_filler_turn() -> None:
    run, session = make_run("first", "second")
    feed(run, CALL, AUDIO, TurnComplete(0))
    assert session.said == ["first"]
    run.result_sent("SILENT")  # nothing more will be said: the filler was the answer
    assert session.said == ["first", "second"]


async def test_blocking_models_count_every_turn() -> None:
    run, session = make_run("first", "second")
    run.async_calls = False
    feed(run, CALL, AUDIO)
    run.result_sent("")
    feed(run, AUDIO, TurnComplete(0))
    assert session.said == ["first", "second"]


async def test_a_blocking_server_said_the_result_in_the_same_turn() -> None:
    run, session = make_run("first", "second")
    run.result_grace_s = 0.05
    feed(run, CALL)
    run.result_sent("WHEN_IDLE")  # 3.8 declarations, but this server waited for the result
    feed(run, AUDIO, TurnComplete(0))
    assert session.said == ["first"]  # a turn of its own may still come...
    await asyncio.sleep(0.2)
    assert session.said == ["first", "second"]  # ...it did not: that turn was the answer
