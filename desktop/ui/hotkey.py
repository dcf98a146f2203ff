"""The global push-to-talk hotkey: an OS key hook (pynput) feeding `core.hotkey.HotkeyMatcher`.

pynput runs its own thread (X11 RECORD, a Windows low-level hook, a macOS event tap); every key
event is handed to the asyncio loop with `loop.call_soon_threadsafe`, where the matcher decides
and `on_press`/`on_release` run - the same `Voice.press()/release()` as the window's button.

What can stop it, detected and said in words: Wayland (no global key hooks for ordinary apps;
use the window or the tray), macOS without Accessibility permission, an X server without the
RECORD extension, a combination another app has grabbed (X11: probed with XGrabKey).
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.core.hotkey import Hotkey, HotkeyMatcher, collision, parse_hotkey

log = logging.getLogger(__name__)


def platform_problem() -> str | None:
    """Why global keys cannot work here at all, with what to do; None when they can."""
    if sys.platform.startswith("linux"):
        wayland = (
            os.environ.get("WAYLAND_DISPLAY") or os.environ.get("XDG_SESSION_TYPE") == "wayland"
        )
        if wayland and not os.environ.get("DISPLAY"):
            return QCoreApplication.translate(
                "GlobalHotkey",
                "Wayland does not let apps watch global keys. Use the Talk button or the tray "
                "menu, or bind a desktop shortcut to the tray's Talk item (GNOME/KDE settings).",
            )
        if wayland:
            return QCoreApplication.translate(
                "GlobalHotkey",
                "On Wayland the hotkey works only while an X11 (XWayland) window has the focus. "
                "For a system-wide key, log in to an X11 session or use the tray's Talk item.",
            )
        if not os.environ.get("DISPLAY"):
            return QCoreApplication.translate(
                "GlobalHotkey", "No X display, so there is no global hotkey."
            )
    return None


def taken_on_x11(hotkey: Hotkey) -> bool:
    """True when another X client has grabbed this combination (XGrabKey gets BadAccess)."""
    if not sys.platform.startswith("linux") or not os.environ.get("DISPLAY"):
        return False
    try:
        from Xlib import XK, X, error
        from Xlib.display import Display
    except ImportError:
        return False
    names = {"space": "space", "pause": "Pause", "scroll_lock": "Scroll_Lock", "esc": "Escape"}
    keysym = XK.string_to_keysym(names.get(hotkey.key, hotkey.key.capitalize()))
    if not keysym:
        keysym = XK.string_to_keysym(hotkey.key)
    masks = {"ctrl": X.ControlMask, "alt": X.Mod1Mask, "shift": X.ShiftMask, "super": X.Mod4Mask}
    modifiers = 0
    for mod in hotkey.modifiers:
        modifiers |= masks[mod]
    failed: list[Any] = []
    display = Display()
    try:
        keycode = display.keysym_to_keycode(keysym)
        if not keycode:
            return False
        root = display.screen().root
        root.grab_key(
            keycode,
            modifiers,
            False,
            X.GrabModeAsync,
            X.GrabModeAsync,
            onerror=lambda err, *_: failed.append(err),
        )
        display.sync()
        if not failed:
            root.ungrab_key(keycode, modifiers)
            display.sync()
        return any(isinstance(err, error.BadAccess) for err in failed)
    except Exception:
        log.debug("XGrabKey probe failed", exc_info=True)
        return False
    finally:
        display.close()


class GlobalHotkey:
    """Watch one combination everywhere; `start()` returns None or why it cannot work."""

    def __init__(
        self,
        text: str,
        on_press: Callable[[], None],
        on_release: Callable[[], None],
        loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        self.hotkey = parse_hotkey(text)
        self._on_press, self._on_release = on_press, on_release
        self._loop = loop or asyncio.get_event_loop()
        self._matcher = HotkeyMatcher(self.hotkey)
        self._listener: Any = None
        self.problem: str | None = None

    @property
    def running(self) -> bool:
        return self._listener is not None and bool(self._listener.is_alive())

    def start(self) -> str | None:
        self.problem = platform_problem()
        if self.problem and not os.environ.get("DISPLAY") and sys.platform.startswith("linux"):
            return self.problem
        if taken_on_x11(self.hotkey):
            self.problem = QCoreApplication.translate(
                "GlobalHotkey",
                "%1 is already used by another program. Pick another push-to-talk key in "
                "Settings (for example Ctrl+Shift+F12 or Pause).",
            ).replace("%1", self.hotkey.label())
            return self.problem
        try:
            from pynput import keyboard
        except Exception as exc:  # no backend for this platform/session
            self.problem = QCoreApplication.translate(
                "GlobalHotkey", "Global hotkeys are unavailable here (%1)."
            ).replace("%1", str(exc))
            return self.problem
        self._listener = keyboard.Listener(on_press=self._down_thread, on_release=self._up_thread)
        self._listener.daemon = True
        self._listener.start()
        self._listener.wait()  # the hook is installed (or failed) when this returns
        if sys.platform == "darwin" and not getattr(self._listener, "IS_TRUSTED", True):
            self.problem = QCoreApplication.translate(
                "GlobalHotkey",
                "macOS blocks the push-to-talk hotkey until Screenmate is allowed in System "
                "Settings › Privacy & Security › Accessibility (and Input Monitoring).",
            )
        elif not self._listener.is_alive():
            self.problem = QCoreApplication.translate(
                "GlobalHotkey",
                "The global hotkey could not start (on X11 the server needs the RECORD "
                "extension). Use the Talk button or the tray.",
            )
        if self.problem:
            log.warning("global hotkey: %s", self.problem)
        return self.problem

    def stop(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.stop()
            listener.join(2.0)
        if self._matcher.reset() == "release":
            self._on_release()

    # -- the hook's thread → the loop ----------------------------------------------------------

    def _down_thread(self, key: Any) -> None:
        self._post(self._down, _key_name(key))

    def _up_thread(self, key: Any) -> None:
        self._post(self._up, _key_name(key))

    def _post(self, handler: Callable[[str], None], name: str) -> None:
        if name and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(handler, name)

    def _down(self, name: str) -> None:
        if self._matcher.down(name) == "press":
            log.debug("hotkey pressed")
            self._on_press()

    def _up(self, name: str) -> None:
        if self._matcher.up(name) == "release":
            log.debug("hotkey released")
            self._on_release()


def _key_name(key: Any) -> str:
    """pynput Key/KeyCode → a `core.hotkey` key name ("ctrl_l" → normalised later)."""
    name = getattr(key, "name", None)
    if name:
        return str(name)
    char = getattr(key, "char", None)
    if char:
        if len(char) == 1 and ord(char) < 32:  # Ctrl+letter arrives as a control character
            return chr(ord(char) + 96)
        return str(char).lower()
    vk = getattr(key, "vk", None)
    if vk is not None and 65 <= vk <= 90:
        return chr(vk).lower()
    return ""


def hotkey_warning(text: str) -> str | None:
    """A settings-dialog check: syntax error or known collision, as a sentence."""
    try:
        hotkey = parse_hotkey(text)
    except ValueError as exc:
        return str(exc)
    what = collision(hotkey)
    if what:
        return f"{hotkey.label()} is normally used for {what}; pick another."
    return None
