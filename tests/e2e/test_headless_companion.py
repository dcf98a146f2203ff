"""`screenmate --headless --companion-port`: a script pairs from the JSON lines and talks."""

from __future__ import annotations

import asyncio
import json
import os
import ssl
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from desktop.emulator import LiveEmulator
from websockets.asyncio.client import connect

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
async def emulator(tmp_path: Path) -> AsyncIterator[LiveEmulator]:
    async with LiveEmulator(port=0, cert_dir=tmp_path / "certs") as emu:
        yield emu


async def read_event(
    stdout: asyncio.StreamReader, name: str, seen: list[dict[str, Any]]
) -> dict[str, Any]:
    while True:
        line = await asyncio.wait_for(stdout.readline(), 30)
        assert line, f"the app ended before printing {name}"
        event = json.loads(line)
        seen.append(event)
        if event["event"] == name:
            return event


async def test_pair_from_the_printed_code_and_talk(emulator: LiveEmulator) -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "desktop",
        "--headless",
        "--base-url",
        emulator.base_url,
        "--ca-file",
        str(emulator.ca_file),
        "--companion-port",
        "0",
        "--companion-host",
        "127.0.0.1",
        "--turns",
        "1",
        "--timeout",
        "60",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=REPO,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    seen: list[dict[str, Any]] = []
    try:
        listening = await read_event(proc.stdout, "companion_listening", seen)
        code = await read_event(proc.stdout, "pairing_code", seen)
        assert len(code["code"]) == 6 and code["expires_in_s"] <= 120
        assert code["url"].startswith(f"https://127.0.0.1:{listening['port']}/#pair=")
        port = listening["port"]
        ctx = ssl.create_default_context(cafile=listening["ca_file"])
        async with connect(
            f"wss://127.0.0.1:{port}/ws",
            ssl=ctx,
            origin=f"https://127.0.0.1:{port}",  # type: ignore[arg-type]
        ) as ws:
            await ws.send(
                json.dumps({"type": "pair", "v": 1, "code": code["code"], "name": "Script"})
            )
            texts: list[str] = []
            errors: list[str] = []

            async def talk() -> None:
                async for frame in ws:
                    if isinstance(frame, bytes):
                        continue
                    message = json.loads(frame)
                    if (message["type"] == "state" and message["state"] == "live") or (
                        message["type"] == "welcome" and message["state"]["state"] == "live"
                    ):
                        # Issue 14: a lone surrogate once got into the history writer and
                        # ended the headless run with 1; now it is refused at the edge.
                        await ws.send(json.dumps({"type": "text", "text": "bad \ud800"}))
                        await ws.send(json.dumps({"type": "text", "text": "hello from the watch"}))
                    if message["type"] == "error":
                        errors.append(message["code"])
                    if message["type"] == "transcript" and message["final"]:
                        texts.append(message["text"])
                    if message["type"] == "turn_complete":
                        return

            await asyncio.wait_for(talk(), 30)
        assert errors == ["bad_message"]
        assert texts[0] == "hello from the watch"
        assert 'You wrote: "hello from the watch"' in texts[1]
        await read_event(proc.stdout, "companion_paired", seen)
        assert await asyncio.wait_for(proc.wait(), 30) == 0
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
