"""The vision side panel: what the model sees (exactly the last frame sent), what it cost, what
is shared, and pause/resume. It decides nothing: `VisionController` feeds it and listens to
its signals: `source_chosen(str)` ("none", "region", "last-region", "window", "screen:N",
"camera") and `pause_toggled(bool)` (True: pause)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
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

PREVIEW_SIZE = QSize(256, 160)


class VisionPanel(QGroupBox):
    source_chosen = Signal(str)
    pause_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("What the model sees"), parent)
        self.setObjectName("visionPanel")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setSpacing(6)

        self._source = QComboBox(self)
        self._source.setObjectName("visionSource")
        self._source.setToolTip(self.tr("What to share with the model"))
        self._source.activated.connect(self._on_activated)
        layout.addWidget(self._source)

        self._preview = QLabel(self)
        self._preview.setObjectName("visionPreview")
        self._preview.setFixedSize(PREVIEW_SIZE)
        self._preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._preview.setStyleSheet(
            "QLabel { background: #202124; color: #bdc1c6; border-radius: 6px; }"
        )
        self._preview.setText(self.tr("Nothing shared"))
        self._preview.setWordWrap(True)
        layout.addWidget(self._preview)

        self._status = QLabel(self)
        self._status.setObjectName("visionStatus")
        self._status.setWordWrap(True)
        self._status.setMaximumWidth(PREVIEW_SIZE.width())
        layout.addWidget(self._status)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        self._counters: dict[str, QLabel] = {}
        names = [
            ("captured", self.tr("Captured")),
            ("sent", self.tr("Sent")),
            ("skipped", self.tr("Skipped (unchanged)")),
            ("tokens", self.tr("Tokens")),
        ]
        for row, (key, title) in enumerate(names):
            name = QLabel(title, self)
            name.setStyleSheet("color: palette(placeholder-text);")
            value = QLabel("0", self)
            value.setObjectName(f"vision_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            self._counters[key] = value
        layout.addLayout(grid)

        self._pause = QPushButton(self.tr("Pause sharing"), self)
        self._pause.setObjectName("visionPause")
        self._pause.setCheckable(True)
        self._pause.setEnabled(False)
        self._pause.toggled.connect(self._on_pause_toggled)
        layout.addWidget(self._pause)
        layout.addStretch(1)
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
        self.show_choice(current)

    def current_choice(self) -> str:
        data = self._source.currentData()
        return data if isinstance(data, str) else "none"

    def show_choice(self, choice: str) -> None:
        """Select `choice` in the picker without emitting `source_chosen`."""
        if choice.startswith(("camera:", "window:")):
            choice = choice.partition(":")[0]
        index = self._source.findData(choice)
        self._source.setCurrentIndex(max(index, 0))

    def show_state(self, state: PipelineState) -> None:
        self._pause.setEnabled(bool(state.source))
        self._pause.blockSignals(True)
        self._pause.setChecked(state.paused)
        self._pause.blockSignals(False)
        self._pause.setText(self.tr("Resume sharing") if state.paused else self.tr("Pause sharing"))
        if not state.source:
            text = self.tr("Not sharing")
            self._preview.clear()
            self._preview.setText(self.tr("Nothing shared"))
        elif state.message:
            text = state.message
        elif state.paused:
            text = self.tr("Paused: %1").replace("%1", state.source)
        elif state.sharing:
            text = self.tr("Sharing %1").replace("%1", state.source)
        else:
            text = self.tr("%1 (shared once the session is live)").replace("%1", state.source)
        self._status.setText(text)
        self._status.setStyleSheet("color: #d93025;" if state.message else "")

    def show_frame(self, frame: SentFrame) -> None:
        pixmap = QPixmap()
        if pixmap.loadFromData(frame.jpeg, "JPG"):
            self._preview.setPixmap(
                pixmap.scaled(
                    PREVIEW_SIZE,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        g = frame.geometry
        self._preview.setToolTip(
            self.tr("Last frame sent: %1×%2, %3 KB (%4)")
            .replace("%1", str(g.width))
            .replace("%2", str(g.height))
            .replace("%3", f"{len(frame.jpeg) / 1024:.0f}")
            .replace("%4", frame.reason.value)
        )

    def show_stats(self, stats: VisionStats) -> None:
        self._counters["captured"].setText(f"{stats.captured:,}")
        self._counters["sent"].setText(f"{stats.sent:,}")
        self._counters["skipped"].setText(f"{stats.skipped_unchanged:,}")
        self._counters["tokens"].setText(f"{stats.tokens:,}")

    # -- for tests and the tray/hotkey later ----------------------------------------------

    def counter(self, key: str) -> int:
        return int(self._counters[key].text().replace(",", ""))

    @property
    def status_text(self) -> str:
        return self._status.text()

    @property
    def preview_pixmap(self) -> QPixmap:
        return self._preview.pixmap()

    @property
    def pause_button(self) -> QPushButton:
        return self._pause

    def _on_activated(self, _index: int) -> None:
        self.source_chosen.emit(self.current_choice())

    def _on_pause_toggled(self, checked: bool) -> None:
        self.pause_toggled.emit(checked)
