"""MainWindow on the real X server, and the window talking to the real emulator end to end."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from desktop.core.events import (
    SessionError,
    SessionState,
    StateChanged,
    Usage,
)
from desktop.session.endpoint import EMULATED_LABEL, GOOGLE_LABEL, Endpoint
from desktop.settings import Settings, SettingsStore
from desktop.ui.main_window import DEFAULT_SIZE, MainWindow
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

EMULATED = Endpoint("offline-demo", "wss://127.0.0.1:1", None, True, EMULATED_LABEL)
GOOGLE = Endpoint("real-key", None, None, False, GOOGLE_LABEL)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    win = MainWindow(Settings(), settings_store=SettingsStore(tmp_path / "settings.json"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win


def test_offline_badge_for_an_emulated_endpoint(window: MainWindow) -> None:
    window.set_endpoint(EMULATED)
    assert window.badge_text == "Offline demo - emulated model"
    badge = window.findChild(QLabel, "endpointBadge")
    assert badge is not None
    tooltip = badge.toolTip()
    assert "GEMINI_API_KEY" in tooltip and "keychain" in tooltip
    assert window.windowTitle() == "Screenmate"


def test_window_opens_with_the_cursor_in_the_message_box(window: MainWindow) -> None:
    assert window.focusWidget() is window.message_input


def test_google_badge_names_the_model(window: MainWindow) -> None:
    window.set_endpoint(GOOGLE)
    assert window.badge_text == "Gemini Live · gemini-3.8-live"  # the default model
    window.set_settings(Settings(model="gemini-live-2.5-flash-preview"))
    assert window.badge_text == "Gemini Live · gemini-live-2.5-flash-preview"


def test_default_size_and_geometry_is_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    first = MainWindow(Settings(), settings_store=store)
    qtbot.addWidget(first)
    assert (first.width(), first.height()) == DEFAULT_SIZE
    first.show()
    qtbot.waitExposed(first)
    first.resize(700, 500)
    qtbot.waitUntil(lambda: first.width() == 700)
    first.close()
    second = MainWindow(Settings(), settings_store=store)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)


def test_status_line_follows_the_session_state(window: MainWindow) -> None:
    window.apply_event(StateChanged(SessionState.CONNECTING))
    assert window.status_text == "Connecting…"
    window.apply_event(StateChanged(SessionState.LIVE, EMULATED_LABEL))
    assert window.status_text == "Live"
    window.apply_event(SessionError("The connection was lost (1006).", 1006, fatal=False))
    window.apply_event(StateChanged(SessionState.RECONNECTING, "", attempt=2))
    assert window.status_text == "Reconnecting (attempt 2)… — The connection was lost (1006)."
    window.apply_event(StateChanged(SessionState.LIVE))
    assert window.status_text == "Live"
    window.apply_event(StateChanged(SessionState.CLOSED))
    assert window.status_text == "Closed"


def test_status_line_shows_the_error_reason(window: MainWindow) -> None:
    window.apply_event(SessionError("API key not valid. Check the key in Settings.", 1007, True))
    window.apply_event(StateChanged(SessionState.ERROR))
    assert window.status_text == "Error: API key not valid. Check the key in Settings."
    window.apply_event(StateChanged(SessionState.ERROR, "Cannot reach example.com:443"))
    assert window.status_text == "Error: Cannot reach example.com:443"
    window.show_error("No endpoint")
    assert window.status_text == "Error: No endpoint"


def test_latest_usage_is_shown(window: MainWindow) -> None:
    window.apply_event(Usage(prompt_tokens=1000, response_tokens=234, total_tokens=1234))
    assert window.usage_text == "last turn: 1,234 tokens"
    window.apply_event(Usage(total_tokens=56))
    assert window.usage_text == "last turn: 56 tokens"


def test_enter_sends_trimmed_text_and_clears_the_box(window: MainWindow, qtbot: QtBot) -> None:
    sent: list[str] = []
    window.text_submitted.connect(sent.append)
    box = window.message_input
    send_button = window.findChild(QPushButton, "sendButton")
    assert send_button is not None and not send_button.isEnabled()
    QTest.keyClicks(box, "   ")
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert sent == [] and not send_button.isEnabled()
    box.clear()
    QTest.keyClicks(box, "  hello  ")
    assert send_button.isEnabled()
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert sent == ["hello"] and box.text() == ""
    QTest.keyClicks(box, "again")
    QTest.mouseClick(send_button, Qt.MouseButton.LeftButton)
    assert sent == ["hello", "again"]


def test_ctrl_l_focuses_the_box_and_ctrl_q_closes(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.transcript.setFocus()
    qtbot.waitUntil(lambda: window.transcript.hasFocus())
    QTest.keySequence(window.transcript, QKeySequence("Ctrl+L"))
    qtbot.waitUntil(lambda: window.message_input.hasFocus())
    with qtbot.waitSignal(window.closed, timeout=2000):
        QTest.keySequence(window.message_input, QKeySequence("Ctrl+Q"))
    assert not window.isVisible()


# -- end to end ---------------------------------------------------------------------------


def test_typed_turn_against_the_real_emulator(
    window: MainWindow, qtbot: QtBot, qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    from desktop.emulator import LiveEmulator
    from desktop.session.live_session import LiveSession

    emulator = LiveEmulator(port=0, cert_dir=tmp_path / "certs")
    started = qloop.create_task(emulator.start())
    qtbot.waitUntil(started.done, timeout=10_000)
    started.result()
    endpoint = Endpoint("test-key", emulator.base_url, str(emulator.ca_file), True, EMULATED_LABEL)
    window.set_endpoint(endpoint)
    session = LiveSession(endpoint, window.settings, window.apply_event)
    window.text_submitted.connect(session.send_text)
    running = qloop.create_task(session.run())
    try:
        qtbot.waitUntil(lambda: window.status_text == "Live", timeout=15_000)
        QTest.keyClicks(window.message_input, "hello")
        QTest.keyClick(window.message_input, Qt.Key.Key_Enter)
        qtbot.waitUntil(
            lambda: 'You wrote: "hello"' in window.transcript.plain_text(), timeout=15_000
        )
        lines = window.transcript.plain_text().splitlines()
        assert lines[0].endswith("] You: hello")
        assert lines[1].split("] ", 1)[1].startswith('Gemini: You wrote: "hello".')
        assert window.status_text == "Live"
        qtbot.waitUntil(lambda: window.usage_text.endswith("tokens"), timeout=5_000)
    finally:
        stopping = qloop.create_task(session.stop())
        qtbot.waitUntil(lambda: stopping.done() and running.done(), timeout=10_000)
        closing = qloop.create_task(emulator.stop())
        qtbot.waitUntil(closing.done, timeout=10_000)
    assert window.status_text == "Closed"
    assert running.exception() is None
