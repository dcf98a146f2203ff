"""How transcript entries read as plain text (copying, tests). No Qt here.

`DisplayLine` is the UI's bookkeeping for one transcript line while it streams and after it is
final; `Notice` is a line the app itself adds (for example "new session"). Labels are passed in
so the widget can hand over translated strings.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.core.events import LineSource, Role

DEFAULT_ROLE_LABELS: dict[Role, str] = {Role.USER: "You", Role.MODEL: "Gemini"}
DEFAULT_INTERRUPTED_LABEL = "(interrupted)"


@dataclass
class DisplayLine:
    line_id: int
    role: Role
    source: LineSource
    started_at: float
    text: str = ""
    final: bool = False
    interrupted: bool = False

    @property
    def shown_text(self) -> str:
        # Transcription pieces often carry leading/trailing spaces; they mean nothing to a reader.
        return self.text.strip()


@dataclass(frozen=True)
class Notice:
    text: str
    at: float


def source_marker(role: Role, source: LineSource, speaker_available: bool = True) -> str:
    """Which marker a line's header gets (an untranslated key): "typed", "spoken", or for a
    model reply that came as voice while no speaker plays it, "voice, not played"."""
    if source is LineSource.TYPED:
        return "typed"
    if source is LineSource.SPEECH:
        if role is Role.MODEL and not speaker_available:
            return "voice, not played"
        return "spoken"
    return ""


def clock_time(timestamp: float) -> str:
    """`HH:MM:SS` in local time for a `time.time()` timestamp."""
    return time.strftime("%H:%M:%S", time.localtime(timestamp))


def format_line_plain(
    line: DisplayLine,
    role_labels: dict[Role, str] | None = None,
    interrupted_label: str = DEFAULT_INTERRUPTED_LABEL,
) -> str:
    """`[HH:MM:SS] You: text`, with the interrupted label appended when the line was cut off."""
    labels = role_labels or DEFAULT_ROLE_LABELS
    text = f"[{clock_time(line.started_at)}] {labels[line.role]}: {line.shown_text}"
    if line.interrupted:
        text += f" {interrupted_label}"
    return text


def format_notice_plain(notice: Notice) -> str:
    return f"[{clock_time(notice.at)}] -- {notice.text} --"


def format_transcript_plain(
    entries: Iterable[DisplayLine | Notice],
    role_labels: dict[Role, str] | None = None,
    interrupted_label: str = DEFAULT_INTERRUPTED_LABEL,
) -> str:
    """The whole transcript, one entry per line (a multi-line entry keeps its line breaks)."""
    out = []
    for entry in entries:
        if isinstance(entry, Notice):
            out.append(format_notice_plain(entry))
        else:
            out.append(format_line_plain(entry, role_labels, interrupted_label))
    return "\n".join(out)
