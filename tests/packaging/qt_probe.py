"""Load QtMultimedia's FFmpeg plugin from the bundle's binaries and report what got loaded.

Run by tests/packaging/test_bundle_standins.py as `python qt_probe.py dist/screenmate`
(with LD_LIBRARY_PATH=<bundle>/_internal, as the bootloader sets it). The frozen app runs no
code of ours but its own, so this runs this Python on the bundle's binaries instead: PySide6's
and shiboken6's extension modules from `_internal` (their RPATH then takes every Qt library
from the bundle), only their Python files from the venv (the same files the bundle's PYZ
holds), and Qt's plugins from the bundle's plugin folder alone. `QMediaDevices.videoInputs()`
makes Qt load its media backend, the FFmpeg plugin, and list the cameras (none on a test
machine: an empty list, but no crash).

Prints JSON: the cameras, every shared library mapped into the process, and whether the
loaded libQt6Quick answers `dlvsym` for the two symbols the plugin imports, version `Qt_6`.
"""

from __future__ import annotations

import ctypes
import importlib.util
import json
import os
import sys
import tempfile

SYMBOLS = ("_ZN12QQuickWindow16staticMetaObjectE", "_ZN12QQuickWindow10grabWindowEv")


def _bundle_packages(internal: str) -> None:
    """Make `PySide6` and `shiboken6` load their extension modules from the bundle."""
    stubs = tempfile.mkdtemp(prefix="qt-probe-")
    for package in ("PySide6", "shiboken6"):
        spec = importlib.util.find_spec(package)
        assert spec and spec.origin, package
        venv = os.path.dirname(spec.origin)
        os.mkdir(os.path.join(stubs, package))
        with open(os.path.join(stubs, package, "__init__.py"), "w") as init:
            init.write(
                f"__path__ = [{os.path.join(internal, package)!r}, {venv!r}]\n"
                f"exec(compile(open({spec.origin!r}).read(), __file__, 'exec'))\n"
            )
    sys.path.insert(0, stubs)


def main(bundle: str) -> None:
    internal = os.path.join(bundle, "_internal")
    _bundle_packages(internal)
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.setLibraryPaths([os.path.join(internal, "PySide6", "Qt", "plugins")])
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtMultimedia import QMediaDevices

    app = QGuiApplication(["qt-probe", "-platform", "offscreen"])
    cameras = [device.description() for device in QMediaDevices.videoInputs()]
    mapped = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            parts = line.split(None, 5)
            if len(parts) == 6 and ".so" in parts[5]:
                mapped.add(parts[5].strip())
    quick = next((path for path in mapped if path.endswith("/libQt6Quick.so.6")), None)
    versioned = {}
    if quick:
        libc = ctypes.CDLL("libc.so.6")
        libc.dlvsym.restype = ctypes.c_void_p
        libc.dlvsym.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
        handle = ctypes.CDLL(quick)._handle
        versioned = {name: bool(libc.dlvsym(handle, name.encode(), b"Qt_6")) for name in SYMBOLS}
    print(json.dumps({"cameras": cameras, "mapped": sorted(mapped), "quick": quick,
                      "versioned": versioned}))  # fmt: skip
    del app


if __name__ == "__main__":
    main(sys.argv[1])
