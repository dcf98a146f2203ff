"""The status line while waiting to reconnect, an input the server failed on, and the cost
meter when usage is missing (issue 11), on the real X server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from desktop.core.events import (
    NotDelivered,
    SessionError,
    SessionState,
    StateChanged,
    TurnComplete,
    Usage,
)
from desktop.core.pricing import PriceTable
from desktop.settings import Settings, SettingsStore
from desktop.ui.main_window import MainWindow
from desktop.ui.usage_meter import UsageMeterLabel
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    win = MainWindow(Settings(), settings_store=SettingsStore(tmp_path / "settings.json"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win


def test_waiting_to_reconnect_counts_down_and_offers_retry_now(
    window: MainWindow, qtbot: QtBot
) -> None:
    button = window.findChild(QPushButton, "retryNow")
    assert button is not None and not button.isVisible()
    window.apply_event(SessionError("The server had an internal error.", 1011))
    window.apply_event(StateChanged(SessionState.RECONNECTING, "", attempt=3, retry_in_s=12.0))
    assert window.status_text.startswith("Reconnecting in 12 s (attempt 3)…")
    assert button.isVisible()
    qtbot.waitUntil(lambda: "in 11 s" in window.status_text or "in 10 s" in window.status_text)
    with qtbot.waitSignal(window.retry_now_requested, timeout=1000):
        button.click()
    window.apply_event(StateChanged(SessionState.CONNECTING))
    assert not button.isVisible() and window.status_text.startswith("Connecting…")


def test_an_input_the_server_failed_on_is_marked_and_offered_again(window: MainWindow) -> None:
    window.apply_event(NotDelivered("what is this?", "the server failed on it twice"))
    shown = window.transcript.plain_text()
    assert '"what is this?" was not delivered: the server failed on it twice' in shown
    assert window.message_input.text() == "what is this?"


def test_the_meter_says_when_the_cost_is_unknown(qtbot: QtBot) -> None:
    meter = UsageMeterLabel(PriceTable())
    qtbot.addWidget(meter)
    meter.start_session("gemini-3.1-flash-live-preview")
    meter.on_event(TurnComplete(0, usage_known=False))
    assert meter.text() == "Session: Cost unknown for 1 turn"
    meter.on_event(Usage(1000, 100, 1100, {"TEXT": 200}, {}, thoughts_tokens=50))
    meter.on_event(TurnComplete(1))
    assert "≈ $" in meter.text() and meter.text().endswith("cost unknown for 1 turn")
    tip = meter.toolTip()
    assert "Thinking (billed as output text): 50" in tip
    assert "Input without a modality (priced at the dearest input rate): 800" in tip
    assert "no usage for 1 turn" in tip


def test_a_late_piece_completes_the_shown_line_instead_of_opening_one(window: MainWindow) -> None:
    from desktop.core.events import LineSource, Role, TranscriptDelta, TranscriptLine

    first = TranscriptLine(7, Role.MODEL, "Answer to", LineSource.SPEECH, 1.0, 2.0)
    window.apply_event(first)
    window.apply_event(TranscriptDelta(7, Role.MODEL, " Q2.", LineSource.SPEECH, 1.0, late=True))
    window.apply_event(
        TranscriptLine(7, Role.MODEL, "Answer to Q2.", LineSource.SPEECH, 1.0, 2.5, revised=True)
    )
    shown = window.transcript.plain_text()
    assert shown.count("Answer to") == 1 and "Answer to Q2." in shown


def test_the_countdown_is_translated(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop.ui.i18n import install_translations
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert install_translations(app, "de") == "de"
    try:
        win = MainWindow(Settings(), settings_store=SettingsStore(tmp_path / "s.json"))
        qtbot.addWidget(win)
        win.apply_event(StateChanged(SessionState.RECONNECTING, "", attempt=3, retry_in_s=12.0))
        assert win.status_text.startswith("Neuer Verbindungsversuch in 12 s (3)…")
        button = win.findChild(QPushButton, "retryNow")
        assert button is not None and button.text() == "Jetzt versuchen"
    finally:
        install_translations(app, "en")
