"""Start Screenmate (source or the built bundle) as a real process on the test X server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path


def app_env(tmp: Path, display: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GEMINI", "GOOGLE_API"))}
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        SCREENMATE_CONFIG_DIR=str(tmp / "config"),
        SCREENMATE_DATA_DIR=str(tmp / "data"),
        SCREENMATE_CACHE_DIR=str(tmp / "cache"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    (tmp / "config").mkdir(parents=True, exist_ok=True)
    settings = tmp / "config" / "settings.json"
    if not settings.exists():
        settings.write_text(json.dumps({"first_run_done": True, "talk_shortcut": ""}))
    return env


def source_command() -> list[str]:
    return [sys.executable, "-m", "desktop"]


def wait_for(path: Path, proc: subprocess.Popen[bytes], timeout: float) -> float:
    """Seconds until `path` exists; raises if the process ends or time runs out."""
    start = time.monotonic()
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(
                f"exited {proc.returncode}: {proc.stderr.read() if proc.stderr else ''!r}"
            )
        if time.monotonic() - start > timeout:
            raise AssertionError(f"{path} not written within {timeout} s")
        time.sleep(0.02)
    return time.monotonic() - start


def window_ids(display: str, pid: int) -> list[str]:
    result = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--pid", str(pid), "--name", "Screenmate"],
        capture_output=True,
        text=True,
        env={**os.environ, "DISPLAY": display},
        check=False,
    )
    return result.stdout.split()
