"""The bundle shares a Wayland screen: QtMultimedia's FFmpeg plugin loads in the frozen app.

`--headless --source screen:1` on the headless Wayland desktop of tests/wayland (sway, the
ScreenCast portal, PipeWire) goes through `QScreenCapture`, i.e. through QtMultimedia's only
backend, the FFmpeg media plugin, the same plugin the camera needs. Issue 16's first diet left
out two libraries that plugin links (libQt6Quick/libQt6Qml): the bundle started and talked,
but had no camera and no Wayland capture. This runs the bundle's capture for real.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from desktop.emulator import LiveEmulator

from tests.support.bundle import ensure_bundle
from tests.wayland import conftest as wayland
from tests.wayland.conftest import ColourWindow
from tests.wayland.desktop import WaylandDesktop

desktop = wayland.desktop  # the headless Wayland desktop and its window of known colours
colours = wayland.colours

pytestmark = [pytest.mark.wayland, pytest.mark.timeout(1800)]  # a first build: see test_bundle


@pytest.fixture(scope="module")
def executable() -> Path:
    return ensure_bundle()


async def test_bundle_shares_a_wayland_screen_through_qtmultimedia(
    executable: Path, desktop: WaylandDesktop, colours: ColourWindow, emulator: LiveEmulator
) -> None:
    proc = await asyncio.create_subprocess_exec(
        str(executable), "--headless", "--base-url", emulator.base_url,
        "--ca-file", str(emulator.ca_file), "--timeout", "60",
        "--source", "screen:1", "--fps-max", "1", "--say", "what is on the screen?",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env=desktop.client_env(),
    )  # fmt: skip
    out, err = await asyncio.wait_for(proc.communicate(), 90)
    assert proc.returncode == 0, err.decode(errors="replace")[-3000:]
    lines: list[dict[str, Any]] = [json.loads(raw) for raw in out.splitlines() if raw.strip()]
    frames = [line for line in lines if line["event"] == "vision_frame"]
    assert frames, (out.decode(errors="replace")[-3000:], err.decode(errors="replace")[-3000:])
    assert frames[0]["source_rect"] == [0, 0, 1920, 1080]
    assert emulator.received_frames(), "the emulator received no picture"
