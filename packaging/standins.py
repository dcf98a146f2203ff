"""Stand-ins: tiny libraries in place of big ones the bundle links but never calls (Linux).

A library is only replaced when what links it imports a handful of symbols from it and,
by reading the callers' code, never reaches them in Screenmate. The stand-in is built at
bundle time with the system's C compiler, has the real library's soname and exports exactly
those symbols, in the real library's version node. `swap()` checks on the Analysis' binaries
that nothing imports more than that (a newer Qt or PulseAudio could) and that nothing else
links what the stand-in lets go; if not, it raises and the spec keeps the real libraries.

**libQt6Quick + libQt6Qml** (15.8 MiB with QmlModels, QmlMeta, QmlWorkerScript). PySide6
6.11's FFmpeg media plugin (`plugins/multimedia/libffmpegmediaplugin.so`, QtMultimedia's only
backend: camera, screen capture) links Quick and Qml. From Quick it imports exactly
`QQuickWindow::staticMetaObject` and `QQuickWindow::grabWindow()` (`nm -D --undefined-only`),
from Qml nothing. It uses them for window capture of an in-process Qt Quick window: for each
top-level window it calls `QMetaObject::cast(window)` on `&QQuickWindow::staticMetaObject`
(`qobject_cast<QQuickWindow *>`) and grabs the Quick ones. QMetaObject::cast (qtbase,
qmetaobject.cpp) only walks the window's own metaobject chain comparing pointers with its
`this`; it never reads the object behind that address. Screenmate is a widgets app: no
QQuickWindow exists in it (the real class is not in the bundle) and it never uses
QWindowCapture. So a zero-filled metaobject makes every cast fail, and grabWindow() is never
reached (the stand-in's returns a null QImage all the same). libQt6Qml's stand-in is empty:
the plugin has it in DT_NEEDED, so the file must be there, but imports nothing from it.

**libsndfile** (2.8 MiB with its codecs: vorbisenc, FLAC, opus, mpg123, mp3lame, vorbis,
ogg). It comes in through libpulsecommon (PulseAudio's client library, which libQt6Multimedia
links). libpulsecommon imports nine sf_* functions, for PulseAudio's `sndfile-util.c`
("Shared between pacat/parec/paplay and the server"): helpers that read or write an SNDFILE
their caller opened. The client API Qt calls (contexts, streams, introspection) never reaches
them, and nothing in the bundle opens a sound file with libsndfile (it imports no sf_open).

tests/packaging/test_bundle_standins.py loads the FFmpeg plugin from the bundle and checks
which libraries it got; the voice test plays through PulseAudio with the sndfile stand-in.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "build" / "standins"
QT_LIB = "PySide6/Qt/lib/"


@dataclass(frozen=True)
class StandIn:
    dest: str  # where the real library is in the bundle (its soname is the file name)
    version: str  # the version node the symbols are in ("" for none)
    symbols: tuple[str, ...]
    source: str  # C
    link: str = ""  # a library of the bundle the stand-in calls into (its dest)

    @property
    def soname(self) -> str:
        return self.dest.rsplit("/", 1)[-1]


QUICK_SOURCE = r"""
/* Stand-in for libQt6Quick.so.6 in Screenmate's bundle: see packaging/standins.py.
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

SNDFILE_SOURCE = r"""
/* Stand-in for libsndfile.so.1 in Screenmate's bundle: see packaging/standins.py.
   libpulsecommon imports these for pacat/paplay's helpers, which work on an SNDFILE their
   caller opened; nothing in the bundle opens one. Each fails as libsndfile does when handed
   no file: no frames, no string, an error. */
typedef long long sf_count_t;
static const char missing[] = "libsndfile is not in this bundle";

int sf_command(void *sndfile, int command, void *data, int datasize)
{ (void)sndfile; (void)command; (void)data; (void)datasize; return 0; }
const char *sf_error_number(int errnum) { (void)errnum; return missing; }
const char *sf_get_string(void *sndfile, int type) { (void)sndfile; (void)type; return 0; }
#define FRAMES(name, type) \
    sf_count_t name(void *sndfile, type *ptr, sf_count_t frames) \
    { (void)sndfile; (void)ptr; (void)frames; return 0; }
