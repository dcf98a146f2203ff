"""The session's inputs and the shared picture: a typed line waits (boundedly) for a frame of
the screen it was typed at, lines keep their order, and speech start asks for a frame."""

from __future__ import annotations

import asyncio

import numpy as np
from desktop.session.inputs import TEXT_FRAME_WAIT_S, LiveInputs
from desktop.session.outbox import Outbox
from desktop.session.sdk_io import Input


class Inputs(LiveInputs):
    def __init__(self) -> None:
        self._outbox = Outbox()
        self.shown: list[str] = []

    def _typed(self, text: str) -> None:
        self.shown.append(text)

    def queued(self) -> list[str]:
        items = []
        while self._outbox:
            item = self._outbox.taken()
            items.append(item.text if item.kind is Input.TEXT else item.kind.value)
        return items


class Frames:
    """A picture source whose frame is sent when the test says so."""

    def __init__(self, inputs: Inputs, sharing: bool = True) -> None:
        self.inputs = inputs
        self.sharing = sharing
        self.pending: list[asyncio.Future[None]] = []
        self.requests = 0
        self.waits: list[float] = []

    def request_fresh_frame(self) -> None:
        self.requests += 1

    def fresh_frame(self, wait_s: float) -> asyncio.Future[None] | None:
        if not self.sharing:
            return None
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        self.pending.append(future)
        self.waits.append(wait_s)
        loop.call_later(wait_s, self._give_up, future)
        return future

    @staticmethod
    def _give_up(future: asyncio.Future[None]) -> None:
        if not future.done():
            future.set_result(None)

    def send(self) -> None:
        self.inputs.send_video(b"\xff\xd8jpeg")
        for future in self.pending:
            if not future.done():
                future.set_result(None)
        self.pending.clear()


async def test_a_typed_line_goes_after_the_frame_and_lines_keep_their_order() -> None:
    inputs = Inputs()
    frames = Frames(inputs)
    inputs.use_fresh_frames(frames)
    inputs.send_text("first")
    inputs.send_text("second")  # typed while the first waits: behind it, no second frame
    assert inputs.shown == ["first", "second"]  # shown at once
    assert inputs.queued() == [] and len(frames.pending) == 1
    frames.send()
    assert inputs._holding is not None
    await inputs._holding
    assert inputs.queued() == ["video", "first", "second"]


async def test_the_line_goes_anyway_after_the_bounded_wait() -> None:
    inputs = Inputs()
    frames = Frames(inputs)
    inputs.use_fresh_frames(frames)
    loop = asyncio.get_running_loop()
    started = loop.time()
    inputs.send_text("anyone?")
    assert inputs._holding is not None
    await inputs._holding
    assert frames.waits == [TEXT_FRAME_WAIT_S]
    assert TEXT_FRAME_WAIT_S - 0.02 <= loop.time() - started < TEXT_FRAME_WAIT_S + 0.3
    frames.send()  # late: it still goes, after the text
    assert inputs.queued() == ["anyone?", "video"]


async def test_nothing_shared_or_no_picture_source_sends_at_once() -> None:
    alone = Inputs()
    alone.send_text("hi")
    assert alone.queued() == ["hi"]
    inputs = Inputs()
    inputs.use_fresh_frames(Frames(inputs, sharing=False))
    inputs.send_text("hi")
    assert inputs.queued() == ["hi"]


def tone(seconds: float, amplitude: float) -> bytes:
    t = np.arange(int(seconds * 16000)) / 16000
    return (amplitude * 32767 * np.sin(2 * np.pi * 300 * t)).astype("<i2").tobytes()


async def test_speech_start_asks_for_a_fresh_frame() -> None:
    inputs = Inputs()
    frames = Frames(inputs)
    inputs.use_fresh_frames(frames)
    inputs.send_activity_start()  # push-to-talk press
    assert frames.requests == 1
    # Hands-free: the first loud block after a quiet second, once per utterance.
    inputs.send_audio(tone(0.02, 0.3))
    assert frames.requests == 2
    for _ in range(20):
        inputs.send_audio(tone(0.02, 0.3))  # still talking
    for _ in range(25):
        inputs.send_audio(tone(0.02, 0.001))  # 0.5 s of quiet: a pause within a sentence
    inputs.send_audio(tone(0.02, 0.3))
    assert frames.requests == 2
    for _ in range(50):
        inputs.send_audio(tone(0.02, 0.0))  # a quiet second: the next speech is a new turn
    inputs.send_audio(tone(0.02, 0.3))
    assert frames.requests == 3
