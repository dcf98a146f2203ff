"""`screenmate --headless --source screen:N|region:...` in a real Wayland session: frames come
through the ScreenCast portal and PipeWire, and the JPEGs the emulator receives show the
window of known colours at the right place."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import simplejpeg
from desktop.emulator import LiveEmulator

from tests.support.pattern_window import pattern
from tests.wayland.conftest import REPO, ColourWindow, mean_error
from tests.wayland.desktop import WaylandDesktop

pytestmark = pytest.mark.wayland


async def headless(
    desk: WaylandDesktop, emu: LiveEmulator, *args: str,
    feed: Callable[[asyncio.StreamWriter], Awaitable[None]] | None = None,
    on_line: Callable[[dict[str, Any]], None] | None = None,
) -> tuple[int, list[dict[str, Any]], str]:  # fmt: skip
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "desktop", "--headless",
        "--base-url", emu.base_url, "--ca-file", str(emu.ca_file), "--timeout", "60", *args,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, cwd=REPO,
        env={**desk.client_env(), "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    lines: list[dict[str, Any]] = []

    async def read() -> None:
        assert proc.stdout is not None
        async for raw in proc.stdout:
            if raw.strip():
                line = json.loads(raw)
                lines.append(line)
                if on_line is not None:
                    on_line(line)

    reader = asyncio.create_task(read())
    if feed is not None:
        await feed(proc.stdin)
    proc.stdin.close()
    err = await asyncio.wait_for(proc.stderr.read(), 90)
    await asyncio.wait_for(proc.wait(), 30)
    await reader
    assert proc.returncode is not None
    return proc.returncode, lines, err.decode()


def write_settings(values: dict[str, Any]) -> None:
    config = Path(os.environ["SCREENMATE_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps(values))


def frames_of(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [line for line in lines if line["event"] == "vision_frame"]


def states_of(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [line for line in lines if line["event"] == "vision_state"]


async def test_headless_region_is_cut_from_the_portal_stream(
    desktop: WaylandDesktop, colours: ColourWindow, emulator: LiveEmulator
) -> None:
    code, lines, err = await headless(
        desktop, emulator, "--source", "region:960,0,960,540", "--fps-max", "1",
        "--say", "what is it?",
    )  # fmt: skip
    assert code == 0, err
    frames = frames_of(lines)
    assert frames[0]["reason"] == "first"
    assert frames[0]["source_rect"] == [960, 0, 960, 540]
    assert (frames[0]["width"], frames[0]["height"]) == (960, 540)
    reply = [line for line in lines if line["event"] == "transcript_line"][-1]
    assert "saw 1 frame of 960x540" in reply["text"]
    picture = simplejpeg.decode_jpeg(emulator.received_frames()[0], colorspace="BGRA")
    assert mean_error(picture, colours.picture()[0:540, 960:1920]) < 8


async def test_headless_whole_screen_through_the_portal(
    desktop: WaylandDesktop, colours: ColourWindow, emulator: LiveEmulator
) -> None:
    code, lines, err = await headless(
        desktop, emulator, "--source", "screen:1", "--fps-max", "1", "--say", "and now?"
    )
    assert code == 0, err
    frames = frames_of(lines)
    assert frames[0]["source_rect"] == [0, 0, 1920, 1080]
    assert (frames[0]["width"], frames[0]["height"]) == (1024, 576)  # the pipeline's downscale
    picture = simplejpeg.decode_jpeg(emulator.received_frames()[0], colorspace="BGRA")
    expected = colours.picture()
    # The same quadrants at the same places: compare the centre of each quadrant's first bar gap.
    for fy, fx in ((144, 150), (144, 662), (432, 150), (432, 662)):
        want = expected[fy * 1080 // 576, fx * 1920 // 1024, :3].astype(int)
        got = picture[fy, fx, :3].astype(int)
        assert np.abs(got - want).max() < 24, (fy, fx, got, want)


async def test_a_static_screen_sends_only_keepalives_and_a_change_goes_out(
    desktop: WaylandDesktop, colours: ColourWindow, emulator: LiveEmulator
) -> None:
    write_settings({"vision_keepalive_s": 1.5})
    changed = asyncio.Event()

    def on_line(line: dict[str, Any]) -> None:
        if line["event"] != "vision_frame":
            return
        if line["reason"] == "keepalive" and line["sent"] >= 3 and colours.seed_value == 0:
            colours.seed(1)  # the screen changes under the shared region
        elif line["reason"] == "changed":
            changed.set()

    async def feed(stdin: asyncio.StreamWriter) -> None:
        await asyncio.wait_for(changed.wait(), 40)
        stdin.write(b"what changed?\n")
        await stdin.drain()

    code, lines, err = await headless(
        desktop, emulator, "--source", "region:0,0,960,540", "--fps-max", "1",
        feed=feed, on_line=on_line,
    )  # fmt: skip
    assert code == 0, err
    frames = frames_of(lines)
    reasons = [f["reason"] for f in frames]
    assert reasons[0] == "first"
    assert reasons[1 : reasons.index("changed")] == ["keepalive"] * 2, reasons  # sent: 3
    # Between keep-alives the unchanged captures were looked at and skipped.
    assert frames[reasons.index("changed") - 1]["skipped_unchanged"] >= 2
    received = emulator.received_frames()
    first = simplejpeg.decode_jpeg(received[0], colorspace="BGRA")
    after = simplejpeg.decode_jpeg(received[reasons.index("changed")], colorspace="BGRA")
    assert mean_error(first, pattern(1920, 1080, 0)[:540, :960]) < 8
    assert mean_error(after, pattern(1920, 1080, 1)[:540, :960]) < 8


async def test_a_region_on_a_scale_2_screen_is_in_device_pixels(emulator: LiveEmulator) -> None:
    """Qt sees a 960x540 screen at ratio 2; the portal streams 1920x1080 device pixels."""
    desk = WaylandDesktop(scale=2).start()
    try:
        colours = ColourWindow(desk)
        assert (colours.width, colours.height) == (1920, 1080)  # drawn 1:1 in device pixels
        code, lines, err = await headless(
            desk, emulator, "--source", "region:960,540,640,360", "--say", "and here?"
        )
        colours.close()
    finally:
        desk.stop()
    assert code == 0, err
    frame = frames_of(lines)[0]
    assert frame["source_rect"] == [960, 540, 640, 360]
    picture = simplejpeg.decode_jpeg(emulator.received_frames()[0], colorspace="BGRA")
    assert picture.shape[:2] == (360, 640)
    assert mean_error(picture, pattern(1920, 1080, 0)[540:900, 960:1600]) < 8


async def test_one_window_is_refused_on_wayland_with_what_to_do_instead(
    desktop: WaylandDesktop, emulator: LiveEmulator
) -> None:
    code, lines, err = await headless(
        desktop, emulator, "--source", "window:0x1234", "--say", "what is this window?"
    )
    assert code == 0, err
    states = states_of(lines)
    assert states[0]["paused"]
    assert "one window is not available on Wayland" in states[0]["message"]
    assert "share a region around it" in states[0]["message"]
    assert emulator.received_frames() == []
