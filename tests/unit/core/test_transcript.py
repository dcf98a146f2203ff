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


def test_a_late_model_transcription_attaches_to_the_completed_line() -> None:
    from desktop.core.events import TranscriptDelta, TranscriptLine, TurnComplete
    from desktop.core.live_codec import LiveEventDecoder
    from desktop.core.transcript import LATE_GRACE_S

    now = [0.0]
    d = LiveEventDecoder(lambda: now[0])
    d.decode({"serverContent": {"outputTranscription": {"text": "Answer to"}}})
    done = d.decode({"serverContent": {"turnComplete": True}})
    (first,) = [e for e in done if isinstance(e, TranscriptLine)]
    now[0] = 0.5
    late = d.decode({"serverContent": {"outputTranscription": {"text": " Q2."}}})
    delta, revised = late
    assert isinstance(delta, TranscriptDelta) and delta.late and delta.line_id == first.line_id
    assert isinstance(revised, TranscriptLine) and revised.revised
    assert (revised.line_id, revised.text) == (first.line_id, "Answer to Q2.")
    assert not any(isinstance(e, TurnComplete) for e in late)
    # The next answer (its audio comes first) is a line of its own, not
    # "Answer to Q2.Answer to Q3.".
    audio = {"inlineData": {"mimeType": "audio/pcm;rate=24000", "data": "AAAA"}}
    d.decode({"serverContent": {"modelTurn": {"parts": [audio]}}})
    d.decode({"serverContent": {"outputTranscription": {"text": "Answer to Q3."}}})
    events = d.decode({"serverContent": {"turnComplete": True}})
    (second,) = [e for e in events if isinstance(e, TranscriptLine)]
    assert second.text == "Answer to Q3." and second.line_id != first.line_id
    # After the grace, a stray piece is a new line (never glued to an old one).
    now[0] = 10.0 + LATE_GRACE_S
    stray = d.decode({"serverContent": {"outputTranscription": {"text": "x"}}})
    assert [type(e) for e in stray] == [TranscriptDelta] and not stray[0].late


def test_model_audio_of_the_next_turn_ends_the_grace() -> None:
    from desktop.core.events import TranscriptLine
    from desktop.core.live_codec import LiveEventDecoder

    d = LiveEventDecoder(lambda: 0.0)
    d.decode({"serverContent": {"outputTranscription": {"text": "One."}}})
    d.decode({"serverContent": {"turnComplete": True}})
    audio = {"inlineData": {"mimeType": "audio/pcm;rate=24000", "data": "AAAA"}}
    events = d.decode(
        {"serverContent": {"modelTurn": {"parts": [audio]}, "outputTranscription": {"text": "Two"}}}
    )
    assert not any(isinstance(e, TranscriptLine) for e in events)


def test_generation_complete_then_silence_ends_the_turn_once() -> None:
    from desktop.core.events import TranscriptLine, TurnComplete
    from desktop.core.live_codec import LiveEventDecoder

    d = LiveEventDecoder(lambda: 0.0)
    d.decode({"serverContent": {"outputTranscription": {"text": "Done."}}})
    d.decode({"serverContent": {"generationComplete": True}})
    ended = d.end_turn_quietly()
    assert [type(e) for e in ended] == [TranscriptLine, TurnComplete]
    # A turnComplete that comes after all does not count the turn twice.
    assert d.decode({"serverContent": {"turnComplete": True}}) == []
    d.decode({"serverContent": {"outputTranscription": {"text": "Next."}}})
    (tc,) = [
        e
        for e in d.decode({"serverContent": {"turnComplete": True}})
        if isinstance(e, TurnComplete)
    ]
    assert tc.turn == 1
