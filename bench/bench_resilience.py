"""Session resilience and history cost on loopback, with the real SDK and the real emulator.

    .venv/bin/python -m bench.bench_resilience [--trials 20] [--lines 2000] [--seconds 60]

- goAway → serving on the new connection (make-before-break, session idle): from the moment
  the emulator sends goAway to the session serving on the next connection.
- goAway mid-reply: how long after the reply's turnComplete the switch happened.
- hard drop → resumed (close 1011, TCP reset, abort without close frame), with the app's
  default back-off: from the fault to serving on the resumed connection.
- audio lost across a switch: 20 ms mic blocks streamed in real time through a goAway
  handover and through a hard drop; lost = blocks the continuing connection never received.
- history write cost per finalised line: WAL + synchronous=NORMAL (what the app uses) and
  FULL for comparison, on a real file in a temporary directory.

- retry policy, side by side (issue 11): connection attempts per minute while a failure
  persists (a crash right after every setup, a setup refused every time, an input the server
  fails on every time), and time back to live after a one-off failure, for the policy before
  issue 11 (the count reset at setupComplete, 0.25 s back-off capped at 15 s, no floor) and
  the current one (health needs a completed turn, back-off to 30 s, at most 6 attempts a
  minute). Each persistent failure runs for `--seconds` on its own emulator, concurrently.

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
from desktop.core.session_machine import Backoff, RetryPlanner
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


class SetupResets(RetryPlanner):
    """The rule before issue 11: setupComplete reset the failure count; no attempt floor."""

    def connected(self, now: float) -> None:
        super().connected(now)
        self.failures = 0


def old_policy() -> RetryPlanner:
    return SetupResets(Backoff(first_s=0.25, factor=2, cap_s=15), max_attempts=1_000_000)


POLICIES: dict[str, Callable[[], RetryPlanner]] = {
    "before (reset at setupComplete)": old_policy,
    "now (health + floor)": RetryPlanner,
}


async def open_session(
    emu: LiveEmulator, retry: RetryPlanner | None = None
) -> tuple[LiveSession, Log, asyncio.Task[None]]:
    log = Log()
    endpoint = Endpoint("k", emu.base_url, emu.ca_file, True, "emulator")
    session = LiveSession(endpoint, Settings(), log, retry=retry or RetryPlanner())
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


async def hard_drops(
    emu: LiveEmulator, fault: Fault, trials: int, retry: RetryPlanner | None = None
) -> list[float]:
    session, _, task = await open_session(emu, retry)
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


async def persistent(kind: str, policy: Callable[[], RetryPlanner], seconds: float) -> float:
    """Connection attempts per minute while `kind` of failure persists for `seconds`."""
    with tempfile.TemporaryDirectory() as tmp:
        emu = LiveEmulator(port=0, cert_dir=Path(tmp) / "certs", chunk_delay_s=0.01)
        await emu.start()
        try:
            session, _, task = await open_session(emu, policy())
            if kind == "poison input":
                emu.poison("poison")
                session.send_text("poison, then a question")
                session.send_text("a later question")
            else:
                emu.fail_setups(
                    Fault.close(1011, "Internal error encountered."),
                    1_000_000,
                    after_setup=kind == "crash after every setup",
                )
            before = emu.connections
            started = time.monotonic()
            await emu.inject(Fault.drop())
            await asyncio.sleep(seconds)
            attempts = emu.connections - before
            elapsed = time.monotonic() - started
            await session.stop()
            await task
        finally:
            await emu.stop()
    return attempts * 60.0 / elapsed


async def one_off(
    emu: LiveEmulator, fault: Fault, trials: int, policy: Callable[[], RetryPlanner]
) -> list[float]:
    """From a single failure of a healthy session to serving again (a new session each time,
    so the attempt floor of one trial does not leak into the next)."""
    times = []
    for _ in range(trials):
        session, _, task = await open_session(emu, policy())
        started = time.monotonic()
        await emu.inject(fault)
        await until(lambda session=session: session.switches)
        times.append(session.switches[-1].done_at - started)
        await session.stop()
        await task
    return times


async def retry_table(emu: LiveEmulator, trials: int, seconds: float) -> list[str]:
    kinds = ["crash after every setup", "setup refused every time", "poison input"]
    jobs = [persistent(kind, policy, seconds) for kind in kinds for policy in POLICIES.values()]
    rates = iter(await asyncio.gather(*jobs))
    rows = ["| while the failure persists | " + " | ".join(POLICIES) + " |", "|---|---|---|"]
    for kind in kinds:
        cells = [f"{next(rates):.0f} attempts/min" for _ in POLICIES]
        rows.append(f"| {kind} ({seconds:.0f} s) | " + " | ".join(cells) + " |")
    for name, fault in (
        ("close 1011", Fault.close(1011, "Internal error encountered.")),
        ("TCP reset", Fault.reset()),
    ):
        cells = []
        for policy in POLICIES.values():
            times = await one_off(emu, fault, trials, policy)
            cells.append(f"p50 {pct(times, 0.5) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")
        rows.append(f"| back to live after one {name} (n={trials}) | " + " | ".join(cells) + " |")
    rows.append("")
    rows.append(
        "Both columns run today's session (poison rule, resume rule); only the retry count and"
        " back-off rule differ."
    )
    return rows


def row(name: str, values: list[float], unit: str = "ms", scale: float = 1000.0) -> str:
    p50, p90, top = (pct(values, 0.5) * scale, pct(values, 0.9) * scale, max(values) * scale)
    return f"| {name} | {len(values)} | {p50:.1f} {unit} | {p90:.1f} {unit} | {top:.1f} {unit} |"


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--only-retry", action="store_true", help="just the retry policy table")
    args = parser.parse_args()
    if args.only_retry:
        with tempfile.TemporaryDirectory() as tmp:
            emu = LiveEmulator(port=0, cert_dir=Path(tmp) / "certs", chunk_delay_s=0.01)
            await emu.start()
            try:
                print("\n".join(await retry_table(emu, args.trials, args.seconds)))
            finally:
                await emu.stop()
        return
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
            retry_rows = await retry_table(emu, args.trials, args.seconds)
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
    print()
    print("\n".join(retry_rows))


if __name__ == "__main__":
    asyncio.run(main())
