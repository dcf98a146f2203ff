"""Wayland sharing's pure decisions: crop boxes in the portal's frames, which screen a stream
shows, Qt's error words, and where sway says our windows are."""

from __future__ import annotations

import pytest
from desktop.core.geometry import Rect, Screen
from desktop.core.wayland_share import (
    MESSAGES,
    PortalProblem,
    classify_qt_error,
    crop_box,
    shown_windows,
    stream_screen,
    sway_windows_of,
)

ONE = Screen(1, "HEADLESS-1", Rect(0, 0, 1920, 1080), Rect(0, 0, 1920, 1080))
HIDPI = Screen.from_logical(1, "eDP-1", Rect(0, 0, 960, 540), 2.0)  # device 1920x1080
RIGHT = Screen(2, "DP-2", Rect(1920, 0, 1280, 1024), Rect(1920, 0, 1280, 1024))


def test_a_region_on_a_plain_screen_is_cut_as_it_is() -> None:
    box, visible = crop_box(Rect(960, 0, 960, 540), ONE, 1920, 1080)
    assert box == Rect(960, 0, 960, 540)
    assert visible == Rect(960, 0, 960, 540)


def test_a_hidpi_region_is_in_device_pixels_of_the_frame() -> None:
    # The picker's logical 100,50 200x100 at ratio 2 is device 200,100 400x200.
    assert HIDPI.device == Rect(0, 0, 1920, 1080)
    box, _ = crop_box(Rect(200, 100, 400, 200), HIDPI, 1920, 1080)
    assert box == Rect(200, 100, 400, 200)


def test_a_frame_smaller_than_the_screen_is_scaled_by_its_own_size() -> None:
    # A compositor that streams the logical size (960x540) of a ratio-2 screen.
    box, visible = crop_box(Rect(200, 100, 400, 200), HIDPI, 960, 540)
    assert box == Rect(100, 50, 200, 100)
    assert visible == Rect(200, 100, 400, 200)


def test_a_region_on_a_second_screen_is_relative_to_that_screen() -> None:
    box, visible = crop_box(Rect(1800, 10, 400, 100), RIGHT, 1280, 1024)
    assert visible == Rect(1920, 10, 280, 100)  # the part on screen 2
    assert box == Rect(0, 10, 280, 100)


def test_a_region_off_the_shared_screen_is_an_error() -> None:
    with pytest.raises(ValueError, match="not on"):
        crop_box(Rect(3000, 0, 10, 10), ONE, 1920, 1080)


def test_the_stream_is_matched_to_a_screen_by_its_size() -> None:
    assert stream_screen(1280, 1024, [ONE, RIGHT]) is RIGHT
    assert stream_screen(960, 540, [HIDPI]) is HIDPI  # logical size
    assert stream_screen(800, 600, [ONE, RIGHT]) is ONE  # unknown: the primary
    with pytest.raises(ValueError):
        stream_screen(1, 1, [])


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("PipeWire screen capture session was closed", PortalProblem.CLOSED),
        ("Failed to capture screen via pipewire, perhaps because user cancelled the operation.",
         PortalProblem.CANCELLED),
        ("There is no ScreenCast service available in org.freedesktop.portal!",
         PortalProblem.NO_SCREENCAST),
        ("QPipeWireCaptureHelper failed at pw_context_connect_fd().", PortalProblem.NO_PIPEWIRE),
        ("Failed to open pipewire remote for org.freedesktop.portal.ScreenCast.",
         PortalProblem.NO_PIPEWIRE),
        ("Out of buffers in pipewire stream dequeue.", PortalProblem.NO_FRAMES),
    ],
)  # fmt: skip
def test_qt_error_words_name_the_problem(text: str, problem: PortalProblem) -> None:
    assert classify_qt_error(text) is problem


def test_every_problem_has_a_message_with_a_way_out() -> None:
    assert set(MESSAGES) == set(PortalProblem)
    for text in MESSAGES.values():
        assert len(text) > 60 and text.endswith(".")


def test_sway_tree_gives_our_visible_windows_only() -> None:
    def con(pid: int, visible: bool, x: int, y: int, w: int, h: int) -> dict[str, object]:
        rect = {"x": x, "y": y, "width": w, "height": h}
        return {"pid": pid, "visible": visible, "rect": rect,
                "window_rect": {"x": 0, "y": 0, "width": w, "height": h - 20}}  # fmt: skip

    tree = {
        "type": "root",
        "nodes": [
            {
                "type": "output",
                "nodes": [con(10, True, 0, 0, 960, 1080), con(11, True, 960, 0, 960, 1080),
                          con(10, False, 0, 0, 5, 5)],
                "floating_nodes": [con(10, True, 100, 80, 400, 300)],
            }
        ],
    }  # fmt: skip
    assert sway_windows_of(tree, [10]) == [
        (Rect(0, 0, 960, 1080), (960, 1060)),
        (Rect(100, 80, 400, 300), (400, 280)),
    ]
    assert sway_windows_of(tree, [99]) == []


def test_only_windows_the_app_still_shows_are_painted_out() -> None:
    placed = [(Rect(0, 0, 1920, 1080), (1920, 1080)), (Rect(960, 0, 960, 1080), (960, 1080))]
    # The full-screen region picker just closed; the main window (959x1080 in Qt) is shown.
    assert shown_windows(placed, [(959, 1080)]) == [Rect(960, 0, 960, 1080)]
    assert shown_windows(placed, []) == []
