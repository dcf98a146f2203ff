"""What every picture source gives the frame pipeline, and how sources fail.

A source is opened, grabbed and closed on the pipeline's capture thread (never on the asyncio
loop). `grab()` returns one BGRA frame and where on the desktop it came from; a fault the user
must hear about (region off every screen, window closed, camera unplugged) is a `CaptureError`
whose message is shown as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from desktop.capture.portal import is_wayland
from desktop.core.geometry import Rect
from desktop.core.wayland_share import PortalProblem, message


class CaptureError(Exception):
    """A fault the user should read; sharing pauses, the session goes on."""


@dataclass(frozen=True)
class Frame:
    pixels: npt.NDArray[np.uint8]  # H x W x 4, BGRA
    # Where the pixels are on the virtual desktop (device pixels); None for a camera.
    origin: Rect | None


class FrameSource(Protocol):
    @property
    def label(self) -> str:
        """What is shared, for people: "Region 1280×720 at 10,20", "Screen 2", ..."""
        ...

    def open(self) -> None: ...

    def grab(self) -> Frame: ...

    def close(self) -> None: ...


def wayland_reason() -> str | None:
    """Why X11 grabs (mss, python-xlib) cannot work in this session, or None when they can.

    On Wayland, grabs through XWayland come back black for every native window: sending those
    would waste tokens and mislead the model, so the X11 sources refuse. Screens and regions go
    through the ScreenCast portal there instead (`capture/portal.py`, `ui/screencast.py`);
    one window cannot be shared on Wayland yet."""
    if is_wayland():
        return message(PortalProblem.NO_WINDOW)
    return None
