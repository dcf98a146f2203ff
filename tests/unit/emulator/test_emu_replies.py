from __future__ import annotations

from desktop.emulator.replies import (
    ToolOutcome,
    TurnInput,
    describe_input,
    reply_text,
    speech_placeholder,
)


def test_typed_text() -> None:
    inp = TurnInput(texts=["hello"])
    assert describe_input(inp) == (
        'You wrote: "hello". I heard 0.0 seconds of audio and saw no frames.'
    )


def test_several_texts() -> None:
    assert describe_input(TurnInput(texts=["a", "b"])).startswith('You wrote: "a" and "b".')
    assert describe_input(TurnInput(texts=["a", "b", "c"])).startswith(
        'You wrote: "a", "b" and "c".'
    )


def test_speech_and_frames() -> None:
    inp = TurnInput(speech_s=2.44, frames=3, frame_size=(1024, 576))
    assert describe_input(inp) == "I heard 2.4 seconds of audio and saw 3 frames of 1024x576."
    one = TurnInput(frames=1, frame_size=(10, 20))
    assert describe_input(one).endswith("saw 1 frame of 10x20.")
    assert describe_input(TurnInput(frames=2)).endswith("saw 2 frames.")


def test_transcribed_speech() -> None:
    inp = TurnInput(transcripts=["what is this"], speech_s=1.0)
    assert describe_input(inp, transcribed=True).startswith('You said: "what is this".')
    assert "You said" not in describe_input(inp, transcribed=False)


def test_reply_numbers_and_tools() -> None:
    text = reply_text(
        TurnInput(texts=["call f"]),
        3,
        outcomes=[ToolOutcome("f", {"ok": True}), ToolOutcome("g", cancelled=True)],
    )
    assert 'I called f and it returned {"ok": true}.' in text
    assert "The call to g was cancelled." in text
    assert text.endswith("This is reply 3.")


def test_long_results_are_shortened() -> None:
    text = reply_text(TurnInput(), 1, outcomes=[ToolOutcome("f", {"x": "y" * 500})])
    assert "..." in text
    assert len(text) < 250


def test_placeholder() -> None:
    assert speech_placeholder(2.44) == "(2.4 seconds of speech)"
