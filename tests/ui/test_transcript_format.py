"""The plain-text form of transcript lines (no Qt)."""

from __future__ import annotations

import time

from desktop.core.events import LineSource, Role
from desktop.ui.transcript_format import (
    DisplayLine,
    Notice,
    clock_time,
    format_line_plain,
    format_transcript_plain,
)

AT = time.mktime((2025, 3, 4, 9, 5, 7, 0, 0, -1))  # 09:05:07 local time


def test_clock_time_is_local_hh_mm_ss() -> None:
    assert clock_time(AT) == "09:05:07"
    assert clock_time(AT + 0.9) == "09:05:07"


def test_line_reads_timestamp_role_and_trimmed_text() -> None:
    line = DisplayLine(1, Role.USER, LineSource.TYPED, AT, text="  hello there ")
    assert format_line_plain(line) == "[09:05:07] You: hello there"
    model = DisplayLine(2, Role.MODEL, LineSource.SPEECH, AT, text="Hi!")
    assert format_line_plain(model) == "[09:05:07] Gemini: Hi!"


def test_interrupted_line_is_marked_and_labels_can_be_translated() -> None:
    line = DisplayLine(3, Role.MODEL, LineSource.SPEECH, AT, "Well, I", True, True)
    assert format_line_plain(line) == "[09:05:07] Gemini: Well, I (interrupted)"
    labels = {Role.USER: "Sie", Role.MODEL: "Gemini"}
    assert format_line_plain(line, labels, "(unterbrochen)").endswith("I (unterbrochen)")


def test_transcript_joins_lines_and_notices_without_touching_markup() -> None:
    entries: list[DisplayLine | Notice] = [
        DisplayLine(1, Role.USER, LineSource.TYPED, AT, "<b>a & b</b>"),
        Notice("New session", AT),
        DisplayLine(1, Role.MODEL, LineSource.TEXT, AT, "one\ntwo"),
    ]
    assert format_transcript_plain(entries) == (
        "[09:05:07] You: <b>a & b</b>\n[09:05:07] -- New session --\n[09:05:07] Gemini: one\ntwo"
    )
