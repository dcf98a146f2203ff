"""The session layer with the real google-genai SDK against the real emulator over TLS."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

from desktop.core.events import (
    ModelAudio,
    ResumptionUpdate,
    Role,
    SessionError,
    SessionState,
    TurnComplete,
    Usage,
)
from desktop.core.session_machine import Backoff
from desktop.emulator import Fault, LiveEmulator
from desktop.session.endpoint import Endpoint
from desktop.session.live_session import LiveSession
from desktop.settings import Settings

from tests.support.events import EventLog

FAST = Backoff(first_s=0.05, factor=2, cap_s=0.2)


def endpoint_for(emu: LiveEmulator, key: str = "test-key", ca_file: str | None = "") -> Endpoint:
    return Endpoint(
        api_key=key,
        base_url=emu.base_url,
        ca_file=str(emu.ca_file) if ca_file == "" else ca_file,
        emulated=True,
        label="emulator",
    )


async def start(session: LiveSession, log: EventLog) -> asyncio.Task[None]:
    task = asyncio.create_task(session.run())
    await log.wait_for(lambda: session.state is SessionState.LIVE)
    return task


async def test_text_turn_streams_audio_transcript_and_usage(emulator: LiveEmulator) -> None:
    log = EventLog()
    session = LiveSession(endpoint_for(emulator), Settings(), log)
    task = await start(session, log)
    session.send_text("hello")
    await log.wait_for(lambda: log.of(TurnComplete))
    (typed,) = log.lines(Role.USER)
    assert typed.text == "hello"
    (answer,) = log.lines(Role.MODEL)
    assert 'You wrote: "hello"' in answer.text
    assert sum(len(a.pcm) for a in log.of(ModelAudio)) > 24_000  # more than half a second
    assert all(a.sample_rate == 24_000 for a in log.of(ModelAudio))
    assert log.of(Usage) and log.of(Usage)[-1].total_tokens > 0
    await session.stop()
    await task
    assert log.states() == [
        SessionState.CONNECTING,
        SessionState.LIVE,
        SessionState.CLOSED,
    ]
    # The SDK spoke the current protocol: realtime text, never the deprecated client content.
    texts = [m for m in emulator.received if "realtime_input" in m.message]
    assert texts and texts[0].message["realtime_input"]["text"] == "hello"


async def test_several_turns_in_one_connection(emulator: LiveEmulator) -> None:
    log = EventLog()
    session = LiveSession(endpoint_for(emulator), Settings(), log)
    task = await start(session, log)
    for i, word in enumerate(["one", "two", "three"]):
        session.send_text(word)
        await log.wait_for(lambda i=i: len(log.of(TurnComplete)) > i)
    assert [t.turn for t in log.of(TurnComplete)] == [0, 1, 2]
    answers = [line.text for line in log.lines(Role.MODEL)]
    assert [f'"{w}"' in a for a, w in zip(answers, ["one", "two", "three"], strict=True)]
    assert all(f'"{w}"' in a for a, w in zip(answers, ["one", "two", "three"], strict=True))
    assert emulator.connections == 1
    await session.stop()
    await task


async def test_text_typed_before_live_is_delivered_not_lost(emulator: LiveEmulator) -> None:
    log = EventLog()
    session = LiveSession(endpoint_for(emulator), Settings(), log)
    session.send_text("early bird")
    task = asyncio.create_task(session.run())
    await log.wait_for(lambda: log.of(TurnComplete))
    assert 'You wrote: "early bird"' in log.lines(Role.MODEL)[0].text
    await session.stop()
    await task


async def test_server_error_1011_reconnects_and_resumes(emulator: LiveEmulator) -> None:
    log = EventLog()
    session = LiveSession(endpoint_for(emulator), Settings(), log, backoff=FAST)
    task = await start(session, log)
    session.send_text("first")
    await log.wait_for(lambda: log.of(ResumptionUpdate))
    handle = log.of(ResumptionUpdate)[-1].handle
    emulator.inject(Fault.close(1011, "Internal error encountered."))
    await log.wait_for(lambda: SessionState.RECONNECTING in log.states())
    await log.wait_for(lambda: log.states()[-1] is SessionState.LIVE)
    (error,) = log.of(SessionError)
    assert error.code == 1011 and not error.fatal and "internal error" in error.message.lower()
    # The new connection presented the newest handle.
    assert emulator.setups[-1].get("session_resumption", {}).get("handle") == handle
    session.send_text("second")
    await log.wait_for(lambda: len(log.of(TurnComplete)) == 2)
    assert log.of(TurnComplete)[-1].turn == 1
    await session.stop()
    await task


async def test_bad_key_is_fatal_with_a_readable_reason(tmp_path: Path) -> None:
    emu = LiveEmulator(port=0, cert_dir=tmp_path / "certs", api_key="the-right-key")
    await emu.start()
    try:
        log = EventLog()
        session = LiveSession(endpoint_for(emu, key="wrong"), Settings(), log, backoff=FAST)
        await asyncio.wait_for(session.run(), 15)
        (error,) = log.of(SessionError)
        # Google closes with 1007 (INVALID_ARGUMENT) for a bad key; the reason text says why.
        assert error.fatal and error.code == 1007 and "API key" in error.message
        assert ".." not in error.message
        assert session.state is SessionState.ERROR
    finally:
        await emu.stop()


async def test_untrusted_certificate_is_fatal_tls_error(emulator: LiveEmulator) -> None:
    log = EventLog()
    # No CA file: the system's CAs do not trust the emulator's self-signed certificate.
    session = LiveSession(endpoint_for(emulator, ca_file=None), Settings(), log, backoff=FAST)
    await asyncio.wait_for(session.run(), 15)
    (error,) = log.of(SessionError)
    assert error.fatal and "certificate" in error.message.lower()


async def test_refused_connection_gives_up_after_max_attempts(emulator: LiveEmulator) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dead = Endpoint("k", f"https://127.0.0.1:{port}", str(emulator.ca_file), True, "dead")
    log = EventLog()
    session = LiveSession(dead, Settings(), log, backoff=FAST, max_attempts=3)
    await asyncio.wait_for(session.run(), 15)
    errors = log.of(SessionError)
    assert [e.fatal for e in errors] == [False, False, True]
    assert "refused" in errors[-1].message
    assert log.states().count(SessionState.RECONNECTING) == 2
    assert session.state is SessionState.ERROR


async def test_unknown_model_is_reported(tmp_path: Path) -> None:
    emu = LiveEmulator(port=0, cert_dir=tmp_path / "certs", known_models={"models/good-live"})
    await emu.start()
    try:
        log = EventLog()
        session = LiveSession(endpoint_for(emu), Settings(model="bad-model"), log, backoff=FAST)
        await asyncio.wait_for(session.run(), 15)
        (error,) = log.of(SessionError)
        assert error.fatal and "bad-model" in error.message
    finally:
        await emu.stop()


async def test_dropped_tcp_connection_reconnects(emulator: LiveEmulator) -> None:
    log = EventLog()
    session = LiveSession(endpoint_for(emulator), Settings(), log, backoff=FAST)
    task = await start(session, log)
    emulator.inject(Fault.drop())
    await log.wait_for(lambda: log.of(SessionError))
    await log.wait_for(lambda: log.states()[-1] is SessionState.LIVE)
    assert log.of(SessionError)[0].code == 1006
    session.send_text("still there?")
    await log.wait_for(lambda: log.of(TurnComplete))
    await session.stop()
    await task


async def test_stop_is_prompt_even_mid_reply(emulator: LiveEmulator) -> None:
    emulator.chunk_delay_s = 0.05
    log = EventLog()
    session = LiveSession(endpoint_for(emulator), Settings(), log)
    task = await start(session, log)
    session.send_text("talk for a while")
    await log.wait_for(lambda: log.of(ModelAudio))
    await asyncio.wait_for(session.stop(), 5)
    await asyncio.wait_for(task, 5)
    assert session.state is SessionState.CLOSED
    # The reply that was cut off still ends as a (marked) line, not lost.
    assert log.lines(Role.MODEL) and log.lines(Role.MODEL)[-1].text


def tone(seconds: float, rate: int = 16_000, freq: float = 440.0) -> bytes:
    import numpy as np

    t = np.arange(int(seconds * rate)) / rate
    return (np.sin(2 * np.pi * freq * t) * 12_000).astype("<i2").tobytes()


def jpeg_header(width: int, height: int) -> bytes:
    """The smallest byte string with a JPEG SOF0 marker: enough for the emulator to size it."""
    sof = b"\x08" + height.to_bytes(2, "big") + width.to_bytes(2, "big") + b"\x01\x01\x11\x00"
    return b"\xff\xd8\xff\xc0" + (len(sof) + 2).to_bytes(2, "big") + sof + b"\xff\xd9"


async def test_audio_blocks_reach_the_server_sample_exact_and_vad_answers(
    emulator: LiveEmulator,
) -> None:
    log = EventLog()
    session = LiveSession(endpoint_for(emulator), Settings(), log)
    task = await start(session, log)
    speech = tone(1.0) + bytes(2 * 16_000)  # one second of tone, one of silence
    block = 640  # 20 ms of 16 kHz PCM16
    for i in range(0, len(speech), block):
        session.send_audio(speech[i : i + block])
        await asyncio.sleep(0)
    await log.wait_for(lambda: log.of(TurnComplete))
    assert emulator.received_audio_bytes() == speech
    (heard,) = log.lines(Role.USER)
    assert "1.0 seconds" in heard.text
    assert "I heard 1.0 seconds of audio" in log.lines(Role.MODEL)[0].text
    await session.stop()
    await task


async def test_video_frame_and_activity_brackets_are_sent_in_order(emulator: LiveEmulator) -> None:
    log = EventLog()
    session = LiveSession(endpoint_for(emulator), Settings(), log)
    task = await start(session, log)
    frame = jpeg_header(1024, 576)
    session.send_video(frame)
    session.send_text("what do you see?")
    await log.wait_for(lambda: log.of(TurnComplete))
    assert emulator.received_frames() == [frame]
    assert "saw 1 frame" in log.lines(Role.MODEL)[0].text
    assert "1024x576" in log.lines(Role.MODEL)[0].text
    session.send_activity_start()
    session.send_audio(tone(0.1))
    session.send_activity_end()
    session.send_audio_stream_end()
    await emulator.wait_for(lambda: len(emulator.received) >= 7)
    kinds = [sorted(m.message.get("realtime_input", {})) for m in emulator.received[1:]]
    assert kinds == [
        ["video"],
        ["text"],
        ["activity_start"],
        ["audio"],
        ["activity_end"],
        ["audio_stream_end"],
    ]
    await session.stop()
    await task


async def test_media_queued_while_down_is_bounded(emulator: LiveEmulator) -> None:
    log = EventLog()
    session = LiveSession(endpoint_for(emulator), Settings(), log)
    for _ in range(250):
        session.send_audio(b"\0\0" * 320)
    session.send_text("kept")
    assert session.dropped_media == 150
    task = asyncio.create_task(session.run())
    await log.wait_for(lambda: log.of(TurnComplete))
    assert any('"kept"' in line.text for line in log.lines(Role.MODEL))
    await session.stop()
    await task
