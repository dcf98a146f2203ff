"""No English left in the German or Chinese interface.

Every window (the whole main window as run_gui composes it, mid-conversation, with its menus;
all Settings tabs with the no-keychain panel open; History with sessions; the pairing dialog;
the window picker menu and the region picker; Keyboard Shortcuts, About and the first-run
welcome) is built
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
from desktop.api_key import use_for_this_run
from desktop.companion import CompanionService
from desktop.core.fanout import EventFanout
from desktop.core.live_models import PREVIOUS_PREVIEW
from desktop.outputs.history import HistoryRecorder
from desktop.settings import VOICES, Settings
from desktop.ui.first_run import FirstRunDialog
from desktop.ui.help_windows import AboutDialog, ShortcutsDialog
from desktop.ui.history_window import HistoryWindow
from desktop.ui.i18n import LANGUAGE_NAMES, install_translations, missing_translations
from desktop.ui.pairing_dialog import PairingDialog
from desktop.ui.region_picker import RegionPicker
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

from tests.support.full_window import build
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
SAME_PATTERN = {"de": re.compile(r"^Screenmate Version [\d.]+$"), "zh_CN": re.compile(r"^$")}
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
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, tmp_path: Path, service: CompanionService
) -> tuple[list[tuple[str, QWidget]], Callable[[], None]]:
    """Every window, in a state that shows most of its texts; and how to close them."""
    # The previous preview model: the one-time bar suggesting the current one shows too.
    old_model = Settings(first_run_done=True, tray_hint_shown=True, model=PREVIOUS_PREVIEW)
    full = build(tmp_path, old_model)
    assert full.window.model_suggestion is not None
    window = full.window
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    full.converse()  # transcript, tool log, cost meter, live state
    settings = window.open_settings()
    settings.key_edit.setText("AIzaSyD-untranslated0test1key2345678")
    settings.save_key_button.click()  # no keychain here: the panel with the GEMINI_API_KEY line
    now = [0.0]
    recorder = HistoryRecorder(path=tmp_path / "history.db", clock=lambda: now[0])
    fill(recorder, now)
    assert recorder.store is not None
    history = HistoryWindow(recorder.store)
    pairing = PairingDialog(service)
    windows: list[tuple[str, QWidget]] = [
        ("main window", window),
        ("settings", settings),
        ("history", history),
        ("pairing", pairing),
        ("shortcuts", ShortcutsDialog(window.menus.shortcut_rows(), window)),
        ("about", AboutDialog(True, window)),
        ("first run", FirstRunDialog("Ctrl+Alt+Space", True, window)),
    ]
    for _, widget in windows:
        widget.show()
        qtbot.waitExposed(widget)
    for widget in (history, pairing):
        qtbot.addWidget(widget)
    full.vision._pick_window()  # the window picker: a menu of the other windows
    menu = full.vision.window_menu
    assert menu is not None
    windows.append(("window picker", menu))
    picker = RegionPicker()
    qtbot.addWidget(picker)
    picker.start()
    qtbot.waitExposed(picker)
    picker.grab()  # its hint is painted: the lookup is what is checked
    picker.close()

    def close() -> None:
        use_for_this_run(None)  # the key typed above; the next build starts without one
        menu.close()
        for _, widget in windows:
            widget.close()
        closing = qloop.create_task(full.aclose())
        qtbot.waitUntil(closing.done, timeout=10_000)
        window.deleteLater()

    return windows, close


def texts_in(
    language: str,
    qapp: QApplication,
    build_all: Callable[[], tuple[list[tuple[str, QWidget]], Callable[[], None]]],
) -> tuple[dict[str, set[str]], set[tuple[str, str]]]:
    install_translations(qapp, language)
    try:
        windows, close = build_all()
        texts = {name: visible_texts(widget) for name, widget in windows}
        for bar_name, widget in windows:
            if isinstance(widget, QMenu):
                texts[bar_name] |= {plain(t) for t in menu_texts(widget) if t}
        missing = {m for m in missing_translations() if not QT_CONTEXT.match(m[0])}
        close()
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
    def build_all(
        folder: str,
    ) -> Callable[[], tuple[list[tuple[str, QWidget]], Callable[[], None]]]:
        (tmp_path / folder).mkdir()
        return lambda: build_windows(qtbot, qloop, tmp_path / folder, service)

    english, _ = texts_in("en", qapp, build_all("en"))
    translated, missing = texts_in(language, qapp, build_all(language))
    all_english = set().union(*english.values())
    sentences = {t for t in all_english if len(t.split()) >= 3 and not is_name(t)}
    problems: list[str] = []
    for name, texts in translated.items():
        assert texts, f"nothing collected from the {name}"
        for text in sorted(texts):
            if is_name(text) or text in SAME_WORD[language] or SAME_PATTERN[language].match(text):
                continue
            if text in all_english:
                problems.append(f"{name}: {text!r}")
            elif inner := next((s for s in sentences if s in text), None):
                problems.append(f"{name}: {text!r} contains {inner!r}")
    problems += [f"tr() found nothing for {context}: {source!r}" for context, source in missing]
    if problems:  # pytest.fail: a long list is more readable than an assert's diff
        pytest.fail(f"untranslated in {language}:\n" + "\n".join(sorted(problems)), False)
