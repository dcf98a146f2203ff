"""The model picker in Settings: the Live models the key may use (`client.models.list()`, read
in the background when a key is present), else a short built-in list; the thinking level for
the extended-thinking model. The field stays editable: a model Google adds tomorrow can be
typed in."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.api_key import resolve_api_key
from desktop.core.live_models import THINKING_LEVELS, picker_choices, rules_for
from desktop.session.endpoint import Endpoint
from desktop.session.models_list import list_live_models
from desktop.settings import Settings

log = logging.getLogger(__name__)

Lister = Callable[[], Awaitable[list[str]]]
# Shown with self.tr(name); QT_TRANSLATE_NOOP marks them for lupdate.
_LEVEL_NAMES = {
    "low": QT_TRANSLATE_NOOP("ModelPicker", "low"),
    "medium": QT_TRANSLATE_NOOP("ModelPicker", "medium"),
    "high": QT_TRANSLATE_NOOP("ModelPicker", "high"),
}


class ModelPicker(QWidget):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.setObjectName("modelCombo")
        self.combo.setAccessibleName(self.tr("Model"))
        self.combo.setEditable(True)
        self.thinking = QComboBox(self)
        self.thinking.setObjectName("thinkingLevel")
        for level in THINKING_LEVELS:
            self.thinking.addItem(self.tr(str(_LEVEL_NAMES.get(level, level))), level)
        index = self.thinking.findData(settings.thinking_level)
        self.thinking.setCurrentIndex(index if index >= 0 else 1)
        self.thinking_label = QLabel(self.tr("&Thinking:"), self)
        self.thinking_label.setBuddy(self.thinking)
        self.note = QLabel(self)
        self.note.setObjectName("modelNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.thinking_label)
        row.addWidget(self.thinking)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.note)
        self.setFocusProxy(self.combo)
        self._loading: asyncio.Future[None] | None = None
        self.fill([], settings.model, self.tr("Built-in list (no key, or the offline demo)."))
        self.combo.currentTextChanged.connect(self._update_thinking)
        self._update_thinking(self.combo.currentText())

    def fill(self, names: list[str], current: str, note: str) -> None:
        """Offer `names` (the built-in list when empty), keeping `current` selected."""
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItems(picker_choices(names, current))
        self.combo.setCurrentText(current)
        self.combo.blockSignals(False)
        self.note.setText(note)
        self._update_thinking(current)

    def load(self, lister: Lister) -> asyncio.Future[None] | None:
        """Read the key's models in the background (needs the running asyncio loop)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            try:
                loop = asyncio.get_event_loop_policy().get_event_loop()
            except RuntimeError:  # no loop at all (a dialog opened outside the app)
                return None
            if not loop.is_running():
                return None
        self.note.setText(self.tr("Reading the models your key may use…"))
        self._loading = loop.create_task(self._load(lister, self.model()))
        return self._loading

    async def _load(self, lister: Lister, current: str) -> None:
        try:
            names = await lister()
        except Exception as exc:
            log.info("the models list could not be read: %s", exc)
            names = None
        if not shiboken6.isValid(self.combo):
            return  # the dialog was closed and deleted while the list was read
        if names is None:
            self.fill([], current, self.tr("Built-in list: the models list could not be read."))
            return
        if names:
            note = self.tr("%n Live model(s) your key may use.", "", len(names))
        else:
            note = self.tr("Built-in list: your key lists no Live model.")
        self.fill(names, current, note)

    def load_for_key(self) -> asyncio.Future[None] | None:
        """With a key (environment or keychain), fill from Google's models list."""
        key = resolve_api_key()
        if key is None:
            return None
        endpoint = Endpoint(key.value, None, None, False, "Google")
        return self.load(lambda: list_live_models(endpoint))

    def cancel(self) -> None:
        if self._loading is not None:
            self._loading.cancel()

    def model(self) -> str:
        return self.combo.currentText().strip()

    def thinking_level(self) -> str:
        return str(self.thinking.currentData() or "medium")

    def _update_thinking(self, model: str) -> None:
        thinking = rules_for(model).thinking
        self.thinking.setVisible(thinking)
        self.thinking_label.setVisible(thinking)
