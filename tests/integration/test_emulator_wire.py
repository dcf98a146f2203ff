"""The emulator's wire format, seen by a raw WebSocket client."""

from __future__ import annotations

import asyncio
import base64
import json
import ssl
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from desktop.emulator import Fault, LiveEmulator
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

PATH = "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
SETUP = {
    "setup": {
        "model": "models/gemini-3.1-flash-live-preview",
        "inputAudioTranscription": {},
        "outputAudioTranscription": {},
    }
}
TIMEOUT = 10.0


@pytest.fixture
async def emu(tmp_path: Path) -> AsyncIterator[LiveEmulator]:
    async with LiveEmulator(port=0, cert_dir=tmp_path / "certs") as emulator:
        yield emulator


def url(emu: LiveEmulator, path: str = PATH) -> str:
    return f"wss://127.0.0.1:{emu.port}{path}"


def ctx(emu: LiveEmulator) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=emu.ca_file)


async def open_session(emu: LiveEmulator, setup: dict[str, Any] = SETUP) -> ClientConnection:
    ws = await connect(url(emu), ssl=ctx(emu), additional_headers={"x-goog-api-key": "k"})
    await ws.send(json.dumps(setup))
    first = await asyncio.wait_for(ws.recv(), TIMEOUT)
    assert isinstance(first, bytes)
    assert json.loads(first) == {"setupComplete": {}}
    return ws


async def read_turn(ws: ClientConnection) -> list[tuple[bytes | str, dict[str, Any]]]:
    frames: list[tuple[bytes | str, dict[str, Any]]] = []
    while True:
        frame = await asyncio.wait_for(ws.recv(), TIMEOUT)
        message = json.loads(frame)
        frames.append((frame, message))
        if message.get("serverContent", {}).get("turnComplete"):
            return frames


def keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys(v)}
    return set()


async def test_frames_are_binary_camel_case_json_with_combined_fields(emu: LiveEmulator) -> None:
    ws = await open_session(emu)
    await ws.send(json.dumps({"realtimeInput": {"text": "hello"}}))
    frames = await read_turn(ws)
    await ws.close()
    assert all(isinstance(frame, bytes) for frame, _ in frames)
    assert not any("_" in k for _, m in frames for k in keys(m))
    contents = [m["serverContent"] for _, m in frames]
    first = contents[0]
    assert set(first) == {"modelTurn", "outputTranscription"}
    inline = first["modelTurn"]["parts"][0]["inlineData"]
    assert inline["mimeType"] == "audio/pcm;rate=24000"
    assert len(base64.b64decode(inline["data"])) == 3840
    generation, last = frames[-2][1], frames[-1][1]
    assert generation == {"serverContent": {"generationComplete": True}}
    assert last["serverContent"] == {"turnComplete": True}
    usage = last["usageMetadata"]
    assert usage["totalTokenCount"] == usage["promptTokenCount"] + usage["responseTokenCount"]
    assert usage["responseTokensDetails"][0]["modality"] == "AUDIO"


async def test_mixed_casing_and_url_safe_base64_are_accepted(emu: LiveEmulator) -> None:
    t = np.arange(16000) / 16000
    pcm = (0.3 * 32767 * np.sin(2 * np.pi * 440 * t)).astype("<i2").tobytes()
    pcm += bytes(16000)  # 0.5 s of silence
    ws = await open_session(emu)
    step = 640
    for i in range(0, len(pcm), step):
        block = pcm[i : i + step]
        data = base64.urlsafe_b64encode(block).decode().rstrip("=")
        if i // step % 2:
            message: dict[str, Any] = {
                "realtime_input": {"audio": {"data": data, "mime_type": "audio/pcm;rate=16000"}}
            }
        else:
            message = {
                "realtimeInput": {"audio": {"data": data, "mimeType": "audio/pcm;rate=16000"}}
            }
        await ws.send(json.dumps(message))
    frames = await read_turn(ws)
    await ws.close()
    first = frames[0][1]["serverContent"]
    # The transcription of the input shares a message with the first model chunk.
    assert first["inputTranscription"] == {"text": "(1.0 seconds of speech)"}
    assert "modelTurn" in first
    assert emu.received_audio_bytes() == pcm
    assert all(r.kind in ("setup", "realtime_input") for r in emu.received)


async def test_large_messages_are_accepted(emu: LiveEmulator) -> None:
    ws = await open_session(emu)
    big = bytes(3 * 1024 * 1024)  # 3 MiB of silence: more than websockets' 1 MiB default
    blob = {"data": base64.b64encode(big).decode(), "mimeType": "audio/pcm;rate=16000"}
    await ws.send(json.dumps({"realtimeInput": {"audio": blob}}))
    await ws.send(json.dumps({"realtimeInput": {"text": "still there?"}}))
    frames = await read_turn(ws)
    await ws.close()
    assert frames
    assert len(emu.received_audio_bytes()) == len(big)


