"""Colours that follow the system palette (light, dark, high contrast).

Nothing here hard-codes a light background: every tint is the palette's own window or base
colour mixed with an accent, and text on it is the palette's text colour, or the accent when
that still contrasts. Widgets restyle themselves on `QEvent.PaletteChange` (see `Restyler`).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget


class Tone(StrEnum):
    NEUTRAL = "neutral"
    INFO = "info"  # Google / live
    WARNING = "warning"  # offline demo, warnings
    ERROR = "error"
    SUCCESS = "success"  # the model speaking


ACCENTS: dict[Tone, str] = {
    Tone.NEUTRAL: "#9aa0a6",
    Tone.INFO: "#1a73e8",
    Tone.WARNING: "#e37400",
    Tone.ERROR: "#d93025",
    Tone.SUCCESS: "#1e8e3e",
}
# The speakers' colours, one place for the transcript and History (issue 17).
USER_COLOUR = "#1a73e8"
MODEL_COLOUR = "#8e44c9"


def palette() -> QPalette:
    return QGuiApplication.palette()


def is_dark(pal: QPalette | None = None) -> bool:
    pal = pal or palette()
    return pal.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`amount` of `b` over `a` (0: a, 1: b)."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def readable(
    colour: str | QColor, background: QColor | None = None, minimum: float = 4.5
) -> QColor:
    """`colour`, lightened or darkened towards the palette's text colour until it reaches
    `minimum` contrast on `background` (the palette's base by default)."""
    pal = palette()
    bg = background or pal.color(QPalette.ColorRole.Base)
    text = pal.color(QPalette.ColorRole.Text)
    base = QColor(colour)
    for step in range(11):
        candidate = mix(base, text, step / 10)
        if contrast(candidate, bg) >= minimum:
            return candidate
    return text


def high_contrast(pal: QPalette | None = None) -> bool:
    pal = pal or palette()
    return (
        contrast(pal.color(QPalette.ColorRole.Window), pal.color(QPalette.ColorRole.WindowText))
        >= 20  # black on white (21); an ordinary light theme is ~18
    )


def tint(tone: Tone, amount: float | None = None) -> QColor:
    """A background for `tone`: the window colour with a little of the accent."""
    pal = palette()
    window = pal.color(QPalette.ColorRole.Window)
    if high_contrast(pal):
        return window
    if amount is None:
        amount = 0.28 if is_dark(pal) else 0.16
    return mix(window, QColor(ACCENTS[tone]), amount)


def pill_style(selector: str, tone: Tone, *, radius: int = 11, padding: str = "3px 12px") -> str:
    """A rounded label in `tone` that reads on the current palette."""
    bg = tint(tone)
    fg = readable(ACCENTS[tone], bg)
    border = mix(bg, QColor(ACCENTS[tone]), 0.5)
    return (
        f"{selector} {{ background: {bg.name()}; color: {fg.name()};"
        f" border: 1px solid {border.name()}; border-radius: {radius}px;"
        f" padding: {padding}; font-weight: 600; }}"
    )


def text_colour(tone: Tone, background: QColor | None = None) -> str:
    """The accent of `tone` as a text colour readable on the window background."""
    pal = palette()
    return readable(ACCENTS[tone], background or pal.color(QPalette.ColorRole.Window)).name()


class Restyler(QObject):
    """Calls `restyle()` now and whenever the widget's palette changes (dark mode switch)."""

    def __init__(self, widget: QWidget, restyle: Callable[[], None]) -> None:
        super().__init__(widget)
        self._restyle = restyle
        self._busy = False
        widget.installEventFilter(self)
        restyle()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        changed = event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
        )
        if changed and not self._busy:  # setStyleSheet itself may post a palette change
            self._busy = True
            try:
                self._restyle()
            finally:
                self._busy = False
        return False
