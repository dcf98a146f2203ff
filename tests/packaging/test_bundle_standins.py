"""The bundle's stand-ins (packaging/standins.py).

libQt6Quick/libQt6Qml: QtMultimedia's FFmpeg plugin loads from the bundle with the stand-in,
the stand-in exports exactly what the plugin imports (version Qt_6), and the camera list works.
libsndfile: PulseAudio's client library loads with the stand-in, whose codecs are gone.

The Wayland screen share through the FFmpeg plugin is tests/packaging/test_bundle_wayland.py;
every library's links are checked by test_bundle_libraries_find_everything_they_link.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.test_bundle import _packaging_module
from tests.support.bundle import ensure_bundle

standins = _packaging_module("standins")

pytestmark = pytest.mark.timeout(1800)  # a first build: see test_bundle


@pytest.fixture(scope="module")
def executable() -> Path:
    return ensure_bundle()


def _dynamic_symbols(lib: Path, *flags: str) -> set[str]:
    out = subprocess.run(["nm", "-D", *flags, str(lib)], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    return {line.split()[-1] for line in out.splitlines() if line.strip()}


def test_bundle_ffmpeg_plugin_loads_the_quick_stand_in(executable: Path) -> None:
    internal = executable.parent / "_internal"
    lib = internal / "PySide6" / "Qt" / "lib"
    plugin = internal / "PySide6" / "Qt" / "plugins" / "multimedia" / "libffmpegmediaplugin.so"
    # What the plugin asks of Quick: the two symbols the stand-in has (a newer Qt could ask
    # for more; then the spec keeps the real library, and this says why).
    imports = {s for s in _dynamic_symbols(plugin, "--undefined-only") if "QQuick" in s}
    assert imports == {f"{name}@Qt_6" for name in standins.QUICK.symbols}, imports
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    env.pop("DISPLAY", None)
    probe = [sys.executable, str(Path(__file__).with_name("qt_probe.py")), str(executable.parent)]
    run = subprocess.run(probe, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout)
    assert isinstance(report["cameras"], list)  # the camera backend answered (none here)
    mapped = [Path(p) for p in report["mapped"]]
    assert plugin in mapped, "the FFmpeg media plugin was not loaded"
    qt = [p for p in mapped if p.name.startswith(("libQt6", "libav", "libsw", "libshiboken6"))
          or "PySide6" in p.parts]  # fmt: skip
    assert qt and all(p.is_relative_to(internal) for p in qt), "Qt from outside the bundle"
    assert report["quick"] == str(lib / "libQt6Quick.so.6")
    if standins.missing_tools():
        return  # no compiler at build time: the spec kept the real libraries
    assert report["versioned"] == {name: True for name in standins.QUICK.symbols}
    # The stand-in, not Qt's 8 MiB library: exactly the two symbols, in version node Qt_6.
    quick, qml = lib / "libQt6Quick.so.6", lib / "libQt6Qml.so.6"
    assert quick.stat().st_size < 64 * 1024 and qml.stat().st_size < 64 * 1024
    assert _dynamic_symbols(quick, "--defined-only") == {
        "Qt_6",
        *(f"{name}@@Qt_6" for name in standins.QUICK.symbols),
    }
    assert _dynamic_symbols(qml, "--defined-only") == set()
    dropped = [name.rsplit("/", 1)[-1] for name in standins.GROUPS["libQt6Quick/libQt6Qml"][1]]
    left = [name for name in dropped if (lib / name).exists() or (internal / name).is_symlink()]
    assert left == []


def test_bundle_sndfile_stand_in_serves_pulseaudio(executable: Path) -> None:
    """libsndfile's stand-in has the nine functions libpulsecommon imports (version
    libsndfile.so.1.0), its codecs are gone, and PulseAudio's client library loads with it
    (it binds every symbol at load time: BIND_NOW)."""
    internal = executable.parent / "_internal"
    sndfile = internal / "libsndfile.so.1"
    imports = {s for s in _dynamic_symbols(internal / "libpulsecommon-16.1.so", "--undefined-only")
               if s.startswith("sf_")}  # fmt: skip
    assert imports == {f"{name}@libsndfile.so.1.0" for name in standins.SNDFILE.symbols}
    if standins.missing_tools():
        return  # no compiler at build time: the spec kept the real libraries
    assert sndfile.stat().st_size < 64 * 1024
    assert _dynamic_symbols(sndfile, "--defined-only") == {
        "libsndfile.so.1.0",
        *(f"{name}@@libsndfile.so.1.0" for name in standins.SNDFILE.symbols),
    }
    assert [name for name in standins.GROUPS["libsndfile"][1] if (internal / name).exists()] == []
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    load = "import ctypes, sys; ctypes.CDLL(sys.argv[1]).pa_context_new"
    run = subprocess.run([sys.executable, "-c", load, str(internal / "libpulse.so.0")], env=env,
                         capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
