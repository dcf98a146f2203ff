"""What the settings say about the global push-to-talk hotkey on Wayland.

Wayland gives ordinary apps no global key hooks. Desktops with the xdg-desktop-portal
GlobalShortcuts portal (KDE Plasma, GNOME 48 and later) let an app register shortcuts the user
confirms; Screenmate does not use that portal yet. The settings say plainly which case this is,
from what the session bus says (`capture/portal.probe_portal`, asked once per process).
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QCoreApplication

from desktop.capture.portal import is_wayland, probe_portal


@functools.cache
def _portal_has_global_shortcuts() -> bool:
    return probe_portal().global_shortcuts


def wayland_hotkey_note() -> str | None:
    """A sentence for the settings on Wayland, None elsewhere."""
    if not is_wayland():
        return None
    if _portal_has_global_shortcuts():
        return QCoreApplication.translate(
            "WaylandShortcuts",
            "This desktop offers global shortcuts through its portal, but Screenmate does not "
            "use them yet: on Wayland the hotkey works only while an X11 (XWayland) window has "
            "the focus. Use the Talk button or the tray's Talk item.",
        )
    return QCoreApplication.translate(
        "WaylandShortcuts",
        "Global push-to-talk is unavailable on this Wayland desktop: it offers apps no global "
        "shortcuts (no GlobalShortcuts portal; KDE Plasma and GNOME 48 or later have one). Use "
        "the Talk button or the tray's Talk item.",
    )
