from desktop.core.events import LineSource, Role, TranscriptDelta, TranscriptLine
from desktop.core.transcript import TranscriptAssembler


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def test_pieces_stream_then_close_into_one_line() -> None:
    t = TranscriptAssembler(FakeClock())
    deltas = t.add_piece(Role.MODEL, " Hello", LineSource.SPEECH)
    deltas += t.add_piece(Role.MODEL, " there,", LineSource.SPEECH)
    deltas += t.add_piece(Role.MODEL, " friend.", LineSource.SPEECH)
    assert [d.text for d in deltas] == ["Hello", " there,", " friend."]
    assert len({d.line_id for d in deltas}) == 1
    (line,) = t.close(Role.MODEL)
    assert line.text == "Hello there, friend."
    assert line.line_id == deltas[0].line_id
    assert line.started_at < line.ended_at
    assert not t.is_open(Role.MODEL)


def test_roles_interleave_in_separate_lines_user_closed_first() -> None:
    t = TranscriptAssembler(FakeClock())
    t.add_piece(Role.MODEL, "Sure", LineSource.SPEECH)
    t.add_piece(Role.USER, "what is", LineSource.SPEECH)  # late input transcription
    t.add_piece(Role.USER, " this?", LineSource.SPEECH)
    lines = t.close_all()
    assert [(line.role, line.text) for line in lines] == [
        (Role.USER, "what is this?"),
        (Role.MODEL, "Sure"),
    ]


def test_interrupted_marks_model_line_only() -> None:
    t = TranscriptAssembler(FakeClock())
    t.add_piece(Role.USER, "hi", LineSource.SPEECH)
    t.add_piece(Role.MODEL, "Let me", LineSource.SPEECH)
    user, model = t.close_all(interrupted=True)
    assert not user.interrupted
    assert model.interrupted


def test_blank_pieces_open_nothing_and_typed_lines_are_complete() -> None:
    t = TranscriptAssembler(FakeClock())
    assert t.add_piece(Role.USER, "   ", LineSource.SPEECH) == []
    assert t.add_piece(Role.USER, "", LineSource.SPEECH) == []
    assert t.close(Role.USER) == []
    typed = t.typed("  hello  ")
    assert isinstance(typed, TranscriptLine)
    assert (typed.text, typed.source, typed.role) == ("hello", LineSource.TYPED, Role.USER)
    nxt = t.add_piece(Role.MODEL, "x", LineSource.TEXT)
    assert isinstance(nxt[0], TranscriptDelta) and nxt[0].line_id > typed.line_id
