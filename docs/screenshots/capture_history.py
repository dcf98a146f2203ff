"""Regenerates docs/screenshots/history.png: the History window over sample sessions.

Run under an X server (e.g. a private Xvfb): `DISPLAY=:78 .venv/bin/python
docs/screenshots/capture_history.py OUT.png`. It writes a real SQLite history in a scratch
directory, shows the real window, searches, and grabs the window with ImageMagick `import`.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from desktop.core.events import LineSource, Role, SessionState, StateChanged, TranscriptLine, Usage
from desktop.outputs.history import HistoryRecorder
from desktop.ui.history_window import HistoryWindow
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

START = 1_763_700_000.0  # a November 2025 afternoon
SESSIONS = [
    (
        0,
        [
            (
                "What is this chart showing?",
                "Monthly revenue: flat until March, then rising about eight percent a month.",
            ),
            ("Which month was the best?", "August, at just over 1.2 million."),
        ],
        (52_000, 9_000),
    ),
    (
        5_400,
        [
            (
                "Can you read the error in the terminal?",
                "It says port 8443 is already in use; another server is still running.",
            ),
            ("How do I find it?", "Run lsof -i :8443 and stop the process it lists."),
        ],
        (23_500, 4_100),
    ),
    (
        86_400,
        [
            (
                "Does this email sound too harsh?",
                "A little. Try opening with the thanks and "
                "moving the deadline to the second paragraph.",
            )
        ],
        (8_200, 1_300),
    ),
    (
        172_800,
        [("Translate the sign in this photo.", "It reads: 'Closed on Sundays'.")],
        (3_100, 600),
    ),
]


def fill(recorder: HistoryRecorder, now: list[float]) -> None:
    n = 0
    for offset, turns, (prompt, response) in SESSIONS:
        now[0] = START + offset
        recorder.new_session("gemini-3.1-flash-live-preview", "Google")
        t = now[0]
        for question, answer in turns:
            for role, text in ((Role.USER, question), (Role.MODEL, answer)):
                n += 1
                recorder(TranscriptLine(n, role, text, LineSource.SPEECH, t, t + 4.0))
                t += 31.0
        recorder(
            Usage(
                prompt,
                response,
                prompt + response,
                {"AUDIO": prompt - 2000, "TEXT": 800, "IMAGE": 1200},
                {"AUDIO": response},
            )
        )
        now[0] = t
        recorder(StateChanged(SessionState.CLOSED))


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/history.png")
    app = QApplication(sys.argv[:1])
    scratch = Path(tempfile.mkdtemp())
    now = [START]
    recorder = HistoryRecorder(path=scratch / "history.db", clock=lambda: now[0])
    fill(recorder, now)
    assert recorder.store is not None
    window = HistoryWindow(recorder.store)
    window.resize(980, 600)
    window.move(0, 0)
    window.show()
    window.search.setText("port")
    window.refresh()
    window.search.setText("")
    window.refresh()
    window.select_row(1)

    def grab() -> None:
        raw = scratch / "root.png"
        subprocess.run(["import", "-window", "root", str(raw)], check=True)
        geometry = window.frameGeometry()
        crop = f"{geometry.width()}x{geometry.height()}+{geometry.x()}+{geometry.y()}"
        subprocess.run(["convert", str(raw), "-crop", crop, "+repage", str(out)], check=True)
        app.quit()

    QTimer.singleShot(1500, grab)
    app.exec()
    recorder.close()


if __name__ == "__main__":
    main()
