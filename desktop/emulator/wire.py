"""The Live API wire format: decoding client frames and encoding server frames.

Clients write JSON text frames with mixed key casing (the SDK writes `realtime_input` next to
`activityStart`); everything is normalised to snake_case before it is read. Base64 payloads may
use the standard or the URL-safe alphabet, with or without padding. The server answers with
camelCase JSON in binary frames, as Google does.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from desktop.core.casing import snake, snake_keys
from desktop.emulator.media import image_size

log = logging.getLogger(__name__)

# Close codes and reasons as Google's Live endpoint uses them.
CLOSE_NORMAL = 1000
CLOSE_INVALID = 1007  # INVALID_ARGUMENT
CLOSE_POLICY = 1008  # NOT_FOUND / PERMISSION_DENIED
CLOSE_INTERNAL = 1011

REASON_BAD_KEY = "API key not valid. Please pass a valid API key."
REASON_INVALID_ARGUMENT = "Request contains an invalid argument."
REASON_INVALID_JSON = "Invalid JSON payload received. Expected a JSON object."
REASON_NOT_SETUP = "Invalid JSON payload received. The first message must contain `setup`."
# Google's words for a resumption handle it does not know (expired, or never issued).
REASON_BAD_HANDLE = "BidiGenerateContent session not found"
REASON_INTERNAL = "Internal error encountered."
REASON_GO_AWAY = "The connection has reached its maximum duration."


def model_not_found_reason(model: str, api_version: str) -> str:
    return (
        f"{model} is not found for API version {api_version}, or is not supported for "
        "bidiGenerateContent. Call ListModels to see the list of available models and their "
        "supported methods."
    )


class WireError(ValueError):
    """A client frame that cannot be read; closes the connection with `code`."""

    def __init__(self, reason: str, code: int = CLOSE_INVALID) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


# --- base64 -----------------------------------------------------------------------------------

_B64_JUNK = re.compile(r"\s+")


def b64decode_any(text: str) -> bytes:
    """Decode base64 in either alphabet, padded or not."""
    cleaned = _B64_JUNK.sub("", text).rstrip("=").replace("-", "+").replace("_", "/")
    cleaned += "=" * (-len(cleaned) % 4)
    try:
        return base64.b64decode(cleaned, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise WireError(
            f"Invalid value at 'data' (TYPE_BYTES), Base64 decoding failed: {exc}"
        ) from exc


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# --- client -> server -------------------------------------------------------------------------


@dataclass(frozen=True)
class AudioIn:
    pcm: bytes
    rate: int


@dataclass(frozen=True)
class VideoIn:
    data: bytes
    mime_type: str


@dataclass(frozen=True)
class TextIn:
    text: str


@dataclass(frozen=True)
class ActivityStart:
    pass


@dataclass(frozen=True)
class ActivityEnd:
    pass


@dataclass(frozen=True)
class AudioStreamEnd:
    pass


@dataclass(frozen=True)
class ContentTurn:
    role: str
    texts: tuple[str, ...]


@dataclass(frozen=True)
class ClientContent:
    turns: tuple[ContentTurn, ...]
    turn_complete: bool


@dataclass(frozen=True)
class ResponseImage:
    """An inline image part of a function response."""

    mime_type: str
    size: tuple[int, int] | None  # (width, height); None if it could not be read
    nbytes: int
    media_resolution: str = ""  # the part's level, e.g. "MEDIA_RESOLUTION_HIGH"


@dataclass(frozen=True)
class FunctionResponse:
    id: str
    name: str
    response: Any
    images: tuple[ResponseImage, ...] = ()
    scheduling: str = ""  # SILENT, WHEN_IDLE, INTERRUPT (asynchronous calls, 3.8 Live)


@dataclass(frozen=True)
class ToolResponse:
    responses: tuple[FunctionResponse, ...]


ClientEvent = (
    AudioIn
    | VideoIn
    | TextIn
    | ActivityStart
    | ActivityEnd
    | AudioStreamEnd
    | ClientContent
    | ToolResponse
)


@dataclass(frozen=True)
class Decoded:
    """One client frame: the verbatim JSON object and its snake_case normalisation."""

    raw: dict[str, Any]
    msg: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return next(iter(self.msg), "")


def decode_frame(frame: str | bytes) -> Decoded:
    """Parse one client frame (text or binary) into a JSON object."""
    try:
        obj = json.loads(frame)
    except (ValueError, UnicodeDecodeError) as exc:
        raise WireError(f"Invalid JSON payload received. {exc}") from exc
    if not isinstance(obj, dict):
        raise WireError(REASON_INVALID_JSON)
    return Decoded(raw=obj, msg=snake_keys(obj))


def pcm_rate(mime_type: str, default: int = 16000) -> int:
    """`audio/pcm;rate=16000` -> 16000."""
    match = re.search(r"rate\s*=\s*(\d+)", mime_type)
    return int(match.group(1)) if match else default


def _blob(block: Any) -> tuple[bytes, str]:
    if not isinstance(block, dict):
        raise WireError(REASON_INVALID_ARGUMENT)
    data = block.get("data", "")
    if not isinstance(data, str):
        raise WireError(REASON_INVALID_ARGUMENT)
    return b64decode_any(data), str(block.get("mime_type", ""))


def _media(data: bytes, mime_type: str) -> ClientEvent | None:
    if mime_type.startswith("audio/"):
        return AudioIn(data, pcm_rate(mime_type))
    if mime_type.startswith("image/") or mime_type.startswith("video/"):
        return VideoIn(data, mime_type)
    log.warning("ignoring media chunk with mime type %r", mime_type)
    return None


def _realtime(block: dict[str, Any]) -> list[ClientEvent]:
    events: list[ClientEvent] = []
    for chunk in block.get("media_chunks") or []:
        event = _media(*_blob(chunk))
        if event is not None:
            events.append(event)
    if "audio" in block:
        data, mime = _blob(block["audio"])
        events.append(AudioIn(data, pcm_rate(mime or "audio/pcm;rate=16000")))
    if "video" in block:
        data, mime = _blob(block["video"])
        events.append(VideoIn(data, mime or "image/jpeg"))
    if "text" in block:
        events.append(TextIn(str(block["text"])))
    if "activity_start" in block:
        events.append(ActivityStart())
    if "activity_end" in block:
        events.append(ActivityEnd())
    if block.get("audio_stream_end"):
        events.append(AudioStreamEnd())
    known = {"media_chunks", "audio", "video", "text", "activity_start", "activity_end"}
    unknown = set(block) - known - {"audio_stream_end"}
    if unknown:
        log.warning("ignoring unknown realtimeInput fields %s", sorted(unknown))
    if len(events) > 1 and not block.get("media_chunks"):
        log.warning("realtimeInput should carry exactly one field, got %s", sorted(block))
    return events


def _client_content(block: dict[str, Any]) -> ClientContent:
    turns: list[ContentTurn] = []
    for turn in block.get("turns") or []:
        if not isinstance(turn, dict):
            raise WireError(REASON_INVALID_ARGUMENT)
        texts = tuple(
            str(part["text"])
            for part in turn.get("parts") or []
            if isinstance(part, dict) and "text" in part
        )
        turns.append(ContentTurn(str(turn.get("role", "user")), texts))
    return ClientContent(tuple(turns), bool(block.get("turn_complete", False)))


def _tool_response(raw_block: dict[str, Any]) -> ToolResponse:
    # Read from the verbatim message: a function's response is the app's data, not protocol.
    items = raw_block.get("functionResponses", raw_block.get("function_responses")) or []
    responses = tuple(
        FunctionResponse(
            str(item.get("id", "")),
            str(item.get("name", "")),
            item.get("response"),
            _response_images(item.get("parts")),
            str(item.get("scheduling") or ""),
        )
        for item in items
        if isinstance(item, dict)
    )
    return ToolResponse(responses)


def _response_images(parts: Any) -> tuple[ResponseImage, ...]:
    """The inline images among a function response's parts (either key casing)."""
    images = []
    for part in parts if isinstance(parts, list) else []:
        if not isinstance(part, dict):
            continue
        part = snake_keys(part)
        blob = part.get("inline_data")
        if not isinstance(blob, dict) or not isinstance(blob.get("data"), str):
            continue
        mime = str(blob.get("mime_type", ""))
        if not mime.startswith("image/"):
            continue
        data = b64decode_any(blob["data"])
        resolution = part.get("media_resolution")
        level = resolution.get("level", "") if isinstance(resolution, dict) else ""
        images.append(ResponseImage(mime, image_size(data), len(data), str(level or "")))
    return tuple(images)


