"""A line typed on a paired phone shows in the desktop transcript under the phone's name, not
as a plain "You · typed" (issue 17): the real companion service on loopback, a real device
socket, the real window."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from pathlib import Path
from typing import Any

import pytest
from desktop.core.events import LineSource, Role, TranscriptLine
from desktop.core.fanout import EventFanout
from desktop.settings import Settings, SettingsStore
from desktop.ui.main_window import MainWindow
from desktop.ui.pairing_dialog import CompanionUi
from pytestqt.qtbot import QtBot

from tests.support.companion import pair

pytestmark = pytest.mark.x11


class TypedLines:
    """The session's side that matters here: a typed line is shown at once, as LiveSession
    does (`SessionInputs.send_text` emits the user's line before it is delivered)."""

    def __init__(self, events: EventFanout) -> None:
        self.events = events
        self.settings = Settings()
        self._ids = itertools.count(1)

    def send_text(self, text: str) -> None:
        now = time.time()
        self.events(TranscriptLine(next(self._ids), Role.USER, text, LineSource.TYPED, now, now))

    def __getattr__(self, name: str) -> Any:  # audio and activity: not used here
        return lambda *args, **kwargs: None


def run(qtbot: QtBot, loop: asyncio.AbstractEventLoop, coro: Any) -> Any:
    task = loop.create_task(coro)
    qtbot.waitUntil(task.done, timeout=10_000)
    return task.result()


def test_a_phones_line_is_named_after_the_phone(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    window = MainWindow(Settings(), settings_store=store)
    qtbot.addWidget(window)
    window.show()
    events = EventFanout()
    events.subscribe(window.apply_event)
    session = TypedLines(events)
    companions = CompanionUi(window, events, lambda: session, store)
    run(qtbot, qloop, companions.service.start(host="127.0.0.1", port=0, advertise=False))
    try:
        ws, _, _ = run(qtbot, qloop, pair(companions.service, "Kitchen phone"))
        run(qtbot, qloop, ws.send(json.dumps({"type": "text", "text": "hello from the phone"})))
        shown = window.transcript.toPlainText
        qtbot.waitUntil(lambda: "hello from the phone" in shown(), timeout=10_000)
        assert "Kitchen phone · typed" in shown()
        session.send_text("and this one from the desktop")  # typed here: no device name
        qtbot.waitUntil(lambda: "and this one from the desktop" in shown())
        assert shown().count("Kitchen phone") == 1
        run(qtbot, qloop, ws.close())
    finally:
        run(qtbot, qloop, companions.stop())
