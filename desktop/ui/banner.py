"""A dismissible warning strip above the conversation (no microphone, a hotkey that is taken...).

One banner shows every current warning, keyed by who raised it; a feature calls
`show_warning(key, text)` / `clear_warning(key)`. Dismissing hides the warnings shown at that
moment; a warning whose text changes later shows again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from desktop.ui.theme import ACCENTS, Restyler, Tone, mix, readable, tint


class WarningBanner(QFrame):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warningBanner")
        self.setAccessibleName(self.tr("Warnings"))
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        row.setSpacing(8)
        self.label = QLabel(self)
        self.label.setObjectName("warningText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.label, 1)
        self.dismiss = QToolButton(self)
        self.dismiss.setObjectName("warningDismiss")
        self.dismiss.setText("✕")
        self.dismiss.setAutoRaise(True)
        self.dismiss.setToolTip(self.tr("Dismiss"))
        self.dismiss.setAccessibleName(self.tr("Dismiss warning"))
        self.dismiss.setAccessibleDescription(
            self.tr("Hides this warning until something changes.")
        )
        self.dismiss.clicked.connect(self.dismiss_all)
        row.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self._warnings: dict[str, str] = {}
        self._dismissed: dict[str, str] = {}
        Restyler(self, self._restyle)
        self._update()

    def show_warning(self, key: str, text: str) -> None:
        if not text:
            self.clear_warning(key)
            return
        if self._warnings.get(key) != text:
            self._warnings[key] = text
            self._update()

    def clear_warning(self, key: str) -> None:
        if self._warnings.pop(key, None) is not None:
            self._dismissed.pop(key, None)
            self._update()

    def dismiss_all(self) -> None:
        self._dismissed.update(self._warnings)
        self._update()

    def shown_text(self) -> str:
        return self.label.text() if not self.isHidden() else ""

    def warning(self, key: str) -> str:
        return self._warnings.get(key, "")

    def _update(self) -> None:
        shown = [t for k, t in self._warnings.items() if self._dismissed.get(k) != t]
        self.label.setText("\n".join(shown))
        self.setAccessibleDescription("\n".join(shown))
        self.setVisible(bool(shown))
        self.changed.emit()

    def _restyle(self) -> None:
        bg = tint(Tone.WARNING)
        fg = readable(ACCENTS[Tone.WARNING], bg)
        border = mix(bg, fg, 0.35)
        self.setStyleSheet(
            f"QFrame#warningBanner {{ background: {bg.name()}; border: 1px solid {border.name()};"
            f" border-radius: 6px; }}"
            f" QLabel#warningText {{ color: {fg.name()}; background: transparent; }}"
        )
