"""Stand-ins for libQt6Quick and libQt6Qml in the bundle (Linux): 15.8 MiB for two symbols.

PySide6 6.11's FFmpeg media plugin (`plugins/multimedia/libffmpegmediaplugin.so`, QtMultimedia's
only backend: camera, screen capture) links libQt6Quick.so.6 and libQt6Qml.so.6, and with them
come libQt6QmlModels, QmlMeta and QmlWorkerScript: 15.8 MiB. From Quick it imports exactly two
symbols, `QQuickWindow::staticMetaObject` and `QQuickWindow::grabWindow()` (`nm -D
--undefined-only`), from Qml none. It uses them for window capture of an in-process Qt Quick
window: for each top-level window it calls `QMetaObject::cast(window)` on
`&QQuickWindow::staticMetaObject` (`qobject_cast<QQuickWindow *>`) and, for a Quick window,
grabs it. QMetaObject::cast (qtbase, qmetaobject.cpp) only walks the window's own metaobject
chain comparing pointers with its `this`, so it never reads the object behind that address.
Screenmate is a widgets app: no QQuickWindow exists in it (the real class is not in the
bundle) and it never uses QWindowCapture. So a zero-filled metaobject makes every cast fail,
and grabWindow() is never reached; the stand-in's returns an empty (null) QImage all the same.

`build()` compiles (with the system's C compiler, against the bundle's libQt6Gui for
`QImage::QImage()`):
- libQt6Quick.so.6 exporting exactly those two symbols in version node `Qt_6` (the plugin asks
  for `Qt_6`), RUNPATH `$ORIGIN` like Qt's own libraries;
- libQt6Qml.so.6 with no symbols at all: the plugin has it in DT_NEEDED, so the file must be
  there, but imports nothing from it (no `.gnu.version_r` entry either).
`swap()` puts them in place of the real libraries and drops QmlModels/QmlMeta/QmlWorkerScript,
after checking on the Analysis' binaries that nothing else needs them and that nothing asks
Quick for more than the stand-in has (a newer Qt could): if so it raises and the spec keeps the
real libraries. tests/packaging/test_bundle.py loads the plugin from the bundle and checks
which library it got.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "build" / "qt-standin"
QT_LIB = "PySide6/Qt/lib/"
QUICK, QML = "libQt6Quick.so.6", "libQt6Qml.so.6"
# The rest of the QML family: only Quick and Qml themselves link these.
DROPPED = ("libQt6QmlModels.so.6", "libQt6QmlMeta.so.6", "libQt6QmlWorkerScript.so.6")
SYMBOLS = ("_ZN12QQuickWindow16staticMetaObjectE", "_ZN12QQuickWindow10grabWindowEv")

QUICK_SOURCE = r"""
/* Stand-in for libQt6Quick.so.6 in Screenmate's bundle: see packaging/qt_standin.py.
   QtMultimedia's FFmpeg plugin links Quick only to qobject_cast windows to QQuickWindow and
   grab them; a widgets app has no QQuickWindow, so the cast must simply fail. */

/* QQuickWindow::staticMetaObject. QMetaObject is 56 bytes in Qt 6 (its `d`: superdata,
   stringdata, data, static_metacall, relatedMetaObjects, metaTypes, extradata). The plugin
   only passes its address to QMetaObject::cast, which compares pointers: a zeroed object
   (superdata null: the end of a chain) that no real metaobject chain contains makes every
   cast return null. 128 bytes leave room should the struct grow. */
__attribute__((aligned(64))) const unsigned char _ZN12QQuickWindow16staticMetaObjectE[128] = {0};

/* QImage::QImage() noexcept, from libQt6Gui: a null image. */
void _ZN6QImageC1Ev(void *image);

/* QImage QQuickWindow::grabWindow(). QImage is not trivially copyable, so by the Itanium C++
   ABI the caller passes the address of the result first, `this` second, and gets that address
   back. Unreachable (no cast succeeds); answers a null image, as Qt does when it cannot grab. */
