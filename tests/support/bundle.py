"""Build the PyInstaller bundle (dist/screenmate/) once per source state.

The build is keyed by a hash of everything that goes into it: the spec, the Python files in
packaging/ (entry script and the spec's helpers), `desktop/`, `resources/` and
`pyproject.toml`. When `build/screenmate-bundle.sha256` matches and the executable exists,
dist/ is reused, so reruns cost nothing. A failed build raises with PyInstaller's output: the
packaging tests fail, they are never skipped.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "packaging" / "screenmate.spec"
DIST = REPO / "dist"
BUNDLE = DIST / "screenmate"
EXECUTABLE = BUNDLE / "screenmate"
STAMP = REPO / "build" / "screenmate-bundle.sha256"
# A fresh machine also builds numpy without OpenBLAS once (packaging/numpy_noblas.py).
BUILD_TIMEOUT_S = 1800


def source_hash() -> str:
    digest = hashlib.sha256()
    files = [SPEC, REPO / "pyproject.toml"]
    files += sorted((REPO / "packaging").glob("*.py"))  # the entry and the spec's helpers
    for folder in (REPO / "desktop", REPO / "resources"):
        files += [p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    for path in sorted(files):
        digest.update(str(path.relative_to(REPO)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def ensure_bundle() -> Path:
    """The bundle's executable, built now if the sources changed since the last build."""
    wanted = source_hash()
    if EXECUTABLE.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return EXECUTABLE
    STAMP.unlink(missing_ok=True)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(REPO / "build" / "pyinstaller"),
            str(SPEC),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    if result.returncode != 0 or not EXECUTABLE.exists():
        raise AssertionError(
            f"PyInstaller failed ({result.returncode}):\n{result.stdout[-3000:]}\n"
            f"{result.stderr[-6000:]}"
        )
    STAMP.parent.mkdir(parents=True, exist_ok=True)
    STAMP.write_text(wanted + "\n")
    return EXECUTABLE


def bundle_size_mib() -> float:
    total = sum(p.lstat().st_size for p in BUNDLE.rglob("*") if p.is_file())
    return total / 2**20
