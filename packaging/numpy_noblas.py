"""numpy without OpenBLAS, for the bundle.

numpy's wheels link OpenBLAS (`numpy.libs/`: OpenBLAS 24 MiB for ~20 CPU kernels, gfortran,
quadmath: 27 MiB in all). Screenmate uses numpy on audio blocks and frames (10-20 ms of PCM,
a few hundred thousand pixels): element-wise arithmetic, resampling glue, no large matrix
products, and no `numpy.linalg` in its own code. numpy built with `-Dblas=none -Dlapack=none`
is the same numpy (same version, same Python files) whose matrix products use its own loops
and whose `numpy.linalg` uses its bundled lapack_lite: every function still works, big linear
algebra is slower. It is also built without numpy's AVX-512 variants of its SIMD loops
(`-Dcpu-dispatch=X86_V3`: the x86-64-v2 baseline and AVX2 stay; 2.6 MiB less): an AVX-512
machine runs the AVX2 loops, which for frame-sized work costs ~10% (packaging/README.md).

The bundle takes numpy's Python modules and extension modules from such a build of the exact
version installed in the venv: `ensure()` builds the wheel once (pip builds it from the sdist
on PyPI; ~5-10 min on 2 cores, then cached in build/numpy-noblas/ under a hash of the build
options) and
`swap()` points the spec's numpy entries at it and drops `numpy.libs/`.
"""

from __future__ import annotations

import hashlib
import os
import platform
import re
import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import version as installed_version
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / "build" / "numpy-noblas"
BUILD_ARGS: tuple[str, ...] = (
    "-Csetup-args=-Dblas=none",
    "-Csetup-args=-Dlapack=none",
    "-Csetup-args=-Dallow-noblas=true",
    "-Cinstall-args=--strip",
)
if platform.machine() in ("x86_64", "AMD64"):
    # SIMD loops for the baseline (x86-64-v2) and AVX2 (x86-64-v3) only, not for AVX-512
    # (X86_V4, AVX512_ICL, AVX512_SPR): an AVX-512 machine runs the AVX2 loops.
    BUILD_ARGS += ("-Csetup-args=-Dcpu-dispatch=X86_V3",)
# The build folders are named after the options, so a changed option builds anew (pip's own
# wheel cache is keyed by the sdist alone and would hand back a wheel built with other options:
# the build runs with --no-cache-dir).
KEY = hashlib.sha256("\0".join(BUILD_ARGS).encode()).hexdigest()[:10]


def ensure(version: str | None = None) -> Path:
    """The folder holding the no-BLAS `numpy/` package of `version` (default: the installed
    numpy's), built now if it is not there yet."""
    version = version or installed_version("numpy")
    root = CACHE / f"numpy-{version}-{KEY}"
    if (root / "numpy" / "__init__.py").exists():
        return root
    wheels = CACHE / f"wheels-{KEY}"
    wheels.mkdir(parents=True, exist_ok=True)
    found = sorted(wheels.glob(f"numpy-{version}-*.whl"))
    if not found:
        print(
            f"numpy_noblas: building numpy {version} without BLAS (once; takes minutes)", flush=True
        )
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--no-deps",
                "--no-cache-dir",
                "--no-binary",
                "numpy",
                f"numpy=={version}",
                "-w",
                str(wheels),
                *BUILD_ARGS,
            ],
            check=True,
        )
        found = sorted(wheels.glob(f"numpy-{version}-*.whl"))
    partial = root.with_name(f"{root.name}.partial-{os.getpid()}")  # builds may run side by side
    shutil.rmtree(partial, ignore_errors=True)
    with zipfile.ZipFile(found[-1]) as wheel:
        wheel.extractall(partial)
    for lib in (partial / "numpy").rglob("*.so"):
        needed = subprocess.run(
            ["readelf", "-dW", str(lib)], capture_output=True, text=True, check=True
        ).stdout
        if re.search(r"NEEDED.*\[lib(scipy_)?openblas|NEEDED.*\[libgfortran", needed):
            raise RuntimeError(f"{lib} still links BLAS: wheel {found[-1]} is not a no-BLAS build")
    try:
        partial.rename(root)
    except OSError:  # another build finished first: keep its copy
        shutil.rmtree(partial, ignore_errors=True)
        if not (root / "numpy" / "__init__.py").exists():
            raise
    return root


def swap(analysis, root: Path) -> None:
    """Point the Analysis' numpy modules, extension modules and data at `root`'s numpy and
    leave numpy.libs (OpenBLAS) out. Fails if an extension module has no counterpart."""
    import numpy  # the venv's: where Analysis found the files

    site = Path(numpy.__file__).resolve().parent.parent

    def moved(src: str, required: bool) -> str:
        path = Path(src).resolve()
        if not path.is_relative_to(site / "numpy"):
            return src
        twin = root / path.relative_to(site)
        if twin.exists():
            return str(twin)
        if required:
            raise RuntimeError(f"numpy_noblas: no {twin} in the no-BLAS build")
        return src

    def openblas(dest: str, src: str, kind: str) -> bool:
        """numpy.libs/ itself, or a link PyInstaller made to a library in it."""
        dest, src = dest.replace("\\", "/"), src.replace("\\", "/")
        return dest.startswith("numpy.libs/") or (
            kind == "SYMLINK" and src.startswith("numpy.libs/")
        )

    analysis.binaries = [
        (dest, moved(src, True), kind)
        for dest, src, kind in analysis.binaries
        if not openblas(dest, src, kind)
    ]
    analysis.pure = [(name, moved(src, True), kind) for name, src, kind in analysis.pure]
    analysis.datas = [
        (dest, moved(src, False), kind)
        for dest, src, kind in analysis.datas
        if not openblas(dest, src, kind)
    ]
