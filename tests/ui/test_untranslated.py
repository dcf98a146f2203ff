"""No English left in the German or Chinese interface.

Every window (main window with its menus, all Settings tabs with the no-keychain panel open,
History with sessions, the pairing dialog, the region picker, the first-run welcome) is built
in English and again in de and zh_CN; every visible text (labels, buttons, titles, tabs, combo
items, placeholders, spin box suffixes, headers, menus, tool tips, accessible names) is
collected. A text shown in de/zh_CN that is also shown in English fails the test, unless it is
a name (allow-list below); so does a text that contains a whole English sentence, and any tr()
lookup made while building the windows that found no translation (this also catches painted
text, as the region picker's hint)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from desktop.companion import CompanionService
from desktop.core.fanout import EventFanout
from desktop.outputs.history import HistoryRecorder
from desktop.settings import VOICES, Settings, SettingsStore
from desktop.ui.first_run import FirstRunDialog
from desktop.ui.history_window import HistoryWindow
from desktop.ui.i18n import LANGUAGE_NAMES, install_translations, missing_translations
from desktop.ui.main_window import MainWindow
from desktop.ui.pairing_dialog import PairingDialog
from desktop.ui.region_picker import RegionPicker
from desktop.ui.settings_dialog import SettingsDialog
from PySide6.QtGui import QTextDocumentFragment
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
    QMenuBar,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.test_history_window import fill

# Names and codes that read the same in every language.
ALLOWED = {
    "Screenmate",
    "Gemini",
    "Google",
    "Gemini Live",
    "OK",
    "Screenmate · Gemini Live",
    *VOICES,
    *(name for name in LANGUAGE_NAMES.values() if name),
    "default",  # the audio device's own name
}
# Words a language shares with English (a translator's choice, not an omission).
SAME_WORD = {
    "de": {"Audio", "&Echo:", "Hindi (hi-IN)", "Status", "Live", "Tokens", "Esc"},
    "zh_CN": {"Esc"},
}
# Model ids, host names, key names, shortcuts and numbers with units.
ALLOWED_PATTERNS = [
    re.compile(r"^[\w.\-/:]+$"),  # one token: gemini-3.8-live, aistudio.google.com, GEMINI_API_KEY
    re.compile(r"^[\d\s.,:%$×x·+\-–/()]*(px|ms|s|fps|kB|MB)?$"),
]
# The contexts of Qt's own translations (QPlatformTheme, QShortcut...): Qt's business.
QT_CONTEXT = re.compile(r"^Q[A-Z]")


def plain(text: str) -> str:
    if "<" in text and ">" in text:
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return " ".join(text.split())


def is_name(text: str) -> bool:
    return (
        text in ALLOWED
        or not re.search(r"[A-Za-z]", text)
        or any(p.match(text) for p in ALLOWED_PATTERNS)
    )


def widget_texts(widget: QWidget) -> list[str]:
    found = [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
    if widget.isWindow():
        found.append(widget.windowTitle())
    if isinstance(widget, QLabel | QAbstractButton):
        found.append(widget.text())
    if isinstance(widget, QGroupBox):
        found.append(widget.title())
    if isinstance(widget, QLineEdit | QPlainTextEdit) and not widget.isReadOnly():
        found.append(widget.placeholderText())
    if isinstance(widget, QComboBox) and not widget.isEditable():
        found += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QTabWidget):
        found += [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        found += [widget.suffix(), widget.prefix()]
    if isinstance(widget, QAbstractSpinBox):
        found.append(widget.specialValueText())
    if isinstance(widget, QTableWidget):
        headers = [widget.horizontalHeaderItem(c) for c in range(widget.columnCount())]
        found += [h.text() for h in headers if h is not None]
    if isinstance(widget, QTreeWidget):
        header = widget.headerItem()
        found += [header.text(c) for c in range(header.columnCount())]
    return found


def menu_texts(menu: QMenu | QMenuBar) -> list[str]:
    found: list[str] = []
    for action in menu.actions():
        found += [action.text(), action.toolTip() if action.toolTip() != action.text() else ""]
        if action.menu() is not None:
            found += menu_texts(action.menu())
    return found


def visible_texts(root: QWidget) -> set[str]:
    texts: list[str] = []
    tabs = root.findChildren(QTabWidget)
    pages = [(t, i) for t in tabs for i in range(t.count())] or [(None, 0)]
    for tab_widget, index in pages:  # every tab page in turn
        if tab_widget is not None:
            tab_widget.setCurrentIndex(index)
            QApplication.processEvents()
        for widget in [root, *root.findChildren(QWidget)]:
            if widget.isVisible():
                texts += widget_texts(widget)
        for bar in root.findChildren(QMenuBar):
            texts += menu_texts(bar)
    return {plain(t) for t in texts if t and plain(t)}


def run(qtbot: QtBot, loop: asyncio.AbstractEventLoop, coro: Any) -> Any:
    task = loop.create_task(coro)
    qtbot.waitUntil(task.done, timeout=10_000)
    return task.result()


@pytest.fixture
def service(qtbot: QtBot, qloop: asyncio.AbstractEventLoop, tmp_path: Path) -> Iterator[Any]:
    svc = CompanionService(EventFanout(), lambda: None, base_dir=tmp_path / "companion")
    run(qtbot, qloop, svc.start(host="127.0.0.1", port=0, advertise=False))
    yield svc
    run(qtbot, qloop, svc.stop())


def build_windows(
    qtbot: QtBot, tmp_path: Path, service: CompanionService
) -> list[tuple[str, QWidget]]:
    store = SettingsStore(tmp_path / "settings.json")
    window = MainWindow(Settings(), settings_store=store)
    window.resize(1100, 700)
    settings = SettingsDialog(Settings(), store)
    settings.key_edit.setText("AIzaSyD-untranslated0test1key2345678")
    settings.save_key_button.click()  # no keychain here: the panel with the GEMINI_API_KEY line
    now = [0.0]
    recorder = HistoryRecorder(path=tmp_path / "history.db", clock=lambda: now[0])
    fill(recorder, now)
    assert recorder.store is not None
    history = HistoryWindow(recorder.store)
    pairing = PairingDialog(service)
    picker = RegionPicker()
    welcome = FirstRunDialog("Ctrl+Alt+Space", True)
    windows: list[tuple[str, QWidget]] = [
        ("main window", window),
        ("settings", settings),
        ("history", history),
        ("pairing", pairing),
        ("first run", welcome),
    ]
    for _, widget in windows:
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
    qtbot.addWidget(picker)
    picker.start()
    qtbot.waitExposed(picker)
    picker.grab()  # its hint is painted: the lookup is what is checked
    picker.close()
    return windows


def texts_in(
    language: str, qapp: QApplication, build: Callable[[], list[tuple[str, QWidget]]]
) -> tuple[dict[str, set[str]], set[tuple[str, str]]]:
    install_translations(qapp, language)
    try:
        windows = build()
        texts = {name: visible_texts(widget) for name, widget in windows}
        missing = {m for m in missing_translations() if not QT_CONTEXT.match(m[0])}
        for _, widget in windows:
            widget.close()
            widget.deleteLater()
        QApplication.processEvents()
        return texts, missing
    finally:
        install_translations(qapp, "en")


@pytest.mark.parametrize("language", ["de", "zh_CN"])
def test_no_visible_english_in(
    qtbot: QtBot,
    qapp: QApplication,
    qloop: asyncio.AbstractEventLoop,
    tmp_path: Path,
    service: CompanionService,
    language: str,
) -> None:
    def build() -> list[tuple[str, QWidget]]:
        return build_windows(qtbot, tmp_path / language, service)

    (tmp_path / "en").mkdir()
    (tmp_path / language).mkdir()
    english, _ = texts_in("en", qapp, lambda: build_windows(qtbot, tmp_path / "en", service))
    translated, missing = texts_in(language, qapp, build)
    all_english = set().union(*english.values())
    sentences = {t for t in all_english if len(t.split()) >= 3 and not is_name(t)}
    problems: list[str] = []
    for name, texts in translated.items():
        assert texts, f"nothing collected from the {name}"
        for text in sorted(texts):
            if is_name(text) or text in SAME_WORD[language]:
                continue
            if text in all_english:
                problems.append(f"{name}: {text!r}")
            elif inner := next((s for s in sentences if s in text), None):
                problems.append(f"{name}: {text!r} contains {inner!r}")
    problems += [f"tr() found nothing for {context}: {source!r}" for context, source in missing]
    assert not problems, f"untranslated in {language}:\n" + "\n".join(sorted(problems))
