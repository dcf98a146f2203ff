from __future__ import annotations

import datetime as dt
import ssl
from pathlib import Path

import pytest
from cryptography import x509
from desktop.core.casing import snake_keys
from desktop.emulator.certs import ensure_cert
from desktop.emulator.resumption import ResumptionStore, SessionState
from desktop.emulator.setup import parse_setup
from desktop.emulator.tokens import Tokens
from desktop.emulator.wire import WireError

SDK_SETUP = {
    "model": "models/gemini-3.1-flash-live-preview",
    "generationConfig": {
        "responseModalities": ["AUDIO"],
        "mediaResolution": "MEDIA_RESOLUTION_LOW",
        "speechConfig": {"voice_config": {"prebuilt_voice_config": {"voice_name": "Puck"}}},
    },
    "systemInstruction": {"parts": [{"text": "be nice"}], "role": "user"},
    "tools": [{"functionDeclarations": [{"name": "get_time", "description": "time"}]}],
    "sessionResumption": {"handle": "abc"},
    "inputAudioTranscription": {},
    "outputAudioTranscription": {},
    "realtimeInputConfig": {
        "automatic_activity_detection": {"disabled": True, "silence_duration_ms": 400},
        "activity_handling": "NO_INTERRUPTION",
    },
    "contextWindowCompression": {"sliding_window": {}},
    "somethingNew": {"x": 1},
}


def test_parse_sdk_setup() -> None:
    config = parse_setup(snake_keys(SDK_SETUP))
    assert config.model == "models/gemini-3.1-flash-live-preview"
    assert config.audio_out
    assert config.media_resolution == "MEDIA_RESOLUTION_LOW"
    assert config.system_instruction == "be nice"
    assert config.function_names == ("get_time",)
    assert config.resumption and config.resume_handle == "abc"
    assert config.input_transcription and config.output_transcription
    assert config.vad.disabled and config.vad.silence_duration_ms == 400
    assert not config.interruptible
    assert config.unknown_fields == ("something_new",)


def test_minimal_setup_defaults() -> None:
    config = parse_setup({"model": "models/x"})
    assert config.audio_out
    assert not config.vad.disabled
    assert config.vad.silence_duration_ms == 500
    assert not config.resumption and config.resume_handle is None
    assert not config.input_transcription


def test_text_modality() -> None:
    config = parse_setup(
        {"model": "models/x", "generation_config": {"response_modalities": ["TEXT"]}}
    )
    assert not config.audio_out


@pytest.mark.parametrize("setup", [None, {}, {"model": "gemini"}, {"model": 3}])
def test_bad_setups_are_1007(setup: object) -> None:
    with pytest.raises(WireError) as info:
        parse_setup(setup)
    assert info.value.code == 1007


def test_unknown_model_is_1008_not_found() -> None:
    with pytest.raises(WireError) as info:
        parse_setup({"model": "models/nope"}, "v1beta", known_models={"gemini-live"})
    assert info.value.code == 1008
    assert "models/nope is not found for API version v1beta" in info.value.reason
    assert parse_setup({"model": "models/gemini-live"}, known_models={"gemini-live"})


def test_resumption_store_round_trip_and_isolation() -> None:
    store = ResumptionStore()
    state = SessionState(replies=2, history=[("user", "hi")], context=Tokens(text=5))
    handle = store.save(state)
    state.replies = 99
    state.history.append(("model", "changed"))
    restored = store.restore(handle)
    assert restored is not None
    assert restored.replies == 2 and restored.history == [("user", "hi")]
    assert restored.context == Tokens(text=5)
    restored.replies = 7
    again = store.restore(handle)
    assert again is not None and again.replies == 2  # handles stay valid and unchanged
    assert store.restore("unknown") is None


def test_refuse_next_handle_refuses_once() -> None:
    store = ResumptionStore()
    handle = store.save(SessionState())
    store.refuse_next = True
    assert store.restore(handle) is None
    assert store.restore(handle) is not None


def test_only_the_newest_handles_are_kept() -> None:
    """A snapshot per turn, each with the whole conversation: unbounded, the offline demo's
    memory grew with the square of the turns."""
    store = ResumptionStore(limit=3)
    handles = [store.save(SessionState(replies=n)) for n in range(10)]
    assert len(store) == 3
    assert store.restore(handles[0]) is None  # long superseded: unknown, as at Google
    newest = store.restore(handles[-1])
    assert newest is not None and newest.replies == 9


def test_handles_are_distinct() -> None:
    store = ResumptionStore()
    assert store.save(SessionState()) != store.save(SessionState())


def test_certificate_is_created_reused_and_valid_for_local_names(tmp_path: Path) -> None:
    pair = ensure_cert(tmp_path)
    first = pair.cert_file.read_bytes()
    assert ensure_cert(tmp_path).cert_file.read_bytes() == first
    cert = x509.load_pem_x509_certificate(first)
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert {str(ip) for ip in san.get_values_for_type(x509.IPAddress)} == {"127.0.0.1", "::1"}
    assert san.get_values_for_type(x509.DNSName) == ["localhost"]
    ctx = ssl.create_default_context(cafile=str(pair.cert_file))
    assert ctx.cert_store_stats()["x509_ca"] == 1
    pair.server_context()


def test_certificate_is_regenerated_when_unreadable_or_expiring(tmp_path: Path) -> None:
    pair = ensure_cert(tmp_path)
    first = pair.cert_file.read_bytes()
    pair.cert_file.write_text("garbage")
    second = ensure_cert(tmp_path).cert_file.read_bytes()
    assert second != first and b"BEGIN CERTIFICATE" in second
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=900)
    assert ensure_cert(tmp_path, now=later).cert_file.read_bytes() != second
