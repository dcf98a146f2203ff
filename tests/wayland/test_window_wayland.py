"""The window app on a real Wayland desktop: Screen 1 and a region picked on the portal's still
reach the emulator through the ScreenCast portal, with Screenmate's own window painted out
where sway says it is."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import simplejpeg
from desktop.core.downscale import Downscaler
from desktop.emulator import LiveEmulator

from tests.support.pattern_window import pattern
from tests.wayland.conftest import REPO, ColourWindow, mean_error
from tests.wayland.desktop import WaylandDesktop

pytestmark = pytest.mark.wayland


class App:
    def __init__(self, desk: WaylandDesktop, emu: LiveEmulator, tmp: Path) -> None:
        settings = tmp / "settings.json"
        settings.write_text(json.dumps({"first_run_done": True, "talk_shortcut": ""}))
        self.log = tmp / "app.log"
        with self.log.open("w") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.wayland.window_app", emu.base_url,
                 str(emu.ca_file), str(settings)],
                cwd=REPO, env={**desk.client_env(), "PYTHONUNBUFFERED": "1"}, text=True,
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
            )  # fmt: skip
        self.lines: list[dict[str, Any]] = []

    async def until(self, check: Any, timeout: float = 30) -> dict[str, Any]:
        """Read lines until one satisfies `check` (off the loop: the emulator runs on it)."""
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                raw = await asyncio.wait_for(
                    asyncio.to_thread(self.proc.stdout.readline), deadline - time.monotonic()
                )
            except TimeoutError:
                break
            if not raw:
                raise AssertionError(f"the app ended: {self.log.read_text()[-3000:]}")
            line = json.loads(raw)
            self.lines.append(line)
            if check(line):
                return line
        raise AssertionError(f"timed out: {self.lines[-5:]}\n{self.log.read_text()[-3000:]}")

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.send("quit")
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


async def received(emu: LiveEmulator, count: int, timeout: float = 10) -> bytes:
    """The newest frame once the emulator has at least `count`."""
    deadline = time.monotonic() + timeout
    while len(emu.received_frames()) < count:
        assert time.monotonic() < deadline, f"the emulator got {len(emu.received_frames())}"
        await asyncio.sleep(0.05)
    return emu.received_frames()[-1]


@pytest.fixture(params=[1, 2], ids=["scale-1", "scale-2"])
def scaled_desktop(
    request: pytest.FixtureRequest, desktop: WaylandDesktop
) -> Iterator[WaylandDesktop]:
    """The module's desktop, or one whose output has scale 2 (Qt: 960x540 at ratio 2)."""
    if request.param == 1:
        yield desktop
        return
    desk = WaylandDesktop(scale=2).start()
    yield desk
    desk.stop()


async def test_window_app_shares_screen_and_a_picked_region_on_wayland(
    scaled_desktop: WaylandDesktop, emulator: LiveEmulator, tmp_path: Path
) -> None:
    desk, scale = scaled_desktop, int(scaled_desktop.scale)
    colours = ColourWindow(desk, tiled=True)
    app = App(desk, emulator, tmp_path)
    try:
        await app.until(lambda line: line.get("live"))
        # sway tiles the two windows side by side: the colours on the left, Screenmate right.
        w, h = await asyncio.to_thread(colours.resized)
        assert (w, h) == (960, 1080)  # device pixels, whatever the scale

        app.send("choose screen:1")
        first = await app.until(lambda line: "frame" in line)
        assert first["source_rect"] == [0, 0, 1920, 1080]
        assert (first["width"], first["height"]) == (1024, 576)
        picture = simplejpeg.decode_jpeg(await received(emulator, 1), colorspace="BGRA")
        # What the model should see: the colours left, our own window painted grey right.
        screen = np.full((1080, 1920, 4), 0x80, np.uint8)
        screen[:, :960] = pattern(960, 1080, 0)
        expected = Downscaler(1024).scale(screen)
        assert mean_error(picture[:, :500], expected[:, :500]) < 10
        right = picture[20:556, 530:1010, :3].astype(int)
        assert np.abs(right - 0x80).mean() < 6, "Screenmate's own window is painted out"

        app.send("choose region")
        await app.until(lambda line: line.get("picker") == "shown", timeout=20)
        desk.screenshot(tmp_path / "picker.png")
        sent = len(emulator.received_frames())
        # The colours' top-left quadrant, dragged in logical pixels (device / scale).
        app.send(f"drag 0 0 {480 // scale} {540 // scale}")
        frame = await app.until(lambda line: "frame" in line and line["source_rect"][2] == 480)
        assert frame["source_rect"] == [0, 0, 480, 540]  # device pixels
        region = simplejpeg.decode_jpeg(await received(emulator, sent + 1), colorspace="BGRA")
        assert region.shape[:2] == (540, 480)
        assert mean_error(region, pattern(960, 1080, 0)[:540, :480]) < 8
    finally:
        app.close()
        colours.close()
        keep = os.environ.get("SCREENMATE_KEEP_SHOTS")  # where to leave the picker's picture
        if keep and (tmp_path / "picker.png").exists():
            shot = Path(keep) / f"wayland-picker-scale-{scale}.png"
            shot.write_bytes((tmp_path / "picker.png").read_bytes())
