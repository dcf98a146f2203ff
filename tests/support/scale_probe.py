"""Run in a child process with QT_SCALE_FACTOR set: opens the full main window with its
default size (or the geometry a user saved on a bigger screen), then prints where it landed
as JSON and saves its picture.

    python -m tests.support.scale_probe OUT.png CONFIG_DIR
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from pathlib import Path


def main() -> None:
    out, config = Path(sys.argv[1]), Path(sys.argv[2])
    import os

    os.environ["SCREENMATE_CONFIG_DIR"] = str(config)
    import qasync
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    from tests.support.full_window import build

    async def run() -> dict[str, object]:
        full = build(Path(tempfile.mkdtemp()))
        window = full.window
        window.show()
        await full.voice.start()
        full.converse()
        await asyncio.sleep(0.5)
        screen = window.screen()
        available = screen.availableGeometry()
        frame = window.frameGeometry()
        box = window.message_input
        top_left = box.mapToGlobal(QPoint(0, 0))
        window.grab().save(str(out))
        facts = {
            "ratio": window.devicePixelRatioF(),
            "available": [available.x(), available.y(), available.width(), available.height()],
            "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
            "input": [top_left.x(), top_left.y(), box.width(), box.height()],
            "input_visible": box.isVisible(),
        }
        await full.aclose()
        window.close()
        return facts

    print(json.dumps(loop.run_until_complete(run())))


if __name__ == "__main__":
    main()
