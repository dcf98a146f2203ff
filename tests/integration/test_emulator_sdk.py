"""The real google-genai SDK against the real emulator over TLS."""

from __future__ import annotations

import asyncio
import socket
import ssl
import struct
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from desktop.emulator import Fault, LiveEmulator
from google import genai
from google.genai import errors, types

MODEL = "gemini-3.1-flash-live-preview"
RATE = 16000
TIMEOUT = 15.0
TRANSCRIBE: dict[str, Any] = {"input_audio_transcription": {}, "output_audio_transcription": {}}


@pytest.fixture
async def emu(tmp_path: Path) -> AsyncIterator[LiveEmulator]:
    async with LiveEmulator(port=0, cert_dir=tmp_path / "certs") as emulator:
        yield emulator


def client_for(emu: LiveEmulator, key: str = "any-key", version: str = "v1beta") -> genai.Client:
    ctx = ssl.create_default_context(cafile=emu.ca_file)
    options = types.HttpOptions(
        base_url=emu.base_url, api_version=version, async_client_args={"ssl": ctx}
    )
    return genai.Client(api_key=key, http_options=options)


def connect(
    emu: LiveEmulator, config: dict[str, Any] | None = None, key: str = "any-key"
) -> AbstractAsyncContextManager[Any]:
    live_config = types.LiveConnectConfig.model_validate(config or {})
    return client_for(emu, key).aio.live.connect(model=MODEL, config=live_config)


async def turn(session: Any) -> list[types.LiveServerMessage]:
    """One SDK receive() loop: it ends after turnComplete."""

    async def collect() -> list[types.LiveServerMessage]:
        return [message async for message in session.receive()]

    return await asyncio.wait_for(collect(), TIMEOUT)


def said(messages: list[types.LiveServerMessage]) -> str:
    return "".join(
        m.server_content.output_transcription.text or ""
        for m in messages
        if m.server_content and m.server_content.output_transcription
    )


def audio_of(messages: list[types.LiveServerMessage]) -> list[bytes]:
    return [
        part.inline_data.data
        for m in messages
        if m.server_content and m.server_content.model_turn
        for part in m.server_content.model_turn.parts or []
        if part.inline_data and part.inline_data.data
    ]


def tone(seconds: float, freq: float = 440.0) -> bytes:
    t = np.arange(int(seconds * RATE)) / RATE
    return (0.3 * 32767 * np.sin(2 * np.pi * freq * t)).astype("<i2").tobytes()


async def send_audio(session: Any, pcm: bytes, block_ms: int = 20) -> None:
    step = RATE * block_ms // 1000 * 2
    for i in range(0, len(pcm), step):
        blob = types.Blob(data=pcm[i : i + step], mime_type="audio/pcm;rate=16000")
        await session.send_realtime_input(audio=blob)


def fake_jpeg(width: int, height: int) -> bytes:
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + bytes(9)
    return b"\xff\xd8" + sof + b"\xff\xda\x00\x02\xff\xd9"


async def test_setup_complete_and_setup_recorded(emu: LiveEmulator) -> None:
    async with connect(emu, {"response_modalities": ["AUDIO"], **TRANSCRIBE}) as session:
        assert session.setup_complete is not None
    assert emu.connections == 1
    (setup,) = emu.setups
    assert setup["model"] == f"models/{MODEL}"
    assert setup["generation_config"]["response_modalities"] == ["AUDIO"]


