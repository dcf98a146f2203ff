"""Key entry ends somewhere good: the cursor lands in the key field, Test Key explains failures
in plain words (the real SDK against an unresolvable host and against the emulator), and a
system without a keychain keeps the key for the run and shows how to set GEMINI_API_KEY.

Screenshots of each error path are saved (tmp_path, and docs/screenshots with
SCREENMATE_SCREENSHOT=1) and checked by their pixels: the status icon's colour says which
kind of message is shown."""

from __future__ import annotations

import asyncio
import os
from functools import partial
from pathlib import Path

import pytest
from desktop.api_key import check_key, key_for_this_run, resolve_api_key
from desktop.core.key_check import KeyProblem, KeyVerdict
from desktop.emulator import LiveEmulator
from desktop.settings import Settings, SettingsStore
from desktop.ui.first_run import FirstRunDialog
from desktop.ui.i18n import install_translations
from desktop.ui.main_window import MainWindow
from desktop.ui.settings_dialog import SettingsDialog
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
KEY = "AIzaSyD-test0key1for2screenmate3tests45"
# RFC 2606: .invalid never resolves, anywhere; the SDK meets the same DNS failure as offline.
UNREACHABLE = "https://screenmate-key-test.invalid"


def make_dialog(qtbot: QtBot, tmp_path: Path) -> SettingsDialog:
    dialog = SettingsDialog(Settings(), SettingsStore(tmp_path / "settings.json"))
    qtbot.addWidget(dialog)
    dialog.resize(640, dialog.sizeHint().height())
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def save_shot(widget: QWidget, tmp_path: Path, name: str) -> QImage:
    image = widget.grab().toImage()
    assert image.save(str(tmp_path / f"{name}.png"))
    if os.environ.get("SCREENMATE_SCREENSHOT"):
        image.save(str(SHOTS / f"{name}.png"))
    return image


def icon_hue_pixels(widget: QWidget, hue_range: tuple[int, int]) -> int:
    """Saturated pixels with a hue in range (red ~0/360, amber ~30-60) in the widget."""
    image = widget.grab().toImage()
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            color = QColor(image.pixel(x, y))
            hue = color.hslHue()
            if color.hslSaturation() > 120 and color.lightness() > 60:
                low, high = hue_range
                if low <= hue <= high or (low > high and (hue >= low or hue <= high)):
                    count += 1
    return count


