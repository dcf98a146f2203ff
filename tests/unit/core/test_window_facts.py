"""The window's pure decisions (issue 17): badge, talk hint, screen fit, frame counters, names
of shared sources, which windows can be shared."""

from __future__ import annotations

import pytest
from desktop.core.about_facts import COMPONENTS, components, licence_of
from desktop.core.events import LineSource, Role, SessionState
from desktop.core.geometry import Rect
from desktop.core.window_facts import (
    Badge,
    SourceKind,
    TalkHint,
    badge_for,
    centred,
    fit_window,
    frame_counts,
    is_shareable_window,
    shared_source,
    shorten,
    talk_hint,
)
from desktop.ui.transcript_format import source_marker


@pytest.mark.parametrize(
    ("known", "emulated", "state", "badge"),
    [
        (False, False, SessionState.CONNECTING, Badge.CONNECTING),
        (False, False, SessionState.IDLE, Badge.CONNECTING),
        (False, False, SessionState.RECONNECTING, Badge.CONNECTING),
        (False, False, SessionState.ERROR, Badge.NOT_CONNECTED),
        (True, True, SessionState.CONNECTING, Badge.OFFLINE_DEMO),
        (True, False, SessionState.ERROR, Badge.GOOGLE),
    ],
)
def test_no_red_badge_while_connecting(
    known: bool, emulated: bool, state: SessionState, badge: Badge
) -> None:
    assert badge_for(known, emulated, state) is badge


def test_talk_hint_promises_only_what_is_there() -> None:
    assert talk_hint(hotkey="Ctrl+Alt+Space", tray=True, microphone=True) is (
        TalkHint.HOTKEY_AND_TRAY
    )
    assert talk_hint(hotkey="Ctrl+Alt+Space", tray=False, microphone=True) is TalkHint.HOTKEY
    assert talk_hint(hotkey="", tray=True, microphone=True) is TalkHint.BUTTON
    assert talk_hint(hotkey="Ctrl+Alt+Space", tray=True, microphone=False) is TalkHint.TYPE_ONLY


def test_a_window_too_big_for_the_screen_is_shrunk_and_moved_onto_it() -> None:
    # 900x640 at scale 2 on a 1080p screen: 960x540 logical pixels are free.
    screen = Rect(0, 0, 960, 540)
    fitted = fit_window(Rect(30, 200, 900, 640), (640, 480), screen)
    assert fitted == Rect(30, 0, 900, 540)
    assert fitted.right <= screen.right and fitted.bottom <= screen.bottom
    # A window that fits stays where it was; one off the right edge comes back.
    assert fit_window(Rect(10, 20, 700, 500), (640, 480), screen) == Rect(10, 20, 700, 500)
    assert fit_window(Rect(900, 20, 700, 500), (640, 480), screen) == Rect(260, 20, 700, 500)
    # Never below the minimum while the screen has room for it; the screen wins otherwise.
    assert fit_window(Rect(0, 0, 100, 100), (640, 480), screen).w == 640
    assert fit_window(Rect(0, 0, 900, 640), (640, 480), Rect(0, 0, 600, 400)) == Rect(
        0, 0, 600, 400
    )
    assert centred((400, 300), Rect(100, 0, 800, 600)) == Rect(300, 150, 400, 300)


def test_frame_counters_add_up() -> None:
    counts = frame_counts(sent=2, skipped_unchanged=41, skipped_rate=5, tokens=516)
    assert counts.checked == counts.sent + counts.unchanged + counts.held_back == 48
    assert counts.tokens == 516


def test_shared_sources_are_named_by_what_they_show() -> None:
    assert shared_source("region", width=1280, height=720).detail == "1280×720"
    window = shared_source("window", title="Notes target   — editor")
    assert window.kind is SourceKind.WINDOW and window.detail == "Notes target — editor"
    assert shared_source("window", title="x" * 80).detail.endswith("…")
    assert shared_source("none").kind is SourceKind.NONE
    assert shorten("a  b", 10) == "a b"


@pytest.mark.parametrize(
    ("title", "wm_class", "kind", "shareable"),
    [
        ("panel", "panel,trayer", "", False),  # trayer, the tray host on X11
        ("Notes target", "", "", True),
        ("Editor", "code,Code", "_NET_WM_WINDOW_TYPE_DOCK", False),
        ("Desktop", "", "desktop", False),
        ("Quarterly report.ods", "libreoffice", "", True),
    ],
)
def test_desktop_furniture_is_not_offered_for_sharing(
    title: str, wm_class: str, kind: str, shareable: bool
) -> None:
    assert is_shareable_window(title, wm_class, kind) is shareable


def test_replies_are_called_spoken_only_when_a_speaker_played_them() -> None:
    assert source_marker(Role.MODEL, LineSource.SPEECH, speaker_available=True) == "spoken"
    assert source_marker(Role.MODEL, LineSource.SPEECH, False) == "voice, not played"
    assert source_marker(Role.USER, LineSource.SPEECH, False) == "spoken"  # the mic heard it
    assert source_marker(Role.USER, LineSource.TYPED, False) == "typed"
    assert source_marker(Role.MODEL, LineSource.TEXT, False) == ""


def test_about_lists_each_shipped_component_with_its_licence() -> None:
    found = {c.name: c for c in components()}
    assert found["Qt for Python (PySide6)"].licence.startswith("LGPL")
    assert found["Google Gen AI SDK"].licence == "Apache-2.0"
    # The echo canceller's library is no Python package: its binding is what is looked for.
    assert found["WebRTC audio processing (echo cancellation)"].licence == "BSD-3-Clause"
    assert all(c.licence for c in found.values())
    assert all(c.version for c in found.values() if c.name in dict(COMPONENTS))


def test_licence_falls_back_to_classifiers_then_text() -> None:
    from email.message import Message

    meta = Message()
    meta["Classifier"] = "License :: OSI Approved :: MIT License"
    assert licence_of(meta) == "MIT"  # type: ignore[arg-type]
    plain = Message()
    plain["License"] = "BSD 3-Clause\nfull text..."
    assert licence_of(plain) == "BSD 3-Clause"  # type: ignore[arg-type]
