"""The app's one ScreenCast portal stream on Wayland, through QtMultimedia's `QScreenCapture`.

QScreenCapture asks the xdg-desktop-portal ScreenCast portal for a PipeWire stream of one
monitor. One `PortalStream` per process serves every source in turn (`screencast.py`), on the
GUI thread:

- frames arrive only when the screen changes (damage-driven), on Qt's grabbing thread: the
  newest `QVideoFrame` is kept as it is (a reference, no copy); `read_pixels` maps it
  (`map()`, ~2 ms a 1080p frame here; `toImage()` costs ~31 ms) and copies only the part asked.
- before starting, the session bus is asked whether a portal, a ScreenCast backend and PipeWire
  are there (`capture/portal.py`); a cancelled dialog is only a Qt warning, caught by a message
  handler; the desktop closing the portal session is Qt's `errorOccurred`; a backend leaving
  the bus is watched. Each becomes a `CaptureError` with its own message for the sources, so
  sharing pauses and says why. Nothing is handed out before the portal's first real picture.
"""

from __future__ import annotations

import logging
import sys
import threading
import weakref
from typing import Any

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QMessageLogContext,
    QObject,
    Qt,
    QTimer,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtDBus import QDBusConnection, QDBusServiceWatcher
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtMultimedia import (
    QMediaCaptureSession,
    QScreenCapture,
    QVideoFrame,
    QVideoFrameFormat,
    QVideoSink,
)

from desktop.capture.portal import probe_portal
from desktop.capture.sources import CaptureError
from desktop.core.geometry import Rect, Screen
from desktop.core.wayland_share import (
    MESSAGES,
    PortalProblem,
    classify_qt_error,
)

log = logging.getLogger(__name__)

# The user may take a while in the desktop's dialog; a cancel ends the wait at once.
FIRST_FRAME_TIMEOUT_S = 120.0
STOP_GRACE_MS = 1500
BACKEND_PREFIX = "org.freedesktop.impl.portal.desktop."
_PF = QVideoFrameFormat.PixelFormat
_BGR_FORMATS = {_PF.Format_BGRX8888, _PF.Format_BGRA8888}
_RGB_FORMATS = {_PF.Format_RGBX8888, _PF.Format_RGBA8888}


# The problems' messages (core/wayland_share.MESSAGES) marked for lupdate, which reads only
# desktop/ui; tests/unit/app/test_wayland_messages.py keeps the two lists the same.
LUPDATE_MESSAGES = (
    QT_TRANSLATE_NOOP(
        "WaylandShare",
        "Screen sharing on Wayland needs the desktop's D-Bus session bus, and there is none (DBUS_SESSION_BUS_ADDRESS is unset or dead). Start Screenmate from your desktop session, not from a bare terminal or ssh.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "WaylandShare",
        "Screen sharing on Wayland goes through the desktop portal, and it is not running. Install xdg-desktop-portal and your desktop's backend (xdg-desktop-portal-gnome, -kde or -wlr), then log out and in again.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "WaylandShare",
        "This desktop's portal offers no screen sharing (no ScreenCast backend). Install the backend for your desktop (xdg-desktop-portal-gnome, -kde or -wlr for sway and other wlroots compositors) and log in again, or use an X11 session.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "WaylandShare",
        "Screen sharing on Wayland needs PipeWire, and it is not running. Install and start pipewire and wireplumber (systemctl --user enable --now pipewire wireplumber).",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "WaylandShare",
        "Screen sharing was cancelled in the desktop's dialog, so nothing is shared. Choose the screen again to be asked again.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "WaylandShare",
        "Screen sharing was stopped from the desktop. Sharing is paused: resume to share again (the desktop will ask which screen).",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "WaylandShare",
        "The desktop started screen sharing but sends no picture. Check that PipeWire and wireplumber run, or restart the portal (xdg-desktop-portal).",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "WaylandShare",
        "Sharing one window is not available on Wayland yet: share a region around it, or the whole screen, instead.",  # noqa: E501
    ),
)


def tr_problem(problem: PortalProblem) -> str:
    return QCoreApplication.translate("WaylandShare", MESSAGES[problem])


def screens_now() -> list[Screen]:
    return [
        Screen.from_logical(
            i, s.name(),
            Rect(s.geometry().x(), s.geometry().y(), s.geometry().width(), s.geometry().height()),
            s.devicePixelRatio(),
        )
        for i, s in enumerate(QGuiApplication.screens(), start=1)
    ]  # fmt: skip


