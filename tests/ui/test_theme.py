"""Colours follow the palette (issue 17): tints of the palette's own colours, text kept at a
readable contrast on light, dark and high-contrast palettes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from desktop.ui.theme import (
    ACCENTS,
    MODEL_COLOUR,
    Tone,
    contrast,
    high_contrast,
    is_dark,
    pill_style,
    readable,
    tint,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

PALETTES = {
    "light": ("#efefef", "#000000", "#ffffff"),
    "dark": ("#202124", "#e8eaed", "#17181a"),
    "high-contrast": ("#000000", "#ffffff", "#000000"),
}


@pytest.fixture(params=list(PALETTES))
def palette(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    window, text, base = PALETTES[request.param]
    original = qapp.palette()
    pal = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Base, base),
    ):
        pal.setColor(role, QColor(colour))
    qapp.setPalette(pal)
    yield request.param
    qapp.setPalette(original)


def test_text_on_every_tint_reads_at_4_5_to_1(palette: str) -> None:
    assert is_dark() is (palette != "light")
    assert high_contrast() is (palette == "high-contrast")
    for tone in Tone:
        background = tint(tone)
        assert contrast(readable(ACCENTS[tone], background), background) >= 4.5, tone
        if palette == "high-contrast":
            assert background == QApplication.palette().color(QPalette.ColorRole.Window)
        else:  # a tint of the window colour: as dark as the window on a dark palette
            window = QApplication.palette().color(QPalette.ColorRole.Window)
            assert abs(background.lightnessF() - window.lightnessF()) < 0.25, tone
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    assert contrast(readable(MODEL_COLOUR, base), base) >= 4.5


def test_pill_style_uses_the_tint_and_readable_text(palette: str) -> None:
    style = pill_style("QLabel", Tone.WARNING)
    assert f"background: {tint(Tone.WARNING).name()}" in style
    text = QColor(style.split("; color: ")[1][:7])
    assert contrast(text, tint(Tone.WARNING)) >= 4.5
