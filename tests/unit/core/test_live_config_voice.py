"""Talk mode and VAD settings become the session's realtime_input_config."""

from __future__ import annotations

from desktop.core.live_config import build_connect_config
from desktop.settings import Settings
from google.genai import types


def test_push_to_talk_disables_automatic_activity_detection() -> None:
    config = build_connect_config(Settings(talk_mode="push-to-talk", vad_silence_ms=900))
    assert config["realtime_input_config"] == {"automatic_activity_detection": {"disabled": True}}


def test_hands_free_with_server_defaults_sends_nothing_extra() -> None:
    assert "realtime_input_config" not in build_connect_config(Settings())


def test_hands_free_sensitivities_and_silence_in_the_sdk_s_own_terms() -> None:
    settings = Settings(vad_start_sensitivity="high", vad_end_sensitivity="low", vad_silence_ms=700)
    config = types.LiveConnectConfig(**build_connect_config(settings))  # the SDK accepts it
    detection = config.realtime_input_config.automatic_activity_detection  # type: ignore[union-attr]
    assert detection is not None
    assert detection.start_of_speech_sensitivity == types.StartSensitivity.START_SENSITIVITY_HIGH
    assert detection.end_of_speech_sensitivity == types.EndSensitivity.END_SENSITIVITY_LOW
    assert detection.silence_duration_ms == 700
