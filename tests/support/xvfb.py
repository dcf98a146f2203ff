"""A real X server for the tests that need one, started by the test set-up itself.

If DISPLAY already points at a working server (a developer's desktop, or CI that started one),
it is used. Otherwise an Xvfb is started on a free display number. A missing Xvfb binary is an
error with the install hint, never a silent skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path


class XServer:
    def __init__(self, display: str, process: subprocess.Popen[bytes] | None) -> None:
        self.display = display
        self.process = process

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()


def _display_works(display: str) -> bool:
    if shutil.which("xdpyinfo") is None:
        return False
    result = subprocess.run(
        ["xdpyinfo", "-display", display], capture_output=True, timeout=10, check=False
    )
    return result.returncode == 0


def start_xvfb(width: int = 1920, height: int = 1080) -> XServer:
    existing = os.environ.get("DISPLAY")
    if existing and _display_works(existing):
        return XServer(existing, None)
    if shutil.which("Xvfb") is None:
        raise RuntimeError(
            "Xvfb is not installed. Run scripts/setup.sh (it installs xvfb and the Qt xcb "
            "libraries), or: apt-get install -y xvfb x11-utils libxcb-cursor0"
        )
    for number in range(90, 140):
        if Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
            continue
        display = f":{number}"
        process = subprocess.Popen(
            [
                "Xvfb",
                display,
                "-screen",
                "0",
                f"{width}x{height}x24",
                "-nolisten",
                "tcp",
                "-noreset",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if process.poll() is not None:
                break
            if Path(f"/tmp/.X11-unix/X{number}").exists() and _display_works(display):
                return XServer(display, process)
            time.sleep(0.05)
        process.kill()
    raise RuntimeError("could not start Xvfb on any display from :90 to :139")
