"""Pure decisions behind what the window says and where it goes (issue 17): which badge a
moment calls for, how to mention push-to-talk, where a window fits on the screen, how the
frame counters add up, what the shared source is called. No Qt here; the UI translates the
keys these return and draws them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desktop.core.events import SessionState
from desktop.core.geometry import Rect


class Badge(StrEnum):
    CONNECTING = "connecting"  # no endpoint yet, and nothing failed
    OFFLINE_DEMO = "offline-demo"  # the bundled emulator
    GOOGLE = "google"
    NOT_CONNECTED = "not-connected"  # opening the endpoint failed


def badge_for(endpoint_known: bool, emulated: bool, state: SessionState) -> Badge:
    """A red "Not connected" only once connecting has failed, never while it is in progress."""
    if endpoint_known:
        return Badge.OFFLINE_DEMO if emulated else Badge.GOOGLE
    if state in (SessionState.ERROR, SessionState.CLOSED):
        return Badge.NOT_CONNECTED
    return Badge.CONNECTING


class TalkHint(StrEnum):
    HOTKEY_AND_TRAY = "hotkey-and-tray"  # hold the hotkey anywhere; the tray icon shows it
    HOTKEY = "hotkey"  # hold the hotkey anywhere (no tray)
    BUTTON = "button"  # the window's Talk button only
    TYPE_ONLY = "type-only"  # no microphone: typing is the way to talk


def talk_hint(*, hotkey: str, tray: bool, microphone: bool) -> TalkHint:
    """How to tell the user to talk, without promising what is not there."""
    if not microphone:
        return TalkHint.TYPE_ONLY
    if hotkey and tray:
        return TalkHint.HOTKEY_AND_TRAY
    if hotkey:
        return TalkHint.HOTKEY
    return TalkHint.BUTTON


def fit_window(wanted: Rect, minimum: tuple[int, int], available: Rect, margin: int = 0) -> Rect:
    """`wanted` moved and shrunk (never below `minimum`, unless the screen is smaller) so it
    lies inside `available` (the screen's free area, logical pixels)."""
    room_w = max(available.w - 2 * margin, 1)
    room_h = max(available.h - 2 * margin, 1)
    w = min(max(wanted.w, minimum[0]), room_w)
    h = min(max(wanted.h, minimum[1]), room_h)
    x = min(max(wanted.x, available.x + margin), available.right - margin - w)
    y = min(max(wanted.y, available.y + margin), available.bottom - margin - h)
    return Rect(max(x, available.x), max(y, available.y), w, h)


def centred(size: tuple[int, int], available: Rect) -> Rect:
    w, h = size
    return Rect(available.x + (available.w - w) // 2, available.y + (available.h - h) // 2, w, h)


@dataclass(frozen=True)
class FrameCounts:
    """The vision panel's counters, chosen so they add up: every frame looked at was sent,
    or not sent because nothing changed, or held back by the frame-rate limit."""

    checked: int
    sent: int
    unchanged: int
    held_back: int
    tokens: int


def frame_counts(sent: int, skipped_unchanged: int, skipped_rate: int, tokens: int) -> FrameCounts:
    return FrameCounts(
        sent + skipped_unchanged + skipped_rate, sent, skipped_unchanged, skipped_rate, tokens
    )


class SourceKind(StrEnum):
    NONE = "none"
    REGION = "region"
    WINDOW = "window"
    SCREEN = "screen"
    CAMERA = "camera"
    OTHER = "other"


@dataclass(frozen=True)
class SharedSource:
    """What is shared, for the source box: a region's size, a window's title, a screen."""

    kind: SourceKind
    detail: str = ""  # "1280×720", a window title, a screen number, a camera's name


def shared_source(
    kind: str, *, width: int = 0, height: int = 0, title: str = "", number: int = 0
) -> SharedSource:
    if kind == "region":
        return SharedSource(SourceKind.REGION, f"{width}×{height}" if width and height else "")
    if kind == "window":
        return SharedSource(SourceKind.WINDOW, shorten(title, 40))
    if kind == "screen":
        return SharedSource(SourceKind.SCREEN, str(number) if number else "")
    if kind == "camera":
        return SharedSource(SourceKind.CAMERA, shorten(title, 40))
    if kind == "none":
        return SharedSource(SourceKind.NONE)
    return SharedSource(SourceKind.OTHER, shorten(title, 40))


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# Window classes and names of desktop furniture: panels, docks, tray hosts, desktops.
FURNITURE = frozenset(
    {
        "trayer",
        "stalonetray",
        "panel",
        "tint2",
        "polybar",
        "xfce4-panel",
        "plasmashell",
        "gnome-shell",
        "desktop",
        "dock",
        "lxpanel",
        "xfdesktop",
        "conky",
    }
)


def is_shareable_window(title: str, wm_class: str = "", window_type: str = "") -> bool:
    """Not the tray host, a panel or the desktop itself: nothing a user means to share."""
    if window_type.lower() in (
        "dock",
        "desktop",
        "_net_wm_window_type_dock",
        "_net_wm_window_type_desktop",
    ):
        return False
    names = {title.strip().lower(), *(part.strip().lower() for part in wm_class.split(","))}
    return not (names & FURNITURE)
