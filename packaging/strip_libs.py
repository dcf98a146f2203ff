"""Strip the symbol tables and debug info from the bundle's shared libraries (Linux).

Most wheels ship stripped libraries, some do not: cryptography's Rust binding carries 2.7 MiB
of symbols, Qt's ICU 1.3 MiB, a self-built libpython 0.7 MiB. `strip --strip-unneeded` keeps
the dynamic symbol table (what the loader and `dlsym` use) and drops the rest.

binutils' strip can rewrite the layout of a library that auditwheel patched with patchelf so
that a loadable segment's file offset no longer matches its address modulo the page size
(numpy's OpenBLAS then fails with "ELF load command address/offset not page-aligned"). So each
library is stripped into a copy, the copy's program headers are checked for that, and a copy
that fails the check is thrown away: the original stays. Run by packaging/screenmate.spec:

    python packaging/strip_libs.py dist/screenmate/_internal
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Not worth a strip run: libraries whose sections outside the loaded image are smaller.
MIN_SAVING = 16 * 1024
_SECTION = re.compile(
    r"^\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)\s+\S+\s*([A-Z]*)"
)
_LOAD = re.compile(
    r"^\s*LOAD\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+\S+\s+\S+\s+\S+\s+.*?(0x[0-9a-f]+)$"
)


def missing_tools() -> list[str]:
    return [tool for tool in ("strip", "readelf") if shutil.which(tool) is None]


def is_elf(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(4) == b"\x7fELF"


def unloaded_bytes(path: Path) -> int:
    """Bytes in sections the loader never maps (.symtab, .strtab, .debug_*, .comment)."""
    out = subprocess.run(["readelf", "-SW", str(path)], capture_output=True, text=True).stdout
    total = 0
    for line in out.splitlines():
        match = _SECTION.match(line)
        if match and "A" not in match.group(3) and match.group(1) != ".shstrtab":
            total += int(match.group(2), 16)
    return total


def loads_aligned(path: Path) -> bool:
    """Every PT_LOAD has offset ≡ address (mod alignment), as the loader requires."""
    out = subprocess.run(["readelf", "-lW", str(path)], capture_output=True, text=True).stdout
    loads = [_LOAD.match(line) for line in out.splitlines()]
    loads = [m for m in loads if m]
    if not loads:
        return False
    for match in loads:
        offset, address, align = (int(g, 16) for g in match.groups())
        if align > 1 and offset % align != address % align:
            return False
    return True


def strip_all(internal: Path) -> tuple[int, list[str]]:
    """Strip every shared library under `internal` in place. Returns (bytes saved, the
    libraries left as they were because their stripped copy would not load)."""
    saved, kept = 0, []
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(internal.rglob("*")):
            if path.is_symlink() or not path.is_file() or not is_elf(path):
                continue
            if unloaded_bytes(path) < MIN_SAVING:
                continue
            copy = Path(tmp) / path.name
            run = subprocess.run(
                ["strip", "--strip-unneeded", "-o", str(copy), str(path)],
                capture_output=True,
                text=True,
            )
            if run.returncode != 0 or not loads_aligned(copy):
                kept.append(str(path.relative_to(internal)))
                continue
            saved += path.stat().st_size - copy.stat().st_size
            mode = path.stat().st_mode
            shutil.copyfile(copy, path)
            os.chmod(path, mode)
            copy.unlink()
    return saved, kept


if __name__ == "__main__":
    done, left = strip_all(Path(sys.argv[1]))
    print(f"stripped {done / 2**20:.1f} MiB; left as they were: {', '.join(left) or 'none'}")
