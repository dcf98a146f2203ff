"""`kill -9` mid-session loses at most the line in flight: the headless app as a subprocess,
the real emulator, the real history file, read again after a restart."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from desktop.emulator import LiveEmulator
from desktop.outputs.history_db import HistoryStore
from desktop.settings import data_dir

from tests.e2e.test_headless import REPO, run_app


@pytest.fixture
async def emulator(tmp_path: Path) -> AsyncIterator[LiveEmulator]:
    emu = LiveEmulator(port=0, cert_dir=tmp_path / "certs", chunk_delay_s=0.03)
    await emu.start()
    yield emu
    await emu.stop()


class App:
    """The headless app with a pipe on stdin and its JSON events read as they come."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.events: list[dict[str, Any]] = []

    @classmethod
    async def start(cls, emu: LiveEmulator) -> App:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "desktop",
            "--headless",
            "--base-url",
            emu.base_url,
            "--ca-file",
            emu.ca_file,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            cwd=REPO,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        return cls(proc)

    def say(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text.encode() + b"\n")

    async def until(self, name: str, test: Any = lambda e: True, timeout: float = 30) -> None:
        assert self.proc.stdout is not None
        async with asyncio.timeout(timeout):
            while not any(e["event"] == name and test(e) for e in self.events):
                raw = await self.proc.stdout.readline()
                assert raw, "the app ended early"
                self.events.append(json.loads(raw))

    def lines(self) -> list[tuple[str, str]]:
        return [(e["role"], e["text"]) for e in self.events if e["event"] == "transcript_line"]


async def test_sigkill_mid_reply_loses_at_most_the_line_in_flight(
    emulator: LiveEmulator,
) -> None:
    app = await App.start(emulator)
    try:
        for n, text in enumerate(["first line", "second line"], start=1):
            app.say(text)
            await app.until("turn_complete", lambda e, n=n: e["turn"] == n - 1)
        app.say("third line, cut short")
        # The model is speaking its third answer: that line is in flight.
        await app.until(
            "transcript_delta", lambda e: e["role"] == "model" and len(app.lines()) >= 5
        )
        app.proc.send_signal(signal.SIGKILL)
        await app.proc.wait()
    finally:
        if app.proc.returncode is None:
            app.proc.kill()
            await app.proc.wait()
    assert app.proc.returncode == -signal.SIGKILL
    shown = app.lines()
    assert [role for role, _ in shown] == ["user", "model", "user", "model", "user"]

    path = data_dir() / "history.db"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = HistoryStore(path)
    (session,) = store.sessions()
    stored = [(line.role, line.text) for line in store.lines(session.id)]
    # Every line shown before the kill is in the history, in order, once; the model's third
    # answer (in flight) is the only thing missing.
    assert stored == shown
    assert session.total_tokens > 0
    store.close()

    # On restart the same database takes the next session.
    code, events, err = await run_app(
        "--base-url", emulator.base_url, "--ca-file", emulator.ca_file, "--say", "after restart"
    )
    assert code == 0, err
    assert next(e for e in events if e["event"] == "history")["path"] == str(path)
    store = HistoryStore(path)
    sessions = store.sessions()
    assert [s.first_line for s in sessions] == ["after restart", "first line"]
    assert [(x.role, x.text) for x in store.lines(sessions[1].id)] == shown
    assert not list(path.parent.glob("*.corrupt-*"))
    store.close()


async def test_no_history_flag_writes_nothing(emulator: LiveEmulator) -> None:
    code, events, err = await run_app(
        "--base-url", emulator.base_url, "--ca-file", emulator.ca_file, "--say", "x", "--no-history"
    )
    assert code == 0, err
    assert not [e for e in events if e["event"] == "history"]
    assert not (data_dir() / "history.db").exists()
