"""The real app with a user at the keyboard: `python -m tests.support.soak_app OUT_DIR SECONDS`.

Starts Screenmate's real window (`run_gui`, the same composition as `python -m desktop`) and,
once it is live, plays a user through the window's own widgets for SECONDS: typing lines,
opening and closing every dialog, searching the history, switching the talk mode, pushing to
talk, sharing a region, pausing it, and opening the pairing dialog (its code is written to
OUT_DIR/pair-code for the companion device the outer soak runs). Every 5 s it appends what only
the process itself can see (Python objects, tasks, widgets) to OUT_DIR/stats.jsonl. Then it
quits through the window, as Ctrl+Q does.

Input goes through Qt's event system (QTest) to the real widgets: no X pointer races with the
tray host, and nothing in the app knows it is being driven.
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import json
import os
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton, QWidget

STEP_S = 3.0
STATS_EVERY_S = 5.0


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]  # fmt: skip


def _load_mallinfo2() -> Any:
    try:
        mallinfo2 = ctypes.CDLL("libc.so.6").mallinfo2  # once: each CDLL makes new classes
    except (OSError, AttributeError):
        return None
    mallinfo2.restype = _MallInfo2
    return mallinfo2


_MALLINFO2 = _load_mallinfo2()


def _malloc_mb() -> dict[str, float]:
    """glibc's view of the native heap: in use vs free inside its arenas (fragmentation)."""
    if _MALLINFO2 is None:
        return {}
    info = _MALLINFO2()
    mb = 1024 * 1024
    return {
        "malloc_in_use_mb": round((info.uordblks + info.hblkhd) / mb, 1),
        "malloc_free_mb": round(info.fordblks / mb, 1),
    }


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _class_name(cls: type) -> str:
    try:
        return f"{getattr(cls, '__module__', '?')}.{getattr(cls, '__qualname__', '?')}"
    except Exception:  # a metaclass with odd attributes must not end the soak's driver
        return repr(cls)


def _holders(type_name: str, depth: int = 6) -> list[str]:
    """Referrer chains (types, newest first) of the objects of `type_name`: what keeps them."""
    import inspect

    found = [o for o in gc.get_objects() if type(o).__name__ == type_name][-3:]
    out = []
    for obj in found:
        chain, current = [], obj
        for _ in range(depth):
            refs = [
                r
                for r in gc.get_referrers(current)
                if (not inspect.isframe(r) and r is not found and type(r).__name__ != "list")
                or (type(r).__name__ == "list" and r is not found and len(r) < 1000)
            ]
            if not refs:
                break
            current = refs[0]
            label = type(current).__qualname__
            if isinstance(current, dict):
                keys = [str(k) for k in list(current)[:6]]
                label += "{" + ",".join(keys) + "}"
            chain.append(label)
        out.append("  " + " <- ".join(chain))
    return out


def _report_failure(task: asyncio.Task[None]) -> None:
    """The driver must never die quietly: the soak reads tracebacks on stderr as failures."""
    if not task.cancelled() and task.exception() is not None:
        import traceback

        traceback.print_exception(task.exception(), file=sys.stderr)


