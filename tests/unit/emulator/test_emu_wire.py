from __future__ import annotations

import base64
import json

import pytest
from desktop.emulator.wire import (
    ActivityEnd,
    ActivityStart,
    AudioIn,
    AudioStreamEnd,
    ClientContent,
    ClientEvent,
    ResponseImage,
    TextIn,
    ToolResponse,
    VideoIn,
    WireError,
    b64decode_any,
    client_events,
    decode_frame,
    encode,
    format_duration,
    pcm_rate,
)

PAYLOAD = bytes(range(256)) * 3 + b"\xff\xfe\xfd"


@pytest.mark.parametrize(
    "text",
    [
        base64.b64encode(PAYLOAD).decode(),
        base64.urlsafe_b64encode(PAYLOAD).decode(),
        base64.urlsafe_b64encode(PAYLOAD).decode().rstrip("="),
        base64.b64encode(PAYLOAD).decode().rstrip("="),
    ],
)
def test_base64_in_both_alphabets_with_or_without_padding(text: str) -> None:
    assert b64decode_any(text) == PAYLOAD


@pytest.mark.parametrize("n", range(1, 6))
def test_base64_short_payloads_without_padding(n: int) -> None:
    data = bytes([250 + i for i in range(n)])
    assert b64decode_any(base64.urlsafe_b64encode(data).decode().rstrip("=")) == data


def test_base64_garbage_is_a_wire_error() -> None:
    with pytest.raises(WireError):
        b64decode_any("not*base64!")


def events(message: dict[str, object]) -> list[ClientEvent]:
    return client_events(decode_frame(json.dumps(message)))


def test_sdk_style_mixed_casing_audio() -> None:
    data = base64.urlsafe_b64encode(b"\x01\x02\xff\xfe").decode()
    got = events({"realtime_input": {"audio": {"data": data, "mime_type": "audio/pcm;rate=16000"}}})
    assert got == [AudioIn(b"\x01\x02\xff\xfe", 16000)]


def test_camel_case_audio_and_video() -> None:
    audio = base64.b64encode(b"\x00\x01").decode()
    got = events({"realtimeInput": {"audio": {"data": audio, "mimeType": "audio/pcm;rate=24000"}}})
    assert got == [AudioIn(b"\x00\x01", 24000)]
    jpeg = base64.b64encode(b"\xff\xd8\xff").decode()
    got = events({"realtimeInput": {"video": {"data": jpeg, "mimeType": "image/jpeg"}}})
    assert got == [VideoIn(b"\xff\xd8\xff", "image/jpeg")]


def test_legacy_media_chunks() -> None:
    audio = base64.b64encode(b"\x01\x00").decode()
    jpeg = base64.b64encode(b"\xff\xd8").decode()
    got = events(
        {
            "realtime_input": {
                "mediaChunks": [
                    {"data": audio, "mime_type": "audio/pcm;rate=16000"},
                    {"data": jpeg, "mimeType": "image/jpeg"},
                ]
            }
        }
    )
    assert got == [AudioIn(b"\x01\x00", 16000), VideoIn(b"\xff\xd8", "image/jpeg")]


def test_text_activity_and_stream_end() -> None:
    assert events({"realtime_input": {"text": "hi"}}) == [TextIn("hi")]
    assert events({"realtime_input": {"activityStart": {}}}) == [ActivityStart()]
    assert events({"realtimeInput": {"activity_end": {}}}) == [ActivityEnd()]
    assert events({"realtime_input": {"audioStreamEnd": True}}) == [AudioStreamEnd()]
    assert events({"realtime_input": {"audio_stream_end": False}}) == []


def test_client_content() -> None:
    got = events(
        {
            "client_content": {
                "turns": [
                    {"role": "user", "parts": [{"text": "a"}, {"text": "b"}]},
                    {"role": "model", "parts": [{"text": "c"}]},
                ],
                "turnComplete": True,
            }
        }
    )
    assert len(got) == 1
    content = got[0]
    assert isinstance(content, ClientContent)
    assert content.turn_complete
    assert [(t.role, t.texts) for t in content.turns] == [("user", ("a", "b")), ("model", ("c",))]


def test_tool_response_keeps_the_response_keys_verbatim() -> None:
    got = events(
        {
            "tool_response": {
                "functionResponses": [{"id": "1", "name": "f", "response": {"someKey": 1}}]
            }
        }
    )
    assert isinstance(got[0], ToolResponse)
    assert got[0].responses[0].response == {"someKey": 1}


def test_tool_response_image_parts_in_either_casing() -> None:
    import numpy as np
    import simplejpeg

    jpeg = simplejpeg.encode_jpeg(np.zeros((30, 40, 3), np.uint8), colorspace="RGB")
    sdk = base64.urlsafe_b64encode(jpeg).decode()
    got = events(
        {
            "tool_response": {
                "functionResponses": [
                    {
                        "id": "1",
                        "name": "look",
                        "response": {"result": "x"},
                        "parts": [
                            {
                                "inline_data": {"mime_type": "image/jpeg", "data": sdk},
                                "media_resolution": {"level": "MEDIA_RESOLUTION_HIGH"},
                            },
                            {"inlineData": {"mimeType": "image/jpeg", "data": sdk}},
                            {"inlineData": {"mimeType": "text/plain", "data": "aGk="}},
                        ],
                    }
                ]
            }
        }
    )
    assert isinstance(got[0], ToolResponse)
    assert got[0].responses[0].images == (
        ResponseImage("image/jpeg", (40, 30), len(jpeg), "MEDIA_RESOLUTION_HIGH"),
        ResponseImage("image/jpeg", (40, 30), len(jpeg), ""),
    )


def test_decode_normalises_to_snake_case_and_keeps_raw() -> None:
    decoded = decode_frame(b'{"realtimeInput": {"activityStart": {}}}')
    assert decoded.msg == {"realtime_input": {"activity_start": {}}}
    assert decoded.raw == {"realtimeInput": {"activityStart": {}}}
    assert decoded.kind == "realtime_input"


@pytest.mark.parametrize("frame", ["not json", "[1, 2]", '"text"', b"\xff\xfe"])
def test_bad_frames_are_wire_errors_with_1007(frame: str | bytes) -> None:
    with pytest.raises(WireError) as info:
        decode_frame(frame)
    assert info.value.code == 1007


def test_unknown_messages_are_ignored() -> None:
    assert events({"somethingNew": {}}) == []


def test_encode_is_compact_json_bytes() -> None:
    assert encode({"setupComplete": {}}) == b'{"setupComplete":{}}'


def test_pcm_rate_and_duration_format() -> None:
    assert pcm_rate("audio/pcm;rate=16000") == 16000
    assert pcm_rate("audio/pcm; rate=8000") == 8000
    assert pcm_rate("audio/pcm") == 16000
    assert format_duration(10.0) == "10s"
    assert format_duration(1.5) == "1.5s"
    assert format_duration(0.25) == "0.25s"
