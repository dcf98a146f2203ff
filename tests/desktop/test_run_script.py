"""scripts/run.sh as a user runs it on a machine with no display: the virtual screen it starts
lives exactly as long as the app (Ctrl+C, a crash), and a second run.sh says where the app
already runs and starts nothing - no second Xvfb, no window on an invisible screen."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.support.app_process import app_env

REPO = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path) -> dict[str, str]:
    env = app_env(tmp_path, "")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    return env


def _start(tmp_path: Path) -> tuple[subprocess.Popen[str], Path]:
    ready = tmp_path / "ready"
    proc = subprocess.Popen(
        ["bash", "scripts/run.sh", "--ready-file", str(ready)],
        cwd=REPO,
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=(tmp_path / "stderr").open("w"),
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job is
    )
    return proc, ready


def _display_of(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    for line in proc.stdout:
        found = re.search(r"DISPLAY=(:\d+)", line)
        if found:
            return found.group(1)
    raise AssertionError(f"run.sh never said which display it started (exit {proc.poll()})")


def _wait(ready: Path, proc: subprocess.Popen[str], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not ready.exists():
        assert proc.poll() is None, f"run.sh ended early with {proc.returncode}"
        assert time.monotonic() < deadline, "the app was not live in time"
        time.sleep(0.1)


def _xvfb_running(display: str) -> bool:
    found = subprocess.run(
        ["pgrep", "-f", f"^Xvfb {display} "], capture_output=True, text=True, check=False
    )
    return found.returncode == 0


def _gone(display: str, timeout: float = 15) -> bool:
    deadline = time.monotonic() + timeout
    while _xvfb_running(display):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_ctrl_c_stops_the_app_and_its_virtual_screen_and_a_second_run_starts_nothing(
    tmp_path: Path,
) -> None:
    first, ready = _start(tmp_path)
    try:
        display = _display_of(first)
        _wait(ready, first)
        assert _xvfb_running(display)
        second = subprocess.run(
            ["bash", "scripts/run.sh"],
            cwd=REPO,
            env=_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert second.returncode == 0, second.stderr[-2000:]
        assert f"already running on DISPLAY={display}" in second.stdout
        assert "virtual screen" not in second.stdout
        # Ctrl+C in the terminal: SIGINT to the whole foreground process group.
        os.killpg(first.pid, signal.SIGINT)
        assert first.wait(60) == 0
        assert _gone(display), f"Xvfb {display} outlived the app"
        # The app quit on a live screen: no broken X connection, no traceback.
        assert "Traceback" not in (tmp_path / "stderr").read_text()
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGSEGV])
def test_a_crashed_app_takes_its_virtual_screen_with_it(tmp_path: Path, how: int) -> None:
    first, ready = _start(tmp_path)
    try:
        display = _display_of(first)
        _wait(ready, first)
        app = subprocess.run(
            ["pgrep", "-f", f"python -m desktop --ready-file {ready}"],
            capture_output=True,
            text=True,
            check=False,
        )
        pids = app.stdout.split()
        assert len(pids) == 1, app.stdout
        os.kill(int(pids[0]), how)
        assert first.wait(60) == 128 + how
        assert _gone(display), f"Xvfb {display} outlived the crashed app"
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
