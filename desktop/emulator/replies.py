"""What the emulated model says: a deterministic account of what it received."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote_plus

from desktop.emulator.tokens import Tokens, audio_tokens, image_tokens, text_tokens

MAX_RESULT_CHARS = 80


@dataclass
class TurnInput:
    """Everything the user sent since the model's last reply started."""

    texts: list[str] = field(default_factory=list)
    transcripts: list[str] = field(default_factory=list)
    speech_s: float = 0.0
    audio_s: float = 0.0
    frames: int = 0
    frame_size: tuple[int, int] | None = None

    def tokens(self, media_resolution: str | None = None) -> Tokens:
        return Tokens(
            text=sum(text_tokens(t) for t in self.texts),
            audio=audio_tokens(self.audio_s),
            image=image_tokens(self.frames, media_resolution),
        )

    @property
    def history_text(self) -> str:
        return " ".join(self.texts + self.transcripts)


@dataclass(frozen=True)
class ToolOutcome:
    name: str
    response: Any = None
    cancelled: bool = False
    images: tuple[tuple[int, int] | None, ...] = ()  # sizes of the images among its parts
    silent: bool = False  # scheduling SILENT: taken in, never spoken about
    call_id: str = ""


def speech_placeholder(seconds: float) -> str:
    """The input transcription when no transcriber is set: `(2.4 seconds of speech)`."""
    return f"({seconds:.1f} seconds of speech)"


def _quoted_list(items: list[str]) -> str:
    quoted = [f'"{item}"' for item in items]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def frames_phrase(inp: TurnInput) -> str:
    """`no frames`, `2 frames`, `1 frame of 1024x576`."""
    if not inp.frames:
        return "no frames"
    noun = "frame" if inp.frames == 1 else "frames"
    if inp.frame_size is None:
        return f"{inp.frames} {noun}"
    width, height = inp.frame_size
    return f"{inp.frames} {noun} of {width}x{height}"


def describe_input(inp: TurnInput, transcribed: bool = False) -> str:
    """`You wrote: "hello". I heard 0.0 seconds of audio and saw no frames.`"""
    sentences: list[str] = []
    if inp.texts:
        sentences.append(f"You wrote: {_quoted_list(inp.texts)}.")
    if transcribed and inp.transcripts:
        sentences.append(f"You said: {_quoted_list(inp.transcripts)}.")
    sentences.append(f"I heard {inp.speech_s:.1f} seconds of audio and saw {frames_phrase(inp)}.")
    return " ".join(sentences)


def _result_text(response: Any) -> str:
    try:
        text = json.dumps(response, separators=(", ", ": "), sort_keys=True)
    except (TypeError, ValueError):
        text = str(response)
    return text if len(text) <= MAX_RESULT_CHARS else text[: MAX_RESULT_CHARS - 3] + "..."


def describe_tools(outcomes: list[ToolOutcome]) -> str:
    sentences = []
    for outcome in outcomes:
        if outcome.cancelled:
            sentences.append(f"The call to {outcome.name} was cancelled.")
        else:
            sentences.append(
                f"I called {outcome.name} and it returned {_result_text(outcome.response)}."
            )
        for size in outcome.images:
            what = f"of {size[0]}x{size[1]}" if size else "I could not read"
            sentences.append(f"I received an image {what} in the tool response.")
    return " ".join(sentences)


def grounding_metadata(question: str) -> dict[str, Any]:
    """Google Search grounding as Google sends it (camelCase): two sources on example.org
    (reserved for examples) and a search entry point with one suggestion chip."""
    query = " ".join(question.split())[:80] or "search"
    slug = quote_plus(query)
    chip = html.escape(query)
    return {
        "webSearchQueries": [query],
        "groundingChunks": [
            {"web": {"uri": f"https://example.org/a?q={slug}", "title": f"About {query}"}},
            {"web": {"uri": f"https://example.org/b?q={slug}", "title": f"More on {query}"}},
        ],
        "searchEntryPoint": {
            "renderedContent": (
                "<style>.chip{border:1px solid #ccc;border-radius:12px;padding:2px 8px}</style>"
                f'<div class="container"><a class="chip" href="https://www.google.com/search?'
                f'q={slug}">{chip}</a></div>'
            )
        },
    }


def reply_text(
    inp: TurnInput,
    reply_number: int,
    *,
    transcribed: bool = False,
    outcomes: list[ToolOutcome] | None = None,
) -> str:
    """The whole default reply for a turn."""
    parts = [describe_input(inp, transcribed)]
    if outcomes:
        parts.append(describe_tools(outcomes))
    parts.append(f"This is reply {reply_number}.")
    return " ".join(parts)
