"""The frame pipeline's fresh frame for a typed line, with a scripted source (no X server):
only a picture grabbed after the line serves it, it goes outside the frame-rate budget, the
wait is bounded, and nothing waits on a source that went away."""

from __future__ import annotations

import asyncio
import threading

import numpy as np
import simplejpeg
from desktop.capture.pipeline import FramePipeline, PipelineConfig
from desktop.capture.sources import Frame
from desktop.core.events import SessionState, StateChanged
from desktop.core.frame_pacing import PacingConfig, Reason
from desktop.core.geometry import Rect

SLOW = PipelineConfig(pacing=PacingConfig(max_fps=0.1, keepalive_s=0.0))


class Screen:
    """A 64x48 source whose colour the test sets; a grab can be held up."""

    label = "test screen"

    def __init__(self) -> None:
        self.value = 10
        self.grabs = 0
        self.hold = threading.Event()
        self.hold.set()

    def open(self) -> None:
        pass

    def close(self) -> None:
        pass

    def grab(self) -> Frame:
        self.hold.wait(5)
        self.grabs += 1
        pixels = np.full((48, 64, 4), self.value, np.uint8)
        return Frame(pixels, Rect(0, 0, 64, 48))


async def live_pipeline(screen: Screen) -> tuple[FramePipeline, list[bytes]]:
    sent: list[bytes] = []
    pipeline = FramePipeline(sent.append, SLOW)
    pipeline.set_source(screen)
    pipeline.on_event(StateChanged(SessionState.LIVE))
    pipeline.start()
    for _ in range(200):
        if sent:
            break
        await asyncio.sleep(0.01)
    assert len(sent) == 1
    return pipeline, sent


async def test_a_changed_screen_is_sent_for_the_line_outside_the_budget() -> None:
    screen = Screen()
    pipeline, sent = await live_pipeline(screen)
    screen.value = 200
    future = pipeline.fresh_frame(2.0)
    assert future is not None
    await asyncio.wait_for(future, 2.0)
    assert len(sent) == 2 and pipeline.last_sent is not None
    assert pipeline.last_sent.reason is Reason.FRESH
    # Unchanged: served without sending anything.
    future = pipeline.fresh_frame(2.0)
    assert future is not None
    await asyncio.wait_for(future, 2.0)
    assert len(sent) == 2
    await pipeline.aclose()


async def test_a_grab_begun_before_the_line_does_not_serve_it() -> None:
    screen = Screen()
    pipeline, sent = await live_pipeline(screen)
    await asyncio.sleep(0.3)  # past the fresh-frame spacing
    screen.hold.clear()
    pipeline.request_fresh_frame()  # the user starts speaking: a grab begins, and hangs
    await asyncio.sleep(0.05)
    future = pipeline.fresh_frame(3.0)  # then types
    assert future is not None
    screen.value = 200  # what the screen shows when the line was typed
    screen.hold.set()
    await asyncio.wait_for(future, 3.0)
    assert screen.grabs >= 3  # the first, the stale one, and one for the line
    assert len(sent) == 2
    picture = simplejpeg.decode_jpeg(sent[1], colorspace="BGRA")
    assert abs(float(picture[..., :3].mean()) - 200) < 3  # the screen as typed
    await pipeline.aclose()


async def test_the_wait_is_bounded_and_released_when_the_source_goes() -> None:
    screen = Screen()
    pipeline, _sent = await live_pipeline(screen)
    screen.hold.clear()  # a stuck capture
    loop = asyncio.get_running_loop()
    started = loop.time()
    future = pipeline.fresh_frame(0.2)
    assert future is not None
    await asyncio.wait_for(future, 2.0)
    assert 0.15 <= loop.time() - started < 1.0
    again = pipeline.fresh_frame(30.0)
    assert again is not None
    pipeline.pause()  # the user pauses sharing: the line must not wait for a frame
    assert again.done()
    screen.hold.set()
    assert pipeline.fresh_frame(1.0) is None  # paused: nothing to wait for
    pipeline.set_source(None)
    assert pipeline.fresh_frame(1.0) is None
    await pipeline.aclose()


async def test_typed_while_connecting_waits_for_the_first_frame_once_live() -> None:
    screen = Screen()
    sent: list[bytes] = []
    pipeline = FramePipeline(sent.append, SLOW)
    pipeline.set_source(screen)
    pipeline.on_event(StateChanged(SessionState.CONNECTING))
    pipeline.start()
    future = pipeline.fresh_frame(0.2)
    assert future is not None
    await asyncio.sleep(0.4)  # the bound counts only once live
    assert not future.done() and not sent
    pipeline.on_event(StateChanged(SessionState.LIVE))
    await asyncio.wait_for(future, 2.0)
    assert len(sent) == 1
    # A session that ends releases the line at once.
    pipeline.on_event(StateChanged(SessionState.RECONNECTING))
    waiting = pipeline.fresh_frame(5.0)
    assert waiting is not None
    pipeline.on_event(StateChanged(SessionState.CLOSED))
    assert waiting.done()
    await pipeline.aclose()
