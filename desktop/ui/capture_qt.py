"""Camera frames through QtMultimedia, as a `FrameSource` for the frame pipeline.

Qt's media objects live on the GUI thread: frames arrive there through a `QVideoSink`, are
converted to BGRA at most `CONVERT_FPS` times a second and kept; `grab()` (on the capture
thread) takes the newest under a lock. A busy, failing or unplugged camera becomes a
`CaptureError`, so sharing pauses with that message.

`VideoFileSource` runs a video file through the same sink with `QMediaPlayer`: Qt's own media
pipeline, for machines without a camera (the tests use it).
"""

from __future__ import annotations

import threading
import time

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QMediaCaptureSession,
    QMediaDevices,
    QMediaPlayer,
    QVideoFrame,
    QVideoSink,
)

from desktop.capture.sources import CaptureError, Frame

CONVERT_FPS = 4.0
FIRST_FRAME_TIMEOUT_S = 5.0


def camera_names() -> list[str]:
    return [device.description() for device in QMediaDevices.videoInputs()]


def image_to_bgra(image: QImage) -> npt.NDArray[np.uint8]:
    """A copy of the image as H x W x 4 BGRA (Format_RGB32 is BGRA in memory)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    h, w, stride = image.height(), image.width(), image.bytesPerLine()
    data = np.frombuffer(image.constBits(), np.uint8, count=h * stride)
    return data.reshape(h, stride // 4, 4)[:, :w].copy()


class QtVideoSource(QObject):
    """The common part: a sink whose newest frame `grab()` returns."""

    def __init__(self, label: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._label = label
        self._lock = threading.Lock()
        self._arrived = threading.Event()
        self._latest: npt.NDArray[np.uint8] | None = None
        self._error = ""
        self._last_convert = 0.0
        self.frames_seen = 0
        self.sink = QVideoSink(self)
        self.sink.videoFrameChanged.connect(self._on_frame)

    @property
    def label(self) -> str:
        return self._label

    def _on_frame(self, frame: QVideoFrame) -> None:
        self.frames_seen += 1
        now = time.monotonic()
        if self._latest is not None and now - self._last_convert < 1.0 / CONVERT_FPS:
            return
        image = frame.toImage()
        if image.isNull():
            return
        pixels = image_to_bgra(image)
        self._last_convert = now
        with self._lock:
            self._latest = pixels
        self._arrived.set()

    def fail(self, message: str) -> None:
        with self._lock:
            self._error = message
        self._arrived.set()

    # -- FrameSource (capture thread) -----------------------------------------------------

    def open(self) -> None:
        with self._lock:
            self._error_check()

    def grab(self) -> Frame:
        if not self._arrived.wait(FIRST_FRAME_TIMEOUT_S):
            raise CaptureError(f"{self._label} sends no pictures (is another program using it?).")
        with self._lock:
            self._error_check()
            assert self._latest is not None
            return Frame(self._latest, None)

    def close(self) -> None:
        """Nothing here: `stop()` (GUI thread) ends the media objects."""

    def _error_check(self) -> None:
        if self._error:
            raise CaptureError(self._error)

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError


class CameraSource(QtVideoSource):
    def __init__(self, device: QCameraDevice, parent: QObject | None = None) -> None:
        super().__init__(f"Camera “{device.description()}”", parent)
        self._device = device
        self._session = QMediaCaptureSession(self)
        self._camera = QCamera(device, self)
        self._session.setCamera(self._camera)
        self._session.setVideoSink(self.sink)
        self._camera.errorOccurred.connect(self._on_error)
        self._devices = QMediaDevices(self)
        self._devices.videoInputsChanged.connect(self._on_devices_changed)

    def start(self) -> None:
        self._camera.start()

    def stop(self) -> None:
        self._camera.stop()

    def _on_error(self, _error: QCamera.Error, text: str) -> None:
        self.fail(f"{self.label} cannot be used (busy or unplugged?): {text}")

    def _on_devices_changed(self) -> None:
        ids = {bytes(d.id().data()) for d in QMediaDevices.videoInputs()}
        if bytes(self._device.id().data()) not in ids:
            self.fail(f"{self.label} was unplugged.")


class VideoFileSource(QtVideoSource):
    """A video file played in a loop as if it were a camera."""

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(f"Video “{path.rsplit('/', 1)[-1]}”", parent)
        self._player = QMediaPlayer(self)
        self._player.setVideoSink(self.sink)
        self._player.setLoops(QMediaPlayer.Loops.Infinite)
        self._player.errorOccurred.connect(self._on_error)
        self._player.setSource(QUrl.fromLocalFile(path))

    def start(self) -> None:
        self._player.play()

    def stop(self) -> None:
        self._player.stop()

    def _on_error(self, _error: QMediaPlayer.Error, text: str) -> None:
        self.fail(f"{self.label} cannot be played: {text}")
