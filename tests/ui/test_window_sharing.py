"""Sharing a window, as a user does it on the real X server with a tray host running: the
picker names windows with a thumbnail and size and leaves out the tray panel and the app's own
windows; the source box names the shared window; when it closes the message reads naturally
and "Pick again…" opens the picker (issue 17)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from desktop.capture.window import WindowSource
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from tests.desktop.conftest import tray_host  # noqa: F401  (a fixture)
from tests.support.full_window import FullWindow, build

pytestmark = pytest.mark.x11
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def other_app(qapp: QApplication) -> Iterator[subprocess.Popen[str]]:
    """Another program's window titled "pattern" at 700,300."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.support.pattern_window", "700", "300", "480", "270"],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith("ready")
    yield proc
    if proc.poll() is None:
        proc.terminate()
        proc.wait(5)


def test_window_picker_then_the_shared_window_closes(
    tray_host: subprocess.Popen[bytes],  # noqa: F811
    other_app: subprocess.Popen[str],
    qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
    tmp_path: Path,
) -> None:
    full: FullWindow = build(tmp_path)
    window, vision = full.window, full.vision
    window.show()
    qtbot.waitExposed(window)
    full.converse()  # live: the pipeline captures
    try:
        vision.choose("window")
        menu = vision.window_menu
        assert isinstance(menu, QMenu)
        qtbot.waitUntil(menu.isVisible)
        titles = [a.text() for a in menu.actions() if not a.isSeparator()]
        offered = [a for a in menu.actions() if a.data() is not None]
        assert [a.text().split("  ·  ")[0] for a in offered] == ["pattern"], titles
        assert offered[0].text().endswith("480×270")
        assert not offered[0].icon().isNull()  # a thumbnail of the window
        assert not any("panel" in t or t.startswith("Screenmate") for t in titles), titles
        # What a screen reader says: the menu's name and each item's text.
        assert menu.accessibleName() == "Windows to share"
        assert all(a.text().strip() for a in menu.actions() if not a.isSeparator())
        offered[0].trigger()
        menu.hide()
        qtbot.waitUntil(lambda: isinstance(vision.pipeline.source, WindowSource))
        box = vision.panel.source_box
        qtbot.waitUntil(lambda: box.currentText() == "Window: pattern")

        other_app.terminate()
        other_app.wait(5)
        qtbot.waitUntil(lambda: vision.pipeline.state.paused, timeout=10_000)
        assert vision.panel.status_text == "The shared window “pattern” was closed."
        pause = vision.panel.pause_button
        assert pause.text() == "Pick again…" and pause.isEnabled()
        pause.click()

        def picked_again() -> bool:
            again = vision.window_menu
            return again is not None and again is not menu and again.isVisible()

        qtbot.waitUntil(picked_again)
        assert vision.window_menu is not None
        vision.window_menu.hide()
    finally:
        closing = qloop.create_task(full.aclose())
        qtbot.waitUntil(closing.done, timeout=10_000)
        window.close()
        window.deleteLater()
