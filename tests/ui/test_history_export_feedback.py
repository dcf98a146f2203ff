"""History › Export says where the file went, and says why when it could not write it."""

from __future__ import annotations

from pathlib import Path

import pytest
from desktop.core.events import LineSource, Role, TranscriptLine
from desktop.outputs.history import HistoryRecorder
from desktop.ui.history_window import HistoryWindow
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.x11


def test_export_confirms_the_path_and_reports_a_failure(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder = HistoryRecorder(path=tmp_path / "history.db")
    recorder.new_session("gemini-3.8-live", "Google")
    recorder(TranscriptLine(1, Role.USER, "What is on screen?", LineSource.TYPED, 1.0, 1.0))
    assert recorder.store is not None
    window = HistoryWindow(recorder.store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    saved = window.findChild(type(window.summary), "historySaved")
    assert saved is not None and not saved.isVisible()

    target = tmp_path / "out" / "session.md"
    target.parent.mkdir()
    window._export_to(target, "md")
    assert "What is on screen?" in target.read_text(encoding="utf-8")
    assert saved.isVisible() and saved.text() == f"Saved to {target}"

    warned: list[tuple[str, str]] = []  # a modal box would wait for a click
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, title, text: warned.append((title, text))
    )
    window._export_to(tmp_path / "missing" / "folder" / "x.md", "md")
    assert [title for title, _ in warned] == ["Export failed"]
    assert "No such file" in warned[0][1]
    assert not saved.isVisible()  # no stale "saved to" under a failure
