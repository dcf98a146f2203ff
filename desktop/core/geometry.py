"""Screen geometry as plain data: rectangles, screens, logical vs device pixels, frame mapping.

Qt reports positions in *logical* pixels (device pixels divided by the screen's device pixel
ratio); screen grabbers (mss, X11) work in *device* pixels on the virtual desktop. Everything
here is pure so the region picker, the capture edge and a later "point at" tool agree on one
mapping:

    logical (Qt, per screen)  --logical_to_device-->  device (virtual desktop, what is captured)
    frame pixel / 0-1000 box  --frame_to_device-->    device  --device_to_logical-->  logical
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle; `x, y` is the top-left corner, `w, h` are >= 0."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    @property
    def area(self) -> int:
        return max(self.w, 0) * max(self.h, 0)

    @property
    def empty(self) -> bool:
        return self.w <= 0 or self.h <= 0

    @staticmethod
    def from_points(x0: float, y0: float, x1: float, y1: float) -> Rect:
        """The rectangle spanned by two corners given in any order (a mouse drag)."""
        left, right = sorted((x0, x1))
        top, bottom = sorted((y0, y1))
        ix, iy = math.floor(left), math.floor(top)
        return Rect(ix, iy, math.ceil(right) - ix, math.ceil(bottom) - iy)

    def intersect(self, other: Rect) -> Rect:
        x, y = max(self.x, other.x), max(self.y, other.y)
        r, b = min(self.right, other.right), min(self.bottom, other.bottom)
        return Rect(x, y, max(r - x, 0), max(b - y, 0))

    def contains(self, px: float, py: float) -> bool:
        return self.x <= px < self.right and self.y <= py < self.bottom

    def translated(self, dx: int, dy: int) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.w, self.h)

    def grown(self, by: int) -> Rect:
        return Rect(self.x - by, self.y - by, self.w + 2 * by, self.h + 2 * by)

    def spec(self) -> str:
        """`X,Y,W,H`, as `--source region:` and the remembered region use."""
        return f"{self.x},{self.y},{self.w},{self.h}"

    @staticmethod
    def parse(text: str) -> Rect:
        """The inverse of `spec`; raises ValueError with a readable message."""
        parts = [p.strip() for p in text.split(",")]
        if len(parts) != 4:
            raise ValueError(f"a region is X,Y,W,H (four integers), not {text!r}")
        try:
            x, y, w, h = (int(p) for p in parts)
        except ValueError:
            raise ValueError(f"a region is X,Y,W,H (four integers), not {text!r}") from None
        if w <= 0 or h <= 0:
            raise ValueError(f"a region needs a positive width and height, not {text!r}")
        return Rect(x, y, w, h)


@dataclass(frozen=True)
class Screen:
    """One monitor: where it is in logical (Qt) and device (grabber) pixels."""

    index: int  # 1-based, as users count screens
    name: str
    logical: Rect
    device: Rect

    @property
    def ratio(self) -> float:
        """Device pixels per logical pixel (the device pixel ratio)."""
        return self.device.w / self.logical.w if self.logical.w else 1.0

    @staticmethod
    def from_logical(index: int, name: str, logical: Rect, ratio: float) -> Screen:
        """Qt's rule on X11 and Windows: a screen's device origin is its logical origin times
        its ratio, its device size its logical size times its ratio."""
        device = Rect(
            round(logical.x * ratio),
            round(logical.y * ratio),
            round(logical.w * ratio),
            round(logical.h * ratio),
        )
        return Screen(index, name, logical, device)


def _screen_at(screens: Sequence[Screen], px: float, py: float, *, logical: bool) -> Screen:
    """The screen containing the point, or the nearest one (points just off an edge)."""
    if not screens:
        raise ValueError("no screens")

    def distance(screen: Screen) -> float:
        r = screen.logical if logical else screen.device
        dx = max(r.x - px, 0.0, px - r.right)
        dy = max(r.y - py, 0.0, py - r.bottom)
        return dx * dx + dy * dy

    return min(screens, key=distance)


def logical_to_device(rect: Rect, screens: Sequence[Screen]) -> Rect:
    """A logical rectangle (e.g. dragged in the region picker) in device pixels. Each corner
    is mapped through the screen it lies on, so a region spanning two monitors of different
    ratios keeps both edges where the user put them."""
    a = _screen_at(screens, rect.x, rect.y, logical=True)
    b = _screen_at(screens, rect.right - 0.5, rect.bottom - 0.5, logical=True)
    x0 = a.device.x + (rect.x - a.logical.x) * a.ratio
    y0 = a.device.y + (rect.y - a.logical.y) * a.ratio
    x1 = b.device.x + (rect.right - b.logical.x) * b.ratio
    y1 = b.device.y + (rect.bottom - b.logical.y) * b.ratio
    return Rect.from_points(round(x0), round(y0), round(x1), round(y1))


def device_to_logical(rect: Rect, screens: Sequence[Screen]) -> Rect:
    """The inverse of `logical_to_device` (to place a border or a pointer with Qt)."""
    a = _screen_at(screens, rect.x, rect.y, logical=False)
    b = _screen_at(screens, rect.right - 0.5, rect.bottom - 0.5, logical=False)
    x0 = a.logical.x + (rect.x - a.device.x) / a.ratio
    y0 = a.logical.y + (rect.y - a.device.y) / a.ratio
    x1 = b.logical.x + (rect.right - b.device.x) / b.ratio
    y1 = b.logical.y + (rect.bottom - b.device.y) / b.ratio
    return Rect.from_points(round(x0), round(y0), round(x1), round(y1))


def visible_part(rect: Rect, screens: Sequence[Screen]) -> Rect:
    """The part of a device rectangle that the screens' bounding box holds. Raises ValueError
    when the rectangle overlaps no screen at all."""
    if not any(not rect.intersect(s.device).empty for s in screens):
        raise ValueError(f"the region {rect.spec()} is outside every screen")
    x0 = min(s.device.x for s in screens)
    y0 = min(s.device.y for s in screens)
    x1 = max(s.device.right for s in screens)
    y1 = max(s.device.bottom for s in screens)
    return rect.intersect(Rect(x0, y0, x1 - x0, y1 - y0))


@dataclass(frozen=True)
class FrameGeometry:
    """Where a sent frame came from: `source` (device pixels on the virtual desktop; None for
    a camera) was scaled to `width` x `height` pixels."""

    source: Rect | None
    width: int
    height: int


def frame_to_device(fg: FrameGeometry, fx: float, fy: float) -> tuple[float, float]:
    """A point in frame pixels -> device pixels on the virtual desktop."""
    if fg.source is None:
        raise ValueError("a camera frame has no place on the screen")
    sx = fg.source.w / fg.width
    sy = fg.source.h / fg.height
    return fg.source.x + fx * sx, fg.source.y + fy * sy


def frame_box_to_device(
    fg: FrameGeometry, box: Sequence[float], *, normalized_to: float | None = 1000.0
) -> Rect:
    """A box the model names in the frame -> a device rectangle.

    `box` is Gemini's `[ymin, xmin, ymax, xmax]`, normalised to 0..`normalized_to` (1000 by
    default); pass `normalized_to=None` for a box in frame pixels."""
    if len(box) != 4:
        raise ValueError("a box is [ymin, xmin, ymax, xmax]")
    ymin, xmin, ymax, xmax = (float(v) for v in box)
    if normalized_to is not None:
        kx, ky = fg.width / normalized_to, fg.height / normalized_to
        xmin, xmax, ymin, ymax = xmin * kx, xmax * kx, ymin * ky, ymax * ky
    xmin, xmax = (min(max(v, 0.0), float(fg.width)) for v in (xmin, xmax))
    ymin, ymax = (min(max(v, 0.0), float(fg.height)) for v in (ymin, ymax))
    x0, y0 = frame_to_device(fg, xmin, ymin)
    x1, y1 = frame_to_device(fg, xmax, ymax)
    return Rect.from_points(round(x0), round(y0), round(x1), round(y1))


def scaled_size(width: int, height: int, max_side: int) -> tuple[int, int]:
    """The frame size for a capture: the long side at most `max_side`, aspect kept, never
    upscaled, never below 1 pixel."""
    if width <= 0 or height <= 0:
        raise ValueError("an image needs a positive size")
    long_side = max(width, height)
    if long_side <= max_side:
        return width, height
    k = max_side / long_side
    return max(1, round(width * k)), max(1, round(height * k))
