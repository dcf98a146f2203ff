"""Reading Live API server messages: one message dict in, app events out.

Works on the JSON as Google sends it (camelCase, base64 strings) and on the SDK's pydantic
dumps (snake_case, bytes): both are normalised first. Every field of a `serverContent` is
checked, because Google combines them (audio with transcription, turnComplete with usage).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Mapping
from typing import Any

from desktop.core.casing import snake_keys
from desktop.core.events import (
    Event,
    FunctionCall,
    GenerationComplete,
    GoAway,
    Interrupted,
    LineSource,
    ModelAudio,
    ResumptionUpdate,
    Role,
    ToolCallCancelled,
    ToolCallRequested,
    TranscriptLine,
    TurnComplete,
    Usage,
)
from desktop.core.grounding import parse_grounding, user_speech
from desktop.core.transcript import TranscriptAssembler

DEFAULT_OUTPUT_RATE = 24_000
_RATE = re.compile(r"rate=(\d+)")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*s?\s*$")


def decode_b64(data: str | bytes) -> bytes:
    """Base64 in either alphabet (standard or URL-safe), padding optional."""
    if isinstance(data, bytes | bytearray):
        return bytes(data)
    text = data.strip().replace("-", "+").replace("_", "/")
    text += "=" * (-len(text) % 4)
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise ValueError(f"not base64: {exc}") from exc


def sample_rate_of(mime_type: str, default: int = DEFAULT_OUTPUT_RATE) -> int:
    match = _RATE.search(mime_type or "")
    return int(match.group(1)) if match else default


def parse_duration(value: Any) -> float:
    """Google's protobuf Duration as JSON ("10s", "1.5s") or a bare number, in seconds."""
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, Mapping):  # {"seconds": 10, "nanos": 0}
        return float(value.get("seconds", 0)) + float(value.get("nanos", 0)) / 1e9
    match = _DURATION.match(str(value or ""))
    return float(match.group(1)) if match else 0.0


def _enum_text(value: Any) -> str:
    return str(getattr(value, "value", value))


