"""Pure: global push-to-talk hotkeys as text ("ctrl+alt+space"), parsed, checked and matched.

`parse_hotkey` turns the text into a `Hotkey` (modifiers + one key) or raises ValueError with a
readable reason; `collision` says which well-known shortcut a combination would shadow.
`HotkeyMatcher` is fed key downs and ups (normalised names) from whatever hook library runs the
OS side and answers when the hotkey becomes held ("press") or stops being held ("release").

Default: Ctrl+Alt+Space. Alone, Space/Ctrl+Space/Alt+Space are taken (input method switching,
window menus, Spotlight-like launchers use Super/Cmd+Space); Ctrl+Alt+Space is not bound by
GNOME, KDE, Windows or macOS out of the box, is reachable with one hand and needs no extra key
most laptops lack (Pause, ScrollLock).
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_HOTKEY = "ctrl+alt+space"
MODIFIERS = ("ctrl", "alt", "shift", "super")
_ALIASES = {
    "control": "ctrl",
    "ctl": "ctrl",
    "option": "alt",
    "opt": "alt",
    "altgr": "alt",
    "meta": "super",
    "win": "super",
    "windows": "super",
    "cmd": "super",
    "command": "super",
    "escape": "esc",
    "return": "enter",
    "scrolllock": "scroll_lock",
    "scroll lock": "scroll_lock",
    "pause/break": "pause",
    "spacebar": "space",
}
NAMED_KEYS = frozenset(
    {
        "space",
        "pause",
        "scroll_lock",
        "insert",
        "home",
        "end",
        "page_up",
        "page_down",
        "tab",
        "enter",
        "esc",
        "backspace",
        "delete",
        "caps_lock",
        "menu",
        "print_screen",
    }
    | {f"f{n}" for n in range(1, 25)}
)
# Keys that may stand alone as a hotkey: they type nothing and do little by default.
SOLO_OK = frozenset({"pause", "scroll_lock", "menu"} | {f"f{n}" for n in range(13, 25)})

# Well-known bindings a push-to-talk key should not take (desktop, OS or everyday editing).
KNOWN_BINDINGS: dict[frozenset[str], str] = {
    frozenset({"super", "space"}): "input source / Spotlight / launcher",
    frozenset({"ctrl", "space"}): "input method switching and code completion",
    frozenset({"alt", "space"}): "the window menu",
    frozenset({"ctrl", "alt", "delete"}): "the system's security screen",
    frozenset({"alt", "tab"}): "switching windows",
    frozenset({"alt", "f4"}): "closing the window",
    frozenset({"ctrl", "alt", "t"}): "opening a terminal",
    frozenset({"ctrl", "alt", "l"}): "locking the screen",
    frozenset({"super", "l"}): "locking the screen",
    frozenset({"ctrl", "shift", "space"}): "editor parameter hints",
    frozenset({"ctrl", "c"}): "copy",
    frozenset({"ctrl", "v"}): "paste",
    frozenset({"ctrl", "x"}): "cut",
    frozenset({"ctrl", "z"}): "undo",
    frozenset({"print_screen"}): "taking a screenshot",
}
SUGGESTIONS = ("ctrl+alt+space", "ctrl+shift+f12", "pause", "scroll_lock", "ctrl+alt+p")


@dataclass(frozen=True)
class Hotkey:
    modifiers: frozenset[str]
    key: str

    @property
    def parts(self) -> frozenset[str]:
        return self.modifiers | {self.key}

    def text(self) -> str:
        """Canonical text: modifiers in a fixed order, then the key ("ctrl+alt+space")."""
        return "+".join([m for m in MODIFIERS if m in self.modifiers] + [self.key])

    def label(self) -> str:
        """For people: "Ctrl+Alt+Space"."""
        words = [m.capitalize() for m in MODIFIERS if m in self.modifiers]
        key = self.key.replace("_", " ").title() if len(self.key) > 1 else self.key.upper()
        return "+".join([*words, key])


def normalise_key(name: str) -> str:
    name = name.strip().lower()
    name = _ALIASES.get(name, name)
    for side in ("_l", "_r"):
        if name.endswith(side) and name[: -len(side)] in (*MODIFIERS, "control", "cmd", "alt_gr"):
            name = _ALIASES.get(name[: -len(side)], name[: -len(side)])
    return _ALIASES.get(name, name)


def parse_hotkey(text: str) -> Hotkey:
    parts = [normalise_key(p) for p in text.replace(" ", "").split("+") if p.strip()]
    if not parts:
        raise ValueError("no key given")
    mods = [p for p in parts if p in MODIFIERS]
    keys = [p for p in parts if p not in MODIFIERS]
    if len(keys) != 1:
        raise ValueError("a hotkey needs exactly one key besides Ctrl/Alt/Shift/Super")
    key = keys[0]
    if len(set(mods)) != len(mods):
        raise ValueError("a modifier is repeated")
    if len(key) != 1 and key not in NAMED_KEYS:
        raise ValueError(f"unknown key {key!r}")
    if len(key) == 1 and not key.isalnum():
        raise ValueError(f"use a letter, digit or named key instead of {key!r}")
    if not mods and key not in SOLO_OK:
        raise ValueError("this key would fire while you type; add Ctrl, Alt or Super")
    if set(mods) <= {"shift"} and key not in SOLO_OK:
        raise ValueError("Shift alone types text; add Ctrl, Alt or Super")
    return Hotkey(frozenset(mods), key)


def collision(hotkey: Hotkey) -> str | None:
    """What common binding this hotkey would take over, or None."""
    return KNOWN_BINDINGS.get(hotkey.parts)


def alternatives(taken: str) -> list[str]:
    """Suggestions other than `taken`, for "already in use, try one of these"."""
    return [s for s in SUGGESTIONS if s != taken]


class HotkeyMatcher:
    """Tracks held keys; `down`/`up` return "press" or "release" when the hotkey's state flips.

    Held: every part is down. Released: any part goes up. Autorepeat downs change nothing.
    """

    def __init__(self, hotkey: Hotkey) -> None:
        self.hotkey = hotkey
        self._down: set[str] = set()
        self._held = False

    @property
    def held(self) -> bool:
        return self._held

    def down(self, key: str) -> str | None:
        self._down.add(normalise_key(key))
        if not self._held and self.hotkey.parts <= self._down:
            self._held = True
            return "press"
        return None

    def up(self, key: str) -> str | None:
        key = normalise_key(key)
        self._down.discard(key)
        if self._held and key in self.hotkey.parts:
            self._held = False
            return "release"
        return None

    def reset(self) -> str | None:
        self._down.clear()
        if self._held:
            self._held = False
            return "release"
        return None
