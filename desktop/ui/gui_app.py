"""The windowed app: one QApplication, one qasync loop, one MainWindow, one LiveSession at a time.

`run_gui` blocks until the window is closed and returns the exit code. `SessionController` owns
the endpoint and the session behind a window: it (re)opens them, routes typed text to the
session and shuts everything down within a bounded time, so quitting never hangs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.events import Event, SessionState, StateChanged
from desktop.core.fanout import EventFanout
from desktop.resources import resource_path
from desktop.session.endpoint import Endpoint, open_endpoint
from desktop.settings import Settings, SettingsStore
from desktop.ui.binding_check import binding_problem
from desktop.ui.history_ui import HistoryController
from desktop.ui.main_window import MainWindow
from desktop.ui.pairing_dialog import CompanionUi
from desktop.ui.vision import VisionController
from desktop.ui.voice_controls import VoiceController

if TYPE_CHECKING:
    # google-genai takes ~1 s to import; run_gui shows the window before loading it.
    from desktop.session.live_session import LiveSession

log = logging.getLogger(__name__)

ICON_PATH = resource_path("icons", "screenmate.svg")
# Upper bounds for each shutdown step. A session that has not stopped by then (say, stuck in
# a connect to an unreachable host) is cancelled: quitting must feel immediate.
STOP_TIMEOUT_S = 2.0
CLOSE_ENDPOINT_TIMEOUT_S = 3.0
RESTART_GRACE_S = 5.0
CANCEL_WAIT_S = 2.0

EndpointOpener = Callable[..., Awaitable[tuple[Endpoint, Callable[[], Awaitable[None]]]]]
SessionFactory = Callable[..., "LiveSession"]


def app_icon() -> QIcon:
    """The window icon; a null icon (Qt's default) if the resource is not shipped alongside."""
    if ICON_PATH.is_file():
        return QIcon(str(ICON_PATH))
    log.debug("icon not found at %s", ICON_PATH)
    return QIcon()


class SessionController(QObject):
    """Connects a MainWindow to an endpoint and a LiveSession; must run on a qasync loop.

    `run_until_closed()` opens the endpoint, runs sessions until the window's `closed` signal,
    then stops the session and closes the endpoint. A settings change or "Reconnect" reopens
    the endpoint (a newly stored key switches from the emulator to Google) and starts a fresh
    session with the new settings.
    """

    # A new LiveSession is about to run: (Settings, Endpoint). History and the cost meter
    # start a new session on it.
    session_started = Signal(object, object)

    def __init__(
        self,
        window: MainWindow,
        settings: Settings,
        *,
        base_url: str | None = None,
        ca_file: str | None = None,
        opener: EndpointOpener = open_endpoint,
        session_factory: SessionFactory | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._base_url = base_url
        self._ca_file = ca_file
        self._opener = opener
        self._session_factory = session_factory
        self._endpoint: Endpoint | None = None
        self._close_endpoint: Callable[[], Awaitable[None]] | None = None
        self._session: LiveSession | None = None
        self._session_task: asyncio.Task[None] | None = None
        self._lifecycle = asyncio.Lock()
        self._restart_task: asyncio.Task[None] | None = None
        self._restart_wanted = False
        self._sessions_started = 0
        # Extra keyword arguments for each new session (the tools: desktop/ui/tools_ui.py).
        self.session_options: Callable[[Settings], dict[str, Any]] | None = None
        # Every consumer of session events subscribes here; it outlives session restarts.
        self.events = EventFanout()
        self.events.subscribe(window.apply_event)
        window.text_submitted.connect(self.send_text)
        window.settings_changed.connect(self.apply_settings)
        window.reconnect_requested.connect(self.restart)
        window.retry_now_requested.connect(self.retry_now)

    @property
    def session(self) -> LiveSession | None:
        return self._session

    async def run_until_closed(self) -> int:
        closed = asyncio.Event()
        self._window.closed.connect(closed.set)
        self.restart()
        await closed.wait()
        await self.shutdown()
        return 0

    def send_text(self, text: str) -> None:
        if self._session is None:
            self._window.show_error(self.tr("Not connected; the message was not sent."))
            return
        self._session.send_text(text)

    def retry_now(self) -> None:
        if self._session is not None:
            self._session.retry_now()

    def apply_settings(self, settings: Settings) -> None:
        self._settings = settings
        self.restart()

    def restart(self) -> None:
        """Reopen the endpoint and start a new session; requests during a restart coalesce."""
        self._restart_wanted = True
        if self._restart_task is None or self._restart_task.done():
            self._restart_task = asyncio.ensure_future(self._restart_while_wanted())

    async def shutdown(self) -> None:
        self._restart_wanted = False
        if self._restart_task is not None:
            # Let a restart in progress finish (opening is quick) so nothing is left half-open.
            await _wait_then_cancel(self._restart_task, RESTART_GRACE_S)
        async with self._lifecycle:
            await self._stop_session()
            await self._close()

    # -- steps ----------------------------------------------------------------------------

    async def _restart_while_wanted(self) -> None:
        while self._restart_wanted:
            self._restart_wanted = False
            await self._restart()

    async def _restart(self) -> None:
        async with self._lifecycle:
            await self._stop_session()
            await self._close()
            self._window.apply_event(StateChanged(SessionState.CONNECTING))
            try:
                endpoint, closer = await self._opener(
                    base_url=self._base_url, ca_file=self._ca_file
                )
            except Exception as exc:
                log.warning("could not open the Live API endpoint: %s", exc, exc_info=True)
                self._window.set_endpoint(None)
                self._window.show_error(str(exc) or type(exc).__name__)
                return
            self._endpoint, self._close_endpoint = endpoint, closer
            self._window.set_settings(self._settings)
            self._window.set_endpoint(endpoint)
            self._start_session(endpoint)

    def _start_session(self, endpoint: Endpoint) -> None:
        self._sessions_started += 1
        note = ""
        if self._sessions_started > 1:
            note = self.tr("New session · %1").replace("%1", self._settings.model)
        self._window.begin_session(note)
        self.session_started.emit(self._settings, endpoint)
        options = self.session_options(self._settings) if self.session_options else {}
        factory = self._session_factory
        if factory is None:
            from desktop.session.live_session import LiveSession

            factory = LiveSession
        session = factory(endpoint, self._settings, self.events, **options)
        self._session = session
        self._session_task = asyncio.create_task(self._run(session), name="screenmate-session")

    async def _run(self, session: LiveSession) -> None:
        try:
            await session.run()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            # run() reports failures as events; reaching here is a bug, but keep the window.
            log.exception("the live session crashed")
            self._window.show_error(f"{type(exc).__name__}: {exc}")

    async def _stop_session(self) -> None:
        session, task = self._session, self._session_task
        self._session = self._session_task = None
        if session is None:
            return
        try:
            await asyncio.wait_for(session.stop(), STOP_TIMEOUT_S)
        except TimeoutError:
            log.warning("the live session did not stop within %s s; cancelling it", STOP_TIMEOUT_S)
        except Exception:
            log.warning("the live session did not stop cleanly", exc_info=True)
        if task is not None:
            await _wait_then_cancel(task, 0.0)

    async def _close(self) -> None:
        closer, self._close_endpoint, self._endpoint = self._close_endpoint, None, None
        if closer is None:
            return
        try:
            await asyncio.wait_for(closer(), CLOSE_ENDPOINT_TIMEOUT_S)
        except Exception:
            log.warning("the endpoint did not close cleanly", exc_info=True)


async def _wait_then_cancel(task: asyncio.Task[Any], grace: float) -> None:
    """Give a task `grace` seconds, then cancel it and wait (bounded) until it has finished."""
    if grace > 0:
        await asyncio.wait({task}, timeout=grace)
    if not task.done():
        task.cancel()
        await asyncio.wait({task}, timeout=CANCEL_WAIT_S)
    if task.done() and not task.cancelled() and task.exception() is not None:
        log.warning("task %s failed", task.get_name(), exc_info=task.exception())


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
    # Vision: side panel, frame pipeline; `vision.request_fresh_frame()` for the talk controller.
    vision = VisionController(window, controller, settings, store)
    # Voice: mic → session, events → speaker, the talk controls row (see desktop/audio/voice.py).
    from desktop.audio.voice import Voice

    voice = VoiceController(window, controller, Voice(settings), store)
    voice.voice.on_talk_start(vision.request_fresh_frame)
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