async def test_text_turn(emu: LiveEmulator) -> None:
    async with connect(emu, TRANSCRIBE) as session:
        await session.send_realtime_input(text="hello")
        messages = await turn(session)
    text = 'You wrote: "hello". I heard 0.0 seconds of audio and saw no frames. This is reply 1.'
    assert said(messages) == text
    chunks = audio_of(messages)
    assert len(chunks) > 10 and all(len(c) == 3840 for c in chunks)
    # Audio and its transcription arrive in the same messages.
    both = [
        m
        for m in messages
        if m.server_content
        and m.server_content.model_turn
        and m.server_content.output_transcription
    ]
    assert both
    generation, last = messages[-2:]
    assert generation.server_content and generation.server_content.generation_complete
    assert not generation.server_content.turn_complete and not generation.usage_metadata
    assert last.server_content and last.server_content.turn_complete
    assert not last.server_content.generation_complete
    assert last.usage_metadata and last.usage_metadata.total_token_count
    details = last.usage_metadata.response_tokens_details or []
    assert [d.modality for d in details] == [types.MediaModality.AUDIO]
    assert emu.received_texts() == ["hello"]


async def test_several_turns_in_one_session(emu: LiveEmulator) -> None:
    prompts = []
    async with connect(emu, TRANSCRIBE) as session:
        for n, word in enumerate(["one", "two", "three"], start=1):
            await session.send_realtime_input(text=word)
            messages = await turn(session)
            assert said(messages).endswith(f"This is reply {n}.")
            usage = messages[-1].usage_metadata
            assert usage is not None
            prompts.append(usage.prompt_token_count or 0)
    assert prompts[0] < prompts[1] < prompts[2]
    assert emu.connections == 1


async def test_text_modality(emu: LiveEmulator) -> None:
    async with connect(emu, {"response_modalities": ["TEXT"]}) as session:
        await session.send_client_content(
            turns=types.Content(role="user", parts=[types.Part(text="hi there")])
        )
        messages = await turn(session)
    text = "".join(m.text or "" for m in messages)
    assert text.startswith('You wrote: "hi there".')
    assert not audio_of(messages)


async def test_audio_turn_with_server_vad_and_sample_exact_audio(emu: LiveEmulator) -> None:
    sent = tone(1.0) + bytes(int(0.7 * RATE) * 2)
    async with connect(emu, TRANSCRIBE) as session:
        await send_audio(session, sent)
        messages = await turn(session)
    heard = [
        m.server_content.input_transcription.text
        for m in messages
        if m.server_content and m.server_content.input_transcription
    ]
    assert heard == ["(1.0 seconds of speech)"]
    assert said(messages).startswith("I heard 1.0 seconds of audio and saw no frames.")
    assert emu.received_audio_bytes() == sent


async def test_transcriber_hook_and_frames(emu: LiveEmulator) -> None:
    emu.transcriber = lambda pcm: f"{len(pcm)} bytes of words"
    async with connect(emu, TRANSCRIBE) as session:
        for _ in range(3):
            frame = types.Blob(data=fake_jpeg(1024, 576), mime_type="image/jpeg")
            await session.send_realtime_input(video=frame)
        await send_audio(session, tone(0.5) + bytes(int(0.6 * RATE) * 2))
        messages = await turn(session)
    assert said(messages).startswith('You said: "16000 bytes of words". I heard 0.5 seconds')
    assert "saw 3 frames of 1024x576." in said(messages)
    assert emu.received_frames() == [fake_jpeg(1024, 576)] * 3


async def test_push_to_talk(emu: LiveEmulator) -> None:
    config = {"realtime_input_config": {"automatic_activity_detection": {"disabled": True}}}
    async with connect(emu, {**config, **TRANSCRIBE}) as session:
        await send_audio(session, tone(0.3))  # outside the brackets: not a turn
        await session.send_realtime_input(activity_start=types.ActivityStart())
        await send_audio(session, tone(0.5))
        await session.send_realtime_input(activity_end=types.ActivityEnd())
        messages = await turn(session)
    assert said(messages).startswith("I heard 0.5 seconds of audio")


