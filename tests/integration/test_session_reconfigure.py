"""New settings and Reconnect keep the conversation: the real session over the real SDK moves
to a new connection that resumes it (or, for another model, a new session seeded with it)."""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import time

from desktop.core.audio_talk import TalkMode
from desktop.core.events import (
    ModelAudio,
    Notice,
    Role,
    SessionError,
    SessionState,
    TurnComplete,
)
from desktop.core.live_config import Reconfigure
from desktop.emulator import Fault, LiveEmulator
from desktop.session.closing import COLLECT_AFTER_S

from tests.integration.test_session_resilience import complete, finish, session_for, until
from tests.support.events import EventLog


def voice_of(setup: dict[str, object]) -> str:
    generation = setup["generation_config"]
    assert isinstance(generation, dict)
    speech = generation["speech_config"]
    assert isinstance(speech, dict)
    return str(speech["voice_config"]["prebuilt_voice_config"]["voice_name"])


async def test_a_new_voice_resumes_the_conversation_on_a_new_connection(
    emulator: LiveEmulator,
) -> None:
    log = EventLog()
    session, task = await session_for(emulator, log)
    session.send_text("remember 42")
    await log.wait_for(lambda: log.of(TurnComplete) and session.resumption_handle)
    handle = session.resumption_handle

    change = session.reconfigure(dataclasses.replace(session.settings, voice="Kore"))

    assert change is Reconfigure.RESUME
    await until(lambda: session.switches)
    (switch,) = session.switches
    assert switch.kind == "settings" and not switch.forced
    setup = emulator.setups[-1]
    assert setup["session_resumption"] == {"handle": handle}
    assert voice_of(setup) == "Kore" and voice_of(emulator.setups[0]) != "Kore"
    assert "history_config" not in setup
    await log.wait_for(lambda: log.of(Notice))
    assert [n.text for n in log.of(Notice)] == ["New settings in use; the conversation goes on."]
    # The same conversation: the server's reply count goes on, nothing was cut or replayed.
    session.send_text("and now?")
    await log.wait_for(lambda: len(log.of(TurnComplete)) == 2)
    assert complete(log, Role.MODEL)[-1].endswith("This is reply 2.")
    assert emulator.received_texts(conn=emulator.connections - 1) == ["and now?"]
    assert log.states() == [SessionState.CONNECTING, SessionState.LIVE]
    assert not log.of(SessionError)
    await finish(session, task)


async def test_another_model_starts_a_seeded_session_said_once(emulator: LiveEmulator) -> None:
    log = EventLog()
    session, task = await session_for(emulator, log)
    session.send_text("remember the number 42")
    await log.wait_for(lambda: log.of(TurnComplete))

    settings = dataclasses.replace(session.settings, model="gemini-3.1-flash-live-preview")
    assert session.reconfigure(settings) is Reconfigure.NEW_SESSION

    await until(lambda: session.switches)
    setup = emulator.setups[-1]
    assert setup["model"] == "models/gemini-3.1-flash-live-preview"
    assert "handle" not in setup["session_resumption"]
    assert setup["history_config"] == {"initial_history_in_client_content": True}
    await emulator.wait_for(lambda: bool(emulator.received_of("client_content")))
    (seed,) = emulator.received_of("client_content")
    turns = seed.message["client_content"]["turns"]
    assert turns[0]["parts"][0]["text"] == "remember the number 42"
    await log.wait_for(lambda: log.of(Notice))
    (notice,) = log.of(Notice)
    assert notice.text == "Started a new session with the last 2 turns as context."
    session.send_text("which number?")
    await log.wait_for(lambda: len(log.of(TurnComplete)) == 2)
    assert not log.of(SessionError)
    await finish(session, task)


async def test_settings_the_server_never_sees_keep_the_connection(
    emulator: LiveEmulator,
) -> None:
    log = EventLog()
    session, task = await session_for(emulator, log)
    settings = dataclasses.replace(
        session.settings, stall_timeout_s=33.0, companion_enabled=True, talk_shortcut="ctrl+alt+t"
    )

    assert session.reconfigure(settings) is Reconfigure.NONE

    session.send_text("still here?")
    await log.wait_for(lambda: log.of(TurnComplete))
    assert emulator.connections == 1 and not session.switches
    assert session.settings.stall_timeout_s == 33.0
    await finish(session, task)


