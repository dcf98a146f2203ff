"""Plausible token counts for usageMetadata, per modality, as the Live API reports them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

AUDIO_TOKENS_PER_S = 32
IMAGE_TOKENS = 258
IMAGE_TOKENS_LOW = 66
CHARS_PER_TOKEN = 4


def text_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN) if text else 0


def audio_tokens(seconds: float) -> int:
    return round(seconds * AUDIO_TOKENS_PER_S)


def image_tokens(frames: int, media_resolution: str | None = None) -> int:
    per_frame = IMAGE_TOKENS_LOW if media_resolution == "MEDIA_RESOLUTION_LOW" else IMAGE_TOKENS
    return frames * per_frame


@dataclass(frozen=True)
class Tokens:
    """Token counts by modality."""

    text: int = 0
    audio: int = 0
    image: int = 0

    @property
    def total(self) -> int:
        return self.text + self.audio + self.image

    def __add__(self, other: Tokens) -> Tokens:
        return Tokens(self.text + other.text, self.audio + other.audio, self.image + other.image)

    def details(self) -> list[dict[str, Any]]:
        """`[{"modality": "TEXT", "tokenCount": n}, ...]`; TEXT always, the others if non-zero."""
        rows: list[dict[str, Any]] = [{"modality": "TEXT", "tokenCount": self.text}]
        if self.audio:
            rows.append({"modality": "AUDIO", "tokenCount": self.audio})
        if self.image:
            rows.append({"modality": "IMAGE", "tokenCount": self.image})
        return rows

    def response_details(self) -> list[dict[str, Any]]:
        """Like `details` but only non-zero modalities (an audio reply has no TEXT row)."""
        return [row for row in self.details() if row["tokenCount"]] or self.details()[:1]


def usage_metadata(prompt: Tokens, response: Tokens) -> dict[str, Any]:
    return {
        "promptTokenCount": prompt.total,
        "responseTokenCount": response.total,
        "totalTokenCount": prompt.total + response.total,
        "promptTokensDetails": prompt.details(),
        "responseTokensDetails": response.response_details(),
    }
