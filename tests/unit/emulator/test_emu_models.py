"""The emulator's per-model personalities (pure parts) and its model switches."""

from __future__ import annotations

from typing import Any

import pytest
from desktop.emulator.__main__ import model_list, parse_args
from desktop.emulator.models import (
    PERSONALITIES,
    check_setup,
    known_models,
    personality_for,
    preview_closing,
)
from desktop.emulator.setup import parse_setup
from desktop.emulator.wire import WireError

THINKING = {"generation_config": {"thinking_config": {"thinking_level": "HIGH"}}}
AFFECTIVE = {"generation_config": {"enable_affective_dialog": True}}
PROACTIVE_OFF = {"proactivity": {"proactive_audio": False}}
PROACTIVE_ON = {"proactivity": {"proactive_audio": True}}
BAD_LEVEL = {"generation_config": {"thinking_config": {"thinking_level": "EXTREME"}}}


@pytest.mark.parametrize(
    ("model", "setup", "refusal"),
    [
        ("gemini-3.8-live", {}, None),
        ("gemini-3.8-live", THINKING, "thinking_config is not supported"),
        ("gemini-3.8-live", AFFECTIVE, 'Unknown name "enableAffectiveDialog"'),
        ("gemini-3.8-live", PROACTIVE_OFF, "proactive audio is always on"),
        ("gemini-3.8-live", PROACTIVE_ON, None),
        ("gemini-3.8-live-extended-thinking", THINKING, None),
        ("gemini-3.8-live-extended-thinking", BAD_LEVEL, "thinking_level"),
        ("gemini-3.8-live-extended-thinking", AFFECTIVE, "enableAffectiveDialog"),
        ("gemini-3.1-flash-live-preview", THINKING, None),
        ("gemini-3.1-flash-live-preview", AFFECTIVE, None),
        ("gemini-3.1-flash-live-preview", PROACTIVE_OFF, None),
        ("gemini-live-2.5-flash-native-audio", {**AFFECTIVE, **PROACTIVE_OFF}, None),
    ],
)
def test_what_each_model_refuses_at_setup(
    model: str, setup: dict[str, Any], refusal: str | None
) -> None:
    full = {"model": f"models/{model}", **setup}
    if refusal is None:
        assert parse_setup(full).model == f"models/{model}"
        return
    with pytest.raises(WireError) as info:
        parse_setup(full)
    assert info.value.code == 1007 and refusal in info.value.reason


def test_personalities() -> None:
    assert personality_for("models/gemini-3.8-live") is PERSONALITIES["3.8"]
    assert personality_for("gemini-3.8-live-extended-thinking") is PERSONALITIES["3.8-thinking"]
    assert personality_for("gemini-3.1-flash-live-preview").preview_quirks
    assert not personality_for("gemini-3.8-live").preview_quirks
    assert personality_for("gemini-3.8-live").non_blocking
    check_setup({}, PERSONALITIES["other"], "m")  # anything goes


CLOSING = [
    {"serverContent": {"generationComplete": True}},
    {"serverContent": {"turnComplete": True}, "usageMetadata": {"totalTokenCount": 3}},
    {"sessionResumptionUpdate": {"newHandle": "h", "resumable": True}},
]


def test_the_previews_recorded_turn_endings() -> None:
    assert preview_closing(CLOSING, 1) == CLOSING
    no_usage = preview_closing(CLOSING, 3)
    assert no_usage[1] == {"serverContent": {"turnComplete": True}} and len(no_usage) == 3
    assert preview_closing(CLOSING, 5) == [CLOSING[0], CLOSING[2]]  # no turnComplete


def test_known_models_switch() -> None:
    assert known_models("any") is None
    assert "gemini-3.8-live" in (known_models("default") or ())
    assert known_models("models/a, b") == frozenset({"a", "b"})
    args = parse_args(["--known-models", "default", "--preview-quirks"])
    assert args.known_models == "default" and args.preview_quirks
    assert "gemini-3.8-live " in model_list() and "gemini-3.1-flash-live-preview" in model_list()
