"""Faults injected by the real emulator, survived by the real session over the real SDK."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from desktop.core.events import (
    Interrupted,
    Notice,
    Role,
    SessionError,
    SessionState,
    TurnComplete,
)
from desktop.core.session_machine import Backoff
from desktop.emulator import Fault, LiveEmulator
from desktop.session.live_session import LiveSession
from desktop.settings import Settings

from tests.integration.test_live_session import endpoint_for, start
from tests.support.events import EventLog

FAST = Backoff(first_s=0.05, factor=2, cap_s=0.2)


@pytest.fixture
async def emulator(tmp_path: Path) -> AsyncIterator[LiveEmulator]:
    emu = LiveEmulator(port=0, cert_dir=tmp_path / "certs", chunk_delay_s=0.01)
    await emu.start()
    yield emu
    await emu.stop()


async def until(predicate: Callable[[], object], timeout: float = 15.0) -> None:
    """Poll for state that no event announces (e.g. `session.switches`)."""
    async with asyncio.timeout(timeout):
        while not predicate():  # noqa: ASYNC110 - nothing to wait on: no event announces it
            await asyncio.sleep(0.01)


def complete(log: EventLog, role: Role) -> list[str]:
    return [line.text for line in log.lines(role) if not line.interrupted]


async def session_for(
    emu: LiveEmulator, log: EventLog, **settings: float
) -> tuple[LiveSession, asyncio.Task[None]]:
    session = LiveSession(endpoint_for(emu), Settings(**settings), log, backoff=FAST)  # type: ignore[arg-type]
    return session, await start(session, log)


async def finish(session: LiveSession, task: asyncio.Task[None]) -> None:
    await session.stop()
    await asyncio.wait_for(task, 10)


async def test_go_away_mid_turn_switches_after_the_turn_without_a_gap(
    emulator: LiveEmulator,
) -> None:
    log = EventLog()
    session, task = await session_for(emulator, log)
    session.send_text("warm up")
    await log.wait_for(lambda: log.of(TurnComplete))
    handle = session.resumption_handle
    emulator.inject(Fault.go_away(5.0), after_chunks=2)
    session.send_text("first")
    await until(lambda: session.switches)
    (switch,) = session.switches
    assert switch.kind == "handover" and not switch.forced
    # The reply in progress was served in full by the old connection; no reconnect was seen.
    assert complete(log, Role.MODEL)[-1].endswith("This is reply 2.")
    assert not [line for line in log.lines() if line.interrupted]
    assert log.states() == [SessionState.CONNECTING, SessionState.LIVE]
    assert not log.of(SessionError) and not log.of(Interrupted)
    # The new connection resumed with the newest handle (issued after "first"), not `handle`.
    resumed = emulator.setups[-1]["session_resumption"]["handle"]
    assert resumed != handle and resumed == session.resumption_handle
    # The old connection was closed by us, well before its 5 s were up.
    # (A connection prepared before that handle arrived was stale: it was closed, reopened.)
    await emulator.wait_for(lambda: any(c.conn == 0 for c in emulator.closed))
    (old,) = [c for c in emulator.closed if c.conn == 0]
    assert old.code == 1000 and switch.done_at - switch.started_at < 2.0
    session.send_text("second")
    await log.wait_for(lambda: len(log.of(TurnComplete)) == 3)
    assert complete(log, Role.MODEL)[-1].endswith("This is reply 3.")
    assert emulator.received_texts(conn=emulator.connections - 1) == ["second"]
    await finish(session, task)


async def test_no_mic_audio_is_lost_across_a_go_away_switch(emulator: LiveEmulator) -> None:
    log = EventLog()
    session, task = await session_for(emulator, log)
    blocks = [bytes([i % 7, 0]) * 160 for i in range(150)]  # quiet, distinct 10 ms blocks

    async def mic() -> None:
        for i, block in enumerate(blocks):
            session.send_audio(block)
            if i == 40:
                emulator.inject(Fault.go_away(2.0))
            await asyncio.sleep(0.005)

    await mic()
    await until(lambda: session.switches)
    new = emulator.connections - 1
    await emulator.wait_for(
        lambda: len(emulator.received_audio_bytes(new)) == len(b"".join(blocks))
    )
    # No turn answered any of it, so the new connection has all of it, in order.
    assert emulator.received_audio_bytes(new) == b"".join(blocks)
    assert session.switches[0].replayed > 0
    await finish(session, task)


@pytest.mark.parametrize(
    ("fault", "code"),
    [(Fault.close(1011, "Internal error encountered."), 1011), (Fault.reset(), 1006)],
    ids=["close-1011", "tcp-reset"],
)
async def test_drop_mid_turn_resumes_and_answers_once(
    emulator: LiveEmulator, fault: Fault, code: int
) -> None:
    log = EventLog()
    session, task = await session_for(emulator, log)
    emulator.inject(fault, after_chunks=2)
    session.send_text("tell me")
    await log.wait_for(lambda: log.of(TurnComplete))
    assert [e.code for e in log.of(SessionError)] == [code]
    assert SessionState.RECONNECTING in log.states() and log.states()[-1] is SessionState.LIVE
    # The cut reply is kept, marked; the question went again on the new connection and was
    # answered once; the user's line is shown once.
    assert [line.interrupted for line in log.lines(Role.MODEL)] == [True, False]
    assert complete(log, Role.USER) == ["tell me"]
    assert emulator.received_texts(conn=1) == ["tell me"]
    assert log.of(Interrupted)
    assert session.switches[0].kind == "reconnect"
    await finish(session, task)


async def test_text_sent_right_before_a_drop_is_answered_exactly_once(
    emulator: LiveEmulator,
) -> None:
    emulator.reply_delay_s = 0.5
    log = EventLog()
    session, task = await session_for(emulator, log)
    session.send_text("did you get this?")
    await emulator.wait_received(lambda r: r.kind == "realtime_input")
    emulator.inject(Fault.drop())
    await log.wait_for(lambda: log.of(TurnComplete))
    await asyncio.sleep(0.7)  # room for a second answer, if one were coming
    assert complete(log, Role.USER) == ["did you get this?"]
    assert len(complete(log, Role.MODEL)) == 1 and not log.lines(Role.MODEL)[0].interrupted
    assert emulator.received_texts() == ["did you get this?", "did you get this?"]
    await finish(session, task)


async def test_stalled_server_is_detected_and_replaced(emulator: LiveEmulator) -> None:
    log = EventLog()
    session, task = await session_for(emulator, log, stall_timeout_s=0.5)
    emulator.inject(Fault.stall(30), after_chunks=1)
    session.send_text("are you there?")
    await log.wait_for(lambda: log.of(TurnComplete), timeout=10)
    (error,) = log.of(SessionError)
    assert "stopped answering" in error.message and not error.fatal
    assert complete(log, Role.MODEL)[-1].startswith('You wrote: "are you there?"')
    assert session.switches[0].done_at - session.switches[0].started_at < 2.0
    await finish(session, task)


async def test_refused_handle_starts_a_seeded_session_and_says_so(emulator: LiveEmulator) -> None:
    log = EventLog()
    session, task = await session_for(emulator, log)
    session.send_text("remember the number 42")
    await log.wait_for(lambda: log.of(TurnComplete))
    emulator.inject(Fault.refuse_next_handle())
    emulator.inject(Fault.drop())
    await log.wait_for(lambda: log.of(Notice))
    await log.wait_for(lambda: log.states()[-1] is SessionState.LIVE)
    (notice,) = log.of(Notice)
    assert "new session" in notice.text
    assert any("could not be resumed" in e.message for e in log.of(SessionError))
    setup = emulator.setups[-1]
    assert "handle" not in setup["session_resumption"]
    assert setup["history_config"] == {"initial_history_in_client_content": True}
    (seed,) = emulator.received_of("client_content")
    turns = seed.message["client_content"]["turns"]
    assert [t["role"] for t in turns] == ["user", "model"]
    assert turns[0]["parts"][0]["text"] == "remember the number 42"
    # The seed is context, not a question: no reply to it; the next line is answered alone.
    session.send_text("which number?")
    await log.wait_for(lambda: len(log.of(TurnComplete)) == 2)
    assert complete(log, Role.MODEL)[-1].startswith('You wrote: "which number?".')
    await finish(session, task)


async def test_invalid_json_from_the_server_reconnects(emulator: LiveEmulator) -> None:
    log = EventLog()
    session, task = await session_for(emulator, log)
    emulator.inject(Fault.invalid_json())
    await log.wait_for(lambda: log.of(SessionError))
    await log.wait_for(lambda: log.states()[-1] is SessionState.LIVE)
    assert "malformed" in log.of(SessionError)[0].message
    session.send_text("ok?")
    await log.wait_for(lambda: log.of(TurnComplete))
    await finish(session, task)


async def test_go_away_with_no_time_to_wait_cuts_the_reply_and_asks_again(
    emulator: LiveEmulator,
) -> None:
    emulator.chunk_delay_s = 0.03
    log = EventLog()
    session, task = await session_for(emulator, log)
    emulator.inject(Fault.go_away(0.3), after_chunks=1)
    session.send_text("a long answer please")
    await log.wait_for(lambda: len(complete(log, Role.MODEL)) == 1, timeout=20)
    assert session.switches[0].kind == "handover"
    assert complete(log, Role.USER) == ["a long answer please"]
    assert complete(log, Role.MODEL)[0].startswith('You wrote: "a long answer please"')
    assert SessionState.RECONNECTING not in log.states() or session.switches[0].forced is False
    await finish(session, task)
