"""The companion protocol (version 1): what watches and phones send, what the desktop answers.

Pure: frames in, values out. `parse_client_frame` turns one WebSocket frame into a message
dataclass or a `ProtocolError` (what to tell the client, and whether to close the socket);
`server_*` functions build the JSON the desktop sends; `messages_for_event` maps session
events to companion messages. The wire format is documented in docs/companion-protocol.md.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from enum import IntEnum
from typing import Any
from urllib.parse import urlsplit

from desktop.core.events import (
    Event,
    Interrupted,
    SessionState,
    StateChanged,
    TranscriptDelta,
    TranscriptLine,
    TurnComplete,
)

PROTOCOL_VERSION = 1
SUPPORTED_VERSIONS = (1,)
MIC_SAMPLE_RATE = 16_000
SPEAKER_SAMPLE_RATE = 24_000
MAX_TEXT_FRAME_BYTES = 8 * 1024
# One second of 16 kHz PCM16; clients should send 20-100 ms blocks.
MAX_AUDIO_FRAME_BYTES = MIC_SAMPLE_RATE * 2
# Above every legal frame: websockets itself closes with 1009 beyond this.
MAX_FRAME_BYTES = 64 * 1024
MAX_TYPED_CHARS = 2000
MAX_NAME_CHARS = 40
MAX_CREDENTIAL_CHARS = 128


class CloseCode(IntEnum):
    NORMAL = 1000
    GOING_AWAY = 1001
    TOO_BIG = 1009
    INTERNAL_ERROR = 1011
    TRY_AGAIN = 1013
    PROTOCOL_ERROR = 4400
    AUTH_FAILED = 4401
    PAIRING_FAILED = 4403
    AUTH_TIMEOUT = 4408
    REVOKED = 4410
    UNSUPPORTED_VERSION = 4426
    RATE_LIMITED = 4429
    TOO_SLOW = 4508


# -- client messages ----------------------------------------------------------------------


@dataclass(frozen=True)
class Hello:
    token: str
    version: int = PROTOCOL_VERSION


@dataclass(frozen=True)
class Pair:
    name: str
    code: str = ""
    secret: str = ""
    version: int = PROTOCOL_VERSION


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class TalkStart:
    pass


@dataclass(frozen=True)
class TalkEnd:
    pass


@dataclass(frozen=True)
class Ping:
    ping_id: str | int | None = None


@dataclass(frozen=True)
class AudioChunk:
    pcm: bytes


ClientMessage = Hello | Pair | Text | TalkStart | TalkEnd | Ping | AudioChunk


@dataclass(frozen=True)
class ProtocolError:
    """Tell the client `code`/`message`; close the socket with `close` when it is set.
    `pairing` marks a refused `pair` message: it counts as a wrong pairing attempt."""

    code: str
    message: str
    close: CloseCode | None = None
    pairing: bool = False


# JSON's \uD800 escapes give Python strings with lone surrogates: not Unicode text, and they
# cannot be encoded as UTF-8 again (issue 14). No other source of surrogates exists here:
# websockets refuses text frames that are not valid UTF-8 (1007).
_SURROGATE = re.compile("[\ud800-\udfff]")


def well_formed(text: str) -> bool:
    """True when `text` is Unicode text: no lone surrogate (paired ones are already joined)."""
    return text.isascii() or _SURROGATE.search(text) is None


def _all_well_formed(value: Any) -> bool:
    """Every string in a parsed JSON value, keys too (iterative: depth is no risk)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not well_formed(item):
                return False
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


