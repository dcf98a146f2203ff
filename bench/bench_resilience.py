"""Session resilience and history cost on loopback, with the real SDK and the real emulator.

    .venv/bin/python -m bench.bench_resilience [--trials 20] [--lines 2000]

- goAway → serving on the new connection (make-before-break, session idle): from the moment
  the emulator sends goAway to the session serving on the next connection.
- goAway mid-reply: how long after the reply's turnComplete the switch happened.
- hard drop → resumed (close 1011, TCP reset, abort without close frame), with the app's
  default back-off: from the fault to serving on the resumed connection.
- audio lost across a switch: 20 ms mic blocks streamed in real time through a goAway
  handover and through a hard drop; lost = blocks the continuing connection never received.
- history write cost per finalised line: WAL + synchronous=NORMAL (what the app uses) and
  FULL for comparison, on a real file in a temporary directory.

Prints a table; no assertions (the machine is shared: read the numbers, not pass/fail).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desktop.core.events import Event, LineSource, Role, SessionState, TranscriptLine, TurnComplete
from desktop.emulator import Fault, LiveEmulator
from desktop.outputs.history import HistoryRecorder
from desktop.outputs.history_db import HistoryStore
from desktop.session.endpoint import Endpoint
from desktop.session.live_session import LiveSession
from desktop.settings import Settings

BLOCK = 640  # 20 ms of 16 kHz PCM16


class Log:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def __call__(self, event: Event) -> None:
        self.events.append(event)

    def turns(self) -> int:
        return sum(isinstance(e, TurnComplete) for e in self.events)


async def until(predicate: Callable[[], object], limit_s: float = 20.0) -> None:
    """Poll (finely, to time things) for state no event announces."""
    async with asyncio.timeout(limit_s):
        while not predicate():  # noqa: ASYNC110
            await asyncio.sleep(0.002)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def open_session(emu: LiveEmulator) -> tuple[LiveSession, Log, asyncio.Task[None]]:
    log = Log()
    endpoint = Endpoint("k", emu.base_url, emu.ca_file, True, "emulator")
    session = LiveSession(endpoint, Settings(), log)
    task = asyncio.create_task(session.run())
    await until(lambda: session.state is SessionState.LIVE)
    session.send_text("warm up")
    await until(lambda: log.turns() == 1 and session.resumption_handle)
    return session, log, task


async def go_away_idle(emu: LiveEmulator, trials: int) -> list[float]:
    session, _, task = await open_session(emu)
    times = []
    for _ in range(trials):
        done = len(session.switches)
        await emu.inject(Fault.go_away(5.0))
        sent_at = emu.sent_of("goAway")[-1].at
        await until(lambda done=done: len(session.switches) > done)
        times.append(session.switches[-1].done_at - sent_at)
        await asyncio.sleep(0.05)
    await session.stop()
    await task
    return times


async def go_away_mid_reply(emu: LiveEmulator, trials: int) -> list[float]:
    session, log, task = await open_session(emu)
    after_turn = []
    for _ in range(trials):
        done, turns = len(session.switches), log.turns()
        emu.inject(Fault.go_away(5.0), after_chunks=2)
        session.send_text("tell me something")
        await until(lambda done=done: len(session.switches) > done)
        turn_at = emu.sent_of("serverContent")[-1].at
        assert log.turns() == turns + 1
        after_turn.append(session.switches[-1].done_at - turn_at)
        await asyncio.sleep(0.05)
    await session.stop()
    await task
    return after_turn


async def hard_drops(emu: LiveEmulator, fault: Fault, trials: int) -> list[float]:
    session, _, task = await open_session(emu)
    times = []
    for _ in range(trials):
        done = len(session.switches)
        started = time.monotonic()
        await emu.inject(fault)
        await until(lambda done=done: len(session.switches) > done)
        times.append(session.switches[-1].done_at - started)
        await asyncio.sleep(0.05)
    await session.stop()
    await task
    return times


async def audio_across(emu: LiveEmulator, fault: Fault, seconds: float = 2.0) -> tuple[int, int]:
    """(blocks sent, blocks the continuing connection lacks) while `fault` hits mid-stream."""
    session, _, task = await open_session(emu)
    first_conn = emu.connections
    blocks = [i.to_bytes(2, "little") * (BLOCK // 2) for i in range(int(seconds / 0.02))]
    start = time.monotonic()
    for i, block in enumerate(blocks):
        session.send_audio(block)
        if i == len(blocks) // 3:
            emu.inject(fault)
        await asyncio.sleep(max(0.0, start + (i + 1) * 0.02 - time.monotonic()))
    await until(lambda: emu.connections > first_conn and session.state is SessionState.LIVE)
    last = emu.connections - 1
    want = b"".join(blocks)
    await until(lambda: emu.received_audio_bytes(last).endswith(want[-BLOCK:]), limit_s=10)
    got = emu.received_audio_bytes(last)
    have = {got[i : i + BLOCK] for i in range(0, len(got), BLOCK)}
    lost = sum(1 for block in blocks if block not in have)
    await session.stop()
    await task
    return len(blocks), lost


def history_cost(lines: int, synchronous: str) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        store = HistoryStore(Path(tmp) / "history.db")
        store._conn.execute(f"PRAGMA synchronous = {synchronous}")
        recorder = HistoryRecorder(store)
        costs = []
        for n in range(lines):
            role = Role.USER if n % 2 == 0 else Role.MODEL
            text = f"line {n}: " + "a reasonably long transcript line about the screen " * 2
            line = TranscriptLine(n, role, text, LineSource.SPEECH, n, n + 1)
            started = time.perf_counter()
            recorder(line)
            costs.append(time.perf_counter() - started)
        recorder.close()
        return costs


def row(name: str, values: list[float], unit: str = "ms", scale: float = 1000.0) -> str:
    p50, p90, top = (pct(values, 0.5) * scale, pct(values, 0.9) * scale, max(values) * scale)
    return f"| {name} | {len(values)} | {p50:.1f} {unit} | {p90:.1f} {unit} | {top:.1f} {unit} |"


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--lines", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        emu = LiveEmulator(port=0, cert_dir=Path(tmp) / "certs", chunk_delay_s=0.01)
        await emu.start()
        try:
            idle = await go_away_idle(emu, args.trials)
            mid = await go_away_mid_reply(emu, max(5, args.trials // 2))
            drops = {
                "close 1011": await hard_drops(emu, Fault.close(1011, "Internal"), args.trials),
                "TCP reset": await hard_drops(emu, Fault.reset(), args.trials),
                "abort (1006)": await hard_drops(emu, Fault.drop(), args.trials),
            }
            audio = {
                "goAway handover": await audio_across(emu, Fault.go_away(2.0)),
                "hard drop (1006)": await audio_across(emu, Fault.drop()),
            }
        finally:
            await emu.stop()
    print("| measure | n | p50 | p90 | max |")
    print("|---|---|---|---|---|")
    print(row("goAway → serving on the new connection (idle)", idle))
    print(row("goAway mid-reply: switch after the reply's turnComplete", mid))
    for name, values in drops.items():
        print(row(f"hard drop → resumed ({name}, default back-off)", values))
    for sync in ("NORMAL", "FULL"):
        print(
            row(
                f"history write per line (WAL, synchronous={sync})",
                history_cost(args.lines, sync),
                "µs",
                1e6,
            )
        )
    print()
    print("| audio across a switch | 20 ms blocks sent | blocks lost |")
    print("|---|---|---|")
    for name, (sent, lost) in audio.items():
        print(f"| {name} | {sent} | {lost} |")


if __name__ == "__main__":
    asyncio.run(main())
