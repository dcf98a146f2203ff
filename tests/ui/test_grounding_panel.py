"""A grounded answer shows its sources and Google's search entry point beside the transcript;
a turn the model ended for more input (or early) says so in the transcript."""

from __future__ import annotations

from pathlib import Path

from desktop.core.casing import snake_keys
from desktop.core.events import Grounding, Source, TurnComplete
from desktop.core.grounding import parse_grounding
from desktop.emulator.replies import grounding_metadata
from desktop.settings import Settings, SettingsStore
from desktop.ui.main_window import MainWindow
from pytestqt.qtbot import QtBot


def make_window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    window = MainWindow(Settings(), settings_store=SettingsStore(tmp_path / "settings.json"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_sources_and_the_search_entry_point_are_shown(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    assert not window.grounding.isVisible()  # nothing grounded yet
    grounding = parse_grounding(snake_keys(grounding_metadata("weather in Berlin")), 0)
    window.apply_event(grounding)
    assert window.grounding.isVisible()
    assert window.grounding.source_links() == [
        ("About weather in Berlin", "https://example.org/a?q=weather+in+Berlin"),
        ("More on weather in Berlin", "https://example.org/b?q=weather+in+Berlin"),
    ]
    shown = window.grounding.browser.toHtml()
    assert 'href="https://example.org/a?q=weather+in+Berlin"' in shown
    assert 'href="https://www.google.com/search?q=weather+in+Berlin"' in shown  # entry point
    # The next answer's sources replace these.
    window.apply_event(Grounding(1, (Source("Other", "https://example.org/o"),)))
    assert window.grounding.source_links() == [("Other", "https://example.org/o")]


def test_a_turn_ended_for_more_input_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.apply_event(TurnComplete(0))
    assert "waiting" not in window.transcript.plain_text()
    window.apply_event(TurnComplete(1, reason="NEED_MORE_INPUT"))
    assert "The model is waiting for you to say more." in window.transcript.plain_text()
    window.apply_event(TurnComplete(2, reason="GENERATED_CONTENT_SAFETY"))
    assert "ended its answer early (generated content safety)" in window.transcript.plain_text()


def test_you_are_speaking_follows_the_server(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop.core.events import LineSource, Role, TranscriptLine, UserSpeech

    window = make_window(qtbot, tmp_path)
    assert not window.you_speaking.isVisible()
    window.apply_event(UserSpeech(True))
    assert window.you_speaking.isVisible()
    window.apply_event(UserSpeech(False))
    assert not window.you_speaking.isVisible()
    window.apply_event(UserSpeech(True, "what is"))  # interim transcription only
    assert window.you_speaking.isVisible()
    window.apply_event(TranscriptLine(1, Role.USER, "what is this", LineSource.SPEECH, 0.0, 1.0))
    assert not window.you_speaking.isVisible()
