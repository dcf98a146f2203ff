"""The main window's layout from the minimum size to 4K, in English, German and Chinese, and on
a dark palette: screenshots of the real window on the X server, with geometry and pixel checks
(issue 17). Nothing overlaps, the talk button keeps its width and elides instead of clipping,
the preview scales with the side column, the tool table's Time column fits, long transcript
lines wrap at a readable width, and the dark palette leaves no light patches.

SCREENMATE_SCREENSHOT=1 also writes the pictures the README shows (docs/screenshots/)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import simplejpeg
from desktop.capture.pipeline import PipelineState, SentFrame
from desktop.core.frame_pacing import Reason, VisionStats
from desktop.core.geometry import FrameGeometry, Rect
from desktop.core.window_facts import shared_source
from desktop.ui.i18n import install_translations
from desktop.ui.main_window import MINIMUM_SIZE
from desktop.ui.window_layout import READABLE_CHARS
from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTextEdit, QWidget
from pytestqt.qtbot import QtBot

from tests.support.full_window import FullWindow, build
from tests.support.pulse import PulseAudio

pytestmark = pytest.mark.x11

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZES = {"minimum": MINIMUM_SIZE, "large": (1900, 1020), "4k": (3840, 2160)}
HOLD_TO_TALK = {"en": "Hold to talk", "de": "Zum Sprechen halten", "zh_CN": "按住说话"}
# Two lines, as DesktopShell says a hotkey another program holds (in the window's language).
WARNING_SOURCE = (
    "%1 is already used by another program. Pick another push-to-talk key in "
    "Settings (for example Ctrl+Shift+F12 or Pause)."
)


def warning() -> str:
    taken = QCoreApplication.translate("GlobalHotkey", WARNING_SOURCE).replace(
        "%1", "Ctrl+Alt+Space"
    )
    suggestions = QCoreApplication.translate("DesktopShell", "Suggestions: %1").replace(
        "%1", "Ctrl+Shift+F12, Pause, Ctrl+Alt+T"
    )
    return f"{taken}\n{suggestions}"


RED = (220, 30, 40)
DOCS_NAMES = {
    "layout-minimum-de": "main-window-de.png",
    "layout-minimum-zh_CN": "main-window-zh_CN.png",
    "layout-large-en": "main-window-large.png",
    "main-window-dark": "main-window-dark.png",
}


@pytest.fixture
def window_in(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, tmp_path: Path, pulse: PulseAudio
) -> Iterator[object]:
    """Builds the full window in a language and palette; undoes both afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    built: list[FullWindow] = []
    original = app.palette()

    def make(language: str, size: tuple[int, int], palette: QPalette | None = None) -> FullWindow:
        install_translations(app, language)
        if palette is not None:
            app.setPalette(palette)
        from desktop.settings import Settings

        settings = Settings(first_run_done=True, tray_hint_shown=True, talk_mode="push-to-talk")
        full = build(tmp_path / f"{language}-{size[0]}", settings)
        built.append(full)
        full.window.show()
        qtbot.waitExposed(full.window)
        started = qloop.create_task(full.voice.start())
        qtbot.waitUntil(started.done, timeout=10_000)
        qtbot.waitUntil(full.voice.controls.talk_button.isEnabled, timeout=10_000)
        full.window.resize(*size)
        full.converse()
        full.window.show_warning("test", warning())
        share_red_frame(full)
        qtbot.waitUntil(lambda: full.window.size().width() == size[0], timeout=5_000)
        qtbot.wait(150)  # layouts settle (height-for-width, the side column's width)
        return full

    yield make
    for full in built:
        closing = qloop.create_task(full.aclose())
        qtbot.waitUntil(closing.done, timeout=10_000)
        full.window.close()
        full.window.deleteLater()
    app.setPalette(original)
    install_translations(app, "en")


