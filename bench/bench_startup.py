"""Start-up benchmark: the real app, from the source tree and from the PyInstaller bundle.

For each run, on a private Xvfb with a tray host (Debian's trayer) and no API key (the bundled
Live API emulator), it measures:

- cold start → window shown (xdotool sees a visible window named Screenmate for the pid);
- cold start → "live" (the `--ready-file` is written);
- idle RSS 5 s after "live" (VmRSS of the process);
- CPU while idle in the tray for 10 s (the window unmapped, tray icon shown), % of one core.

    .venv/bin/python -m bench.bench_startup [--runs 5] [--no-bundle | --no-source]
        [--other-bundle LABEL=PATH/TO/screenmate ...]

The bundle is built first if the sources changed (tests/support/bundle.py). `--other-bundle`
adds a bundle built elsewhere (e.g. from an older spec, to compare one diet with another) as a
row of its own. Prints a table; the numbers go into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.support.app_process import app_env, source_command, window_ids
from tests.support.bundle import bundle_size_mib, ensure_bundle
from tests.support.xvfb import XServer, start_xvfb

CLK_TCK = os.sysconf("SC_CLK_TCK")


@dataclass
class Run:
    window_s: float
    live_s: float
    rss_mb: float
    idle_cpu_pct: float


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def one_run(command: list[str], display: str) -> Run:
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        ready = tmp / "ready"
        env = app_env(tmp, display)
        start = time.monotonic()
        proc = subprocess.Popen(
            [*command, "--ready-file", str(ready)], env=env, stderr=subprocess.DEVNULL
        )
        window_s = live_s = 0.0
        try:
            while not (window_s and live_s):
                if proc.poll() is not None:
                    raise RuntimeError(f"the app exited with {proc.returncode}")
                elapsed = time.monotonic() - start
                if elapsed > 90:
                    raise RuntimeError("no window or not live within 90 s")
                if not window_s and window_ids(display, proc.pid):
                    window_s = elapsed
                if not live_s and ready.exists():
                    live_s = elapsed
                time.sleep(0.01)
            time.sleep(5)
            rss = _rss_mb(proc.pid)
            for wid in window_ids(display, proc.pid):
                subprocess.run(
                    ["xdotool", "windowunmap", wid],
                    env={**os.environ, "DISPLAY": display},
                    check=False,
                )
            time.sleep(1)
            cpu0, t0 = _cpu_seconds(proc.pid), time.monotonic()
            time.sleep(10)
            cpu = (_cpu_seconds(proc.pid) - cpu0) / (time.monotonic() - t0) * 100
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return Run(window_s, live_s, rss, cpu)


def _tray_host(display: str) -> subprocess.Popen[bytes]:
    if shutil.which("trayer") is None:
        raise RuntimeError("trayer is not installed: run scripts/setup.sh --test")
    return subprocess.Popen(
        ["trayer", "--edge", "top", "--align", "right", "--widthtype", "pixel", "--width", "200"],
        env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-bundle", action="store_true", help="only the source tree")
    parser.add_argument("--no-source", action="store_true", help="only bundles")
    parser.add_argument("--other-bundle", action="append", default=[], metavar="LABEL=PATH",
                        help="also measure this bundle executable, as the row LABEL")  # fmt: skip
    args = parser.parse_args()

    variants: dict[str, list[str]] = {}
    if not args.no_source:
        variants["source (python -m desktop)"] = source_command()
    size = ""
    for other in args.other_bundle:
        label, _, path = other.partition("=")
        variants[label] = [str(Path(path).resolve())]
    if not args.no_bundle:
        variants["bundle (dist/screenmate)"] = [str(ensure_bundle())]
        size = f"{bundle_size_mib():.0f} MiB"

    server: XServer = start_xvfb()
    tray = _tray_host(server.display)
    time.sleep(1)
    results: dict[str, list[Run]] = {name: [] for name in variants}
    try:
        for command in variants.values():
            one_run(command, server.display)  # warm the page cache: "cold" is a new process
        for _ in range(args.runs):  # interleaved, so every variant sees the same machine load
            for name, command in variants.items():
                results[name].append(one_run(command, server.display))
    finally:
        tray.terminate()
        tray.wait(5)
        server.stop()

    print(f"\n{args.runs} runs each, p50 (max)\n")
    print("| variant | start → window | start → live | idle RSS after 5 s | idle CPU in tray |")
    print("|---|---|---|---|---|")
    for name, runs in results.items():

        def cell(values: list[float], fmt: str) -> str:
            return f"{fmt.format(statistics.median(values))} ({fmt.format(max(values))})"

        print(
            f"| {name} | {cell([r.window_s for r in runs], '{:.2f} s')} "
            f"| {cell([r.live_s for r in runs], '{:.2f} s')} "
            f"| {cell([r.rss_mb for r in runs], '{:.0f} MB')} "
            f"| {cell([r.idle_cpu_pct for r in runs], '{:.1f} %')} |"
        )
    if size:
        print(f"\nbundle size (dist/screenmate, files): {size}")


if __name__ == "__main__":
    main()