class PortalStream(QObject):
    """The app's one portal stream (one dialog, reused while sources change): created on the
    GUI thread, never deleted. Sources `acquire()`/`release()` it from any thread."""

    frame_arrived = Signal()  # to GUI-thread listeners (the region picker's still)
    failed = Signal(str)  # the message, to GUI-thread listeners
    _start_requested = Signal()
    _release_requested = Signal()
    _instance: PortalStream | None = None

    @classmethod
    def instance(cls) -> PortalStream:
        if cls._instance is None:
            cls._instance = PortalStream()
        return cls._instance

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self.arrived = threading.Event()
        self._frame: QVideoFrame | None = None
        self.serial = 0  # frames received since the app started
        self._problem: PortalProblem | None = None
        self._text = ""
        self._users = 0
        self._running = False  # asked for (or streaming) and not failed
        self.screens: list[Screen] = []
        self._capture = QScreenCapture(self)
        self._session = QMediaCaptureSession(self)
        self._sink = QVideoSink(self)
        self._session.setScreenCapture(self._capture)
        self._session.setVideoSink(self._sink)
        # Frames may arrive on Qt's grabbing thread: only keep a reference there.
        self._sink.videoFrameChanged.connect(self._on_frame, Qt.ConnectionType.DirectConnection)
        self._capture.errorOccurred.connect(self._on_error)
        self._start_requested.connect(self._start, Qt.ConnectionType.QueuedConnection)
        self._release_requested.connect(self._stop_soon, Qt.ConnectionType.QueuedConnection)
        # The desktop's side ending the stream: GNOME and KDE close the portal session (Qt's
        # errorOccurred); a backend that goes away (wlroots' closes no session) is watched.
        self._backends = QDBusServiceWatcher(self)
        self._backends.setConnection(QDBusConnection.sessionBus())
        self._backends.setWatchMode(QDBusServiceWatcher.WatchModeFlag.WatchForUnregistration)
        self._backends.serviceUnregistered.connect(self._backend_gone)
        self._backends_looked_up = False
        self.frame_arrived.connect(self._watch_backends)

    # -- any thread -------------------------------------------------------------------------

    def acquire(self) -> None:
        """A source opens: start the stream if needed (a failed one is asked for afresh)."""
        with self._lock:
            self._users += 1
            restart = self._problem is not None or not self._running
            if restart:
                self._problem, self._text, self._frame = None, "", None
                self._running = True
                self.arrived.clear()
        if restart:
            self._start_requested.emit()

    def release(self) -> None:
        with self._lock:
            self._users = max(0, self._users - 1)
        self._release_requested.emit()

    @classmethod
    def abort_waits(cls) -> None:
        """Sharing shuts down: a grab still waiting for the first picture (the desktop's dialog
        unanswered) ends now instead of holding the capture thread."""
        stream = cls._instance
        if stream is not None:
            with stream._lock:
                waiting = stream._frame is None and stream._problem is None
            if waiting:
                stream.fail(PortalProblem.NO_FRAMES)

    def latest(self, timeout: float) -> tuple[int, QVideoFrame]:
        """(serial, frame) of the newest picture; CaptureError for a problem or no picture."""
        if not self.arrived.wait(timeout):
            self.fail(PortalProblem.NO_FRAMES)
        with self._lock:
            if self._problem is not None:
                raise CaptureError(self._text)
            if self._frame is None:
                raise CaptureError(tr_problem(PortalProblem.NO_FRAMES))
            return self.serial, self._frame

    def fail(self, problem: PortalProblem, text: str = "") -> None:
        log.info("Wayland sharing: %s", problem.value)
        with self._lock:
            self._problem = problem
            self._text = text or tr_problem(problem)
            self._running = False
        _unwatch_cancel(self)
        self.arrived.set()
        self.failed.emit(self._text)

    def newest_image(self) -> QImage | None:
        """The newest picture as a QImage (GUI thread; for the region picker's still)."""
        with self._lock:
            frame = self._frame if self._problem is None else None
        if frame is None:
            return None
        pixels = read_pixels(frame, Rect(0, 0, frame.width(), frame.height()))
        h, w = pixels.shape[:2]
        return QImage(pixels.data, w, h, 4 * w, QImage.Format.Format_RGB32).copy()

    @property
    def problem(self) -> PortalProblem | None:
        return self._problem

    def _on_frame(self, frame: QVideoFrame) -> None:
        if not frame.isValid():
            return
        with self._lock:
            if self._problem is not None:
                return
            self._frame = QVideoFrame(frame)
            self.serial += 1
        _unwatch_cancel(self)
        self.arrived.set()
        self.frame_arrived.emit()

    # -- GUI thread -----------------------------------------------------------------------

    def _start(self) -> None:
        self.screens = screens_now()
        self._backends_looked_up = False
        info = probe_portal()
        if info.problem is not None:
            self.fail(info.problem)
            return
        _watch_cancel(self)
        if self._capture.isActive():
            self._capture.setActive(False)
        self._capture.setActive(True)

    def _stop_soon(self) -> None:
        # Switching sources closes one and opens the next: keep the stream (and the user's
        # answer in the portal's dialog) across that.
        QTimer.singleShot(STOP_GRACE_MS, self._stop_if_unused)

    def _stop_if_unused(self) -> None:
        with self._lock:
            unused = self._users == 0
            if unused:
                self._backends.setWatchedServices([])
                self._frame, self._running = None, False
                self.arrived.clear()
        if unused and self._capture.isActive():
            _unwatch_cancel(self)
            self._capture.setActive(False)

    def _on_error(self, _error: QScreenCapture.Error, text: str) -> None:
        log.info("Qt's screen capture: %s", text)
        self.fail(classify_qt_error(text))

    def _watch_backends(self) -> None:
        """Once streaming: watch the portal backends that serve now (the first request may
        have started them; Qt's watcher takes no wildcards)."""
        if self._backends_looked_up:
            return
        self._backends_looked_up = True
        names = QDBusConnection.sessionBus().interface().registeredServiceNames().value()
        backends = [n for n in names or () if n.startswith(BACKEND_PREFIX)]
        self._backends.setWatchedServices(backends)

    def _backend_gone(self, name: str) -> None:
        self._backends.setWatchedServices([])
        with self._lock:
            streaming = self._running and self._frame is not None
        if streaming:
            log.info("the portal backend %s went away", name)
            self.fail(PortalProblem.CLOSED)


