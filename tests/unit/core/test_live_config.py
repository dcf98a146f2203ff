from desktop.core.live_config import build_connect_config, model_path
from desktop.settings import Settings
from google.genai import types


def test_defaults_ask_for_audio_transcripts_resumption_and_compression() -> None:
    config = build_connect_config(Settings(voice="Kore", language="de-DE"))
    assert config["response_modalities"] == ["AUDIO"]
    assert config["input_audio_transcription"] == {}
    assert config["output_audio_transcription"] == {}
    assert config["session_resumption"] == {}
    assert "sliding_window" in config["context_window_compression"]
    speech = config["speech_config"]
    assert speech["language_code"] == "de-DE"
    assert speech["voice_config"]["prebuilt_voice_config"]["voice_name"] == "Kore"
    # The SDK accepts exactly this dict.
    types.LiveConnectConfig(**config)


def test_resume_handle_and_switches() -> None:
    config = build_connect_config(Settings(), resume_handle="abc")
    assert config["session_resumption"] == {"handle": "abc"}
    off = build_connect_config(
        Settings(session_resumption=False, context_compression=False, system_instruction=" ")
    )
    assert "session_resumption" not in off
    assert "context_window_compression" not in off
    assert "system_instruction" not in off
    assert "language_code" not in off["speech_config"]


def test_model_path() -> None:
    assert model_path("gemini-x") == "models/gemini-x"
    assert model_path("models/gemini-x") == "models/gemini-x"
