"""The `LiveConnectConfig` for a session, built from settings as a plain dict.

The SDK accepts this dict as `config=`; keeping it plain data makes what we ask of the server
testable and visible in one place.
"""

from __future__ import annotations

from typing import Any

from desktop.settings import Settings

MAX_MESSAGE_BYTES = 16 * 1024 * 1024


def model_path(model: str) -> str:
    model = model.strip()
    return model if model.startswith(("models/", "tunedModels/")) else f"models/{model}"


def build_connect_config(settings: Settings, *, resume_handle: str | None = None) -> dict[str, Any]:
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
    if settings.system_instruction.strip():
        config["system_instruction"] = {"parts": [{"text": settings.system_instruction.strip()}]}
    if settings.session_resumption:
        config["session_resumption"] = {"handle": resume_handle} if resume_handle else {}
    if settings.context_compression:
        config["context_window_compression"] = {"sliding_window": {}}
    return config
