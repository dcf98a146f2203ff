"""The vision side panel: what the model sees (exactly the last frame sent), what it cost, what
is shared, and pause/resume. It decides nothing: `VisionController` feeds it and listens to
its signals: `source_chosen(str)` ("none", "region", "last-region", "window", "screen:N",
"camera") and `pause_toggled(bool)` (True: pause).

The preview scales with the panel (the side column is wider on a wider window) and keeps the
frame's aspect; every part sits in a layout, so nothing paints over the preview at any size.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.capture.pipeline import PipelineState, SentFrame
from desktop.core.frame_pacing import VisionStats
from desktop.core.window_facts import SharedSource, SourceKind, frame_counts
from desktop.ui.i18n import number, retranslated
from desktop.ui.source_labels import localise_source_label
from desktop.ui.theme import Restyler, Tone, text_colour

PREVIEW_SIZE = QSize(256, 160)  # the smallest preview; it grows with the panel
PREVIEW_ASPECT = 10 / 16


class FramePreview(QWidget):
    """The last frame sent, scaled to the widget's width with its aspect kept, or a short
    text when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmap = QPixmap()
        self._text = ""
        self.setMinimumSize(PREVIEW_SIZE.width() // 2, PREVIEW_SIZE.height() // 2)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        aspect = PREVIEW_ASPECT
        if not self._pixmap.isNull() and self._pixmap.width() > 0:
            aspect = min(1.0, max(0.4, self._pixmap.height() / self._pixmap.width()))
        return max(self.minimumHeight(), round(width * aspect))

    def sizeHint(self) -> QSize:
        return QSize(PREVIEW_SIZE.width(), self.heightForWidth(PREVIEW_SIZE.width()))

    def set_pixmap(self, pixmap: QPixmap) -> None:
        self._pixmap = pixmap
        self._text = ""
        self.updateGeometry()
        self.update()

    def set_text(self, text: str) -> None:
        self._pixmap = QPixmap()
        self._text = text
        self.updateGeometry()
        self.update()

    def pixmap(self) -> QPixmap:
        return self._pixmap

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._text:
            self._text = retranslated(self._text) or self._text  # "Nothing shared"
            self.update()
        super().changeEvent(event)

    def text(self) -> str:
        return self._text

    def image_rect(self) -> QRect:
        """Where the frame is drawn (device-independent pixels), centred."""
        if self._pixmap.isNull():
            return QRect()
        size = self._pixmap.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        return QRect(
            (self.width() - size.width()) // 2,
            (self.height() - size.height()) // 2,
            size.width(),
            size.height(),
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        pal = self.palette()
        painter.setPen(Qt.PenStyle.NoPen)
        # A dark "screen" in light and dark palettes alike; with high contrast, the base colour.
        screen = (
            QColor("#202124")
            if pal.color(QPalette.ColorRole.Base).lightnessF() > 0.2
            else (pal.color(QPalette.ColorRole.AlternateBase))
        )
        painter.setBrush(screen)
        painter.drawRoundedRect(self.rect(), 6, 6)
        if not self._pixmap.isNull():
            painter.drawPixmap(self.image_rect(), self._pixmap)
        elif self._text:
            painter.setPen(QColor("#bdc1c6"))
            painter.drawText(
                self.rect().adjusted(8, 8, -8, -8),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self._text,
            )
        painter.end()


class VisionPanel(QGroupBox):
    source_chosen = Signal(str)
    pause_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("What the model sees"), parent)
        self.setObjectName("visionPanel")
        self.setAccessibleName(self.tr("What the model sees"))
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        self._shared = SharedSource(SourceKind.NONE)
        self._faulted = False

        self._source = QComboBox(self)
        self._source.setObjectName("visionSource")
        self._source.setToolTip(self.tr("What to share with the model"))
        self._source.setAccessibleName(self.tr("Shared source"))
        self._source.setAccessibleDescription(self.tr("What to share with the model"))
        self._source.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self._source.setMinimumContentsLength(12)
        self._source.activated.connect(self._on_activated)
        layout.addWidget(self._source)

        self._preview = FramePreview(self)
        self._preview.setObjectName("visionPreview")
        self._preview.setAccessibleName(self.tr("Last frame sent to the model"))
        self._preview.set_text(self.tr("Nothing shared"))
        layout.addWidget(self._preview)

        self._status = QLabel(self)
        self._status.setObjectName("visionStatus")
        self._status.setWordWrap(True)
        self._status.setAccessibleName(self.tr("Sharing status"))
        layout.addWidget(self._status)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        self._counters: dict[str, QLabel] = {}
        self._counts: dict[str, int] = {}
        names = [
            ("captured", self.tr("Captured")),
            ("sent", self.tr("Sent")),
            ("skipped", self.tr("Skipped (unchanged)")),
            ("held", self.tr("Skipped (rate limit)")),
            ("tokens", self.tr("Tokens")),
        ]
        tips = {
            "captured": self.tr("Frames looked at: sent plus skipped."),
            "held": self.tr("Changed, but at most one frame a second is sent."),
        }
        for row, (key, title) in enumerate(names):
            name = QLabel(title, self)
            name.setStyleSheet("color: palette(placeholder-text);")
            name.setToolTip(tips.get(key, ""))
            value = QLabel("0", self)
            value.setObjectName(f"vision_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            value.setAccessibleName(title)
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            self._counters[key] = value
        layout.addLayout(grid)

        self._pause = QPushButton(self.tr("Pause sharing"), self)
        self._pause.setObjectName("visionPause")
        self._pause.setAccessibleDescription(self.tr("Stop or restart sending frames."))
        self._pause.setCheckable(True)
        self._pause.setEnabled(False)
        self._pause.toggled.connect(self._on_pause_toggled)
        layout.addWidget(self._pause)
        self._status_style = ""
        Restyler(self, self._restyle)
        self.set_choices([], has_last_region=False)

    # -- fed by the controller ------------------------------------------------------------

    def set_choices(self, screens: list[str], *, has_last_region: bool) -> None:
        """`screens`: descriptions, numbered from 1 in the list's order. Cameras are listed
        when "Camera…" is chosen: QtMultimedia starts only when a camera is wanted."""
        current = self.current_choice()
        box = self._source
        box.clear()
        box.addItem(self.tr("Not sharing"), "none")
        box.addItem(self.tr("Region…"), "region")
        if has_last_region:
            box.addItem(self.tr("Last region"), "last-region")
        box.addItem(self.tr("Window…"), "window")
        for i, text in enumerate(screens, start=1):
            box.addItem(text, f"screen:{i}")
        box.addItem(self.tr("Camera…"), "camera")
        self.show_choice(current, self._shared)

    def current_choice(self) -> str:
        data = self._source.currentData()
        return data if isinstance(data, str) else "none"

    def show_choice(self, choice: str, shared: SharedSource | None = None) -> None:
        """Select `choice` in the picker without emitting `source_chosen`; the chosen item
        names what is shared ("Region 1280×720", "Window: Notes")."""
        if choice.startswith(("camera:", "window:")):
            choice = choice.partition(":")[0]
        self._shared = shared or SharedSource(SourceKind.NONE)
        self._label_items()
        index = self._source.findData(choice)
        self._source.setCurrentIndex(max(index, 0))
        self._source.setToolTip(self._source.currentText())

    def _label_items(self) -> None:
        plain = {
            "region": self.tr("Region…"),
            "last-region": self.tr("Last region"),
            "window": self.tr("Window…"),
            "camera": self.tr("Camera…"),
        }
        named = self._named_source()
        kind = self._shared.kind.value
        for i in range(self._source.count()):
            data = self._source.itemData(i)
            if data in plain:
                current = named and (data == kind or (data == "last-region" and kind == "region"))
                self._source.setItemText(i, named if current else plain[data])

    def _named_source(self) -> str:
        shared = self._shared
        if not shared.detail:
            return ""
        if shared.kind is SourceKind.REGION:
            return self.tr("Region %1").replace("%1", shared.detail)
        if shared.kind is SourceKind.WINDOW:
            return self.tr("Window: %1").replace("%1", shared.detail)
        if shared.kind is SourceKind.CAMERA:
            return self.tr("Camera: %1").replace("%1", shared.detail)
        return ""

    def show_state(self, state: PipelineState) -> None:
        self._faulted = bool(state.message)
        self._pause.setEnabled(bool(state.source))
        self._pause.blockSignals(True)
        self._pause.setChecked(state.paused)
        self._pause.blockSignals(False)
        if self._faulted and self._shared.kind in (SourceKind.WINDOW, SourceKind.CAMERA):
            resume = self.tr("Pick again…")
        else:
            resume = self.tr("Resume sharing")
        self._pause.setText(resume if state.paused else self.tr("Pause sharing"))
        if not state.source:
            text = self.tr("Not sharing")
            self._preview.set_text(self.tr("Nothing shared"))
        elif state.message:
            text = state.message
        elif state.paused:
            text = self.tr("Paused: %1").replace("%1", localise_source_label(state.source))
        elif state.sharing:
            text = self.tr("Sharing %1").replace("%1", localise_source_label(state.source))
        else:
            text = self.tr("%1 (shared once the session is live)").replace(
                "%1", localise_source_label(state.source)
            )
        self._status.setText(text)
        self._status_style = "error" if state.message else ""
        self._restyle()

    def _restyle(self) -> None:
        colour = text_colour(Tone.ERROR) if self._status_style else ""
        self._status.setStyleSheet(f"color: {colour};" if colour else "")

    def show_frame(self, frame: SentFrame) -> None:
        pixmap = QPixmap()
        if pixmap.loadFromData(frame.jpeg, "JPG"):
            self._preview.set_pixmap(pixmap)
        g = frame.geometry
        tip = (
            self.tr("Last frame sent: %1×%2, %3 KB (%4)")
            .replace("%1", str(g.width))
            .replace("%2", str(g.height))
            .replace("%3", f"{len(frame.jpeg) / 1024:.0f}")
            .replace("%4", frame.reason.value)
        )
        self._preview.setToolTip(tip)
        self._preview.setAccessibleDescription(tip)

    def show_stats(self, stats: VisionStats) -> None:
        counts = frame_counts(stats.sent, stats.skipped_unchanged, stats.skipped_rate, stats.tokens)
        self._counts = {
            "captured": counts.checked,
            "sent": counts.sent,
            "skipped": counts.unchanged,
            "held": counts.held_back,
            "tokens": counts.tokens,
        }
        for key, value in self._counts.items():
            self._counters[key].setText(number(value))

    # -- for tests and the tray/hotkey later ----------------------------------------------

    def counter(self, key: str) -> int:
        return self._counts.get(key, 0)

    @property
    def status_text(self) -> str:
        return self._status.text()

    @property
    def preview_pixmap(self) -> QPixmap:
        return self._preview.pixmap()

    @property
    def preview(self) -> FramePreview:
        return self._preview

    @property
    def source_box(self) -> QComboBox:
        return self._source

    @property
    def pause_button(self) -> QPushButton:
        return self._pause

    @property
    def faulted(self) -> bool:
        return self._faulted

    def _on_activated(self, _index: int) -> None:
        self.source_chosen.emit(self.current_choice())

    def _on_pause_toggled(self, checked: bool) -> None:
        self.pause_toggled.emit(checked)
