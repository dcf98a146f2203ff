"""`screenmate --headless --mic/--speaker/--talk` as a subprocess on the private PulseAudio."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

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