async def test_interruption_mid_reply(emu: LiveEmulator) -> None:
    emu.chunk_delay_s = 0.05  # slow enough that the reply is surely cut, however busy the box
    async with connect(emu, TRANSCRIBE) as session:
        await session.send_realtime_input(text="tell me a long story")
        first: list[types.LiveServerMessage] = []

        async def cut_in() -> None:
            async for message in session.receive():
                first.append(message)
                if len(audio_of(first)) == 3 and len(emu.received_texts()) == 1:
                    await session.send_realtime_input(text="stop")
                    emu.chunk_delay_s = 0.005

        await asyncio.wait_for(cut_in(), TIMEOUT)
        flags = [m.server_content.interrupted for m in first if m.server_content]
        assert True in flags
        assert said(first) and not said(first).endswith("This is reply 1.")
        second = await turn(session)
    assert said(second).startswith('You wrote: "stop".')
    assert said(second).endswith("This is reply 1.")


async def test_close_1011_surfaces_as_api_error(emu: LiveEmulator) -> None:
    async with connect(emu) as session:
        await emu.inject(Fault.close(1011, "Internal error encountered."))
        with pytest.raises(errors.APIError) as info:
            await turn(session)
    assert info.value.code == 1011
    assert "Internal error" in str(info.value)


async def test_mid_reply_fault_after_three_chunks(emu: LiveEmulator) -> None:
    emu.inject(Fault.close(1011, "Internal error encountered."), after_chunks=3)
    received: list[types.LiveServerMessage] = []
    async with connect(emu, TRANSCRIBE) as session:
        await session.send_realtime_input(text="hello")
        with pytest.raises(errors.APIError) as info:
            async for message in session.receive():
                received.append(message)
    assert info.value.code == 1011
    assert len(audio_of(received)) == 3


async def test_wrong_api_key_is_refused_at_connect(tmp_path: Path) -> None:
    async with LiveEmulator(cert_dir=tmp_path, api_key="the-right-key") as emu:
        with pytest.raises(errors.APIError) as info:
            async with connect(emu, key="wrong"):
                pass
        assert info.value.code == 1007
        assert "API key not valid" in str(info.value)
        async with connect(emu, key="the-right-key") as session:
            assert session.setup_complete is not None


async def test_unknown_model_is_refused(tmp_path: Path) -> None:
    async with LiveEmulator(cert_dir=tmp_path, known_models={"some-other-model"}) as emu:
        with pytest.raises(errors.APIError) as info:
            async with connect(emu):
                pass
    assert info.value.code == 1008
    assert f"models/{MODEL} is not found" in str(info.value)


async def test_ephemeral_token_on_the_constrained_endpoint(tmp_path: Path) -> None:
    async with LiveEmulator(cert_dir=tmp_path, api_key="real-key") as emu:
        token = emu.create_ephemeral_token()
        client = client_for(emu, key=token, version="v1alpha")
        with pytest.warns(errors.ExperimentalWarning):
            async with client.aio.live.connect(model=MODEL, config={}) as session:
                await session.send_realtime_input(text="hi")
                assert said(await turn(session)) == ""  # no transcription asked for
        with pytest.raises(errors.APIError) as info, pytest.warns(errors.ExperimentalWarning):
            bad = client_for(emu, key="auth_tokens/forged", version="v1alpha")
            async with bad.aio.live.connect(model=MODEL, config={}):
                pass
        assert info.value.code == 1007


async def test_refused_connection(tmp_path: Path) -> None:
    emu = LiveEmulator(cert_dir=tmp_path)
    await emu.start()
    await emu.stop()
    with pytest.raises(OSError):
        async with connect(emu):
            pass
    with socket.socket() as s:  # the port is free again
        s.bind(("127.0.0.1", emu.port))


async def test_go_away_then_close(emu: LiveEmulator) -> None:
    async with connect(emu) as session:
        emu.inject(Fault.go_away(time_left_s=0.3))
        messages: list[types.LiveServerMessage] = []
        with pytest.raises(errors.APIError) as info:
            async for message in session.receive():
                messages.append(message)
    assert [m.go_away.time_left for m in messages if m.go_away] == ["0.3s"]
    assert info.value.code == 1000


