"""Vision in the window on the real X server: the region picker driven by real X pointer
events (xdotool), the panel showing exactly the frame the emulator received, the app's own
window kept out of captures, and the camera path through Qt's media pipeline.

These machines have no camera and cannot load kernel modules (no v4l2loopback), so the camera
path is tested with a video file played by QMediaPlayer into the same QVideoSink a camera
feeds: everything after the sink is the code a camera uses.
"""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

import numpy as np
import pytest
import simplejpeg
from desktop.capture.screen import RegionSource
from desktop.core.geometry import Rect
from desktop.emulator import LiveEmulator
from desktop.settings import Settings, SettingsStore
from desktop.ui.capture_qt import VideoFileSource
from desktop.ui.gui_app import SessionController
from desktop.ui.main_window import MainWindow
from desktop.ui.region_picker import RegionPicker
from desktop.ui.vision import CAPTURE_ALLOWED, VisionController
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.support.avi import write_mjpeg_avi
from tests.support.pattern_window import pattern

pytestmark = pytest.mark.x11


def xdotool(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True, timeout=10)


def test_region_picker_yields_the_dragged_rectangle_and_esc_cancels(qtbot: QtBot) -> None:
    picker = RegionPicker()
    picked: list[Rect] = []
    picker.picked.connect(picked.append)
    picker.start()
    qtbot.waitExposed(picker)
    xdotool("mousemove", "300", "200", "mousedown", "1")
    xdotool("mousemove", "500", "300", "mousemove", "700", "460", "mouseup", "1")
    qtbot.waitUntil(lambda: bool(picked), timeout=10_000)
    assert picked == [Rect(300, 200, 400, 260)]

    again = RegionPicker(initial=Rect(10, 10, 100, 100))
    cancelled: list[bool] = []
    again.cancelled.connect(lambda: cancelled.append(True))
    again.start()
    qtbot.waitExposed(again)
    assert again.selection == Rect(10, 10, 100, 100)  # the last region is offered again
    xdotool("key", "Escape")
    qtbot.waitUntil(lambda: bool(cancelled), timeout=10_000)


class PatternWidget(QWidget):
    def __init__(self, rect: Rect, seed: int = 0) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint)
        self.seed = seed
        self.setGeometry(rect.x, rect.y, rect.w, rect.h)
        self.setProperty(CAPTURE_ALLOWED, True)  # stands for another app's window

    def paintEvent(self, _event: object) -> None:
        arr = np.ascontiguousarray(pattern(self.width(), self.height(), self.seed))
        image = QImage(arr.data, arr.shape[1], arr.shape[0], QImage.Format.Format_RGB32)
        painter = QPainter(self)
        painter.drawImage(0, 0, image)
        painter.end()


@pytest.fixture
def emulator(qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path) -> LiveEmulator:
    emu = LiveEmulator(port=0, cert_dir=tmp_path / "certs")
    started = qloop.create_task(emu.start())
    qtbot.waitUntil(started.done, timeout=10_000)
    yield emu  # type: ignore[misc]
    stopped = qloop.create_task(emu.stop())
    qtbot.waitUntil(stopped.done, timeout=10_000)


def open_app(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, emulator: LiveEmulator, tmp_path: Path
) -> tuple[MainWindow, SessionController, VisionController, asyncio.Task[int]]:
    store = SettingsStore(tmp_path / "settings.json")
    window = MainWindow(Settings(), settings_store=store)
    qtbot.addWidget(window)
    controller = SessionController(
        window, window.settings, base_url=emulator.base_url, ca_file=str(emulator.ca_file)
    )
    vision = VisionController(window, controller, window.settings, store)
    window.setGeometry(900, 60, 960, 640)
    window.show()
    running = qloop.create_task(controller.run_until_closed())
    qtbot.waitUntil(lambda: window.status_text == "Live", timeout=20_000)
    return window, controller, vision, running


def close_app(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, window: MainWindow, vision: VisionController,
    running: asyncio.Task[int],
) -> None:  # fmt: skip
    window.close()
    qtbot.waitUntil(running.done, timeout=20_000)
    closing = qloop.create_task(vision.aclose())
    qtbot.waitUntil(closing.done, timeout=10_000)


