import base64

import pytest
from desktop.core.events import (
    GenerationComplete,
    GoAway,
    Interrupted,
    ModelAudio,
    ResumptionUpdate,
    Role,
    ToolCallCancelled,
    ToolCallRequested,
    TranscriptDelta,
    TranscriptLine,
    TurnComplete,
    Usage,
)
from desktop.core.live_codec import LiveEventDecoder, decode_b64, parse_duration, sample_rate_of


def clock() -> float:
    return 5.0


PCM = bytes(range(256)) * 4


def test_all_fields_of_one_server_content_are_read_in_order() -> None:
    """Google combines fields; none may be dropped. Camel case and base64 as on the wire."""
    message = {
        "serverContent": {
            "inputTranscription": {"text": "what is"},
            "modelTurn": {
                "parts": [
                    {
                        "inlineData": {
                            "mimeType": "audio/pcm;rate=24000",
                            "data": base64.urlsafe_b64encode(PCM).decode().rstrip("="),
                        }
                    }
                ]
            },
            "outputTranscription": {"text": "It is"},
            "generationComplete": True,
            "turnComplete": True,
        },
        "usageMetadata": {
            "promptTokenCount": 10,
            "responseTokenCount": 4,
            "totalTokenCount": 14,
            "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 10}],
            "responseTokensDetails": [{"modality": "AUDIO", "tokenCount": 4}],
        },
    }
    events = LiveEventDecoder(clock).decode(message)
    kinds = [type(e) for e in events]
    assert kinds == [
        TranscriptDelta,
        ModelAudio,
        TranscriptDelta,
        GenerationComplete,
        TranscriptLine,
        TranscriptLine,
        TurnComplete,
        Usage,
    ]
    audio = events[1]
    assert isinstance(audio, ModelAudio) and audio.pcm == PCM and audio.sample_rate == 24000
    user_line, model_line = events[4], events[5]
    assert isinstance(user_line, TranscriptLine) and user_line.role is Role.USER
    assert isinstance(model_line, TranscriptLine) and model_line.text == "It is"
    usage = events[-1]
    assert isinstance(usage, Usage)
    assert usage.total_tokens == 14
    assert usage.prompt_by_modality == {"TEXT": 10}
    assert usage.response_by_modality == {"AUDIO": 4}


def test_sdk_dump_shape_with_bytes_and_snake_case() -> None:
    message = {
        "server_content": {
            "model_turn": {"parts": [{"inline_data": {"data": PCM, "mime_type": "audio/pcm"}}]}
        }
    }
    (audio,) = LiveEventDecoder(clock).decode(message)
    assert isinstance(audio, ModelAudio) and audio.pcm == PCM and audio.sample_rate == 24000


def test_turns_count_across_messages_and_interrupt_closes_model_line() -> None:
    d = LiveEventDecoder(clock)
    d.decode({"serverContent": {"outputTranscription": {"text": "one"}}})
    events = d.decode({"serverContent": {"interrupted": True}})
    assert isinstance(events[0], TranscriptLine) and events[0].interrupted
    assert isinstance(events[1], Interrupted)
    # No usageMetadata came with this turn: its cost is unknown, and the event says so.
    assert d.decode({"serverContent": {"turnComplete": True}}) == [TurnComplete(0, False)]
    assert d.decode({"serverContent": {"turnComplete": True}}) == [TurnComplete(1, False)]


def test_thought_parts_are_not_transcript() -> None:
    d = LiveEventDecoder(clock)
    events = d.decode(
        {"serverContent": {"modelTurn": {"parts": [{"text": "planning", "thought": True}]}}}
    )
    assert events == []


def test_tool_call_args_keep_their_own_key_spelling() -> None:
    message = {
        "toolCall": {
            "functionCalls": [{"id": "c1", "name": "point_at", "args": {"boxTop": 3, "label": "x"}}]
        },
        "toolCallCancellation": {"ids": ["c0"]},
    }
    call, cancel = LiveEventDecoder(clock).decode(message)
    assert isinstance(call, ToolCallRequested)
    assert call.calls[0].args == {"boxTop": 3, "label": "x"}
    assert call.calls[0].call_id == "c1"
    assert cancel == ToolCallCancelled(("c0",))


def test_go_away_and_resumption() -> None:
    events = LiveEventDecoder(clock).decode(
        {
            "goAway": {"timeLeft": "9.5s"},
            "sessionResumptionUpdate": {"newHandle": "h1", "resumable": True},
        }
    )
    assert events == [GoAway(9.5), ResumptionUpdate("h1", True)]
    # An update without a handle (not resumable right now) carries nothing to keep.
    assert LiveEventDecoder(clock).decode({"sessionResumptionUpdate": {"resumable": False}}) == []


def test_connection_lost_closes_lines_as_interrupted() -> None:
    d = LiveEventDecoder(clock)
    d.decode({"serverContent": {"outputTranscription": {"text": "half a sen"}}})
    (line,) = d.connection_lost()
    assert line.interrupted and line.text == "half a sen"


def test_helpers() -> None:
    assert decode_b64("-_8") == decode_b64("+/8=") == b"\xfb\xff"
    with pytest.raises(ValueError):
        decode_b64("not base64!")
    assert sample_rate_of("audio/pcm;rate=16000") == 16000
    assert sample_rate_of("audio/pcm") == 24000
    assert parse_duration("10s") == 10.0
    assert parse_duration({"seconds": 2, "nanos": 500_000_000}) == 2.5
    assert parse_duration(3) == 3.0
    assert parse_duration("garbage") == 0.0


def test_empty_and_unknown_messages_yield_nothing() -> None:
    d = LiveEventDecoder(clock)
    assert d.decode({}) == []
    assert d.decode({"setupComplete": {}}) == []
    assert d.decode({"somethingNew": {"x": 1}}) == []
