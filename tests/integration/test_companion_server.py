"""The real companion server (TLS on 127.0.0.1) with real websocket clients."""

from __future__ import annotations

import asyncio
import contextlib
import json
import ssl
import urllib.request
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from desktop.companion import CompanionService, ReplyAudio, ServerLimits
from desktop.core.events import SessionState, StateChanged
from desktop.core.fanout import EventFanout
from desktop.core.floor import DESKTOP
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.support.companion import (
    ScriptedSession,
    client_ssl,
    closed_with,
    hello,
    open_socket,
    pair,
    recv_json,
    stuck_device,
)

LIMITS = ServerLimits(auth_timeout_s=0.5, stall_after_s=1.0, stall_check_s=0.1)


@pytest.fixture
async def events() -> EventFanout:
    return EventFanout()


@pytest.fixture
async def session(events: EventFanout) -> ScriptedSession:
    return ScriptedSession(events)


@pytest.fixture
async def service(
    events: EventFanout, session: ScriptedSession, tmp_path: Path
) -> AsyncIterator[CompanionService]:
    svc = CompanionService(events, lambda: session, base_dir=tmp_path / "companion", limits=LIMITS)
    await svc.start(host="127.0.0.1", port=0, advertise=False)
    yield svc
    await svc.stop()
    svc.close()


async def test_pair_with_code_then_hello_with_the_token(
    service: CompanionService, tmp_path: Path
) -> None:
    ws, token, welcome = await pair(service, "Pixel Watch")
    assert welcome["v"] == 1 and welcome["device"]["name"] == "Pixel Watch"
    assert welcome["audio"] == {"mic_rate": 16000, "speaker_rate": 24000}
    assert len(token) >= 43
    stored = (tmp_path / "companion" / "devices.json").read_text()
    assert token not in stored and "Pixel Watch" in stored
    await ws.close()
    again, welcome2 = await hello(service, token)
    assert welcome2["device"] == welcome["device"]
    await again.close()


async def test_pair_with_the_qr_secret_once_and_a_replay_is_refused(
    service: CompanionService,
) -> None:
    offer = service.offer()
    assert service.pairing_url(offer).endswith(f"#pair={offer.secret}")
    for attempt in range(2):
        ws = await open_socket(service)
        await ws.send(json.dumps({"type": "pair", "secret": offer.secret, "name": "Phone"}))
        if attempt == 0:
            assert (await recv_json(ws, "paired"))["token"]
            await ws.close()
        else:
            error = await recv_json(ws, "error")
            assert error["code"] == "pairing_replayed"
            assert (await closed_with(ws))[0] == 4403


async def test_wrong_codes_lock_pairing_out(service: CompanionService) -> None:
    offer = service.offer()
    wrong = "000000" if offer.code != "000000" else "111111"
    codes = []
    for _ in range(6):
        ws = await open_socket(service)
        await ws.send(json.dumps({"type": "pair", "code": wrong}))
        codes.append((await closed_with(ws))[0])
    assert codes == [4403] * 4 + [4429, 4429]
    ws = await open_socket(service)
    await ws.send(json.dumps({"type": "pair", "code": offer.code}))  # even the right one now
    assert (await recv_json(ws, "error"))["code"] == "pairing_locked"


async def test_unknown_token_and_revoked_device_are_refused(service: CompanionService) -> None:
    ws = await open_socket(service)
    await ws.send(json.dumps({"type": "hello", "token": "not-a-token"}))
    assert (await recv_json(ws, "error"))["code"] == "auth_failed"
    assert (await closed_with(ws))[0] == 4401

    ws, token, welcome = await pair(service)
    assert service.access.revoke(welcome["device"]["id"])
    assert (await closed_with(ws))[0] == 4410
    ws2 = await open_socket(service)
    await ws2.send(json.dumps({"type": "hello", "token": token}))
    assert (await closed_with(ws2))[0] == 4401


async def test_silent_socket_is_closed_after_the_auth_timeout(service: CompanionService) -> None:
    ws = await open_socket(service)
    code, reason = await closed_with(ws, timeout=3)
    assert code == 4408 and "authenticate" in reason