def run_test_key(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.test_key_button.click()
    assert not dialog.test_key_button.isEnabled()
    qtbot.waitUntil(
        lambda: dialog._key_test is not None and dialog._key_test.done(), timeout=30_000
    )
    assert dialog.test_key_button.isEnabled()


def test_enter_an_api_key_opens_settings_in_the_key_field(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(Settings(), settings_store=SettingsStore(tmp_path / "settings.json"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    welcome = FirstRunDialog("Ctrl+Alt+Space", True, window)
    welcome.settings_requested.connect(window.open_key_settings)  # as DesktopShell wires it
    welcome.show()
    qtbot.waitExposed(welcome)
    welcome.settings_button.click()
    qtbot.waitUntil(lambda: window.findChild(SettingsDialog) is not None)
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.key_edit)
    assert dialog.tabs.currentIndex() == 0
    # Typing goes into the key field, not the Model box.
    qtbot.keyClicks(QApplication.focusWidget(), KEY)
    assert dialog.key_edit.text() == KEY and dialog.model_combo.currentText() != KEY
    dialog.reject()


def test_test_key_without_network_says_so_plainly(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, tmp_path)
    dialog.key_checker = partial(check_key, base_url=UNREACHABLE, timeout_s=20)
    dialog.key_edit.setText(KEY)
    run_test_key(qtbot, dialog)
    text = dialog.key_status.text()
    assert text.startswith("No network: couldn't reach Google."), text
    assert "Errno" not in text and "service not known" not in text and KEY not in text
    assert dialog.key_box.status_kind == "error"
    save_shot(dialog, tmp_path, "settings-key-no-network")
    assert icon_hue_pixels(dialog.key_box.status_icon, (340, 15)) > 20  # the red error icon


def test_test_key_against_the_emulator_invalid_then_valid(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    emulator = LiveEmulator(cert_dir=tmp_path / "certs", api_key=KEY)
    started = qloop.create_task(emulator.start())
    qtbot.waitUntil(started.done, timeout=10_000)
    try:
        dialog = make_dialog(qtbot, tmp_path)
        dialog.key_checker = partial(
            check_key, base_url=emulator.base_url, ca_file=str(emulator.ca_file)
        )
        dialog.key_edit.setText("AIzaSyWRONGwrongWRONGwrongWRONGwrong000")
        run_test_key(qtbot, dialog)
        assert dialog.key_status.text().startswith("Google says this key isn't valid.")
        assert "INVALID_ARGUMENT" not in dialog.key_status.text()
        save_shot(dialog, tmp_path, "settings-key-invalid")
        dialog.key_edit.setText(f"  '{KEY}'\n")  # pasted with quotes and a newline
        run_test_key(qtbot, dialog)
        assert dialog.key_status.text() == "The key works. Save it to start using it."
        assert dialog.key_box.status_kind == "ok"
    finally:
        stopping = qloop.create_task(emulator.stop())
        qtbot.waitUntil(stopping.done, timeout=10_000)


@pytest.mark.parametrize(
    ("problem", "start", "kind"),
    [
        (KeyProblem.QUOTA, "The key is valid, but its quota is used up", "warning"),
        (KeyProblem.REGION, "The Gemini API isn't available in your country or region.", "error"),
        (KeyProblem.EXPIRED_KEY, "This key has expired.", "error"),
        (KeyProblem.PERMISSION, "This key may not use the Gemini API.", "error"),
        (KeyProblem.SERVER, "Google had a problem answering (HTTP 503)", "error"),
        (KeyProblem.TIMEOUT, "Google didn't answer within 10 seconds.", "error"),
        (KeyProblem.TLS, "The secure connection to Google failed", "error"),
    ],
)
def test_each_problem_reads_as_advice(
    qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
    tmp_path: Path,
    problem: KeyProblem,
    start: str,
    kind: str,
) -> None:
    dialog = make_dialog(qtbot, tmp_path)

    async def checker(key: str) -> KeyVerdict | None:
        return KeyVerdict(problem, "429 RESOURCE_EXHAUSTED {'error': ...}", 503)

    dialog.key_checker = checker
    dialog.key_edit.setText(KEY)
    run_test_key(qtbot, dialog)
    assert dialog.key_status.text().startswith(start)
    assert "RESOURCE_EXHAUSTED" not in dialog.key_status.text()
    assert dialog.key_box.status_kind == kind
    if problem is KeyProblem.QUOTA:
        save_shot(dialog, tmp_path, "settings-key-quota")
        assert icon_hue_pixels(dialog.key_box.status_icon, (25, 60)) > 20  # the amber warning


def test_no_keychain_keeps_the_key_for_the_run_and_shows_the_env_line(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, tmp_path)  # the test keyring backend always fails
    panel = dialog.key_box.no_keychain_panel
    assert not panel.isVisible()
    dialog.key_edit.setText(f"export GEMINI_API_KEY='{KEY}'")  # pasted from a shell line
    dialog.save_key_button.click()
    # No warning box, no library error: the key works for this run, the way to keep it is shown.
    assert panel.isVisible() and dialog.key_changed
    assert "keyring" not in dialog.key_status.text().lower()
    assert "until Screenmate quits" in dialog.key_status.text()
    found = resolve_api_key({})
    assert found is not None and found.value == KEY and found.source == "this run"
    shown = dialog.key_box.command_edit.text()
    assert "GEMINI_API_KEY" in shown and KEY not in shown and "AIza…s45" not in shown
    assert shown == "echo \"export GEMINI_API_KEY='AIza…ts45'\" >> ~/.profile"
    dialog.key_box.copy_button.click()
    assert QGuiApplication.clipboard().text() == (
        f"echo \"export GEMINI_API_KEY='{KEY}'\" >> ~/.profile"
    )
    assert dialog.key_box.copy_button.text() == "Copied"
    dialog.resize(640, dialog.sizeHint().height())
    qtbot.wait(50)
    save_shot(dialog, tmp_path, "settings-no-keychain")
    dialog.accept()
    # Never in a file: not the settings, not anything else under the test's user folders.
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".png"]
    assert written and not any(KEY in p.read_text(errors="ignore") for p in written)
    QGuiApplication.clipboard().clear()


def test_remove_forgets_a_key_kept_for_the_run(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, tmp_path)
    dialog.key_edit.setText(KEY)
    dialog.save_key_button.click()
    assert key_for_this_run() is not None and dialog.remove_key_button.isEnabled()
    dialog.remove_key_button.click()
    assert key_for_this_run() is None and resolve_api_key({}) is None
    assert "offline demo" in dialog.key_status.text()
    assert not dialog.key_box.no_keychain_panel.isVisible()


@pytest.mark.parametrize(
    ("language", "no_network", "no_keychain"),
    [
        ("de", "Kein Netzwerk", "Kein Schlüsselbund"),
        ("zh_CN", "无网络", "没有钥匙串"),
    ],
)
def test_key_errors_in_german_and_chinese(
    qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
    qapp: QApplication,
    tmp_path: Path,
    language: str,
    no_network: str,
    no_keychain: str,
) -> None:
    install_translations(qapp, language)
    try:
        dialog = make_dialog(qtbot, tmp_path)

        async def checker(key: str) -> KeyVerdict | None:
            return KeyVerdict(KeyProblem.NO_NETWORK, "[Errno -2] Name or service not known")

        dialog.key_checker = checker
        dialog.key_edit.setText(KEY)
        run_test_key(qtbot, dialog)
        assert dialog.key_status.text().startswith(no_network), dialog.key_status.text()
        assert "Errno" not in dialog.key_status.text()
        dialog.save_key_button.click()
        assert dialog.key_box.no_keychain_title.text().startswith(no_keychain)
        dialog.resize(640, dialog.sizeHint().height())
        qtbot.wait(50)
        save_shot(dialog, tmp_path, f"settings-no-keychain-{language}")
        dialog.reject()
    finally:
        install_translations(qapp, "en")


@pytest.mark.parametrize("language", ["de", "zh_CN"])
def test_every_key_problem_reads_in_the_interface_language(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, language: str
) -> None:
    dialog = make_dialog(qtbot, tmp_path)
    verdicts = [KeyVerdict(problem, "HTTP 418 teapot", 503) for problem in KeyProblem]
    english = [dialog.key_box.problem_text(v) for v in verdicts]
    install_translations(qapp, language)
    try:
        translated = [dialog.key_box.problem_text(v) for v in verdicts]
    finally:
        install_translations(qapp, "en")
    for problem, en, said in zip(KeyProblem, english, translated, strict=True):
        assert said != en, problem
        first_sentence = en.split(". ")[0]
        assert first_sentence not in said, (problem, said)


def test_closing_settings_during_a_key_test_leaves_nothing_behind(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, tmp_path)
    release = asyncio.Event()

    async def slow(key: str) -> KeyVerdict | None:
        await release.wait()
        return KeyVerdict(KeyProblem.NO_NETWORK)

    dialog.key_checker = slow
    dialog.key_edit.setText(KEY)
    dialog.test_key_button.click()
    testing = dialog._key_test
    assert testing is not None and not testing.done()
    dialog.reject()  # Cancel while Google is being asked
    qtbot.waitUntil(testing.done, timeout=5_000)
    assert testing.cancelled()

    # Deleted outright (the window closed) while a test runs: the answer is dropped quietly.
    again = make_dialog(qtbot, tmp_path)
    again.key_checker = slow
    again.key_edit.setText(KEY)
    again.test_key_button.click()
    running = again._key_test
    assert running is not None
    again.key_box.deleteLater()
    qtbot.wait(50)
    release.set()
    qtbot.waitUntil(running.done, timeout=5_000)
    assert not running.cancelled() and running.exception() is None
