"""Which Live model, and what each model family accepts in its setup (pure).

Google's model pages (Sept 2026): `gemini-3.8-live` is the stable default Live model;
`gemini-3.8-live-extended-thinking` is its high-reasoning variant and takes a thinking level
(low/medium/high); `gemini-3.1-flash-live-preview` is the previous preview. On 3.8 Live there
is no thinking config, proactive audio is always on (sending `proactive_audio: false` is an
error), affective dialog was removed (sending it is an error), function calls are asynchronous
(`NON_BLOCKING`) by default, and a function response may say when the model uses it
(`scheduling`: SILENT, WHEN_IDLE, INTERRUPT). The config builder asks `rules_for(model)` and
never sends what the model would reject.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

DEFAULT_MODEL = "gemini-3.8-live"
EXTENDED_THINKING_MODEL = "gemini-3.8-live-extended-thinking"
PREVIOUS_PREVIEW = "gemini-3.1-flash-live-preview"
# Offered when the models list cannot be read (no key, offline, the emulator).
FALLBACK_MODELS = (DEFAULT_MODEL, EXTENDED_THINKING_MODEL, PREVIOUS_PREVIEW)
THINKING_LEVELS = ("low", "medium", "high")
DEFAULT_THINKING_LEVEL = "medium"
# The models list names the Live method this way (`supportedActions` / `supported_actions`).
LIVE_METHOD = "bidiGenerateContent"


@dataclass(frozen=True)
class ModelRules:
    """What a model family accepts in its setup and its function responses."""

    family: str
    thinking_levels: tuple[str, ...] = ()  # () : never send a thinking config
    proactive_audio_off: bool = True  # `proactivity.proactive_audio: false` is accepted
    affective_dialog: bool = True  # `enable_affective_dialog` is accepted
    non_blocking_tools: bool = False  # declarations are NON_BLOCKING unless they say otherwise
    scheduling: bool = False  # FunctionResponse.scheduling is understood

    @property
    def thinking(self) -> bool:
        return bool(self.thinking_levels)


LIVE_38 = ModelRules(
    family="3.8-live",
    proactive_audio_off=False,
    affective_dialog=False,
    non_blocking_tools=True,
    scheduling=True,
)
LIVE_38_THINKING = ModelRules(
    family="3.8-live-extended-thinking",
    thinking_levels=THINKING_LEVELS,
    proactive_audio_off=False,
    affective_dialog=False,
    non_blocking_tools=True,
    scheduling=True,
)
# 3.1 preview and older Live models: what the app always sent (no thinking config either).
PREVIEW_31 = ModelRules(family="3.1-flash-live-preview")
OTHER = ModelRules(family="other")


def bare_name(model: str) -> str:
    """`models/gemini-3.8-live` -> `gemini-3.8-live`."""
    return model.strip().removeprefix("models/")


def rules_for(model: str) -> ModelRules:
    name = bare_name(model)
    if name.startswith(EXTENDED_THINKING_MODEL):
        return LIVE_38_THINKING
    if name.startswith(DEFAULT_MODEL):
        return LIVE_38
    if name.startswith("gemini-3.1-flash-live"):
        return PREVIEW_31
    return OTHER


def thinking_level(rules: ModelRules, level: str) -> str | None:
    """The level to send (upper case, as the API spells it), or None for none at all."""
    if not rules.thinking:
        return None
    chosen = level.strip().lower()
    if chosen not in rules.thinking_levels:
        chosen = DEFAULT_THINKING_LEVEL
    return chosen.upper()


def enforce(config: dict[str, Any], rules: ModelRules) -> dict[str, Any]:
    """`config` without anything `rules` say the model rejects (a copy; snake_case keys)."""
    out = dict(config)
    if not rules.thinking:
        out.pop("thinking_config", None)
    if not rules.affective_dialog:
        out.pop("enable_affective_dialog", None)
    proactivity = out.get("proactivity")
    if isinstance(proactivity, Mapping) and not rules.proactive_audio_off:
        kept = {k: v for k, v in proactivity.items() if k != "proactive_audio" or v}
        if kept:
            out["proactivity"] = kept
        else:
            out.pop("proactivity")
    return out


def with_behavior(
    declarations: Iterable[Mapping[str, Any]], rules: ModelRules
) -> list[dict[str, Any]]:
    """Function declarations as the model should get them: NON_BLOCKING by default where the
    model calls functions asynchronously (a declaration that names its behavior keeps it)."""
    out = [dict(d) for d in declarations]
    if rules.non_blocking_tools:
        for declaration in out:
            declaration.setdefault("behavior", "NON_BLOCKING")
    else:
        for declaration in out:
            declaration.pop("behavior", None)
    return out


def live_models(listed: Iterable[Mapping[str, Any]]) -> list[str]:
    """The Live-capable names in a models list (each entry: `name` and its supported
    methods/actions, in either casing), without the `models/` prefix, in list order."""
    names: list[str] = []
    for entry in listed:
        actions = (
            entry.get("supported_actions")
            or entry.get("supportedActions")
            or entry.get("supported_generation_methods")
            or entry.get("supportedGenerationMethods")
            or []
        )
        name = bare_name(str(entry.get("name") or ""))
        if name and LIVE_METHOD in actions and name not in names:
            names.append(name)
    return names


def picker_choices(listed: Iterable[str], current: str) -> list[str]:
    """What the model picker offers: the key's Live models (else the built-in list), the
    current setting always among them."""
    choices = list(dict.fromkeys(bare_name(n) for n in listed if n.strip())) or list(
        FALLBACK_MODELS
    )
    current = bare_name(current)
    if current and current not in choices:
        choices.append(current)
    return choices


def suggest_upgrade(model: str, dismissed: bool) -> str | None:
    """The model to suggest once to a user whose settings still name the previous preview
    (None: nothing to say). Nothing is ever changed without the user."""
    if dismissed or bare_name(model) != PREVIOUS_PREVIEW:
        return None
    return DEFAULT_MODEL
