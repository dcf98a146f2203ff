"""The frame pipeline on a real X server (Xvfb) against the real emulator through the SDK.

A helper process shows a window with known content at a known place; the pipeline captures
that region (or follows that window) and the JPEGs the emulator receives are decoded and
compared with the known picture.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
import simplejpeg
from desktop.capture.pipeline import FramePipeline, PipelineConfig, SentFrame
from desktop.capture.screen import RegionSource
from desktop.capture.window import WindowSource, list_windows
from desktop.core.events import SessionState
from desktop.core.fanout import EventFanout
from desktop.core.frame_pacing import PacingConfig, Reason
from desktop.core.geometry import Rect
from desktop.emulator import LiveEmulator
from desktop.session.endpoint import Endpoint
from desktop.session.live_session import LiveSession
from desktop.settings import Settings

from tests.support.pattern_window import pattern
from tests.support.xvfb import XServer

pytestmark = pytest.mark.x11
REPO = Path(__file__).resolve().parents[2]


class PatternWindow:
    def __init__(self, rect: Rect) -> None:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.support.pattern_window",
                *map(str, rect.spec().split(",")),
            ],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "xcb"},
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().split()
        assert line[:1] == ["ready"], f"pattern window did not start: {line}"
        self.window_id = int(line[1])

    def command(self, text: str) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()
        assert self.proc.stdout.readline().strip() == "ok"
        time.sleep(0.2)  # let the X server draw it

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


@pytest.fixture
def show_pattern(x_server: XServer) -> Iterator[Callable[[Rect], PatternWindow]]:
    # Xvfb resets (and drops new connections meanwhile) when its last client leaves; one
    # connection held open for the whole test keeps it from doing that between sources.
    from Xlib import display

    keep_alive = display.Display(x_server.display)
    windows: list[PatternWindow] = []

    def show(rect: Rect) -> PatternWindow:
        windows.append(PatternWindow(rect))
        return windows[-1]

    yield show
    for win in windows:
        win.close()
    keep_alive.close()


class Sharing:
    """A live session plus a pipeline wired as the app wires them."""

    def __init__(self, emulator: LiveEmulator, pacing: PacingConfig) -> None:
        endpoint = Endpoint("k", emulator.base_url, str(emulator.ca_file), True, "emulator")
        self.events = EventFanout()
        self.session = LiveSession(endpoint, Settings(), self.events)
        self.pipeline = FramePipeline(self.session.send_video, PipelineConfig(pacing=pacing))
        self.events.subscribe(self.pipeline.on_event)
        self.sent: list[SentFrame] = []
        self.pipeline.frame_listeners.append(self.sent.append)
        self.task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Sharing:
        self.pipeline.start()
        self.task = asyncio.create_task(self.session.run())
        await until(lambda: self.session.state is SessionState.LIVE)
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.pipeline.aclose()
        await self.session.stop()
        assert self.task is not None
        await self.task


async def until(predicate: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        await asyncio.sleep(0.02)


def decode(jpeg: bytes) -> np.ndarray:
    return simplejpeg.decode_jpeg(jpeg, colorspace="BGRA")


def mean_error(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a[..., :3].astype(int) - b[..., :3].astype(int)).mean())


async def test_region_capture_reaches_the_model_unchanged_screens_stay_quiet(
    show_pattern: Callable[[Rect], PatternWindow], emulator: LiveEmulator
) -> None:
    rect = Rect(200, 150, 640, 360)
    win = show_pattern(rect)
    pacing = PacingConfig(max_fps=1.0, keepalive_s=3.0)
    async with Sharing(emulator, pacing) as sharing:
        sharing.pipeline.set_source(RegionSource(rect))
        await until(lambda: len(emulator.received_frames()) >= 1)
        picture = decode(emulator.received_frames()[0])
        assert picture.shape[:2] == (360, 640)
        assert mean_error(picture, pattern(640, 360, 0)) < 8, "the JPEG shows the window"
        assert sharing.sent[0].geometry.source == rect

        # Nothing changes for 4.5 s: one keep-alive frame at most, the rest skipped.
        await asyncio.sleep(4.5)
        stats = sharing.pipeline.stats
        assert [f.reason for f in sharing.sent] == [Reason.FIRST, Reason.KEEPALIVE]
        assert stats.skipped_unchanged >= 2
        assert len(emulator.received_frames()) == 2

        # A change: a frame within about a second (one capture interval; load adds slack).
        win.command("seed 1")
        changed_at = time.monotonic()
        await until(lambda: len(sharing.sent) == 3, timeout=10)
        latency = sharing.sent[2].at - changed_at
        assert sharing.sent[2].reason is Reason.CHANGED
        assert latency < 2.0, f"change took {latency:.2f} s to be sent"
        await until(lambda: len(emulator.received_frames()) == 3)
        assert mean_error(decode(emulator.received_frames()[2]), pattern(640, 360, 1)) < 8

        # The user speaks (the voice controller's hook): unchanged picture, nothing new sent.
        sharing.pipeline.request_fresh_frame()
        await asyncio.sleep(0.5)
        assert len(sharing.sent) == 3


async def test_window_follow_and_faults_pause_sharing_not_the_session(
    show_pattern: Callable[[Rect], PatternWindow], emulator: LiveEmulator
) -> None:
    win = show_pattern(Rect(100, 100, 480, 270))
    listed = {w.window_id: w for w in list_windows()}
    assert win.window_id in listed and listed[win.window_id].rect == Rect(100, 100, 480, 270)
    pacing = PacingConfig(max_fps=2.0, keepalive_s=0.0)
    async with Sharing(emulator, pacing) as sharing:
        sharing.pipeline.set_source(WindowSource(win.window_id))
        await until(lambda: len(sharing.sent) >= 1)
        assert sharing.sent[0].geometry.source == Rect(100, 100, 480, 270)

        win.command("move 900 500 640 360")  # moved and resized: the next frame follows it
        await until(lambda: sharing.sent[-1].geometry.source == Rect(900, 500, 640, 360))
        await until(lambda: len(emulator.received_frames()) == len(sharing.sent))
        assert mean_error(decode(emulator.received_frames()[-1]), pattern(640, 360, 0)) < 8

        win.close()
        await until(lambda: sharing.pipeline.state.paused)
        assert "closed" in sharing.pipeline.state.message
        assert sharing.session.state is SessionState.LIVE

        sharing.pipeline.set_source(RegionSource(Rect(5000, 5000, 100, 100)))
        await until(lambda: sharing.pipeline.state.paused)
        assert "outside every screen" in sharing.pipeline.state.message
        assert sharing.session.state is SessionState.LIVE
        sharing.session.send_text("still there?")
        await until(lambda: len(emulator.received_texts()) == 1)
