"""Each Live model family's setup rules, as table tests: what is sent, and what never is."""

from __future__ import annotations

from typing import Any

import pytest
from desktop.core.live_config import build_connect_config, model_path
from desktop.core.live_models import (
    DEFAULT_MODEL,
    EXTENDED_THINKING_MODEL,
    FALLBACK_MODELS,
    LIVE_38,
    PREVIEW_31,
    PREVIOUS_PREVIEW,
    enforce,
    live_models,
    picker_choices,
    rules_for,
    suggest_upgrade,
    with_behavior,
)
from desktop.settings import Settings
from google.genai import types

DECL = {"name": "point_at", "description": "Point.", "parameters": {"type": "OBJECT"}}


def config_for(model: str, **settings: Any) -> dict[str, Any]:
    return build_connect_config(
        Settings(model=model, **settings), function_declarations=[DECL, {**DECL, "name": "b"}]
    )


def test_a_first_run_sends_gemini_38_live_with_a_valid_38_setup() -> None:
    settings = Settings()
    assert model_path(settings.model) == "models/gemini-3.8-live"
    config = build_connect_config(settings, function_declarations=[DECL])
    assert "thinking_config" not in config
    assert "proactivity" not in config and "enable_affective_dialog" not in config
    assert config["tools"][0]["function_declarations"][0]["behavior"] == "NON_BLOCKING"
    types.LiveConnectConfig(**config)  # the SDK accepts exactly this


@pytest.mark.parametrize(
    ("model", "level", "thinking", "behavior"),
    [
        (DEFAULT_MODEL, "high", None, "NON_BLOCKING"),
        (f"models/{DEFAULT_MODEL}", "low", None, "NON_BLOCKING"),
        (EXTENDED_THINKING_MODEL, "high", {"thinking_level": "HIGH"}, "NON_BLOCKING"),
        (EXTENDED_THINKING_MODEL, "low", {"thinking_level": "LOW"}, "NON_BLOCKING"),
        (EXTENDED_THINKING_MODEL, "medium", {"thinking_level": "MEDIUM"}, "NON_BLOCKING"),
        (EXTENDED_THINKING_MODEL, "bogus", {"thinking_level": "MEDIUM"}, "NON_BLOCKING"),
        (PREVIOUS_PREVIEW, "high", None, None),  # 3.1 preview: as it always was
        ("gemini-live-2.5-flash-native-audio", "high", None, None),
    ],
)
def test_per_model_setup(
    model: str, level: str, thinking: dict[str, str] | None, behavior: str | None
) -> None:
    config = config_for(model, thinking_level=level)
    assert config.get("thinking_config") == thinking
    assert [d.get("behavior") for d in config["tools"][0]["function_declarations"]] == [
        behavior
    ] * 2
    types.LiveConnectConfig(**config)


def test_the_31_preview_setup_is_unchanged() -> None:
    # Exactly the keys the app sent before models had rules.
    config = config_for(PREVIOUS_PREVIEW)
    assert set(config) == {
        "response_modalities",
        "speech_config",
        "input_audio_transcription",
        "output_audio_transcription",
        "system_instruction",
        "tools",
        "session_resumption",
        "context_window_compression",
    }
    assert config["tools"] == [{"function_declarations": [DECL, {**DECL, "name": "b"}]}]


@pytest.mark.parametrize(
    ("model", "kept"),
    [
        (DEFAULT_MODEL, set()),
        (EXTENDED_THINKING_MODEL, {"thinking_config"}),
        (PREVIOUS_PREVIEW, {"proactivity", "enable_affective_dialog"}),
    ],
)
def test_what_a_model_rejects_is_never_sent(model: str, kept: set[str]) -> None:
    config = {
        "thinking_config": {"thinking_level": "HIGH"},
        "proactivity": {"proactive_audio": False},
        "enable_affective_dialog": True,
        "response_modalities": ["AUDIO"],
    }
    out = enforce(config, rules_for(model))
    assert set(out) - {"response_modalities"} == kept
    assert config["proactivity"] == {"proactive_audio": False}  # the input is not changed


def test_proactive_audio_on_is_fine_on_38() -> None:
    out = enforce({"proactivity": {"proactive_audio": True, "proactive_video": False}}, LIVE_38)
    assert out == {"proactivity": {"proactive_audio": True, "proactive_video": False}}


def test_a_declared_behavior_is_kept_on_38_and_dropped_where_unknown() -> None:
    blocking = {**DECL, "behavior": "BLOCKING"}
    assert with_behavior([blocking], LIVE_38)[0]["behavior"] == "BLOCKING"
    assert "behavior" not in with_behavior([blocking], PREVIEW_31)[0]
    assert "behavior" not in blocking or blocking["behavior"] == "BLOCKING"  # not mutated


def test_live_models_from_a_models_list() -> None:
    listed = [
        {"name": "models/gemini-3.8-live", "supported_actions": ["bidiGenerateContent"]},
        {"name": "models/gemini-3-pro", "supported_actions": ["generateContent"]},
        {
            "name": "models/gemini-3.8-live-extended-thinking",
            "supportedActions": ["x", "bidiGenerateContent"],
        },
        {"name": "models/gemini-3.8-live", "supported_actions": ["bidiGenerateContent"]},
        {"name": "", "supported_actions": ["bidiGenerateContent"]},
    ]
    assert live_models(listed) == [DEFAULT_MODEL, EXTENDED_THINKING_MODEL]


def test_picker_choices() -> None:
    assert picker_choices([], DEFAULT_MODEL) == list(FALLBACK_MODELS)
    assert picker_choices(["gemini-3.8-live"], "my-tuned-live") == [
        "gemini-3.8-live",
        "my-tuned-live",
    ]


def test_the_upgrade_suggestion_is_once_and_only_for_the_old_preview() -> None:
    assert suggest_upgrade(PREVIOUS_PREVIEW, dismissed=False) == DEFAULT_MODEL
    assert suggest_upgrade(f"models/{PREVIOUS_PREVIEW}", dismissed=False) == DEFAULT_MODEL
    assert suggest_upgrade(PREVIOUS_PREVIEW, dismissed=True) is None
    assert suggest_upgrade(DEFAULT_MODEL, dismissed=False) is None
    assert suggest_upgrade("gemini-live-2.5-flash-native-audio", dismissed=False) is None


def test_gemini_38_live_has_its_own_dated_price() -> None:
    from desktop.core.pricing import DEFAULT_PRICES, PriceTable

    prices = PriceTable().for_model("models/gemini-3.8-live")
    assert prices is DEFAULT_PRICES["gemini-3.8-live"]
    # $0.75 / $4.50 per million, whatever the modality.
    assert prices.cost({"AUDIO": 1_000_000}, {"AUDIO": 1_000_000}) == pytest.approx(5.25)
    assert prices.cost({"TEXT": 2_000_000}, {}) == pytest.approx(1.50)
