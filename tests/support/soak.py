"""A long run of the real window, used as a person uses it, and what it left behind.

`run_soak(seconds, out)` brings up a private Xvfb with a tray host (trayer) and a private
PulseAudio (null-sink speaker, pipe-source mic), starts the real app on its bundled emulator
with `tests.support.soak_app` playing the user at the keyboard, and meanwhile, from outside:
- speaks into the microphone every ~25 s (espeak-ng speech; hands-free turns when that mode is
  on, picked up by the push-to-talk presses when it is not),
- pairs a companion device with the code the pairing dialog shows, then keeps it talking over
  the real TLS websocket: pings (round trip measured), typed lines, push-to-talk with audio,
- samples the process from /proc every 5 s: RSS, threads, open descriptors, CPU time.

`SoakReport.problems()` names what a user would have suffered: an abort or a non-zero exit, a
traceback on stderr, a steady RSS climb after warm-up, growing descriptors or threads, a
companion that stopped being served, typed lines missing from the history. The test (5 min in
CI) and `bench/bench_soak.py` (30 min by default) share this code.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import socket
import sqlite3
import ssl
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.app_process import app_env
from tests.support.pulse import PulseAudio, speech
from tests.support.xvfb import start_xvfb

CLK_TCK = os.sysconf("SC_CLK_TCK")
SAMPLE_EVERY_S = 5.0
REGION = "40,560,800,450"  # device pixels: below the window, the desktop the tray host is on
RSS_LIMIT_MB_PER_10_MIN = 10.0


@dataclass
class Sample:
    t: float
    rss_mb: float
    threads: int
    fds: int
    cpu_s: float


@dataclass
class Companion:
    paired: bool = False
    pings: list[float] = field(default_factory=list)  # round trips in ms
    texts_sent: int = 0
    talks: int = 0
    turns_seen: int = 0
    errors: list[str] = field(default_factory=list)
    closed: str = ""


@dataclass
class SoakReport:
    seconds: float
    warmup_s: float
    exit_code: int | None
    stderr: str
    samples: list[Sample]
    stats: list[dict[str, Any]]
    companion: Companion
    typed_in_history: int
    spoken_turns: int
    user_finished: bool = True  # the scripted user played to the end and quit the app
    rss_limit_mb_per_10_min: float = RSS_LIMIT_MB_PER_10_MIN

    # -- derived figures ------------------------------------------------------------------

    def after_warmup(self) -> list[Sample]:
        return [s for s in self.samples if s.t >= self.warmup_s]

    def rss_slope_mb_per_10_min(self) -> float:
        """Least-squares slope of RSS after warm-up, in MB per 10 minutes."""
        points = self.after_warmup()
        if len(points) < 3:
            return 0.0
        slope = statistics.linear_regression([p.t for p in points], [p.rss_mb for p in points])
        return slope.slope * 600

    def growth(self, name: str) -> int:
        """Steady growth of a count after warm-up: the lowest value in the last third minus the
        highest in the first third (a burst that comes and goes is not growth)."""
        points = self.after_warmup()
        if len(points) < 6:
            return 0
        third = len(points) // 3
        first = max(getattr(p, name) for p in points[:third])
        last = min(getattr(p, name) for p in points[-third:])
        return last - first

    def objects_growth_per_10_min(self) -> float:
        rows = [r for r in self.stats if r["t"] >= self.warmup_s]
        if len(rows) < 3:
            return 0.0
        fit = statistics.linear_regression([r["t"] for r in rows], [r["objects"] for r in rows])
        return fit.slope * 600

    def cpu_percent(self) -> float:
        points = self.after_warmup()
        if len(points) < 2:
            return 0.0
        return (points[-1].cpu_s - points[0].cpu_s) / (points[-1].t - points[0].t) * 100

    def tracebacks(self) -> list[str]:
        chunks = self.stderr.split("Traceback (most recent call last):")
        return [chunk[:1500] for chunk in chunks[1:]]

    def problems(self) -> list[str]:
        found = []
        if self.exit_code != 0:
            found.append(f"the app exited with {self.exit_code} (an abort is -6 or 134)")
        if not self.user_finished:
            found.append("the scripted user stopped before the end (see stderr)")
        for marker in ("Fatal Python error", "none_dealloc", "bool_dealloc", "Segmentation"):
            if marker in self.stderr:
                found.append(f"stderr shows {marker!r}")
        if self.tracebacks():
            found.append(
                f"{len(self.tracebacks())} traceback(s) on stderr:\n{self.tracebacks()[0]}"
            )
        if (slope := self.rss_slope_mb_per_10_min()) > self.rss_limit_mb_per_10_min:
            found.append(
                f"RSS climbs {slope:.1f} MB per 10 min after warm-up "
                f"(limit {self.rss_limit_mb_per_10_min:g})"
            )
        for name in ("fds", "threads"):
            if (grew := self.growth(name)) > 0:
                found.append(f"{name} grew by {grew} after warm-up")
        if not self.companion.paired:
            found.append("the companion device could not pair")
        elif self.companion.closed:
            found.append(f"the companion was disconnected: {self.companion.closed}")
        if self.companion.paired and not self.companion.pings:
            found.append("the companion's pings were never answered")
        if self.stats and self.typed_in_history < self.stats[-1]["lines_typed"] - 1:
            found.append(
                f"{self.stats[-1]['lines_typed']} lines typed, {self.typed_in_history} in history"
            )
        return found

    def table(self) -> str:
        pings = sorted(self.companion.pings) or [0.0]
        last = self.stats[-1] if self.stats else {}
        first = self.after_warmup()[0] if self.after_warmup() else None
        end = self.samples[-1] if self.samples else Sample(0, 0, 0, 0, 0)
        p50, p99 = pings[len(pings) // 2], pings[min(len(pings) - 1, int(len(pings) * 0.99))]
        rows = [
            ("run", f"{self.seconds / 60:.0f} min (warm-up {self.warmup_s:.0f} s)"),
            ("exit code", str(self.exit_code)),
            ("tracebacks on stderr", str(len(self.tracebacks()))),
            ("RSS after warm-up → end", f"{first.rss_mb if first else 0:.0f} → {end.rss_mb:.0f}"),
            ("RSS slope after warm-up", f"{self.rss_slope_mb_per_10_min():+.1f} MB / 10 min"),
            ("Python objects slope", f"{self.objects_growth_per_10_min():+.0f} / 10 min"),
            ("open fds: growth", f"{self.growth('fds'):+d} (end {end.fds})"),
            ("threads: growth", f"{self.growth('threads'):+d} (end {end.threads})"),
            ("CPU while used", f"{self.cpu_percent():.1f} % of a core"),
            ("user steps / lines typed", f"{last.get('steps', 0)} / {last.get('lines_typed', 0)}"),
            ("typed lines in history", str(self.typed_in_history)),
            ("spoken turns (mic)", str(self.spoken_turns)),
            ("companion: texts / talks / turns seen",
             f"{self.companion.texts_sent} / {self.companion.talks} / {self.companion.turns_seen}"),
            ("companion ping p50 / p99", f"{p50:.1f} / {p99:.1f} ms"),
        ]  # fmt: skip
        width = max(len(name) for name, _ in rows)
        return "\n".join(f"| {name.ljust(width)} | {value} |" for name, value in rows)


# -- the outside of the run ---------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _sample(pid: int, t: float) -> Sample | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        status = Path(f"/proc/{pid}/status").read_text()
        fds = len(os.listdir(f"/proc/{pid}/fd"))
    except (FileNotFoundError, ProcessLookupError):
        return None
    rss = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    threads = next(
        int(line.split()[1]) for line in status.splitlines() if line.startswith("Threads:")
    )
    cpu = (int(fields[11]) + int(fields[12])) / CLK_TCK
    return Sample(t, rss / 1024, threads, fds, cpu)


async def _companion(port: int, out: Path, state: Companion, stop: asyncio.Event) -> None:
    """A watch that pairs with the dialog's code, then talks for as long as the run lasts."""
    from websockets.asyncio.client import connect

    code_file = out / "pair-code"
    while not code_file.exists():
        if stop.is_set():
            return
        await asyncio.sleep(0.2)
    # The watch trusts the desktop's certificate after the pairing steps; the soak is about
    # lifetime, not trust, so it does not verify (tests/integration cover the certificates).
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    origin = f"https://127.0.0.1:{port}"
    voice = speech("What is on the screen right now?")
    async with connect(f"wss://127.0.0.1:{port}/ws", ssl=context, origin=origin) as ws:  # type: ignore[arg-type]
        await ws.send(json.dumps({"type": "pair", "v": 1, "code": code_file.read_text().strip(),
                                  "name": "Soak watch"}))  # fmt: skip
        sent_at: dict[int, float] = {}

        async def reader() -> None:
            async for frame in ws:
                if isinstance(frame, bytes):
                    continue
                message = json.loads(frame)
                kind = message.get("type")
                if kind == "paired":
                    state.paired = True
                    (out / "paired").write_text("yes")
                elif kind == "pong" and message.get("id") in sent_at:
                    state.pings.append((time.monotonic() - sent_at.pop(message["id"])) * 1000)
                elif kind == "turn_complete":
                    state.turns_seen += 1
                elif kind == "error":
                    state.errors.append(str(message))

        read_task = asyncio.create_task(reader())
        n = 0
        try:
            while not stop.is_set() and not read_task.done():
                n += 1
                sent_at[n] = time.monotonic()
                await ws.send(json.dumps({"type": "ping", "id": n}))
                if state.paired and n % 4 == 0:
                    state.texts_sent += 1
                    await ws.send(json.dumps({"type": "text", "text": f"watch says hello {n}"}))
                elif state.paired and n % 7 == 0:
                    state.talks += 1
                    await ws.send(json.dumps({"type": "talk_start"}))
                    for start in range(0, len(voice), 640):  # 20 ms frames, paced
                        await ws.send(voice[start : start + 640])
                        await asyncio.sleep(0.02)
                    await ws.send(json.dumps({"type": "talk_end"}))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), 2.0)
        finally:
            quitting = (out / "done").exists()  # the app closes its listener when it quits
            if read_task.done() and not stop.is_set() and not quitting:
                state.closed = f"closed {ws.close_code} {ws.close_reason!r}"
            read_task.cancel()


