"""One Screenmate per user: a second launch asks the first to come to the front and exits 0.

The first instance listens on a QLocalServer whose name is per user (and per config directory,
so tests and a developer's own instance never meet). A later process connects, sends `show`,
waits for `ok` and exits. A stale socket left by a crashed instance is removed and taken over.
"""

from __future__ import annotations

import getpass
import hashlib
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop.settings import config_dir

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 500
SHOW = b"show\n"
OK = b"ok\n"


def server_name() -> str:
    try:
        user = getpass.getuser()
    except Exception:
        user = "user"
    digest = hashlib.sha256(f"{user}:{config_dir()}".encode()).hexdigest()[:16]
    return f"screenmate-{digest}"


def ask_running_instance(name: str | None = None) -> bool:
    """True when another instance answered (it will show its window); False: we are first."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(SHOW)
    socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    answered = socket.waitForReadyRead(CONNECT_TIMEOUT_MS * 4)
    reply = bytes(socket.readAll().data()) if answered else b""
    socket.disconnectFromServer()
    return reply == OK or answered


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
        if data.strip() == SHOW.strip():
            socket.write(OK)
            socket.flush()
            self.show_requested.emit()
