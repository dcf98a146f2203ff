"""Picking a region: a translucent overlay over all screens where the user drags a rectangle,
and the thin border that marks a shared region while it is shared.

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

from desktop.core.geometry import Rect

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

    @property
    def selection(self) -> Rect | None:
        """The rectangle shown now, in global logical pixels."""
        if self._selection.isNull() or self._selection.isEmpty():
            return None
        return from_qrect(self._selection.translated(self._area.topLeft()))

    def start(self) -> None:
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
        """Surround `rect` (None hides the border)."""
        if rect is None:
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
