"""SettingsDialog: what OK saves, and how the API key is handled (never a file)."""

from __future__ import annotations

from pathlib import Path

import pytest
from desktop.settings import Settings, SettingsStore
from desktop.ui.main_window import MainWindow
from desktop.ui.settings_dialog import SettingsDialog
from PySide6.QtWidgets import QMessageBox, QTabWidget
from pytestqt.qtbot import QtBot


def make_dialog(qtbot: QtBot, tmp_path: Path, settings: Settings | None = None) -> SettingsDialog:
    dialog = SettingsDialog(settings or Settings(), SettingsStore(tmp_path / "settings.json"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_shows_the_current_settings(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings(model="my-own-model", voice="Kore", language="de-DE")
    dialog = make_dialog(qtbot, tmp_path, settings)
    assert dialog.model_combo.currentText() == "my-own-model"
    assert dialog.voice_combo.currentText() == "Kore"
    assert dialog.language_combo.currentData() == "de-DE"
    assert dialog.settings() == settings


def test_ok_saves_the_entered_settings(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, tmp_path)
    dialog.model_combo.setCurrentText("gemini-2.5-flash-native-audio-preview-12-2025")
    dialog.voice_combo.setCurrentText("Zephyr")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("ja-JP"))
    dialog.instruction_edit.setPlainText("Be brief.")
    dialog.accept()
    saved = SettingsStore(tmp_path / "settings.json").load()
    assert saved.model == "gemini-2.5-flash-native-audio-preview-12-2025"
    assert (saved.voice, saved.language, saved.system_instruction) == (
        "Zephyr",
        "ja-JP",
        "Be brief.",
    )
    assert not dialog.key_changed


def test_keychain_failure_is_explained_and_nothing_is_written(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, tmp_path)  # the test keyring backend always fails
    assert "offline demo" in dialog.key_status.text()
    dialog.key_edit.setText("AIza-secret")
    dialog.save_key_button.click()
    # No raw keyring error in a box: the key is used for this run and the panel says how to
    # keep it (tests/ui/test_key_entry.py covers the panel).
    assert dialog.findChild(QMessageBox, "settingsWarning") is None
    assert dialog.key_box.no_keychain_panel.isVisible()
    assert "GEMINI_API_KEY" in dialog.key_box.command_edit.text()
    assert dialog.key_changed
    dialog.accept()
    assert "AIza-secret" not in (tmp_path / "settings.json").read_text()


def test_a_key_in_the_environment_is_pointed_out(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GEMINI_API_KEY", "from-env")
    dialog = make_dialog(qtbot, tmp_path)
    assert "GEMINI_API_KEY" in dialog.key_status.text()


def test_saving_a_key_marks_it_changed(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored: list[str] = []
    monkeypatch.setattr("desktop.ui.key_entry.store_in_keychain", stored.append)
    dialog = make_dialog(qtbot, tmp_path)
    dialog.key_edit.setText(" new-key ")
    dialog.save_key_button.click()
    assert stored == ["new-key"] and dialog.key_changed and dialog.key_edit.text() == ""


def test_window_emits_settings_changed_after_ok(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(Settings(), settings_store=SettingsStore(tmp_path / "settings.json"))
    qtbot.addWidget(window)
    window.show()
    window.open_settings()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.voice_combo.setCurrentText("Charon")
    with qtbot.waitSignal(window.settings_changed) as changed:
        dialog.accept()
    assert changed.args is not None and changed.args[0].voice == "Charon"
    assert window.settings.voice == "Charon"


def test_tools_group_shows_and_saves_the_tool_settings(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings(tools_point_at=False, tools_open_url=True, tool_timeout_s=30.0)
    dialog = make_dialog(qtbot, tmp_path, settings)
    box = dialog.tools_box
    tabs = dialog.findChild(QTabWidget)
    assert tabs is not None and box.title() == "Tools"
    tabs.setCurrentWidget(box.parentWidget())
    assert "Sharing" in tabs.tabText(tabs.currentIndex()) and box.isVisibleTo(dialog)
    assert not box.point_at_check.isChecked() and box.open_url_check.isChecked()
    assert not box.google_search_check.isChecked() and not box.clipboard_check.isChecked()
    assert "Google Search grounding" in box.google_search_check.text()
    assert not box.fresh_look_check.isChecked()
    assert box.timeout_spin.value() == 30.0
    assert dialog.settings() == settings
    box.point_at_check.setChecked(True)
    box.google_search_check.setChecked(True)
    box.clipboard_check.setChecked(True)
    box.open_url_check.setChecked(False)
    box.fresh_look_check.setChecked(True)
    box.timeout_spin.setValue(45.0)
    dialog.accept()
    saved = SettingsStore(tmp_path / "settings.json").load()
    assert (saved.tools_point_at, saved.tools_google_search) == (True, True)
    assert (saved.tools_clipboard, saved.tools_open_url) == (True, False)
    assert saved.tool_timeout_s == 45.0
    assert saved.tools_fresh_look
