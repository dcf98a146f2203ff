"""SessionController wiring (with a stand-in session) and run_gui against the real emulator."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest
from desktop.api_key import ApiKey
from desktop.core.events import Event, SessionState, StateChanged
from desktop.core.live_config import Reconfigure
from desktop.session.endpoint import EMULATED_LABEL, Endpoint
from desktop.settings import Settings, SettingsStore
from desktop.ui.gui_app import SessionController, app_icon, run_gui
from desktop.ui.main_window import MainWindow
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop import settings as settings_module

ENDPOINT = Endpoint("k", "wss://127.0.0.1:1", None, True, EMULATED_LABEL)


class StandInSession:
    """Enough of LiveSession for the controller: goes live, echoes typed text, stops."""

    made: ClassVar[list[StandInSession]] = []

    def __init__(self, endpoint: Endpoint, settings: Settings, on_event: Callable[[Event], None]):
        self.endpoint, self.settings, self.on_event = endpoint, settings, on_event
        self.sent: list[str] = []
        self.reconfigured: list[Settings] = []
        self.reconnects = 0
        self.stopped = asyncio.Event()
        StandInSession.made.append(self)

    async def run(self) -> None:
        self.on_event(StateChanged(SessionState.CONNECTING))
        self.on_event(StateChanged(SessionState.LIVE))
        await self.stopped.wait()
        self.on_event(StateChanged(SessionState.CLOSED))

    def send_text(self, text: str) -> None:
        self.sent.append(text)

    def reconfigure(self, settings: Settings, **_: Any) -> Reconfigure:
        changed = settings != self.settings
        self.settings = settings
        self.reconfigured.append(settings)
        return Reconfigure.RESUME if changed else Reconfigure.NONE

    def reconnect(self) -> None:
        self.reconnects += 1

    async def stop(self) -> None:
        self.stopped.set()


class Opener:
    def __init__(self, fail: Exception | None = None) -> None:
        self.fail = fail
        self.opened = 0
        self.closed = 0

    async def __call__(self, **_: Any) -> tuple[Endpoint, Callable[[], Awaitable[None]]]:
        if self.fail is not None:
            raise self.fail
        self.opened += 1

        async def close() -> None:
            self.closed += 1

        return ENDPOINT, close


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    win = MainWindow(Settings(), settings_store=SettingsStore(tmp_path / "settings.json"))
    qtbot.addWidget(win)
    win.show()
    return win


def run_controller(
    qloop: asyncio.AbstractEventLoop, window: MainWindow, opener: Opener
) -> tuple[SessionController, asyncio.Task[int]]:
    StandInSession.made.clear()
    controller = SessionController(
        window,
        window.settings,
        opener=opener,
        session_factory=StandInSession,  # type: ignore[arg-type]
    )
    return controller, qloop.create_task(controller.run_until_closed())


def test_controller_routes_text_keeps_the_session_on_settings_and_shuts_down(
    window: MainWindow,
    qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("desktop.session.endpoint.resolve_api_key", lambda: None)
    opener = Opener()
    controller, running = run_controller(qloop, window, opener)
    qtbot.waitUntil(lambda: window.status_text == "Live")
    assert window.badge_text == "Offline demo - emulated model"
    window.text_submitted.emit("hi")
    assert StandInSession.made[0].sent == ["hi"]

    # New settings and Reconnect go to the running session: no new session, no new endpoint.
    window.settings_changed.emit(Settings(voice="Kore"))
    window.reconnect_requested.emit()
    (session,) = StandInSession.made
    assert [s.voice for s in session.reconfigured] == ["Kore"] and session.reconnects == 1
    assert window.settings.voice == "Kore"
    assert opener.opened == 1 and "New session" not in window.transcript.plain_text()

    window.close()
    qtbot.waitUntil(running.done)
    assert running.result() == 0
    assert session.stopped.is_set() and opener.closed == 1
    assert controller.session is None


def test_a_key_saved_meanwhile_reopens_the_endpoint_with_a_new_session(
    window: MainWindow,
    qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The emulator was in use; a key saved in Settings means Google: a new endpoint."""
    key: list[ApiKey] = []
    monkeypatch.setattr("desktop.session.endpoint.resolve_api_key", lambda: key[0] if key else None)
    opener = Opener()
    _, running = run_controller(qloop, window, opener)
    qtbot.waitUntil(lambda: window.status_text == "Live")

    key.append(ApiKey("AIza-new", "keychain"))
    window.settings_changed.emit(Settings(voice="Kore"))

    qtbot.waitUntil(lambda: len(StandInSession.made) == 2 and window.status_text == "Live")
    first, second = StandInSession.made
    assert first.stopped.is_set() and not first.reconfigured
    assert second.settings.voice == "Kore" and (opener.opened, opener.closed) == (2, 1)
    assert "New session" in window.transcript.plain_text()
    window.close()
    qtbot.waitUntil(running.done)


def test_endpoint_failure_still_shows_the_window_with_the_error(
    window: MainWindow, qtbot: QtBot, qloop: asyncio.AbstractEventLoop
) -> None:
    _, running = run_controller(qloop, window, Opener(fail=OSError("cannot start the emulator")))
    qtbot.waitUntil(lambda: window.status_text.startswith("Error"))
    assert window.status_text == "Error: cannot start the emulator"
    assert window.badge_text == "Not connected"
    window.text_submitted.emit("anyone there?")
    assert "Not connected" in window.status_text
    window.close()
    qtbot.waitUntil(running.done)


def test_icon_resource_loads(qapp: QApplication) -> None:
    assert not app_icon().isNull()


def test_run_gui_typed_turn_on_the_bundled_emulator_then_quit(
    qapp: QApplication, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    """The whole window app: no key, so the bundled emulator starts; Ctrl+Q ends it cleanly."""
    seen: dict[str, str] = {}

    def main_window() -> MainWindow | None:
        # Visible ones only: an earlier test's closed window may still be a top-level widget.
        found = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        return found[-1] if found else None

    def drive() -> None:
        window = main_window()
        if window is None:
            return
        if "typed" not in seen and window.status_text == "Live":
            seen["typed"] = "yes"
            QTest.keyClicks(window.message_input, "hello")
            QTest.keyClick(window.message_input, Qt.Key.Key_Return)
        elif 'You wrote: "hello"' in window.transcript.plain_text() and "done" not in seen:
            seen["done"] = window.transcript.plain_text()
            seen["badge"] = window.badge_text
            window.close()

    ticker = QTimer()
    ticker.timeout.connect(drive)
    ticker.start(50)
    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(lambda: (w := main_window()) and w.close())
    give_up.start(30_000)
    caplog.set_level(logging.WARNING)
    # No global hotkey here: pynput's listener thread can outlive run_gui (blocked in X
    # RECORD), and two such threads were still talking to the shared X server when a later
    # UI test crashed in Qt. tests/desktop covers the hotkey in processes of their own.
    config = settings_module.config_dir()
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text('{"talk_shortcut": ""}')
    try:
        code = run_gui(base_url=None, ca_file=None, model=None)
    finally:
        ticker.stop()
        give_up.stop()
    assert code == 0
    assert 'You wrote: "hello"' in seen.get("done", ""), seen
    assert seen["badge"] == "Offline demo - emulated model"
    assert "Task was destroyed" not in caplog.text
