"""Companion fan-out: 50 paired clients on loopback receiving transcript and audio.

    .venv/bin/python -m bench.bench_companions [--clients 50] [--seconds 5]
    .venv/bin/python -m bench.bench_companions --flood 200 [--flood-kind mixed|websockets]
        [--seconds 8] [--rounds 3]

`--flood N`: one paired device pings every 20 ms from 127.0.0.2 (its own process) before,
during and after a flood from 127.0.0.1 (a third process) that keeps N hostile connections
open - half silent TCP connections that never start TLS, half WebSockets that never
authenticate - reopening each one the server closes. Prints ping p50/p99 per phase.

The server (hub + websockets over TLS) runs in this process and plays a model answer: a
40 ms chunk of 24 kHz audio every 40 ms and a transcript delta every 120 ms, all devices
getting the audio (reply audio "all", the worst case). The clients run in a second process
(as real devices would not share the server's loop) and measure delivery latency with the
system-wide monotonic clock stamped into each message. Run 2 repeats the same with one
extra device that authenticates and then never reads. Memory: the server's RSS growth per
connected idle client. Prints a table; no assertions.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import ssl
import statistics
import struct
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from desktop.companion import CompanionService, ReplyAudio
from desktop.core.events import LineSource, ModelAudio, Role, TranscriptDelta, TranscriptLine
from desktop.core.fanout import EventFanout

CHUNK_S = 0.04
AUDIO_BYTES = int(24_000 * CHUNK_S) * 2


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


# -- the clients (second process) ----------------------------------------------------------


async def client(
    port: int, ca: str, token: str, stats: dict[str, list[float]], gate: asyncio.Semaphore
) -> None:
    from websockets.asyncio.client import connect

    ctx = ssl.create_default_context(cafile=ca)
    await gate.acquire()  # the server admits 16 unauthenticated sockets at a time
    async with connect(
        f"wss://127.0.0.1:{port}/ws", ssl=ctx, origin=f"https://127.0.0.1:{port}", max_queue=None
    ) as ws:
        await ws.send(json.dumps({"type": "hello", "v": 1, "token": token}))
        await ws.recv()
        gate.release()
        async for frame in ws:
            now = time.monotonic()
            if isinstance(frame, bytes):
                (sent,) = struct.unpack_from("<d", frame)
                stats["audio"].append(now - sent)
            else:
                message = json.loads(frame)
                if message["type"] == "transcript" and not message["final"]:
                    stats["transcript"].append(now - float(message["text"]))
                elif message["type"] == "transcript" and message["text"] == "end":
                    return


async def clients_main(port: int, ca: str, tokens: list[str]) -> None:
    stats: dict[str, list[float]] = {"audio": [], "transcript": []}
    gate = asyncio.Semaphore(8)
    await asyncio.gather(*(client(port, ca, t, stats, gate) for t in tokens))
    print(json.dumps(stats))


# -- the server (this process) -------------------------------------------------------------


def stuck_device(port: int, ca: str, token: str) -> socket.socket:
    """Authenticates, then never reads (tiny receive buffer)."""
    raw = socket.create_connection(("127.0.0.1", port))
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock = ssl.create_default_context(cafile=ca).wrap_socket(raw, server_hostname="127.0.0.1")
    key = "dGhlIHNhbXBsZSBub25jZQ=="
    sock.sendall(
        f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
        "Sec-WebSocket-Version: 13\r\n\r\n".encode()
    )
    head = b""
    while b"\r\n\r\n" not in head:
        head += sock.recv(1)
    payload = json.dumps({"type": "hello", "token": token}).encode()
    mask = os.urandom(4)
    sock.sendall(
        bytes([0x81, 0x80 | len(payload)])
        + mask
        + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    )
    return sock


async def until(service: CompanionService, count: int) -> None:
    changed = asyncio.Event()
    service.hub.on_change(changed.set)
    while True:
        changed.clear()
        if len(service.hub.clients) >= count:
            return
        try:
            await asyncio.wait_for(changed.wait(), 30)
        except TimeoutError:
            raise SystemExit(
                f"only {len(service.hub.clients)} of {count} clients connected"
            ) from None


async def one_run(n: int, seconds: float, stalled: bool, base: Path) -> dict[str, Any]:
    events = EventFanout()
    service = CompanionService(events, lambda: None, reply_audio=ReplyAudio.ALL, base_dir=base)
    await service.start(host="127.0.0.1", port=0, advertise=False)
    tokens = [service.access.registry.add(f"bench-{i}")[1] for i in range(n + 1)]
    ca = str(service.cert_file)
    rss_before = rss_bytes()
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.bench_companions",
        "--client-mode",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    assert proc.stdin is not None
    proc.stdin.write(json.dumps({"port": service.port, "ca": ca, "tokens": tokens[:n]}).encode())
    proc.stdin.close()
    await until(service, n)
    await asyncio.sleep(0.5)
    rss_per_client = (rss_bytes() - rss_before) / n
    stuck = None
    if stalled:
        stuck = await asyncio.to_thread(stuck_device, service.port, ca, tokens[n])
        await until(service, n + 1)
    loop = asyncio.get_running_loop()
    start = loop.time()
    tick = 0
    pad = b"\x00" * (AUDIO_BYTES - 8)
    while loop.time() - start < seconds:
        now = time.monotonic()
        events(ModelAudio(struct.pack("<d", now) + pad))
        if tick % 3 == 0:
            events(TranscriptDelta(1, Role.MODEL, repr(now), LineSource.SPEECH, now))
        tick += 1
        await asyncio.sleep(max(0.0, start + tick * CHUNK_S - loop.time()))
    events(TranscriptLine(1, Role.MODEL, "end", LineSource.SPEECH, 0.0, 0.0))
    out, _ = await proc.communicate()
    stats = json.loads(out)
    dropped = sum(c.queue.dropped_items for c in service.hub.clients)
    stuck_cut = stalled and len(service.hub.clients) == n
    await service.stop()
    service.close()
    if stuck is not None:
        stuck.close()
    return {
        "stats": stats,
        "rss_per_client": rss_per_client,
        "stuck_cut": stuck_cut,
        "dropped": dropped,
        "chunks": tick,
    }


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


# -- the flood (--flood) ----------------------------------------------------------------------

PING_EVERY_S = 0.02


async def pinger_main(port: int, ca: str, token: str, seconds: float) -> None:
    """The paired device: (send time, round trip) of every ping, and failures."""
    from websockets.asyncio.client import connect

    ctx = ssl.create_default_context(cafile=ca)
    samples: list[tuple[float, float]] = []
    failures: list[str] = []
    async with connect(
        f"wss://127.0.0.1:{port}/ws", ssl=ctx, local_addr=("127.0.0.2", 0), max_queue=None
    ) as ws:
        await ws.send(json.dumps({"type": "hello", "v": 1, "token": token}))
        await ws.recv()
        start = time.monotonic()
        n = 0
        while time.monotonic() - start < seconds:
            n += 1
            sent = time.monotonic()
            try:
                await ws.send(json.dumps({"type": "ping", "id": n}))
                while True:
                    message = json.loads(await asyncio.wait_for(ws.recv(), 10))
                    if message.get("type") == "pong" and message.get("id") == n:
                        break
            except Exception as exc:
                failures.append(repr(exc))
                break
            samples.append((sent - start, time.monotonic() - sent))
            await asyncio.sleep(max(0.0, sent + PING_EVERY_S - time.monotonic()))
    print(json.dumps({"samples": samples, "failures": failures}))


async def flooder_main(port: int, ca: str, n: int, seconds: float, kind: str) -> None:
    """Keep n hostile connections open from 127.0.0.1 for `seconds` (kind "mixed": half
    silent TCP, half idle WebSockets; "websockets": all idle WebSockets, TLS completed)."""
    from websockets.asyncio.client import connect

    ctx = ssl.create_default_context(cafile=ca)
    end = time.monotonic() + seconds
    opened = [0, 0]

    async def silent() -> None:
        while time.monotonic() < end:
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                opened[0] += 1
                with contextlib.suppress(TimeoutError, OSError):
                    await asyncio.wait_for(reader.read(1), max(0.01, end - time.monotonic()))
                writer.close()
            except OSError:
                await asyncio.sleep(0.05)

    async def idle() -> None:
        while time.monotonic() < end:
            try:
                async with connect(f"wss://127.0.0.1:{port}/ws", ssl=ctx, open_timeout=5) as ws:
                    opened[1] += 1
                    with contextlib.suppress(Exception):
                        await asyncio.wait_for(ws.recv(), max(0.01, end - time.monotonic()))
            except Exception:
                await asyncio.sleep(0.05)

    await asyncio.gather(*(silent() if kind == "mixed" and i % 2 else idle() for i in range(n)))
    print(json.dumps({"silent": opened[0], "websockets": opened[1]}))


async def flood_run(n: int, seconds: float, base: Path, kind: str) -> dict[str, Any]:
    service = CompanionService(EventFanout(), lambda: None, base_dir=base)
    await service.start(host="127.0.0.1", port=0, advertise=False)
    token = service.access.registry.add("bench-pinger")[1]
    ca = str(service.cert_file)
    job = {
        "port": service.port,
        "ca": ca,
        "token": token,
        "seconds": 3 * seconds,
        "n": n,
        "kind": kind,
    }

    async def spawn(mode: str, job: dict[str, Any]) -> asyncio.subprocess.Process:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bench.bench_companions", mode,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        assert proc.stdin is not None
        proc.stdin.write(json.dumps(job).encode())
        proc.stdin.close()
        return proc

    pinger = await spawn("--pinger-mode", job)
    await asyncio.sleep(seconds)
    flooder = await spawn("--flooder-mode", {**job, "seconds": seconds})
    flood_out, _ = await flooder.communicate()
    ping_out, _ = await pinger.communicate()
    server = service._server
    refused = {str(r): n for r, n in server.gate.refusals.refused.items()} if server else {}
    await service.stop()
    service.close()
    return {**json.loads(ping_out), "flood": json.loads(flood_out), "refused": refused}


def flood_report(n: int, seconds: float, kind: str, runs: list[dict[str, Any]]) -> None:
    what = "half silent TCP, half idle WebSockets" if kind == "mixed" else "idle WebSockets"
    print(
        f"one paired device pinging every {PING_EVERY_S * 1000:.0f} ms from 127.0.0.2; "
        f"{n} hostile connections from 127.0.0.1 ({what}) "
        f"during the middle {seconds:g} s; {len(runs)} runs"
    )
    print(f"{'phase':<10}{'pings':>7}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'p99 per run':>22}")
    phases = (
        ("before", 0.0, seconds),
        ("during", seconds, 2 * seconds),
        ("after", 2 * seconds, 1e9),
    )
    for name, lo, hi in phases:
        per_run = [[rtt for t, rtt in r["samples"] if lo <= t < hi] for r in runs]
        values = [v for run in per_run for v in run]
        rounds = " ".join(f"{pct(v, 0.99):.1f}" for v in per_run if v)
        print(
            f"{name:<10}{len(values):>7}{pct(values, 0.5):>9.2f}{pct(values, 0.99):>9.2f}"
            f"{max(values) * 1000:>9.2f}{rounds:>22}"
        )
    failures = [f for r in runs for f in r["failures"]]
    print(f"ping failures (device dropped): {len(failures)} {failures[:3]}")
    opened = [r["flood"] for r in runs]
    print(f"hostile connections opened per run: {opened}")
    refused: dict[str, int] = {}
    for r in runs:
        for reason, count in r["refused"].items():
            refused[reason] = refused.get(reason, 0) + count
    print(f"refused by the gate (all runs): {refused}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--rounds", type=int, default=3, help="alternating runs of each case")
    parser.add_argument("--flood", type=int, default=0, help="hostile connections (flood mode)")
    parser.add_argument("--flood-kind", choices=("mixed", "websockets"), default="mixed")
    parser.add_argument("--client-mode", action="store_true", help="internal: be the clients")
    parser.add_argument("--pinger-mode", action="store_true", help="internal: flood mode")
    parser.add_argument("--flooder-mode", action="store_true", help="internal: flood mode")
    args = parser.parse_args()
    if args.client_mode:
        job = json.load(sys.stdin)
        asyncio.run(clients_main(job["port"], job["ca"], job["tokens"]))
        return
    if args.pinger_mode:
        job = json.load(sys.stdin)
        asyncio.run(pinger_main(job["port"], job["ca"], job["token"], job["seconds"]))
        return
    if args.flooder_mode:
        job = json.load(sys.stdin)
        asyncio.run(flooder_main(job["port"], job["ca"], job["n"], job["seconds"], job["kind"]))
        return
    if args.flood:
        with tempfile.TemporaryDirectory() as tmp:
            flood_runs = [
                asyncio.run(
                    flood_run(args.flood, args.seconds, Path(tmp) / str(i), args.flood_kind)
                )
                for i in range(args.rounds)
            ]
        flood_report(args.flood, args.seconds, args.flood_kind, flood_runs)
        return
    runs: dict[str, list[dict[str, Any]]] = {"all reading": [], "+1 stalled client": []}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.rounds):
            for name, stalled in (("all reading", False), ("+1 stalled client", True)):
                base = Path(tmp) / f"{i}-{stalled}"
                runs[name].append(asyncio.run(one_run(args.clients, args.seconds, stalled, base)))
    print(
        f"{args.clients} clients, {args.rounds} x {args.seconds:g} s per case, "
        f"{CHUNK_S * 1000:.0f} ms audio chunks to every client, a transcript delta every 120 ms"
    )
    print(
        f"{'case':<20}{'kind':<12}{'msgs':>8}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}"
        f"{'p99 per round':>24}"
    )
    pooled: dict[tuple[str, str], list[float]] = {}
    for name, results in runs.items():
        for kind in ("transcript", "audio"):
            values = [v for r in results for v in r["stats"][kind]]
            pooled[name, kind] = values
            per_round = " ".join(f"{pct(r['stats'][kind], 0.99):.0f}" for r in results)
            print(
                f"{name:<20}{kind:<12}{len(values):>8}{pct(values, 0.5):>9.2f}"
                f"{pct(values, 0.99):>9.2f}{max(values) * 1000:>9.2f}{per_round:>24}"
            )
    for kind in ("transcript", "audio"):
        base, stalled = pooled["all reading", kind], pooled["+1 stalled client", kind]
        p50 = (statistics.median(stalled) / statistics.median(base) - 1) * 100
        p99 = (pct(stalled, 0.99) / pct(base, 0.99) - 1) * 100
        print(f"stalled client's effect on the others ({kind}): p50 {p50:+.1f} %, p99 {p99:+.1f} %")
    for name, results in runs.items():
        missed = sum(args.clients * r["chunks"] - len(r["stats"]["audio"]) for r in results)
        sent = sum(args.clients * r["chunks"] for r in results)
        print(f"{name}: audio chunks the reading clients missed: {missed} of {sent}")
    cut = sum(r["stuck_cut"] for r in runs["+1 stalled client"])
    print(f"stalled client disconnected in {cut} of {args.rounds} runs")
    # The first run only: later runs in this process reuse memory the first one freed.
    per_client = runs["all reading"][0]["rss_per_client"] / 1024
    print(f"server memory per connected client (RSS growth, first run): {per_client:.0f} KiB")


if __name__ == "__main__":
    main()