def share_red_frame(full: FullWindow) -> None:
    """What the panel shows while a region is shared: a frame that is red all over."""
    pixels = np.zeros((400, 640, 3), np.uint8)
    pixels[:] = RED
    jpeg = simplejpeg.encode_jpeg(pixels, quality=90, colorspace="RGB")
    geometry = FrameGeometry(Rect(0, 0, 640, 400), 640, 400)
    panel = full.vision.panel
    panel.show_frame(SentFrame(jpeg, geometry, Reason.FIRST, time.monotonic()))
    panel.show_choice("region", shared_source("region", width=640, height=400))
    panel.show_state(PipelineState("Region 640×400 at 0,0", True, False))
    panel.show_stats(
        VisionStats(captured=9, sent=3, skipped_unchanged=5, skipped_rate=1, tokens=3 * 258)
    )


def grab(widget: QWidget, name: str, tmp_path: Path) -> QImage:
    """The widget's picture; saved beside the test, in SCREENMATE_SHOTS_DIR if set, and the
    ones the README shows in docs/screenshots with SCREENMATE_SCREENSHOT=1."""
    pixmap = widget.grab()
    assert pixmap.save(str(tmp_path / f"{name}.png"))
    if folder := os.environ.get("SCREENMATE_SHOTS_DIR"):
        assert pixmap.save(str(Path(folder) / f"{name}.png"))
    if os.environ.get("SCREENMATE_SCREENSHOT") and name in DOCS_NAMES:
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert pixmap.save(str(SHOTS / DOCS_NAMES[name]))
    image = pixmap.toImage()
    image.setDevicePixelRatio(1.0)
    return image


def colour_at(image: QImage, window: QWidget, widget: QWidget, point: QPoint) -> QColor:
    ratio = window.devicePixelRatioF()
    spot = widget.mapTo(window, point)
    return image.pixelColor(round(spot.x() * ratio), round(spot.y() * ratio))


def close_to(colour: QColor, rgb: tuple[int, int, int], slack: int = 40) -> bool:
    actual = (colour.red(), colour.green(), colour.blue())
    return all(abs(a - b) <= slack for a, b in zip(actual, rgb, strict=True))


