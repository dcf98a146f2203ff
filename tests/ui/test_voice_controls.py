"""The window's voice row on a real X server, real PortAudio (private PulseAudio) and the real
emulator: level meter, push-to-talk button, talk-mode switch (session restart), speaking."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from desktop.audio.voice import Voice
from desktop.core.events import SessionState
from desktop.emulator import LiveEmulator
from desktop.session.endpoint import Endpoint
from desktop.settings import Settings, SettingsStore
from desktop.ui.gui_app import SessionController
from desktop.ui.main_window import MainWindow
from desktop.ui.voice_controls import VoiceController
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.support.pulse import PulseAudio, speech

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "voice.png"


@pytest.fixture
def emulator(qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path) -> Iterator[Any]:
    emu = LiveEmulator(port=0, cert_dir=tmp_path / "certs")
    started = qloop.create_task(emu.start())
    qtbot.waitUntil(started.done, timeout=10_000)
    yield emu
    stopped = qloop.create_task(emu.stop())
    qtbot.waitUntil(stopped.done, timeout=10_000)


def opener_for(emu: LiveEmulator) -> Callable[..., Awaitable[Any]]:
    async def opener(**_: Any) -> tuple[Endpoint, Callable[[], Awaitable[None]]]:
        async def close() -> None:
            pass

        return Endpoint("key", emu.base_url, emu.ca_file, True, "emulator"), close

    return opener


def test_voice_row_meter_push_to_talk_switch_and_speaking(
    pulse: PulseAudio,
    emulator: LiveEmulator,
    qloop: asyncio.AbstractEventLoop,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    settings = Settings(echo_mode="half-duplex")
    window = MainWindow(settings, settings_store=store)
    qtbot.addWidget(window)
    window.resize(980, 620)
    window.show()
    controller = SessionController(window, settings, opener=opener_for(emulator))
    voice = VoiceController(window, controller, Voice(settings), store)
    controls = voice.controls
    qloop.create_task(voice.start())
    running = qloop.create_task(controller.run_until_closed())
    qtbot.waitUntil(lambda: window.status_text == "Live", timeout=15_000)
    qtbot.waitUntil(lambda: controls.mute_button.isEnabled(), timeout=10_000)

    # Hands-free: the button is not for talking; the meter follows the voice.
    assert not controls.talk_button.isEnabled()
    assert "just talk" in controls.talk_button.text()
    pulse.say(speech("Testing the level meter, one two three."))
    qtbot.waitUntil(lambda: controls.meter.level > 0.4, timeout=10_000)

    # Switch to push-to-talk: saved, and a new connection without automatic detection.
    connections = emulator.connections
    controls.mode_combo.setCurrentIndex(controls.mode_combo.findData("push-to-talk"))
    qtbot.waitUntil(lambda: emulator.connections > connections, timeout=15_000)
    qtbot.waitUntil(lambda: window.status_text == "Live", timeout=15_000)
    assert store.load().talk_mode == "push-to-talk"
    assert emulator.setups[-1]["realtime_input_config"]["automatic_activity_detection"] == {
        "disabled": True
    }
    assert controls.talk_button.isEnabled() and controls.talk_button.text() == "Hold to talk"

    # Hold the big button while speaking.
    QTest.mousePress(controls.talk_button, Qt.MouseButton.LeftButton)
    assert controls.talk_button.text() == "Talking…"
    pulse.say(speech("What is this window?"))
    qtbot.wait(2200)
    QTest.mouseRelease(controls.talk_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controls.talk_button.text() == "Hold to talk")
    conn = emulator.connections - 1

    def kinds() -> list[str]:
        received = emulator.received_of("realtime_input", conn)
        return [next(iter(r.message["realtime_input"])) for r in received]

    qtbot.waitUntil(lambda: "activity_end" in kinds(), timeout=10_000)
    assert kinds()[0] == "activity_start" and kinds()[-1] == "activity_end"

    # The model answers: the speaking indicator shows while its voice plays.
    qtbot.waitUntil(lambda: controls.speaking.isVisible(), timeout=15_000)
    if os.environ.get("SCREENMATE_SCREENSHOT"):
        qtbot.wait(300)
        window.grab().save(str(SCREENSHOT))
    qtbot.waitUntil(lambda: not controls.speaking.isVisible(), timeout=30_000)
    assert controller.session is not None and controller.session.state is SessionState.LIVE

    window.close()
    qtbot.waitUntil(running.done, timeout=15_000)
    stopped = qloop.create_task(voice.aclose())
    qtbot.waitUntil(stopped.done, timeout=10_000)
