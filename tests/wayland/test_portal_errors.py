"""What a person reads when Wayland screen sharing cannot work, on real broken desktops: no
portal, no PipeWire, a portal without ScreenCast, and a cancelled dialog. Sharing pauses with
that message, the question is still answered, and no frame (black or otherwise) is sent."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import pytest
from desktop.capture.portal import probe_portal
from desktop.core.wayland_share import PortalProblem
from desktop.emulator import LiveEmulator

from tests.wayland.conftest import ColourWindow
from tests.wayland.desktop import WaylandDesktop
from tests.wayland.test_headless_wayland import headless, states_of

pytestmark = pytest.mark.wayland

BROKEN = {
    "no-portal": {"portal": False},
    "no-pipewire": {"pipewire": False},
    "no-screencast": {"screencast": False},
    "cancelled": {"chooser_cmd": "false"},
}
EXPECTED = {
    "no-portal": ("desktop portal", "not running"),
    "no-pipewire": ("needs PipeWire", "wireplumber"),
    "no-screencast": ("no ScreenCast backend", "-wlr for sway"),
    "cancelled": ("cancelled in the desktop's dialog", "asked again"),
}


@pytest.fixture(params=list(BROKEN))
def broken(request: pytest.FixtureRequest) -> Iterator[tuple[str, WaylandDesktop]]:
    desk = WaylandDesktop(**BROKEN[request.param]).start()
    yield request.param, desk
    desk.stop()


async def test_each_failure_is_named_and_nothing_is_sent(
    broken: tuple[str, WaylandDesktop], emulator: LiveEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    kind, desk = broken
    if kind != "cancelled":  # the bus alone tells these apart, before anything starts
        for key, value in desk.client_env().items():
            monkeypatch.setenv(key, value)
        assert probe_portal().problem is PortalProblem(kind)
    code, lines, err = await headless(
        desk, emulator, "--source", "region:0,0,640,360", "--say", "what do you see?"
    )
    assert code == 0, err
    paused = [s for s in states_of(lines) if s["paused"]]
    assert paused, lines
    for words in EXPECTED[kind]:
        assert words in paused[0]["message"], paused[0]["message"]
    assert emulator.received_frames() == []
    reply = [line for line in lines if line["event"] == "transcript_line"][-1]
    assert "saw no frames" in reply["text"]


async def test_the_desktop_ending_the_stream_pauses_sharing_with_a_message(
    emulator: LiveEmulator,
) -> None:
    desk = WaylandDesktop().start()
    try:
        colours = ColourWindow(desk)
        ended = asyncio.Event()

        def on_line(line: dict[str, Any]) -> None:
            if line["event"] == "vision_frame" and not ended.is_set():
                ended.set()
                desk.end("xdpw")  # the portal's backend goes away mid-share

        async def feed(stdin: asyncio.StreamWriter) -> None:
            await asyncio.wait_for(ended.wait(), 30)
            await asyncio.sleep(2.5)  # the next captures find the stream gone
            stdin.write(b"still there?\n")
            await stdin.drain()

        code, lines, err = await headless(
            desk, emulator, "--source", "region:0,0,640,360", "--fps-max", "1",
            feed=feed, on_line=on_line,
        )  # fmt: skip
        colours.close()
    finally:
        desk.stop()
    assert code == 0, err
    paused = [s for s in states_of(lines) if s["paused"]]
    assert paused and "stopped from the desktop" in paused[0]["message"], states_of(lines)
    assert len(emulator.received_frames()) == 1  # the one frame before; nothing after


async def test_an_unanswered_dialog_does_not_hold_the_exit(emulator: LiveEmulator) -> None:
    """The desktop's dialog stays open; the run times out and ends at once, sending nothing."""
    desk = WaylandDesktop(chooser_cmd="sleep 600").start()
    try:
        started = time.monotonic()
        code, _lines, err = await headless(
            desk, emulator, "--source", "screen:1", "--timeout", "4", "--say", "hello?"
        )
        took = time.monotonic() - started
    finally:
        desk.stop()
    assert code == 1 and "timed out after 4 s" in err
    assert took < 15, f"the exit waited for the dialog: {took:.1f} s"
    assert emulator.received_frames() == []
