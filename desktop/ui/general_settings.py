"""Settings sections beside Audio: instruction presets, vision frame policy, companion listener,
the push-to-talk hotkey, the UI language (the theme follows the OS: Qt uses its palette) and
the tools the model may use."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from desktop.settings import DEFAULT_SYSTEM_INSTRUCTION, Settings
from desktop.ui.hotkey_messages import hotkey_problem
from desktop.ui.i18n import LANGUAGE_NAMES
from desktop.ui.theme import Restyler, Tone, text_colour
from desktop.ui.wayland_shortcuts import wayland_hotkey_note

# (name, instruction). The screen-share assistant is the default. The names are shown with
# SettingsDialog.tr(name); QT_TRANSLATE_NOOP marks them for lupdate.
INSTRUCTION_PRESETS = (
    (QT_TRANSLATE_NOOP("SettingsDialog", "Screen-share assistant"), DEFAULT_SYSTEM_INSTRUCTION),
    (
        QT_TRANSLATE_NOOP("SettingsDialog", "Coding helper"),
        "You are Screenmate, a senior programmer looking at the user's editor and terminal. "
        "Point out errors you can see, explain briefly, and suggest the exact fix.",
    ),
    (
        QT_TRANSLATE_NOOP("SettingsDialog", "Language tutor"),
        "You are Screenmate, a patient language tutor. Explain the words and sentences visible "
        "on the user's screen, correct the user's pronunciation and grammar gently.",
    ),
    (
        QT_TRANSLATE_NOOP("SettingsDialog", "Accessibility reader"),
        "You are Screenmate, reading the shared screen aloud for someone who cannot see it "
        "well. Describe layout and text clearly and in order, without guessing.",
    ),
)


class VisionSettingsBox(QGroupBox):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Screen sharing"))
        form = QFormLayout(self)
        self.resolution_combo = QComboBox(self)
        self.resolution_combo.addItem(self.tr("Server default (~258 tokens a frame)"), "")
        self.resolution_combo.addItem(self.tr("Low (~66 tokens a frame)"), "MEDIA_RESOLUTION_LOW")
        index = self.resolution_combo.findData(settings.media_resolution)
        self.resolution_combo.setCurrentIndex(max(index, 0))
        form.addRow(self.tr("Frame &detail:"), self.resolution_combo)
        self.fps_spin = QDoubleSpinBox(self)
        self.fps_spin.setRange(0.1, 5.0)
        self.fps_spin.setSingleStep(0.5)
        self.fps_spin.setSuffix(self.tr(" per second"))
        self.fps_spin.setValue(settings.vision_fps_max)
        form.addRow(self.tr("At most:"), self.fps_spin)
        self.side_spin = QSpinBox(self)
        self.side_spin.setRange(256, 3840)
        self.side_spin.setSingleStep(128)
        self.side_spin.setSuffix(self.tr(" px"))
        self.side_spin.setValue(settings.vision_max_side)
        form.addRow(self.tr("Long side:"), self.side_spin)

    def apply(self, settings: Settings) -> Settings:
        return settings.replace(
            media_resolution=str(self.resolution_combo.currentData() or ""),
            vision_fps_max=self.fps_spin.value(),
            vision_max_side=self.side_spin.value(),
        )


class DesktopSettingsBox(QGroupBox):
    """Companion listener, hotkey, UI language."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Desktop"))
        form = QFormLayout(self)
        self.hotkey_edit = QLineEdit(settings.talk_shortcut, self)
        self.hotkey_edit.setObjectName("hotkeyEdit")
        self.hotkey_edit.setPlaceholderText(self.tr("off"))
        self.hotkey_edit.setToolTip(
            self.tr("Hold anywhere to talk, e.g. ctrl+alt+space, ctrl+shift+f12, pause")
        )
        form.addRow(self.tr("Push-to-talk &hotkey:"), self.hotkey_edit)
        self.hotkey_note = QLabel(self)
        self.hotkey_note.setWordWrap(True)
        Restyler(  # the error red, readable on a light or a dark palette
            self.hotkey_note,
            lambda: self.hotkey_note.setStyleSheet(f"color: {text_colour(Tone.ERROR)};"),
        )
        form.addRow("", self.hotkey_note)
        self.hotkey_platform = QLabel(wayland_hotkey_note() or "", self)
        self.hotkey_platform.setObjectName("hotkeyPlatform")
        self.hotkey_platform.setWordWrap(True)
        self.hotkey_platform.setVisible(bool(self.hotkey_platform.text()))
        form.addRow("", self.hotkey_platform)
        self.hotkey_edit.textChanged.connect(self._check_hotkey)
        self._check_hotkey(settings.talk_shortcut)

        self.companion_check = QCheckBox(self.tr("Let paired watches and phones join"), self)
        self.companion_check.setChecked(settings.companion_enabled)
        form.addRow(self.tr("Companions:"), self.companion_check)
        self.port_spin = QSpinBox(self)
        self.port_spin.setRange(1024, 65535)
        self.port_spin.setValue(settings.companion_port)
        form.addRow(self.tr("Companion &port:"), self.port_spin)

        self.ui_language_combo = QComboBox(self)
        self.ui_language_combo.setObjectName("uiLanguage")
        for code, name in LANGUAGE_NAMES.items():
            self.ui_language_combo.addItem(name or self.tr("Follow the system"), code)
        index = self.ui_language_combo.findData(settings.ui_language)
        self.ui_language_combo.setCurrentIndex(max(index, 0))
        form.addRow(self.tr("&Interface language:"), self.ui_language_combo)

    def hotkey_ok(self) -> bool:
        text = self.hotkey_edit.text().strip()
        return not text or hotkey_problem(text) is None

    def _check_hotkey(self, text: str) -> None:
        text = text.strip()
        self.hotkey_note.setText(hotkey_problem(text) or "" if text else "")
        self.hotkey_note.setVisible(bool(self.hotkey_note.text()))

    def apply(self, settings: Settings) -> Settings:
        text = self.hotkey_edit.text().strip().lower()
        return settings.replace(
            talk_shortcut=text if self.hotkey_ok() else settings.talk_shortcut,
            companion_enabled=self.companion_check.isChecked(),
            companion_port=self.port_spin.value(),
            ui_language=str(self.ui_language_combo.currentData() or ""),
        )


