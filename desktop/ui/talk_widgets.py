"""The talk row's own widgets: a talk button of constant width that elides its label (with a
focus ring that shows on any palette), and the microphone level meter on a palette-tinted
track."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QPushButton, QStyle, QStyleOptionButton, QStylePainter, QWidget

from desktop.ui.theme import ACCENTS, Tone, mix

# The talk button never grows past this (device-independent pixels); longer labels elide.
TALK_MAX_WIDTH = 220
TALK_PADDING = 22


def talk_style(active: bool) -> str:
    """Blue (red while talking) on any palette, with a focus ring in the palette's text colour
    that is visible on the button and around it."""
    pal = QGuiApplication.palette()
    ring = pal.color(QPalette.ColorRole.Text).name()
    # Disabled: a shade of the window towards its text, so the button still shows as one.
    disabled_bg = mix(
        pal.color(QPalette.ColorRole.Window), pal.color(QPalette.ColorRole.WindowText), 0.12
    ).name()
    disabled_fg = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText).name()
    colour = ACCENTS[Tone.ERROR] if active else ACCENTS[Tone.INFO]
    return (
        f"QPushButton {{ background: {colour}; color: white; border: 3px solid transparent;"
        f" border-radius: 18px; padding: 4px {TALK_PADDING - 3}px; font-weight: 600;"
        f" font-size: 14px; }}"
        f" QPushButton:focus {{ border: 3px solid {ring}; }}"
        f" QPushButton:disabled {{ background: {disabled_bg}; color: {disabled_fg}; }}"
    )


class TalkButton(QPushButton):
    """A push button of constant width whose label elides instead of clipping or growing;
    `text()` stays the whole label (also the tooltip's first line)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        room = self.width() - 2 * TALK_PADDING
        option.text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, room)
        painter = QStylePainter(self)
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)

    def is_elided(self) -> bool:
        self.ensurePolished()
        return self.fontMetrics().horizontalAdvance(self.text()) > self.width() - 2 * TALK_PADDING

    def fit_width(self, labels: list[str]) -> None:
        self.ensurePolished()  # the style sheet's font decides the width
        widest = max(self.fontMetrics().horizontalAdvance(t) for t in labels)
        self.setFixedWidth(min(TALK_MAX_WIDTH, max(150, widest + 2 * TALK_PADDING + 4)))


class LevelMeter(QWidget):
    """A slim horizontal bar, green to amber to red, 0.0 to 1.0, on a track of the palette."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._level = 0.0
        self.setObjectName("inputLevel")
        self.setMinimumWidth(60)
        self.setMaximumWidth(160)
        self.setToolTip(self.tr("Microphone input level"))
        self.setAccessibleName(self.tr("Microphone input level"))
        self.setAccessibleDescription(self.tr("How loud the microphone hears you, 0 to 100 %."))

    def sizeHint(self) -> QSize:
        return QSize(140, 14)

    @property
    def level(self) -> float:
        return self._level

    def set_level(self, level: float) -> None:
        level = min(1.0, max(0.0, level))
        if abs(level - self._level) > 0.005:
            self._level = level
            self.update()

    def track_colour(self) -> QColor:
        pal = self.palette()
        return mix(pal.color(QPalette.ColorRole.Window), pal.color(QPalette.ColorRole.Text), 0.18)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        height = 8.0
        top = (self.height() - height) / 2
        track = QRectF(0, top, self.width(), height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.track_colour())
        painter.drawRoundedRect(track, 4, 4)
        if self._level > 0:
            tone = (
                Tone.SUCCESS
                if self._level < 0.7
                else Tone.WARNING
                if self._level < 0.9
                else Tone.ERROR
            )
            painter.setBrush(QColor(ACCENTS[tone]))
            painter.drawRoundedRect(QRectF(0, top, self.width() * self._level, height), 4, 4)
        painter.end()