REPO = Path(__file__).resolve().parents[2]


async def _drive(seconds: float, out: Path, display: str, pulse: PulseAudio) -> SoakReport:
    port = _free_port()
    env = {**app_env(out, display), **pulse.client_env}
    (out / "config" / "settings.json").write_text(
        json.dumps(
            {
                "first_run_done": True,
                "tray_hint_shown": True,
                "talk_shortcut": "",
                "companion_enabled": True,
                "companion_port": port,
                "vision_last_region": REGION,
                "echo_mode": "half-duplex",
            }
        )
    )
    stderr_path = out / "stderr.txt"
    with stderr_path.open("w") as stderr:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.support.soak_app", str(out), str(seconds),
            env=env, stderr=stderr, stdout=asyncio.subprocess.DEVNULL,
            cwd=REPO,
        )  # fmt: skip
    stop = asyncio.Event()
    companion = Companion()
    # SCREENMATE_SOAK_SKIP=companion,speech (and share, in soak_app): leave parts out, to
    # find which one a climb comes from.
    skip = set(os.environ.get("SCREENMATE_SOAK_SKIP", "").split(","))
    companion_stop = stop if "companion" not in skip else asyncio.Event()
    if "companion" in skip:
        companion_stop.set()
        companion.paired = True  # not asked for, so not missed
    companion_task = asyncio.create_task(_companion(port, out, companion, companion_stop))
    samples: list[Sample] = []
    started = time.monotonic()
    question = speech("Tell me what you can see on my screen.")
    next_speech = started + 20
    spoken = 0
    deadline = started + seconds + 120
    while proc.returncode is None and time.monotonic() < deadline:
        sample = _sample(proc.pid, time.monotonic() - started)
        if sample is not None:
            samples.append(sample)
        if "speech" not in skip and time.monotonic() >= next_speech and (out / "ready").exists():
            pulse.say(question)
            spoken += 1
            next_speech = time.monotonic() + 25
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(proc.wait(), SAMPLE_EVERY_S)
    if proc.returncode is None:
        proc.kill()
        await proc.wait()
    stop.set()
    try:
        await asyncio.wait_for(companion_task, 10)
    except Exception as exc:  # the report says what went wrong with the device
        companion.closed = companion.closed or f"companion failed: {exc!r}"
    stats = (
        [json.loads(line) for line in (out / "stats.jsonl").read_text().splitlines()]
        if (out / "stats.jsonl").exists()
        else []
    )
    return SoakReport(
        seconds=seconds,
        warmup_s=min(60.0, seconds / 4),
        exit_code=proc.returncode,
        stderr=stderr_path.read_text(errors="replace"),
        samples=samples,
        stats=stats,
        companion=companion,
        typed_in_history=_typed_in_history(out / "data" / "history.db"),
        spoken_turns=spoken,
        user_finished=(out / "done").exists(),
    )


def _typed_in_history(db: Path) -> int:
    if not db.exists():
        return 0
    with contextlib.closing(sqlite3.connect(db)) as connection:
        row = connection.execute(
            "SELECT COUNT(*) FROM lines WHERE role = 'user' AND text LIKE 'soak line %'"
        ).fetchone()
    return int(row[0])


def run_soak(seconds: float, out: Path) -> SoakReport:
    if shutil.which("trayer") is None:
        raise RuntimeError("trayer is not installed: run scripts/setup.sh --test")
    out.mkdir(parents=True, exist_ok=True)
    server = start_xvfb()
    tray = subprocess.Popen(
        ["trayer", "--edge", "top", "--align", "right", "--widthtype", "pixel", "--width", "200"],
        env={**os.environ, "DISPLAY": server.display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    pulse = PulseAudio()
    pulse.start()
    try:
        return asyncio.run(_drive(seconds, out, server.display, pulse))
    finally:
        pulse.cleanup()
        tray.terminate()
        tray.wait(5)
        server.stop()
