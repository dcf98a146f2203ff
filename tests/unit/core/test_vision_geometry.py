"""Region and screen maths: logical vs device pixels, multi-monitor, frame -> screen mapping."""

from __future__ import annotations

import pytest
from desktop.core.geometry import (
    FrameGeometry,
    Rect,
    Screen,
    device_to_logical,
    frame_box_to_device,
    frame_to_device,
    logical_to_device,
    scaled_size,
    visible_part,
)

# A 1920x1080 screen at ratio 1 and, right of it, a 4K screen at ratio 2 (1920x1080 logical).
LEFT = Screen.from_logical(1, "left", Rect(0, 0, 1920, 1080), 1.0)
RIGHT = Screen(2, "right", Rect(1920, 0, 1920, 1080), Rect(1920, 0, 3840, 2160))
SCREENS = [LEFT, RIGHT]


def test_rect_from_a_drag_in_any_direction() -> None:
    assert Rect.from_points(50, 40, 10, 20) == Rect(10, 20, 40, 20)
    assert Rect.from_points(10.4, 20.6, 50.2, 40.1) == Rect(10, 20, 41, 21)


def test_rect_spec_round_trip_and_bad_input() -> None:
    assert Rect.parse(" 10, 20,300,200") == Rect(10, 20, 300, 200)
    assert Rect.parse(Rect(-5, 3, 7, 9).spec()) == Rect(-5, 3, 7, 9)
    for bad in ("1,2,3", "a,b,c,d", "0,0,0,10", "0,0,10,-1"):
        with pytest.raises(ValueError):
            Rect.parse(bad)


def test_hidpi_screen_maps_logical_to_device_and_back() -> None:
    hidpi = Screen.from_logical(1, "laptop", Rect(0, 0, 1440, 900), 2.0)
    assert hidpi.device == Rect(0, 0, 2880, 1800)
    region = Rect(100, 50, 400, 300)
    device = logical_to_device(region, [hidpi])
    assert device == Rect(200, 100, 800, 600)
    assert device_to_logical(device, [hidpi]) == region


def test_each_corner_maps_through_its_own_screen() -> None:
    # From x=1820 on the left screen (ratio 1) to x=2020 logical on the right one (ratio 2).
    region = Rect(1820, 100, 200, 100)
    device = logical_to_device(region, SCREENS)
    assert device.x == 1820 and device.right == 1920 + 100 * 2
    assert device.y == 100 and device.bottom == 200 * 2  # the bottom edge is on the 2x screen
    on_right = logical_to_device(Rect(2020, 100, 100, 50), SCREENS)
    assert on_right == Rect(1920 + 200, 200, 200, 100)
    assert device_to_logical(on_right, SCREENS) == Rect(2020, 100, 100, 50)


def test_visible_part_clips_and_rejects_regions_off_every_screen() -> None:
    assert visible_part(Rect(-100, -100, 300, 300), [LEFT]) == Rect(0, 0, 200, 200)
    with pytest.raises(ValueError, match="outside every screen"):
        visible_part(Rect(5000, 5000, 100, 100), SCREENS)


def test_scaled_size_keeps_aspect_and_never_upscales() -> None:
    assert scaled_size(1920, 1080, 1024) == (1024, 576)
    assert scaled_size(3840, 2160, 768) == (768, 432)
    assert scaled_size(1080, 1920, 1024) == (576, 1024)
    assert scaled_size(800, 600, 1024) == (800, 600)
    assert scaled_size(5000, 2, 1024) == (1024, 1)


def test_frame_points_and_gemini_boxes_map_back_to_the_screen() -> None:
    fg = FrameGeometry(Rect(100, 200, 1920, 1080), 1024, 576)
    assert frame_to_device(fg, 0, 0) == (100, 200)
    assert frame_to_device(fg, 1024, 576) == (2020, 1280)
    # Gemini's [ymin, xmin, ymax, xmax] on 0..1000: the middle quarter of the frame.
    box = frame_box_to_device(fg, [250, 250, 750, 750])
    assert box == Rect(100 + 480, 200 + 270, 960, 540)
    # Frame pixels, and a box spilling over the frame's edge is clamped to it.
    assert frame_box_to_device(fg, [0, 512, 288, 1024], normalized_to=None) == Rect(
        1060, 200, 960, 540
    )
    assert frame_box_to_device(fg, [-50, -50, 1200, 1200]) == Rect(100, 200, 1920, 1080)
    with pytest.raises(ValueError):
        frame_to_device(FrameGeometry(None, 640, 480), 1, 1)


def test_source_specs_parse_and_print() -> None:
    from desktop.core.source_spec import SourceKind, SourceSpec, parse_source

    assert parse_source("region:10,20,300,200") == SourceSpec(
        SourceKind.REGION, rect=Rect(10, 20, 300, 200)
    )
    assert parse_source("screen:2").number == 2
    assert parse_source("window:0x1a00003").number == 0x1A00003
    assert parse_source("window:0x1a00003").spec() == "window:0x1a00003"
    assert parse_source("camera:1").spec() == "camera:1"
    assert parse_source(" none ").kind is SourceKind.NONE
    for bad in ("screen:0", "screen:x", "region:1,2", "mirror:1", "screen", "window:0"):
        with pytest.raises(ValueError):
            parse_source(bad)


def test_media_resolution_goes_into_the_connect_config() -> None:
    from desktop.core.live_config import build_connect_config
    from desktop.settings import Settings

    assert "media_resolution" not in build_connect_config(Settings())
    low = build_connect_config(Settings(media_resolution="MEDIA_RESOLUTION_LOW"))
    assert low["media_resolution"] == "MEDIA_RESOLUTION_LOW"
