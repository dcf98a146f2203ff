"""Tray icon and global push-to-talk on a real X server with a real tray host (trayer), the
real emulator, and keys injected with xdotool while another window has the focus."""

from __future__ import annotations

import asyncio
import os
import subprocess
from pathlib import Path

from desktop.audio.voice import Voice
from desktop.core.tray_state import TrayIcon
from desktop.emulator import LiveEmulator
from desktop.settings import Settings, SettingsStore
from desktop.ui.gui_app import SessionController
from desktop.ui.main_window import MainWindow
from desktop.ui.shell import DesktopShell
from desktop.ui.vision import VisionController
from desktop.ui.voice_controls import VoiceController
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.desktop.conftest import opener_for

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "tray.png"


def xdotool(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True, timeout=10)


def test_tray_follows_the_session_menu_works_and_hotkey_talks(
    tray_host: subprocess.Popen[bytes],
    emulator: LiveEmulator,
    qloop: asyncio.AbstractEventLoop,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    settings = Settings(talk_mode="push-to-talk", echo_mode="off", first_run_done=True)
    store.save(settings)
    window = MainWindow(settings, settings_store=store)
    qtbot.addWidget(window)
    window.show()
    controller = SessionController(window, settings, opener=opener_for(emulator))
    vision = VisionController(window, controller, settings, store)
    voice = VoiceController(window, controller, Voice(settings), store)
    paired: list[bool] = []
    shell = DesktopShell(
        window,
        controller.events.subscribe,
        voice.voice,
        vision,
        lambda: paired.append(True),
        store,
        settings,
    )
    tray = shell.tray
    assert tray.available
    shell.start()
    assert shell.hotkey is not None and shell.hotkey_problem is None, shell.hotkey_problem
    qtbot.waitUntil(lambda: tray.tray.geometry().width() > 0, timeout=10_000)  # embedded
    running = qloop.create_task(controller.run_until_closed())
    qtbot.waitUntil(lambda: window.status_text == "Live", timeout=15_000)
    qtbot.waitUntil(lambda: tray.icon_state is TrayIcon.IDLE, timeout=5_000)
    assert "ready" in tray.tray.toolTip()

    # Another window has the focus; the hotkey still reaches us (pynput, X RECORD).
    other = QWidget()
    other.setWindowTitle("someone else")
    other.setGeometry(50, 50, 300, 200)
    other.show()
    qtbot.addWidget(other)
    other.activateWindow()
    conn = emulator.connections - 1

    def kinds() -> list[str]:
        received = emulator.received_of("realtime_input", conn)
        return [next(iter(r.message["realtime_input"])) for r in received]

    xdotool("keydown", "ctrl+alt+space")
    qtbot.waitUntil(lambda: tray.icon_state is TrayIcon.LISTENING, timeout=5_000)
    qtbot.waitUntil(lambda: "activity_start" in kinds(), timeout=5_000)
    qtbot.wait(300)
    xdotool("keyup", "ctrl+alt+space")
    qtbot.waitUntil(lambda: "activity_end" in kinds(), timeout=5_000)
    assert kinds()[0] == "activity_start" and kinds()[-1] == "activity_end"
    qtbot.waitUntil(lambda: tray.icon_state is not TrayIcon.LISTENING, timeout=5_000)

    # The menu: Talk toggles through Voice.toggle(), Mute, Show/Hide, Pair.
    starts = kinds().count("activity_start")
    tray.talk_action.trigger()
    assert voice.voice.talk.talking and tray.icon_state is TrayIcon.LISTENING
    qtbot.waitUntil(lambda: kinds().count("activity_start") == starts + 1, timeout=5_000)
    tray.talk_action.trigger()
    assert not voice.voice.talk.talking
    tray.mute_action.trigger()
    assert voice.voice.talk.muted and "muted" in tray.tray.toolTip()
    tray.mute_action.trigger()
    assert not voice.voice.talk.muted
    tray.show_action.trigger()
    assert not window.isVisible()
    tray.show_action.trigger()
    assert window.isVisible()
    tray.pair_action.trigger()
    assert paired == [True]
    assert not tray.pause_action.isEnabled()  # nothing shared yet

    if os.environ.get("SCREENSHOT") or os.environ.get("SCREENMATE_SCREENSHOT"):
        tray.menu.popup(tray.tray.geometry().bottomLeft())
        qtbot.wait(400)
        screen = QApplication.primaryScreen()
        geo = tray.menu.geometry().united(tray.tray.geometry()).adjusted(-300, -10, 10, 10)
        screen.grabWindow(0, geo.x(), geo.y(), geo.width(), geo.height()).save(str(SCREENSHOT))
        tray.menu.hide()

    # Closing the window keeps the app in the tray (said once); Quit ends the session.
    window.close()
    assert not window.isVisible() and not running.done()
    assert store.load().tray_hint_shown
    tray.quit_action.trigger()
    qtbot.waitUntil(running.done, timeout=15_000)
    assert tray.icon_state is TrayIcon.OFFLINE
    shell.stop()
    stopped = qloop.create_task(voice.aclose())
    qtbot.waitUntil(stopped.done, timeout=10_000)
    closed = qloop.create_task(vision.aclose())
    qtbot.waitUntil(closed.done, timeout=10_000)
