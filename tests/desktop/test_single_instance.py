"""Two real launches: the second hands over to the first (which comes to the front) and exits 0;
the first reaches "live" on the bundled emulator, shows its window and quits cleanly on SIGINT."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

from tests.support.app_process import app_env, source_command, wait_for, window_ids
from tests.support.xvfb import XServer


def test_second_launch_hands_over_and_exits(x_server: XServer, tmp_path: Path) -> None:
    env = app_env(tmp_path, x_server.display)
    ready = tmp_path / "ready"
    first = subprocess.Popen(
        [*source_command(), "--ready-file", str(ready), "--log-level", "INFO"],
        env=env,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(ready, first, 60)
        assert ready.read_text().strip() == "live"
        assert window_ids(x_server.display, first.pid)
        second = subprocess.run(
            [*source_command(), "--log-level", "INFO"],
            env=env,
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert second.returncode == 0, second.stderr
        assert b"already running" in second.stderr
    finally:
        first.send_signal(signal.SIGINT)
        _out, err = first.communicate(timeout=30)
    assert first.returncode == 0, err[-2000:]
    assert b"bringing it to the front" in err
