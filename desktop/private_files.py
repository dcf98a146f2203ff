"""The user's own files stay the user's: directories 0700, files 0600 (issue 14).

Transcripts (history.db), settings, paired devices and the companion keys are private. New
files are created with mode 0600 from the start (`os.open(..., 0o600)`, never a chmod after
the content is written); directories and files left by older versions with wider modes are
narrowed when they are next opened (`private_dir`, `private_file`), which happens at every
start-up: the settings are read, the history is opened and the companion store is loaded.
On Windows the modes mean little; the per-user directories are private there already.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create `path` (mode 0700) or narrow an existing one; parents are left alone."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    _narrow(path, DIR_MODE)
    return path


def private_file(path: Path) -> None:
    """Narrow an existing file to 0600 (a no-op for a missing one)."""
    _narrow(path, FILE_MODE)


def create_private(path: Path) -> None:
    """Make sure `path` exists, created 0600 (for files another library then opens)."""
    private_dir(path.parent)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    private_file(path)


def write_private(path: Path, data: bytes) -> None:
    """Atomically replace `path` with `data`; the new file is 0600 from its first byte."""
    private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _narrow(path: Path, mode: int) -> None:
    try:
        current = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    except OSError as exc:
        log.warning("cannot check the permissions of %s: %s", path, exc)
        return
    if os.name != "posix" or current & ~mode == 0:
        return
    try:
        path.chmod(current & mode)
        log.info("narrowed %s from %o to %o", path, current, current & mode)
    except OSError as exc:
        log.warning("cannot make %s private: %s", path, exc)
