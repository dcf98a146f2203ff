"""Settings dialog: model, voice, response language, system instruction and the API key.

On OK the settings are saved through the given `SettingsStore`; read them with `settings()`.
The API key never touches a file: "Save to keychain" hands it to the OS keychain right away
(`key_changed` tells the caller a reconnect is worthwhile even if no setting changed). A key in
GEMINI_API_KEY / GOOGLE_API_KEY wins over the keychain, and the dialog says so.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api_key import (
    KeychainUnavailable,
    check_key,
    delete_from_keychain,
    key_from_env,
    key_from_keychain,
    resolve_api_key,
    store_in_keychain,
)
from desktop.settings import DEFAULT_SYSTEM_INSTRUCTION, VOICES, Settings, SettingsStore
from desktop.ui.audio_settings import AudioSettingsBox
from desktop.ui.general_settings import (
    INSTRUCTION_PRESETS,
    DesktopSettingsBox,
    ToolsSettingsBox,
    VisionSettingsBox,
)
from desktop.ui.model_picker import ModelPicker

# (BCP-47 code, English name); "" lets the model choose. Names are translated with self.tr(name)
# when shown, so a translation file must list them (lupdate cannot see through the variable).
RESPONSE_LANGUAGES = (
    ("", "Automatic"),
    ("en-US", "English (US)"),
    ("en-GB", "English (UK)"),
    ("de-DE", "German"),
    ("fr-FR", "French"),
    ("es-ES", "Spanish"),
    ("it-IT", "Italian"),
    ("pt-BR", "Portuguese (Brazil)"),
    ("nl-NL", "Dutch"),
    ("pl-PL", "Polish"),
    ("ru-RU", "Russian"),
    ("tr-TR", "Turkish"),
    ("hi-IN", "Hindi"),
    ("ja-JP", "Japanese"),
    ("ko-KR", "Korean"),
    ("zh-CN", "Chinese (Mandarin)"),
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
        self.key_checker: Callable[[str], Awaitable[tuple[bool, str]]] = check_key
        self._key_test: asyncio.Future[None] | None = None
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

        self.voice_combo = QComboBox(self)
        self.voice_combo.addItems(VOICES)
        if settings.voice not in VOICES:
            self.voice_combo.addItem(settings.voice)
        self.voice_combo.setCurrentText(settings.voice)
        form.addRow(self.tr("&Voice:"), self.voice_combo)

        self.language_combo = QComboBox(self)
        for code, name in RESPONSE_LANGUAGES:
            label = self.tr(name) if not code else f"{self.tr(name)} ({code})"
            self.language_combo.addItem(label, code)
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
        self.preset_combo.addItem(self.tr("Presets…"), "")
        for name, text in INSTRUCTION_PRESETS:
            self.preset_combo.addItem(self.tr(name), text)
        self.preset_combo.activated.connect(self._preset_chosen)
        instruction_box.insertWidget(0, self.preset_combo)

        layout = QVBoxLayout(self)
        tabs = QTabWidget(self)
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
        self._refresh_key_status()

    def _build_key_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Gemini API key"), self)
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        self.key_edit = QLineEdit(box)
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(self.tr("Paste a key to store it in the OS keychain"))
        reveal_icon = QIcon.fromTheme("view-reveal-symbolic")
        if not reveal_icon.isNull():  # an icon-less action would be an invisible button
            reveal = QAction(reveal_icon, self.tr("Show key"), box)
            reveal.setCheckable(True)
            reveal.toggled.connect(
                lambda shown: self.key_edit.setEchoMode(
                    QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
                )
            )
            self.key_edit.addAction(reveal, QLineEdit.ActionPosition.TrailingPosition)
        row.addWidget(self.key_edit, 1)
        self.save_key_button = QPushButton(self.tr("Save to Keychain"), box)
        self.save_key_button.clicked.connect(self._save_key)
        row.addWidget(self.save_key_button)
        self.remove_key_button = QPushButton(self.tr("Remove"), box)
        self.remove_key_button.clicked.connect(self._remove_key)
        row.addWidget(self.remove_key_button)
        self.test_key_button = QPushButton(self.tr("Test Key"), box)
        self.test_key_button.setObjectName("testKey")
        self.test_key_button.clicked.connect(self._test_key)
        row.addWidget(self.test_key_button)
        layout.addLayout(row)
        self.key_status = QLabel(box)
        self.key_status.setWordWrap(True)
        self.key_status.setObjectName("keyStatus")
        layout.addWidget(self.key_status)
        return box

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
        super().accept()

    # -- the key ------------------------------------------------------------------------

    def _save_key(self) -> None:
        value = self.key_edit.text().strip()
        if not value:
            self._warn(self.tr("Paste an API key into the field first."))
            return
        try:
            store_in_keychain(value)
        except KeychainUnavailable as exc:
            self._warn(str(exc))
            return
        self.key_edit.clear()
        self._key_changed = True
        self._refresh_key_status()

    def _remove_key(self) -> None:
        try:
            delete_from_keychain()
        except KeychainUnavailable as exc:
            self._warn(str(exc))
            return
        self._key_changed = True
        self._refresh_key_status()

    def _preset_chosen(self, index: int) -> None:
        text = self.preset_combo.itemData(index)
        if text:
            self.instruction_edit.setPlainText(str(text))
        self.preset_combo.setCurrentIndex(0)

    def _test_key(self) -> None:
        """Ask Google whether the typed (or else the current) key works; answers in the status."""
        typed = self.key_edit.text().strip()
        current = resolve_api_key()
        key = typed or (current.value if current is not None else "")
        if not key:
            self.key_status.setText(self.tr("There is no key to test: paste one first."))
            return
        self.test_key_button.setEnabled(False)
        self.key_status.setText(self.tr("Testing the key…"))
        self._key_test = asyncio.ensure_future(self._run_key_test(key))

    async def _run_key_test(self, key: str) -> None:
        ok, detail = await self.key_checker(key)
        if ok:
            self.key_status.setText(self.tr("The key works."))
        else:
            self.key_status.setText(self.tr("The key test failed: %1").replace("%1", detail))
        self.test_key_button.setEnabled(True)

    def _refresh_key_status(self) -> None:
        from_env = key_from_env()
        in_keychain = key_from_keychain() is not None
        if from_env is not None:
            text = self.tr(
                "The key in the %1 environment variable is used; it takes precedence over "
                "the keychain."
            ).replace("%1", from_env.source)
        elif in_keychain:
            text = self.tr("A key is stored in the OS keychain and is used.")
        else:
            text = self.tr(
                "No key is set, so Screenmate runs the offline demo with an emulated model. "
                "Get a key at aistudio.google.com."
            )
        self.key_status.setText(text)
        self.remove_key_button.setEnabled(in_keychain)

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