FRAMES(sf_readf_float, float)
FRAMES(sf_readf_int, int)
FRAMES(sf_readf_short, short)
FRAMES(sf_writef_float, const float)
FRAMES(sf_writef_int, const int)
FRAMES(sf_writef_short, const short)
"""

QUICK = StandIn(
    QT_LIB + "libQt6Quick.so.6", "Qt_6",
    ("_ZN12QQuickWindow16staticMetaObjectE", "_ZN12QQuickWindow10grabWindowEv"),
    QUICK_SOURCE, link=QT_LIB + "libQt6Gui.so.6",
)  # fmt: skip
QML = StandIn(QT_LIB + "libQt6Qml.so.6", "", (), "/* libQt6Qml: see packaging/standins.py */\n")
SNDFILE = StandIn(
    "libsndfile.so.1", "libsndfile.so.1.0",
    ("sf_command", "sf_error_number", "sf_get_string", "sf_readf_float", "sf_readf_int",
     "sf_readf_short", "sf_writef_float", "sf_writef_int", "sf_writef_short"),
    SNDFILE_SOURCE,
)  # fmt: skip
# Each group is swapped as a whole, with what only its real libraries link.
GROUPS: dict[str, tuple[tuple[StandIn, ...], tuple[str, ...]]] = {
    "libQt6Quick/libQt6Qml": (
        (QUICK, QML),
        tuple(QT_LIB + f"libQt6{n}.so.6" for n in ("QmlModels", "QmlMeta", "QmlWorkerScript")),
    ),
    "libsndfile": (
        (SNDFILE,),
        ("libvorbisenc.so.2", "libFLAC.so.12", "libopus.so.0", "libmpg123.so.0",
         "libmp3lame.so.0", "libvorbis.so.0", "libogg.so.0"),
    ),
}  # fmt: skip


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


def build(standin: StandIn, link: Path | None = None) -> Path:
    """Compile `standin` into build/standins/ and check what it exports."""
    OUT.mkdir(parents=True, exist_ok=True)
    src, lib = OUT / f"{standin.soname}.c", OUT / standin.soname
    src.write_text(standin.source)
    script = OUT / f"{standin.soname}.map"
    exported = "".join(f" {name};" for name in standin.symbols)
    script.write_text(f"{standin.version} {{ global:{exported} local: *; }};\n"
                      if standin.symbols else "{ local: *; };\n")  # fmt: skip
    command = ["cc", "-shared", "-fPIC", "-O2", "-nostdlib", f"-Wl,-soname,{standin.soname}",
               f"-Wl,--version-script={script}", "-Wl,--enable-new-dtags", "-Wl,-rpath,$ORIGIN",
               "-Wl,-z,noexecstack", "-o", str(lib), str(src)]  # fmt: skip
    if link is not None:
        command += [str(link), f"-Wl,-rpath-link,{link.parent}"]
    subprocess.run(command, check=True, capture_output=True, text=True)
    if _nm(str(lib), "--defined-only") != set(standin.symbols):
        raise RuntimeError(f"{lib} exports {sorted(_nm(str(lib), '--defined-only'))}")
    return lib


def _check(binaries: list, standins: tuple[StandIn, ...], dropped: tuple[str, ...]) -> None:
    """Raise unless nothing outside the group needs more than the stand-ins offer."""
    by_dest = {d.replace("\\", "/"): s for d, s, kind in binaries if kind != "SYMLINK"}
    group = {s.dest for s in standins} | set(dropped)
    if not group <= by_dest.keys():
        raise RuntimeError(f"not in the bundle: {sorted(group - by_dest.keys())}")
    names = {dest.rsplit("/", 1)[-1] for dest in dropped}
    defines = {s.soname: (_nm(by_dest[s.dest], "--defined-only"), s) for s in standins}
    for dest, src in by_dest.items():
        if dest in group:
            continue
        needed = _needed(src)
        if needed & names:
            raise RuntimeError(f"{dest} links {sorted(needed & names)}")
        linked = [defines[name] for name in needed if name in defines]
        if linked:
            imports = _nm(src, "--undefined-only")
            for real, standin in linked:
                if extra := sorted((imports & real) - set(standin.symbols)):
                    raise RuntimeError(f"{dest} imports {extra[:5]} from {standin.soname}")


def swap(binaries: list, datas: list, group: str) -> tuple[list, list]:
    """The Analysis' binaries and datas with `group`'s stand-ins in place of the real
    libraries, without what only those link (and without PyInstaller's top-level links to
    that: SYMLINK entries are in datas). Raises RuntimeError (or a build error) if unsafe."""
    standins, dropped = GROUPS[group]
    _check(binaries, standins, dropped)
    by_dest = {d.replace("\\", "/"): s for d, s, kind in binaries if kind != "SYMLINK"}
    built = {s.dest: str(build(s, Path(by_dest[s.link]) if s.link else None)) for s in standins}
    names = {dest.rsplit("/", 1)[-1] for dest in dropped}
    kept = []
    for dest, src, kind in binaries:
        name = dest.replace("\\", "/")
        if name in built:
            kept.append((dest, built[name], kind))
        elif name not in dropped:
            kept.append((dest, src, kind))
    links = [(dest, src, kind) for dest, src, kind in datas
             if not (kind == "SYMLINK" and Path(src).name in names)]  # fmt: skip
    return kept, links
