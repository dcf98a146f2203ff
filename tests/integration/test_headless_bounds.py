"""Headless retry bounds (issue 11): a short outage is survived, an endpoint never reached
is reported, and a line the server fails on does not hold the run up."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

from desktop.core.events import (
    Event,
    NotDelivered,
    SessionError,
    SessionState,
    StateChanged,
    TurnComplete,
)
from desktop.emulator import Fault, LiveEmulator
from desktop.headless.pacer import HeadlessRun
from desktop.headless.run import HEADLESS_BUDGET
from desktop.session.live_session import LiveSession
from desktop.settings import Settings

from tests.integration.test_live_session import endpoint_for, start
from tests.support.events import EventLog


async def test_a_two_second_outage_is_not_fatal_with_the_headless_budget(tmp_path: Path) -> None:
    emu = LiveEmulator(port=0, cert_dir=tmp_path / "certs")
    await emu.start()
    port = emu.port
    log = EventLog()
    # Production back-off and floor; only the budget is the headless one.
    session = LiveSession(endpoint_for(emu), Settings(), log, budget=HEADLESS_BUDGET)
    task = await start(session, log)
    session.send_text("before")
    await log.wait_for(lambda: log.of(TurnComplete))
    await emu.inject(Fault.drop())
    await emu.stop()
    await asyncio.sleep(2.0)
    again = LiveEmulator(port=port, cert_dir=tmp_path / "certs")
    await again.start()
    try:
        await log.wait_for(lambda: log.states()[-1] is SessionState.LIVE, timeout=20)
        session.send_text("after")
        await log.wait_for(lambda: len(log.of(TurnComplete)) == 2, timeout=20)
        failures = log.of(SessionError)
        assert len(failures) >= 2 and not [e for e in failures if e.fatal]
    finally:
        await session.stop()
        await task
        await again.stop()


async def test_an_endpoint_never_reached_fails_after_three_attempts(tmp_path: Path) -> None:
    emu = LiveEmulator(port=0, cert_dir=tmp_path / "certs")
    await emu.start()
    endpoint = endpoint_for(emu)
    await emu.stop()
    log = EventLog()
    session = LiveSession(endpoint, Settings(), log, budget=HEADLESS_BUDGET)
    await asyncio.wait_for(session.run(), 15)
    assert log.states()[-1] is SessionState.ERROR
    assert [e.fatal for e in log.of(SessionError)] == [False, False, True]


class _Session:
    state = SessionState.LIVE

    def __init__(self) -> None:
        self.sent: list[str] = []

    def send_text(self, text: str) -> None:
        self.sent.append(text)


def test_a_line_not_delivered_lets_the_headless_run_go_on_and_end() -> None:
    fake = _Session()
    handlers: list[object] = []

    def factory(on_event: object) -> _Session:
        handlers.append(on_event)
        return fake

    async def scenario() -> HeadlessRun:
        run = HeadlessRun(factory, io.StringIO(), ["poison", "fine"], None)
        events: list[Event] = [
            StateChanged(SessionState.LIVE),
            NotDelivered("poison", "the server failed on it twice"),
            TurnComplete(0),
        ]
        for event in events:
            run.on_event(event)
        return run

    run = asyncio.run(scenario())
    assert fake.sent == ["poison", "fine"] and run.done.is_set() and run.failure is None
