"""The interface language switches live: OK in Settings with another language retranslates
every open window (menus, buttons, placeholders, the welcome dialog) without a restart, and
numbers follow the language's locale ("1,00 pro Sekunde")."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from desktop.settings import Settings, SettingsStore
from desktop.ui.first_run import FirstRunDialog
from desktop.ui.i18n import (
    current_language,
    install_translations,
    money,
    number,
    pick_locale,
    retranslated,
    switch_language,
)
from desktop.ui.main_window import MainWindow
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.vision_panel import FramePreview
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTreeWidget
from pytestqt.qtbot import QtBot

from tests.support.full_window import build


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    install_translations(qapp, "en")
    yield
    install_translations(qapp, "en")


def texts(window: MainWindow) -> tuple[str, list[str], str]:
    menus = [a.text() for a in window.menuBar().actions()]
    buttons = [b.text() for b in window.findChildren(QPushButton)]
    return menus[0], buttons, window.message_input.placeholderText()


def choose_language(qtbot: QtBot, window: MainWindow, code: str) -> None:
    dialog = window.open_settings()
    qtbot.waitExposed(dialog)
    combo = dialog.desktop_box.ui_language_combo
    combo.setCurrentIndex(combo.findData(code))
    dialog.accept()
    QApplication.processEvents()  # the posted LanguageChange events


def test_ok_with_another_language_retranslates_open_windows(
    qtbot: QtBot, tmp_path: Path, english: None
) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    window = MainWindow(Settings(ui_language="en"), settings_store=store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    welcome = FirstRunDialog("Ctrl+Alt+Space", True, window)
    welcome.show()
    qtbot.waitExposed(welcome)
    menu, buttons, placeholder = texts(window)
    assert menu == "&Session" and "Send" in buttons
    status, badge = window.status_text, window.badge_text

    choose_language(qtbot, window, "de")
    # Texts built at run time are said again by the window's retranslate().
    assert window.status_text == QCoreApplication.translate("MainWindow", status) != status
    assert window.badge_text == QCoreApplication.translate("MainWindow", badge) != badge
    assert current_language() == "de" and store.load().ui_language == "de"
    menu, buttons, placeholder = texts(window)
    assert menu == "&Sitzung" and "Senden" in buttons, (menu, buttons)
    assert "Nachricht eingeben" in placeholder
    assert welcome.windowTitle() == "Willkommen bei Screenmate"
    assert welcome.start_button.text() == "Los geht's"

    choose_language(qtbot, window, "zh_CN")
    menu, buttons, placeholder = texts(window)
    assert menu == "会话(&S)" and "发送" in buttons
    assert "输入消息" in placeholder

    choose_language(qtbot, window, "en")
    menu, buttons, placeholder = texts(window)
    assert menu == "&Session" and "Send" in buttons
    assert welcome.windowTitle() == "Welcome to Screenmate"


def test_numbers_follow_the_interface_language(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, english: None
) -> None:
    switch_language(qapp, "de")
    dialog = SettingsDialog(Settings(vision_fps_max=1.0), SettingsStore(tmp_path / "s.json"))
    qtbot.addWidget(dialog)
    assert dialog.vision_box.fps_spin.text() == "1,00 pro Sekunde"
    switch_language(qapp, "en")
    QApplication.processEvents()  # the posted LanguageChange events
    assert dialog.vision_box.fps_spin.text() == "1.00 per second"


@pytest.mark.parametrize(
    ("language", "system", "expected"),
    [
        ("de", "de_CH", "de_CH"),  # the user's own region keeps its separators
        ("de", "en_US", "de_DE"),  # German chosen on an English system: German numbers
        ("en", "de_DE", "en_US"),
        ("zh_CN", "zh_TW", "zh_TW"),
        ("zh_CN", "C", "zh_CN"),
        ("en", "C", "en_US"),
    ],
)
def test_pick_locale(language: str, system: str, expected: str) -> None:
    assert pick_locale(language, system) == expected
    assert QLocale(expected).name() == expected


def test_unknown_texts_are_left_alone(qapp: QApplication, english: None) -> None:
    assert retranslated("") is None
    assert retranslated("a text nobody translated 12345") is None


@pytest.mark.parametrize(
    ("language", "tokens", "small", "large"),
    [
        ("en", "3,200", "$0.0050", "$1,234.50"),
        ("de", "3.200", "0,0050\u00a0$", "1.234,50\u00a0$"),  # a no-break space
        ("zh_CN", "3,200", "$0.0050", "$1,234.50"),
    ],
)
def test_token_counts_and_costs_follow_the_language(
    qapp: QApplication, english: None, language: str, tokens: str, small: str, large: str
) -> None:
    switch_language(qapp, language)
    assert (number(3200), money(0.005), money(1234.5)) == (tokens, small, large)


def test_a_conversation_in_progress_follows_the_switch(
    qtbot: QtBot,
    qapp: QApplication,
    qloop: asyncio.AbstractEventLoop,
    tmp_path: Path,
    english: None,
) -> None:
    full = build(tmp_path)
    try:
        full.window.show()
        qtbot.waitExposed(full.window)
        full.converse()
        transcript = full.window.transcript.toPlainText()
        assert " · typed" in transcript and "You" in transcript
        meter = full.window.findChild(QLabel, "usageMeter")
        assert meter is not None and "2,152" in meter.text()
        tree = full.tools.panel.findChild(QTreeWidget)
        assert tree is not None and tree.headerItem().text(0) == "Tool"

        switch_language(qapp, "de")
        QApplication.processEvents()
        transcript = full.window.transcript.toPlainText()
        assert " · getippt" in transcript and " · typed" not in transcript
        assert "2.152" in meter.text() and meter.text().startswith("Sitzung")
        assert tree.headerItem().text(0) == "Werkzeug"
        assert tree.topLevelItem(0).text(1) == "fertig"  # the call's state; its name stays
        assert tree.topLevelItem(0).text(0) == "point_at"
        last_turn = full.window.findChild(QLabel, "usage")
        assert last_turn is not None and "2.152" in last_turn.text()
        assert "last turn" not in last_turn.text()
        preview = full.vision.panel.findChild(FramePreview)
        assert preview is not None and preview.text() == "Nichts geteilt"
    finally:
        closing = qloop.create_task(full.aclose())
        qtbot.waitUntil(closing.done, timeout=10_000)
        full.window.close()
