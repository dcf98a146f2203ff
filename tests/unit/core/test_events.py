import json

from desktop.core.events import (
    FunctionCall,
    LineSource,
    ModelAudio,
    Role,
    SessionState,
    StateChanged,
    ToolCallRequested,
    TranscriptLine,
    event_to_json,
)


def test_json_of_events_is_flat_and_serialisable() -> None:
    line = TranscriptLine(3, Role.MODEL, "hi", LineSource.SPEECH, 1.0, 2.0)
    assert event_to_json(line) == {
        "event": "transcript_line",
        "line_id": 3,
        "role": "model",
        "text": "hi",
        "source": "speech",
        "started_at": 1.0,
        "ended_at": 2.0,
        "interrupted": False,
        "revised": False,
    }
    assert event_to_json(StateChanged(SessionState.LIVE)) == {
        "event": "state",
        "state": "live",
        "detail": "",
        "attempt": 0,
        "retry_in_s": 0.0,
    }
    call = ToolCallRequested((FunctionCall("1", "f", {"a": [1]}),))
    json.dumps(event_to_json(call))


def test_audio_is_summarised_not_dumped() -> None:
    out = event_to_json(ModelAudio(b"\0" * 4800, 24000))
    assert out == {"event": "model_audio", "bytes": 4800, "sample_rate": 24000, "duration_s": 0.1}
