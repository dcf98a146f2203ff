"""`screenmate --headless` end to end, as a subprocess, against the real emulator."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sys
from pathlib import Path
from typing import Any

import pytest
from desktop.emulator import LiveEmulator

REPO = Path(__file__).resolve().parents[2]


async def run_app(
    *args: str, stdin: bytes | None = None, timeout: float = 60
) -> tuple[int, list[dict[str, Any]], str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "desktop",
        "--headless",
        *args,
        stdin=asyncio.subprocess.PIPE if stdin is not None else asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=REPO,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    out, err = await asyncio.wait_for(proc.communicate(stdin), timeout)
    lines = [json.loads(line) for line in out.decode().splitlines() if line.strip()]
    assert proc.returncode is not None
    return proc.returncode, lines, err.decode()


def of(lines: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return [line for line in lines if line["event"] == name]


async def test_say_two_lines_prints_json_events_and_exits(emulator: LiveEmulator) -> None:
    code, lines, err = await run_app(
        "--base-url",
        emulator.base_url,
        "--ca-file",
        str(emulator.ca_file),
        "--say",
        "hello",
        "--say",
        "how are you",
        "--timeout",
        "60",
    )
    assert code == 0, err
    assert lines[0]["event"] == "endpoint"
    states = [line["state"] for line in of(lines, "state")]
    assert states == ["connecting", "live", "closed"]
    final = of(lines, "transcript_line")
    assert [(line["role"], line["source"]) for line in final] == [
        ("user", "typed"),
        ("model", "speech"),
        ("user", "typed"),
        ("model", "speech"),
    ]
    assert 'You wrote: "hello"' in final[1]["text"]
    assert 'You wrote: "how are you"' in final[3]["text"]
    assert of(lines, "transcript_delta"), "model speech streams as deltas before the final line"
    assert [t["turn"] for t in of(lines, "turn_complete")] == [0, 1]
    assert of(lines, "usage") and of(lines, "model_audio")
    assert all("time" in line for line in lines)


async def test_lines_from_stdin_until_eof(emulator: LiveEmulator) -> None:
    code, lines, err = await run_app(
        "--base-url",
        emulator.base_url,
        "--ca-file",
        str(emulator.ca_file),
        "--timeout",
        "60",
        stdin=b"first line\n\nsecond line\n",
    )
    assert code == 0, err
    answers = [line["text"] for line in of(lines, "transcript_line") if line["role"] == "model"]
    assert len(answers) == 2 and '"first line"' in answers[0] and '"second line"' in answers[1]


async def test_no_key_and_no_url_runs_the_bundled_emulator() -> None:
    code, lines, err = await run_app("--say", "offline?", "--timeout", "60")
    assert code == 0, err
    assert lines[0]["emulated"] is True and lines[0]["label"] == "Offline demo - emulated model"
    assert any('"offline?"' in line["text"] for line in of(lines, "transcript_line"))


async def test_unreachable_url_fails_with_a_clear_message() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code, lines, err = await run_app("--base-url", f"https://127.0.0.1:{port}", "--say", "x")
    assert code == 1
    assert "connection refused" in err and f"127.0.0.1:{port}" in err
    assert of(lines, "error")[-1]["fatal"] is True
    assert of(lines, "state")[-1]["state"] == "error"


async def test_untrusted_certificate_fails_with_a_clear_message(emulator: LiveEmulator) -> None:
    code, _, err = await run_app("--base-url", emulator.base_url, "--say", "x")
    assert code == 1 and "certificate" in err.lower()


async def test_bad_key_fails_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    emu = LiveEmulator(port=0, cert_dir=tmp_path / "c", api_key="right")
    await emu.start()
    try:
        monkeypatch.setenv("GEMINI_API_KEY", "wrong")
        code, _, err = await run_app(
            "--base-url", emu.base_url, "--ca-file", str(emu.ca_file), "--say", "x"
        )
    finally:
        await emu.stop()
    assert code == 1 and "API key" in err


async def test_usage_errors_exit_2() -> None:
    code, _, err = await run_app("--turns", "0")
    assert code == 2 and "--turns" in err
