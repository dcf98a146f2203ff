"""The model picker (filled from the models list the real emulator serves over HTTPS, or the
built-in list), the thinking level, and the one-time suggestion to leave the old preview."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from desktop.core.live_models import FALLBACK_MODELS
from desktop.emulator import LiveEmulator
from desktop.session.endpoint import Endpoint
from desktop.session.models_list import list_live_models
from desktop.settings import Settings, SettingsStore
from desktop.ui.main_window import MainWindow
from desktop.ui.model_picker import ModelPicker
from desktop.ui.settings_dialog import SettingsDialog
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot


def test_the_picker_lists_the_keys_live_models(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    emulator = LiveEmulator(
        cert_dir=tmp_path / "certs",
        api_key="K",
        known_models={"gemini-3.8-live", "gemini-3.8-live-extended-thinking", "custom-live-1"},
    )
    started = qloop.create_task(emulator.start())
    qtbot.waitUntil(started.done, timeout=10_000)
    picker = ModelPicker(Settings(model="gemini-3.1-flash-live-preview"))
    qtbot.addWidget(picker)
    assert [picker.combo.itemText(i) for i in range(picker.combo.count())] == list(FALLBACK_MODELS)
    endpoint = Endpoint("K", emulator.base_url + "/", emulator.ca_file, False, "test")
    loading = picker.load(lambda: list_live_models(endpoint))
    assert loading is not None
    qtbot.waitUntil(loading.done, timeout=10_000)
    offered = [picker.combo.itemText(i) for i in range(picker.combo.count())]
    # The key's Live models, and the current setting kept (never silently changed).
    assert offered == [
        "custom-live-1",
        "gemini-3.8-live",
        "gemini-3.8-live-extended-thinking",
        "gemini-3.1-flash-live-preview",
    ]
    assert picker.model() == "gemini-3.1-flash-live-preview"
    assert "3 Live model" in picker.note.text()
    # A wrong key: the built-in list, and why.
    bad = Endpoint("wrong", emulator.base_url, emulator.ca_file, False, "test")
    loading = picker.load(lambda: list_live_models(bad))
    assert loading is not None
    qtbot.waitUntil(loading.done, timeout=10_000)
    assert picker.combo.count() == len(FALLBACK_MODELS)
    assert "could not be read" in picker.note.text()
    stopping = qloop.create_task(emulator.stop())
    qtbot.waitUntil(stopping.done, timeout=10_000)


def test_thinking_level_only_for_the_extended_thinking_model(qtbot: QtBot, tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    dialog = SettingsDialog(Settings(), store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    picker = dialog.model_picker
    assert picker.model() == "gemini-3.8-live" and not picker.thinking.isVisible()
    picker.combo.setCurrentText("gemini-3.8-live-extended-thinking")
    assert picker.thinking.isVisible()
    picker.thinking.setCurrentIndex(picker.thinking.findData("high"))
    dialog.accept()
    saved = json.loads((tmp_path / "settings.json").read_text())
    assert saved["model"] == "gemini-3.8-live-extended-thinking"
    assert saved["thinking_level"] == "high"


def window_for(qtbot: QtBot, tmp_path: Path, settings: Settings) -> MainWindow:
    window = MainWindow(settings, settings_store=SettingsStore(tmp_path / "settings.json"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_old_preview_users_are_asked_once_and_can_switch(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_for(qtbot, tmp_path, Settings(model="gemini-3.1-flash-live-preview"))
    bar = window.model_suggestion
    assert bar is not None and bar.isVisible()
    assert window.settings.model == "gemini-3.1-flash-live-preview"  # nothing changed by itself
    with qtbot.waitSignal(window.settings_changed) as changed:
        qtbot.mouseClick(bar.switch, Qt.MouseButton.LeftButton)
    assert changed.args[0].model == "gemini-3.8-live"
    assert not bar.isVisible()
    saved = json.loads((tmp_path / "settings.json").read_text())
    assert saved["model"] == "gemini-3.8-live" and saved["model_suggestion_dismissed"] is True
    # Next start: no bar.
    again = window_for(qtbot, tmp_path, SettingsStore(tmp_path / "settings.json").load())
    assert again.model_suggestion is None


def test_keep_is_remembered_and_nothing_changes(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_for(qtbot, tmp_path, Settings(model="gemini-3.1-flash-live-preview"))
    bar = window.model_suggestion
    assert bar is not None
    with qtbot.assertNotEmitted(window.settings_changed):
        qtbot.mouseClick(bar.keep, Qt.MouseButton.LeftButton)
    saved = SettingsStore(tmp_path / "settings.json").load()
    assert saved.model == "gemini-3.1-flash-live-preview" and saved.model_suggestion_dismissed
    assert window_for(qtbot, tmp_path, saved).model_suggestion is None
    # Users of any other model never see it.
    assert window_for(qtbot, tmp_path, Settings()).model_suggestion is None


def test_without_an_event_loop_the_built_in_list_stays(qtbot: QtBot) -> None:
    # A dialog opened with a key but no asyncio loop (it crashed with "no current event loop").
    asyncio.set_event_loop(None)
    picker = ModelPicker(Settings())
    qtbot.addWidget(picker)

    async def never() -> list[str]:
        raise AssertionError("not called")

    assert picker.load(never) is None
    assert picker.combo.count() == len(FALLBACK_MODELS)


def test_a_picker_closed_while_the_list_is_read_is_left_alone(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop
) -> None:
    # Settings closed (and deleted) while Google's models list was still being read offline.
    release = asyncio.Event()

    async def slow_failure() -> list[str]:
        await release.wait()
        raise ConnectionError("[Errno -2] Name or service not known")

    picker = ModelPicker(Settings())
    loading = picker.load(slow_failure)
    assert loading is not None
    picker.deleteLater()
    qtbot.wait(50)  # the C++ widgets are gone now
    release.set()
    qtbot.waitUntil(loading.done, timeout=5_000)
    assert loading.exception() is None
