"""The windowed app: one QApplication, one qasync loop, one MainWindow, one LiveSession at a time.

`run_gui` blocks until the window is closed and returns the exit code; it wires the window,
the session (`session_controller.SessionController`) and the feature controllers together.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.events import Event, SessionState, StateChanged
from desktop.resources import resource_path
from desktop.settings import SettingsStore
from desktop.ui.binding_check import binding_problem
from desktop.ui.history_ui import HistoryController
from desktop.ui.main_window import MainWindow
from desktop.ui.pairing_dialog import CompanionUi
from desktop.ui.session_controller import CANCEL_WAIT_S, SessionController
from desktop.ui.vision import VisionController
from desktop.ui.voice_controls import VoiceController

log = logging.getLogger(__name__)

ICON_PATH = resource_path("icons", "screenmate.svg")


def app_icon() -> QIcon:
    """The window icon; a null icon (Qt's default) if the resource is not shipped alongside."""
    if ICON_PATH.is_file():
        return QIcon(str(ICON_PATH))
    log.debug("icon not found at %s", ICON_PATH)
    return QIcon()


def _ready_file_writer(path: str) -> Callable[[Event], None]:
    """Write "live" to `path` the first time the session is live (scripts, the bundle test)."""
    done = False

    def write(event: Event) -> None:
        nonlocal done
        if not done and isinstance(event, StateChanged) and event.state is SessionState.LIVE:
            done = True
            with open(path, "w", encoding="utf-8") as out:
                out.write("live\n")

    return write


async def _finish_leftover_tasks() -> None:
    """Cancel whatever still runs (third-party helpers) so no task is destroyed pending."""
    current = asyncio.current_task()
    leftovers = [task for task in asyncio.all_tasks() if task is not current]
    for task in leftovers:
        task.cancel()
    if leftovers:
        await asyncio.wait(leftovers, timeout=CANCEL_WAIT_S)


def wake_on_signals(parent: QObject) -> Callable[[], None]:
    """Let Python run its signal handlers while Qt sleeps, without a polling timer.

    Python runs a handler only when it next executes bytecode, and an idle Qt loop runs none.
    The C-level handler writes the signal number to a socket (`signal.set_wakeup_fd`); Qt
    watches it, and draining it runs Python, which runs the handler. Returns the undo.
    """
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous = signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, parent)

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(drain)

    def undo() -> None:
        notifier.setEnabled(False)
        signal.set_wakeup_fd(previous)
        reader.close()
        writer.close()

    return undo


def run_gui(
    *,
    base_url: str | None,
    ca_file: str | None,
    model: str | None,
    ready_file: str | None = None,
) -> int:
    """Show the window and run until it is closed (Ctrl+Q, the close button or Ctrl+C)."""
    import qasync  # after PySide6: qasync binds to the Qt package already imported

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    if (problem := binding_problem()) is not None:
        # Before any window or session exists: nothing is lost, and the user learns the fix
        # instead of meeting "Fatal Python error: none_dealloc" two minutes in.
        print(problem, file=sys.stderr)
        QMessageBox.critical(None, "Screenmate", problem)
        return 3
    app.setApplicationName("Screenmate")
    app.setOrganizationName("Screenmate")
    app.setWindowIcon(app_icon())
    # The controller ends the loop after shutting the session down, not Qt on the last close.
    app.setQuitOnLastWindowClosed(False)

    # A second launch hands over to the running instance (its window comes to the front).
    from desktop.ui.single_instance import InstanceServer, ask_running_instance

    if ask_running_instance():
        print(
            "Screenmate is already running; its window was brought to the front.", file=sys.stderr
        )
        return 0
    instance = InstanceServer(parent=app)
    instance.listen()

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    store = SettingsStore()
    settings = store.load()
    from desktop.ui.i18n import install_translations

    install_translations(app, settings.ui_language)
    if model:
        settings = settings.replace(model=model)
    window = MainWindow(settings, settings_store=store)
    controller = SessionController(window, settings, base_url=base_url, ca_file=ca_file)
    # Vision: side panel, frame pipeline (each session asks it for fresh frames: session/inputs.py).
    vision = VisionController(window, controller, settings, store)
    controller.fresh_frames = vision.pipeline  # typed lines follow a frame of the screen
    # Voice: mic → session, events → speaker, the talk controls row (see desktop/audio/voice.py).
    from desktop.audio.voice import Voice

    voice = VoiceController(window, controller, Voice(settings), store)
    # Companion watches and phones (desktop/companion); the floor is `companions.service.floor`.
    companions = CompanionUi(window, controller.events, lambda: controller.session, store)
    window.pair_requested.connect(companions.open_dialog)
    # One speaker at a time; the answer plays where the setting says (asker / all / desktop).
    voice.voice.use_floor(companions.service.floor, companions.service.hub.desktop_plays_reply)
    # History (SQLite, written as lines finalise), the cost meter, Session › History….
    history = HistoryController(window, controller)
    # Function calling: point_at highlight, local tools, the tool log (desktop/tools).
    from desktop.ui.tools_ui import ToolsController

    tools = ToolsController(window, controller, vision)
    # Tray icon, global push-to-talk hotkey, first-run welcome (desktop/ui/shell.py).
    from desktop.ui.shell import DesktopShell

    shell = DesktopShell(
        window,
        controller.events.subscribe,
        voice.voice,
        vision,
        companions.open_dialog,
        store,
        settings,
    )
    controller.events.subscribe(shell.on_event)
    if ready_file:
        controller.events.subscribe(_ready_file_writer(ready_file))
    instance.show_requested.connect(shell.bring_to_front)
    window.show()

    # Ctrl+C and SIGTERM (logout, `kill`) quit cleanly like Ctrl+Q.
    previous_sigint = signal.signal(signal.SIGINT, lambda *_: window.quit())
    previous_sigterm = signal.signal(signal.SIGTERM, lambda *_: window.quit())
    stop_waking = wake_on_signals(window)

    async def main() -> int:
        # Let Qt paint the window, then load the SDK (~1 s) before the hotkey thread starts:
        # the user sees the app at once, and the import never races that thread later.
        await asyncio.sleep(0.05)
        import desktop.session.live_session  # noqa: F401

        shell.start()
        await voice.start()
        await companions.start_if_enabled()
        code = await controller.run_until_closed()
        shell.stop()
        instance.close()
        await companions.stop()
        await tools.aclose()
        await voice.aclose()
        await vision.aclose()
        history.close()
        await _finish_leftover_tasks()
        return code

    try:
        code = loop.run_until_complete(main())
        loop.run_until_complete(loop.shutdown_asyncgens())
        return code
    finally:
        signal.signal(signal.SIGINT, previous_sigint)
        signal.signal(signal.SIGTERM, previous_sigterm)
        stop_waking()
        loop.close()
        asyncio.set_event_loop(None)
