"""`screenmate --headless --source ...` as a subprocess on the real X server, against the real
emulator: the frame the model receives shows the window placed there."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import simplejpeg
from desktop.core.geometry import Rect
from desktop.emulator import LiveEmulator

from tests.integration.test_vision_capture import PatternWindow, mean_error
from tests.support.pattern_window import pattern
from tests.support.xvfb import XServer

pytestmark = pytest.mark.x11
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(x_server: XServer) -> Iterator[PatternWindow]:
    from Xlib import display

    keep_alive = display.Display(x_server.display)  # no Xvfb reset between clients
    win = PatternWindow(Rect(300, 200, 640, 360))
    yield win
    win.close()
    keep_alive.close()


async def headless(emu: LiveEmulator, *args: str) -> tuple[int, list[dict[str, Any]], str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "desktop", "--headless",
        "--base-url", emu.base_url, "--ca-file", str(emu.ca_file), "--timeout", "60", *args,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=REPO,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    out, err = await asyncio.wait_for(proc.communicate(), 90)
    lines = [json.loads(line) for line in out.decode().splitlines() if line.strip()]
    assert proc.returncode is not None
    return proc.returncode, lines, err.decode()


async def test_headless_region_source_sends_the_picture_before_the_question(
    window: PatternWindow, emulator: LiveEmulator
) -> None:
    code, lines, err = await headless(
        emulator, "--source", "region:300,200,640,360", "--fps-max", "1", "--say", "what is it?"
    )
    assert code == 0, err
    frames = [line for line in lines if line["event"] == "vision_frame"]
    assert frames[0]["reason"] == "first"
    assert frames[0]["source_rect"] == [300, 200, 640, 360]
    assert frames[0]["tokens"] == 258
    reply = [line for line in lines if line["event"] == "transcript_line"][-1]
    assert "saw 1 frame of 640x360" in reply["text"]
    picture = simplejpeg.decode_jpeg(emulator.received_frames()[0], colorspace="BGRA")
    assert mean_error(picture, pattern(640, 360, 0)) < 8


async def test_headless_camera_and_bad_sources_are_explained(
    x_server: XServer, emulator: LiveEmulator
) -> None:
    code, lines, err = await headless(emulator, "--source", "camera:1", "--say", "hi")
    assert code == 0, err
    states = [line for line in lines if line["event"] == "vision_state"]
    assert states and states[0]["paused"] and "needs the window" in states[0]["message"]
    assert "saw no frames" in [ln for ln in lines if ln["event"] == "transcript_line"][-1]["text"]

    code, _, err = await headless(emulator, "--source", "screen:0")
    assert code == 2 and "start at 1" in err
