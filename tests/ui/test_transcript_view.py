"""TranscriptView on the real X server: streaming in place, escaping, copying, following."""

from __future__ import annotations

import time

import pytest
from desktop.core.events import LineSource, Role, TranscriptDelta, TranscriptLine
from desktop.ui import transcript_view
from desktop.ui.transcript_format import clock_time
from desktop.ui.transcript_view import TranscriptView
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

AT = time.time()
HHMMSS = clock_time(AT)


def delta(line_id: int, text: str, role: Role = Role.MODEL) -> TranscriptDelta:
    return TranscriptDelta(line_id, role, text, LineSource.SPEECH, AT)


def final(
    line_id: int,
    text: str,
    role: Role = Role.MODEL,
    source: LineSource = LineSource.SPEECH,
    interrupted: bool = False,
) -> TranscriptLine:
    return TranscriptLine(line_id, role, text, source, AT, AT + 1, interrupted)


def make_view(qtbot: QtBot) -> TranscriptView:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_deltas_stream_in_place_and_the_final_line_replaces_them(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.add_delta(delta(1, "Hel"))
    view.add_delta(delta(2, "what is", Role.USER))
    view.add_delta(delta(1, "lo th"))
    assert view.plain_text() == f"[{HHMMSS}] Gemini: Hello th\n[{HHMMSS}] You: what is"
    view.add_line(final(1, "Hello there."))
    view.add_line(final(2, "What is this?", Role.USER))
    assert view.plain_text() == (f"[{HHMMSS}] Gemini: Hello there.\n[{HHMMSS}] You: What is this?")
    shown = view.toPlainText()
    assert shown.count("Hello") == 1 and "Hello there." in shown
    assert "Gemini" in shown and "You" in shown and HHMMSS in shown
    assert "spoken" in shown


def test_typed_line_arrives_final_and_interrupted_lines_are_marked(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.add_line(final(5, "hello", Role.USER, LineSource.TYPED))
    view.add_delta(delta(6, "Let me"))
    view.add_line(final(6, "Let me think", interrupted=True))
    assert view.plain_text().splitlines() == [
        f"[{HHMMSS}] You: hello",
        f"[{HHMMSS}] Gemini: Let me think (interrupted)",
    ]
    assert "typed" in view.toPlainText()
    assert "(interrupted)" in view.toPlainText()


def test_user_text_is_shown_literally_never_as_html(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    nasty = '<b>bold</b> & <img src="x"> <a href="https://example.com">link</a>'
    view.add_line(final(1, nasty, Role.USER, LineSource.TYPED))
    assert nasty in view.toPlainText()
    html = view.document().toHtml()
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;img" in html
    assert "<img" not in html and "<a " not in html


def test_copy_transcript_puts_plain_lines_on_the_clipboard(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.add_line(final(1, "hi", Role.USER, LineSource.TYPED))
    view.add_line(final(2, "Hello!\nHow can I help?"))
    view.copy_transcript_action.trigger()
    assert QGuiApplication.clipboard().text() == (
        f"[{HHMMSS}] You: hi\n[{HHMMSS}] Gemini: Hello!\nHow can I help?"
    )


def test_ctrl_c_copies_the_selection(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.add_line(final(1, "first answer"))
    view.add_line(final(2, "second answer"))
    QGuiApplication.clipboard().clear()
    view.setFocus()
    view.selectAll()
    QTest.keySequence(view, QKeySequence(QKeySequence.StandardKey.Copy))
    copied = QGuiApplication.clipboard().text()
    assert "first answer" in copied and "second answer" in copied


def test_new_session_reusing_line_ids_appends_new_lines(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.add_line(final(1, "old"))
    view.start_new_session()
    view.add_notice("New session", AT)
    view.add_delta(delta(1, "new"))
    assert view.plain_text().splitlines() == [
        f"[{HHMMSS}] Gemini: old",
        f"[{HHMMSS}] -- New session --",
        f"[{HHMMSS}] Gemini: new",
    ]


def test_follows_new_text_only_while_scrolled_to_the_bottom(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    bar = view.verticalScrollBar()
    for line_id in range(40):
        view.add_line(final(line_id, f"line {line_id}"))
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert bar.value() == bar.maximum()

    bar.setValue(0)  # the user scrolls up to read
    for line_id in range(40, 50):
        view.add_line(final(line_id, f"line {line_id}"))
    QTest.qWait(20)
    assert bar.value() == 0

    bar.setValue(bar.maximum())  # back at the bottom: follow again
    view.add_delta(delta(50, "streaming " * 40))
    QTest.qWait(20)
    assert bar.value() == bar.maximum()


def test_a_window_open_all_day_shows_only_the_newest_lines(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The document grew with every line for as long as the window was open; the history
    keeps everything, the view the newest MAX_SHOWN entries."""
    monkeypatch.setattr(transcript_view, "MAX_SHOWN", 5)
    view = make_view(qtbot)
    for n in range(1, 9):
        view.add_line(final(n, f"line {n}"))
    view.add_notice("New session", AT)
    view.add_delta(delta(20, "stream"))  # a line still streaming stays editable
    view.add_delta(delta(20, "ing on"))
    assert [e.text for e in view.entries()] == ["line 6", "line 7", "line 8", "New session",
                                                "streaming on"]  # fmt: skip
    assert view.document().blockCount() == 5
    text = view.toPlainText()
    assert "line 5" not in text and "line 6" in text and "streaming on" in text
    view.add_line(final(7, "line 7 revised"))  # still shown: revised in place
    assert [e.text for e in view.entries()][1] == "line 7 revised"
    view.add_line(final(3, "line 3, late"))  # no longer shown: a new line at the end
    assert view.entries()[-1].text == "line 3, late" and len(view.entries()) == 5
