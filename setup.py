"""Everything about the package is in pyproject.toml; this file only adds the one compiled part:
desktop/audio/_webrtc_apm.cc, the echo canceller's binding to WebRTC's audio processing module
as the Linux desktop ships it (libwebrtc-audio-processing 0.3: Debian 12, Ubuntu 22.04/24.04;
scripts/setup.sh installs its -dev package, pkg-config and g++).

It is optional: without the library (another OS, another distribution) the package installs
without it and the app says why echo cancellation is unavailable (macOS and Windows use livekit's
module instead, see desktop/audio/echo.py).
"""

from __future__ import annotations

import shlex
import subprocess
import sys

from setuptools import Extension, setup

PKG = "webrtc-audio-processing"  # 0.3's pkg-config name (1.x calls itself -1, another API)


def webrtc_apm() -> list[Extension]:
    if not sys.platform.startswith("linux"):
        return []
    try:
        found = subprocess.run(
            ["pkg-config", "--cflags", "--libs", PKG], capture_output=True, text=True, check=False
        )
    except OSError:
        print("setup.py: no pkg-config, so no echo canceller binding", file=sys.stderr)
        return []
    if found.returncode != 0:
        print(f"setup.py: {PKG} not found ({found.stderr.strip()}), so no echo canceller "
              "binding: install libwebrtc-audio-processing-dev", file=sys.stderr)  # fmt: skip
        return []
    flags = shlex.split(found.stdout)
    return [
        Extension(
            "desktop.audio._webrtc_apm",
            ["desktop/audio/_webrtc_apm.cc"],
            extra_compile_args=[f for f in flags if not f.startswith("-l")] + ["-std=c++14"],
            libraries=[f[2:] for f in flags if f.startswith("-l")],
            language="c++",
            optional=True,  # a failed compile leaves the app without AEC, not uninstallable
        )
    ]


setup(ext_modules=webrtc_apm())
