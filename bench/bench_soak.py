"""Soak benchmark: the real window, used as a person uses it, for as long as you like.

    .venv/bin/python -m bench.bench_soak [--minutes 30] [--out DIR]

Xvfb with a tray host, a private PulseAudio, the bundled emulator, a paired companion that
keeps talking, and a scripted user typing, opening every dialog, searching the history,
switching talk mode and sharing a region (tests/support/soak.py). Samples RSS, Python objects,
open descriptors, threads and CPU; prints a table for docs/benchmarks.md and exits 1 if the
run shows an abort, a traceback, a steady RSS climb or growing descriptors/threads.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from tests.support.soak import run_soak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--out", type=Path, help="keep the run's files here (default: temp)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="screenmate-soak-"))
    report = run_soak(args.minutes * 60, out)
    print(f"\nsoak: {args.minutes:g} min, files in {out}\n")
    print("| measure | value |\n|---|---|")
    print(report.table())
    rss = [
        (round(s.t / 60, 1), round(s.rss_mb))
        for s in report.samples[:: max(1, len(report.samples) // 12)]
    ]
    print(f"\nRSS over time (min, MB): {rss}")
    problems = report.problems()
    for problem in problems:
        print(f"PROBLEM: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
