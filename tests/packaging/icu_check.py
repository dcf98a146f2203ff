"""Call, through ctypes, the ICU functions Qt imports, on a folder's ICU libraries.

Run in a subprocess of its own (a process that has loaded PySide6 already has an ICU with the
same soname): `python icu_check.py FOLDER` prints one JSON object. Qt's libraries import only
collation (`ucol_*`), case mapping (`u_strToUpper/Lower`), time-zone ids and names (`ucal_*`)
and converters (`ucnv_*`) from ICU; packaging/icu_trim.py keeps the data those need for
root/en/de/zh, and tests/packaging/test_bundle.py checks the trimmed library answers as the
full one does.
"""

from __future__ import annotations

import ctypes
import json
import sys
from pathlib import Path

ERR = ctypes.POINTER(ctypes.c_int)
P, S, I = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int  # noqa: E741


def _fn(lib: ctypes.CDLL, name: str, res: object, *args: object) -> ctypes._CFuncPtr:
    fn = getattr(lib, f"{name}_73")
    fn.restype, fn.argtypes = res, args
    return fn


def _u16(text: str) -> tuple[ctypes.Array[ctypes.c_char], int]:
    data = text.encode("utf-16-le")
    return ctypes.create_string_buffer(data + b"\0\0", len(data) + 2), len(data) // 2


def check(folder: Path) -> dict[str, object]:
    for name in ("libicudata.so.73", "libicuuc.so.73"):
        ctypes.CDLL(str(folder / name), mode=ctypes.RTLD_GLOBAL)
    uc = ctypes.CDLL(str(folder / "libicuuc.so.73"))
    i18n = ctypes.CDLL(str(folder / "libicui18n.so.73"))
    err = ctypes.c_int(0)
    out = ctypes.create_string_buffer(128)
    result: dict[str, object] = {}

    def ok(what: str) -> None:
        assert err.value <= 0, (what, err.value)  # > 0: an error; < 0: a warning
        err.value = 0

    ucol_open = _fn(i18n, "ucol_open", P, S, ERR)
    strcoll = _fn(i18n, "ucol_strcoll", I, P, S, I, S, I)
    # zh sorts by pinyin (zhong after ba); root would sort by code point (U+4E2D, U+7238).
    for loc, a, b in (("de", "Äpfel", "Birne"), ("zh", "中", "爸"), ("en", "apple", "Banana")):
        coll = ucol_open(loc.encode(), ctypes.byref(err))
        assert coll, loc
        ok(f"ucol_open {loc}")
        (x, nx), (y, ny) = _u16(a), _u16(b)
        result[f"collate_{loc}"] = strcoll(coll, x, nx, y, ny)
    upper = _fn(uc, "u_strToUpper", I, S, I, S, I, S, ERR)
    src, n = _u16("straße")
    length = upper(out, 64, src, n, b"de", ctypes.byref(err))
    ok("u_strToUpper")
    result["upper_de"] = ctypes.string_at(out, length * 2).decode("utf-16-le")
    ucal_open = _fn(i18n, "ucal_open", P, S, I, S, I, ERR)
    zone_name = _fn(i18n, "ucal_getTimeZoneDisplayName", I, P, I, S, S, I, ERR)
    for loc in ("de", "zh", "en"):
        zone, n = _u16("Europe/Berlin")
        cal = ucal_open(zone, n, loc.encode(), 0, ctypes.byref(err))
        ok(f"ucal_open {loc}")
        length = zone_name(cal, 0, loc.encode(), out, 64, ctypes.byref(err))  # 0: UCAL_STANDARD
        ok(f"ucal_getTimeZoneDisplayName {loc}")
        result[f"zone_{loc}"] = ctypes.string_at(out, length * 2).decode("utf-16-le")
    canonical = _fn(
        i18n, "ucal_getCanonicalTimeZoneID", I, S, I, S, I, ctypes.POINTER(ctypes.c_byte), ERR
    )
    zone, n = _u16("Asia/Kolkata")
    system = ctypes.c_byte()
    length = canonical(zone, n, out, 64, ctypes.byref(system), ctypes.byref(err))
    ok("ucal_getCanonicalTimeZoneID")
    result["canonical_zone"] = ctypes.string_at(out, length * 2).decode("utf-16-le")
    ucnv_open = _fn(uc, "ucnv_open", P, S, ERR)
    for codec in ("UTF-8", "UTF-16LE", "ISO-8859-1", "US-ASCII"):
        assert ucnv_open(codec.encode(), ctypes.byref(err)), codec
        ok(f"ucnv_open {codec}")
    result["converters"] = "ok"
    return result


if __name__ == "__main__":
    print(json.dumps(check(Path(sys.argv[1])), ensure_ascii=False))
