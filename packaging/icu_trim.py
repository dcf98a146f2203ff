"""Trim Qt's ICU data library (libicudata, ~31 MiB) to what Screenmate's languages need.

Qt formats dates, numbers and locale names from its own CLDR tables. What it calls in ICU
(`nm -D --undefined-only` over every Qt library and plugin in the bundle lists exactly these
families) is: collation (`ucol_*`: `coll/`, `ucadata.icu`), case mapping (`u_strToUpper/Lower`:
the case data is compiled into libicuuc), time-zone ids and display names (`ucal_*`: `zone/`,
`zoneinfo64`, `metaZones`, `timezoneTypes`) and text codecs (`ucnv_*`: only for encodings
Qt does not convert itself, i.e. anything but UTF-8/16/32 and Latin-1; Screenmate's text is
all UTF-8 and decoded by Python). ICU's data library holds far more, for ~900 locales.

This keeps the locale data of root, English, German and Chinese only (the languages Screenmate
ships; other locales fall back to root, as ICU does for any locale it does not know) and drops
what no ICU function Qt calls reads: break iteration (`brkitr/`, with the CJK/Thai
dictionaries: Qt finds text boundaries itself and imports no `ubrk_*`), transliteration,
currency/language/region/unit display names, spelled-out numbers, character names,
StringPrep/IDNA/confusables data and the table-based legacy converters (`*.cnv`; the algorithmic
ones, UTF-8/16/32, Latin-1 and ASCII, are code in libicuuc, and the alias table stays). An item
a kept one depends on (`icupkg` says which) is kept too. tests/packaging/test_bundle.py calls
those ICU functions on the trimmed library.

Needs `icupkg` (Debian: icu-devtools), `readelf` and a C compiler at build time; without
them the bundle keeps the full library (the spec says so). Run by packaging/screenmate.spec:

    python packaging/icu_trim.py dist/screenmate/_internal/PySide6/Qt/lib/libicudata.so.73
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LANGS = ("en", "de", "zh")
# A locale id: language, optional script, region and variant (af, zh_Hant_HK, es_419, ...).
LOCALE = re.compile(r"^([a-z]{2,3})(_[A-Z][a-z]{3})?(_(?:[A-Z]{2}|[0-9]{3}))?(_[A-Z0-9]+)*\.res$")


def missing_tools() -> list[str]:
    return [tool for tool in ("icupkg", "readelf", "cc") if shutil.which(tool) is None]


# Trees and items no ICU function that Qt imports reads (see above).
UNUSED_TREES = ("brkitr/", "translit/", "curr/", "lang/", "region/", "unit/", "rbnf/")
UNUSED_ITEMS = re.compile(r"^(unames\.icu|confusables\w*\.cfu|\w+\.spp|uts46\.nrm|.+\.cnv)$")


def droppable(item: str) -> bool:
    """An item of the package (`coll/fr.res`, `af.res`, `brkitr/thaidict.dict`) we drop."""
    if item.startswith(UNUSED_TREES) or UNUSED_ITEMS.match(item):
        return True
    name = item.rsplit("/", 1)[-1]
    match = LOCALE.match(name)
    return bool(match) and match.group(1) not in KEEP_LANGS


def _data_symbol(lib: Path) -> tuple[str, int, int]:
    """(symbol, file offset, size) of the ICU data blob (`icudt73_dat`) in the library."""
    symbols = subprocess.run(["readelf", "-Ws", "--dyn-syms", str(lib)], check=True,
                             capture_output=True, text=True).stdout  # fmt: skip
    found = re.search(r":\s+([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+\d+\s+"
                      r"(icudt\d+_dat)", symbols)  # fmt: skip
    if not found:
        raise RuntimeError(f"no icudt*_dat symbol in {lib}")
    address, size, name = int(found.group(1), 16), int(found.group(2), 0), found.group(3)
    sections = subprocess.run(["readelf", "-SW", str(lib)], check=True, capture_output=True,
                              text=True).stdout  # fmt: skip
    for line in sections.splitlines():
        parts = line.replace("[ ", "[").split()
        if len(parts) > 5 and parts[1] == ".rodata":
            start, offset = int(parts[3], 16), int(parts[4], 16)
            return name, offset + address - start, size
    raise RuntimeError(f"no .rodata section in {lib}")


def trim(lib: Path) -> tuple[int, int]:
    """Rewrite `lib` with the trimmed data; returns (bytes before, bytes after)."""
    symbol, offset, size = _data_symbol(lib)
    package = symbol.removesuffix("_dat") + "l"  # e.g. icudt73l (little-endian)
    before = lib.stat().st_size
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        (work / "out").mkdir()
        source, result = work / "in" / f"{package}.dat", work / "out" / f"{package}.dat"
        source.write_bytes(lib.read_bytes()[offset : offset + size])
        items = subprocess.run(["icupkg", "-l", str(source)], check=True, capture_output=True,
                               text=True).stdout.split()  # fmt: skip
        drop = [item for item in items if droppable(item)]
        for _ in range(10):
            (work / "drop.txt").write_text("\n".join(drop) + "\n")
            run = subprocess.run(["icupkg", "-r", str(work / "drop.txt"), str(source),
                                  str(result)], capture_output=True, text=True)  # fmt: skip
            needed = set(re.findall(r"depends on missing item (\S+)", run.stdout + run.stderr))
            if run.returncode == 0 or not needed:
                break
            drop = [item for item in drop if item not in needed]
        if run.returncode != 0:
            raise RuntimeError(f"icupkg failed: {run.stderr[-2000:]}")
        asm = work / "icudata.S"
        asm.write_text(
            f".section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n"
            f'{symbol}:\n.incbin "{result}"\n.size {symbol}, .-{symbol}\n'
            '.section .note.GNU-stack,"",@progbits\n'
        )
        built = work / lib.name
        subprocess.run(["cc", "-shared", "-nostdlib", f"-Wl,-soname,{lib.name}", "-o",
                        str(built), str(asm)], check=True, capture_output=True)  # fmt: skip
        shutil.copyfile(built, lib)
    return before, lib.stat().st_size


if __name__ == "__main__":
    library = Path(sys.argv[1])
    old, new = trim(library)
    print(f"{library.name}: {old / 2**20:.1f} MiB -> {new / 2**20:.1f} MiB")
