"""Google's quirks, as the emulator reproduces them (pure parts)."""

from desktop.emulator.conversation import Step
from desktop.emulator.faults import Quirks, split_late

GENERATION = {"serverContent": {"generationComplete": True}}
CLOSING = [
    GENERATION,  # Google sends it alone, then turnComplete with the usage
    {"serverContent": {"turnComplete": True}, "usageMetadata": {}},
    {"sessionResumptionUpdate": {"newHandle": "h", "resumable": True}},
]


def test_quirks_apply_to_the_next_n_replies_only() -> None:
    quirks = Quirks(no_turn_complete=1, no_usage=1)
    assert quirks.closing(CLOSING) == [GENERATION, CLOSING[2]]
    assert quirks.closing(CLOSING) == CLOSING  # both counts used up by that reply
    quirks = Quirks(no_usage=2, no_handles=True)
    for _ in range(2):
        generation, only = quirks.closing(CLOSING)
        assert generation == GENERATION
        assert "usageMetadata" not in only and only["serverContent"]["turnComplete"]
    assert quirks.closing(CLOSING) == CLOSING[:2]


def test_no_turn_complete_keeps_one_generation_complete_in_either_shape() -> None:
    combined = [{"serverContent": {"generationComplete": True, "turnComplete": True}}]
    assert Quirks(no_turn_complete=1).closing(combined) == [GENERATION]
    interrupted = [{"serverContent": {"turnComplete": True}, "usageMetadata": {}}]
    assert Quirks(no_turn_complete=1).closing(interrupted) == []


def test_split_late_moves_the_last_transcription_piece_out_and_keeps_the_audio() -> None:
    audio = {"inlineData": {"mimeType": "audio/pcm;rate=24000", "data": "AAAA"}}
    steps = [
        Step(
            {"serverContent": {"modelTurn": {"parts": [audio]}, "outputTranscription": {"text": w}}}
        )
        for w in ("Answer", " to", " Q2.")
    ]
    kept, late = split_late(steps)
    assert late == " Q2."
    assert kept[-1].message == {"serverContent": {"modelTurn": {"parts": [audio]}}}
    assert kept[:2] == steps[:2]
