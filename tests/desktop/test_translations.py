"""German and Simplified Chinese load from the shipped .qm files and reach the window."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from desktop.settings import Settings, SettingsStore
from desktop.ui.i18n import install_translations
from desktop.ui.main_window import MainWindow
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


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
        if os.environ.get("SCREENMATE_SCREENSHOT"):
            from desktop.core.events import SessionState, StateChanged
            from desktop.session.endpoint import Endpoint

            # As on the offline demo: the emulated endpoint is open and the session is live.
            window.set_endpoint(Endpoint("key", "https://127.0.0.1:1", None, True, "emulator"))
            window.apply_event(StateChanged(SessionState.LIVE))
            qtbot.wait(200)
            window.grab().save(str(SHOTS / f"main-window-{language}.png"))
        from PySide6.QtWidgets import QPushButton

        assert send in [b.text() for b in window.findChildren(QPushButton)]
    finally:
        install_translations(qapp, "en")
