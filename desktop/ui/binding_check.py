"""Refuse to run on a Python/PySide6 pair that miscounts references to None or True.

PySide6 6.12.0 on CPython 3.11 takes one reference from `None` on every Qt call that returns
nothing and one from `True` on every `Signal.emit`. An idle window makes ~1,000 such calls a
second, and once the count reaches zero the interpreter aborts with "Fatal Python error:
none_dealloc" - about two minutes in, with nothing saved. On 3.12+ None and True are immortal
and the count never moves, so the same bindings are harmless there.

The check makes a few hundred no-op Qt calls and compares `sys.getrefcount` before and after:
a sound pair drifts 0, the broken one by one per call. It needs no QApplication and takes well
under a millisecond. `python -m desktop.ui.binding_check` runs it on its own (exit 1 on drift),
which is how a new binding release can be checked before it is allowed in pyproject.toml.
"""

from __future__ import annotations

import ctypes
import sys
from dataclasses import dataclass

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import QObject, Signal

CALLS = 200


class _Beacon(QObject):
    fired = Signal()


@dataclass(frozen=True)
class ReferenceDrift:
    """How many references to None / True went missing over `calls` no-op Qt calls."""

    calls: int
    none: int
    true: int

    @property
    def broken(self) -> bool:
        # A sound binding drifts 0; the broken one loses one per call. Half the calls leaves
        # room for an unrelated reference taken or dropped meanwhile, and none for the bug.
        return max(self.none, self.true) >= self.calls // 2


def measure_drift(calls: int = CALLS) -> ReferenceDrift:
    """Make `calls` Qt calls that return None and `calls` signal emits; count what was lost."""
    target = QObject()
    beacon = _Beacon()
    set_name = target.setObjectName
    emit = beacon.fired.emit
    none_before = sys.getrefcount(None)
    for _ in range(calls):
        set_name("binding-check")
    none_lost = none_before - sys.getrefcount(None)
    true_before = sys.getrefcount(True)
    for _ in range(calls):
        emit()
    true_lost = true_before - sys.getrefcount(True)
    _give_back(None, none_lost)
    _give_back(True, true_lost)
    return ReferenceDrift(calls, none_lost, true_lost)


def _give_back(obj: object, count: int) -> None:
    """Return the references a broken binding took during the check, so the check itself never
    brings the abort closer (on 3.11 True starts with only a few thousand references, and the
    interpreter drops them all at exit). Py_IncRef is a no-op on immortal objects."""
    for _ in range(max(count, 0)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))


def binding_problem(drift: ReferenceDrift | None = None) -> str | None:
    """A message for the user when this Python/PySide6 pair would crash, else None."""
    drift = drift if drift is not None else measure_drift()
    if not drift.broken:
        return None
    python = ".".join(str(part) for part in sys.version_info[:3])
    return (
        f"Screenmate cannot start safely: PySide6 {PYSIDE_VERSION} on Python {python} loses a "
        f"reference to None or True on every Qt call ({drift.none} and {drift.true} lost over "
        f"{drift.calls} calls), so the app would abort within minutes "
        '("Fatal Python error: none_dealloc").\n\n'
        "Fix: run scripts/setup.sh again (it installs PySide6 older than 6.12 on Python 3.11), "
        "or in your environment: pip install 'PySide6-Essentials<6.12' 'PySide6-Addons<6.12', "
        "or use Python 3.12 or newer."
    )


def main() -> int:
    drift = measure_drift()
    print(
        f"PySide6 {PYSIDE_VERSION}, Python {sys.version.split()[0]}: "
        f"None lost {drift.none}, True lost {drift.true} over {drift.calls} calls -> "
        f"{'BROKEN' if drift.broken else 'ok'}"
    )
    return 1 if drift.broken else 0


if __name__ == "__main__":
    sys.exit(main())
