"""Helpers of the vision wiring that need Qt but no controller: the app's own windows (kept
out of every capture), Qt's screens as plain geometry, what the source box calls a source, and
window thumbnails for the window picker."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QProxyStyle, QStyle, QStyleOption, QWidget

from desktop.capture.screen import RegionSource, ScreenSource
from desktop.capture.sources import FrameSource
from desktop.capture.window import WindowSource
from desktop.core.geometry import Rect, Screen, device_to_logical
from desktop.core.window_facts import SharedSource, shared_source
from desktop.ui.capture_qt import QtVideoSource
from desktop.ui.region_picker import from_qrect

# A window that may appear in captures sets this property (tests' stand-in "other apps").
CAPTURE_ALLOWED = "screenmateCaptureAllowed"


def own_windows() -> list[Rect]:
    """Every visible top-level window of this app (main window, pairing, settings, history,
    pickers), in logical pixels: none of them may reach the model (issue 14). Click-through
    overlays that only draw an outline (the share border, point_at's highlight) are left in:
    greying their box would hide the very thing they mark."""
    see_through = Qt.WindowType.WindowTransparentForInput
    return [
        from_qrect(w.frameGeometry())
        for w in QApplication.topLevelWidgets()
        if w.isWindow()
        and w.isVisible()
        and not (w.windowFlags() & see_through)
        and not w.property(CAPTURE_ALLOWED)
    ]


def qt_screens() -> list[Screen]:
    """Qt's screens with logical and device geometry (for HiDPI-correct regions)."""
    return [
        Screen.from_logical(i, s.name(), from_qrect(s.geometry()), s.devicePixelRatio())
        for i, s in enumerate(QGuiApplication.screens(), start=1)
    ]


def describe(source: FrameSource | None, choice: str) -> SharedSource:
    """What the source box should name: a region's size, a window's title, a camera."""
    kind = choice.partition(":")[0]
    if isinstance(source, RegionSource):
        return shared_source("region", width=source.rect.w, height=source.rect.h)
    if isinstance(source, WindowSource):
        return shared_source("window", title=source.title)
    if isinstance(source, ScreenSource):
        return shared_source("screen", number=source.index)
    if isinstance(source, QtVideoSource):
        name = source.label.removeprefix("Camera “").removesuffix("”")
        return shared_source("camera", title=name)
    return shared_source("none" if source is None else kind)


def window_thumbnail(rect: Rect, screens: list[Screen]) -> QIcon:
    """A small picture of a window (its area of the screen), for the window picker."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return QIcon()
    logical = device_to_logical(rect, screens)
    grab = screen.grabWindow(0, logical.x, logical.y, logical.w, logical.h)
    if grab.isNull():
        return QIcon()
    return QIcon(
        grab.scaled(
            96, 64, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    )


THUMBNAIL_HEIGHT = 40


class _ThumbnailStyle(QProxyStyle):
    """Menu icons at thumbnail size instead of 16 px."""

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        if metric == QStyle.PixelMetric.PM_SmallIconSize:
            return THUMBNAIL_HEIGHT
        return super().pixelMetric(metric, option, widget)


def show_thumbnails(menu: QMenu) -> None:
    """Let `menu` draw its items' icons as thumbnails a user can recognise a window by."""
    style = _ThumbnailStyle()
    style.setParent(menu)  # lives as long as the menu
    menu.setStyle(style)
