"""What a live session tells the rest of the app, as plain frozen dataclasses.

Everything downstream of the session (transcript view, headless JSON lines, later the speaker,
history and companion hub) consumes these and nothing else. `event_to_json` is the one place
that decides how an event looks as a JSON object.
"""

from __future__ import annotations

import base64
import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class SessionState(StrEnum):
    IDLE = "idle"
    CONNECTING = "connecting"
    LIVE = "live"
    RECONNECTING = "reconnecting"
    CLOSED = "closed"
    ERROR = "error"


class Role(StrEnum):
    USER = "user"
    MODEL = "model"


class LineSource(StrEnum):
    SPEECH = "speech"  # from input/output audio transcription
    TYPED = "typed"  # typed by the user
    TEXT = "text"  # model text parts (TEXT response modality)


@dataclass(frozen=True)
class StateChanged:
    state: SessionState
    detail: str = ""
    attempt: int = 0
    retry_in_s: float = 0.0  # reconnecting: the wait before the next attempt


@dataclass(frozen=True)
class TranscriptDelta:
    """A piece of a line still being spoken; `text` is the new piece only."""

    line_id: int
    role: Role
    text: str
    source: LineSource
    started_at: float
    late: bool = False  # a transcription that came after its turn completed (see `revised`)


@dataclass(frozen=True)
class TranscriptLine:
    """A finished line; `text` is the whole line. Deltas with the same `line_id` preceded it."""

    line_id: int
    role: Role
    text: str
    source: LineSource
    started_at: float
    ended_at: float
    interrupted: bool = False
    # The whole line again, replacing the one with the same `line_id` already finalised: a
    # transcription piece of a completed turn came late and was attached to it.
    revised: bool = False


@dataclass(frozen=True)
class ModelAudio:
    pcm: bytes
    sample_rate: int = 24_000


@dataclass(frozen=True)
class Interrupted:
    """The server stopped the model's reply (barge-in): drop queued model audio now."""


@dataclass(frozen=True)
class GenerationComplete:
    turn: int


@dataclass(frozen=True)
class TurnComplete:
    turn: int
    usage_known: bool = True  # False: the server reported no usageMetadata for this turn
    # turnCompleteReason when the server gave one (e.g. NEED_MORE_INPUT, a safety block).
    reason: str = ""
    waiting_for_input: bool = False  # the model waits for the user to say more


@dataclass(frozen=True)
class UserSpeech:
    """The server heard the user start or stop speaking (voiceActivity,
    voiceActivityDetectionSignal), or is transcribing them right now
    (interimInputTranscription: `text`, not final)."""

    speaking: bool
    text: str = ""


@dataclass(frozen=True)
class Source:
    title: str
    uri: str


@dataclass(frozen=True)
class Grounding:
    """Google Search grounding of the model's answer in `turn`: the pages it drew on, the
    searches made, and the search entry point (HTML) Google's terms ask apps to show."""

    turn: int
    sources: tuple[Source, ...] = ()
    queries: tuple[str, ...] = ()
    entry_point_html: str = ""


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int = 0
    response_tokens: int = 0
    total_tokens: int = 0
    prompt_by_modality: dict[str, int] = field(default_factory=dict)
    response_by_modality: dict[str, int] = field(default_factory=dict)
    thoughts_tokens: int = 0  # billed as output
    tool_use_prompt_tokens: int = 0  # billed as input


@dataclass(frozen=True)
class FunctionCall:
    call_id: str
    name: str
    args: dict[str, Any]


@dataclass(frozen=True)
class ToolCallRequested:
    calls: tuple[FunctionCall, ...]


@dataclass(frozen=True)
class ToolCallCancelled:
    call_ids: tuple[str, ...]


@dataclass(frozen=True)
class GoAway:
    time_left_s: float


@dataclass(frozen=True)
class ResumptionUpdate:
    handle: str
    resumable: bool


@dataclass(frozen=True)
class Notice:
    """One line for the user about the session itself (e.g. "started a new session")."""

    text: str


@dataclass(frozen=True)
class NotDelivered:
    """A typed line the server failed on twice: it is not sent again (the user may resend)."""

    text: str
    reason: str


@dataclass(frozen=True)
class SessionError:
    """Something the user should read. `fatal` means the session will not retry by itself."""

    message: str
    code: int | None = None
    fatal: bool = False


Event = (
    StateChanged
    | TranscriptDelta
    | TranscriptLine
    | ModelAudio
    | Interrupted
    | GenerationComplete
    | TurnComplete
    | Grounding
    | UserSpeech
    | Usage
    | ToolCallRequested
    | ToolCallCancelled
    | GoAway
    | ResumptionUpdate
    | Notice
    | NotDelivered
    | SessionError
)

_EVENT_NAMES: dict[type, str] = {
    StateChanged: "state",
    TranscriptDelta: "transcript_delta",
    TranscriptLine: "transcript_line",
    ModelAudio: "model_audio",
    Interrupted: "interrupted",
    GenerationComplete: "generation_complete",
    TurnComplete: "turn_complete",
    Grounding: "grounding",
    UserSpeech: "user_speech",
    Usage: "usage",
    ToolCallRequested: "tool_call",
    ToolCallCancelled: "tool_call_cancelled",
    GoAway: "go_away",
    ResumptionUpdate: "resumption_update",
    Notice: "notice",
    NotDelivered: "not_delivered",
    SessionError: "error",
}


def event_name(event: Event) -> str:
    return _EVENT_NAMES[type(event)]


def event_to_json(event: Event) -> dict[str, Any]:
    """A JSON-ready dict: `{"event": name, ...fields}`. Audio is summarised, not dumped."""
    out: dict[str, Any] = {"event": event_name(event)}
    if isinstance(event, ModelAudio):
        out["bytes"] = len(event.pcm)
        out["sample_rate"] = event.sample_rate
        out["duration_s"] = round(len(event.pcm) / 2 / event.sample_rate, 4)
        return out
    for f in dataclasses.fields(event):
        value = getattr(event, f.name)
        out[f.name] = _jsonable(value)
    return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value
