"""A late transcription piece completes a finalised line in the history, in place (issue 11)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from desktop.core.events import LineSource, Role, TranscriptLine, TurnComplete
from desktop.outputs.history import HistoryRecorder
from desktop.outputs.history_db import HistoryStore


def test_a_revised_line_replaces_its_text_and_stays_in_place(tmp_path: Path) -> None:
    rec = HistoryRecorder(path=tmp_path / "h.db")
    rec.new_session("m", "emulator")
    answer = TranscriptLine(2, Role.MODEL, "Answer to", LineSource.SPEECH, 10.0, 11.0)
    rec(TranscriptLine(1, Role.USER, "Q2", LineSource.TYPED, 9.0, 9.0))
    rec(answer)
    rec(TurnComplete(0))
    rec(TranscriptLine(3, Role.USER, "Q3", LineSource.TYPED, 11.2, 11.2))
    rec(dataclasses.replace(answer, text="Answer to Q2.", ended_at=11.5, revised=True))
    rec.close()
    store = HistoryStore(tmp_path / "h.db")
    (session,) = store.sessions()
    texts = [(x.role, x.text) for x in store.lines(session.id)]
    assert texts == [("user", "Q2"), ("model", "Answer to Q2."), ("user", "Q3")]
    # The search index follows the new text.
    assert [s.id for s in store.sessions(search="Q2.")] == [session.id]
    store.close()
