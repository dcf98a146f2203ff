"""The `point_at` highlight: a rounded outline with a label around a place on the screen.

A frameless, translucent, always-on-top, click-through tool window placed in logical
coordinates (it spans whichever screen the rectangle is on). It fades out after a few seconds;
`clear()` hides it at once (the window's Esc and a new question call it: a global Esc would
need a keyboard hook, which the app does not install). Without a compositor (Xvfb, some X11
desktops) translucency renders opaque, so the window is also shaped (a mask) to the outline
and the label: what is inside stays visible everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPropertyAnimation, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QRegion
from PySide6.QtWidgets import QWidget

from desktop.core.geometry import Rect

OUTLINE = QColor(255, 200, 0)  # amber: stands out on light and dark screens
LABEL_TEXT = QColor(20, 20, 20)
PEN_WIDTH = 4
PAD = PEN_WIDTH + 2  # the outline sits just outside the thing, not over it
FADE_MS = 600


class Highlight(QWidget):
    def __init__(self) -> None:
        super().__init__(
            None,
            Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.Tool
            | Qt.WindowType.WindowTransparentForInput
            | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self.setObjectName("pointAtHighlight")
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.label = ""
        self.target: Rect | None = None  # logical pixels, as asked
        self._label_h = 0
        self._font = QFont(self.font())
        self._font.setBold(True)
        self._font.setPointSizeF(max(self._font.pointSizeF(), 10.0))
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.timeout.connect(self._fade)
        self._anim = QPropertyAnimation(self, b"windowOpacity", self)
        self._anim.setDuration(FADE_MS)
        self._anim.setEasingCurve(QEasingCurve.Type.InQuad)
        self._anim.finished.connect(self._faded)

    def point(self, rect: Rect, label: str = "", seconds: float = 4.0) -> None:
        """Show the highlight around `rect` (logical pixels) for `seconds`, then fade out."""
        self._anim.stop()
        self.target, self.label = rect, label
        metrics = QFontMetrics(self._font)
        self._label_h = metrics.height() + 8 if label else 0
        width = max(rect.w + 2 * PAD, metrics.horizontalAdvance(label) + 20 if label else 0)
        self.setGeometry(
            rect.x - PAD, rect.y - PAD - self._label_h, width, rect.h + 2 * PAD + self._label_h
        )
        self.setMask(self._shape(metrics))
        self.setWindowOpacity(1.0)
        self.show()
        self.raise_()
        self.update()
        self._hold.start(max(int(seconds * 1000), 0))

    def _shape(self, metrics: QFontMetrics) -> QRegion:
        """Only the outline and the label belong to the window: without a compositor the
        rest would otherwise be painted opaque over what the user should see."""
        assert self.target is not None
        outer = QRect(0, self._label_h, self.target.w + 2 * PAD, self.target.h + 2 * PAD)
        inner = outer.adjusted(PEN_WIDTH + 1, PEN_WIDTH + 1, -PEN_WIDTH - 1, -PEN_WIDTH - 1)
        shape = QRegion(outer).subtracted(QRegion(inner))
        if self.label:
            pill = QRect(0, 0, metrics.horizontalAdvance(self.label) + 16, self._label_h - 2)
            shape = shape.united(QRegion(pill))
        return shape

    def clear(self) -> None:
        self._hold.stop()
        self._anim.stop()
        self.hide()

    @property
    def showing(self) -> bool:
        return self.isVisible()

    def _fade(self) -> None:
        self._anim.setStartValue(1.0)
        self._anim.setEndValue(0.0)
        self._anim.start()

    def _faded(self) -> None:
        self.hide()
        self.setWindowOpacity(1.0)

    def paintEvent(self, _event: QPaintEvent) -> None:
        if self.target is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        painter.fillRect(self.rect(), Qt.GlobalColor.transparent)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        half = PEN_WIDTH / 2
        box = QRectF(
            half,
            self._label_h + half,
            self.target.w + 2 * PAD - PEN_WIDTH,
            self.target.h + 2 * PAD - PEN_WIDTH,
        )
        painter.setPen(QPen(OUTLINE, PEN_WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box, 8, 8)
        if self.label:
            painter.setFont(self._font)
            metrics = QFontMetrics(self._font)
            pill = QRectF(0, 0, metrics.horizontalAdvance(self.label) + 16, self._label_h - 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(OUTLINE)
            painter.drawRoundedRect(pill, 6, 6)
            painter.setPen(LABEL_TEXT)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, self.label)
        painter.end()
