"""point_at on the real X server: the emulator asks for a box over a shared region of known
content, and the highlight is drawn where that box is on the screen (checked in the pixels)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import mss
import numpy as np
import pytest
from desktop.capture.screen import RegionSource
from desktop.core.geometry import Rect
from desktop.core.tool_calls import ToolStatus
from desktop.emulator import LiveEmulator
from desktop.settings import Settings, SettingsStore
from desktop.ui.gui_app import SessionController
from desktop.ui.highlight import PAD
from desktop.ui.main_window import MainWindow
from desktop.ui.tools_ui import ToolsController
from desktop.ui.vision import VisionController
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from tests.ui.test_vision_ui import PatternWidget, emulator  # noqa: F401

pytestmark = pytest.mark.x11

AMBER = (0, 200, 255)  # BGR
SCREENSHOT = Path(__file__).parents[2] / "docs" / "screenshots" / "point-at.png"


def grab(rect: Rect) -> np.ndarray:
    with mss.MSS() as sct:
        shot = sct.grab({"left": rect.x, "top": rect.y, "width": rect.w, "height": rect.h})
        return np.array(shot)[..., :3]


def is_amber(pixel: np.ndarray) -> bool:
    return bool(np.all(np.abs(pixel.astype(int) - np.array(AMBER)) <= 40))


def test_point_at_highlights_the_box_on_screen(
    qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
    emulator: LiveEmulator,  # noqa: F811
    tmp_path: Path,
) -> None:
    target = Rect(60, 80, 800, 450)
    pat = PatternWidget(target)
    qtbot.addWidget(pat)
    pat.show()
    qtbot.waitExposed(pat)
    store = SettingsStore(tmp_path / "settings.json")
    window = MainWindow(Settings(), settings_store=store)
    qtbot.addWidget(window)
    controller = SessionController(
        window, window.settings, base_url=emulator.base_url, ca_file=str(emulator.ca_file)
    )
    vision = VisionController(window, controller, window.settings, store)
    tools = ToolsController(window, controller, vision)
    window.setGeometry(900, 60, 960, 640)
    window.show()
    running = qloop.create_task(controller.run_until_closed())
    qtbot.waitUntil(lambda: window.status_text == "Live", timeout=20_000)
    (setup,) = emulator.setups
    names = [d["name"] for d in setup["tools"][0]["function_declarations"]]
    assert names == ["point_at"]
    assert "point_at" in setup["system_instruction"]["parts"][0]["text"]

    vision.share(RegionSource(target), "region")
    qtbot.waitUntil(lambda: vision.pipeline.last_sent is not None, timeout=10_000)
    # The green top-right quadrant: x 50-100 %, y 0-50 % of the frame.
    emulator.issue_tool_call("point_at", {"box": [0, 500, 500, 1000], "label": "Green"})
    qtbot.waitUntil(lambda: bool(emulator.received_of("tool_response")), timeout=10_000)
    response = emulator.received_of("tool_response")[0].raw["tool_response"]
    assert "result" in response["functionResponses"][0]["response"]
    assert tools.highlight.target == Rect(460, 80, 400, 225)
    qtbot.wait(300)

    shot = grab(Rect(0, 0, 900, 560))
    mid_y = 80 + 112
    assert is_amber(shot[mid_y, 460 - PAD + 2])  # left edge of the outline
    assert is_amber(shot[mid_y, 860 + PAD - 3])  # right edge
    assert is_amber(shot[80 + 225 + PAD - 3, 660])  # bottom edge
    assert not is_amber(shot[mid_y, 660])  # inside: the picture, not the highlight
    assert not is_amber(shot[mid_y, 460 - PAD - 10])  # outside: the red quadrant
    # The label pill above the box.
    assert is_amber(shot[80 - PAD - 8, 460 - PAD + 6])
    if os.environ.get("SCREENMATE_WRITE_SCREENSHOTS"):
        rgb = np.ascontiguousarray(shot[:, :, ::-1])
        image = QImage(
            rgb.data, rgb.shape[1], rgb.shape[0], rgb.strides[0], QImage.Format.Format_RGB888
        )
        image.save(str(SCREENSHOT))

    (record,) = [r for r in tools.runner.records if r.name == "point_at"]
    assert record.status is ToolStatus.DONE
    assert tools.panel.row(record.call_id) is not None

    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not tools.highlight.showing, timeout=5_000)

    window.close()
    qtbot.waitUntil(running.done, timeout=20_000)
    for closing in (tools.aclose(), vision.aclose()):
        task = qloop.create_task(closing)
        qtbot.waitUntil(task.done, timeout=10_000)
