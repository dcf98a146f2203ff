"""`screenmate --headless --mic/--speaker/--talk` as a subprocess on the private PulseAudio."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from desktop.emulator import LiveEmulator

from tests.support.pulse import PulseAudio, speech

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
async def emulator(tmp_path: Path) -> AsyncIterator[LiveEmulator]:
    emu = LiveEmulator(port=0, cert_dir=tmp_path / "certs")
    await emu.start()
    yield emu
    await emu.stop()


async def test_push_to_talk_voice_turn_without_a_window(
    pulse: PulseAudio, emulator: LiveEmulator
) -> None:
    emulator.transcriber = lambda pcm: "what is on my screen"
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "desktop", "--headless",
        "--base-url", emulator.base_url, "--ca-file", str(emulator.ca_file),
        "--mic", "default", "--speaker", "default", "--talk", "push-to-talk",
        "--turns", "1", "--timeout", "60",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, cwd=REPO,
        env={**os.environ, **pulse.client_env, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    assert proc.stdin is not None and proc.stdout is not None
    lines: list[dict[str, Any]] = []

    async def until(predicate: Any) -> None:
        assert proc.stdout is not None
        while not any(predicate(line) for line in lines):
            raw = await asyncio.wait_for(proc.stdout.readline(), 30)
            assert raw, "the app ended early"
            lines.append(json.loads(raw))

    await until(lambda line: line.get("state") == "live")
    await until(lambda line: line["event"] == "voice" and line["mic"] == "ok")
    proc.stdin.write(b"/press\n")
    await proc.stdin.drain()
    await until(lambda line: line["event"] == "voice" and line["talking"])
    pulse.say(speech("What is on my screen?"))
    await asyncio.sleep(2.5)
    proc.stdin.write(b"/release\n")
    await proc.stdin.drain()
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    lines += [json.loads(raw) for raw in out.decode().splitlines() if raw.strip()]
    assert proc.returncode == 0, err.decode()
    said = [line["text"] for line in lines if line["event"] == "transcript_line"]
    assert said[0] == "what is on my screen"
    assert any(line["event"] == "model_audio" for line in lines)
    kinds = [
        next(iter(r.message["realtime_input"])) for r in emulator.received_of("realtime_input")
    ]
    assert kinds[0] == "activity_start" and "activity_end" in kinds
    assert emulator.received_audio_bytes()


def _sent_audio(emulator: LiveEmulator) -> np.ndarray:
    """Every model audio sample the emulator sent, in order (24 kHz PCM16)."""
    pcm = b""
    for sent in emulator.sent_of("serverContent"):
        for part in sent.message["serverContent"].get("modelTurn", {}).get("parts", []):
            blob = part.get("inlineData")
            if blob and blob["mimeType"].startswith("audio/pcm"):
                pcm += base64.b64decode(blob["data"])
    return np.frombuffer(pcm, dtype="<i2")


def _found(recorded: np.ndarray, piece: np.ndarray) -> float:
    """The best normalised correlation of `piece` anywhere in `recorded`."""
    n = piece.size
    if recorded.size < n:
        return 0.0
    x, r = recorded.astype(np.float64), piece.astype(np.float64) - piece.mean()
    size = x.size + n
    num = np.fft.irfft(np.fft.rfft(x, size) * np.conj(np.fft.rfft(r, size)), size)[: x.size - n + 1]
    c1, c2 = np.concatenate([[0.0], np.cumsum(x)]), np.concatenate([[0.0], np.cumsum(x * x)])
    sums, squares = c1[n:] - c1[:-n], c2[n:] - c2[:-n]
    var = np.maximum(squares - sums * sums / n, 1e-9)
    return float(np.max(num / np.sqrt(var * np.sum(r * r))))


async def test_the_last_answer_plays_to_its_end_before_the_run_exits(
    pulse: PulseAudio, emulator: LiveEmulator
) -> None:
    """--turns 1 with --speaker used to exit at turn_complete: the emulator (like Google)
    sends the answer faster than real time, so almost all of it was still queued and never
    played. Now the run drains the speaker first; its tail must be on the sink's monitor."""
    emulator.script_reply("The last answer is played out to its very last word before exit.")
    recorder = pulse.record()
    try:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "desktop", "--headless",
            "--base-url", emulator.base_url, "--ca-file", str(emulator.ca_file),
            "--speaker", "default", "--say", "hello", "--turns", "1", "--timeout", "60",
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, cwd=REPO,
            env={**os.environ, **pulse.client_env, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
        out, err = await asyncio.wait_for(proc.communicate(), 90)
        await asyncio.sleep(0.3)  # the monitor's own capture buffer
    finally:
        recorder.stop()
    assert proc.returncode == 0, err.decode()
    lines = [json.loads(raw) for raw in out.decode().splitlines() if raw.strip()]
    assert any(line["event"] == "turn_complete" for line in lines)
    sent = _sent_audio(emulator)
    assert sent.size > 24_000, "the scripted answer should last seconds"
    recorded = recorder.samples()
    # The first and the last 200 ms of speech in the answer both came out of the speaker.
    loud = np.nonzero(np.abs(sent) > 300)[0]
    head = sent[loud[0] : loud[0] + 4800]
    tail = sent[max(0, loud[-1] - 4800) : loud[-1]]
    assert _found(recorded, head) > 0.99
    assert _found(recorded, tail) > 0.99, "the end of the last answer was cut off"