def in_window(window: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def assert_no_overlap(window: QWidget, widgets: list[QWidget], what: str) -> None:
    shown = [w for w in widgets if w.isVisible()]
    for i, a in enumerate(shown):
        for b in shown[i + 1 :]:
            ra, rb = in_window(window, a), in_window(window, b)
            assert not ra.intersects(rb), (
                f"{what}: {a.objectName()} {ra} overlaps {b.objectName()} {rb}"
            )


@pytest.mark.parametrize("language", ["en", "de", "zh_CN"])
@pytest.mark.parametrize("size", ["minimum", "large", "4k"])
def test_layout_holds_in_every_language_and_size(
    window_in: object, language: str, size: str, tmp_path: Path
) -> None:
    full: FullWindow = window_in(language, SIZES[size])  # type: ignore[operator]
    window = full.window
    controls = full.voice.controls
    panel = full.vision.panel
    image = grab(window, f"layout-{size}-{language}", tmp_path)
    assert (window.width(), window.height()) == SIZES[size]

    # The talk row: nothing overlaps, each control gets at least its minimum.
    row = [controls.talk_button, controls.mute_button, controls.meter, controls.mode_combo]
    assert_no_overlap(window, row, "talk row")
    for widget in row[1:]:
        assert widget.width() >= widget.minimumSizeHint().width(), widget.objectName()
    talk = controls.talk_button
    assert talk.text() == HOLD_TO_TALK[language]
    assert not talk.is_elided(), f"{talk.text()!r} is cut in a {talk.width()} px button"
    assert talk.text() in talk.toolTip()
    # The button is painted blue where its label is not.
    assert close_to(colour_at(image, window, talk, QPoint(8, talk.height() // 2)), (26, 115, 232))

    # The warning is a banner above the conversation, not in the talk row.
    banner = window.banner
    assert banner.isVisible() and "Ctrl+Alt+Space" in banner.shown_text()
    assert in_window(window, banner).bottom() < in_window(window, window.transcript).top()
    assert not in_window(window, banner).intersects(in_window(window, controls))

    # The preview shows the frame and nothing paints over it.
    preview = panel.preview
    frame = preview.image_rect()
    assert frame.width() >= preview.width() - 2 and frame.height() > 40
    for x, y in ((frame.left() + 3, frame.top() + 3), (frame.center().x(), frame.center().y())):
        assert close_to(colour_at(image, window, preview, QPoint(x, y)), RED), (x, y)
    status = panel.findChild(QWidget, "visionStatus")
    assert status is not None and status.isVisible()
    others = [status, panel.pause_button, panel.source_box]
    assert_no_overlap(window, [preview, *others], "vision panel")
    assert panel.source_box.currentText().endswith("640×400")  # names what is shared
    for widget in others:  # no red below the preview: the text sits on its own background
        middle = QPoint(widget.width() // 2, widget.height() // 2)
        assert not close_to(colour_at(image, window, widget, middle), RED, 60)
    # The counters add up.
    assert panel.counter("captured") == sum(panel.counter(k) for k in ("sent", "skipped", "held"))

    # The tool table's Time column shows its whole value.
    tree = full.tools.panel.tree
    metrics = tree.fontMetrics()
    assert tree.header().sectionSize(2) >= metrics.horizontalAdvance("0.04 s") + 6

    side = window.side_column
    if size == "minimum":
        assert side.width() >= 280
    else:
        # Large: the preview grows with the side column, the tool log fills it, and long lines
        # wrap at a readable width instead of running across the screen.
        assert preview.width() > 400
        assert full.tools.panel.height() > side.height() * 0.25
        edit = window.transcript
        assert edit.lineWrapMode() is QTextEdit.LineWrapMode.FixedPixelWidth
        assert edit.lineWrapColumnOrWidth() <= edit.fontMetrics().averageCharWidth() * (
            READABLE_CHARS + 1
        )


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#17181a",
        QPalette.ColorRole.AlternateBase: "#2a2b2e",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#2d2e31",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6",
        QPalette.ColorRole.Highlight: "#8ab4f8",
        QPalette.ColorRole.HighlightedText: "#202124",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    return palette


def test_dark_palette_leaves_no_light_patches(window_in: object, tmp_path: Path) -> None:
    full: FullWindow = window_in("en", (1100, 700), dark_palette())  # type: ignore[operator]
    window = full.window
    controls = full.voice.controls
    controls.speaking.show()
    QApplication.processEvents()
    image = grab(window, "main-window-dark", tmp_path)

    def dark(widget: QWidget, point: QPoint) -> QColor:
        colour = colour_at(image, window, widget, point)
        assert colour.lightnessF() < 0.45, (widget.objectName(), colour.name())
        return colour

    badge = window.findChild(QWidget, "endpointBadge")
    assert badge is not None
    dark(badge, QPoint(4, badge.height() // 2))
    dark(controls.speaking, QPoint(4, controls.speaking.height() // 2))
    dark(window.banner, QPoint(3, 3))
    meter = controls.meter
    track = dark(meter, QPoint(meter.width() - 3, meter.height() // 2))
    background = dark(window, QPoint(window.width() - 3, window.height() // 2))
    assert track != background  # the track still shows on the window
    # Text stays readable: the badge's and the banner's text colours are light.
    assert "color: #" in badge.styleSheet()
    assert QColor(badge.styleSheet().split("color: ")[1][:7]).lightnessF() > 0.55
    # The conversation's names read on the dark base.
    assert dark(window.transcript.viewport(), QPoint(3, 3)) == QColor("#17181a")


@pytest.mark.parametrize("saved", [False, True])
def test_scale_factor_2_on_a_1080p_screen_opens_fully_on_screen(
    qapp: QApplication, tmp_path: Path, saved: bool
) -> None:
    """900x640 at scale 2 is 1800x1280 device pixels: more than a 1080p screen. The window
    opens inside the screen's free area with the message box on screen, whether it starts at
    its default size or from a geometry saved on a bigger screen."""
    config = tmp_path / "config"
    config.mkdir()
    if saved:
        from PySide6.QtCore import QByteArray, QSettings

        store = QSettings(str(config / "window.ini"), QSettings.Format.IniFormat)
        big = QWidget()
        big.setGeometry(300, 200, 1700, 1000)
        store.setValue("main_window/geometry", QByteArray(big.saveGeometry()))
        store.sync()
        big.deleteLater()
    shot = tmp_path / f"scale2-{'saved' if saved else 'default'}.png"
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "xcb"}
    repo = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-m", "tests.support.scale_probe", str(shot), str(config)],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    assert facts["ratio"] == 2.0
    ax, ay, aw, ah = facts["available"]
    assert (aw, ah) == (960, 540)  # 1920x1080 at scale 2, in logical pixels
    fx, fy, fw, fh = facts["frame"]
    assert ax <= fx and ay <= fy and fx + fw <= ax + aw and fy + fh <= ay + ah, facts
    ix, iy, iw, ih = facts["input"]
    assert facts["input_visible"] and iy + ih <= ay + ah and ix + iw <= ax + aw, facts
    picture = QImage(str(shot))
    assert (picture.width(), picture.height()) == (fw * 2, fh * 2)  # drawn at device pixels
    if os.environ.get("SCREENMATE_SHOTS_DIR"):
        picture.save(str(Path(os.environ["SCREENMATE_SHOTS_DIR"]) / shot.name))


def test_talk_button_shows_a_focus_ring(window_in: object, qtbot: QtBot, tmp_path: Path) -> None:
    full: FullWindow = window_in("en", (900, 640))  # type: ignore[operator]
    window, talk = full.window, full.voice.controls.talk_button
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    edge = QPoint(talk.width() // 2, 1)  # on the button's border, above the label
    before = colour_at(grab(window, "talk-unfocused", tmp_path), window, talk, edge)
    talk.setFocus()
    qtbot.waitUntil(talk.hasFocus)
    after = colour_at(grab(window, "talk-focused", tmp_path), window, talk, edge)
    ring = window.palette().color(QPalette.ColorRole.Text)
    assert close_to(after, (ring.red(), ring.green(), ring.blue()), 50), after.name()
    assert not close_to(before, (ring.red(), ring.green(), ring.blue()), 50), before.name()


@pytest.mark.parametrize("language", ["en", "de", "zh_CN"])
def test_the_talk_row_never_moves_between_turns_or_while_held(
    window_in: object, qtbot: QtBot, language: str
) -> None:
    full: FullWindow = window_in(language, MINIMUM_SIZE)  # type: ignore[operator]
    controls = full.voice.controls
    voice = full.voice.voice
    row = [controls.talk_button, controls.mute_button, controls.meter, controls.mode_combo]

    def places() -> list[QRect]:
        QApplication.processEvents()
        return [in_window(full.window, w) for w in row]

    idle = places()
    controls.talk_button.pressed.emit()  # held
    qtbot.waitUntil(lambda: voice.talk.state.talking)
    assert controls.talk_button.text() != HOLD_TO_TALK[language]
    assert places() == idle
    controls.talk_button.released.emit()  # this soon after the press: a click, it latches
    qtbot.waitUntil(lambda: voice.talk.state.latched)
    assert places() == idle
    QTest.mouseClick(controls.talk_button, Qt.MouseButton.LeftButton)
    controls.speaking.show()  # the model speaks: the pill is in the header, not the row
    assert places() == idle
    qtbot.waitUntil(lambda: not voice.talk.state.talking)
    controls.mute_button.click()  # "Unmute" is longer than "Mute" in every language
    qtbot.waitUntil(lambda: voice.talk.state.muted)
    assert controls.mute_button.text() != controls.tr("Mute")
    assert places() == idle
    controls.mute_button.click()