def _by_modality(details: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in details or []:
        modality = _enum_text(item.get("modality", "UNSPECIFIED")).upper()
        out[modality] = out.get(modality, 0) + int(item.get("token_count", 0) or 0)
    return out


def parse_usage(usage: Mapping[str, Any]) -> Usage:
    prompt = int(usage.get("prompt_token_count", 0) or 0)
    response = int(
        usage.get("response_token_count", 0) or usage.get("candidates_token_count", 0) or 0
    )
    thoughts = int(usage.get("thoughts_token_count", 0) or 0)
    tool_use = int(usage.get("tool_use_prompt_token_count", 0) or 0)
    total = int(usage.get("total_token_count", 0) or 0) or prompt + response + thoughts + tool_use
    return Usage(
        prompt_tokens=prompt,
        response_tokens=response,
        total_tokens=total,
        prompt_by_modality=_by_modality(usage.get("prompt_tokens_details")),
        response_by_modality=_by_modality(
            usage.get("response_tokens_details") or usage.get("candidates_tokens_details")
        ),
        thoughts_tokens=thoughts,
        tool_use_prompt_tokens=tool_use,
    )


def _raw_function_args(message: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Tool call args exactly as sent: they are the model's data, so no key rewriting."""
    tool_call = message.get("toolCall") or message.get("tool_call") or {}
    calls = tool_call.get("functionCalls") or tool_call.get("function_calls") or []
    return [dict(call.get("args") or {}) for call in calls]


class LiveEventDecoder:
    """Stateful across messages (open transcript lines, turn count), across reconnects too."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.transcript = TranscriptAssembler(clock)
        self.turn = 0
        self._usage_in_turn = False  # usageMetadata seen since the last turn ended
        self._in_turn = False  # model content since the last turn ended
        self._ended_quietly = False  # the turn was ended without turnComplete (see end_turn)

    def decode(self, message: Mapping[str, Any]) -> list[Event]:
        msg = snake_keys(dict(message))
        events: list[Event] = []
        if msg.get("usage_metadata"):
            self._usage_in_turn = True
        content = msg.get("server_content")
        if content:
            events += self._server_content(content)
        tool_call = msg.get("tool_call")
        if tool_call:
            raw_args = _raw_function_args(message)
            calls = tuple(
                FunctionCall(
                    call_id=str(call.get("id", "")),
                    name=str(call.get("name", "")),
                    args=raw_args[i] if i < len(raw_args) else {},
                )
                for i, call in enumerate(tool_call.get("function_calls") or [])
            )
            events.append(ToolCallRequested(calls))
        cancellation = msg.get("tool_call_cancellation")
        if cancellation:
            events.append(ToolCallCancelled(tuple(str(i) for i in cancellation.get("ids") or [])))
        usage = msg.get("usage_metadata")
        if usage:
            events.append(parse_usage(usage))
        events += user_speech(msg)
        go_away = msg.get("go_away")
        if go_away is not None:
            events.append(GoAway(parse_duration(go_away.get("time_left"))))
        update = msg.get("session_resumption_update")
        if update and update.get("new_handle"):
            events.append(
                ResumptionUpdate(str(update["new_handle"]), bool(update.get("resumable")))
            )
        return events

    def _server_content(self, content: Mapping[str, Any]) -> list[Event]:
        events: list[Event] = []
        heard = (content.get("input_transcription") or {}).get("text")
        if heard:
            events += self.transcript.add_piece(Role.USER, heard, LineSource.SPEECH)
        parts = (content.get("model_turn") or {}).get("parts") or []
        if parts or content.get("interrupted"):
            self.transcript.model_turn_started()
            self._in_turn = True
            self._ended_quietly = False
        for part in parts:
            if part.get("thought"):
                continue  # the model's thinking is not part of the conversation
            blob = part.get("inline_data")
            if blob and str(blob.get("mime_type", "")).startswith("audio/"):
                pcm = decode_b64(blob.get("data") or b"")
                if pcm:
                    events.append(ModelAudio(pcm, sample_rate_of(str(blob["mime_type"]))))
            if part.get("text"):
                events += self.transcript.add_piece(Role.MODEL, part["text"], LineSource.TEXT)
        said = (content.get("output_transcription") or {}).get("text")
        if said:
            pieces = self.transcript.add_piece(Role.MODEL, said, LineSource.SPEECH)
            if not any(isinstance(e, TranscriptLine) and e.revised for e in pieces):
                self._in_turn = True
                self._ended_quietly = False
            events += pieces
        if content.get("interrupted"):
            events += self.transcript.close(Role.MODEL, interrupted=True)
            events.append(Interrupted())
        grounding = content.get("grounding_metadata")
        if grounding:
            events.append(parse_grounding(grounding, self.turn))
        if content.get("generation_complete"):
            events.append(GenerationComplete(self.turn))
        if content.get("turn_complete"):
            if self._ended_quietly and not self._in_turn:
                # The turn was already ended after generationComplete and silence: this
                # turnComplete came late; the turn is not counted twice.
                self._ended_quietly = False
                return events
            reason = str(content.get("turn_complete_reason") or "")
            waiting = bool(content.get("waiting_for_input"))
            events += self._end_turn(reason, waiting)
        return events

    def _end_turn(self, reason: str = "", waiting: bool = False) -> list[Event]:
        events: list[Event] = [*self.transcript.turn_complete()]
        if reason == "TURN_COMPLETE_REASON_UNSPECIFIED":
            reason = ""
        events.append(
            TurnComplete(
                self.turn, usage_known=self._usage_in_turn, reason=reason, waiting_for_input=waiting
            )
        )
        self.turn += 1
        self._usage_in_turn = False
        self._in_turn = False
        return events

    def end_turn_quietly(self) -> list[Event]:
        """generationComplete and then silence: end the turn as turnComplete would."""
        self._ended_quietly = True
        return self._end_turn()

    def connection_lost(self) -> list[TranscriptLine]:
        """A reply cut off by a dropped connection ends as interrupted; nothing is lost."""
        return self.transcript.close_all(interrupted=True)

    def connection_changed(self, *, replaying_audio: bool) -> list[TranscriptLine]:
        """Moving to a new connection. The model's open line ends as interrupted. The user's
        open spoken line is transcribed again from the replayed audio, so it stays open (same
        id, pieces dropped) rather than ending in a half line followed by a repeat."""
        if replaying_audio and self.transcript.open_source(Role.USER) is LineSource.SPEECH:
            self.transcript.restart(Role.USER)
            return self.transcript.close(Role.MODEL, interrupted=True)
        return self.transcript.close_all(interrupted=True)
