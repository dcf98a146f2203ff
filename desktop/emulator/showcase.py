"""The offline showcase: questions about the screen answered from the last frame received.

"What do you see?" / "Describe ..." gets a description of the pixels (`vision.describe`).
"Where is the red box?" / "Where is the save button?" gets a real call of the session's
pointing function (a declared function with a `box` parameter, such as the app's point_at)
with a box on something visible in that frame, or, when none is declared, a text answer
saying where it is. Every such answer says it is emulated: the emulator sees colours and
shapes, it cannot read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop.emulator import vision
from desktop.emulator.replies import ToolOutcome, TurnInput, frames_phrase

EMULATED = "(Emulated: I see colours and shapes, I cannot read.)"
MAX_LABEL = 40
_DESCRIBE = re.compile(
    r"\bwhat(?:'s| is| do you| can you)? (?:see|on (?:my|the) screen)\b|\bdescribe\b"
    r"|\bwhat am i looking at\b|\blook at (?:my|the) screen\b",
    re.IGNORECASE,
)
_WHERE = re.compile(
    r"\b(?:where(?:'s| is| are)|show me where|point (?:at|to))\b\s*(?P<target>[^?.!]*)",
    re.IGNORECASE,
)
_ARTICLES = re.compile(r"^(?:the|a|an|my|this|that|your)\s+", re.IGNORECASE)
_TAIL = re.compile(
    r"\s+(?:(?:on|in) (?:the|my|this) (?:screen|picture|frame|window)|is|are)\s*$", re.I
)


@dataclass(frozen=True)
class Ask:
    kind: str  # "describe" or "where"
    target: str = ""  # "red box", "save button"


def read_ask(texts: Sequence[str]) -> Ask | None:
    """What a turn's words ask about the screen, if anything."""
    text = " ".join(texts)
    where = _WHERE.search(text)
    if where:
        return Ask("where", clean_target(where.group("target")))
    if _DESCRIBE.search(text):
        return Ask("describe")
    return None


def target_after(texts: Sequence[str], name: str) -> str:
    """What "call point_at the red box" asks to point at ("red box")."""
    for text in texts:
        match = re.search(rf"\bcall\s+{re.escape(name)}\b(?P<rest>[^?.!]*)", text, re.I)
        if match:
            rest = re.sub(r"^\s*(?:on|at|to|with)\s+", "", match.group("rest"))
            return clean_target(rest)
    return ""


def clean_target(words: str) -> str:
    target = _TAIL.sub("", words.strip())
    target = _ARTICLES.sub("", target).strip(" ,;:'\"")
    return target[:MAX_LABEL].strip()


def colour_word(target: str) -> str | None:
    for word in re.findall(r"[a-z]+", target.lower()):
        if word in vision.COLOUR_WORDS:
            return word
    return None


def pick(view: vision.FrameView, target: str) -> vision.Found | None:
    """What to point at for `target`: a named colour's largest shape; for "text" the busiest
    text-like area; else the most button-like shape (or the text-like area if none)."""
    colour = colour_word(target)
    if colour:
        return vision.find_colour(view, colour)
    if re.search(r"\b(?:text|words?|writing|title|label)\b", target, re.IGNORECASE):
        return vision.find_text(view) or vision.find_button(view)
    return vision.find_button(view) or vision.find_text(view)


def _seen(found: vision.Found, target: str) -> str:
    """`the largest red shape I saw, at the top left`"""
    colour = colour_word(target)
    if colour:
        what = f"the largest {colour} shape I saw"
    elif found.what == "button-like shape":
        what = "the most button-like shape I saw (a filled rectangle with detail inside)"
    else:
        what = "the busiest text-like area I saw"
    return f"{what}, {found.place}"


class Showcase:
    """Per connection: the last frame received and what each pointing call pointed at."""

    def __init__(self) -> None:
        self.frame: bytes | None = None
        self._view: tuple[bytes, vision.FrameView | None] | None = None
        self.notes: dict[str, str] = {}  # call id -> what it points at, in words

    def view(self) -> vision.FrameView | None:
        frame = self.frame
        if frame is None:
            return None
        if self._view is None or self._view[0] is not frame:
            self._view = (frame, vision.look(frame))
        return self._view[1]

    def point(self, target: str) -> tuple[dict[str, Any], str] | None:
        """(a pointing call's arguments, what it points at in words), or None if nothing in
        the last frame fits."""
        view = self.view()
        found = pick(view, target) if view else None
        if found is None:
            return None
        return {"box": list(found.box), "label": target or found.what}, _seen(found, target)

    def pointing_args(self, target: str) -> tuple[dict[str, Any], str]:
        """`point`, for a call asked for outright ("call point_at"): with nothing found it
        points at the whole picture, and says so."""
        pointed = self.point(target)
        if pointed is not None:
            return pointed
        why = "no frame has arrived" if self.view() is None else f"I found no {target or 'shape'}"
        return {"box": [0, 0, 1000, 1000], "label": target}, f"the whole picture ({why})"

    def describe_reply(self, inp: TurnInput) -> str:
        view = self.view()
        if self.frame is None:
            return (
                f"{EMULATED} I saw no frames: share a region, a window or the screen, and ask "
                "again."
            )
        frames = f"I saw {frames_phrase(inp)}." if inp.frames else "I saw no new frame."
        if view is None:
            return f"{EMULATED} {frames} I could not decode the last frame I received."
        return f"{EMULATED} {frames} In the last frame: {vision.describe(view)}"

    def where_reply(self, target: str) -> str:
        """The answer in words, when there is nothing to point with (or nothing seen)."""
        view = self.view()
        thing = f'"{target}"' if target else "it"
        if view is None:
            return f"{EMULATED} I have no picture of your screen, so I cannot tell where " \
                f"{thing} is. Share a region, a window or the screen, then ask again."  # fmt: skip
        found = pick(view, target)
        if found is None:
            return f"{EMULATED} I see nothing in the last frame that could be {thing}."
        ymin, xmin, ymax, xmax = found.box
        return (
            f"{EMULATED} For {thing} I would pick {_seen(found, target)}: from "
            f"{xmin / 10:.0f} to {xmax / 10:.0f} % across and {ymin / 10:.0f} to "
            f"{ymax / 10:.0f} % down the last frame."
        )

    def outcome_sentence(self, outcome: ToolOutcome) -> str | None:
        """How a pointing call went, in words (None: not a call this showcase made)."""
        note = self.notes.pop(outcome.call_id, None) if outcome.call_id else None
        if note is None:
            return None
        if outcome.cancelled:
            return f"{EMULATED} I was about to point at {note}, but the call was cancelled."
        response = outcome.response if isinstance(outcome.response, dict) else {}
        if "error" in response:
            error = str(response["error"]).rstrip(".")
            return f"{EMULATED} I tried to point at {note}, but {outcome.name} failed: {error}."
        return f"{EMULATED} There: I pointed at {note}."
