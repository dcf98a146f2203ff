"""Screen sharing on Wayland, the pure part: what went wrong (and what to say), where a region
lies in the portal's frames, which screen a portal stream shows, and which windows are ours.

On Wayland an app cannot read the screen itself: the xdg-desktop-portal ScreenCast portal asks
the user (or remembers the answer) and hands out a PipeWire stream of one monitor. The stream
is in *device* pixels of that monitor; Qt reports the monitor in logical pixels and its
devicePixelRatio. A region (device pixels on the virtual desktop, as everywhere in capture) is
cropped out of the frame; the frame's own size is the truth (a compositor may scale).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any

from desktop.core.geometry import Rect, Screen

Size = tuple[int, int]
SIZE_SLACK = 2  # logical pixels of rounding between Qt's and the compositor's sizes


class PortalProblem(StrEnum):
    NO_BUS = "no-bus"  # no D-Bus session bus: the portal cannot even be asked
    NO_PORTAL = "no-portal"  # xdg-desktop-portal is not installed or not running
    NO_SCREENCAST = "no-screencast"  # a portal, but no backend with ScreenCast
    NO_PIPEWIRE = "no-pipewire"  # the portal hands out PipeWire streams: no PipeWire, no frames
    CANCELLED = "cancelled"  # the user cancelled the portal's dialog (or it refused)
    CLOSED = "closed"  # the desktop ended the stream (the user stopped sharing in the shell)
    NO_FRAMES = "no-frames"  # started, but no picture came
    NO_WINDOW = "no-window"  # one window: not offered through this capture


# The app's own words; the window translates them (context "WaylandShare"), headless prints
# them as they are.
MESSAGES: dict[PortalProblem, str] = {
    PortalProblem.NO_BUS: (
        "Screen sharing on Wayland needs the desktop's D-Bus session bus, and there is none "
        "(DBUS_SESSION_BUS_ADDRESS is unset or dead). Start Screenmate from your desktop "
        "session, not from a bare terminal or ssh."
    ),
    PortalProblem.NO_PORTAL: (
        "Screen sharing on Wayland goes through the desktop portal, and it is not running. "
        "Install xdg-desktop-portal and your desktop's backend (xdg-desktop-portal-gnome, "
        "-kde or -wlr), then log out and in again."
    ),
    PortalProblem.NO_SCREENCAST: (
        "This desktop's portal offers no screen sharing (no ScreenCast backend). Install the "
        "backend for your desktop (xdg-desktop-portal-gnome, -kde or -wlr for sway and other "
        "wlroots compositors) and log in again, or use an X11 session."
    ),
    PortalProblem.NO_PIPEWIRE: (
        "Screen sharing on Wayland needs PipeWire, and it is not running. Install and start "
        "pipewire and wireplumber (systemctl --user enable --now pipewire wireplumber)."
    ),
    PortalProblem.CANCELLED: (
        "Screen sharing was cancelled in the desktop's dialog, so nothing is shared. Choose "
        "the screen again to be asked again."
    ),
    PortalProblem.CLOSED: (
        "Screen sharing was stopped from the desktop. Sharing is paused: resume to share "
        "again (the desktop will ask which screen)."
    ),
    PortalProblem.NO_FRAMES: (
        "The desktop started screen sharing but sends no picture. Check that PipeWire and "
        "wireplumber run, or restart the portal (xdg-desktop-portal)."
    ),
    PortalProblem.NO_WINDOW: (
        "Sharing one window is not available on Wayland yet: share a region around it, or "
        "the whole screen, instead."
    ),
}


def message(problem: PortalProblem) -> str:
    return MESSAGES[problem]


def classify_qt_error(text: str) -> PortalProblem:
    """QtMultimedia's words (QScreenCapture.errorOccurred, its warnings) → the problem."""
    low = text.lower()
    if "closed" in low:
        return PortalProblem.CLOSED
    if "cancel" in low:
        return PortalProblem.CANCELLED
    if "no screencast" in low:
        return PortalProblem.NO_SCREENCAST
    if "pipewire" in low and ("pw_context_connect" in low or "remote" in low):
        return PortalProblem.NO_PIPEWIRE
    return PortalProblem.NO_FRAMES


def stream_screen(frame_w: int, frame_h: int, screens: Sequence[Screen]) -> Screen:
    """The screen a portal stream of this frame size shows: the first whose device size
    matches, else the first whose logical size does (a compositor that scales), else the
    first screen (the primary: where a portal without a chooser looks)."""
    if not screens:
        raise ValueError("there are no screens")
    for screen in screens:
        if (screen.device.w, screen.device.h) == (frame_w, frame_h):
            return screen
    for screen in screens:
        if (screen.logical.w, screen.logical.h) == (frame_w, frame_h):
            return screen
    return screens[0]


def crop_box(region: Rect, screen: Screen, frame_w: int, frame_h: int) -> tuple[Rect, Rect]:
    """(the box to cut from the frame in frame pixels, the part of the region it shows in
    device pixels). The frame shows `screen.device`, scaled to the frame's own size. A region
    that misses the screen is a ValueError."""
    visible = region.intersect(screen.device)
    if visible.empty:
        raise ValueError(f"the region {region.spec()} is not on {screen.name or 'the screen'}")
    sx = frame_w / screen.device.w
    sy = frame_h / screen.device.h
    x0 = round((visible.x - screen.device.x) * sx)
    y0 = round((visible.y - screen.device.y) * sy)
    x1 = round((visible.right - screen.device.x) * sx)
    y1 = round((visible.bottom - screen.device.y) * sy)
    x0, y0 = min(max(x0, 0), frame_w - 1), min(max(y0, 0), frame_h - 1)
    x1, y1 = min(max(x1, x0 + 1), frame_w), min(max(y1, y0 + 1), frame_h)
    return Rect(x0, y0, x1 - x0, y1 - y0), visible


def sway_windows_of(tree: dict[str, Any], pids: Iterable[int]) -> list[tuple[Rect, Size]]:
    """The visible windows of these processes in sway's `get_tree` answer: (the whole window
    with its borders, in logical pixels; the size of its content). Sway knows where windows
    are; on Wayland the app itself does not."""
    wanted = set(pids)
    found: list[tuple[Rect, Size]] = []

    def walk(node: dict[str, Any]) -> None:
        if node.get("pid") in wanted and node.get("visible"):
            r = node.get("rect") or {}
            rect = Rect(int(r.get("x", 0)), int(r.get("y", 0)), int(r.get("width", 0)),
                        int(r.get("height", 0)))  # fmt: skip
            content = node.get("window_rect") or r
            if not rect.empty:
                found.append((rect, (int(content.get("width", 0)), int(content.get("height", 0)))))
        for child in (*node.get("nodes", ()), *node.get("floating_nodes", ())):
            walk(child)

    walk(tree)
    return found


def shown_windows(placed: Sequence[tuple[Rect, Size]], shown: Sequence[Size]) -> list[Rect]:
    """The compositor's windows whose content size is that of a window the app shows now:
    one just hidden (the region picker, a closed dialog) may linger in the compositor's tree."""
    return [
        rect
        for rect, (w, h) in placed
        if any(abs(w - sw) <= SIZE_SLACK and abs(h - sh) <= SIZE_SLACK for sw, sh in shown)
    ]
