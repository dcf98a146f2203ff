"""The offline showcase headless (issue 17): `screenmate --headless --source region:...` against
the emulator, with a window of known colours in the region. "Where is the green box?" goes
after a frame of the region, and the emulator, looking at that frame, calls point_at with a
box on the green quadrant; headless prints where it would highlight."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from desktop.core.geometry import Rect
from desktop.emulator import LiveEmulator

from tests.e2e.test_headless_tools import headless, of, save_settings
from tests.integration.test_vision_capture import PatternWindow, show_pattern  # noqa: F401

pytestmark = pytest.mark.x11

REGION = Rect(300, 200, 640, 360)  # seed 0: red, green / blue, light grey quadrants


async def test_where_is_the_green_box_points_into_the_green_quadrant(
    show_pattern: Callable[[Rect], PatternWindow],  # noqa: F811
    emulator: LiveEmulator,
) -> None:
    show_pattern(REGION)
    save_settings()  # point_at is on by default
    code, lines, err = await headless(
        emulator, "--source", f"region:{REGION.spec()}", "--say", "Where is the green box?"
    )
    assert code == 0, err
    kinds = [
        next(iter(r.message["realtime_input"])) for r in emulator.received_of("realtime_input")
    ]
    assert kinds.index("video") < kinds.index("text"), kinds  # the frame, then the question
    (pointed,) = of(lines, "point_at")
    x, y, w, h = pointed["rect"]
    green = Rect(REGION.x + REGION.w // 2, REGION.y, REGION.w // 2, REGION.h // 2)
    assert green.x - 2 <= x and x + w <= green.x + green.w + 2, pointed
    assert green.y - 2 <= y and y + h <= green.y + green.h + 2, pointed
    assert w >= 40 and h >= green.h - 4  # a whole stripe between the dark bars
    assert pointed["label"] == "green box"
    said = [line["text"] for line in of(lines, "transcript_line") if line["role"] == "model"]
    assert said[-1].startswith("(Emulated")
    assert "There: I pointed at the largest green shape I saw, at the top" in said[-1]