class ToolsSettingsBox(QGroupBox):
    """Which tools the model may use (function calling and Google Search grounding)."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Tools"))
        self.setObjectName("toolsSettings")
        form = QFormLayout(self)
        self.point_at_check = QCheckBox(self.tr("Point at things on the shared screen"), self)
        self.point_at_check.setChecked(settings.tools_point_at)
        form.addRow(self.point_at_check)
        self.google_search_check = QCheckBox(self.tr("Google Search grounding"), self)
        self.google_search_check.setToolTip(
            self.tr("The model may look things up with Google Search (Google's built-in tool)")
        )
        self.google_search_check.setChecked(settings.tools_google_search)
        form.addRow(self.google_search_check)
        self.clipboard_check = QCheckBox(self.tr("Copy text to the clipboard"), self)
        self.clipboard_check.setChecked(settings.tools_clipboard)
        form.addRow(self.clipboard_check)
        self.open_url_check = QCheckBox(self.tr("Open web pages (after you confirm)"), self)
        self.open_url_check.setChecked(settings.tools_open_url)
        form.addRow(self.open_url_check)
        self.fresh_look_check = QCheckBox(self.tr("Take a closer look for fine print"), self)
        self.fresh_look_check.setObjectName("toolFreshLook")
        self.fresh_look_check.setToolTip(
            self.tr(
                "The model may ask for one fresh picture of what you share at full "
                "resolution, sent at high media resolution (costs more tokens)"
            )
        )
        self.fresh_look_check.setChecked(settings.tools_fresh_look)
        form.addRow(self.fresh_look_check)
        self.timeout_spin = QDoubleSpinBox(self)
        self.timeout_spin.setObjectName("toolTimeout")
        self.timeout_spin.setRange(1.0, 120.0)
        self.timeout_spin.setSingleStep(5.0)
        self.timeout_spin.setDecimals(1)
        self.timeout_spin.setSuffix(self.tr(" s"))
        self.timeout_spin.setValue(settings.tool_timeout_s)
        form.addRow(self.tr("Tool &timeout:"), self.timeout_spin)

    def apply(self, settings: Settings) -> Settings:
        return settings.replace(
            tools_point_at=self.point_at_check.isChecked(),
            tools_google_search=self.google_search_check.isChecked(),
            tools_clipboard=self.clipboard_check.isChecked(),
            tools_open_url=self.open_url_check.isChecked(),
            tools_fresh_look=self.fresh_look_check.isChecked(),
            tool_timeout_s=self.timeout_spin.value(),
        )
