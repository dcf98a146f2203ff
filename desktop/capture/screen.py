"""Screen and region sources through mss (X11, Windows, macOS): device pixels, BGRA, ~2 ms per
1080p grab here. Why mss and not Qt's QScreen.grabWindow: the same code must serve the headless
mode, which has no Qt, and mss is 5x faster here (PROVEN_HERE: 2.1 ms vs 10.9 ms per 1080p)."""

from __future__ import annotations

import mss
import mss.exception
import numpy as np

from desktop.capture.sources import CaptureError, Frame, wayland_reason
from desktop.core.geometry import Rect, Screen, visible_part


def list_screens() -> list[Screen]:
    """The monitors in device pixels, 1-based as users count them (logical = device here;
    the window replaces that with Qt's logical geometry where it knows better)."""
    reason = wayland_reason()
    if reason:
        raise CaptureError(reason)
    try:
        with mss.MSS() as grabber:
            monitors = grabber.monitors[1:]
    except mss.exception.ScreenShotError as exc:
        raise CaptureError(f"Cannot read the screens: {exc}") from exc
    screens = []
    for i, m in enumerate(monitors, start=1):
        rect = Rect(m["left"], m["top"], m["width"], m["height"])
        screens.append(Screen(i, f"Screen {i}", rect, rect))
    return screens


class ScreenGrabber:
    """One mss instance, opened lazily on the capture thread that uses it."""

    def __init__(self) -> None:
        self._mss: mss.MSS | None = None

    def open(self) -> None:
        reason = wayland_reason()
        if reason:
            raise CaptureError(reason)
        if self._mss is None:
            try:
                self._mss = mss.MSS()
            except mss.exception.ScreenShotError as exc:
                raise CaptureError(f"Cannot open the screen for capture: {exc}") from exc

    def screens(self) -> list[Screen]:
        assert self._mss is not None
        out = []
        for i, m in enumerate(self._mss.monitors[1:], start=1):
            rect = Rect(m["left"], m["top"], m["width"], m["height"])
            out.append(Screen(i, f"Screen {i}", rect, rect))
        return out

    def grab(self, rect: Rect) -> Frame:
        assert self._mss is not None
        try:
            shot = self._mss.grab(
                {"left": rect.x, "top": rect.y, "width": rect.w, "height": rect.h}
            )
        except mss.exception.ScreenShotError as exc:
            raise CaptureError(f"The screen could not be captured: {exc}") from exc
        pixels = np.frombuffer(shot.raw, np.uint8).reshape(shot.height, shot.width, 4)
        return Frame(pixels, Rect(shot.left, shot.top, shot.width, shot.height))

    def close(self) -> None:
        if self._mss is not None:
            self._mss.close()
            self._mss = None


class RegionSource:
    """A fixed rectangle of the desktop in device pixels. Only the part on a screen is sent;
    a rectangle on no screen at all is a `CaptureError`."""

    def __init__(self, rect: Rect) -> None:
        self.rect = rect
        self._grabber = ScreenGrabber()
        self._visible = rect

    @property
    def label(self) -> str:
        r = self.rect
        return f"Region {r.w}×{r.h} at {r.x},{r.y}"

    def open(self) -> None:
        self._grabber.open()
        try:
            self._visible = visible_part(self.rect, self._grabber.screens())
        except ValueError as exc:
            self.close()
            raise CaptureError(f"The region {self.rect.spec()} is outside every screen.") from exc

    def grab(self) -> Frame:
        return self._grabber.grab(self._visible)

    def close(self) -> None:
        self._grabber.close()


class ScreenSource:
    """A whole monitor, 1-based."""

    def __init__(self, index: int) -> None:
        self.index = index
        self._grabber = ScreenGrabber()
        self._rect: Rect | None = None

    @property
    def label(self) -> str:
        return f"Screen {self.index}"

    def open(self) -> None:
        self._grabber.open()
        screens = self._grabber.screens()
        if not 1 <= self.index <= len(screens):
            self.close()
            raise CaptureError(
                f"There is no screen {self.index}; this desktop has {len(screens)} "
                f"screen{'s' if len(screens) != 1 else ''}."
            )
        self._rect = screens[self.index - 1].device

    def grab(self) -> Frame:
        assert self._rect is not None
        return self._grabber.grab(self._rect)

    def close(self) -> None:
        self._grabber.close()
