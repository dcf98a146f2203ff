"""Frame pipeline benchmark: prints Markdown tables (recorded in docs/benchmarks.md).

    .venv/bin/python -m bench.bench_frames [--seconds S]

1. Capture + downscale + encode per frame for 1080p and 4K regions on a real X server (an Xvfb
   started here, with a full-screen test pattern): p50/p95 of each step.
2. CPU share of the whole pipeline at a steady 1 fps on a static screen (process CPU time over
   wall time, capture thread included).
3. Frames and tokens per minute on three scripted screens (static document, typing, scrolling),
   one capture a second through the real downscaler, change detection and pacer, against
   fixed 1 fps and 0.5 fps baselines.
4. Wayland (`--only-wayland` for this alone): on the headless sway desktop of tests/wayland,
   the time to the first frame sent through the ScreenCast portal, ms per frame (map + copy
   of the PipeWire frame, downscale, signature, encode) and CPU at 1 fps, static and changing.
No assertions: these machines are shared and noisy; read the numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
from desktop.capture.pipeline import FramePipeline, PipelineConfig, encode_jpeg
from desktop.capture.screen import RegionSource
from desktop.core.downscale import Downscaler
from desktop.core.events import SessionState, StateChanged
from desktop.core.frame_diff import change_score, signature
from desktop.core.frame_pacing import SENT_REASONS, FramePacer, PacingConfig, tokens_per_frame
from desktop.core.geometry import Rect

REPO = Path(__file__).resolve().parents[1]


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def x_server(width: int, height: int) -> Iterator[str]:
    from tests.support.xvfb import start_xvfb

    saved = os.environ.pop("DISPLAY", None)
    server = start_xvfb(width, height)
    os.environ["DISPLAY"] = server.display
    pattern = subprocess.Popen(
        [sys.executable, "-m", "tests.support.pattern_window", "0", "0", str(width), str(height)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "xcb"},
    )
    assert pattern.stdout is not None
    pattern.stdout.readline()
    try:
        yield server.display
    finally:
        pattern.terminate()
        pattern.wait(10)
        server.stop()
        if saved is not None:
            os.environ["DISPLAY"] = saved


def bench_capture(
    width: int, height: int, max_side: int, runs: int
) -> dict[str, tuple[float, float]]:
    source = RegionSource(Rect(0, 0, width, height))
    source.open()
    scaler = Downscaler(max_side)
    steps: dict[str, list[float]] = {
        "grab": [],
        "downscale": [],
        "signature": [],
        "encode": [],
        "total": [],
    }
    try:
        for i in range(runs + 3):
            t0 = time.perf_counter()
            frame = source.grab()
            t1 = time.perf_counter()
            small = scaler.scale(frame.pixels)
            t2 = time.perf_counter()
            signature(small)
            t3 = time.perf_counter()
            encode_jpeg(small, 80)
            t4 = time.perf_counter()
            if i >= 3:  # warm-up: first grabs map shared memory, first scale allocates
                for key, value in zip(
                    steps, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0), strict=True
                ):
                    steps[key].append(value * 1000)
    finally:
        source.close()
    return {key: percentiles(values) for key, values in steps.items()}


async def bench_cpu(width: int, height: int, seconds: float) -> tuple[float, int]:
    sent: list[bytes] = []
    pipeline = FramePipeline(sent.append, PipelineConfig(pacing=PacingConfig(max_fps=1.0)))
    pipeline.set_source(RegionSource(Rect(0, 0, width, height)))
    pipeline.on_event(StateChanged(SessionState.LIVE))
    pipeline.start()
    await asyncio.sleep(1.5)  # first frame, buffers allocated
    cpu0, wall0 = time.process_time(), time.perf_counter()
    await asyncio.sleep(seconds)
    cpu1, wall1 = time.process_time(), time.perf_counter()
    captured = pipeline.stats.captured
    await pipeline.aclose()
    return 100 * (cpu1 - cpu0) / (wall1 - wall0), captured


# -- scripted screens ---------------------------------------------------------------------

W, H = 1920, 1080
LINE_H, GLYPH_W, GLYPH_H, MARGIN = 24, 9, 14, 80


def document(lines: int, seed: int = 1) -> np.ndarray:
    """A page of "text": dark glyph blocks on white, ragged lines, as tall as `lines` lines."""
    rng = np.random.default_rng(seed)
    page = np.full((lines * LINE_H + H, W, 4), 250, np.uint8)
    for row in range(lines):
        y = row * LINE_H + 8
        n = rng.integers(60, 180)
        for col in range(n):
            if rng.random() < 0.17:
                continue  # a space
            x = MARGIN + col * GLYPH_W
            shade = rng.integers(20, 90)
            page[y + 2 : y + GLYPH_H, x + 1 : x + GLYPH_W - 2, :3] = shade
            page[y + 5 : y + 8, x + 3 : x + 5, :3] = 250  # a counter, so glyphs differ
    return page


def typist(page: np.ndarray, chars_per_s: float, seconds: int) -> Iterator[np.ndarray]:
    """One frame a second of a user typing into a blank area under existing text."""
    screen = page[:H].copy()
    typed = 0
    for second in range(seconds):
        target = int((second + 1) * chars_per_s)
        while typed < target:
            row, col = divmod(typed, 150)
            y = 560 + row * LINE_H
            x = MARGIN + col * GLYPH_W
            screen[y + 2 : y + GLYPH_H, x + 1 : x + GLYPH_W - 2, :3] = 40
            typed += 1
        # A blinking text cursor after the last character.
        row, col = divmod(typed, 150)
        cursor_on = second % 2 == 0
        screen[560 + row * LINE_H : 560 + row * LINE_H + 18, MARGIN + col * GLYPH_W, :3] = (
            20 if cursor_on else 250
        )
        yield screen


def scroller(page: np.ndarray, px_per_s: int, seconds: int) -> Iterator[np.ndarray]:
    for second in range(seconds):
        top = second * px_per_s
        yield page[top : top + H]


def static(page: np.ndarray, seconds: int) -> Iterator[np.ndarray]:
    for _ in range(seconds):
        yield page[:H]


def run_script(frames: Iterator[np.ndarray], config: PacingConfig) -> int:
    """Frames sent for one capture a second (the real scaler, change detection and pacer)."""
    pacer = FramePacer(config)
    scaler = Downscaler(1024)
    last_sent = None
    for second, frame in enumerate(frames):
        sig = signature(scaler.scale(np.ascontiguousarray(frame)))
        if pacer.decide(float(second), change_score(last_sent, sig)) in SENT_REASONS:
            last_sent = sig
    return pacer.stats.sent


# -- Wayland: the ScreenCast portal through QtMultimedia -----------------------------------


def bench_wayland(runs: int, seconds: float) -> None:
    """The same numbers on the headless Wayland desktop of tests/wayland (sway, portal,
    PipeWire), with a full-screen window of known colours; frames through QtMultimedia."""
    from tests.wayland.conftest import ColourWindow
    from tests.wayland.desktop import WaylandDesktop

    desk = WaylandDesktop().start()
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(desk.client_env(saved))
    os.environ["QT_QPA_PLATFORM"] = "wayland"
    colours = ColourWindow(desk)
    try:
        import qasync
        from PySide6.QtGui import QGuiApplication

        app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
        loop = qasync.QEventLoop(app)
        with loop:
            loop.run_until_complete(_bench_wayland(colours, runs, seconds))
    finally:
        colours.close()
        desk.stop()
        os.environ.clear()
        os.environ.update(saved)


async def _bench_wayland(colours: object, runs: int, seconds: float) -> None:
    from desktop.ui.portal_stream import PortalStream, read_pixels
    from desktop.ui.screencast import PortalScreenSource

    sent: list[float] = []
    first = asyncio.Event()

    def send(_jpeg: bytes) -> None:
        sent.append(time.perf_counter())
        first.set()

    pipeline = FramePipeline(send, PipelineConfig(pacing=PacingConfig(max_fps=1.0)))
    started = time.perf_counter()
    pipeline.set_source(PortalScreenSource(1))
    pipeline.on_event(StateChanged(SessionState.LIVE))
    pipeline.start()
    await asyncio.wait_for(first.wait(), 30)
    first_ms = 1000 * (sent[0] - started)

    stream = PortalStream.instance()
    _serial, frame = stream.latest(5.0)
    box = Rect(0, 0, frame.width(), frame.height())
    scaler = Downscaler(1024)
    steps: dict[str, list[float]] = {"map + copy": [], "downscale": [], "signature": [],
                                     "encode": []}  # fmt: skip
    for _ in range(runs):
        t0 = time.perf_counter()
        pixels = read_pixels(frame, box)
        t1 = time.perf_counter()
        small = scaler.scale(pixels)
        t2 = time.perf_counter()
        signature(small)
        t3 = time.perf_counter()
        encode_jpeg(small, 80)
        t4 = time.perf_counter()
        for key, a, b in (("map + copy", t0, t1), ("downscale", t1, t2),
                          ("signature", t2, t3), ("encode", t3, t4)):  # fmt: skip
            steps[key].append(1000 * (b - a))
    totals = [sum(values) for values in zip(*steps.values(), strict=True)]
    cells = " | ".join(f"{p[0]:.1f} / {p[1]:.1f}" for p in map(percentiles, steps.values()))
    t50, t95 = percentiles(totals)
    print("## Wayland: the ScreenCast portal (QtMultimedia, PipeWire), 1920x1080, sway\n")
    print(f"First frame sent {first_ms:.0f} ms after sharing starts (portal session, PipeWire")
    print("stream, first picture, JPEG), the screen already shown.\n")
    print("| screen | map + copy | downscale | signature | encode | total |")
    print("|---|---|---|---|---|---|")
    print(f"| 1920x1080 | {cells} | {t50:.1f} / {t95:.1f} |\n")

    rows = []
    for label, hz in (("static screen", 0.0), ("screen changing 3x/s", 3.0)):
        colours.proc.stdin.write(f"animate {hz}\n")  # type: ignore[attr-defined]
        colours.proc.stdin.flush()  # type: ignore[attr-defined]
        colours.proc.stdout.readline()  # type: ignore[attr-defined]
        await asyncio.sleep(1.5)
        frames0, cpu0, wall0 = stream.serial, time.process_time(), time.perf_counter()
        captured0, sent0 = pipeline.stats.captured, len(sent)
        await asyncio.sleep(seconds)
        cpu1, wall1 = time.process_time(), time.perf_counter()
        share = 100 * (cpu1 - cpu0) / (wall1 - wall0)
        rows.append(
            f"| {label} | {share:.1f}% | {stream.serial - frames0} | "
            f"{pipeline.stats.captured - captured0} | {len(sent) - sent0} |"
        )
    await pipeline.aclose()
    print(f"CPU share at 1 fps over {seconds:.0f} s (the whole process: Qt's PipeWire thread,")
    print("the capture thread, the loop):\n")
    print("| screen | CPU (one core) | frames from PipeWire | captures | frames sent |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))
    print()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=20.0, help="for the CPU share")
    parser.add_argument(
        "--only-wayland", action="store_true", help="only the Wayland (portal) numbers"
    )
    args = parser.parse_args()
    if args.only_wayland:
        bench_wayland(args.runs, args.seconds)
        return

    print("## Capture + downscale (long side 1024) + JPEG q80, ms per frame (p50 / p95)\n")
    print("| region | grab | downscale | signature | encode | total |")
    print("|---|---|---|---|---|---|")
    for w, h in ((1920, 1080), (3840, 2160)):
        gen = x_server(w, h)
        next(gen)
        try:
            r = bench_capture(w, h, 1024, args.runs)
            cells = " | ".join(f"{r[k][0]:.1f} / {r[k][1]:.1f}" for k in r)
            print(f"| {w}x{h} | {cells} |")
            if (w, h) == (1920, 1080):
                cpu, captured = asyncio.run(bench_cpu(w, h, args.seconds))
        finally:
            next(gen, None)
    print(
        f"\nCPU share at a steady 1 fps, 1080p static screen: {cpu:.1f}% of one core "
        f"({captured} captures in {args.seconds:.0f} s + warm-up)\n"
    )

    per_frame = tokens_per_frame("")
    seconds = 60
    page = document(200)
    ours = PacingConfig()  # the defaults: 1 fps max, threshold 1%, keep-alive 30 s
    scripts: dict[str, Callable[[], Iterator[np.ndarray]]] = {
        "static document": lambda: static(page, seconds),
        "typing (5 chars/s)": lambda: typist(page, 5.0, seconds),
        "scrolling (40 px/s)": lambda: scroller(page, 40, seconds),
    }
    print("## Frames and tokens per minute (258 tokens a frame), defaults vs fixed rates\n")
    print("| screen | ours: frames | ours: tokens | fixed 1 fps | fixed 0.5 fps | ours vs 1 fps |")
    print("|---|---|---|---|---|---|")
    for name, script in scripts.items():
        sent = run_script(script(), ours)
        print(
            f"| {name} | {sent} | {sent * per_frame:,} | 60 / {60 * per_frame:,} | "
            f"30 / {30 * per_frame:,} | {100 * sent / 60:.0f}% |"
        )
    print()
    bench_wayland(args.runs, args.seconds)


if __name__ == "__main__":
    main()
