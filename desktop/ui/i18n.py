"""UI language: Screenmate's own .qm files (resources/translations) plus Qt's, following the OS
language unless the `ui_language` setting names one ("en", "de", "zh_CN").

The language switches live. `switch_language` replaces the translators and the default
locale; Qt then sends `QEvent.LanguageChange` to every widget, and a window's `changeEvent`
calls its `retranslate()`, which starts with `retranslate_tree(self)` (windows without one
are walked by `switch_language` itself): every static text the window shows (labels,
buttons, titles, tabs, menus, combo items, placeholders, tool tips, accessible names, spin box
suffixes) is looked up again in the new language. That works without each window listing its
texts because every translation goes through `_Catalog`, which remembers which source each
shown text came from. A text built at run time (with %1 or %n filled in) is not in the
catalog; the window's `retranslate()` says those again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from desktop.resources import resource_path

log = logging.getLogger(__name__)

SHIPPED = ("en", "de", "zh_CN")
# Shown in the settings dialog in their own language, so anyone can find theirs.
LANGUAGE_NAMES = {"": "", "en": "English", "de": "Deutsch", "zh_CN": "简体中文"}
_CATALOG_LIMIT = 20_000  # distinct shown texts; the app has a few hundred

_installed: list[QTranslator] = []
_current = "en"


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


def pick_locale(language: str, system: str) -> str:
    """The locale for numbers and dates: the system's when it speaks the UI language (so
    de_CH keeps its own separators), else the UI language's own ("1,00" in German)."""
    if system and pick_language("", system) == language and system.split("_")[0] != "C":
        return system
    return {"en": "en_US", "de": "de_DE", "zh_CN": "zh_CN"}.get(language, "en_US")


def current_language() -> str:
    return _current


def _numbers_locale() -> QLocale:
    """The default locale; English for the bare "C" locale (LANG=C), which writes 3200."""
    locale = QLocale()
    return QLocale("en_US") if locale.language() == QLocale.Language.C else locale


def number(value: float, decimals: int = 0) -> str:
    """A number as the interface language writes it: 3,200 / 3.200 / 1.00 / 1,00."""
    if decimals == 0:
        return _numbers_locale().toString(round(value))
    return _numbers_locale().toString(float(value), "f", decimals)


def money(usd: float) -> str:
    """A cost in US dollars as the interface language writes it ("$0.0123", "0,0123 $"):
    four decimals below a cent, else two, as `desktop.core.pricing.format_cost`."""
    decimals = 4 if 0 < usd < 0.01 else 2
    return _numbers_locale().toCurrencyString(float(usd), "$", decimals)


class _Catalog(QTranslator):
    """Answers from the loaded .qm files (Screenmate's, then Qt's) and remembers which
    (context, source) each shown text came from."""

    def __init__(self, inner: list[QTranslator], parent: QApplication) -> None:
        super().__init__(parent)
        self._inner = inner

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        found = ""
        for translator in self._inner:
            found = translator.translate(context, source, disambiguation, n) or ""
            if found:
                break
        if n < 0 and context and source:
            _remember(found or source, (context, source, disambiguation))
        if not found and self._inner and len(_missing) < _CATALOG_LIMIT:
            _missing.add((context, source))
        return found or None  # None: not found, Qt shows the source

    def isEmpty(self) -> bool:
        return False  # installed even for English, so English texts are remembered too


# Shown text (in any language used so far) → where it may have come from. An English text can
# be looked up under several contexts (a class and its base); all are kept, a few at most.
_sources: dict[str, list[tuple[str, str, str | None]]] = {}


_missing: set[tuple[str, str]] = set()


def missing_translations() -> set[tuple[str, str]]:
    """(context, source) of every lookup the current non-English language had no text for
    (Qt's own contexts included); the untranslated-string test reads it."""
    return set(_missing)


def _remember(shown: str, origin: tuple[str, str, str | None]) -> None:
    origins = _sources.get(shown)
    if origins is None:
        if len(_sources) < _CATALOG_LIMIT:
            _sources[shown] = [origin]
    elif origin not in origins and len(origins) < 8:
        origins.append(origin)


