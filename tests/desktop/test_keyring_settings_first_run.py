"""The key in a real file-based keyring (keyrings.alt, in a temp dir: never the user's keychain),
a keychain that is absent, the settings dialog's new sections, the first-run dialog."""

from __future__ import annotations

import os
from pathlib import Path

import keyring
import pytest
from desktop.core.key_check import KeyProblem, KeyVerdict
from desktop.settings import Settings, SettingsStore
from desktop.ui.first_run import FirstRunDialog
from desktop.ui.settings_dialog import SettingsDialog
from keyrings.alt.file import PlaintextKeyring
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop import api_key

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def file_keyring(tmp_path: Path):  # type: ignore[no-untyped-def]
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring.cfg")  # type: ignore[misc]
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_key_round_trip_in_a_real_file_keyring(file_keyring: PlaintextKeyring) -> None:
    assert api_key.resolve_api_key({}) is None
    api_key.store_in_keychain("  AIza-test-key ")
    found = api_key.resolve_api_key({})
    assert found is not None and found.source == "keychain" and found.value == "AIza-test-key"
    assert "AIza" not in repr(found)
    assert api_key.resolve_api_key({"GEMINI_API_KEY": "env"}).value == "env"  # type: ignore[union-attr]
    api_key.delete_from_keychain()
    api_key.delete_from_keychain()  # nothing stored: no error
    assert api_key.resolve_api_key({}) is None


def test_absent_keychain_explains_and_writes_no_file(tmp_path: Path) -> None:
    # conftest selects keyring.backends.fail.Keyring: no keychain at all.
    with pytest.raises(api_key.KeychainUnavailable, match="GEMINI_API_KEY"):
        api_key.store_in_keychain("secret")
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert not any("secret" in p.read_text(errors="ignore") for p in written)


def test_settings_dialog_presets_hotkey_vision_desktop_and_key_test(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, file_keyring: PlaintextKeyring
) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    dialog = SettingsDialog(Settings(), store)
    qtbot.addWidget(dialog)
    dialog.preset_combo.setCurrentIndex(2)
    dialog.preset_combo.activated.emit(2)
    assert "programmer" in dialog.instruction_edit.toPlainText()
    dialog.desktop_box.hotkey_edit.setText("super+space")
    assert "Spotlight" in dialog.desktop_box.hotkey_note.text()
    assert not dialog.desktop_box.hotkey_ok()
    dialog.desktop_box.hotkey_edit.setText("ctrl+shift+f12")
    assert dialog.desktop_box.hotkey_ok()
    dialog.desktop_box.companion_check.setChecked(True)
    dialog.desktop_box.port_spin.setValue(50000)
    dialog.desktop_box.ui_language_combo.setCurrentIndex(
        dialog.desktop_box.ui_language_combo.findData("de")
    )
    dialog.vision_box.resolution_combo.setCurrentIndex(1)
    dialog.vision_box.fps_spin.setValue(2.0)
    settings = dialog.settings()
    assert (settings.talk_shortcut, settings.companion_enabled, settings.companion_port) == (
        "ctrl+shift+f12",
        True,
        50000,
    )
    assert settings.ui_language == "de" and settings.media_resolution == "MEDIA_RESOLUTION_LOW"
    assert settings.vision_fps_max == 2.0

    # Save the key into the (file) keychain, then test it with a stand-in checker.
    dialog.key_edit.setText("AIza-typed")
    dialog.save_key_button.click()
    assert keyring.get_password("screenmate", "gemini-api-key") == "AIza-typed"
    assert dialog.key_changed and "keychain" in dialog.key_status.text()
    tested: list[str] = []

    async def checker(key: str) -> KeyVerdict | None:
        tested.append(key)
        return KeyVerdict(KeyProblem.INVALID_KEY, "API key not valid", 400)

    dialog.key_checker = checker
    import asyncio

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        dialog.test_key_button.click()
        loop.run_until_complete(dialog._key_test)  # type: ignore[arg-type]
    finally:
        loop.close()
        asyncio.set_event_loop(None)
    assert tested == ["AIza-typed"]
    assert "isn't valid" in dialog.key_status.text()
    assert dialog.test_key_button.isEnabled()


def test_first_run_dialog(qapp: QApplication, qtbot: QtBot) -> None:
    dialog = FirstRunDialog("Ctrl+Alt+Space", True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    asked: list[str] = []
    dialog.region_requested.connect(lambda: asked.append("region"))
    if os.environ.get("SCREENMATE_SCREENSHOT"):
        qtbot.wait(200)
        dialog.grab().save(str(SHOTS / "first-run.png"))
    dialog.region_button.click()
    assert asked == ["region"] and not dialog.isVisible()
