"""The one-time suggestion to move off the previous preview model.

A user whose settings still name `gemini-3.1-flash-live-preview` sees a bar above the
transcript: Google recommends `gemini-3.8-live`. *Switch* changes the model (and reconnects),
*Keep* keeps it; either answer is remembered (`model_suggestion_dismissed`) and the bar never
comes back. Nothing changes without the user."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.core.live_models import PREVIOUS_PREVIEW, suggest_upgrade
from desktop.settings import Settings


class ModelSuggestion(QFrame):
    def __init__(
        self,
        settings: Settings,
        answer: Callable[[Settings], None],
        parent: QWidget | None = None,
    ) -> None:
        """`answer(new_settings)` saves and applies what the user chose."""
        super().__init__(parent)
        self.setObjectName("modelSuggestion")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._settings = settings
        self._answer = answer
        suggested = suggest_upgrade(settings.model, settings.model_suggestion_dismissed) or ""
        self.suggested = suggested
        self.label = QLabel(
            self.tr(
                "Your model is %1, Google's previous preview. Google recommends %2, the "
                "current Live model."
            )
            .replace("%1", PREVIOUS_PREVIEW)
            .replace("%2", suggested),
            self,
        )
        self.label.setWordWrap(True)
        self.switch = QPushButton(self.tr("Switch to %1").replace("%1", suggested), self)
        self.switch.setObjectName("switchModel")
        self.keep = QPushButton(self.tr("Keep my model"), self)
        self.keep.setObjectName("keepModel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.switch)
        layout.addWidget(self.keep)
        self.switch.clicked.connect(lambda: self._done(switch=True))
        self.keep.clicked.connect(lambda: self._done(switch=False))

    def _done(self, *, switch: bool) -> None:
        chosen = self._settings.replace(model_suggestion_dismissed=True)
        if switch:
            chosen = chosen.replace(model=self.suggested)
        self.hide()
        self._answer(chosen)


def model_suggestion(
    settings: Settings, answer: Callable[[Settings], None], parent: QWidget | None = None
) -> ModelSuggestion | None:
    """The bar, or None when there is nothing to suggest (or it was answered before)."""
    if suggest_upgrade(settings.model, settings.model_suggestion_dismissed) is None:
        return None
    return ModelSuggestion(settings, answer, parent)
