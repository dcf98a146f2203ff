"""Per-model personalities: what each Live model accepts at setup and how it ends its turns.

Written from Google's model pages and recordings, independently of the app's own rules
(`desktop.core.live_models`), so that a test against the emulator checks the app rather than
the app's reading of itself.

- `gemini-3.8-live`: refuses a thinking config, `proactivity.proactive_audio: false` and
  `enableAffectiveDialog` (close 1007, Google's "Invalid JSON payload" / "invalid argument"
  wording). Function calls are NON_BLOCKING unless a declaration says BLOCKING: the model
  goes on talking while a tool runs and uses the result as its `scheduling` says.
- `gemini-3.8-live-extended-thinking`: the same, but takes `thinkingConfig.thinkingLevel`
  LOW, MEDIUM or HIGH (anything else: 1007).
- `gemini-3.1-flash-live-preview` (the previous preview): accepts all of them; with
  `preview_quirks` on, some turns end as recorded from it: no `usageMetadata` (every 3rd
  reply), or `generationComplete` with no `turnComplete` after it (every 5th).
- any other model: accepts everything, ends every turn cleanly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop.emulator.wire import CLOSE_INVALID, WireError

LIVE_38 = "gemini-3.8-live"
LIVE_38_THINKING = "gemini-3.8-live-extended-thinking"
PREVIEW_31 = "gemini-3.1-flash-live-preview"
# What `--model-list` prints and `--known-models default` accepts.
MODEL_LIST = (
    (LIVE_38, "Gemini 3.8 Live: the stable default Live model"),
    (LIVE_38_THINKING, "Gemini 3.8 Live, extended thinking (thinkingLevel LOW/MEDIUM/HIGH)"),
    (PREVIEW_31, "Gemini 3.1 Flash Live preview: the previous preview"),
    ("gemini-live-2.5-flash-native-audio", "Gemini 2.5 Flash Live, native audio"),
)
THINKING_LEVELS = ("LOW", "MEDIUM", "HIGH")
USAGE_MISSING_EVERY = 3
TURN_COMPLETE_MISSING_EVERY = 5


@dataclass(frozen=True)
class Personality:
    name: str
    thinking: bool | None = None  # None: anything goes; False: refused; True: a level needed
    removed_options: bool = False  # proactive_audio false and affective dialog are refused
    non_blocking: bool = False  # function calls are NON_BLOCKING by default
    preview_quirks: bool = False  # may drop usage / turnComplete (when the emulator says so)


PERSONALITIES = {
    "3.8": Personality("3.8-live", thinking=False, removed_options=True, non_blocking=True),
    "3.8-thinking": Personality(
        "3.8-live-extended-thinking", thinking=True, removed_options=True, non_blocking=True
    ),
    "3.1-preview": Personality("3.1-flash-live-preview", preview_quirks=True),
    "other": Personality("other"),
}


def personality_for(model: str) -> Personality:
    name = model.removeprefix("models/")
    if name.startswith(LIVE_38_THINKING):
        return PERSONALITIES["3.8-thinking"]
    if name.startswith(LIVE_38):
        return PERSONALITIES["3.8"]
    if name.startswith("gemini-3.1-flash-live"):
        return PERSONALITIES["3.1-preview"]
    return PERSONALITIES["other"]


def _unknown_field(name: str, where: str) -> WireError:
    return WireError(
        f"Invalid JSON payload received. Unknown name \"{name}\" at '{where}': Cannot find field.",
        CLOSE_INVALID,
    )


def check_setup(setup: Mapping[str, Any], personality: Personality, model: str) -> None:
    """Refuse (1007) what this model does not take; `setup` is snake_case."""
    gen = setup.get("generation_config") or {}
    gen = gen if isinstance(gen, Mapping) else {}
    thinking = gen.get("thinking_config", setup.get("thinking_config"))
    if personality.thinking is False and thinking is not None:
        raise WireError(
            f"Invalid argument: thinking_config is not supported by {model}.", CLOSE_INVALID
        )
    if personality.thinking is True and thinking is not None:
        level = str((thinking or {}).get("thinking_level", "")).upper()
        if level not in THINKING_LEVELS:
            raise WireError(
                f"Invalid value at 'setup.generation_config.thinking_config.thinking_level' "
                f"(type.googleapis.com/google.ai.generativelanguage.v1beta.ThinkingLevel), "
                f'"{level}"',
                CLOSE_INVALID,
            )
    if not personality.removed_options:
        return
    if "enable_affective_dialog" in gen or "enable_affective_dialog" in setup:
        raise _unknown_field("enableAffectiveDialog", "setup.generation_config")
    proactivity = setup.get("proactivity")
    if isinstance(proactivity, Mapping) and proactivity.get("proactive_audio") is False:
        raise WireError(
            f"Invalid value at 'setup.proactivity.proactive_audio': proactive audio is always "
            f"on for {model} and cannot be disabled.",
            CLOSE_INVALID,
        )


def preview_closing(messages: list[dict[str, Any]], reply_number: int) -> list[dict[str, Any]]:
    """A 3.1-preview turn's closing messages as recorded from it (`reply_number` from 1)."""
    if reply_number % TURN_COMPLETE_MISSING_EVERY == 0:
        return [
            m
            for m in messages
            if "serverContent" not in m or m["serverContent"].get("generationComplete")
        ]
    if reply_number % USAGE_MISSING_EVERY == 0:
        return [{k: v for k, v in m.items() if k != "usageMetadata"} for m in messages]
    return messages


def known_models(spec: str) -> frozenset[str] | None:
    """`--known-models`: "any" (None: every model accepted), "default" (MODEL_LIST) or a
    comma-separated list."""
    spec = spec.strip()
    if spec in ("", "any"):
        return None
    if spec == "default":
        return frozenset(name for name, _ in MODEL_LIST)
    return frozenset(m.strip().removeprefix("models/") for m in spec.split(",") if m.strip())