@pytest.mark.parametrize(
    ("first", "code"),
    [
        ("{not json", 4400),
        (b"\x00\x01binary", 4400),
        ('{"type": "text", "text": "hi"}', 4400),
        ('{"type": "hello", "v": 9, "token": "x"}', 4426),
    ],
)
async def test_bad_first_messages_close_with_a_code(
    service: CompanionService, first: str | bytes, code: int
) -> None:
    ws = await open_socket(service)
    await ws.send(first)
    error = await recv_json(ws, "error")
    assert error["message"]
    assert (await closed_with(ws))[0] == code


async def test_foreign_origin_and_foreign_host_are_refused(service: CompanionService) -> None:
    with pytest.raises(InvalidStatus) as refused:
        await open_socket(service, origin="https://evil.example")
    assert refused.value.response.status_code == 403
    assert (await raw_upgrade(service, f"evil.example:{service.port}")).startswith(b"HTTP/1.1 421")
    twice = f"127.0.0.1:{service.port}\r\nHost: evil.example"
    assert (await raw_upgrade(service, twice)).startswith(b"HTTP/1.1 400")  # two Hosts
    # A native app sends no Origin: allowed, and it must still authenticate.
    ws = await open_socket(service, origin=None)
    assert (await closed_with(ws, timeout=3))[0] == 4408


async def raw_upgrade(service: CompanionService, host: str) -> bytes:
    """A hand-written WebSocket upgrade with a chosen Host header (DNS rebinding)."""
    reader, writer = await asyncio.open_connection(
        "127.0.0.1", service.port, ssl=client_ssl(service), server_hostname="127.0.0.1"
    )
    writer.write(
        (
            f"GET /ws HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
            "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n"
        ).encode()
    )
    head = await asyncio.wait_for(reader.readline(), 5)
    writer.close()
    return head


