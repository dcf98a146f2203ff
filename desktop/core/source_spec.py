"""`--source` values and the source picker's choices as data: what to share, not how."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desktop.core.geometry import Rect


class SourceKind(StrEnum):
    NONE = "none"
    REGION = "region"
    SCREEN = "screen"
    WINDOW = "window"
    CAMERA = "camera"


@dataclass(frozen=True)
class SourceSpec:
    kind: SourceKind
    rect: Rect | None = None  # region, device pixels
    number: int = 0  # screen or camera (1-based), or the X11 window id

    def spec(self) -> str:
        if self.kind is SourceKind.NONE:
            return "none"
        if self.kind is SourceKind.REGION:
            assert self.rect is not None
            return f"region:{self.rect.spec()}"
        if self.kind is SourceKind.WINDOW:
            return f"window:0x{self.number:x}"
        return f"{self.kind.value}:{self.number}"


USAGE = "region:X,Y,W,H | screen:N | window:ID | camera:N | none (screens and cameras from 1)"


def parse_source(text: str) -> SourceSpec:
    """Parse `region:X,Y,W,H`, `screen:N`, `window:ID` (decimal or 0x hex), `camera:N`, `none`.
    Raises ValueError with a message that says what is expected."""
    text = text.strip()
    if text.lower() == "none":
        return SourceSpec(SourceKind.NONE)
    kind_text, sep, value = text.partition(":")
    try:
        kind = SourceKind(kind_text.strip().lower())
    except ValueError:
        kind = None
    if not sep or kind is None or kind is SourceKind.NONE:
        raise ValueError(f"unknown source {text!r}; expected {USAGE}")
    if kind is SourceKind.REGION:
        return SourceSpec(kind, rect=Rect.parse(value))
    try:
        number = int(value.strip(), 0)
    except ValueError:
        raise ValueError(f"{kind.value}: needs a number, not {value!r}") from None
    if kind in (SourceKind.SCREEN, SourceKind.CAMERA) and number < 1:
        raise ValueError(f"{kind.value} numbers start at 1, not {number}")
    if kind is SourceKind.WINDOW and number <= 0:
        raise ValueError(f"not a window id: {value!r}")
    return SourceSpec(kind, number=number)
