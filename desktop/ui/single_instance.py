"""One Screenmate per user: a second launch asks the first to come to the front and exits 0.

The first instance listens on a QLocalServer whose name is per user (and per config directory,
so tests and a developer's own instance never meet). A later process connects, sends `show`,
waits for `ok` and exits. `where` answers `display <name>`: the screen the running window is
on, so `scripts/run.sh` can say where the app already runs instead of starting a second
virtual screen. A stale socket left by a crashed instance is removed and taken over.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop.settings import config_dir

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 500
SHOW = b"show\n"
OK = b"ok\n"
WHERE = b"where\n"


def this_display() -> str:
    """The screen this process shows its window on, as a user would name it."""
    for variable in ("WAYLAND_DISPLAY", "DISPLAY"):
        if os.environ.get(variable):
            return f"{variable}={os.environ[variable]}"
    return "the desktop"


def server_name() -> str:
    try:
        user = getpass.getuser()
    except Exception:
        user = "user"
    digest = hashlib.sha256(f"{user}:{config_dir()}".encode()).hexdigest()[:16]
    return f"screenmate-{digest}"


def _ask(request: bytes, name: str | None) -> bytes | None:
    """The running instance's one-line reply, b"" if it said nothing; None: nobody listens."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return None
    socket.write(request)
    socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    answered = socket.waitForReadyRead(CONNECT_TIMEOUT_MS * 4)
    reply = bytes(socket.readAll().data()) if answered else b""
    socket.disconnectFromServer()
    return reply


def ask_running_instance(name: str | None = None) -> bool:
    """True when another instance answered (it will show its window); False: we are first."""
    return _ask(SHOW, name) is not None


def running_instance_display(name: str | None = None) -> str | None:
    """Where the running instance shows its window (e.g. "DISPLAY=:99"); None: none runs."""
    reply = _ask(WHERE, name)
    if reply is None:
        return None
    text = reply.decode("utf-8", "replace").strip()
    return text.removeprefix("display ") if text.startswith("display ") else "an unknown display"


class InstanceServer(QObject):
    """Listens for later launches; emits `show_requested` for each `show` they send."""

    show_requested = Signal()

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        if self._server.listen(self.name):
            return True
        # Nobody answered (we asked first), so the socket is stale: remove it and retry.
        QLocalServer.removeServer(self.name)
        ok = self._server.listen(self.name)
        if not ok:
            log.warning("single-instance server: %s", self._server.errorString())
        return ok

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        data = bytes(socket.readAll().data())
        if data.strip() == WHERE.strip():
            socket.write(f"display {this_display()}\n".encode())
            socket.flush()
        elif data.strip() == SHOW.strip():
            socket.write(OK)
            socket.flush()
            self.show_requested.emit()
