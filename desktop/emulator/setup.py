"""Reading the `setup` message (already normalised to snake_case)."""

from __future__ import annotations

import json
import logging
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from desktop.emulator.models import check_setup, personality_for
from desktop.emulator.tokens import text_tokens
from desktop.emulator.vad import VadConfig
from desktop.emulator.wire import (
    CLOSE_INVALID,
    CLOSE_POLICY,
    REASON_INVALID_ARGUMENT,
    WireError,
    model_not_found_reason,
)

log = logging.getLogger(__name__)

KNOWN_FIELDS = frozenset(
    {
        "model",
        "generation_config",
        "system_instruction",
        "tools",
        "session_resumption",
        "input_audio_transcription",
        "output_audio_transcription",
        "realtime_input_config",
        "context_window_compression",
        "proactivity",
        "explicit_vad_signal",
        "history_config",
        "avatar_config",
    }
)
DEFAULT_ACTIVITY_HANDLING = "START_OF_ACTIVITY_INTERRUPTS"


@dataclass(frozen=True)
class SessionConfig:
    model: str = "models/emulator"
    response_modalities: tuple[str, ...] = ("AUDIO",)
    system_instruction: str = ""
    function_names: tuple[str, ...] = ()
    tools_tokens: int = 0
    input_transcription: bool = False
    output_transcription: bool = False
    resumption: bool = False
    resume_handle: str | None = None
    vad: VadConfig = field(default_factory=VadConfig)
    activity_handling: str = DEFAULT_ACTIVITY_HANDLING
    media_resolution: str | None = None
    # historyConfig.initialHistoryInClientContent: client content up to turnComplete seeds
    # the context first, without a reply.
    initial_history: bool = False
    unknown_fields: tuple[str, ...] = ()
    google_search: bool = False  # tools has {"google_search": {}}: answers are grounded
    non_blocking: tuple[str, ...] = ()  # functions the model calls without waiting
    pointers: tuple[str, ...] = ()  # functions taking a `box` (0-1000) to point with

    @property
    def audio_out(self) -> bool:
        return "TEXT" not in self.response_modalities

    @property
    def interruptible(self) -> bool:
        return self.activity_handling != "NO_INTERRUPTION"

    @property
    def static_prompt_tokens(self) -> int:
        """Tokens the system instruction and tool declarations add to every prompt."""
        return text_tokens(self.system_instruction) + self.tools_tokens


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        parts = content.get("parts") or []
        return "\n".join(
            str(p.get("text", "")) for p in parts if isinstance(p, dict) and "text" in p
        )
    return ""


def _function_names(tools: Any) -> tuple[str, ...]:
    names: list[str] = []
    for tool in tools if isinstance(tools, list) else []:
        if not isinstance(tool, dict):
            continue
        for decl in tool.get("function_declarations") or []:
            if isinstance(decl, dict) and decl.get("name"):
                names.append(str(decl["name"]))
    return tuple(names)


def _non_blocking(tools: Any, by_default: bool) -> tuple[str, ...]:
    """Functions called asynchronously: declared NON_BLOCKING, or not declared BLOCKING on a
    model whose calls are asynchronous by default (3.8 Live)."""
    names: list[str] = []
    for tool in tools if isinstance(tools, list) else []:
        for decl in (tool.get("function_declarations") or []) if isinstance(tool, dict) else []:
            behavior = str(decl.get("behavior") or "").upper() if isinstance(decl, dict) else ""
            if behavior == "NON_BLOCKING" or (by_default and behavior != "BLOCKING"):
                names.append(str(decl.get("name")))
    return tuple(names)


def _pointers(tools: Any) -> tuple[str, ...]:
    """Functions the model can point with: a `box` parameter that is an array (point_at)."""
    names: list[str] = []
    for tool in tools if isinstance(tools, list) else []:
        for decl in (tool.get("function_declarations") or []) if isinstance(tool, dict) else []:
            params = decl.get("parameters") if isinstance(decl, dict) else None
            props = params.get("properties") if isinstance(params, dict) else None
            box = props.get("box") if isinstance(props, dict) else None
            if isinstance(box, dict) and str(box.get("type", "")).upper() == "ARRAY":
                names.append(str(decl.get("name")))
    return tuple(names)


