"""Follow one X11 window: its place is looked up on every grab, so moving or resizing it is
followed; what is on top of it is captured too (X11 without a compositor keeps no hidden
pixels). Closing or unmapping it is a `CaptureError`.

Platforms: X11 only (python-xlib). On Wayland no client may read another window's place, and
Windows/macOS need their own APIs: there `WindowSource.open()` says so, and the user can share
a region or a screen instead.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Any

from desktop.capture.screen import ScreenGrabber
from desktop.capture.sources import CaptureError, Frame, wayland_reason
from desktop.core.geometry import Rect, visible_part

UNSUPPORTED = (
    "Sharing a single window needs X11 (Linux). Here, share a region or a whole screen instead."
)


def _unsupported_reason() -> str | None:
    if not sys.platform.startswith("linux") or not os.environ.get("DISPLAY"):
        return UNSUPPORTED
    return wayland_reason()


@dataclass(frozen=True)
class WindowInfo:
    window_id: int
    title: str
    rect: Rect  # device pixels, root coordinates


def _open_display() -> Any:
    reason = _unsupported_reason()
    if reason:
        raise CaptureError(reason)
    from Xlib import display as xdisplay
    from Xlib import error as xerror

    try:
        return xdisplay.Display()
    except (xerror.DisplayError, OSError) as exc:
        raise CaptureError(f"Cannot connect to the X server: {exc}") from exc


def _title(display: Any, win: Any) -> str:
    try:
        net_name = win.get_full_property(display.intern_atom("_NET_WM_NAME"), 0)
        if net_name is not None and net_name.value:
            value = net_name.value
            return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
        name = win.get_wm_name()
        if isinstance(name, bytes):
            return name.decode("latin-1")
        return name or ""
    except Exception:
        return ""


def _rect_of(display: Any, win: Any) -> Rect:
    root = display.screen().root
    geometry = win.get_geometry()
    origin = root.translate_coords(win, 0, 0)
    return Rect(origin.x, origin.y, geometry.width, geometry.height)


def list_windows(exclude: frozenset[int] = frozenset()) -> list[WindowInfo]:
    """Visible top-level windows with a title, topmost first (X11)."""
    from Xlib import X

    display = _open_display()
    try:
        root = display.screen().root
        client_list = root.get_full_property(display.intern_atom("_NET_CLIENT_LIST"), 0)
        if client_list is not None and len(client_list.value):
            candidates = [display.create_resource_object("window", w) for w in client_list.value]
        else:  # no window manager: the root's children are the top-level windows
            candidates = list(root.query_tree().children)
        found: list[WindowInfo] = []
        for win in reversed(candidates):
            try:
                if win.id in exclude or win.get_attributes().map_state != X.IsViewable:
                    continue
                title = _title(display, win)
                rect = _rect_of(display, win)
            except Exception:  # it closed meanwhile
                continue
            if title and rect.w > 20 and rect.h > 20:
                found.append(WindowInfo(win.id, title, rect))
        return found
    finally:
        display.close()


class WindowSource:
    """One X11 window by id, followed as it moves and resizes."""

    def __init__(self, window_id: int, title: str = "") -> None:
        self.window_id = window_id
        self.title = title
        self._display: Any = None
        self._win: Any = None
        self._grabber = ScreenGrabber()
        self.last_rect: Rect | None = None

    @property
    def label(self) -> str:
        return f"Window “{self.title}”" if self.title else f"Window 0x{self.window_id:x}"

    @property
    def name(self) -> str:
        """How a sentence names it: “Notes” (its title in quotes), else its id."""
        return f"“{self.title}”" if self.title else f"0x{self.window_id:x}"

    def open(self) -> None:
        self._display = _open_display()
        self._win = self._display.create_resource_object("window", self.window_id)
        self._grabber.open()
        self.current_rect()
        if not self.title:
            self.title = _title(self._display, self._win)

    def current_rect(self) -> Rect:
        """Where the window is now (device pixels); a `CaptureError` once it is gone."""
        from Xlib import X
        from Xlib import error as xerror

        try:
            if self._win.get_attributes().map_state != X.IsViewable:
                raise CaptureError(f"The shared window {self.name} is hidden or minimised.")
            rect = _rect_of(self._display, self._win)
        except (xerror.BadWindow, xerror.BadDrawable, xerror.BadMatch) as exc:
            raise CaptureError(f"The shared window {self.name} was closed.") from exc
        self.last_rect = rect
        return rect

    def grab(self) -> Frame:
        rect = self.current_rect()
        try:
            visible = visible_part(rect, self._grabber.screens())
        except ValueError as exc:
            raise CaptureError(f"The shared window {self.name} is off every screen.") from exc
        return self._grabber.grab(visible)

    def close(self) -> None:
        self._grabber.close()
        if self._display is not None:
            self._display.close()
            self._display = None
