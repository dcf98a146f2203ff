"""The offline showcase in the real window on the X server (issue 17): no API key, a shared
region with a known red box, the user types "Where is the red box?", and the emulator, which
looks at the frame it received, calls point_at with a box on it; the highlight is drawn
around the red box on the screen (checked in the pixels) and the reply says it is emulated.
The empty transcript shows the hint that suggests trying it."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import mss
import numpy as np
import pytest
from desktop.capture.screen import RegionSource
from desktop.core.events import Role
from desktop.core.geometry import Rect
from desktop.emulator import LiveEmulator
from desktop.settings import Settings, SettingsStore
from desktop.ui.highlight import PAD
from desktop.ui.main_window import MainWindow
from desktop.ui.session_controller import SessionController
from desktop.ui.tools_ui import ToolsController
from desktop.ui.vision import CAPTURE_ALLOWED, VisionController
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.test_vision_ui import emulator  # noqa: F401

pytestmark = pytest.mark.x11

SCENE = Rect(60, 80, 800, 450)  # the shared region, on the screen
RED_BOX = Rect(520, 260, 150, 90)  # inside the scene
RED = (220, 30, 30)
AMBER = (255, 200, 0)  # RGB, the highlight's outline
SCREENSHOT = Path(__file__).parents[2] / "docs" / "screenshots" / "point-at-offline.png"


def scene_pixels(w: int, h: int) -> np.ndarray:
    """A light page with lines of dark "text", a blue button and the red box (RGB)."""
    img = np.full((h, w, 3), 245, np.uint8)
    rng = np.random.default_rng(3)
    for y in range(40, 200, 22):
        for x in range(40, 420, 8):
            if rng.random() < 0.75:
                img[y : y + 11, x : x + 5] = 40
    img[340:380, 80:220] = (40, 110, 220)
    img[354:366, 100:200:7] = 255
    r = RED_BOX
    img[r.y : r.y + r.h, r.x : r.x + r.w] = RED
    return img


class Scene(QWidget):
    """Stands for another application's window: allowed into captures."""

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint)
        self.setGeometry(SCENE.x, SCENE.y, SCENE.w, SCENE.h)
        self.setProperty(CAPTURE_ALLOWED, True)
        self._rgb = np.ascontiguousarray(scene_pixels(SCENE.w, SCENE.h))

    def paintEvent(self, _event: object) -> None:
        rgb = self._rgb
        image = QImage(rgb.data, rgb.shape[1], rgb.shape[0], rgb.strides[0],
                       QImage.Format.Format_RGB888)  # fmt: skip
        painter = QPainter(self)
        painter.drawImage(0, 0, image)
        painter.end()


def grab(rect: Rect) -> np.ndarray:
    """RGB pixels of the screen."""
    with mss.MSS() as sct:
        shot = sct.grab({"left": rect.x, "top": rect.y, "width": rect.w, "height": rect.h})
        return np.array(shot)[..., 2::-1]


