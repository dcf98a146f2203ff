"""Regenerates docs/screenshots/grounding.png: a Google Search grounded answer in the window.

Run under an X server (e.g. a private Xvfb): `DISPLAY=:78 .venv/bin/python
docs/screenshots/capture_grounding.py OUT.png`. The real window, session and SDK talk to the
bundled emulator with Google Search grounding asked for; the emulator grounds its answer on
example.org pages (its stand-in for Google's results) and sends a search entry point.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

import qasync
from desktop.emulator import LiveEmulator
from desktop.session.endpoint import Endpoint
from desktop.session.live_session import LiveSession
from desktop.settings import Settings, SettingsStore
from desktop.ui.main_window import MainWindow
from PySide6.QtWidgets import QApplication

QUESTION = "What's the weather in Berlin today?"


async def capture(window: MainWindow, out: Path) -> None:
    emulator = LiveEmulator(port=0, cert_dir=Path(tempfile.mkdtemp()) / "certs")
    emulator.script_reply(
        "Sunny and mild in Berlin today: about 14 degrees, with a light westerly wind "
        "and no rain expected before the evening."
    )
    await emulator.start()
    endpoint = Endpoint("demo", emulator.base_url, emulator.ca_file, False, "Gemini Live")
    window.set_endpoint(endpoint)
    session = LiveSession(endpoint, window.settings, window.apply_event)
    window.text_submitted.connect(session.send_text)
    running = asyncio.ensure_future(session.run())
    while window.status_text != "Live":
        await asyncio.sleep(0.05)
    window.message_input.setText(QUESTION)
    window.message_input.returnPressed.emit()
    while not window.grounding.isVisible() or "14 degrees" not in window.transcript.plain_text():
        await asyncio.sleep(0.05)
    await asyncio.sleep(1.5)  # the rest of the answer and the usage line
    window.grab().save(str(out))
    await session.stop()
    await running
    await emulator.stop()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/grounding.png")
    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    settings = Settings(tools_google_search=True, tools_point_at=False)
    store = SettingsStore(Path(tempfile.mkdtemp()) / "settings.json")
    window = MainWindow(settings, settings_store=store)
    window.resize(1000, 620)
    window.show()
    with loop:
        loop.run_until_complete(capture(window, out))


if __name__ == "__main__":
    main()
