"""What a new session is seeded with, and that the user is told once (issue 11)."""

from desktop.core.events import (
    LineSource,
    ResumptionUpdate,
    Role,
    TranscriptLine,
    TurnComplete,
)
from desktop.session.memory import ConversationMemory


def line(line_id: int, role: Role, text: str, revised: bool = False) -> TranscriptLine:
    return TranscriptLine(line_id, role, text, LineSource.TYPED, 1.0, 2.0, revised=revised)


def test_every_new_session_is_seeded_but_the_user_is_told_once() -> None:
    memory = ConversationMemory()
    assert memory.fresh_start(True) == ([], "")  # nothing said yet: nothing to seed
    memory.observe(line(1, Role.USER, "Q1"))
    memory.observe(line(2, Role.MODEL, "Answer to"))
    memory.observe(TurnComplete(0))
    memory.observe(line(2, Role.MODEL, "Answer to Q1.", revised=True))
    seed, notice = memory.fresh_start(True)
    assert seed == [(Role.USER, "Q1"), (Role.MODEL, "Answer to Q1.")]
    assert "last 2 turns" in notice
    # That new session failed before its first turn: the next one is seeded too, silently.
    assert memory.fresh_start(True) == (seed, "")
    memory.observe(TurnComplete(1))
    assert memory.fresh_start(False)[1].startswith("Started a new session; the model does not")


def test_a_new_handle_bumps_the_generation_and_forgetting_it_too() -> None:
    memory = ConversationMemory()
    memory.observe(ResumptionUpdate("h1", True))
    assert (memory.handle, memory.handle_gen) == ("h1", 1)
    memory.observe(ResumptionUpdate("h2", False))  # not resumable: ignored
    memory.forget_handle()
    assert (memory.handle, memory.handle_gen) == (None, 2)
