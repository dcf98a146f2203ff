"""Five minutes of the real window used as a person uses it (issue 13: the window that aborted
after ~2 minutes passed every short test). See tests/support/soak.py for what runs and what is
checked; `bench/bench_soak.py --minutes 30` is the long version, recorded in docs/benchmarks.md.

SCREENMATE_SOAK_MINUTES lengthens (or, for a quick local look, shortens) the run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.soak import run_soak

MINUTES = float(os.environ.get("SCREENMATE_SOAK_MINUTES", "5"))


@pytest.mark.timeout(int(MINUTES * 60) + 300)
def test_the_window_lasts_used_for_minutes_without_abort_traceback_or_growth(
    tmp_path: Path,
) -> None:
    report = run_soak(MINUTES * 60, tmp_path / "soak")
    # A 5-minute run still holds warm-up that stops by itself (the transcript's first 500
    # lines, the resumption store's 64 snapshots, the replay log's 10 s of audio): 10 MB per
    # 10 min over the first six minutes, measured after the fixes of issue 13 (21-25 before).
    # The 30-minute bench holds the 10 MB rule (5.0 measured); this limit catches anything of
    # the size the soak has found so far (a closed connection kept per switch: ~0.5 MB each).
    report.rss_limit_mb_per_10_min = 20.0
    print(report.table())  # shown with -s, and in the failure report below
    assert report.problems() == [], report.table()
    last = report.stats[-1]
    # The user really did use it: every kind of step ran, and answers came back everywhere.
    for action in ("pair", "share", "type", "settings", "history", "pause", "talk-mode"):
        assert last["actions"].get(action, 0) >= 1, last["actions"]
    assert report.companion.paired and report.companion.turns_seen > 0
    assert report.typed_in_history >= last["lines_typed"] - 1
    # The binding does not drift: None's count is where it was (PySide6 6.12.0 on 3.11 lost
    # ~1,000 a second here).
    first = report.stats[0]
    assert abs(last["none_refs"] - first["none_refs"]) < 50_000
