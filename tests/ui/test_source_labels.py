"""The shared source as the sharing panel names it, in the interface language (the capture side
words it in English)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from desktop.ui.hotkey import platform_problem
from desktop.ui.i18n import install_translations
from desktop.ui.source_labels import localise_source_label
from PySide6.QtWidgets import QApplication


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    install_translations(qapp, "de")
    yield
    install_translations(qapp, "en")


def test_source_labels_in_german(german: None) -> None:
    assert localise_source_label("Region 640×400 at 0,0") == "Bereich 640×400 bei 0,0"
    assert localise_source_label("Screen 2") == "Bildschirm 2"
    assert localise_source_label("Window “Notes”") == "Fenster „Notes“"
    assert localise_source_label("Camera “USB”") == "Kamera „USB“"
    assert localise_source_label("something new") == "something new"


def test_english_labels_stay_as_they_are(qapp: QApplication) -> None:
    install_translations(qapp, "en")
    assert localise_source_label("Region 640×400 at 0,0") == "Region 640×400 at 0,0"


def test_hotkey_platform_problems_in_german(german: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    assert platform_problem() == "Keine X-Anzeige, daher gibt es kein globales Tastenkürzel."
