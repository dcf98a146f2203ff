"""The `LiveConnectConfig` for a session, built from settings as a plain dict.

The SDK accepts this dict as `config=`; keeping it plain data makes what we ask of the server
testable and visible in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from desktop.core.audio_talk import TalkMode
from desktop.core.live_models import enforce, rules_for, thinking_level, with_behavior
from desktop.settings import Settings

MAX_MESSAGE_BYTES = 16 * 1024 * 1024


def model_path(model: str) -> str:
    model = model.strip()
    return model if model.startswith(("models/", "tunedModels/")) else f"models/{model}"


def build_connect_config(
    settings: Settings,
    *,
    resume_handle: str | None = None,
    initial_history: bool = False,
    function_declarations: Sequence[dict[str, Any]] = (),
    instruction_addition: str = "",
) -> dict[str, Any]:
    """`initial_history`: the client seeds the new session with earlier turns (client content
    up to `turn_complete`) before the realtime conversation starts. `function_declarations`
    (the app's tools) and Google Search grounding (a setting) become `tools`;
    `instruction_addition` (how to use them) is appended to the user's system instruction.

    The chosen model's rules (`core.live_models`) decide the rest: a thinking level only for
    the extended-thinking model, NON_BLOCKING declarations where calls are asynchronous, and
    nothing the model would reject."""
    rules = rules_for(settings.model)
    speech: dict[str, Any] = {
        "voice_config": {"prebuilt_voice_config": {"voice_name": settings.voice}}
    }
    if settings.language:
        speech["language_code"] = settings.language
    config: dict[str, Any] = {
        "response_modalities": ["AUDIO"],
        "speech_config": speech,
        "input_audio_transcription": {},
        "output_audio_transcription": {},
    }
    instruction = "\n\n".join(
        t for t in (settings.system_instruction.strip(), instruction_addition.strip()) if t
    )
    if instruction:
        config["system_instruction"] = {"parts": [{"text": instruction}]}
    tools = tools_config(settings, with_behavior(function_declarations, rules))
    if tools:
        config["tools"] = tools
    if settings.session_resumption:
        config["session_resumption"] = {"handle": resume_handle} if resume_handle else {}
    if settings.context_compression:
        config["context_window_compression"] = {"sliding_window": {}}
    if initial_history:
        config["history_config"] = {"initial_history_in_client_content": True}
    if settings.media_resolution:
        config["media_resolution"] = settings.media_resolution
    realtime_input = realtime_input_config(settings)
    if realtime_input:
        config["realtime_input_config"] = realtime_input
    level = thinking_level(rules, settings.thinking_level)
    if level:
        config["thinking_config"] = {"thinking_level": level}
    return enforce(config, rules)


def tools_config(
    settings: Settings, function_declarations: Sequence[dict[str, Any]] = ()
) -> list[dict[str, Any]]:
    """`[{"function_declarations": [...]}, {"google_search": {}}]`, each only when wanted."""
    tools: list[dict[str, Any]] = []
    if function_declarations:
        tools.append({"function_declarations": list(function_declarations)})
    if settings.tools_google_search:
        tools.append({"google_search": {}})
    return tools


def realtime_input_config(settings: Settings) -> dict[str, Any]:
    """Push-to-talk turns the server's activity detection off (the client brackets speech with
    activity_start/end); hands-free tunes it. Empty when the server's defaults apply."""
    if settings.talk_mode == TalkMode.PUSH_TO_TALK:
        return {"automatic_activity_detection": {"disabled": True}}
    detection: dict[str, Any] = {}
    start = settings.vad_start_sensitivity.strip().upper()
    if start in ("HIGH", "LOW"):
        detection["start_of_speech_sensitivity"] = f"START_SENSITIVITY_{start}"
    end = settings.vad_end_sensitivity.strip().upper()
    if end in ("HIGH", "LOW"):
        detection["end_of_speech_sensitivity"] = f"END_SENSITIVITY_{end}"
    if settings.vad_silence_ms > 0:
        detection["silence_duration_ms"] = settings.vad_silence_ms
    return {"automatic_activity_detection": detection} if detection else {}


class Reconfigure(StrEnum):
    """What new settings ask of a running conversation (`reconfiguration`)."""

    NONE = "none"  # nothing the server sees changed: the connection stays
    RESUME = "resume"  # a new connection with the new config resumes the conversation
    NEW_SESSION = "new_session"  # another model: a new session seeded with the recent turns


def reconfiguration(
    old: Settings,
    new: Settings,
    *,
    old_tools: Sequence[dict[str, Any]] = (),
    new_tools: Sequence[dict[str, Any]] = (),
    old_instruction: str = "",
    new_instruction: str = "",
) -> Reconfigure:
    """Compare what the server would be sent, not a list of setting names: a setting that
    only changes the app (devices, hotkey, interface language) never costs a reconnect. A
    resumption handle belongs to one model's session, so a new model starts a new one."""
    if model_path(old.model) != model_path(new.model):
        return Reconfigure.NEW_SESSION
    before = build_connect_config(
        old, function_declarations=old_tools, instruction_addition=old_instruction
    )
    after = build_connect_config(
        new, function_declarations=new_tools, instruction_addition=new_instruction
    )
    return Reconfigure.NONE if before == after else Reconfigure.RESUME