def _get(
    service: CompanionService, path: str, host: str | None = None
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(f"https://127.0.0.1:{service.port}{path}")
    if host:
        request.add_header("Host", host)
    try:
        with urllib.request.urlopen(request, context=client_ssl(service), timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


async def test_the_web_client_is_served_from_the_same_port(service: CompanionService) -> None:
    status, headers, body = await asyncio.to_thread(_get, service, "/")
    assert status == 200 and b"Screenmate companion" in body
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    status, headers, _ = await asyncio.to_thread(_get, service, "/app.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert (await asyncio.to_thread(_get, service, "/../pyproject.toml"))[0] == 404
    assert (await asyncio.to_thread(_get, service, "/", "evil.example"))[0] == 421
    status, _, cert = await asyncio.to_thread(_get, service, "/screenmate-companion.crt")
    assert status == 200 and cert.startswith(b"-----BEGIN CERTIFICATE-----")
    assert service.fingerprint.count(":") == 31


async def test_typed_text_reaches_the_session_and_everyone_sees_the_transcript(
    service: CompanionService, session: ScriptedSession
) -> None:
    watch, _, _ = await pair(service, "Watch")
    phone, _, _ = await pair(service, "Phone")
    await watch.send(json.dumps({"type": "text", "text": "what is this?"}))
    for ws in (watch, phone):
        user = await recv_json(ws, "transcript")
        assert (user["role"], user["text"], user["final"]) == ("user", "what is this?", True)
        delta = await recv_json(ws, "transcript")
        assert delta["final"] is False
        line = await recv_json(ws, "transcript")
        assert line["final"] and line["text"] == "You wrote: what is this?"
        await recv_json(ws, "turn_complete")
    assert session.calls == [("text", "what is this?")]


async def _audio_frames(ws: object, timeout: float = 0.5) -> int:
    """How many binary frames arrive within `timeout` (after the turn completes)."""
    count = 0

    async def read() -> None:
        nonlocal count
        async for frame in ws:  # type: ignore[attr-defined]
            if isinstance(frame, bytes):
                count += 1
            elif json.loads(frame)["type"] == "turn_complete":
                return

    await asyncio.wait_for(read(), timeout + 4)
    return count


@pytest.mark.parametrize(
    ("policy", "asker_gets", "other_gets", "desktop"),
    [
        (ReplyAudio.ASKING, 1, 0, False),
        (ReplyAudio.ALL, 1, 1, True),
        (ReplyAudio.DESKTOP, 0, 0, True),
    ],
)
async def test_the_answer_plays_where_the_setting_says(
    service: CompanionService, policy: ReplyAudio, asker_gets: int, other_gets: int, desktop: bool
) -> None:
    service.hub.reply_audio = policy
    asker, _, _ = await pair(service, "Asker")
    other, _, _ = await pair(service, "Other")
    await asker.send(json.dumps({"type": "text", "text": "hi"}))
    assert await _audio_frames(asker) == asker_gets
    assert await _audio_frames(other) == other_gets
    assert service.hub.desktop_plays_reply() is desktop


async def test_one_speaker_holds_the_floor_and_others_are_busy(
    service: CompanionService, session: ScriptedSession
) -> None:
    a, _, _ = await pair(service, "A")
    b, _, _ = await pair(service, "B")
    await a.send(json.dumps({"type": "talk_start"}))
    assert (await recv_json(a, "talk"))["granted"] is True
    assert (await recv_json(b, "floor"))["holder"] == "companion"
    await b.send(json.dumps({"type": "talk_start"}))
    busy = await recv_json(b, "talk")
    assert busy == {
        "type": "talk",
        "granted": False,
        "reason": "busy",
        "holder": "companion",
        "name": "A",
    }
    await b.send(b"\x00\x00" * 320)
    assert (await recv_json(b, "error"))["code"] == "not_holding_floor"
    await a.send(b"\x01\x00" * 320)
    await a.send(json.dumps({"type": "talk_end"}))
    assert (await recv_json(b, "floor"))["holder"] == "none"
    # Server VAD (the default talk mode): audio, then a stream end so the VAD closes the turn.
    assert session.kinds() == ["audio", "audio_stream_end"]
    assert session.calls[0] == ("audio", 640, 16000)
    # The desktop's Talk controller takes the floor through the same object.
    assert service.floor.acquire(DESKTOP)
    while (await recv_json(a, "floor"))["holder"] != "desktop":
        pass
    await a.send(json.dumps({"type": "talk_start"}))
    assert (await recv_json(a, "talk"))["holder"] == "desktop"
    service.floor.release(DESKTOP)


async def test_push_to_talk_mode_brackets_the_turn_with_activity_markers(
    service: CompanionService, session: ScriptedSession
) -> None:
    service.hub._activity_markers = lambda s: True
    ws, _, _ = await pair(service)
    await ws.send(json.dumps({"type": "talk_start"}))
    await recv_json(ws, "talk")
    await ws.send(b"\x01\x00" * 320)
    await ws.send(json.dumps({"type": "talk_end"}))
    await recv_json(ws, "floor")
    assert session.kinds() == ["activity_start", "audio", "activity_end"]


async def test_a_vanished_talker_releases_the_floor(
    service: CompanionService, session: ScriptedSession
) -> None:
    a, _, _ = await pair(service, "A")
    b, _, _ = await pair(service, "B")
    await a.send(json.dumps({"type": "talk_start"}))
    await recv_json(a, "talk")
    await recv_json(b, "floor")
    await a.close()
    assert (await recv_json(b, "floor"))["holder"] == "none"
    assert session.kinds() == ["audio_stream_end"]


async def test_bad_frames_after_auth_get_errors_and_the_socket_stays(
    service: CompanionService,
) -> None:
    ws, _, _ = await pair(service)
    for frame, code in [
        ("{oops", "bad_json"),
        ('{"type": "fly"}', "unknown_type"),
        ('{"type": "hello", "token": "x"}', "already_authenticated"),
        (b"\x00", "bad_audio"),
        ("[1, 2]", "bad_message"),
    ]:
        await ws.send(frame)
        assert (await recv_json(ws, "error"))["code"] == code
    await ws.send(json.dumps({"type": "ping", "id": 7}))
    assert (await recv_json(ws, "pong"))["id"] == 7


async def test_oversize_frames_and_floods_close_only_that_client(
    service: CompanionService, session: ScriptedSession
) -> None:
    bystander, _, _ = await pair(service, "Bystander")
    big, _, _ = await pair(service, "Big")
    await big.send("x" * 70_000)
    assert (await closed_with(big))[0] == 1009
    flood, _, _ = await pair(service, "Flood")
    with contextlib.suppress(ConnectionClosed):  # the server may cut it off mid-flood
        for _ in range(2000):
            await flood.send('{"type":"ping"}')
    assert (await closed_with(flood))[0] == 4429
    session.answer("still here")
    line = await recv_json(bystander, "transcript")
    while not line["final"]:
        line = await recv_json(bystander, "transcript")
    assert line["text"] == "still here"


async def test_unauthenticated_cap_holds_after_every_kind_of_close(
    events: EventFanout, session: ScriptedSession, tmp_path: Path
) -> None:
    """Issue 14: the count was decremented twice for a failed connection, so the cap of 16
    stopped working after the first failure."""
    svc = CompanionService(
        events,
        lambda: session,
        base_dir=tmp_path / "c",
        limits=ServerLimits(max_unauthenticated=2, auth_timeout_s=5),
    )
    await svc.start(host="127.0.0.1", port=0, advertise=False)
    try:
        for bad in ("{oops", '{"type": "hello", "token": "nope"}', b"\x00"):  # failures
            ws = await open_socket(svc)
            await ws.send(bad)
            assert (await closed_with(ws))[0] in (4400, 4401)
        assert svc._server is not None and svc._server.unauthenticated == 0
        first = await open_socket(svc)
        second = await open_socket(svc)
        third = await open_socket(svc)
        assert (await closed_with(third))[0] == 1013
        await first.close()
        await second.close()
        await asyncio.sleep(0.2)
        assert svc._server.unauthenticated == 0
    finally:
        await svc.stop()


async def test_a_stalled_client_loses_audio_is_cut_off_and_others_get_every_line(
    service: CompanionService, session: ScriptedSession
) -> None:
    service.hub.reply_audio = ReplyAudio.ALL
    good, _, _ = await pair(service, "Good")
    paired, token, _ = await pair(service, "Stuck")
    await paired.close()
    stuck = await asyncio.to_thread(stuck_device, service, token)
    connected = asyncio.Event()
    service.hub.on_change(connected.set)
    while len(service.hub.clients) < 2:  # the stuck device's hello is being handled
        connected.clear()
        await asyncio.wait_for(connected.wait(), 5)
    stuck_client = next(c for c in service.hub.clients if c.name == "Stuck")
    lines = []
    for i in range(400):
        session.answer(f"line {i}", audio=b"\x01\x00" * 24_000)  # 1 s of audio each
        await asyncio.sleep(0)
        while True:
            message = await recv_json(good, "transcript")
            if message["final"]:
                lines.append(message["text"])
                break
        if stuck_client not in service.hub.clients:
            break
    await asyncio.sleep(LIMITS.stall_after_s + 0.5)
    assert stuck_client not in service.hub.clients
    assert stuck_client.queue.dropped_items > 0
    assert lines == [f"line {i}" for i in range(len(lines))]
    session.answer("after")
    message = await recv_json(good, "transcript")
    while not message["final"]:
        message = await recv_json(good, "transcript")
    assert message["text"] == "after"
    stuck.close()


async def test_new_devices_see_the_state_and_recent_transcript(
    service: CompanionService, session: ScriptedSession, events: EventFanout
) -> None:
    events(StateChanged(SessionState.LIVE))
    session.answer("earlier answer")
    _, _, welcome = await pair(service)
    assert welcome["state"]["state"] == "live"
    assert [line["text"] for line in welcome["transcript"]] == ["earlier answer"]
    assert welcome["floor"] == {"type": "floor", "holder": "none", "name": ""}


async def test_plain_tls_client_without_the_certificate_is_refused(
    service: CompanionService,
) -> None:
    with pytest.raises(ssl.SSLCertVerificationError):
        await open_socket(service, ssl=ssl.create_default_context())