def _raw_block(raw: dict[str, Any], snake_name: str) -> dict[str, Any]:
    for key, value in raw.items():
        if snake(key) == snake_name and isinstance(value, dict):
            return value
    return {}


def client_events(decoded: Decoded) -> list[ClientEvent]:
    """The conversation events carried by one (non-setup) client message."""
    events: list[ClientEvent] = []
    for key, block in decoded.msg.items():
        if not isinstance(block, dict):
            raise WireError(REASON_INVALID_ARGUMENT)
        if key == "realtime_input":
            events.extend(_realtime(block))
        elif key == "client_content":
            events.append(_client_content(block))
        elif key == "tool_response":
            events.append(_tool_response(_raw_block(decoded.raw, key)))
        elif key == "setup":
            log.warning("ignoring a second setup message")
        else:
            log.warning("ignoring unknown client message %r", key)
    return events


# --- server -> client -------------------------------------------------------------------------


def encode(message: dict[str, Any]) -> bytes:
    """A server message (already camelCase) as the bytes of a binary frame."""
    return json.dumps(message, separators=(",", ":")).encode("utf-8")


def audio_part(pcm: bytes, rate: int = 24000) -> dict[str, Any]:
    return {"inlineData": {"mimeType": f"audio/pcm;rate={rate}", "data": b64encode(pcm)}}


def format_duration(seconds: float) -> str:
    """Protobuf JSON duration: 10.0 -> "10s", 1.5 -> "1.5s"."""
    text = f"{seconds:.3f}".rstrip("0").rstrip(".")
    return f"{text}s"