def near(pixel: np.ndarray, colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    return bool(np.all(np.abs(pixel.astype(int) - np.array(colour)) <= tolerance))


def save_png(rgb: np.ndarray, path: Path) -> None:
    rgb = np.ascontiguousarray(rgb)
    image = QImage(rgb.data, rgb.shape[1], rgb.shape[0], rgb.strides[0],
                   QImage.Format.Format_RGB888)  # fmt: skip
    image.save(str(path))


def test_where_is_the_red_box_highlights_it_offline(
    qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
    emulator: LiveEmulator,  # noqa: F811
    tmp_path: Path,
) -> None:
    scene = Scene()
    qtbot.addWidget(scene)
    scene.show()
    qtbot.waitExposed(scene)
    store = SettingsStore(tmp_path / "settings.json")
    window = MainWindow(Settings(), settings_store=store)
    qtbot.addWidget(window)
    controller = SessionController(
        window, window.settings, base_url=emulator.base_url, ca_file=str(emulator.ca_file)
    )
    vision = VisionController(window, controller, window.settings, store)
    controller.fresh_frames = vision.pipeline  # as run_gui wires it
    tools = ToolsController(window, controller, vision)
    window.setGeometry(900, 60, 960, 700)
    window.show()
    running = qloop.create_task(controller.run_until_closed())
    qtbot.waitUntil(lambda: window.status_text == "Live", timeout=20_000)

    # The empty transcript suggests trying it (and says what the emulator can and cannot do).
    transcript = window.transcript
    assert transcript.hint_shown
    hint = transcript.hint_text
    assert "Where is the red box?" in hint and "offline emulator" in hint
    qtbot.wait(200)
    save_png(grab(Rect(900, 60, 960, 700)), tmp_path / "empty-transcript.png")

    vision.share(RegionSource(SCENE), "region")
    qtbot.waitUntil(lambda: vision.pipeline.last_sent is not None, timeout=10_000)
    qtbot.keyClicks(window.message_input, "Where is the red box?")
    qtbot.keyClick(window.message_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tools.highlight.showing, timeout=15_000)

    # The box the emulator chose is the red box, to within a few pixels.
    target = tools.highlight.target
    assert target is not None
    red = Rect(SCENE.x + RED_BOX.x, SCENE.y + RED_BOX.y, RED_BOX.w, RED_BOX.h)
    for got, want in zip(
        (target.x, target.y, target.x + target.w, target.y + target.h),
        (red.x, red.y, red.x + red.w, red.y + red.h),
        strict=True,
    ):
        assert abs(got - want) <= 3, (target, red)
    (call,) = [s.message["toolCall"] for s in emulator.sent_of("toolCall")]
    assert call["functionCalls"][0]["args"]["label"] == "red box"
    # The question went after a frame of the shared screen.
    kinds = [
        next(iter(r.message["realtime_input"])) for r in emulator.received_of("realtime_input")
    ]
    assert "video" in kinds[: kinds.index("text")]

    qtbot.wait(300)
    shot = grab(Rect(0, 0, 1860, 780))
    mid_y = red.y + red.h // 2
    mid_x = red.x + red.w // 2
    assert near(shot[mid_y, target.x - PAD + 2], AMBER)  # left edge of the outline
    assert near(shot[mid_y, target.x + target.w + PAD - 3], AMBER)  # right edge
    assert near(shot[target.y + target.h + PAD - 3, mid_x], AMBER)  # bottom edge
    assert near(shot[mid_y, mid_x], RED)  # inside: the red box itself, not covered
    assert not near(shot[mid_y, target.x - PAD - 12], AMBER)  # outside: the page

    def said() -> str:
        lines = [e for e in transcript.entries() if getattr(e, "role", None) is Role.MODEL]
        return " ".join(getattr(line, "text", "") for line in lines)

    qtbot.waitUntil(
        lambda: said().endswith("There: I pointed at the largest red shape I saw, at the bottom "
                                "right."), timeout=15_000)  # fmt: skip
    assert said().startswith("(Emulated: I see colours and shapes, I cannot read.)")
    assert not transcript.hint_shown and tools.highlight.showing
    qtbot.wait(200)
    save_png(grab(Rect(0, 0, 1860, 780)), tmp_path / "showcase.png")
    if os.environ.get("SCREENMATE_WRITE_SCREENSHOTS"):
        save_png(grab(Rect(0, 0, 1860, 780)), SCREENSHOT)

    # "What do you see?": a description of the pixels the emulator received.
    qtbot.keyClicks(window.message_input, "What do you see?")
    qtbot.keyClick(window.message_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: said().endswith("of the picture)."), timeout=15_000)
    seen = said()
    assert "In the last frame: It is 800x450, mostly white" in seen
    assert "a red area at the bottom right" in seen
    assert "Text-like detail (dense high-contrast edges): at the top left" in seen
    save_png(grab(Rect(900, 60, 960, 700)), tmp_path / "describe.png")

    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not tools.highlight.showing, timeout=5_000)
    window.close()
    qtbot.waitUntil(running.done, timeout=20_000)
    for closing in (tools.aclose(), vision.aclose()):
        task = qloop.create_task(closing)
        qtbot.waitUntil(task.done, timeout=10_000)