def test_panel_previews_exactly_the_frame_sent_and_own_window_is_blanked(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, emulator: LiveEmulator, tmp_path: Path
) -> None:
    target = PatternWidget(Rect(40, 120, 800, 450))
    qtbot.addWidget(target)
    target.show()
    qtbot.waitExposed(target)
    window, _controller, vision, running = open_app(qtbot, qloop, emulator, tmp_path)
    # The region covers the pattern and, on its right, part of Screenmate's own window.
    region = Rect(40, 120, 1000, 450)
    vision.share(RegionSource(region), "region")
    qtbot.waitUntil(lambda: len(emulator.received_frames()) >= 1, timeout=15_000)
    qtbot.waitUntil(lambda: vision.panel.counter("sent") >= 1, timeout=5_000)
    assert vision.pipeline.last_sent is not None
    assert emulator.received_frames()[0] == vision.pipeline.last_sent.jpeg
    assert not vision.panel.preview_pixmap.isNull()
    assert vision.panel.counter("tokens") == 258 * vision.panel.counter("sent")
    assert "Sharing Region" in vision.panel.status_text
    assert vision.border.isVisible()
    assert vision.border.geometry().contains(40 - 2, 120 - 2)  # just outside the region

    picture = simplejpeg.decode_jpeg(emulator.received_frames()[0], colorspace="BGRA")
    assert picture.shape[:2] == (450, 1000)
    shown = picture[20:430, 20:780, :3].astype(int)
    expected = pattern(800, 450, 0)[20:430, 20:780, :3].astype(int)
    assert np.abs(shown - expected).mean() < 8
    own = picture[100:400, 900:990, :3].astype(int)  # where the main window is
    assert np.abs(own - 0x80).mean() < 6, "Screenmate's own window is painted out"

    vision.panel.pause_button.click()
    assert vision.pipeline.state.paused and not vision.border.isVisible()
    sent = vision.panel.counter("sent")
    qtbot.wait(1500)
    assert vision.panel.counter("sent") == sent
    vision.panel.pause_button.click()
    qtbot.waitUntil(lambda: vision.panel.counter("sent") > sent, timeout=10_000)
    close_app(qtbot, qloop, window, vision, running)


def test_every_screenmate_window_is_painted_out_not_only_the_main_window(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, emulator: LiveEmulator, tmp_path: Path
) -> None:
    """Issue 14: the pairing dialog (its code and QR) was sent to the model while the screen
    was shared. Any top-level window of the app, opened over a shared region, is greyed."""
    target = PatternWidget(Rect(40, 120, 800, 450))
    qtbot.addWidget(target)
    target.show()
    qtbot.waitExposed(target)
    window, _controller, vision, running = open_app(qtbot, qloop, emulator, tmp_path)
    vision.share(RegionSource(Rect(40, 120, 800, 450)), "region")
    qtbot.waitUntil(lambda: len(emulator.received_frames()) >= 1, timeout=15_000)
    dialog = QDialog(window)  # a dialog like "Pair a device", on top of the shared region
    dialog.setWindowTitle("Pair a device")
    QLabel("123 456", dialog).setStyleSheet("font-size: 40pt; color: black;")
    dialog.setGeometry(240, 220, 300, 200)
    before = len(emulator.received_frames())
    dialog.show()
    qtbot.waitExposed(dialog)

    def dialog_grey() -> bool:
        frames = emulator.received_frames()
        if len(frames) <= before:
            return False
        picture = simplejpeg.decode_jpeg(frames[-1], colorspace="BGRA")
        where = picture[110:290, 210:490, :3].astype(int)  # the dialog, in region pixels
        return bool(np.abs(where - 0x80).mean() < 6)

    vision.request_fresh_frame()
    qtbot.waitUntil(dialog_grey, timeout=15_000)
    dialog.close()
    close_app(qtbot, qloop, window, vision, running)


def test_camera_path_with_a_video_file_through_qt_media(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, emulator: LiveEmulator, tmp_path: Path
) -> None:
    frame = np.zeros((240, 320, 3), np.uint8)
    frame[:, :160] = (200, 40, 40)  # RGB: red left half, green right half
    frame[:, 160:] = (40, 190, 60)
    video = write_mjpeg_avi(tmp_path / "camera.avi", [frame] * 20)
    window, _controller, vision, running = open_app(qtbot, qloop, emulator, tmp_path)
    source = VideoFileSource(str(video), vision)
    vision.share(source, "camera:1")
    qtbot.waitUntil(lambda: len(emulator.received_frames()) >= 1, timeout=20_000)
    picture = simplejpeg.decode_jpeg(emulator.received_frames()[0], colorspace="RGB")
    assert picture.shape[:2] == (240, 320)
    assert np.abs(picture[100:140, 20:140].astype(int) - (200, 40, 40)).mean() < 10
    assert np.abs(picture[100:140, 180:300].astype(int) - (40, 190, 60)).mean() < 10
    assert vision.pipeline.last_sent is not None
    assert vision.pipeline.last_sent.geometry.source is None  # a camera has no screen place

    source.fail("Camera “test” was unplugged.")  # what QCamera's error signal leads to
    qtbot.waitUntil(lambda: vision.pipeline.state.paused, timeout=10_000)
    assert "unplugged" in vision.panel.status_text
    assert window.status_text == "Live"
    close_app(qtbot, qloop, window, vision, running)
