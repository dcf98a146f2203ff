"""The whole main window as `run_gui` composes it (voice row, vision panel, tool log, cost
meter, menus), for layout, accessibility and screenshot tests. No session runs: tests feed
the events a conversation produces through `controller.events`, so every picture is the
same on every run."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from pathlib import Path

from desktop.audio.voice import Voice
from desktop.core.events import (
    LineSource,
    Role,
    SessionState,
    StateChanged,
    TranscriptLine,
    Usage,
)
from desktop.core.tool_calls import ToolRecord, ToolStatus
from desktop.outputs.history import HistoryRecorder
from desktop.session.endpoint import EMULATED_LABEL, Endpoint
from desktop.settings import Settings, SettingsStore
from desktop.ui.history_ui import HistoryController
from desktop.ui.main_window import MainWindow
from desktop.ui.session_controller import SessionController
from desktop.ui.tools_ui import ToolsController
from desktop.ui.vision import VisionController
from desktop.ui.voice_controls import VoiceController

EMULATED = Endpoint("offline-demo", "wss://127.0.0.1:1", None, True, EMULATED_LABEL)

CONVERSATION = [
    (Role.USER, LineSource.TYPED, "What can you see on my screen?"),
    (
        Role.MODEL,
        LineSource.SPEECH,
        "A spreadsheet with quarterly revenue: the chart on the right rises from March, and "
        "the cell B7 is highlighted in yellow. The column headers read Region, Q1, Q2 and Q3.",
    ),
    (Role.USER, LineSource.SPEECH, "Where is the save button?"),
    (Role.MODEL, LineSource.SPEECH, "Top left, the floppy-disk icon next to Undo."),
]


@dataclass
class FullWindow:
    window: MainWindow
    controller: SessionController
    voice: VoiceController
    vision: VisionController
    tools: ToolsController
    history: HistoryController

    def converse(self) -> None:
        """A short conversation, live on the emulator, with one tool call and usage."""
        events = self.controller.events
        self.window.set_endpoint(EMULATED)
        events(StateChanged(SessionState.LIVE, EMULATED_LABEL))
        start = time.time() - 60
        for n, (role, source, text) in enumerate(CONVERSATION, start=1):
            at = start + n * 9
            events(TranscriptLine(n, role, text, source, at, at + 4))
        events(Usage(1840, 312, 2152, {"TEXT": 340, "IMAGE": 1500}, {"AUDIO": 312}))
        args = {"box_2d": [80, 20, 140, 90], "label": "Save"}
        record = ToolRecord("call-1", "point_at", args, start)
        self.tools.panel.show_record(record.finished(ToolStatus.DONE, "highlighted", start + 0.04))

    async def aclose(self) -> None:
        await self.tools.aclose()
        await self.voice.aclose()
        await self.vision.aclose()
        self.history.close()


def build(tmp_path: Path, settings: Settings | None = None) -> FullWindow:
    settings = settings or Settings(first_run_done=True, tray_hint_shown=True)
    store = SettingsStore(tmp_path / "settings.json")
    window = MainWindow(settings, settings_store=store)
    controller = SessionController(window, settings)
    vision = VisionController(window, controller, settings, store)
    voice = VoiceController(window, controller, Voice(settings), store)
    recorder = HistoryRecorder(path=tmp_path / "history.db")
    history = HistoryController(window, controller, recorder)
    tools = ToolsController(window, controller, vision)
    return FullWindow(window, controller, voice, vision, tools, history)


def start_voice(full: FullWindow, loop: asyncio.AbstractEventLoop) -> asyncio.Task[None]:
    return loop.create_task(full.voice.start())
