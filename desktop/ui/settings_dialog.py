"""Settings dialog: model, voice, response language, system instruction and the API key.

On OK the settings are saved through the given `SettingsStore`; read them with `settings()`.
The API key never touches a file: "Save to keychain" hands it to the OS keychain right away
(`key_changed` tells the caller a reconnect is worthwhile even if no setting changed). A key in
GEMINI_API_KEY / GOOGLE_API_KEY wins over the keychain, and the dialog says so.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.settings import DEFAULT_SYSTEM_INSTRUCTION, VOICES, Settings, SettingsStore
from desktop.ui.audio_settings import AudioSettingsBox
from desktop.ui.general_settings import (
    INSTRUCTION_PRESETS,
    DesktopSettingsBox,
    ToolsSettingsBox,
    VisionSettingsBox,
)
from desktop.ui.i18n import retranslate_tree, switch_language
from desktop.ui.key_entry import Checker, KeyEntryBox
from desktop.ui.model_picker import ModelPicker

# (BCP-47 code, English name); "" lets the model choose. Names are translated with self.tr(name)
# when shown; QT_TRANSLATE_NOOP marks them for lupdate, which cannot see through the variable.
RESPONSE_LANGUAGES = (
    ("", QT_TRANSLATE_NOOP("SettingsDialog", "Automatic")),
    ("en-US", QT_TRANSLATE_NOOP("SettingsDialog", "English (US)")),
    ("en-GB", QT_TRANSLATE_NOOP("SettingsDialog", "English (UK)")),
    ("de-DE", QT_TRANSLATE_NOOP("SettingsDialog", "German")),
    ("fr-FR", QT_TRANSLATE_NOOP("SettingsDialog", "French")),
    ("es-ES", QT_TRANSLATE_NOOP("SettingsDialog", "Spanish")),
    ("it-IT", QT_TRANSLATE_NOOP("SettingsDialog", "Italian")),
    ("pt-BR", QT_TRANSLATE_NOOP("SettingsDialog", "Portuguese (Brazil)")),
    ("nl-NL", QT_TRANSLATE_NOOP("SettingsDialog", "Dutch")),
    ("pl-PL", QT_TRANSLATE_NOOP("SettingsDialog", "Polish")),
    ("ru-RU", QT_TRANSLATE_NOOP("SettingsDialog", "Russian")),
    ("tr-TR", QT_TRANSLATE_NOOP("SettingsDialog", "Turkish")),
    ("hi-IN", QT_TRANSLATE_NOOP("SettingsDialog", "Hindi")),
    ("ja-JP", QT_TRANSLATE_NOOP("SettingsDialog", "Japanese")),
    ("ko-KR", QT_TRANSLATE_NOOP("SettingsDialog", "Korean")),
    ("zh-CN", QT_TRANSLATE_NOOP("SettingsDialog", "Chinese (Mandarin)")),
)


class SettingsDialog(QDialog):
    """Edits a copy of `settings`; nothing changes for the caller unless OK is pressed."""

    def __init__(
        self, settings: Settings, store: SettingsStore, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._original = settings
        self._store = store
        self._key_changed = False
        self.setWindowTitle(self.tr("Screenmate Settings"))
        self.setObjectName("settingsDialog")
        self.setMinimumWidth(560)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        # The key's Live models (read in the background), else a built-in list.
        self.model_picker = ModelPicker(settings, self)
        self.model_combo = self.model_picker.combo
        form.addRow(self.tr("&Model:"), self.model_picker)
        self.model_picker.load_for_key()
        self.finished.connect(lambda _result: self.model_picker.cancel())
        self.finished.connect(lambda _result: self.key_box.cancel())

        self.voice_combo = QComboBox(self)
        self.voice_combo.addItems(VOICES)
        if settings.voice not in VOICES:
            self.voice_combo.addItem(settings.voice)
        self.voice_combo.setCurrentText(settings.voice)
        form.addRow(self.tr("&Voice:"), self.voice_combo)

        self.language_combo = QComboBox(self)
        for code, _english in RESPONSE_LANGUAGES:
            self.language_combo.addItem("", code)
        self._label_languages()
        if self.language_combo.findData(settings.language) < 0:
            self.language_combo.addItem(settings.language, settings.language)
        self.language_combo.setCurrentIndex(self.language_combo.findData(settings.language))
        form.addRow(self.tr("Response &language:"), self.language_combo)

        self.instruction_edit = QPlainTextEdit(self)
        self.instruction_edit.setPlainText(settings.system_instruction)
        self.instruction_edit.setMinimumHeight(110)
        restore = QPushButton(self.tr("Restore Default"), self)
        restore.clicked.connect(
            lambda: self.instruction_edit.setPlainText(DEFAULT_SYSTEM_INSTRUCTION)
        )
        instruction_box = QVBoxLayout()
        instruction_box.addWidget(self.instruction_edit)
        instruction_box.addWidget(restore, 0, Qt.AlignmentFlag.AlignRight)
        # A row whose field is a layout gets no buddy by itself; without one "&" shows as is.
        instruction_label = QLabel(self.tr("System &instruction:"), self)
        instruction_label.setBuddy(self.instruction_edit)
        form.addRow(instruction_label, instruction_box)

        self.preset_combo = QComboBox(self)
        self.preset_combo.setObjectName("instructionPreset")
        self.preset_combo.setAccessibleName(self.tr("Instruction presets"))
        self.preset_combo.addItem(self.tr("Presets…"), "")
        for name, text in INSTRUCTION_PRESETS:
            self.preset_combo.addItem(self.tr(str(name)), text)
        self.preset_combo.activated.connect(self._preset_chosen)
        instruction_box.insertWidget(0, self.preset_combo)

        layout = QVBoxLayout(self)
        tabs = self.tabs = QTabWidget(self)
        general = QWidget(tabs)
        general_layout = QVBoxLayout(general)
        general_layout.addLayout(form)
        general_layout.addWidget(self._build_key_box())
        tabs.addTab(general, self.tr("General"))
        self.audio_box = AudioSettingsBox(settings, self)
        tabs.addTab(self.audio_box, self.tr("Audio"))
        more = QWidget(tabs)
        more_layout = QVBoxLayout(more)
        self.vision_box = VisionSettingsBox(settings, more)
        self.desktop_box = DesktopSettingsBox(settings, more)
        self.tools_box = ToolsSettingsBox(settings, more)
        more_layout.addWidget(self.vision_box)
        more_layout.addWidget(self.tools_box)
        more_layout.addWidget(self.desktop_box)
        more_layout.addStretch(1)
        tabs.addTab(more, self.tr("Sharing && Desktop"))
        layout.addWidget(tabs)

        note = QLabel(
            self.tr("OK saves these settings and reconnects the session with them."), self
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(note)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _build_key_box(self) -> KeyEntryBox:
        self.key_box = KeyEntryBox(self)
        self.key_box.key_changed.connect(self._on_key_changed)
        # The names tests and callers know.
        self.key_edit = self.key_box.key_edit
        self.key_status = self.key_box.status
        self.save_key_button = self.key_box.save_button
        self.remove_key_button = self.key_box.remove_button
        self.test_key_button = self.key_box.test_button
        return self.key_box

    def focus_key(self) -> None:
        """Show the key field with the cursor in it ("Enter an API Key…")."""
        self.tabs.setCurrentIndex(0)
        self.key_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def key_checker(self) -> Checker:
        return self.key_box.key_checker

    @key_checker.setter
    def key_checker(self, checker: Checker) -> None:
        self.key_box.key_checker = checker

    @property
    def _key_test(self) -> asyncio.Future[None] | None:
        return self.key_box.key_test

    def _on_key_changed(self) -> None:
        self._key_changed = True

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The interface language changed while open: static texts are looked up again."""
        retranslate_tree(self)
        self._label_languages()

    def _label_languages(self) -> None:
        for index, (code, english) in enumerate(RESPONSE_LANGUAGES):
            name = self.tr(str(english))
            self.language_combo.setItemText(index, name if not code else f"{name} ({code})")

    # -- results ------------------------------------------------------------------------

    @property
    def key_changed(self) -> bool:
        """True once a key was saved to or removed from the keychain in this dialog."""
        return self._key_changed

    def settings(self) -> Settings:
        """The settings as currently entered (unknown fields are kept from the original)."""
        updated = self.desktop_box.apply(self.vision_box.apply(self._original))
        updated = self.tools_box.apply(updated)
        return self.audio_box.apply(updated).replace(
            model=self.model_picker.model() or self._original.model,
            thinking_level=self.model_picker.thinking_level(),
            voice=self.voice_combo.currentText(),
            language=str(self.language_combo.currentData() or ""),
            system_instruction=self.instruction_edit.toPlainText().strip(),
        )

    def accept(self) -> None:
        if not self.desktop_box.hotkey_ok():
            self._warn(self.desktop_box.hotkey_note.text())
            return
        try:
            self._store.save(self.settings())
        except OSError as exc:
            self._warn(self.tr("The settings could not be saved: %1").replace("%1", str(exc)))
            return
        language = self.desktop_box.apply(self._original).ui_language
        if language != self._original.ui_language:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                switch_language(app, language)  # every open window retranslates itself
        super().accept()

    def _preset_chosen(self, index: int) -> None:
        text = self.preset_combo.itemData(index)
        if text:
            self.instruction_edit.setPlainText(str(text))
        self.preset_combo.setCurrentIndex(0)

    def _warn(self, message: str) -> None:
        # open(), not exec(): no nested event loop while asyncio tasks run on this thread.
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Screenmate"),
            message,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("settingsWarning")
        box.finished.connect(box.deleteLater)
        box.open()