async def test_session_resumption(emu: LiveEmulator) -> None:
    async with connect(emu, {"session_resumption": {}, **TRANSCRIBE}) as session:
        await session.send_realtime_input(text="remember me")
        assert said(await turn(session)).endswith("This is reply 1.")
        # The handle for a completed turn follows its turnComplete.
        async for message in session.receive():
            if message.session_resumption_update:
                update = message.session_resumption_update
                break
    assert update.resumable and update.new_handle
    config = {"session_resumption": {"handle": update.new_handle}, **TRANSCRIBE}
    async with connect(emu, config) as session:
        await session.send_realtime_input(text="again")
        messages = await turn(session)
    assert said(messages).endswith("This is reply 2.")
    assert emu.setups[-1]["session_resumption"]["handle"] == update.new_handle

    with pytest.raises(errors.APIError) as info:
        async with connect(emu, {"session_resumption": {"handle": "no-such-handle"}}):
            pass
    assert info.value.code == 1008

    emu.inject(Fault.refuse_next_handle())
    with pytest.raises(errors.APIError) as info:
        async with connect(emu, {"session_resumption": {"handle": update.new_handle}}):
            pass
    assert info.value.code == 1008


async def test_invalid_json_is_a_value_error_in_the_sdk(emu: LiveEmulator) -> None:
    async with connect(emu) as session:
        await emu.inject(Fault.invalid_json())
        with pytest.raises(ValueError, match="Failed to parse response"):
            await turn(session)


async def test_drop_is_1006(emu: LiveEmulator) -> None:
    async with connect(emu) as session:
        await emu.inject(Fault.drop())
        with pytest.raises(errors.APIError) as info:
            await turn(session)
    assert info.value.code == 1006


async def test_tool_call_round_trip(emu: LiveEmulator) -> None:
    tools = [{"function_declarations": [{"name": "get_time", "description": "The time."}]}]
    async with connect(emu, {"tools": tools, **TRANSCRIBE}) as session:
        await session.send_realtime_input(text="please call get_time")
        messages: list[types.LiveServerMessage] = []
        async for message in session.receive():
            messages.append(message)
            if message.tool_call:
                (call,) = message.tool_call.function_calls or []
                assert call.name == "get_time" and call.args == {}
                response = types.FunctionResponse(
                    id=call.id, name=call.name, response={"time": "noon"}
                )
                await session.send_tool_response(function_responses=[response])
    assert 'I called get_time and it returned {"time": "noon"}.' in said(messages)
    assert emu.received_of("tool_response")[0].raw["tool_response"]["functionResponses"][0][
        "response"
    ] == {"time": "noon"}


async def test_scripted_tool_call_cancelled(emu: LiveEmulator) -> None:
    emu.script_tool_call("lookup", {"query": "weather"})
    async with connect(emu, TRANSCRIBE) as session:
        await session.send_realtime_input(text="hi")
        messages: list[types.LiveServerMessage] = []
        async for message in session.receive():
            messages.append(message)
            if message.tool_call:
                (call,) = message.tool_call.function_calls or []
                assert call.args == {"query": "weather"}
                emu.cancel_tool_call([call.id or ""])
    (cancellation,) = [m.tool_call_cancellation for m in messages if m.tool_call_cancellation]
    assert cancellation.ids and len(cancellation.ids) == 1
    assert "The call to lookup was cancelled." in said(messages)


async def test_scripted_reply_and_wait_for(emu: LiveEmulator) -> None:
    emu.script_reply("Scripted hello there.")
    async with connect(emu, TRANSCRIBE) as session:
        await session.send_client_content(
            turns=types.Content(role="user", parts=[types.Part(text="context only")]),
            turn_complete=False,
        )
        await emu.wait_for(lambda: bool(emu.received_of("client_content")))
        await session.send_realtime_input(text="go")
        assert said(await turn(session)) == "Scripted hello there."
        got = await emu.wait_received(lambda r: r.kind == "realtime_input")
        assert got.conn == 0 and got.message == {"realtime_input": {"text": "go"}}