async def test_a_new_voice_waits_for_the_reply_in_progress(emulator: LiveEmulator) -> None:
    emulator.chunk_delay_s = 0.05  # a reply of ~3.5 s
    log = EventLog()
    session, task = await session_for(emulator, log)
    session.send_text("tell me something long")
    await log.wait_for(lambda: log.of(ModelAudio))

    session.reconfigure(dataclasses.replace(session.settings, voice="Kore"))

    await until(lambda: session.switches)
    (switch,) = session.switches
    # Not cut: the switch came after its turnComplete (and the handle that followed it).
    assert log.of(TurnComplete) and not switch.forced and switch.replayed == 0
    assert not [line for line in log.lines() if line.interrupted]
    assert voice_of(emulator.setups[-1]) == "Kore"
    assert emulator.setups[-1]["session_resumption"] == {"handle": session.resumption_handle}
    await finish(session, task)


async def test_a_new_talk_mode_cuts_a_long_reply_soon_and_asks_again(
    emulator: LiveEmulator,
) -> None:
    """Push-to-talk's markers are an error on a connection with the server's voice detection
    on, so a new talk mode waits ~1.5 s at most; the cut question is answered again."""
    emulator.chunk_delay_s = 0.05
    log = EventLog()
    session, task = await session_for(emulator, log)
    session.send_text("tell me something long")
    await log.wait_for(lambda: log.of(ModelAudio))

    started = time.monotonic()
    settings = dataclasses.replace(session.settings, talk_mode=TalkMode.PUSH_TO_TALK)
    assert session.reconfigure(settings) is Reconfigure.RESUME

    await until(lambda: session.switches)
    (switch,) = session.switches
    assert switch.forced and 0.5 < time.monotonic() - started < 3.0
    setup = emulator.setups[-1]
    assert setup["realtime_input_config"] == {"automatic_activity_detection": {"disabled": True}}
    new = emulator.connections - 1
    await log.wait_for(lambda: log.of(TurnComplete), timeout=15)
    assert emulator.received_texts(conn=new) == ["tell me something long"]
    assert complete(log, Role.MODEL)[-1].startswith('You wrote: "tell me something long"')
    await finish(session, task)


async def test_reconnect_resumes_on_a_fresh_connection(emulator: LiveEmulator) -> None:
    log = EventLog()
    session, task = await session_for(emulator, log)
    session.send_text("one")
    await log.wait_for(lambda: log.of(TurnComplete) and session.resumption_handle)

    session.reconnect()

    await until(lambda: session.switches)
    assert emulator.setups[-1]["session_resumption"] == {"handle": session.resumption_handle}
    await emulator.wait_for(lambda: any(c.conn == 0 for c in emulator.closed))
    session.send_text("two")
    await log.wait_for(lambda: len(log.of(TurnComplete)) == 2)
    assert complete(log, Role.MODEL)[-1].endswith("This is reply 2.")
    assert not log.of(Notice)  # Reconnect says nothing more than the state it is in
    await finish(session, task)


async def test_settings_during_a_refused_resume_fall_back_to_a_seeded_session(
    emulator: LiveEmulator,
) -> None:
    """The server may refuse the handle (it expired, or Google lost the session): the new
    settings still arrive, in a new session that knows the conversation."""
    log = EventLog()
    session, task = await session_for(emulator, log)
    session.send_text("remember 7")
    await log.wait_for(lambda: log.of(TurnComplete) and session.resumption_handle)
    emulator.inject(Fault.refuse_next_handle())

    session.reconfigure(dataclasses.replace(session.settings, voice="Kore"))

    await until(lambda: session.switches)
    setup = emulator.setups[-1]
    assert voice_of(setup) == "Kore" and "handle" not in setup["session_resumption"]
    await log.wait_for(lambda: log.of(Notice))
    assert "new session" in log.of(Notice)[0].text
    assert log.states()[-1] is SessionState.LIVE
    await finish(session, task)


async def test_connections_switched_away_from_are_freed_soon(emulator: LiveEmulator) -> None:
    """A closed connection is a reference cycle (~0.5 MB with its TLS and zlib state); with
    full collections rare in a steady app, each one left behind stayed for a long time (the
    window soak's slow RSS climb). Automatic collection is off here, so only the session's
    own collection after a close can free them."""
    from websockets.asyncio.client import ClientConnection

    def alive() -> int:
        return sum(type(o) is ClientConnection for o in gc.get_objects())  # no proxy lookups

    log = EventLog()
    session, task = await session_for(emulator, log)
    gc.collect()
    gc.disable()
    try:
        for i in range(6):
            voice = "Kore" if i % 2 == 0 else "Puck"
            session.reconfigure(dataclasses.replace(session.settings, voice=voice))
            await until(lambda i=i: len(session.switches) > i)  # type: ignore[misc]
        await emulator.wait_for(lambda: len(emulator.closed) == 6)
        await asyncio.sleep(COLLECT_AFTER_S + 0.5)
        assert alive() <= 2  # the connection in use (and one being closed, at most)
    finally:
        gc.enable()
    await finish(session, task)
