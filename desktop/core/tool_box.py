"""Where `point_at` points: a box the model names in the last frame it saw -> a rectangle on
the screen in Qt's logical pixels (HiDPI and multi-monitor correct, through `geometry`).

The box is Gemini's convention: `[ymin, xmin, ymax, xmax]`, each normalised to 0-1000 over the
frame (0,0 top-left; 1000,1000 bottom-right), whatever the frame's pixel size.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.geometry import (
    FrameGeometry,
    Rect,
    Screen,
    device_to_logical,
    frame_box_to_device,
)

BOX_SCALE = 1000.0


class BoxError(ValueError):
    """The box cannot be shown; the message is the reason for the model."""


def check_box(box: Sequence[float]) -> tuple[float, float, float, float]:
    if len(box) != 4:
        raise BoxError("box must be [ymin, xmin, ymax, xmax]")
    ymin, xmin, ymax, xmax = (float(v) for v in box)
    if any(not 0.0 <= v <= BOX_SCALE for v in (ymin, xmin, ymax, xmax)):
        raise BoxError("box is outside the frame: every value must be between 0 and 1000")
    if ymin >= ymax or xmin >= xmax:
        raise BoxError("box is empty: it needs ymin < ymax and xmin < xmax")
    return ymin, xmin, ymax, xmax


def box_to_logical(
    geometry: FrameGeometry | None, box: Sequence[float], screens: Sequence[Screen]
) -> Rect:
    """The screen rectangle (logical pixels) of a box in the last frame sent."""
    checked = check_box(box)
    if geometry is None:
        raise BoxError("nothing is shared, so there is no frame to point into")
    if geometry.source is None:
        raise BoxError("the shared picture is a camera, not the screen: cannot point at it")
    if not screens:
        raise BoxError("no screen to draw on")
    device = frame_box_to_device(geometry, checked, normalized_to=BOX_SCALE)
    if device.empty:
        raise BoxError("box is too small to show")
    return device_to_logical(device, screens)
