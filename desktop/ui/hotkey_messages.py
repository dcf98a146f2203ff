"""What is wrong with a push-to-talk hotkey typed in Settings, in the interface language.

`desktop/core/hotkey.py` (no Qt) parses the combination and knows which common bindings it
would take over; it words both in English. Settings shows this module's sentence instead: the
same check, each parse error and binding said with `QCoreApplication.translate`. A parse error
the core words in a way not listed here is shown as the core says it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.core.hotkey import KNOWN_BINDINGS, collision, parse_hotkey

CONTEXT = "HotkeyMessages"
_KEY = r"""(?:'(?P<key>[^']*)'|"(?P<quoted>[^"]*)")"""

_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), str(source))
    for pattern, source in (
        (r"no key given", QT_TRANSLATE_NOOP("HotkeyMessages", "Type a key combination.")),
        (
            r"a hotkey needs exactly one key besides Ctrl/Alt/Shift/Super",
            QT_TRANSLATE_NOOP(
                "HotkeyMessages", "A hotkey needs exactly one key besides Ctrl, Alt, Shift, Super."
            ),
        ),
        (
            r"a modifier is repeated",
            QT_TRANSLATE_NOOP("HotkeyMessages", "A modifier key is named twice."),
        ),
        (rf"unknown key {_KEY}", QT_TRANSLATE_NOOP("HotkeyMessages", "Unknown key “%1”.")),
        (
            rf"use a letter, digit or named key instead of {_KEY}",
            QT_TRANSLATE_NOOP(
                "HotkeyMessages", "Use a letter, a digit or a named key instead of “%1”."
            ),
        ),
        (
            r"this key would fire while you type; add Ctrl, Alt or Super",
            QT_TRANSLATE_NOOP(
                "HotkeyMessages", "This key would fire while you type; add Ctrl, Alt or Super."
            ),
        ),
        (
            r"Shift alone types text; add Ctrl, Alt or Super",
            QT_TRANSLATE_NOOP("HotkeyMessages", "Shift alone types text; add Ctrl, Alt or Super."),
        ),
    )
)
# The core's names of the bindings a hotkey could take over, marked for lupdate.
_BINDINGS = (
    QT_TRANSLATE_NOOP("HotkeyMessages", "input source / Spotlight / launcher"),
    QT_TRANSLATE_NOOP("HotkeyMessages", "input method switching and code completion"),
    QT_TRANSLATE_NOOP("HotkeyMessages", "the window menu"),
    QT_TRANSLATE_NOOP("HotkeyMessages", "the system's security screen"),
    QT_TRANSLATE_NOOP("HotkeyMessages", "switching windows"),
    QT_TRANSLATE_NOOP("HotkeyMessages", "closing the window"),
    QT_TRANSLATE_NOOP("HotkeyMessages", "opening a terminal"),
    QT_TRANSLATE_NOOP("HotkeyMessages", "locking the screen"),
    QT_TRANSLATE_NOOP("HotkeyMessages", "editor parameter hints"),
    QT_TRANSLATE_NOOP("HotkeyMessages", "copy"),
    QT_TRANSLATE_NOOP("HotkeyMessages", "paste"),
    QT_TRANSLATE_NOOP("HotkeyMessages", "cut"),
    QT_TRANSLATE_NOOP("HotkeyMessages", "undo"),
    QT_TRANSLATE_NOOP("HotkeyMessages", "taking a screenshot"),
)
_TAKEN = QT_TRANSLATE_NOOP("HotkeyMessages", "%1 is normally used for %2; pick another.")


def hotkey_problem(text: str) -> str | None:
    """What is wrong with `text` as a push-to-talk hotkey, said in the interface language;
    None when it is fine."""
    try:
        hotkey = parse_hotkey(text)
    except ValueError as exc:
        return _parse_error(str(exc))
    what = collision(hotkey)
    if what is None:
        return None
    return _tr(str(_TAKEN)).replace("%1", hotkey.label()).replace("%2", _tr(what))


def known_bindings_marked() -> bool:
    """Every binding name of the core is among those marked for translation here."""
    return set(KNOWN_BINDINGS.values()) <= {str(name) for name in _BINDINGS}


def _parse_error(message: str) -> str:
    for pattern, source in _ERRORS:
        match = pattern.fullmatch(message)
        if match is not None:
            key = match.groupdict().get("key") or match.groupdict().get("quoted") or ""
            return _tr(source).replace("%1", key)
    return message


def _tr(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)
