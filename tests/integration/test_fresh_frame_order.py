"""No question answered from a stale picture (issue 17): while a region of the real X screen is
shared, a typed line reaches the emulator after a frame of the screen as it was when the line
was typed, even when the frame budget would not have sent one for seconds; a push-to-talk
press asks for one too. Checked in the emulator's journal, through the real SDK."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from desktop.capture.screen import RegionSource
from desktop.capture.sources import Frame
from desktop.core.events import SessionState, StateChanged
from desktop.core.frame_pacing import PacingConfig, Reason
from desktop.core.geometry import Rect
from desktop.emulator import LiveEmulator
from desktop.emulator.wire import b64decode_any
from desktop.session.inputs import TEXT_FRAME_WAIT_S

from tests.integration.test_vision_capture import (  # noqa: F401
    PatternWindow,
    Sharing,
    decode,
    mean_error,
    show_pattern,
    until,
)
from tests.support.pattern_window import pattern

pytestmark = pytest.mark.x11

RECT = Rect(220, 160, 640, 360)
# One frame every 10 s at most: without the fresh frame, a changed screen would wait that long.
SLOW = PacingConfig(max_fps=0.1, keepalive_s=0.0)


def journal(emulator: LiveEmulator) -> list[tuple[str, bytes | str]]:
    """("video", jpeg) and ("text", text), in the order the emulator received them."""
    out: list[tuple[str, bytes | str]] = []
    for r in emulator.received_of("realtime_input"):
        block = r.message["realtime_input"]
        if "video" in block:
            out.append(("video", b64decode_any(str(block["video"]["data"]))))
        elif "text" in block:
            out.append(("text", str(block["text"])))
    return out


async def test_a_typed_question_follows_a_frame_of_the_current_screen(
    show_pattern: Callable[[Rect], PatternWindow],  # noqa: F811
    emulator: LiveEmulator,
) -> None:
    win = show_pattern(RECT)
    async with Sharing(emulator, SLOW) as sharing:
        sharing.session.use_fresh_frames(sharing.pipeline)  # as the window and headless do
        sharing.pipeline.set_source(RegionSource(RECT))
        await until(lambda: len(emulator.received_frames()) == 1)
        assert mean_error(decode(emulator.received_frames()[0]), pattern(640, 360, 0)) < 8

        win.command("seed 1")  # the screen changes; the budget allows no frame for ~10 s
        typed_at = time.monotonic()
        sharing.session.send_text("what do you see?")
        await until(lambda: len(emulator.received_texts()) == 1, timeout=10)
        waited = time.monotonic() - typed_at
        kinds = [kind for kind, _ in journal(emulator)]
        assert kinds == ["video", "video", "text"], kinds
        fresh = journal(emulator)[1][1]
        assert isinstance(fresh, bytes)
        assert mean_error(decode(fresh), pattern(640, 360, 1)) < 8, "the screen as typed"
        assert sharing.sent[1].reason is Reason.FRESH
        assert waited < TEXT_FRAME_WAIT_S + 1.0, f"the text waited {waited:.2f} s"
        await until(lambda: bool(emulator.sent_of("serverContent")) and _answered(emulator))

        # Unchanged screen: the frame the model has is current; the text goes with no new one.
        sharing.session.send_text("and now?")
        await until(lambda: len(emulator.received_texts()) == 2, timeout=10)
        assert [kind for kind, _ in journal(emulator)] == ["video", "video", "text", "text"]

        # Push-to-talk press (speech start): a fresh frame, outside the budget too.
        win.command("seed 2")
        pressed_at = time.monotonic()
        sharing.session.send_activity_start()
        await until(lambda: len(emulator.received_frames()) == 3, timeout=5)
        assert time.monotonic() - pressed_at < 2.0
        assert mean_error(decode(emulator.received_frames()[2]), pattern(640, 360, 2)) < 8
        sharing.session.send_activity_end()


def _answered(emulator: LiveEmulator) -> bool:
    return any(
        s.message["serverContent"].get("turnComplete") for s in emulator.sent_of("serverContent")
    )


async def test_the_text_goes_anyway_when_no_frame_comes(
    show_pattern: Callable[[Rect], PatternWindow],  # noqa: F811
    emulator: LiveEmulator,
) -> None:
    show_pattern(RECT)
    async with Sharing(emulator, SLOW) as sharing:
        sharing.session.use_fresh_frames(sharing.pipeline)
        sharing.pipeline.set_source(RegionSource(RECT))
        await until(lambda: len(emulator.received_frames()) == 1)
        # A capture that hangs (a stuck X server): the typed line waits only so long.
        source = sharing.pipeline.source
        assert source is not None
        grab = source.grab

        def slow_grab() -> Frame:
            time.sleep(2.0)
            return grab()

        source.grab = slow_grab  # type: ignore[method-assign]
        typed_at = time.monotonic()
        sharing.session.send_text("hello?")
        await until(lambda: len(emulator.received_texts()) == 1, timeout=10)
        waited = time.monotonic() - typed_at
        assert TEXT_FRAME_WAIT_S - 0.05 <= waited < TEXT_FRAME_WAIT_S + 1.0, waited
        assert sharing.session.state is SessionState.LIVE


async def test_a_line_typed_while_connecting_goes_after_the_first_frame(
    show_pattern: Callable[[Rect], PatternWindow],  # noqa: F811
    emulator: LiveEmulator,
) -> None:
    show_pattern(RECT)
    sharing = Sharing(emulator, SLOW)
    sharing.session.use_fresh_frames(sharing.pipeline)
    sharing.pipeline.set_source(RegionSource(RECT))

    def type_while_connecting(event: object) -> None:
        if isinstance(event, StateChanged) and event.state is SessionState.CONNECTING:
            sharing.session.send_text("what do you see?")

    sharing.events.subscribe(type_while_connecting)
    async with sharing:
        await until(lambda: len(emulator.received_texts()) == 1, timeout=10)
        assert [kind for kind, _ in journal(emulator)] == ["video", "text"]
        await until(lambda: _answered(emulator))
        (reply,) = [
            s.message["serverContent"]["outputTranscription"]["text"]
            for s in emulator.sent_of("serverContent")
            if "outputTranscription" in s.message["serverContent"]
        ][:1]
        assert reply.startswith("(Emulated")
