"""The PyInstaller bundle, built from this source tree and started for real.

(a) headless: one turn on the bundled Live API emulator (no API key in the environment);
(b) the window under the test X server: live on the emulator, visible, quits cleanly on SIGTERM;
voice on the private PulseAudio with the echo canceller; what the spec filters out stays out,
the size per component (printed) within the budget; Qt's ICU calls on the trimmed data; the
no-BLAS numpy the bundle ships.
The build is cached by source hash (tests/support/bundle.py); a failed build fails the tests.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.support.app_process import app_env, wait_for, window_ids
from tests.support.bundle import ensure_bundle
from tests.support.pulse import PulseAudio
from tests.support.xvfb import XServer


def _packaging_module(name: str) -> ModuleType:
    """A helper of the spec (packaging/ is no package: its name would shadow `packaging`)."""
    path = Path(__file__).resolve().parents[2] / "packaging" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"screenmate_packaging_{name}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


numpy_noblas = _packaging_module("numpy_noblas")
strip_libs = _packaging_module("strip_libs")

# The first build takes ~1-2 min on a 2-core machine; pytest's default limit is 120 s.
# A fresh machine also builds numpy without OpenBLAS once (~5-10 min).
pytestmark = pytest.mark.timeout(1800)


@pytest.fixture(scope="module")
def executable() -> Path:
    return ensure_bundle()


def test_bundle_answers_headless_on_the_emulator(executable: Path, tmp_path: Path) -> None:
    env = app_env(tmp_path, display="")
    env.pop("DISPLAY", None)
    result = subprocess.run(
        [str(executable), "--headless", "--say", "hello", "--timeout", "60"],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    answers = [
        e["text"]
        for e in events
        if e.get("event") == "transcript_line" and e.get("role") == "model"
    ]
    assert any('You wrote: "hello"' in text for text in answers), result.stdout[-3000:]


def test_bundle_talks_with_echo_cancellation_on_real_audio(
    executable: Path, pulse: PulseAudio, tmp_path: Path
) -> None:
    """Voice in the bundle: PortAudio, the echo canceller (desktop.audio._webrtc_apm with the
    desktop's libwebrtc-audio-processing: loaded lazily, easy to lose to an exclusion) and the
    model's answer played out on the private PulseAudio."""
    env = {**app_env(tmp_path, display=""), **pulse.client_env}
    env.pop("DISPLAY", None)
    result = subprocess.run(
        [str(executable), "--headless", "--say", "hello", "--mic", "default",
         "--speaker", "default", "--timeout", "60"],
        env=env, capture_output=True, text=True, timeout=90, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    voice = [e for e in events if e.get("event") == "voice" and e["speaker"] == "ok"]
    assert voice, result.stdout[-3000:]
    assert voice[-1]["mic"] == "ok" and voice[-1]["echo"] == "Echo cancellation on."
    assert any(e.get("model_speaking") for e in voice), "the answer was not played"


def test_bundle_window_goes_live_and_quits_cleanly(
    executable: Path, x_server: XServer, tmp_path: Path
) -> None:
    env = app_env(tmp_path, x_server.display)
    ready = tmp_path / "ready"
    proc = subprocess.Popen(
        [str(executable), "--ready-file", str(ready), "--log-level", "INFO"],
        env=env,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(ready, proc, 60)
        assert ready.read_text().strip() == "live"
        assert window_ids(x_server.display, proc.pid), "no visible window named Screenmate"
    finally:
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err[-3000:]
    assert b"Traceback" not in err, err[-3000:]


# What each part of the bundle is, for the size report (first match wins).
COMPONENTS = (
    ("Qt: FFmpeg (camera, screen capture)", ("PySide6/Qt/lib/libav", "PySide6/Qt/lib/libsw")),
    ("Qt: ICU", ("PySide6/Qt/lib/libicu",)),
    ("Qt: libraries, plugins, translations", ("PySide6/Qt/",)),
    ("Qt: Python bindings (PySide6, shiboken6)", ("PySide6/", "shiboken6/")),
    ("numpy.libs (OpenBLAS)", ("numpy.libs/",)),
    ("numpy", ("numpy/",)),
    ("cryptography", ("cryptography/",)),
    ("Python: lib-dynload", ("python3.",)),
    ("pydantic_core", ("pydantic_core/",)),
)
# The bundle's size ceiling, so it cannot grow back unnoticed: what was measured after issue
# 16 (154.8 MiB, 2026-12-02) plus a little room (packaging/README.md).
MAX_BUNDLE_MIB = 157


def component_sizes(bundle: Path) -> dict[str, int]:
    internal = bundle / "_internal"
    sizes: dict[str, int] = {"executable + Python modules (PYZ)": 0}
    for path in bundle.rglob("*"):
        if not path.is_file() or path.is_symlink():  # PyInstaller links some libraries
            continue
        name = path.relative_to(internal).as_posix() if path.is_relative_to(internal) else ""
        if not name:
            key = "executable + Python modules (PYZ)"
        elif "/" not in name and ".so" in name:
            key = "other shared libraries"
        else:
            rest = "the rest (base_library.zip, zeroconf, certifi, resources, ...)"
            key = next((k for k, prefixes in COMPONENTS if name.startswith(prefixes)), rest)
        sizes[key] = sizes.get(key, 0) + path.stat().st_size
    return sizes


def test_bundle_leaves_out_what_the_app_never_uses(executable: Path) -> None:
    """The spec's diet (issue 16): what it filters out stays out, libraries are stripped,
    numpy has no OpenBLAS, ICU's data is trimmed when the build machine has icupkg, and the
    whole stays under its budget. Prints the size per component."""
    sizes = component_sizes(executable.parent)
    for name, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
        print(f"{size / 2**20:7.1f} MiB  {name}")
    total = sum(sizes.values()) / 2**20
    print(f"{total:7.1f} MiB  total")
    internal = executable.parent / "_internal"
    qt = internal / "PySide6" / "Qt"
    gone = [
        qt / "plugins" / "networkinformation",
        qt / "qml",
        qt / "lib" / "libQt6VirtualKeyboard.so.6",
        qt / "lib" / "libQt6Pdf.so.6",
        qt / "lib" / "libQt6MultimediaWidgets.so.6",
        qt / "plugins" / "imageformats" / "libqtiff.so",
        internal / "numpy" / "random",
        internal / "numpy.libs",
        internal / "libgio-2.0.so.0",
        internal / "libgtk-3.so.0",
        internal / "PySide6" / "QtConcurrent.abi3.so",
        qt / "lib" / "libQt6QmlModels.so.6",  # the Quick/Qml stand-ins' (packaging/standins.py)
        internal / "libvorbisenc.so.2",  # libsndfile's codecs: its stand-in links none
        internal / "libX11.so.6",  # left to the host (the spec's HOST)
        internal / "libasound.so.2",
        internal / "livekit",  # the echo canceller on macOS/Windows only (desktop/audio/echo.py)
    ]
    assert [str(p) for p in gone if p.exists()] == []
    dangling = [str(p) for p in internal.rglob("*") if p.is_symlink() and not p.exists()]
    assert dangling == [], "links to what the spec left out"
    translations = {p.name for p in (qt / "translations").glob("qt*.qm")}
    assert translations <= {f"{kind}_{lang}.qm" for kind in ("qt", "qtbase", "qtmultimedia")
                            for lang in ("de", "zh_CN", "en")}, translations  # fmt: skip
    # What the spec strips: no symbol table left outside the dynamic one.
    for lib in (internal / "cryptography" / "hazmat" / "bindings").glob("_rust*.so"):
        readelf = ["readelf", "-SW", str(lib)]
        sections = subprocess.run(readelf, capture_output=True, text=True, check=True).stdout
        assert ".symtab" not in sections, f"{lib} was not stripped"
    if shutil.which("icupkg") and shutil.which("cc"):
        icu = next((qt / "lib").glob("libicudata.so.*"))
        assert icu.stat().st_size < 5 * 2**20, "ICU's data was not trimmed"
    assert total <= MAX_BUNDLE_MIB, f"the bundle is {total:.1f} MiB"


def test_bundle_libraries_find_everything_they_link(executable: Path) -> None:
    """Every shared library in the bundle finds each library it links, in the bundle or on the
    system (as the bootloader runs it: LD_LIBRARY_PATH=_internal). An exclusion that takes a
    library another one needs breaks that one only when it is loaded: the FFmpeg media plugin
    (camera, Wayland screen capture) links libQt6Quick/libQt6Qml, which an earlier diet left
    out unnoticed because no start test loads it."""
    internal = executable.parent / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    missing = []
    for lib in sorted(internal.rglob("*.so*")):
        if lib.is_symlink() or not lib.is_file() or not strip_libs.is_elf(lib):
            continue
        out = subprocess.run(["ldd", str(lib)], env=env, capture_output=True, text=True).stdout
        missing += [f"{lib.relative_to(internal)}: {line.strip()}"
                    for line in out.splitlines() if "not found" in line]  # fmt: skip
    assert missing == []


def test_bundle_icu_answers_what_qt_asks(executable: Path) -> None:
    """Qt's calls into the trimmed ICU (collation, case, time zones, codecs) answer as with
    ICU's full data, in root/en/de/zh (tests/packaging/icu_check.py)."""
    lib = executable.parent / "_internal" / "PySide6" / "Qt" / "lib"
    check = [sys.executable, str(Path(__file__).with_name("icu_check.py")), str(lib)]
    run = subprocess.run(check, capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    assert json.loads(run.stdout) == {  # what the full library answers (checked 2026-12-02)
        "collate_de": -1, "collate_zh": 1, "collate_en": -1, "upper_de": "STRASSE",
        "zone_de": "Mitteleuropäische Normalzeit", "zone_zh": "中欧标准时间",
        "zone_en": "Central European Standard Time", "canonical_zone": "Asia/Calcutta",
        "converters": "ok",
    }  # fmt: skip


def _build_id(lib: Path) -> str:
    notes = subprocess.run(["readelf", "-nW", str(lib)], capture_output=True, text=True,
                           check=True).stdout  # fmt: skip
    found = re.search(r"Build ID: ([0-9a-f]+)", notes)
    assert found, f"{lib} has no build id"
    return found.group(1)


def test_bundle_numpy_is_the_no_blas_build_and_works(executable: Path) -> None:
    """The bundle's numpy extension modules are the no-BLAS build's (packaging/numpy_noblas.py),
    and that build does what numpy does, linear algebra included."""
    import numpy

    root = numpy_noblas.ensure()
    internal = executable.parent / "_internal"
    shipped = sorted((internal / "numpy").rglob("*.so"))
    assert shipped
    for lib in shipped:  # the spec strips them: compare the build ids, and what they link
        twin = root / lib.relative_to(internal)
        assert _build_id(lib) == _build_id(twin), f"{lib} is not the no-BLAS build's"
        needed = subprocess.run(["readelf", "-dW", str(lib)], capture_output=True, text=True,
                                check=True).stdout  # fmt: skip
        assert "blas" not in needed and "gfortran" not in needed, f"{lib}: {needed}"
    code = (
        "import numpy as np, json\n"
        f"assert np.__file__.startswith({str(root)!r}), np.__file__\n"
        "a = np.arange(1, 10, dtype=float).reshape(3, 3) + np.eye(3)\n"
        "x = np.linalg.solve(a, np.ones(3))\n"
        "assert np.allclose(a @ x, 1)\n"
        "assert np.allclose(np.linalg.inv(a) @ a, np.eye(3))\n"
        "s = np.sin(np.arange(480) / 8).astype(np.float32)\n"
        "assert abs(np.fft.rfft(s)).argmax() == 10\n"
        "b = np.frombuffer((np.arange(320, dtype='<i2') * 3).tobytes(), dtype='<i2')\n"
        "print(json.dumps([np.__version__, int(b.sum()), float(np.dot(s, s))]))\n"
    )
    env = {"PYTHONPATH": str(root)}
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=120, check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    assert json.loads(run.stdout)[0] == numpy.__version__
