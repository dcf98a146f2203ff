"""The headless Wayland desktop (tests/wayland/desktop.py) and a window of known colours on it.

The desktop is brought up here, for each test module, never taken from the machine; missing
packages fail with the install hint (scripts/setup.sh --test), never a skip."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from tests.support.pattern_window import pattern
from tests.wayland.desktop import WaylandDesktop

REPO = Path(__file__).resolve().parents[2]


class ColourWindow:
    """`tests/wayland/colours.py` full screen: `pattern(w, h, seed)` in device pixels."""

    def __init__(self, desk: WaylandDesktop, seed: int = 0, *, tiled: bool = False) -> None:
        self.seed_value = seed
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.wayland.colours", str(seed), *(["tiled"] * tiled)],
            cwd=REPO, env=desk.client_env(), text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().split()
        assert line[:1] == ["ready"], f"the colour window did not come up: {line}"
        self.width, self.height = int(line[1]), int(line[2])

    def picture(self) -> np.ndarray:
        return pattern(self.width, self.height, self.seed_value)

    def seed(self, seed: int) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.seed_value = seed
        self.proc.stdin.write(f"seed {seed}\n")
        self.proc.stdin.flush()
        assert self.proc.stdout.readline().strip() == "ok"

    def resized(self) -> tuple[int, int]:
        """The size as drawn now (another window may have taken half the screen)."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write("size\n")
        self.proc.stdin.flush()
        _, w, h = self.proc.stdout.readline().split()
        self.width, self.height = int(w), int(h)
        return self.width, self.height

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)


@pytest.fixture(scope="module")
def desktop() -> Iterator[WaylandDesktop]:
    desk = WaylandDesktop().start()
    yield desk
    desk.stop()


@pytest.fixture
def colours(desktop: WaylandDesktop) -> Iterator[ColourWindow]:
    win = ColourWindow(desktop)
    yield win
    win.close()


def mean_error(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a[..., :3].astype(int) - b[..., :3].astype(int)).mean())
