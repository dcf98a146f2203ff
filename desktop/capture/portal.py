"""The edges of Wayland screen sharing that need no Qt: is this a Wayland session, can the
ScreenCast portal work here (D-Bus, portal, ScreenCast backend, PipeWire), and where sway puts
our windows.

The frames themselves come through QtMultimedia (`desktop/ui/screencast.py`); Qt's portal
code says little when it fails (a cancelled dialog is only a warning), so the app asks the
session bus itself before it starts, and can name what is missing.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.geometry import Rect
from desktop.core.wayland_share import PortalProblem, Size, sway_windows_of

log = logging.getLogger(__name__)

PORTAL = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
SCREENCAST = "org.freedesktop.portal.ScreenCast"
GLOBAL_SHORTCUTS = "org.freedesktop.portal.GlobalShortcuts"
DBUS_TIMEOUT_S = 5.0
# AvailableSourceTypes bits
MONITOR, WINDOW = 1, 2


def is_wayland() -> bool:
    """A Wayland session (X11 grabs come back black there, even through XWayland)."""
    return os.environ.get("XDG_SESSION_TYPE", "").lower() == "wayland" or bool(
        os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY")
    )


@dataclass(frozen=True)
class PortalInfo:
    problem: PortalProblem | None
    screencast_version: int = 0
    source_types: int = 0  # MONITOR | WINDOW as the backend offers
    global_shortcuts: bool = False


def pipewire_socket() -> Path | None:
    """Where PipeWire listens for this session, if it does (a live socket, not a leftover)."""
    remote = os.environ.get("PIPEWIRE_REMOTE", "pipewire-0")
    base = os.environ.get("PIPEWIRE_RUNTIME_DIR") or os.environ.get("XDG_RUNTIME_DIR", "")
    path = Path(remote) if remote.startswith("/") else Path(base or "/nonexistent") / remote
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        try:
            sock.connect(str(path))
        except OSError:
            return None
    return path


def probe_portal() -> PortalInfo:
    """Ask the session bus what the ScreenCast portal offers (~5 ms; starts the portal if it is
    D-Bus activatable). Blocking: call it off the asyncio loop or on the GUI thread."""
    # jeepney is a Linux-only dependency: imported here, so the rest loads everywhere.
    from jeepney import DBusAddress, Properties, new_method_call
    from jeepney.io.blocking import open_dbus_connection
    from jeepney.wrappers import DBusErrorResponse

    try:
        conn = open_dbus_connection(bus="SESSION")
    except (OSError, KeyError, ValueError) as exc:
        log.info("no session bus: %s", exc)
        return PortalInfo(PortalProblem.NO_BUS)
    try:
        bus = DBusAddress(
            "/org/freedesktop/DBus", bus_name="org.freedesktop.DBus",
            interface="org.freedesktop.DBus",
        )  # fmt: skip
        has = _call(conn, new_method_call(bus, "NameHasOwner", "s", (PORTAL,)))[0]
        if not has:
            names: list[str] = _call(conn, new_method_call(bus, "ListActivatableNames"))[0]
            if PORTAL not in names:
                return PortalInfo(PortalProblem.NO_PORTAL)
        if pipewire_socket() is None:  # before ScreenCast: a backend may die without it
            return PortalInfo(PortalProblem.NO_PIPEWIRE)
        screencast = Properties(DBusAddress(PORTAL_PATH, bus_name=PORTAL, interface=SCREENCAST))
        try:
            version: int = _call(conn, screencast.get("version"))[0][1]
            types: int = _call(conn, screencast.get("AvailableSourceTypes"))[0][1]
        except DBusErrorResponse as exc:
            log.info("the portal has no ScreenCast: %s", exc)
            return PortalInfo(PortalProblem.NO_SCREENCAST)
        if not types & MONITOR:  # the interface without a backend behind it offers nothing
            return PortalInfo(PortalProblem.NO_SCREENCAST, int(version), int(types))
        shortcuts = Properties(
            DBusAddress(PORTAL_PATH, bus_name=PORTAL, interface=GLOBAL_SHORTCUTS)
        )
        try:
            _call(conn, shortcuts.get("version"))
            has_shortcuts = True
        except DBusErrorResponse:
            has_shortcuts = False
        return PortalInfo(None, int(version), int(types), has_shortcuts)
    except (DBusErrorResponse, TimeoutError, OSError) as exc:
        log.info("the portal did not answer: %s", exc)
        return PortalInfo(PortalProblem.NO_PORTAL)
    finally:
        conn.close()


def _call(conn: Any, msg: Any) -> tuple[Any, ...]:
    """The reply's body; an error reply raises DBusErrorResponse."""
    from jeepney.wrappers import unwrap_msg

    body: tuple[Any, ...] = unwrap_msg(conn.send_and_get_reply(msg, timeout=DBUS_TIMEOUT_S))
    return body


# -- sway: where our windows are -----------------------------------------------------------

_IPC_MAGIC = b"i3-ipc"
_GET_TREE = 4


def sway_tree(sock_path: str, timeout: float = 1.0) -> dict[str, object]:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(sock_path)
        sock.sendall(_IPC_MAGIC + struct.pack("=II", 0, _GET_TREE))
        header = _read(sock, len(_IPC_MAGIC) + 8)
        length, _kind = struct.unpack("=II", header[len(_IPC_MAGIC) :])
        tree: dict[str, object] = json.loads(_read(sock, length))
        return tree


def _read(sock: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise OSError("sway closed the IPC socket")
        data += chunk
    return data


def compositor_own_windows(pid: int | None = None) -> list[tuple[Rect, Size]] | None:
    """Our windows as the compositor places them: (logical rectangle, content size), or None
    where it cannot be asked (only sway's IPC says so; GNOME and KDE have no such interface)."""
    sock = os.environ.get("SWAYSOCK")
    if not sock:
        return None
    try:
        return sway_windows_of(sway_tree(sock), [pid if pid is not None else os.getpid()])
    except (OSError, ValueError) as exc:
        log.info("sway did not say where our windows are: %s", exc)
        return None
