"""Every control of every window has an accessible name (what a screen reader says), the
main window's tab order follows the layout, and History closes with Esc and Ctrl+W."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from desktop.companion import CompanionService
from desktop.core.fanout import EventFanout
from desktop.outputs.history import HistoryRecorder
from desktop.ui.first_run import FirstRunDialog
from desktop.ui.help_windows import AboutDialog, ShortcutsDialog
from desktop.ui.history_window import HistoryWindow
from desktop.ui.pairing_dialog import PairingDialog
from desktop.ui.region_picker import RegionPicker
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.support.full_window import FullWindow, build
from tests.support.ui_walk import (
    accessible_name,
    controls,
    unnamed_controls,
    unnamed_controls_on_every_tab,
)

pytestmark = pytest.mark.x11


@pytest.fixture
def full(qtbot: QtBot, qloop: asyncio.AbstractEventLoop, tmp_path: Path) -> Iterator[FullWindow]:
    built = build(tmp_path)
    built.window.show()
    qtbot.waitExposed(built.window)
    built.converse()
    yield built
    closing = qloop.create_task(built.aclose())
    qtbot.waitUntil(closing.done, timeout=10_000)
    closing.result()
    built.window.close()
    built.window.deleteLater()


def check(window: QWidget, qtbot: QtBot) -> list[QWidget]:
    window.show()
    qtbot.waitExposed(window)
    found = controls(window)
    assert found, f"{type(window).__name__}: the walk found no controls at all"
    assert unnamed_controls_on_every_tab(window) == [], type(window).__name__
    return found


def test_every_control_of_every_window_has_an_accessible_name(
    full: FullWindow, qtbot: QtBot, qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    window = full.window
    main_controls = check(window, qtbot)
    names = {accessible_name(w) for w in main_controls}
    assert {"Message", "Send", "Talk mode", "Shared source", "Tool calls"} <= names
    assert any(n.startswith("Talk: ") for n in names)

    settings = window.open_settings()
    check(settings, qtbot)
    settings.reject()

    recorder = HistoryRecorder(path=tmp_path / "walk-history.db")
    assert recorder.store is not None
    history = HistoryWindow(recorder.store)
    qtbot.addWidget(history)
    check(history, qtbot)

    service = CompanionService(EventFanout(), lambda: None, base_dir=tmp_path / "companion")
    started = qloop.create_task(service.start(host="127.0.0.1", port=0, advertise=False))
    qtbot.waitUntil(started.done, timeout=10_000)
    pairing = PairingDialog(service)
    qtbot.addWidget(pairing)
    check(pairing, qtbot)
    pairing.close()
    stopped = qloop.create_task(service.stop())
    qtbot.waitUntil(stopped.done, timeout=10_000)

    picker = RegionPicker()
    qtbot.addWidget(picker)
    picker.start()
    qtbot.waitUntil(picker.isVisible)
    assert unnamed_controls(picker) == []
    assert accessible_name(picker)
    picker.close()

    for dialog in (
        ShortcutsDialog(window.menus.shortcut_rows(), window),
        AboutDialog(True, window),
        FirstRunDialog("Ctrl+Alt+Space", True, window),
    ):
        check(dialog, qtbot)
        dialog.close()


def test_shortcuts_window_lists_the_in_window_shortcuts(full: FullWindow, qtbot: QtBot) -> None:
    dialog = full.window.show_shortcuts()
    rows = dict(dialog.rows())  # type: ignore[attr-defined]
    for what, keys in {
        "Talk (Start or Stop)": "Ctrl+T",
        "Mute Microphone": "Ctrl+M",
        "Pause or Resume Sharing": "Ctrl+Shift+P",
        "Pick a Region": "Ctrl+Shift+R",
        "History": "Ctrl+H",
        "Settings": "Ctrl+,",
        "Keyboard Shortcuts": "F1",
    }.items():
        assert rows.get(what) == keys, (what, rows)


def test_in_window_shortcuts_reach_their_features(full: FullWindow, qtbot: QtBot) -> None:
    window = full.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    opened: list[bool] = []
    window.history_requested.connect(lambda: opened.append(True))
    QTest.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert opened == [True]
    history = full.history.history_window
    assert history is not None and history.isVisible()
    history.close()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    muted = full.voice.voice.talk.state.muted
    QTest.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert full.voice.voice.talk.state.muted is not muted
    QTest.keyClick(
        window,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: full.vision.picker is not None, timeout=5_000)
    picker = full.vision.picker
    assert picker is not None
    qtbot.waitUntil(picker.isVisible, timeout=5_000)
    QTest.keyClick(picker, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: full.vision.picker is None, timeout=5_000)


def test_tab_order_follows_the_layout(full: FullWindow, qtbot: QtBot) -> None:
    window = full.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.message_input.setFocus()
    visited: list[QWidget] = []
    for _ in range(30):
        current = QApplication.focusWidget()
        assert current is not None
        QTest.keyClick(current, Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if focus is window.message_input or focus is None:
            break
        visited.append(focus)
    names = [w.objectName() for w in visited]
    expected = [
        "sendButton",
        "transcript",
        "visionSource",
        "visionPause",
        "toolLog",
        "toolLogTree",
        "talkButton",
        "muteButton",
        "talkMode",
    ]
    shown = [n for n in names if n in expected]
    assert shown == [n for n in expected if n in shown], names
    assert {"transcript", "visionSource", "toolLog", "talkMode"} <= set(shown)


def test_history_closes_with_escape_and_ctrl_w(qtbot: QtBot, tmp_path: Path) -> None:
    recorder = HistoryRecorder(path=tmp_path / "history.db")
    assert recorder.store is not None
    for keys in (
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ):
        history = HistoryWindow(recorder.store)
        qtbot.addWidget(history)
        history.show()
        qtbot.waitExposed(history)
        history.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is history)  # noqa: B023
        QTest.keyClick(history.search, *keys)
        qtbot.waitUntil(lambda: not history.isVisible())  # noqa: B023
