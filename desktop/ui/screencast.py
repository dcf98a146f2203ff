"""Screen and region sharing on Wayland: sources cut from the app's portal stream
(`portal_stream.py`), the window's source factories, our windows where the compositor says, and
the headless mode's Qt loop.

One source class for the window and the headless mode (which runs a Qt loop for it, see
`run_headless_with_qt`). The frame pipeline calls `open()`/`grab()`/`close()` on its capture
thread: a region is cut out of the monitor's frame in device pixels, sizes from the frame
itself; a static screen grabs the same (cached) picture again, which the pipeline's change
detection turns into keep-alives.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtMultimedia import (
    QVideoFrame,
)
from PySide6.QtWidgets import QApplication

from desktop.capture.portal import compositor_own_windows, is_wayland
from desktop.capture.screen import RegionSource, ScreenSource, list_screens
from desktop.capture.sources import CaptureError, Frame, FrameSource
from desktop.core.geometry import Rect, Screen, logical_to_device
from desktop.core.wayland_share import (
    crop_box,
    shown_windows,
    stream_screen,
)
from desktop.ui.portal_stream import (
    FIRST_FRAME_TIMEOUT_S,
    PortalStream,
    read_pixels,
    screens_now,
)

log = logging.getLogger(__name__)

NEWER_FRAME_WAIT_S = 0.5
# A window that may appear in captures sets this property (as in desktop/ui/vision_support.py).
CAPTURE_ALLOWED = "screenmateCaptureAllowed"


class PortalScreenSource:
    """A whole screen (`region` None) or a region (device pixels) of the portal's stream.
    Make it on the GUI thread (the stream is created there the first time)."""

    def __init__(self, number: int = 1, region: Rect | None = None) -> None:
        self.number = number
        self.region = region
        self._stream = PortalStream.instance()
        self._open = False
        self._opened_at: int | None = None  # the stream's serial when opened
        self._cached: tuple[int, Frame] | None = None  # (serial, what grab() made of it)

    @property
    def label(self) -> str:
        if self.region is not None:
            r = self.region
            return f"Region {r.w}×{r.h} at {r.x},{r.y}"
        return f"Screen {self.number}"

    def open(self) -> None:
        if not self._open:
            self._open = True
            self._cached = None
            self._opened_at = self._stream.serial
            self._stream.acquire()

    def grab(self) -> Frame:
        serial, frame = self._stream.latest(FIRST_FRAME_TIMEOUT_S)
        if self._opened_at is not None:
            # The stream ran already: its newest picture may show what was on screen before
            # this source was chosen (the region picker). Screens change when windows close,
            # so a newer one comes at once; a static screen keeps the newest.
            opened_at, self._opened_at = self._opened_at, None
            deadline = time.monotonic() + NEWER_FRAME_WAIT_S
            while serial <= opened_at and time.monotonic() < deadline:
                time.sleep(0.02)
                serial, frame = self._stream.latest(FIRST_FRAME_TIMEOUT_S)
        cached = self._cached
        if cached is not None and cached[0] == serial:
            return cached[1]  # nothing changed on screen since: the same picture
        result = self._convert(frame)
        self._cached = (serial, result)
        return result

    def close(self) -> None:
        if self._open:
            self._open = False
            self._stream.release()

    def _convert(self, frame: QVideoFrame) -> Frame:
        screens = self._stream.screens
        if not 1 <= self.number <= len(screens):
            raise CaptureError(
                f"There is no screen {self.number}; this desktop has {len(screens)}."
            )
        w, h = frame.width(), frame.height()
        screen = stream_screen(w, h, screens)
        if self.region is None:
            box, origin = Rect(0, 0, w, h), screen.device
        else:
            try:
                box, origin = crop_box(self.region, screen, w, h)
            except ValueError as exc:
                raise CaptureError(
                    f"The region {self.region.spec()} is outside the shared screen."
                ) from exc
        return Frame(read_pixels(frame, box), origin)


# -- what the window shares: the portal on Wayland, mss elsewhere ----------------------------


def screen_source(number: int) -> FrameSource:
    return PortalScreenSource(number) if is_wayland() else ScreenSource(number)


def region_source(rect: Rect) -> FrameSource:
    return PortalScreenSource(1, rect) if is_wayland() else RegionSource(rect)


def shareable_screens() -> list[Screen]:
    """The screens to offer: Qt's on Wayland (the portal streams them), mss's elsewhere."""
    return screens_now() if is_wayland() else list_screens()


# -- the app's windows, where the compositor says ------------------------------------------


def own_windows_device() -> list[Rect] | None:
    """Our shown windows in device pixels where the compositor tells (sway), else None (then
    Qt's own idea is all there is: on X11 it is right). Qt says which windows are shown and
    their sizes, the compositor where they are."""
    if not is_wayland():
        return None
    placed = compositor_own_windows()
    if placed is None:
        return None
    see_through = Qt.WindowType.WindowTransparentForInput
    shown = [
        (w.width(), w.height())
        for w in QApplication.topLevelWidgets()
        if w.isWindow() and w.isVisible() and not (w.windowFlags() & see_through)
        and not w.property(CAPTURE_ALLOWED)
    ]  # fmt: skip
    screens = screens_now()
    if not screens:
        return []
    return [logical_to_device(r, screens) for r in shown_windows(placed, shown)]


# -- headless: a Qt loop for the portal --------------------------------------------------------


def run_headless_with_qt(main: Coroutine[Any, Any, int]) -> int:
    """Run the headless mode's coroutine on a Qt event loop (QtMultimedia needs one), with a
    QGuiApplication on the Wayland platform and no window."""
    os.environ.setdefault("QT_QPA_PLATFORM", "wayland")
    import qasync  # after PySide6

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    assert isinstance(app, QGuiApplication)
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    try:
        return int(loop.run_until_complete(main))
    finally:
        loop.close()
