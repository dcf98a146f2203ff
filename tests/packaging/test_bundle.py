"""The PyInstaller bundle, built from this source tree and started for real.

(a) headless: one turn on the bundled Live API emulator (no API key in the environment);
(b) the window under the test X server: live on the emulator, visible, quits cleanly on SIGTERM;
voice on the private PulseAudio with the echo canceller; what the spec filters out stays out.
The build is cached by source hash (tests/support/bundle.py); a failed build fails the tests.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from tests.support.app_process import app_env, wait_for, window_ids
from tests.support.bundle import ensure_bundle
from tests.support.pulse import PulseAudio
from tests.support.xvfb import XServer

# The first build takes ~1-2 min on a 2-core machine; pytest's default limit is 120 s.
pytestmark = pytest.mark.timeout(900)


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
    """Voice in the bundle: PortAudio, livekit's echo canceller (loaded lazily, easy to lose
    to an exclusion) and the model's answer played out on the private PulseAudio."""
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


def test_bundle_leaves_out_what_the_app_never_uses(executable: Path) -> None:
    """The spec's diet (issue 16): what it filters out stays out, and ICU's data is trimmed
    when the build machine has icupkg. Prints the size per component."""
    internal = executable.parent / "_internal"
    sizes: dict[str, int] = {}
    for path in internal.rglob("*"):
        if path.is_file() and not path.is_symlink():  # PyInstaller links some libraries
            top = path.relative_to(internal).parts[0]
            key = "(shared libraries)" if ".so" in top else top
            sizes[key] = sizes.get(key, 0) + path.stat().st_size
    sizes["(executable + Python modules)"] = executable.stat().st_size
    for name, size in sorted(sizes.items(), key=lambda kv: -kv[1])[:12]:
        print(f"{size / 2**20:7.1f} MiB  {name}")
    print(f"{sum(sizes.values()) / 2**20:7.1f} MiB  total")
    qt = internal / "PySide6" / "Qt"
    gone = [
        qt / "plugins" / "networkinformation",
        qt / "lib" / "libQt6Quick.so.6",
        qt / "lib" / "libQt6Qml.so.6",
        qt / "lib" / "libQt6Pdf.so.6",
        qt / "lib" / "libQt6MultimediaWidgets.so.6",
        qt / "plugins" / "imageformats" / "libqtiff.so",
        internal / "numpy" / "random",
        internal / "libgio-2.0.so.0",
        internal / "libgtk-3.so.0",
    ]
    assert [str(p) for p in gone if p.exists()] == []
    translations = {p.name for p in (qt / "translations").glob("qt*.qm")}
    assert translations <= {f"{kind}_{lang}.qm" for kind in ("qt", "qtbase", "qtmultimedia")
                            for lang in ("de", "zh_CN", "en")}, translations  # fmt: skip
    if shutil.which("icupkg") and shutil.which("cc"):
        icu = next((qt / "lib").glob("libicudata.so.*"))
        assert icu.stat().st_size < 20 * 2**20, "ICU's data was not trimmed"
