"""The window app on the Wayland test desktop, driven line by line (a process of its own: the
test process's Qt may already be on xcb).

    python -m tests.wayland.window_app BASE_URL CA_FILE SETTINGS_JSON

Builds the main window, the session and vision controllers as `run_gui` does, on Qt's Wayland
platform, and prints JSON lines: {"live": true} once the session is live, {"frame": ...} for
every frame sent, {"state": ...} when sharing changes, {"picker": "shown"} when the region
picker is up. Commands on stdin: `choose CHOICE` (as the vision panel: screen:1, region, ...),
`drag X0 Y0 X1 Y1` (a mouse drag on the picker, logical pixels), `quit`.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any


def say(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


def main() -> None:
    os.environ["QT_QPA_PLATFORM"] = "wayland"
    import qasync
    from desktop.capture.pipeline import PipelineState, SentFrame
    from desktop.core.events import SessionState, StateChanged
    from desktop.settings import SettingsStore
    from desktop.ui.gui_app import SessionController
    from desktop.ui.main_window import MainWindow
    from desktop.ui.vision import VisionController
    from PySide6.QtCore import QEvent, QPointF, QSocketNotifier, Qt, QTimer
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    base_url, ca_file, settings_path = sys.argv[1:4]
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    store = SettingsStore(Path(settings_path))
    settings = store.load()
    window = MainWindow(settings, settings_store=store)
    controller = SessionController(window, settings, base_url=base_url, ca_file=ca_file)
    vision = VisionController(window, controller, settings, store)
    controller.fresh_frames = vision.pipeline

    def on_event(event: object) -> None:
        if isinstance(event, StateChanged) and event.state is SessionState.LIVE:
            say(live=True)

    def on_frame(frame: SentFrame) -> None:
        g = frame.geometry
        source = [g.source.x, g.source.y, g.source.w, g.source.h] if g.source else None
        say(frame=frame.reason.value, width=g.width, height=g.height, source_rect=source)

    def on_state(state: PipelineState) -> None:
        say(state={"source": state.source, "paused": state.paused, "message": state.message})

    controller.events.subscribe(on_event)
    vision.pipeline.frame_listeners.append(on_frame)
    vision.pipeline.state_listeners.append(on_state)
    window.show()

    def wait_for_picker() -> None:
        picker = vision.picker
        if picker is not None and picker.isVisible():
            QTimer.singleShot(300, lambda: say(picker="shown"))
            return
        QTimer.singleShot(50, wait_for_picker)

    def command() -> None:
        line = sys.stdin.readline()
        parts = line.split()
        if not parts or parts[0] == "quit":
            window.quit()
            return
        if parts[0] == "choose":
            vision.choose(parts[1])
            if parts[1] == "region":
                wait_for_picker()
        elif parts[0] == "drag":
            picker = vision.picker
            assert picker is not None
            x0, y0, x1, y1 = (int(v) for v in parts[1:5])
            left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
            steps = [
                (QEvent.Type.MouseButtonPress, x0, y0, left, left),
                (QEvent.Type.MouseMove, (x0 + x1) // 2, (y0 + y1) // 2, none, left),
                (QEvent.Type.MouseMove, x1, y1, none, left),
                (QEvent.Type.MouseButtonRelease, x1, y1, left, none),
            ]
            for kind, x, y, button, held in steps:
                at = QPointF(x, y)
                event = QMouseEvent(
                    kind, at, picker.mapToGlobal(at), button, held,
                    Qt.KeyboardModifier.NoModifier,
                )  # fmt: skip
                QApplication.sendEvent(picker, event)
        say(ok=parts[0])

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)

    async def run() -> int:
        code = await controller.run_until_closed()
        await vision.aclose()
        return code

    with loop:
        sys.exit(loop.run_until_complete(run()))


if __name__ == "__main__":
    main()
