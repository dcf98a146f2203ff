"""Token usage by modality, summed over a session, and its estimated cost from a price table.

The Live API reports `usageMetadata` per turn; every turn's prompt re-bills the context the
session has accumulated, so a session's bill is the sum over its turns (which is what
`UsageMeter` adds up). Prices are USD per million tokens by direction (input/output) and
modality (TEXT, AUDIO, IMAGE, VIDEO), per model with a `*` fallback.

Honest about what it does not know: tokens the modality details do not account for are priced
at the dearest rate of their direction (never as free or as cheap text); thinking tokens are
billed as output text and tool-use prompt tokens as input text; turns that reported no usage
at all are counted, so the meter can say "cost unknown for N turns" instead of "$0.00".

The defaults are estimates: taken from Google's published Gemini API pricing page
(https://ai.google.dev/gemini-api/docs/pricing), the Live API / native audio rows, as known on
`PRICES_AS_OF`. The user can edit them (`prices.json` in the config directory) and should check
them against the current page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from desktop.core.events import Usage

log = logging.getLogger(__name__)

PRICES_SOURCE = (
    "Google's Gemini API pricing page (https://ai.google.dev/gemini-api/docs/pricing), "
    "Live API / native audio rows"
)
PRICES_AS_OF = "2026-11-22"
CURRENCY = "USD"
MODALITIES = ("TEXT", "AUDIO", "IMAGE", "VIDEO")


@dataclass(frozen=True)
class ModelPrices:
    """USD per 1,000,000 tokens, by modality."""

    input: dict[str, float]
    output: dict[str, float]

    def cost(
        self,
        prompt: dict[str, int],
        response: dict[str, int],
        *,
        unlabelled_prompt: int = 0,
        unlabelled_response: int = 0,
        thoughts: int = 0,
        tool_use: int = 0,
    ) -> float:
        total = unlabelled_prompt * max(self.input.values(), default=0.0)
        total += unlabelled_response * max(self.output.values(), default=0.0)
        total += thoughts * self._rate(self.output, "TEXT")
        total += tool_use * self._rate(self.input, "TEXT")
        for modality, tokens in prompt.items():
            total += tokens * self._rate(self.input, modality)
        for modality, tokens in response.items():
            total += tokens * self._rate(self.output, modality)
        return total / 1_000_000

    @staticmethod
    def _rate(rates: dict[str, float], modality: str) -> float:
        # An unknown modality (UNSPECIFIED, DOCUMENT...) is billed like text.
        return rates.get(modality.upper(), rates.get("TEXT", 0.0))


# Gemini 2.5 Flash Native Audio (Live API): input $0.50 text, $3.00 audio/image/video;
# output $2.00 text, $12.00 audio. Used for the newer Live models too until Google lists them.
_NATIVE_AUDIO = ModelPrices(
    input={"TEXT": 0.50, "AUDIO": 3.00, "IMAGE": 3.00, "VIDEO": 3.00},
    output={"TEXT": 2.00, "AUDIO": 12.00},
)
# Gemini 2.0 Flash Live: input $0.35 text, $2.10 audio/image/video; output $1.50 text, $8.50 audio.
_FLASH_2_0_LIVE = ModelPrices(
    input={"TEXT": 0.35, "AUDIO": 2.10, "IMAGE": 2.10, "VIDEO": 2.10},
    output={"TEXT": 1.50, "AUDIO": 8.50},
)
# Gemini 3.8 Live: "$0.75 per million input tokens and $4.50 per million output tokens", any
# modality (Google's Gemini API pricing page, Live API rows, as of 2026-09; check the current
# page). Its extended-thinking variant has no listed price here: it falls to "*", the dearer.
_LIVE_3_8 = ModelPrices(
    input={"TEXT": 0.75, "AUDIO": 0.75, "IMAGE": 0.75, "VIDEO": 0.75},
    output={"TEXT": 4.50, "AUDIO": 4.50},
)
DEFAULT_PRICES: dict[str, ModelPrices] = {
    "*": _NATIVE_AUDIO,
    "gemini-3.8-live": _LIVE_3_8,
    "gemini-3.1-flash-live-preview": _NATIVE_AUDIO,
    "gemini-2.5-flash-native-audio-preview-09-2025": _NATIVE_AUDIO,
    "gemini-live-2.5-flash-preview": _NATIVE_AUDIO,
    "gemini-2.0-flash-live-001": _FLASH_2_0_LIVE,
}


@dataclass(frozen=True)
class PriceTable:
    models: dict[str, ModelPrices] = field(default_factory=lambda: dict(DEFAULT_PRICES))
    source: str = PRICES_SOURCE
    as_of: str = PRICES_AS_OF

    def for_model(self, model: str) -> ModelPrices:
        name = model.removeprefix("models/")
        return self.models.get(name) or self.models.get("*") or _NATIVE_AUDIO

    def to_dict(self) -> dict[str, Any]:
        return {
            "comment": "Estimated prices in USD per 1,000,000 tokens; edit to match your "
            "contract and check Google's current pricing page.",
            "source": self.source,
            "as_of": self.as_of,
            "currency": CURRENCY,
            "models": {
                name: {"input": dict(p.input), "output": dict(p.output)}
                for name, p in self.models.items()
            },
        }

    @classmethod
    def from_dict(cls, raw: Any) -> PriceTable:
        """Well-formed entries win; a bad entry keeps its default (and is logged)."""
        if not isinstance(raw, dict) or not isinstance(raw.get("models"), dict):
            raise ValueError("expected an object with a `models` object")
        models = dict(DEFAULT_PRICES)
        for name, entry in raw["models"].items():
            try:
                models[str(name)] = ModelPrices(_rates(entry["input"]), _rates(entry["output"]))
            except (KeyError, TypeError, ValueError) as exc:
                log.warning("ignoring the price entry for %r: %s", name, exc)
        return cls(models, str(raw.get("source", PRICES_SOURCE)), str(raw.get("as_of", "")))


def _rates(raw: Any) -> dict[str, float]:
    if not isinstance(raw, dict):
        raise TypeError("rates must be an object of modality: price")
    rates: dict[str, float] = {}
    for modality, price in raw.items():
        if isinstance(price, bool) or not isinstance(price, int | float) or price < 0:
            raise ValueError(f"bad price for {modality}: {price!r}")
        rates[str(modality).upper()] = float(price)
    return rates


@dataclass
class UsageMeter:
    """Tokens by direction and modality, summed over the `Usage` events of one session."""

    prompt: dict[str, int] = field(default_factory=dict)
    response: dict[str, int] = field(default_factory=dict)
    prompt_tokens: int = 0
    response_tokens: int = 0
    total_tokens: int = 0
    turns: int = 0  # usage reports added
    unlabelled_prompt: int = 0  # prompt tokens the modality details leave out
    unlabelled_response: int = 0
    thoughts: int = 0
    tool_use: int = 0
    unknown_turns: int = 0  # turns that completed with no usage reported

    def add(self, usage: Usage) -> None:
        self.turns += 1
        self.prompt_tokens += usage.prompt_tokens
        self.response_tokens += usage.response_tokens
        self.thoughts += usage.thoughts_tokens
        self.tool_use += usage.tool_use_prompt_tokens
        self.total_tokens += usage.total_tokens or (
            usage.prompt_tokens
            + usage.response_tokens
            + usage.thoughts_tokens
            + usage.tool_use_prompt_tokens
        )
        self.unlabelled_prompt += _add(self.prompt, usage.prompt_by_modality, usage.prompt_tokens)
        self.unlabelled_response += _add(
            self.response, usage.response_by_modality, usage.response_tokens
        )

    def turn_without_usage(self) -> None:
        self.unknown_turns += 1

    def cost(self, prices: ModelPrices) -> float:
        return prices.cost(
            self.prompt,
            self.response,
            unlabelled_prompt=self.unlabelled_prompt,
            unlabelled_response=self.unlabelled_response,
            thoughts=self.thoughts,
            tool_use=self.tool_use,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "prompt_tokens": self.prompt_tokens,
            "response_tokens": self.response_tokens,
            "total_tokens": self.total_tokens,
            "prompt_by_modality": dict(self.prompt),
            "response_by_modality": dict(self.response),
            "unlabelled_prompt_tokens": self.unlabelled_prompt,
            "unlabelled_response_tokens": self.unlabelled_response,
            "thoughts_tokens": self.thoughts,
            "tool_use_prompt_tokens": self.tool_use,
            "turns": self.turns,
            "turns_without_usage": self.unknown_turns,
        }


def _add(into: dict[str, int], by_modality: dict[str, int], total: int) -> int:
    """Add the breakdown; returns the tokens of `total` it does not account for."""
    for modality, count in by_modality.items():
        key = modality.upper()
        into[key] = into.get(key, 0) + count
    return max(0, total - sum(by_modality.values()))


def format_cost(usd: float) -> str:
    if usd == 0:
        return "$0.00"
    if usd < 0.01:
        return f"${usd:.4f}"
    return f"${usd:,.2f}"
