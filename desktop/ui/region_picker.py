"""Picking a region: an overlay over all screens, showing a still of them, where the user
drags a rectangle, and the thin border that marks a shared region while it is shared.

On Wayland the still comes from the ScreenCast portal's stream and the overlay is an opaque
full-screen window on the streamed screen (Qt's grabs are black there, and translucent
overlays show black on sway); the border is not shown (a Wayland app cannot place windows).

The overlay works in Qt's logical pixels; `picked` hands over the rectangle in logical pixels
and the controller maps it to device pixels (`core.geometry.logical_to_device`). Esc cancels,
Enter accepts the rectangle shown (the last region is shown at first). The border sits just
*outside* the region, so captures of the region never contain it.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QRegion,
)
from PySide6.QtWidgets import QWidget

from desktop.capture.portal import is_wayland
from desktop.core.geometry import Rect
from desktop.core.wayland_share import stream_screen
from desktop.ui.portal_stream import PortalStream, screens_now

OVERLAY_SHADE = QColor(0, 0, 0, 110)
ACCENT = QColor("#1a73e8")
BORDER_WIDTH = 3
MIN_SIZE = 16


def to_qrect(rect: Rect) -> QRect:
    return QRect(rect.x, rect.y, rect.w, rect.h)


def from_qrect(rect: QRect) -> Rect:
    return Rect(rect.x(), rect.y(), rect.width(), rect.height())


def desktop_rect() -> QRect:
    """The bounding box of all screens, in logical pixels."""
    area = QRect()
    for screen in QGuiApplication.screens():
        area = area.united(screen.geometry())
    return area


class RegionPicker(QWidget):
    """Emits `picked(Rect)` (logical pixels, global) or `cancelled()`, then closes."""

    picked = Signal(object)
    cancelled = Signal()
    failed = Signal(str)  # no still to pick on (Wayland: the portal's message); then cancelled

    def __init__(self, initial: Rect | None = None) -> None:
        flags = (
            Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.X11BypassWindowManagerHint
            | Qt.WindowType.Tool
        )
        super().__init__(None, flags)
        self.setObjectName("regionPicker")
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setMouseTracking(True)
        self._area = desktop_rect()
        self.setGeometry(self._area)
        self._stills: list[tuple[QRect, QPixmap]] = []
        self._origin: QPoint | None = None
        self._selection = (
            to_qrect(initial).translated(-self._area.topLeft()) if initial else QRect()
        )
        self._done = False
        self._stream: PortalStream | None = None

    @property
    def selection(self) -> Rect | None:
        """The rectangle shown now, in global logical pixels."""
        if self._selection.isNull() or self._selection.isEmpty():
            return None
        return from_qrect(self._selection.translated(self._area.topLeft()))

    def start(self) -> None:
        if is_wayland():
            self._start_on_wayland()
            return
        # A still of the desktop under the shade: X11 without a compositor has no translucent
        # windows, and the user must see what they are choosing.
        self._stills = [
            (screen.geometry().translated(-self._area.topLeft()), screen.grabWindow(0))
            for screen in QGuiApplication.screens()
        ]
        self.show()
        self.raise_()
        self.activateWindow()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.grabKeyboard()

    # -- Wayland: a still from the portal, in an opaque full-screen window ------------------

    def _start_on_wayland(self) -> None:
        """Grabs through Qt are black on Wayland and a translucent overlay shows black on
        some compositors (sway): show the portal's newest picture of the screen instead, in
        an opaque window over the whole screen the portal streams."""
        stream = PortalStream.instance()
        self._stream = stream
        stream.acquire()
        stream.frame_arrived.connect(self._still_arrived)
        stream.failed.connect(self._still_failed)
        self._still_arrived()  # the stream may be running already (the screen was shared)

    def _still_arrived(self) -> None:
        stream = self._stream
        image = stream.newest_image() if stream is not None else None
        if image is None or stream is None:
            return
        self._let_go_of_stream()
        screens = screens_now()
        screen = stream_screen(image.width(), image.height(), screens) if screens else None
        qscreens = QGuiApplication.screens()
        target = qscreens[screen.index - 1] if screen else QGuiApplication.primaryScreen()
        self._area = target.geometry()
        self._stills = [(QRect(QPoint(0, 0), self._area.size()), QPixmap.fromImage(image))]
        self.setScreen(target)
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _still_failed(self, message: str) -> None:
        self._let_go_of_stream()
        self.failed.emit(message)
        self._finish(None)

    def _let_go_of_stream(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.frame_arrived.disconnect(self._still_arrived)
            stream.failed.disconnect(self._still_failed)
            stream.release()

    # -- events ----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._origin = event.position().toPoint()
            self._selection = QRect(self._origin, self._origin)
            self.update()
        elif event.button() == Qt.MouseButton.RightButton:
            self._finish(None)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._origin is not None:
            end = event.position().toPoint()
            self._selection = to_qrect(
                Rect.from_points(self._origin.x(), self._origin.y(), end.x(), end.y())
            )
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._origin is None:
            return
        end = event.position().toPoint()
        start = self._origin
        self._origin = None
        picked = Rect.from_points(start.x(), start.y(), end.x(), end.y())
        if picked.w < MIN_SIZE or picked.h < MIN_SIZE:
            self._selection = QRect()  # a click, not a drag: keep picking
            self.update()
            return
        self._selection = to_qrect(picked)
        self._finish(self.selection)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self._finish(None)
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selection:
            self._finish(self.selection)
        else:
            super().keyPressEvent(event)

    def _finish(self, rect: Rect | None) -> None:
        if self._done:
            return
        self._done = True
        self._let_go_of_stream()
        self.releaseKeyboard()
        self.close()
        if rect is None:
            self.cancelled.emit()
        else:
            self.picked.emit(rect)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        for box, still in self._stills:
            painter.drawPixmap(box, still)
        outside = QRegion(self.rect())
        if not self._selection.isEmpty():
            outside = outside.subtracted(QRegion(self._selection))
        painter.setClipRegion(outside)
        painter.fillRect(self.rect(), OVERLAY_SHADE)
        painter.setClipping(False)
        hint = self.tr("Drag to choose what the model sees · Enter keeps it · Esc cancels")
        if not self._selection.isEmpty():
            painter.setPen(QPen(ACCENT, 2))
            painter.drawRect(self._selection.adjusted(-1, -1, 0, 0))
            label = f"{self._selection.width()} × {self._selection.height()}"
            painter.setPen(Qt.GlobalColor.white)
            painter.drawText(self._selection.topLeft() + QPoint(4, -6), label)
        painter.setPen(Qt.GlobalColor.white)
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        for screen in QGuiApplication.screens():
            box = screen.geometry().translated(-self._area.topLeft())
            pill = metrics.boundingRect(hint).adjusted(-16, -8, 16, 8)
            pill.moveCenter(QPoint(box.center().x(), box.bottom() - 60))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(32, 33, 36, 230))
            painter.drawRoundedRect(pill, 12, 12)
            painter.setPen(Qt.GlobalColor.white)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, hint)
        painter.end()


class ShareBorder(QWidget):
    """A thin ring drawn just outside a shared rectangle (logical pixels); it takes no input
    and, lying outside the rectangle, never appears in what is captured."""

    def __init__(self) -> None:
        flags = (
            Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.X11BypassWindowManagerHint
            | Qt.WindowType.Tool
            | Qt.WindowType.WindowTransparentForInput
            | Qt.WindowType.WindowDoesNotAcceptFocus
        )
        super().__init__(None, flags)
        self.setObjectName("shareBorder")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self._inner = QRect()

    def follow(self, rect: Rect | None) -> None:
        """Surround `rect` (None hides the border). Not on Wayland: windows cannot be placed
        there, and the compositor would tile it like an app window."""
        if rect is None or is_wayland():
            self.hide()
            return
        inner = to_qrect(rect)
        outer = inner.adjusted(-BORDER_WIDTH, -BORDER_WIDTH, BORDER_WIDTH, BORDER_WIDTH)
        if self.isVisible() and outer == self.geometry():
            return
        self.setGeometry(outer)
        self._inner = QRect(BORDER_WIDTH, BORDER_WIDTH, inner.width(), inner.height())
        # Only the ring is part of the window: the region itself stays untouched.
        self.setMask(QRegion(self.rect()).subtracted(QRegion(self._inner)))
        self.show()
        self.raise_()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), ACCENT)
        painter.end()
