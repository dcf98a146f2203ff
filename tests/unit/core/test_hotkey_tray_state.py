"""Pure parts of desktop integration: hotkey text, matching, collisions; tray icon choice."""

from __future__ import annotations

import pytest
from desktop.core.events import SessionState
from desktop.core.hotkey import (
    DEFAULT_HOTKEY,
    HotkeyMatcher,
    alternatives,
    collision,
    parse_hotkey,
)
from desktop.core.tray_state import TrayIcon, TrayInputs, tray_icon
from desktop.ui.i18n import pick_language


def test_parse_normalises_order_aliases_and_labels() -> None:
    hotkey = parse_hotkey("Space + Control+ALT")
    assert hotkey.text() == DEFAULT_HOTKEY and hotkey.label() == "Ctrl+Alt+Space"
    assert parse_hotkey("cmd+shift+F12").text() == "shift+super+f12"
    assert parse_hotkey("pause").label() == "Pause"
    assert parse_hotkey("scrolllock").text() == "scroll_lock"


@pytest.mark.parametrize(
    "text", ["", "ctrl+alt", "a", "shift+a", "ctrl+ctrl+a", "ctrl+a+b", "ctrl+bogus", "ctrl+;"]
)
def test_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_hotkey(text)


def test_default_is_free_and_common_bindings_are_flagged() -> None:
    assert collision(parse_hotkey(DEFAULT_HOTKEY)) is None
    assert collision(parse_hotkey("super+space"))
    assert collision(parse_hotkey("ctrl+space"))
    assert DEFAULT_HOTKEY not in alternatives(DEFAULT_HOTKEY)


def test_matcher_press_release_autorepeat_and_sides() -> None:
    m = HotkeyMatcher(parse_hotkey("ctrl+alt+space"))
    assert m.down("ctrl_l") is None and m.down("alt_r") is None
    assert m.down("space") == "press"
    assert m.down("space") is None  # autorepeat
    assert m.up("a") is None
    assert m.up("alt_r") == "release"
    assert m.down("alt") == "press" and m.reset() == "release"
    assert m.down("space") is None  # after reset nothing is held


def test_tray_icon_priorities() -> None:
    live = SessionState.LIVE
    assert tray_icon(TrayInputs()) is TrayIcon.OFFLINE
    assert tray_icon(TrayInputs(session=SessionState.ERROR, talking=True)) is TrayIcon.ERROR
    assert tray_icon(TrayInputs(session=SessionState.RECONNECTING)) is TrayIcon.RECONNECTING
    assert tray_icon(TrayInputs(session=live)) is TrayIcon.IDLE
    assert tray_icon(TrayInputs(session=live, model_speaking=True)) is TrayIcon.SPEAKING
    both = TrayInputs(session=live, talking=True, model_speaking=True)
    assert tray_icon(both) is TrayIcon.LISTENING
    muted = TrayInputs(session=live, talking=True, muted=True)
    assert tray_icon(muted) is TrayIcon.IDLE


def test_ui_language_choice() -> None:
    assert pick_language("", "de_AT") == "de"
    assert pick_language("", "zh_TW") == "zh_CN"
    assert pick_language("", "fr_FR") == "en"
    assert pick_language("en", "de_DE") == "en"
    assert pick_language("zh_CN", "en_US") == "zh_CN"
