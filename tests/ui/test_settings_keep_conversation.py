"""OK in Settings, a talk-mode switch or Reconnect keep the conversation (issue 17): the real
window, real voice (private PulseAudio), the real history (SQLite) and the real emulator."""

from __future__ import annotations

import asyncio
from pathlib import Path

from desktop.audio.voice import Voice
from desktop.core.events import Notice
from desktop.emulator import LiveEmulator
from desktop.outputs.history import HistoryRecorder
from desktop.settings import Settings, SettingsStore
from desktop.ui.history_ui import HistoryController
from desktop.ui.main_window import MainWindow
from desktop.ui.session_controller import SessionController
from desktop.ui.voice_controls import VoiceController
from pytestqt.qtbot import QtBot

from tests.support.pulse import PulseAudio
from tests.ui.test_voice_controls import emulator, opener_for

__all__ = ["emulator"]  # the fixture, shared


def test_talk_mode_settings_and_reconnect_keep_transcript_cost_and_history(
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
    window.show()
    controller = SessionController(window, settings, opener=opener_for(emulator))
    recorder = HistoryRecorder(path=tmp_path / "history.db")
    history = HistoryController(window, controller, recorder)
    notices: list[str] = []
    controller.events.subscribe(lambda e: notices.append(e.text) if isinstance(e, Notice) else None)
    voice = VoiceController(window, controller, Voice(settings), store)
    qloop.create_task(voice.start())
    running = qloop.create_task(controller.run_until_closed())
    try:
        qtbot.waitUntil(lambda: window.status_text == "Live", timeout=15_000)

        def handle() -> str | None:
            return controller.session.resumption_handle if controller.session else None

        def answered(n: int) -> bool:
            return window.transcript.plain_text().count("You wrote:") >= n

        window.text_submitted.emit("remember 42")
        qtbot.waitUntil(lambda: answered(1) and bool(handle()), timeout=15_000)
        qtbot.waitUntil(lambda: history.meter.meter.total_tokens > 0, timeout=10_000)
        cost_before = history.meter.meter.total_tokens

        # The talk-mode switch in the voice row, OK in Settings (a new voice), then Reconnect.
        # (Each waits for the switch itself: a connection opened is not yet switched to, and
        # settings that arrive before the switch join it.)
        def switches() -> int:
            return len(controller.session.switches) if controller.session else 0

        mode = voice.controls.mode_combo
        mode.setCurrentIndex(mode.findData("push-to-talk"))
        qtbot.waitUntil(lambda: switches() == 1, timeout=15_000)
        window.settings_changed.emit(store.load().replace(voice="Kore"))
        qtbot.waitUntil(lambda: switches() == 2, timeout=15_000)
        window.reconnect_requested.emit()
        qtbot.waitUntil(lambda: switches() == 3, timeout=15_000)
        qtbot.waitUntil(lambda: window.status_text == "Live", timeout=15_000)

        assert controller.session is not None
        assert [s.kind for s in controller.session.switches] == ["settings", "settings", "user"]
        for setup in emulator.setups[1:]:
            assert setup["session_resumption"].get("handle"), "every new connection resumed"
        assert (
            emulator.setups[-1]["generation_config"]["speech_config"]["voice_config"][
                "prebuilt_voice_config"
            ]["voice_name"]
            == "Kore"
        )
        assert emulator.setups[-1]["realtime_input_config"] == {
            "automatic_activity_detection": {"disabled": True}
        }
        window.text_submitted.emit("what was the number?")
        # The server's conversation went on: its reply count continues.
        qtbot.waitUntil(lambda: "reply 2." in window.transcript.plain_text(), timeout=15_000)
        text = window.transcript.plain_text()
        assert "remember 42" in text and "New session" not in text
        qtbot.waitUntil(lambda: history.meter.meter.turns == 2, timeout=10_000)
        assert history.meter.meter.total_tokens > cost_before  # the cost meter kept counting
        assert notices.count("New settings in use; the conversation goes on.") == 2
        assert recorder.flush()
        assert recorder.store is not None and len(recorder.store.sessions()) == 1
    finally:
        window.close()
        qtbot.waitUntil(running.done, timeout=15_000)
        stopped = qloop.create_task(voice.aclose())
        qtbot.waitUntil(stopped.done, timeout=10_000)
        history.close()


def test_another_model_keeps_the_transcript_and_the_cost_total(
    emulator: LiveEmulator, qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    settings = Settings()
    window = MainWindow(settings, settings_store=SettingsStore(tmp_path / "settings.json"))
    qtbot.addWidget(window)
    window.show()
    controller = SessionController(window, settings, opener=opener_for(emulator))
    recorder = HistoryRecorder(path=tmp_path / "history.db")
    history = HistoryController(window, controller, recorder)
    running = qloop.create_task(controller.run_until_closed())
    try:
        qtbot.waitUntil(lambda: window.status_text == "Live", timeout=15_000)
        window.text_submitted.emit("remember 42")
        qtbot.waitUntil(lambda: history.meter.meter.turns == 1, timeout=15_000)
        cost_before = history.meter.cost
        assert cost_before > 0

        window.settings_changed.emit(settings.replace(model="gemini-3.1-flash-live-preview"))
        qtbot.waitUntil(lambda: "last 2 turns" in window.transcript.plain_text(), timeout=15_000)
        assert emulator.setups[-1]["model"] == "models/gemini-3.1-flash-live-preview"
        assert history.meter.model == "gemini-3.1-flash-live-preview"
        assert history.meter.cost == cost_before  # the total stays
        window.text_submitted.emit("which number?")
        qtbot.waitUntil(lambda: history.meter.meter.turns == 2, timeout=15_000)
        assert history.meter.cost > cost_before
        assert "remember 42" in window.transcript.plain_text()
        assert recorder.flush() and recorder.store is not None
        models = [row.model for row in recorder.store.sessions()]
        assert sorted(models) == ["gemini-3.1-flash-live-preview", "gemini-3.8-live"]
    finally:
        window.close()
        qtbot.waitUntil(running.done, timeout=15_000)
        history.close()
