"""German and Simplified Chinese load from the shipped .qm files and reach the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from desktop.settings import Settings, SettingsStore
from desktop.ui.i18n import install_translations
from desktop.ui.main_window import MainWindow
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot


@pytest.mark.parametrize(
    ("language", "send", "placeholder"),
    [("de", "Senden", "Nachricht eingeben"), ("zh_CN", "发送", "输入消息")],
)
def test_window_in_german_and_chinese(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, language: str, send: str, placeholder: str
) -> None:
    assert install_translations(qapp, language) == language
    try:
        window = MainWindow(Settings(), settings_store=SettingsStore(tmp_path / "s.json"))
        qtbot.addWidget(window)
        window.resize(900, 560)
        window.show()
        qtbot.waitExposed(window)
        assert placeholder in window.message_input.placeholderText()
        menus = [a.text() for a in window.menuBar().actions()]
        assert menus[0] in ("&Sitzung", "会话(&S)")
        # The README's German and Chinese pictures of the whole window come from
        # tests/ui/test_layout_screens.py (SCREENMATE_SCREENSHOT=1).
        from PySide6.QtWidgets import QPushButton

        assert send in [b.text() for b in window.findChildren(QPushButton)]
    finally:
        install_translations(qapp, "en")
