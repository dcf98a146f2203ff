"""UI language: Screenmate's own .qm files (resources/translations) plus Qt's, following the OS
language unless the `ui_language` setting names one ("en", "de", "zh_CN")."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.resources import resource_path

log = logging.getLogger(__name__)

SHIPPED = ("en", "de", "zh_CN")
# Shown in the settings dialog in their own language, so anyone can find theirs.
LANGUAGE_NAMES = {"": "", "en": "English", "de": "Deutsch", "zh_CN": "简体中文"}

_installed: list[QTranslator] = []


def pick_language(override: str, system: str) -> str:
    """The shipped language for an override or the system locale name ("de_AT" → "de")."""
    for wanted in (override, system):
        if not wanted:
            continue
        if wanted in SHIPPED:
            return wanted
        if wanted.startswith("zh"):
            return "zh_CN"  # Simplified Chinese is what is shipped; better than English
        base = wanted.split("_")[0].split("-")[0]
        if base in SHIPPED:
            return base
    return "en"


def install_translations(app: QApplication, override: str = "") -> str:
    """Load the translators for the chosen language; returns it. Replaces earlier ones."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    language = pick_language(override, QLocale.system().name())
    if language == "en":
        return language
    own = QTranslator(app)
    path = resource_path("translations", f"screenmate_{language}.qm")
    if own.load(str(path)):
        app.installTranslator(own)
        _installed.append(own)
    else:
        log.warning("translation %s not found", path)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return language