async def expect_close(ws: ClientConnection) -> tuple[int, str]:
    with pytest.raises(ConnectionClosed) as info:
        while True:
            await asyncio.wait_for(ws.recv(), TIMEOUT)
    rcvd = info.value.rcvd
    assert rcvd is not None
    return rcvd.code, rcvd.reason


async def test_invalid_json_from_the_client_closes_1007(emu: LiveEmulator) -> None:
    ws = await open_session(emu)
    await ws.send("{not json")
    code, _ = await expect_close(ws)
    assert code == 1007
    # Other connections keep working.
    ws2 = await open_session(emu)
    await ws2.send(json.dumps({"realtimeInput": {"text": "hi"}}))
    assert await read_turn(ws2)
    await ws2.close()


async def test_first_message_must_be_setup(emu: LiveEmulator) -> None:
    ws = await connect(url(emu), ssl=ctx(emu))
    await ws.send(json.dumps({"realtimeInput": {"text": "hi"}}))
    code, reason = await expect_close(ws)
    assert code == 1007 and "setup" in reason


async def test_setup_without_model_is_1007(emu: LiveEmulator) -> None:
    ws = await connect(url(emu), ssl=ctx(emu))
    await ws.send(json.dumps({"setup": {}}))
    code, _ = await expect_close(ws)
    assert code == 1007


async def test_unknown_setup_fields_are_tolerated(emu: LiveEmulator) -> None:
    setup = {"setup": {**SETUP["setup"], "brandNewField": {"x": 1}}}
    ws = await open_session(emu, setup)
    await ws.close()


async def test_unknown_path_is_404(emu: LiveEmulator) -> None:
    with pytest.raises(InvalidStatus) as info:
        await connect(url(emu, "/ws/nothing/here"), ssl=ctx(emu))
    assert info.value.response.status_code == 404


async def test_constrained_path_is_served(emu: LiveEmulator) -> None:
    path = PATH.replace("v1beta", "v1alpha") + "Constrained"
    ws = await connect(
        url(emu, path), ssl=ctx(emu), additional_headers={"Authorization": "Token auth_tokens/x"}
    )
    await ws.send(json.dumps(SETUP))
    assert json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT)) == {"setupComplete": {}}
    await ws.close()


async def test_stall_stops_answering_pings_then_recovers(emu: LiveEmulator) -> None:
    ws = await open_session(emu)
    await emu.inject(Fault.stall(1.0))
    pong = await ws.ping()
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(asyncio.shield(pong), 0.4)
    await asyncio.wait_for(pong, TIMEOUT)  # answered once the stall is over
    await ws.send(json.dumps({"realtimeInput": {"text": "hi"}}))
    assert await read_turn(ws)
    await ws.close()


async def test_close_codes_are_recorded(emu: LiveEmulator) -> None:
    ws = await open_session(emu)
    await emu.inject(Fault.close(1011, "Internal error encountered."))
    code, reason = await expect_close(ws)
    assert (code, reason) == (1011, "Internal error encountered.")
    await emu.wait_for(lambda: bool(emu.closed))
    assert emu.closed[0].code == 1011
    assert emu.live_connections == 0


async def test_stop_is_prompt_even_with_a_stalled_connection(emu: LiveEmulator) -> None:
    ws = await open_session(emu)
    await emu.inject(Fault.stall(60.0))
    await asyncio.wait_for(emu.stop(), 5.0)
    code, _ = await expect_close(ws)
    assert code == 1001


async def test_rapid_barge_ins_leave_one_clean_reply(emu: LiveEmulator) -> None:
    ws = await open_session(emu)
    for text in ("a", "b", "c"):
        await ws.send(json.dumps({"realtimeInput": {"text": text}}))
    messages: list[dict[str, Any]] = []
    while 'You wrote: "c"' not in "".join(
        m.get("serverContent", {}).get("outputTranscription", {}).get("text", "") for m in messages
    ) or not messages[-1].get("serverContent", {}).get("turnComplete"):
        messages.append(json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT)))
    await ws.close()
    contents = [m.get("serverContent", {}) for m in messages]
    assert sum(1 for c in contents if c.get("interrupted")) == 2
    # Every cut turn still ends with turnComplete, so the turns stay balanced.
    assert sum(1 for c in contents if c.get("turnComplete")) == 3
    last_turn = contents[[i for i, c in enumerate(contents) if c.get("interrupted")][-1] + 2 :]
    said = "".join(c.get("outputTranscription", {}).get("text", "") for c in last_turn)
    assert (
        said == 'You wrote: "c". I heard 0.0 seconds of audio and saw no frames. This is reply 1.'
    )