class SoakUser:
    def __init__(self, out: Path, seconds: float, ready: Path) -> None:
        self.out = out
        self.seconds = seconds
        self.ready = ready
        self.steps = 0
        self.lines_typed = 0
        self.actions: dict[str, int] = {}
        self.started = time.monotonic()
        self.skip = set(os.environ.get("SCREENMATE_SOAK_SKIP", "").split(","))
        self._baseline: Any = None
        self._types_at_warmup: Any = None
        self._classes_at_warmup: set[int] = set()

    # -- finding the real widgets ---------------------------------------------------------

    @property
    def window(self) -> QWidget:
        from desktop.ui.main_window import MainWindow

        return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))

    def _child(self, kind: type, name: str) -> QWidget:
        found = self.window.findChild(kind, name)
        if found is None:
            raise RuntimeError(f"no {kind.__name__} named {name!r} in the window")
        return found

    def _top_level(self, class_name: str) -> QWidget | None:
        for widget in QApplication.topLevelWidgets():
            if type(widget).__name__ == class_name and widget.isVisible():
                return widget
        return None

    # -- the user's actions ---------------------------------------------------------------

    async def type_line(self) -> None:
        box = self._child(QLineEdit, "messageInput")
        assert isinstance(box, QLineEdit)
        box.setFocus()
        self.lines_typed += 1
        QTest.keyClicks(box, f"soak line {self.lines_typed}: what is on my screen?")
        QTest.keyClick(box, Qt.Key.Key_Return)

    async def settings_dialog(self) -> None:
        from desktop.ui.settings_dialog import SettingsDialog

        self.window.open_settings()  # type: ignore[attr-defined]
        await asyncio.sleep(1.0)
        dialog = self.window.findChild(SettingsDialog)
        if dialog is not None and dialog.isVisible():
            dialog.reject()

    async def history_search(self) -> None:
        self.window.history_requested.emit()  # type: ignore[attr-defined]
        await asyncio.sleep(0.7)
        history = self._top_level("HistoryWindow")
        if history is None:
            return
        search = history.findChild(QLineEdit, "historySearch")
        if isinstance(search, QLineEdit):
            search.clear()
            QTest.keyClicks(search, "soak")
            await asyncio.sleep(1.0)
        history.close()

    async def pairing_dialog(self) -> None:
        from desktop.ui.pairing_dialog import PairingDialog

        self.window.pair_requested.emit()  # type: ignore[attr-defined]
        dialog = None
        for _ in range(50):
            await asyncio.sleep(0.1)
            dialog = self.window.findChild(PairingDialog)
            if dialog is not None and dialog.isVisible():
                break
        if dialog is None:
            return
        code_file = self.out / "pair-code"
        if not (self.out / "paired").exists():
            code_file.write_text(dialog.code_text)
            # Stay open while the companion pairs (the code is valid while the dialog shows).
            for _ in range(150):
                if (self.out / "paired").exists():
                    break
                await asyncio.sleep(0.1)
        await asyncio.sleep(1.0)
        dialog.reject()

    async def switch_talk_mode(self) -> None:
        combo = self._child(QComboBox, "talkMode")
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(1 - combo.currentIndex())

    async def push_to_talk(self) -> None:
        button = self._child(QPushButton, "talkButton")
        if not button.isEnabled():
            return
        QTest.mousePress(button, Qt.MouseButton.LeftButton)
        await asyncio.sleep(1.2)
        QTest.mouseRelease(button, Qt.MouseButton.LeftButton)

    async def share_region(self) -> None:
        source = self._child(QComboBox, "visionSource")
        assert isinstance(source, QComboBox)
        wanted = "none" if source.currentData() == "last-region" else "last-region"
        index = source.findData(wanted)
        if index >= 0:
            source.setCurrentIndex(index)

    async def pause_sharing(self) -> None:
        pause = self._child(QPushButton, "visionPause")
        if pause.isEnabled():
            QTest.mouseClick(pause, Qt.MouseButton.LeftButton)

    # -- the run --------------------------------------------------------------------------

    def script(self) -> list[tuple[str, Callable[[], Awaitable[None]]]]:
        return [
            ("pair", self.pairing_dialog),
            ("share", self.share_region),
            ("type", self.type_line),
            ("settings", self.settings_dialog),
            ("type", self.type_line),
            ("history", self.history_search),
            ("pause", self.pause_sharing),
            ("type", self.type_line),
            ("talk-mode", self.switch_talk_mode),
            ("push-to-talk", self.push_to_talk),
            ("type", self.type_line),
            ("pause", self.pause_sharing),
            ("talk-mode", self.switch_talk_mode),
            ("share", self.share_region),
            ("type", self.type_line),
            ("share", self.share_region),
        ]

    def write_stats(self) -> None:
        from desktop.ui.main_window import MainWindow

        tasks = len(asyncio.all_tasks())
        row = {
            "t": round(time.monotonic() - self.started, 1),
            "rss_mb": round(_rss_mb(), 1),
            "objects": len(gc.get_objects()),
            "tasks": tasks,
            "threads": threading.active_count(),
            "fds": len(os.listdir("/proc/self/fd")),
            "top_level_widgets": len(QApplication.topLevelWidgets()),
            "main_windows": sum(isinstance(w, MainWindow) for w in QApplication.topLevelWidgets()),
            "steps": self.steps,
            "lines_typed": self.lines_typed,
            "actions": self.actions,
            "none_refs": sys.getrefcount(None),
            **_malloc_mb(),
        }
        with (self.out / "stats.jsonl").open("a") as f:
            f.write(json.dumps(row) + "\n")

    def _count_types(self) -> None:
        """Python objects by type at warm-up and at the end (OUT_DIR/object-types.txt): the
        types whose count keeps growing are where a leak lives."""
        from collections import Counter

        gc.collect()  # garbage that a later collection frees is not a leak
        objects = gc.get_objects()
        counts = Counter(type(o).__qualname__ for o in objects)
        # type(o), not isinstance: a dead weak proxy raises on __class__.
        classes = {id(o): o for o in objects if issubclass(type(o), type)}
        if self._types_at_warmup is None:
            self._types_at_warmup = counts
            self._classes_at_warmup = set(classes)
            return
        # Classes made at run time after warm-up (a class per call is a leak of its own).
        made = Counter(
            _class_name(c) for key, c in classes.items() if key not in self._classes_at_warmup
        )
        grown = counts.copy()
        grown.subtract(self._types_at_warmup)
        lines = [f"{n:+7d} {name}" for name, n in grown.most_common(30) if n > 0]
        wanted = os.environ.get("SCREENMATE_SOAK_HOLDERS")  # e.g. SSLContext,LiveSession
        for name in filter(None, (wanted or "").split(",")):
            lines += ["", f"who holds the {name} objects:", *_holders(name)]
        lines += ["", "classes made after warm-up:"]
        lines += [f"{n:7d} {name}" for name, n in made.most_common(20)]
        (self.out / "object-types.txt").write_text("\n".join(lines) + "\n")

    def _diagnose(self) -> None:
        """Diagnostics only: a failure here is written to OUT_DIR, never ends the run."""
        try:
            self._trace()
            self._count_types()
        except Exception as exc:
            with (self.out / "diagnostics-failed.txt").open("a") as f:
                f.write(f"{exc!r}\n")

    def _trace(self) -> None:
        """SCREENMATE_SOAK_TRACEMALLOC=1: where Python memory grew between warm-up and the end
        (OUT_DIR/tracemalloc.txt), for finding what a steady RSS climb is made of."""
        import tracemalloc

        if not tracemalloc.is_tracing():
            return
        now = tracemalloc.take_snapshot()
        if self._baseline is None:
            self._baseline = now
            return
        top = now.compare_to(self._baseline, "traceback")[:25]
        lines = []
        for stat in top:
            lines.append(f"{stat.size_diff / 1024:+.1f} KiB, {stat.count_diff:+d} blocks")
            lines.extend(f"    {frame}" for frame in stat.traceback.format()[-8:])
        (self.out / "tracemalloc.txt").write_text("\n".join(lines))

    async def run(self) -> None:
        if os.environ.get("SCREENMATE_SOAK_TRACEMALLOC"):
            import tracemalloc

            tracemalloc.start(8)
        warmed = False
        while not self.ready.exists():  # noqa: ASYNC110 (run_gui writes it; nothing to await)
            await asyncio.sleep(0.2)
        script = self.script()
        next_stats = 0.0
        deadline = self.started + self.seconds
        while time.monotonic() < deadline:
            now = time.monotonic()
            if now >= next_stats:
                self.write_stats()
                next_stats = now + STATS_EVERY_S
            if not warmed and now - self.started > min(60.0, self.seconds / 4):
                warmed = True
                self._diagnose()
            name, action = script[self.steps % len(script)]
            if name in self.skip:
                name, action = "type", self.type_line
            if name == "pair" and self.steps >= len(script):
                name, action = "type", self.type_line  # pair once; the device stays paired
            try:
                await action()
                self.actions[name] = self.actions.get(name, 0) + 1
            except Exception as exc:  # a broken step is a finding, not a reason to stop
                print(f"soak step {name} failed: {exc!r}", file=sys.stderr)
            self.steps += 1
            await asyncio.sleep(STEP_S)
        self.write_stats()
        self._diagnose()
        (self.out / "done").write_text(json.dumps(self.actions))
        self.window.quit()  # type: ignore[attr-defined]


def main() -> int:
    out, seconds = Path(sys.argv[1]), float(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    ready = out / "ready"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    user = SoakUser(out, seconds, ready)
    tasks: list[asyncio.Task[None]] = []

    # Runs once run_gui's qasync loop is turning.
    def start() -> None:
        task = asyncio.ensure_future(user.run())
        task.add_done_callback(_report_failure)
        tasks.append(task)

    QTimer.singleShot(500, start)
    from desktop.ui.gui_app import run_gui

    code = run_gui(base_url=None, ca_file=None, model=None, ready_file=str(ready))
    del app
    return code


if __name__ == "__main__":
    sys.exit(main())
