"""Headless pacing with 3.8 Live's asynchronous calls: the turn the model ends while a tool
runs ("one moment...") is not the answer; the next line waits for the turn that says the
result. Against the real emulator with its asynchronous calls on."""

from __future__ import annotations

from desktop.emulator import LiveEmulator

from tests.e2e.test_headless import of, run_app


async def test_the_result_turn_is_the_answer(emulator: LiveEmulator) -> None:
    emulator.async_calls = True
    code, lines, err = await run_app(
        "--base-url",
        emulator.base_url,
        "--ca-file",
        emulator.ca_file,
        "--model",
        "gemini-3.8-live",  # asynchronous calls are 3.8's (whatever SCREENMATE_TEST_MODEL says)
        "--say",
        "please call point_at",
        "--say",
        "and now?",
        "--timeout",
        "60",
    )
    assert code == 0, err
    said = [(line["role"], line["text"]) for line in of(lines, "transcript_line")]
    assert [role for role, _ in said] == ["user", "model", "model", "user", "model"]
    assert said[1][1] == "One moment, I am on it."
    # No frame shared: the emulated model points at the whole picture and the app says why not.
    assert "point_at failed: nothing is shared" in said[2][1]
    assert said[4][1].startswith('You wrote: "and now?"')
    (ended,) = [t for t in of(lines, "tool") if t["status"] != "running"]
    assert ended["scheduling"] == "WHEN_IDLE"  # a failure (nothing shared) is never silent
    assert [t["turn"] for t in of(lines, "turn_complete")] == [0, 1, 2]
