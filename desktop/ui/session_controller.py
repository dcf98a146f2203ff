"""The endpoint and the live session behind a window: `SessionController`.

It opens the endpoint (Google with a key, else the bundled emulator), runs one `LiveSession`
until the window closes, routes typed text to it, and shuts everything down within a bounded
time, so quitting never hangs. New settings and Reconnect keep the conversation
(`LiveSession.reconfigure` / `reconnect`: a new connection resuming it); only a changed key,
which means the other backend, reopens the endpoint and starts a new session.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from desktop.core.events import SessionState, StateChanged
from desktop.core.fanout import EventFanout
from desktop.core.live_config import Reconfigure
from desktop.session.endpoint import Endpoint, key_unchanged, open_endpoint
from desktop.settings import Settings

if TYPE_CHECKING:
    # google-genai takes ~1 s to import; run_gui shows the window before loading it.
    from desktop.session.inputs import FreshFrames
    from desktop.session.live_session import LiveSession
    from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

# Upper bounds for each shutdown step. A session that has not stopped by then (say, stuck in
# a connect to an unreachable host) is cancelled: quitting must feel immediate.
STOP_TIMEOUT_S = 2.0
CLOSE_ENDPOINT_TIMEOUT_S = 3.0
RESTART_GRACE_S = 5.0
CANCEL_WAIT_S = 2.0

EndpointOpener = Callable[..., Awaitable[tuple[Endpoint, Callable[[], Awaitable[None]]]]]
SessionFactory = Callable[..., "LiveSession"]


class SessionController(QObject):
    """Connects a MainWindow to an endpoint and a LiveSession; must run on a qasync loop.

    `run_until_closed()` opens the endpoint, runs the session until the window's `closed`
    signal, then stops the session and closes the endpoint. New settings and "Reconnect"
    keep the conversation: the session moves to a new connection that resumes it. Only a
    changed key (saved or removed: the other backend) reopens the endpoint and starts a new
    session, as does a session that has ended (a fatal error).
    """

    # A new LiveSession is about to run: (Settings, Endpoint). History and the cost meter
    # start a new session on it.
    session_started = Signal(object, object)
    # The running conversation moved to another model (a new Live session seeded with the
    # recent turns): (Settings, Endpoint). History records it as a session of that model; the
    # cost meter prices what follows at its rates and keeps the total.
    model_changed = Signal(object, object)

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
        # The shared picture: a typed line goes after a fresh frame of it (session/inputs.py).
        self.fresh_frames: FreshFrames | None = None
        # Every consumer of session events subscribes here; it outlives session restarts.
        self.events = EventFanout()
        self.events.subscribe(window.apply_event)
        window.text_submitted.connect(self.send_text)
        window.settings_changed.connect(self.apply_settings)
        window.reconnect_requested.connect(self.reconnect)
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
        """New settings (already saved). The conversation goes on with them where it can."""
        self._settings = settings
        session = self._running_session()
        if session is None:
            self.restart()
            return
        self._window.set_settings(settings)
        change = session.reconfigure(settings, **self._options(settings))
        if change is Reconfigure.NEW_SESSION:
            self.model_changed.emit(settings, self._endpoint)

    def reconnect(self) -> None:
        """The user's Reconnect: a new connection resuming the conversation."""
        session = self._running_session()
        if session is None:
            self.restart()
        else:
            session.reconnect()

    def _options(self, settings: Settings) -> dict[str, Any]:
        """What a session is given besides the settings (the tools: ui/tools_ui.py)."""
        return self.session_options(settings) if self.session_options else {}

    def _running_session(self) -> LiveSession | None:
        """The session, if it runs against the endpoint the current key calls for."""
        session, endpoint = self._session, self._endpoint
        if session is None or endpoint is None or self._restart_wanted:
            return None
        if self._restart_task is not None and not self._restart_task.done():
            return None  # a restart is under way: it takes the new settings
        if self._session_task is None or self._session_task.done():
            return None  # it ended (a fatal error): only a new one helps
        if not key_unchanged(endpoint):
            return None
        return session

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
        options = self._options(self._settings)
        factory = self._session_factory
        if factory is None:
            from desktop.session.live_session import LiveSession

            factory = LiveSession
        session = factory(endpoint, self._settings, self.events, **options)
        if self.fresh_frames is not None:
            session.use_fresh_frames(self.fresh_frames)
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
