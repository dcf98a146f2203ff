"""What the app says about talking matches what this desktop has (issue 17): with no tray and
no microphone the welcome and the transcript do not send the user to a hotkey or a tray icon.
The real window, shell and voice on the X server without a tray host."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from desktop.audio.voice import DeviceState
from desktop.settings import Settings, SettingsStore
from desktop.ui.shell import DesktopShell
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.support.full_window import build

pytestmark = pytest.mark.x11


def test_no_tray_and_no_microphone_means_no_hotkey_or_tray_promises(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    settings = Settings(first_run_done=False, talk_shortcut="")
    full = build(tmp_path, settings)
    store = SettingsStore(tmp_path / "settings.json")
    full.window.show()
    shell = DesktopShell(
        full.window,
        full.controller.events.subscribe,
        full.voice.voice,
        full.vision,
        lambda: None,
        store,
        settings,
    )
    try:
        assert not shell.tray.available  # no tray host on this X server
        shell.start()
        started = qloop.create_task(full.voice.start())
        qtbot.waitUntil(started.done, timeout=10_000)
        # Alone there is no sound server; after the voice tests' PulseAudio there is a mic.
        microphone = full.voice.voice.status.mic is DeviceState.OK
        qtbot.waitUntil(lambda: shell.first_run is not None, timeout=5_000)
        assert shell.first_run is not None
        welcome = " ".join(label.text() for label in shell.first_run.findChildren(QLabel))
        assert (
            "tray" not in welcome and "Ctrl+Alt+Space" not in welcome and "anywhere" not in welcome
        )
        if microphone:
            assert "Hold the <b>Talk</b> button" in welcome
        else:
            assert "No microphone was found" in welcome
        qtbot.waitUntil(lambda: "no system tray" in full.window.transcript.toPlainText())
        note = full.window.transcript.toPlainText()
        assert "anywhere" not in note
        assert ("the Talk button below" in note) is microphone
        shell.first_run.close()
    finally:
        shell.stop()
        closing = qloop.create_task(full.aclose())
        qtbot.waitUntil(closing.done, timeout=10_000)
        full.window.close()
        full.window.deleteLater()


def test_the_badge_says_connecting_until_connecting_failed(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop.core.events import SessionState, StateChanged
    from desktop.ui.main_window import MainWindow

    window = MainWindow(Settings(), settings_store=SettingsStore(tmp_path / "s.json"))
    qtbot.addWidget(window)
    window.apply_event(StateChanged(SessionState.CONNECTING))
    assert window.status_text == "Connecting…" and window.badge_text == "Connecting…"
    window.set_endpoint(None)
    window.show_error("Name or service not known")
    assert window.badge_text == "Not connected"
    window.apply_event(StateChanged(SessionState.CONNECTING))  # Reconnect: trying again
    assert window.badge_text == "Connecting…"
    info = window.findChild(QLabel, "sessionInfo")
    assert info is not None and info.text() == "Voice: Puck · Language: automatic"