def install_translations(app: QApplication, override: str = "") -> str:
    """Load the translators for the chosen language; returns it. Replaces earlier ones."""
    global _current
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    _missing.clear()
    system = QLocale.system().name()
    language = pick_language(override, system)
    _current = language
    QLocale.setDefault(QLocale(pick_locale(language, system)))
    inner: list[QTranslator] = []
    if language != "en":
        own = QTranslator(app)
        path = resource_path("translations", f"screenmate_{language}.qm")
        if own.load(str(path)):
            inner.append(own)
        else:
            log.warning("translation %s not found", path)
        qt = QTranslator(app)
        if qt.load(
            f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            inner.append(qt)
    catalog = _Catalog(inner, app)
    app.installTranslator(catalog)
    _installed.append(catalog)
    return language


def switch_language(app: QApplication, override: str) -> str:
    """Change the UI language of the running app; open windows follow.

    Qt sends LanguageChange to every widget: a window whose texts are built at run time
    defines `retranslate()` and calls it from `changeEvent`. Every other top-level widget
    (menus, pickers, any window without one) is walked here, so none stays behind."""
    language = install_translations(app, override)
    for window in app.topLevelWidgets():
        # A widget's locale is fixed when it is made; the new default reaches open windows
        # here, and spin boxes re-render their numbers ("1.00" → "1,00").
        window.setLocale(QLocale())
        if not callable(getattr(window, "retranslate", None)):
            retranslate_tree(window)
    return language


def retranslated(text: str) -> str | None:
    """`text` (as shown in some earlier language) in the current one; None if not known."""
    for context, source, disambiguation in _sources.get(text, ()) if text else ():
        new = QCoreApplication.translate(context, source, disambiguation)
        if new != text:
            return new
    return None


def _swap(getter: Callable[[], str], setter: Callable[[str], object]) -> None:
    new = retranslated(getter())
    if new is not None:
        setter(new)


def retranslate_tree(root: QWidget) -> None:
    """Look every static text under `root` up again in the current language."""
    for widget in [root, *root.findChildren(QWidget)]:
        _retranslate_widget(widget)
    for action in root.findChildren(QAction):
        _swap(action.text, action.setText)
        _swap(action.toolTip, action.setToolTip)


def _retranslate_widget(widget: QWidget) -> None:
    if widget.isWindow():
        _swap(widget.windowTitle, widget.setWindowTitle)
    _swap(widget.toolTip, widget.setToolTip)
    _swap(widget.accessibleName, widget.setAccessibleName)
    _swap(widget.accessibleDescription, widget.setAccessibleDescription)
    if isinstance(widget, (QLabel, QAbstractButton)):
        _swap(widget.text, widget.setText)
    elif isinstance(widget, (QGroupBox, QMenu)):
        _swap(widget.title, widget.setTitle)
    elif isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        _swap(widget.placeholderText, widget.setPlaceholderText)
    elif isinstance(widget, QComboBox):
        edit = widget.lineEdit()
        if edit is not None:
            _swap(edit.placeholderText, edit.setPlaceholderText)
        if not widget.isEditable():  # an editable one holds names: devices, models
            for index in range(widget.count()):
                _swap(partial(widget.itemText, index), partial(widget.setItemText, index))
    elif isinstance(widget, QTabWidget):
        for index in range(widget.count()):
            _swap(partial(widget.tabText, index), partial(widget.setTabText, index))
            _swap(partial(widget.tabToolTip, index), partial(widget.setTabToolTip, index))
    elif isinstance(widget, QTableWidget):
        for column in range(widget.columnCount()):
            item = widget.horizontalHeaderItem(column)
            if item is not None:
                _swap(item.text, item.setText)
    elif isinstance(widget, QTreeWidget):
        header = widget.headerItem()
        for column in range(header.columnCount()):
            _swap(partial(header.text, column), partial(header.setText, column))
        # Rows say states in words (a tool call "done", a device "connected"); the rest of a
        # row is data (names, arguments) that no translation matches.
        for row in range(widget.topLevelItemCount()):
            row_item = widget.topLevelItem(row)
            if row_item is None:
                continue
            for column in range(row_item.columnCount()):
                _swap(partial(row_item.text, column), partial(row_item.setText, column))
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        _swap(widget.suffix, widget.setSuffix)
        _swap(widget.prefix, widget.setPrefix)
    if isinstance(widget, QAbstractSpinBox):
        _swap(widget.specialValueText, widget.setSpecialValueText)
