"""A frameless window with known content at a known place, for capture tests.

`python -m tests.support.pattern_window X Y W H [SEED]` shows it until killed, and prints
"ready <window id>" once it is on screen. `pattern(w, h, seed)` is the same picture as a BGRA
array, to compare captures with. Control lines on stdin: `move X Y W H`, `seed N`.
"""

from __future__ import annotations

import sys

import numpy as np


def pattern(w: int, h: int, seed: int = 0) -> np.ndarray:
    """Four coloured quadrants with a grid of bars whose colours depend on `seed`."""
    img = np.zeros((h, w, 4), np.uint8)
    img[..., 3] = 255
    colours = [(40, 40, 220), (40, 200, 40), (220, 60, 40), (230, 230, 230)]  # BGR
    colours = colours[seed % 4 :] + colours[: seed % 4]
    img[: h // 2, : w // 2, :3] = colours[0]
    img[: h // 2, w // 2 :, :3] = colours[1]
    img[h // 2 :, : w // 2, :3] = colours[2]
    img[h // 2 :, w // 2 :, :3] = colours[3]
    for i in range(0, w, max(w // 8, 1)):  # dark vertical bars every eighth
        img[:, i : i + max(w // 32, 2), :3] = 20 + 30 * (seed % 3)
    return img


def main() -> None:
    from PySide6.QtCore import QSocketNotifier, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication, QWidget

    x, y, w, h = (int(v) for v in sys.argv[1:5])
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    app = QApplication(sys.argv[:1])

    class Pattern(QWidget):
        def __init__(self) -> None:
            super().__init__(None, Qt.WindowType.FramelessWindowHint)
            self.setWindowTitle("pattern")
            self.seed = seed

        def paintEvent(self, _event: object) -> None:
            arr = np.ascontiguousarray(pattern(self.width(), self.height(), self.seed))
            image = QImage(arr.data, arr.shape[1], arr.shape[0], QImage.Format.Format_RGB32)
            painter = QPainter(self)
            painter.drawImage(0, 0, image)
            painter.end()

    win = Pattern()
    win.setGeometry(x, y, w, h)
    win.show()

    def command() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        parts = line.split()
        if parts[:1] == ["move"]:
            win.setGeometry(*(int(v) for v in parts[1:5]))
        elif parts[:1] == ["seed"]:
            win.seed = int(parts[1])
            win.update()
        app.processEvents()
        print("ok", flush=True)

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)

    def ready() -> None:
        print(f"ready {int(win.winId())}", flush=True)

    from PySide6.QtCore import QTimer

    QTimer.singleShot(300, ready)
    app.exec()


if __name__ == "__main__":
    main()
