"""Regenerates docs/screenshots/vision.png and region-picker.png on a private Xvfb.

    .venv/bin/python -m docs.screenshots.vision_shots     (from the repo root; needs Xvfb,
                                                            xdotool and ImageMagick's import)
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "docs" / "screenshots"
DOC_TEXT = """Quarterly report — draft

Revenue grew 12% over the last quarter, driven by the new
subscription plans. Churn fell from 4.1% to 3.2%.

Open questions
  1. Should the Pro plan include the API?
  2. Which regions launch next: Nordics or Iberia?
  3. Hiring: two engineers, one designer.
"""


def shoot(display: str, path: Path, crop: str) -> None:
    raw = path.with_suffix(".raw.png")
    subprocess.run(["import", "-display", display, "-window", "root", str(raw)], check=True)
    subprocess.run(["convert", str(raw), "-crop", crop, "+repage", str(path)], check=True)
    raw.unlink()


def main() -> None:
    scratch = Path(tempfile.mkdtemp())
    for name in ("CONFIG", "DATA", "CACHE"):
        os.environ[f"SCREENMATE_{name}_DIR"] = str(scratch / name.lower())
    os.environ.pop("GEMINI_API_KEY", None)
    os.environ.pop("GOOGLE_API_KEY", None)
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    os.environ.pop("DISPLAY", None)
    sys.path.insert(0, str(REPO))
    from tests.support.xvfb import start_xvfb

    server = start_xvfb(1600, 900)
    os.environ["DISPLAY"] = server.display
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    try:
        run(server.display)
    finally:
        server.stop()


def run(display: str) -> None:
    import qasync
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from desktop.capture.screen import RegionSource
    from desktop.core.geometry import Rect
    from desktop.settings import Settings, SettingsStore
    from desktop.ui.gui_app import SessionController
    from desktop.ui.main_window import MainWindow
    from desktop.ui.region_picker import RegionPicker
    from desktop.ui.vision import CAPTURE_ALLOWED, VisionController

    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    doc = QPlainTextEdit()
    doc.setPlainText(DOC_TEXT)
    doc.setFont(QFont("DejaVu Sans", 13))
    doc.setGeometry(30, 40, 620, 380)
    doc.setProperty(CAPTURE_ALLOWED, True)  # it stands for another program: not painted out
    doc.show()

    store = SettingsStore()
    window = MainWindow(Settings(), settings_store=store)
    controller = SessionController(window, window.settings)
    vision = VisionController(window, controller, window.settings, store)
    window.setGeometry(680, 30, 900, 620)
    window.show()

    async def scenario() -> None:
        task = asyncio.ensure_future(controller.run_until_closed())
        while window.status_text != "Live":
            await asyncio.sleep(0.1)
        vision.share(RegionSource(Rect(30, 40, 620, 380)), "region")
        while vision.panel.counter("sent") < 1:
            await asyncio.sleep(0.1)
        controller.send_text("What does the report say about churn?")
        while "saw" not in window.transcript.plain_text():
            await asyncio.sleep(0.1)
        await asyncio.sleep(1.0)
        shoot(display, OUT / "vision.png", "1600x690+0+0")

        vision.choose("none")
        picker = RegionPicker()
        picker.start()
        await asyncio.sleep(0.5)
        subprocess.run(["xdotool", "mousemove", "30", "40", "mousedown", "1"], check=True)
        subprocess.run(["xdotool", "mousemove", "400", "300", "mousemove", "650", "420"], check=True)
        await asyncio.sleep(0.5)
        shoot(display, OUT / "region-picker.png", "1600x900+0+0")
        subprocess.run(["xdotool", "mouseup", "1"], check=True)
        window.close()
        await task
        await vision.aclose()

    loop.run_until_complete(scenario())


if __name__ == "__main__":
    main()
