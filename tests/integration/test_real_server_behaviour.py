"""How Google's Live server really behaves (issue 11), produced by the emulator on demand and
survived by the real session over the real SDK: repeating failures without a retry storm,
poison inputs, late transcriptions, generationComplete with no turnComplete, no usage,
cancellation then silence, goAway with no handles, unknown messages."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from desktop.core.events import (
    NotDelivered,
    Notice,
    Role,
    SessionError,
    SessionState,
    StateChanged,
    TranscriptLine,
    TurnComplete,
)
from desktop.core.session_machine import Backoff, RetryPlanner
from desktop.emulator import Fault, LiveEmulator
from desktop.session.live_session import LiveSession
from desktop.settings import Settings

from tests.integration.test_live_session import endpoint_for, start
from tests.integration.test_session_resilience import until
from tests.support.events import EventLog

SLOW_ENOUGH = RetryPlanner(Backoff(first_s=0.1, factor=2, cap_s=1.6), healthy_after_s=5.0)


@pytest.fixture
async def emulator(tmp_path: Path) -> AsyncIterator[LiveEmulator]:
    emu = LiveEmulator(port=0, cert_dir=tmp_path / "certs", chunk_delay_s=0.005)
    emu.responder = lambda texts: f"Answer to {texts[-1]}."
    await emu.start()
    yield emu
    await emu.stop()


async def open_session(
    emu: LiveEmulator, log: EventLog, retry: RetryPlanner | None = None, **settings: object
) -> tuple[LiveSession, asyncio.Task[None]]:
    session = LiveSession(
        endpoint_for(emu),
        Settings(**settings),  # type: ignore[arg-type]
        log,
        retry=retry or RetryPlanner.scaled(Backoff(first_s=0.02, factor=2, cap_s=0.2)),
    )
    return session, await start(session, log)


def final_lines(log: EventLog, role: Role | None = None) -> list[str]:
    """Each line once, as last finalised (a revised line replaces the first version)."""
    by_id: dict[int, TranscriptLine] = {}
    for line in log.lines(role):
        by_id[line.line_id] = line
    return [line.text for line in by_id.values() if not line.interrupted]


async def ask(log: EventLog, session: LiveSession, text: str, timeout: float = 15) -> None:
    session.send_text(text)
    await log.wait_for(lambda: f"Answer to {text}." in final_lines(log, Role.MODEL), timeout)


async def stop(session: LiveSession, task: asyncio.Task[None]) -> None:
    await session.stop()
    await asyncio.wait_for(task, 10)


async def test_a_crash_after_every_setup_backs_off_further_each_time(
    emulator: LiveEmulator,
) -> None:
    log = EventLog()
    session, task = await open_session(emulator, log, SLOW_ENOUGH)
    await ask(log, session, "Q1")
    emulator.fail_setups(Fault.close(1011, "Internal error encountered."), 4, after_setup=True)
    emulator.inject(Fault.drop())
    await ask(log, session, "Q2", timeout=30)
    # setupComplete did not reset the count: the waits grew (0.1, 0.2, 0.4, 0.8 s ceilings).
    waits = [s.retry_in_s for s in log.of(StateChanged) if s.state is SessionState.RECONNECTING]
    assert len(waits) == 5 and waits[-1] > waits[0]
    assert [s.attempt for s in log.of(StateChanged) if s.attempt] == [1, 2, 3, 4, 5]
    gaps = [b - a for a, b in zip(session.attempt_times, session.attempt_times[1:], strict=False)]
    assert max(gaps[-3:]) >= 0.4
    # Two failed resumes in a row: a new session, seeded and said once.
    assert len(log.of(Notice)) == 1 and "new session" in log.of(Notice)[0].text
    assert not [e for e in log.of(SessionError) if e.fatal]
    assert final_lines(log, Role.MODEL) == ["Answer to Q1.", "Answer to Q2."]
    await stop(session, task)


async def test_a_poison_input_is_not_replayed_a_third_time_and_the_session_goes_on(
    emulator: LiveEmulator,
) -> None:
    emulator.poison("poison")
    log = EventLog()
    session, task = await open_session(emulator, log)
    session.send_text("poison pill")
    await log.wait_for(lambda: log.of(NotDelivered), timeout=15)
    (dropped,) = log.of(NotDelivered)
    assert dropped.text == "poison pill" and "failed on it twice" in dropped.reason
    await log.wait_for(lambda: session.state is SessionState.LIVE)
    await ask(log, session, "after")
    assert emulator.received_texts().count("poison pill") == 2
    assert final_lines(log, Role.MODEL) == ["Answer to after."]
    await stop(session, task)


async def test_a_late_transcription_joins_its_line_and_asks_nothing_twice(
    emulator: LiveEmulator,
) -> None:
    emulator.quirks.late_transcription = 1
    emulator.quirks.late_delay_s = 0.15
    log = EventLog()
    session, task = await open_session(emulator, log, stall_timeout_s=0.6)
    session.send_text("Q2")
    await log.wait_for(lambda: log.of(TurnComplete))
    await ask(log, session, "Q3")  # typed before the late piece came
    await asyncio.sleep(1.0)  # room for a false stall and a replay, if one were coming
    assert final_lines(log, Role.MODEL) == ["Answer to Q2.", "Answer to Q3."]
    assert [line.revised for line in log.lines(Role.MODEL)] == [False, True, False]
    assert not log.of(SessionError) and emulator.connections == 1
    assert emulator.received_texts() == ["Q2", "Q3"]
    await stop(session, task)


async def test_generation_complete_then_silence_ends_the_turn_without_a_stall(
    emulator: LiveEmulator,
) -> None:
    emulator.quirks.no_turn_complete = 1
    log = EventLog()
    session, task = await open_session(emulator, log, stall_timeout_s=1.0)
    await ask(log, session, "Q1")
    await log.wait_for(lambda: log.of(TurnComplete))
    (ended,) = log.of(TurnComplete)
    assert not ended.usage_known  # no usageMetadata came with it either
    await ask(log, session, "Q2")
    await asyncio.sleep(1.2)
    assert not log.of(SessionError) and emulator.connections == 1
    assert emulator.received_texts() == ["Q1", "Q2"]
    assert [e.usage_known for e in log.of(TurnComplete)] == [False, True]
    await stop(session, task)


async def test_a_turn_without_usage_says_so(emulator: LiveEmulator) -> None:
    emulator.quirks.no_usage = 1
    log = EventLog()
    session, task = await open_session(emulator, log)
    await ask(log, session, "Q1")
    await ask(log, session, "Q2")
    assert [e.usage_known for e in log.of(TurnComplete)] == [False, True]
    await stop(session, task)


async def test_a_cancellation_then_silence_is_a_stall(emulator: LiveEmulator) -> None:
    emulator.script_tool_call("slow_tool")
    emulator.quirks.silent_after_cancel = 1
    log = EventLog()
    session, task = await open_session(emulator, log, stall_timeout_s=0.5)
    session.send_text("use the tool")
    await emulator.wait_for(lambda: bool(emulator.sent_of("toolCall")))
    await emulator.cancel_tool_call()
    # The server owes the rest of the turn; its silence is noticed and the question resumed.
    await log.wait_for(lambda: log.of(SessionError), timeout=10)
    assert "stopped answering" in log.of(SessionError)[0].message
    await log.wait_for(lambda: "Answer to use the tool." in final_lines(log, Role.MODEL))
    await stop(session, task)


async def test_go_away_without_handles_seeds_the_context_of_switch_time(
    emulator: LiveEmulator,
) -> None:
    emulator.quirks.no_handles = True
    log = EventLog()
    session, task = await open_session(emulator, log)
    await ask(log, session, "Q1")
    emulator.reply_delay_s = 0.3
    session.send_text("Q2")  # answered on the old connection, after the next one is ready
    await emulator.inject(Fault.go_away(4.0))
    await until(lambda: session.switches)
    await log.wait_for(lambda: log.of(Notice))
    (seed,) = emulator.received_of("client_content")
    texts = [
        part["text"] for turn in seed.message["client_content"]["turns"] for part in turn["parts"]
    ]
    assert "Q2" in "\n".join(texts) and "Answer to Q2." in "\n".join(texts)
    assert "last 4 turns" in log.of(Notice)[0].text
    emulator.reply_delay_s = 0.0
    await ask(log, session, "Q3")
    assert final_lines(log, Role.MODEL) == ["Answer to Q1.", "Answer to Q2.", "Answer to Q3."]
    await stop(session, task)


async def test_the_close_at_a_go_away_deadline_is_never_fatal(emulator: LiveEmulator) -> None:
    log = EventLog()
    session, task = await open_session(emulator, log)
    await ask(log, session, "Q1")
    # The next connections cannot be opened in time, and the old one closes at the deadline
    # with a reason-less 1008, as Google's does.
    emulator.fail_setups(Fault.close(1011, "The service is currently unavailable."), 3)
    await emulator.inject(Fault.go_away(0.4, code=1008, reason=""))
    await log.wait_for(lambda: any(e.code == 1008 for e in log.of(SessionError)), timeout=15)
    await ask(log, session, "Q2", timeout=20)
    assert not [e for e in log.of(SessionError) if e.fatal]
    await stop(session, task)


async def test_an_unknown_server_message_is_skipped(emulator: LiveEmulator) -> None:
    log = EventLog()
    session, task = await open_session(emulator, log)
    await ask(log, session, "Q1")
    await emulator.inject(Fault.unknown_message())
    await ask(log, session, "Q2")
    assert not log.of(SessionError) and emulator.connections == 1
    await stop(session, task)


async def test_retry_now_skips_the_wait(emulator: LiveEmulator) -> None:
    log = EventLog()
    slow = RetryPlanner(Backoff(first_s=30, factor=2, cap_s=30), max_attempts=100)
    session, task = await open_session(emulator, log, slow)
    emulator.inject(Fault.drop())
    await log.wait_for(lambda: session.state is SessionState.RECONNECTING)
    (waiting,) = [s for s in log.of(StateChanged) if s.state is SessionState.RECONNECTING]
    assert waiting.retry_in_s >= 15  # "reconnecting in N s"
    session.retry_now()
    await log.wait_for(lambda: session.state is SessionState.LIVE, timeout=5)
    await stop(session, task)


async def test_a_retry_now_click_while_live_does_not_skip_a_later_back_off(
    emulator: LiveEmulator,
) -> None:
    log = EventLog()
    slow = RetryPlanner(Backoff(first_s=30, factor=2, cap_s=30), max_attempts=100)
    session, task = await open_session(emulator, log, slow)
    session.retry_now()  # nothing to skip: ignored
    emulator.inject(Fault.drop())
    await log.wait_for(lambda: session.state is SessionState.RECONNECTING)
    await asyncio.sleep(0.5)
    assert session.state is SessionState.RECONNECTING and emulator.connections == 1
    await stop(session, task)


async def test_stopping_during_a_long_wait_ends_at_once_without_connecting(
    emulator: LiveEmulator,
) -> None:
    log = EventLog()
    floor = RetryPlanner(Backoff(first_s=0.01, cap_s=0.01), max_attempts=1, window_s=60)
    session, task = await open_session(emulator, log, floor)
    emulator.inject(Fault.drop())
    await log.wait_for(lambda: session.state is SessionState.RECONNECTING)
    (waiting,) = [s for s in log.of(StateChanged) if s.state is SessionState.RECONNECTING]
    assert waiting.retry_in_s > 50  # the floor, not the 10 ms back-off, sets the wait
    async with asyncio.timeout(2):
        await stop(session, task)
    assert emulator.connections == 1 and log.states()[-1] is SessionState.CLOSED
