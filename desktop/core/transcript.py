"""Transcript assembly: streamed transcription pieces in, line events out.

The Live API streams transcription in small pieces (`inputTranscription` for what the user
said, `outputTranscription` or text parts for the model) that may interleave: the user's
transcription often arrives after the model has started answering. So each role has at most
one open line; lines close when the turn completes, and the model's line also when it is
interrupted or the connection drops.

A model transcription piece can come after its turn completed (Google sends the tail of the
output transcription late at times). Within `LATE_GRACE_S`, and before the next model turn
starts, it is attached to the model line of that turn, which is finalised again
(`revised=True`, same id) rather than opening a line that would merge into the next answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from desktop.core.events import LineSource, Role, TranscriptDelta, TranscriptLine

LATE_GRACE_S = 2.0


@dataclass
class _OpenLine:
    line_id: int
    source: LineSource
    started_at: float
    pieces: list[str] = field(default_factory=list)
    fallback: str = ""  # the text before a restart, kept in case nothing replaces it

    @property
    def text(self) -> str:
        return " ".join("".join(self.pieces).split()) or self.fallback


class TranscriptAssembler:
    """Turns pieces into `TranscriptDelta`s and finished `TranscriptLine`s with stable ids."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._next_id = 1
        self._open: dict[Role, _OpenLine] = {}
        # The model line of the turn that just completed, and when: late pieces attach to it.
        self._last_model: tuple[TranscriptLine, float] | None = None

    def _new_id(self) -> int:
        line_id = self._next_id
        self._next_id += 1
        return line_id

    def add_piece(
        self, role: Role, piece: str, source: LineSource
    ) -> list[TranscriptDelta | TranscriptLine]:
        if not piece:
            return []
        line = self._open.get(role)
        if line is None and role is Role.MODEL and source is LineSource.SPEECH:
            late = self._attach_late(piece)
            if late:
                return late
        if role is Role.MODEL:
            self._last_model = None
        if line is None:
            piece = piece.lstrip()
            if not piece:
                return []
            line = _OpenLine(self._new_id(), source, self._clock())
            self._open[role] = line
        line.pieces.append(piece)
        return [TranscriptDelta(line.line_id, role, piece, line.source, line.started_at)]

    def _attach_late(self, piece: str) -> list[TranscriptDelta | TranscriptLine]:
        last = self._last_model
        if last is None or self._clock() - last[1] > LATE_GRACE_S:
            self._last_model = None
            return []
        line = last[0]
        text = " ".join((line.text + piece).split())
        revised = replace(line, text=text, ended_at=self._clock(), revised=True)
        self._last_model = (revised, last[1])
        delta = TranscriptDelta(line.line_id, Role.MODEL, piece, line.source, line.started_at)
        return [replace(delta, late=True), revised]

    def model_turn_started(self) -> None:
        """Model content of a new turn (audio, text): late pieces no longer belong back."""
        self._last_model = None

    def close(self, role: Role, *, interrupted: bool = False) -> list[TranscriptLine]:
        line = self._open.pop(role, None)
        if line is None or not line.text:
            return []
        return [
            TranscriptLine(
                line.line_id,
                role,
                line.text,
                line.source,
                line.started_at,
                self._clock(),
                interrupted,
            )
        ]

    def close_all(self, *, interrupted: bool = False) -> list[TranscriptLine]:
        """User line first: it was spoken before the model's answer to it."""
        return self.close(Role.USER) + self.close(Role.MODEL, interrupted=interrupted)

    def turn_complete(self) -> list[TranscriptLine]:
        """Close both lines at the end of a turn; the model's may still get a late piece."""
        lines = self.close_all()
        self._last_model = None
        for line in lines:
            if line.role is Role.MODEL and line.source is LineSource.SPEECH:
                self._last_model = (line, self._clock())
        return lines

    def restart(self, role: Role) -> None:
        """Forget the pieces of the open line but keep its id: its speech is about to be sent
        again (a replay on a new connection) and will be transcribed afresh. The final line
        replaces what the deltas showed."""
        line = self._open.get(role)
        if line is not None:
            line.fallback = line.text
            line.pieces.clear()

    def open_source(self, role: Role) -> LineSource | None:
        line = self._open.get(role)
        return line.source if line is not None else None

    def typed(self, text: str) -> TranscriptLine:
        """A line the user typed: complete at once."""
        now = self._clock()
        return TranscriptLine(self._new_id(), Role.USER, text.strip(), LineSource.TYPED, now, now)

    def is_open(self, role: Role) -> bool:
        return role in self._open