def _vad(realtime_input_config: dict[str, Any]) -> VadConfig:
    aad = realtime_input_config.get("automatic_activity_detection") or {}
    if not isinstance(aad, dict):
        raise WireError(REASON_INVALID_ARGUMENT)
    defaults = VadConfig()
    return VadConfig(
        disabled=bool(aad.get("disabled", False)),
        start_sensitivity=str(aad.get("start_of_speech_sensitivity", defaults.start_sensitivity)),
        end_sensitivity=str(aad.get("end_of_speech_sensitivity", defaults.end_sensitivity)),
        silence_duration_ms=int(aad.get("silence_duration_ms", defaults.silence_duration_ms)),
        prefix_padding_ms=int(aad.get("prefix_padding_ms", defaults.prefix_padding_ms)),
    )


def parse_setup(
    setup: Any, api_version: str = "v1beta", known_models: Collection[str] | None = None
) -> SessionConfig:
    """Validate a snake_case setup block; raise WireError (closing the session) if it is bad."""
    if not isinstance(setup, dict):
        raise WireError(REASON_INVALID_ARGUMENT, CLOSE_INVALID)
    model = setup.get("model")
    if not isinstance(model, str) or not model.startswith("models/") or model == "models/":
        raise WireError(f"Invalid resource field value in the request. model={model!r}")
    if known_models is not None:
        accepted = {m if m.startswith("models/") else f"models/{m}" for m in known_models}
        if model not in accepted:
            raise WireError(model_not_found_reason(model, api_version), CLOSE_POLICY)
    # The model's personality (emulator/models.py): what it refuses at setup.
    check_setup(setup, personality_for(model), model)
    unknown = tuple(sorted(set(setup) - KNOWN_FIELDS))
    if unknown:
        log.info("setup has fields the emulator ignores: %s", ", ".join(unknown))
    gen = setup.get("generation_config") or {}
    ric = setup.get("realtime_input_config") or {}
    resumption = setup.get("session_resumption")
    if not isinstance(gen, dict) or not isinstance(ric, dict):
        raise WireError(REASON_INVALID_ARGUMENT)
    modalities = tuple(str(m).upper() for m in gen.get("response_modalities") or ["AUDIO"])
    if len(modalities) != 1 or modalities[0] not in ("AUDIO", "TEXT"):
        raise WireError(
            "Invalid value at 'setup.generation_config.response_modalities': "
            "exactly one of AUDIO or TEXT is supported."
        )
    tools = setup.get("tools")
    history = setup.get("history_config") or {}
    handle = resumption.get("handle") if isinstance(resumption, dict) else None
    return SessionConfig(
        model=model,
        response_modalities=modalities,
        system_instruction=_text_of(setup.get("system_instruction")),
        function_names=_function_names(tools),
        non_blocking=_non_blocking(tools, personality_for(model).non_blocking),
        pointers=_pointers(tools),
        tools_tokens=len(json.dumps(tools)) // 4 if tools else 0,
        input_transcription="input_audio_transcription" in setup,
        output_transcription="output_audio_transcription" in setup,
        resumption=isinstance(resumption, dict),
        resume_handle=str(handle) if handle else None,
        vad=_vad(ric),
        activity_handling=str(ric.get("activity_handling", DEFAULT_ACTIVITY_HANDLING)),
        media_resolution=gen.get("media_resolution") or setup.get("media_resolution"),
        initial_history=isinstance(history, dict)
        and bool(history.get("initial_history_in_client_content")),
        unknown_fields=unknown,
        google_search=any(isinstance(t, dict) and "google_search" in t for t in (tools or [])),
    )
