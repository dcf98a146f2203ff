"""The History window and the cost meter on the real X server, over a real SQLite file."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from desktop.core.events import (
    LineSource,
    Notice,
    Role,
    SessionState,
    StateChanged,
    TranscriptLine,
    Usage,
)
from desktop.outputs.history import HistoryRecorder
from desktop.settings import Settings, SettingsStore, data_dir
from desktop.ui.history_ui import HistoryController
from desktop.ui.history_window import HistoryWindow
from desktop.ui.main_window import MainWindow
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.test_gui_app import Opener, StandInSession, run_controller

pytestmark = pytest.mark.x11


def line(n: int, text: str, role: Role = Role.USER, interrupted: bool = False) -> TranscriptLine:
    at = 1_760_000_000.0 + n * 7
    return TranscriptLine(n, role, text, LineSource.SPEECH, at, at + 5, interrupted)


def fill(recorder: HistoryRecorder, now: list[float]) -> None:
    talks = [
        ("What is this chart showing?", "It shows monthly revenue rising since March."),
        ("Can you read the error in the terminal?", "It says the port 8443 is already in use."),
    ]
    for s, (question, answer) in enumerate(talks):
        now[0] = 1_760_000_000.0 + s * 70
        recorder.new_session("gemini-3.1-flash-live-preview", "Google")
        recorder(line(s * 10 + 1, question))
        recorder(line(s * 10 + 2, answer, Role.MODEL))
        recorder(
            Usage(1200 * (s + 1), 400, 1600 * (s + 1), {"AUDIO": 900, "TEXT": 300}, {"AUDIO": 400})
        )
        recorder(StateChanged(SessionState.CLOSED))


@pytest.fixture
def history(qtbot: QtBot, tmp_path: Path) -> HistoryWindow:
    now = [0.0]
    recorder = HistoryRecorder(path=tmp_path / "history.db", clock=lambda: now[0])
    fill(recorder, now)
    assert recorder.store is not None
    win = HistoryWindow(recorder.store)
    qtbot.addWidget(win)
    win.show()
    return win


def test_lists_searches_previews_and_exports(history: HistoryWindow, tmp_path: Path) -> None:
    assert history.table.rowCount() == 2
    first = [history.table.item(0, c).text() for c in range(5)]
    assert first[1] == "19 s" and first[2] == "Can you read the error in the terminal?"
    assert first[3] == "3,200" and first[4].startswith("$")
    assert "port 8443" in history.preview.toPlainText()
    history.search.setText("revenue")
    history.refresh()  # what the debounce timer does
    assert history.table.rowCount() == 1
    assert "monthly revenue" in history.preview.toPlainText()
    history.export(tmp_path / "s.md", "md")
    history.export(tmp_path / "s.json", "json")
    assert "**Gemini**" in (tmp_path / "s.md").read_text()
    data = json.loads((tmp_path / "s.json").read_text())
    assert data["session"]["first_line"] == "What is this chart showing?"
    assert [x["role"] for x in data["lines"]] == ["user", "model"]


def test_delete_asks_first(history: HistoryWindow, qtbot: QtBot) -> None:
    box = history.confirm_delete()
    assert box is not None and "cannot be undone" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert history.table.rowCount() == 2
    box = history.confirm_delete()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: history.table.rowCount() == 1)
    assert history.table.item(0, 2).text() == "What is this chart showing?"


def test_session_menu_opens_history_and_the_meter_counts_cost(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    window = MainWindow(Settings(), settings_store=SettingsStore(tmp_path / "settings.json"))
    qtbot.addWidget(window)
    window.show()
    controller, running = run_controller(qloop, window, Opener())
    history = HistoryController(window, controller)
    qtbot.waitUntil(lambda: window.status_text == "Live")
    events = StandInSession.made[0].on_event
    events(line(1, "hello there"))
    events(Usage(1000, 500, 1500, {"TEXT": 1000}, {"AUDIO": 500}))
    assert history.meter.text().startswith("Session: 1,500 tokens · ≈ $")
    # gemini-3.8-live (the default): $0.75 in, $4.50 out per million.
    assert history.meter.cost == pytest.approx((1000 * 0.75 + 500 * 4.5) / 1e6)
    # The line is in the database already (the recorder is the first consumer).
    assert history.recorder.store is not None
    assert history.recorder.store.path == data_dir() / "history.db"
    (row,) = history.recorder.store.sessions()
    assert row.first_line == "hello there"
    events(Notice("Started a new session with the last 2 turns as context."))
    assert "Started a new session" in window.transcript.plain_text()
    action = next(a for a in window.actions() if a.text() == "&History…")
    action.trigger()
    opened = history.history_window
    assert opened is not None and opened.isVisible()
    assert opened.table.item(0, 2).text() == "hello there"
    assert any(
        isinstance(w, QLabel) and w.objectName() == "usageMeter"
        for w in window.findChildren(QLabel)
    )
    window.close()
    qtbot.waitUntil(running.done)
    history.close()
    assert not opened.isVisible()
    QApplication.processEvents()
