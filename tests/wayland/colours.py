"""A full-screen window of known colours on the Wayland test desktop.

`python -m tests.wayland.colours [SEED] [tiled]` (with the desktop's environment) shows
`tests.support.pattern_window.pattern(W, H, SEED)` full screen (or as a tiled window, which
shares the screen with the next window opened) and prints "ready W H" once the compositor has
shown it. Lines on stdin: `seed N` repaints with another seed (answers "ok"); `size` answers
"size W H" (device pixels, as now drawn); `animate HZ` flips between two seeds HZ times a
second (0 stops).
"""

from __future__ import annotations

import os
import sys

import numpy as np

from tests.support.pattern_window import pattern


def main() -> None:
    os.environ["QT_QPA_PLATFORM"] = "wayland"
    from PySide6.QtCore import QSocketNotifier, QTimer
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 0

    class Colours(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.setWindowTitle("sm-colours")
            self.seed = seed
            self.painted = False

        def paintEvent(self, _event: object) -> None:
            # Logical size × the screen's ratio: the picture is drawn 1:1 in device pixels.
            ratio = self.devicePixelRatioF()
            w, h = round(self.width() * ratio), round(self.height() * ratio)
            arr = np.ascontiguousarray(pattern(w, h, self.seed))
            image = QImage(arr.data, w, h, QImage.Format.Format_RGB32)
            image.setDevicePixelRatio(ratio)
            painter = QPainter(self)
            painter.drawImage(0, 0, image)
            painter.end()
            self.painted = True

    win = Colours()
    if "tiled" in sys.argv[2:]:
        win.show()
    else:
        win.showFullScreen()

    def command() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        parts = line.split()
        if parts[:1] == ["seed"]:
            win.seed = int(parts[1])
            win.repaint()
            print("ok", flush=True)
        elif parts[:1] == ["animate"]:  # repaint N times a second, alternating two seeds
            hz = float(parts[1])
            animation.stop()
            if hz > 0:
                animation.start(round(1000 / hz))
            print("ok", flush=True)
        elif parts[:1] == ["size"]:
            ratio = win.devicePixelRatioF()
            w, h = round(win.width() * ratio), round(win.height() * ratio)
            print(f"size {w} {h}", flush=True)

    def flip() -> None:
        win.seed ^= 1
        win.repaint()

    animation = QTimer()
    animation.timeout.connect(flip)

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)

    def ready() -> None:
        if not win.painted or win.width() < 200:
            QTimer.singleShot(100, ready)
            return
        ratio = win.devicePixelRatioF()
        print(f"ready {round(win.width() * ratio)} {round(win.height() * ratio)}", flush=True)

    QTimer.singleShot(300, ready)
    app.exec()


if __name__ == "__main__":
    main()