void *_ZN12QQuickWindow10grabWindowEv(void *result, void *window)
{
    (void)window;
    _ZN6QImageC1Ev(result);
    return result;
}
"""
QML_SOURCE = (
    "/* Stand-in for libQt6Qml.so.6: see packaging/qt_standin.py. Nothing is imported. */\n"
)


def missing_tools() -> list[str]:
    return [tool for tool in ("cc", "readelf", "nm") if shutil.which(tool) is None]


def _needed(lib: str) -> set[str]:
    out = subprocess.run(["readelf", "-dW", lib], capture_output=True, text=True).stdout
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out))


def _nm(lib: str, *flags: str) -> set[str]:
    out = subprocess.run(["nm", "-D", *flags, lib], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    rows = [line.split() for line in out.splitlines() if line.strip()]
    # Leave out version nodes (`Qt_6`, type A): they are no symbols anyone imports.
    return {row[-1].split("@")[0] for row in rows if row[-2] != "A"}


def _compile(source: str, soname: str, gui: Path | None, exports: tuple[str, ...]) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    src, lib = OUT / f"{soname}.c", OUT / soname
    src.write_text(source)
    script = OUT / f"{soname}.map"
    exported = "".join(f" {name};" for name in exports)
    script.write_text(f"Qt_6 {{ global:{exported} local: *; }};\n" if exports
                      else "{ local: *; };\n")  # fmt: skip
    command = ["cc", "-shared", "-fPIC", "-O2", "-nostdlib", f"-Wl,-soname,{soname}",
               f"-Wl,--version-script={script}", "-Wl,--enable-new-dtags", "-Wl,-rpath,$ORIGIN",
               "-Wl,-z,noexecstack", "-o", str(lib), str(src)]  # fmt: skip
    if gui is not None:
        command += [str(gui), f"-Wl,-rpath-link,{gui.parent}"]
    subprocess.run(command, check=True, capture_output=True, text=True)
    return lib


def build(gui: Path) -> tuple[Path, Path]:
    """(libQt6Quick stand-in, libQt6Qml stand-in), built in build/qt-standin/."""
    quick = _compile(QUICK_SOURCE, QUICK, gui, SYMBOLS)
    if _nm(str(quick), "--defined-only") != set(SYMBOLS):
        raise RuntimeError(f"{quick} exports {_nm(str(quick), '--defined-only')}")
    return quick, _compile(QML_SOURCE, QML, None, ())


def swap(binaries: list, datas: list) -> tuple[list, list]:
    """The Analysis' binaries and datas with the stand-ins in place of the QML family (and
    without PyInstaller's top-level links to the dropped ones: SYMLINK entries are in datas);
    raises RuntimeError if anything in the binaries needs what the stand-ins lack."""
    by_dest = {dest.replace("\\", "/"): src for dest, src, kind in binaries if kind != "SYMLINK"}
    family = {QT_LIB + name for name in (QUICK, QML, *DROPPED)}
    if not family <= by_dest.keys():
        raise RuntimeError("the QML libraries are not all in the bundle")
    quick_defines = _nm(by_dest[QT_LIB + QUICK], "--defined-only")
    qml_defines = _nm(by_dest[QT_LIB + QML], "--defined-only")
    for dest, src in by_dest.items():
        if dest in family:
            continue
        needed = _needed(src)
        if needed & set(DROPPED):
            raise RuntimeError(f"{dest} links {sorted(needed & set(DROPPED))}")
        if needed & {QUICK, QML}:
            imports = _nm(src, "--undefined-only")
            if (imports & quick_defines) - set(SYMBOLS) or imports & qml_defines:
                wanted = sorted((imports & quick_defines) - set(SYMBOLS) | imports & qml_defines)
                raise RuntimeError(f"{dest} imports {wanted[:5]} from Quick/Qml")
    quick, qml = build(Path(by_dest[QT_LIB + "libQt6Gui.so.6"]))
    standins = {QT_LIB + QUICK: str(quick), QT_LIB + QML: str(qml)}
    kept = []
    for dest, src, kind in binaries:
        name = dest.replace("\\", "/")
        if name in standins:
            kept.append((dest, standins[name], kind))
        elif name not in family:
            kept.append((dest, src, kind))
    links = [(dest, src, kind) for dest, src, kind in datas
             if not (kind == "SYMLINK" and Path(src).name in DROPPED)]  # fmt: skip
    return kept, links