def read_pixels(frame: QVideoFrame, box: Rect) -> npt.NDArray[np.uint8]:
    """A BGRA copy of `box` (frame pixels) of the frame, read through `map()`."""
    fmt = frame.pixelFormat()
    if fmt not in _BGR_FORMATS and fmt not in _RGB_FORMATS:
        image = frame.toImage().convertToFormat(QImage.Format.Format_RGB32)
        stride = image.bytesPerLine()
        data = np.frombuffer(image.constBits(), np.uint8, count=image.height() * stride)
        full = data.reshape(image.height(), stride // 4, 4)
        return full[box.y : box.bottom, box.x : box.right].copy()
    mapped = QVideoFrame(frame)
    if not mapped.map(QVideoFrame.MapMode.ReadOnly):
        raise CaptureError("A picture from the screen could not be read.")
    try:
        stride = mapped.bytesPerLine(0)
        data = np.frombuffer(mapped.bits(0), np.uint8, count=mapped.height() * stride)
        full = data.reshape(mapped.height(), stride // 4, 4)
        part = full[box.y : box.bottom, box.x : box.right]
        pixels = part[..., [2, 1, 0, 3]] if fmt in _RGB_FORMATS else part.copy()
    finally:
        mapped.unmap()
    pixels[..., 3] = 255
    return pixels


# -- cancelled dialogs: Qt only warns --------------------------------------------------------

_CANCEL_WORDS = "perhaps because user cancelled"
_waiting: weakref.WeakSet[PortalStream] = weakref.WeakSet()
_previous_handler: Any = None
_installed = False


def _watch_cancel(source: PortalStream) -> None:
    global _installed, _previous_handler
    _waiting.add(source)
    if not _installed:
        _previous_handler = qInstallMessageHandler(_on_qt_message)
        _installed = True


def _unwatch_cancel(source: PortalStream) -> None:
    _waiting.discard(source)


def _on_qt_message(kind: QtMsgType, context: QMessageLogContext, text: str) -> None:
    if _CANCEL_WORDS in text:
        for source in list(_waiting):
            _waiting.discard(source)
            source.fail(PortalProblem.CANCELLED)
    if _previous_handler is not None:
        _previous_handler(kind, context, text)
    else:
        sys.stderr.write(text + "\n")
