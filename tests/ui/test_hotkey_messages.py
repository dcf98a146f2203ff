"""The push-to-talk hotkey check in Settings, in the interface language: every parse error and
every binding the core knows reads in German and Chinese."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from desktop.core.hotkey import KNOWN_BINDINGS
from desktop.settings import Settings, SettingsStore
from desktop.ui.hotkey_messages import hotkey_problem, known_bindings_marked
from desktop.ui.i18n import install_translations
from desktop.ui.settings_dialog import SettingsDialog
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

BAD = ["+", "ctrl+alt", "ctrl+ctrl+a", "ctrl+nosuchkey", "ctrl+-", "a", "shift+a"]
TAKEN = ["super+space", "alt+tab", "ctrl+c", "print_screen"]


@pytest.fixture
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    install_translations(qapp, request.param)
    yield request.param
    install_translations(qapp, "en")


def test_every_binding_of_the_core_is_marked_for_translation() -> None:
    assert known_bindings_marked(), set(KNOWN_BINDINGS.values())


def test_english_says_what_the_core_says(qapp: QApplication) -> None:
    install_translations(qapp, "en")
    assert hotkey_problem("ctrl+alt+space") is None
    assert (
        hotkey_problem("alt+tab") == "Alt+Tab is normally used for switching windows; pick another."
    )
    assert hotkey_problem("ctrl+nosuchkey") == "Unknown key “nosuchkey”."


@pytest.mark.parametrize("language", ["de", "zh_CN"], indirect=True)
def test_every_problem_in_the_interface_language(language: str, qapp: QApplication) -> None:
    english: dict[str, str] = {}
    install_translations(qapp, "en")
    for text in BAD + TAKEN:
        problem = hotkey_problem(text)
        assert problem, text
        english[text] = problem
    install_translations(qapp, language)
    for text, said_in_english in english.items():
        said = hotkey_problem(text)
        assert said and said != said_in_english, (text, said)
        assert said_in_english.split(" ", 3)[-1] not in said


@pytest.mark.parametrize("language", ["de"], indirect=True)
def test_the_settings_note_in_german(language: str, qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(Settings(), SettingsStore(tmp_path / "settings.json"))
    qtbot.addWidget(dialog)
    dialog.desktop_box.hotkey_edit.setText("alt+tab")
    note = dialog.desktop_box.hotkey_note.text()
    assert "Alt+Tab" in note and "normally used" not in note
    assert not dialog.desktop_box.hotkey_ok()