def scrub(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD (safe to encode as UTF-8)."""
    if well_formed(text):
        return text
    return _SURROGATE.sub("\ufffd", text)


def parse_client_frame(frame: str | bytes, *, authenticated: bool) -> ClientMessage | ProtocolError:
    """One frame as received. Before authentication only `hello` or `pair` is acceptable, and
    anything else closes the socket; afterwards a bad frame is answered and the socket stays."""
    fatal = None if authenticated else CloseCode.PROTOCOL_ERROR
    if isinstance(frame, bytes):
        if not authenticated:
            return ProtocolError("binary_not_allowed", "authenticate first (hello or pair)", fatal)
        if len(frame) > MAX_AUDIO_FRAME_BYTES:
            return ProtocolError(
                "too_big", f"audio frames carry at most {MAX_AUDIO_FRAME_BYTES} bytes"
            )
        if len(frame) % 2:
            return ProtocolError("bad_audio", "audio is PCM16: an even number of bytes")
        return AudioChunk(frame)
    if len(frame.encode("utf-8", "surrogatepass")) > MAX_TEXT_FRAME_BYTES:
        return ProtocolError(
            "too_big", f"text frames carry at most {MAX_TEXT_FRAME_BYTES} bytes", fatal
        )
    try:
        raw = json.loads(frame)
    except (ValueError, RecursionError):
        return ProtocolError("bad_json", "not a JSON text", fatal)
    if not isinstance(raw, dict):
        return ProtocolError("bad_message", "a message is a JSON object", fatal)
    kind = raw.get("type")
    if not isinstance(kind, str):
        return ProtocolError("bad_message", 'a message needs a string "type"', fatal)
    if not _all_well_formed(raw):
        return ProtocolError(
            "bad_message", "strings must be valid Unicode", fatal, pairing=kind == "pair"
        )
    if not authenticated:
        if kind not in ("hello", "pair"):
            return ProtocolError(
                "not_authenticated", 'the first message is "hello" or "pair"', fatal
            )
        version_error = _check_version(raw)
        if version_error is not None:
            return version_error
        return _parse_hello(raw) if kind == "hello" else _parse_pair(raw)
    parser = _AUTHENTICATED.get(kind)
    if parser is None:
        if kind in ("hello", "pair"):
            return ProtocolError("already_authenticated", f'"{kind}" only comes first')
        return ProtocolError("unknown_type", f"unknown message type {_clip(kind)!r}")
    return parser(raw)


def _check_version(raw: dict[str, Any]) -> ProtocolError | None:
    version = raw.get("v", PROTOCOL_VERSION)
    if isinstance(version, bool) or not isinstance(version, int):
        return ProtocolError("bad_message", '"v" is an integer', CloseCode.PROTOCOL_ERROR)
    if version not in SUPPORTED_VERSIONS:
        return ProtocolError(
            "unsupported_version",
            f"protocol version {version} is not supported; this desktop speaks "
            + ", ".join(str(v) for v in SUPPORTED_VERSIONS),
            CloseCode.UNSUPPORTED_VERSION,
        )
    return None


def _credential(raw: dict[str, Any], key: str) -> str | None:
    """Codes, secrets and tokens are short printable ASCII; anything else is malformed."""
    value = raw.get(key, "")
    if not isinstance(value, str) or len(value) > MAX_CREDENTIAL_CHARS:
        return None
    value = value.strip()
    if not (value.isascii() and value.isprintable()):
        return None
    return value


def _parse_hello(raw: dict[str, Any]) -> Hello | ProtocolError:
    token = _credential(raw, "token")
    if not token:
        return ProtocolError("bad_message", 'hello needs a "token"', CloseCode.PROTOCOL_ERROR)
    return Hello(token, raw.get("v", PROTOCOL_VERSION))


def _parse_pair(raw: dict[str, Any]) -> Pair | ProtocolError:
    code, secret = _credential(raw, "code"), _credential(raw, "secret")
    if code is None or secret is None or not (code or secret):
        return ProtocolError(
            "bad_message",
            'pair needs a "code" or a "secret"',
            CloseCode.PROTOCOL_ERROR,
            pairing=True,
        )
    name = raw.get("name", "")
    if not isinstance(name, str) or "\x00" in name:
        return ProtocolError(
            "bad_message", 'a "name" is text without NUL', CloseCode.PROTOCOL_ERROR, pairing=True
        )
    return Pair(
        clean_name(name if isinstance(name, str) else ""),
        code,
        secret,
        raw.get("v", PROTOCOL_VERSION),
    )


def clean_name(name: str) -> str:
    """A device name fit to show: no control characters, at most MAX_NAME_CHARS."""
    kept = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    return " ".join(kept.split())[:MAX_NAME_CHARS] or "Companion"


def _parse_text(raw: dict[str, Any]) -> Text | ProtocolError:
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        return ProtocolError("bad_message", 'text needs a non-empty "text"')
    if len(text) > MAX_TYPED_CHARS:
        return ProtocolError("too_big", f"typed text is at most {MAX_TYPED_CHARS} characters")
    return Text(text.strip())


def _parse_ping(raw: dict[str, Any]) -> Ping:
    ping_id = raw.get("id")
    if isinstance(ping_id, bool) or not isinstance(ping_id, str | int):
        ping_id = None
    elif isinstance(ping_id, str):
        ping_id = ping_id[:64]
    elif not -(2**53) < ping_id < 2**53:  # what a JavaScript number holds exactly
        ping_id = None
    return Ping(ping_id)


_AUTHENTICATED: dict[str, Any] = {
    "text": _parse_text,
    "talk_start": lambda raw: TalkStart(),
    "talk_end": lambda raw: TalkEnd(),
    "ping": _parse_ping,
}


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


# -- server messages ----------------------------------------------------------------------


def dumps(message: dict[str, Any]) -> str:
    """Compact JSON that always encodes as UTF-8: a lone surrogate anywhere (from the model,
    from an old backlog) becomes U+FFFD instead of failing the send for every device."""
    return scrub(json.dumps(message, ensure_ascii=False, separators=(",", ":")))


def server_error(error: ProtocolError) -> dict[str, Any]:
    return {"type": "error", "code": error.code, "message": error.message}


def server_floor(holder: str, name: str = "") -> dict[str, Any]:
    """`holder` is "none", "desktop", "you" or "companion" (another device, named)."""
    return {"type": "floor", "holder": holder, "name": name}


def server_state(state: SessionState, detail: str = "", attempt: int = 0) -> dict[str, Any]:
    return {"type": "state", "state": state.value, "detail": detail, "attempt": attempt}


def transcript_message(event: TranscriptDelta | TranscriptLine) -> dict[str, Any]:
    final = isinstance(event, TranscriptLine)
    return {
        "type": "transcript",
        "line_id": event.line_id,
        "role": event.role.value,
        "source": event.source.value,
        "text": event.text,
        "final": final,
        "interrupted": event.interrupted if isinstance(event, TranscriptLine) else False,
        # A final line again, completed by a transcription piece that came after its turn:
        # replace the line shown, never add a second one.
        "revised": event.revised if isinstance(event, TranscriptLine) else False,
        "started_at": round(event.started_at, 3),
    }


def messages_for_event(event: Event) -> list[dict[str, Any]]:
    """The JSON messages every companion gets for a session event (audio goes as binary)."""
    if isinstance(event, TranscriptDelta) and event.late:
        return []  # a piece of a finished line: its revised final line follows with all of it
    if isinstance(event, TranscriptDelta | TranscriptLine):
        return [transcript_message(event)]
    if isinstance(event, StateChanged):
        return [server_state(event.state, event.detail, event.attempt)]
    if isinstance(event, TurnComplete):
        return [{"type": "turn_complete", "turn": event.turn}]
    if isinstance(event, Interrupted):
        return [{"type": "interrupted"}]
    return []


# -- origins ------------------------------------------------------------------------------


def host_allowed(host_header: str | None, allowed_hosts: frozenset[str]) -> bool:
    """The Host header names us (DNS rebinding: a foreign name that resolves to our address)."""
    if not host_header:
        return False
    host = _host_of(host_header)
    return host is not None and host in allowed_hosts


def origin_allowed(origin: str | None, host_header: str | None, scheme: str) -> bool:
    """A browser's WebSocket Origin must be the page we served: same scheme, host and port as
    the request's (already checked) Host. Native apps send no Origin and are allowed; they
    authenticate like everyone else (cross-site WebSocket hijacking needs a browser)."""
    if origin is None:
        return True
    if not host_header:
        return False
    parts = urlsplit(origin)
    if parts.scheme != scheme or not parts.netloc or parts.path not in ("", "/"):
        return False
    return parts.netloc.lower() == host_header.strip().lower()


def _host_of(host_header: str) -> str | None:
    value = host_header.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value[1:end] if end > 0 else None
    if value.count(":") > 1:  # a bare IPv6 address is not a valid Host header
        return None
    return value.rsplit(":", 1)[0] if ":" in value else value
