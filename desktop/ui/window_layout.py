"""Layout rules of the main window that hold from the minimum size to 4K, at scale 1 to 2:

- `restore_on_screen`: the window opens inside the screen's available area (a saved or default
  size that does not fit, say 900x640 at scale 2 on a 1080p screen, is shrunk and moved).
- `SideColumn`: the panels right of the transcript, in a scroll area so nothing ever paints
  over anything at small heights; its width follows the window's (a bigger preview on a big
  window, never an empty strip).
- `ReadableWidth`: transcript lines wrap at a readable length on wide windows.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QTextEdit, QVBoxLayout, QWidget

from desktop.core.geometry import Rect
from desktop.core.window_facts import centred, fit_window

DEFAULT_SIZE = (900, 640)
# Small enough to fit a 1080p screen at scale factor 2 (960x540 logical) with room to spare.
MINIMUM_SIZE = (640, 480)
SIDE_MIN, SIDE_MAX, SIDE_SHARE = 280, 560, 0.30
# Characters per transcript line before it wraps, on a wide window.
READABLE_CHARS = 96


def _rect(r: QRect) -> Rect:
    return Rect(r.x(), r.y(), r.width(), r.height())


def restore_on_screen(window: QWidget) -> None:
    """Move and shrink `window` so its frame fits the available area of its screen (the one
    under its centre, else the primary screen); centre it if it was never placed."""
    screen = QGuiApplication.screenAt(window.geometry().center()) or QGuiApplication.primaryScreen()
    if screen is None:
        return
    available = _rect(screen.availableGeometry())
    frame = window.frameGeometry()
    extra_w = frame.width() - window.width()
    extra_h = frame.height() - window.height()
    wanted = _rect(window.geometry())
    if not window.testAttribute(Qt.WidgetAttribute.WA_Moved):
        wanted = centred((wanted.w, wanted.h), available)
    inner = Rect(available.x, available.y, available.w - extra_w, available.h - extra_h)
    minimum = (window.minimumWidth(), window.minimumHeight())
    fitted = fit_window(wanted, minimum, inner)
    if fitted.w < minimum[0] or fitted.h < minimum[1]:
        window.setMinimumSize(min(minimum[0], fitted.w), min(minimum[1], fitted.h))
    window.setGeometry(fitted.x, fitted.y, fitted.w, fitted.h)


def side_width(window_width: int) -> int:
    return int(min(SIDE_MAX, max(SIDE_MIN, window_width * SIDE_SHARE)))


class SideColumn(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sideColumn")
        self.setAccessibleName(self.tr("Side panels"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.inner = QWidget(self)
        self.inner.setObjectName("sidePanels")
        self._layout = QVBoxLayout(self.inner)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self._layout.addStretch(1)
        self._stretchy = 0
        self.setWidget(self.inner)
        self.setFixedWidth(SIDE_MIN)
        self._panels: list[QWidget] = []
        self.hide()  # until a panel shows: no empty strip beside the transcript

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        panels = getattr(self, "_panels", [])
        if watched in panels and event.type() in (
            QEvent.Type.ShowToParent,
            QEvent.Type.HideToParent,
        ):
            self._follow_panels()
        return super().eventFilter(watched, event)  # QScrollArea follows its widget with it

    def _follow_panels(self) -> None:
        self.setVisible(any(not p.isHidden() for p in self._panels))

    def add_panel(self, widget: QWidget, stretch: int = 0) -> None:
        self._layout.insertWidget(self._layout.count() - 1, widget, stretch)
        self._panels.append(widget)
        widget.installEventFilter(self)
        self._follow_panels()
        if stretch:
            self._stretchy += 1
            self._layout.setStretch(self._layout.count() - 1, 0)  # the panel fills, not the gap

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        height = self.viewport().height()
        for i in range(self._layout.count()):
            item = self._layout.itemAt(i)
            panel = item.widget() if item is not None else None
            follow = getattr(panel, "follow_height", None)
            if callable(follow):
                follow(height)

    def follow_window_width(self, width: int) -> None:
        self.setFixedWidth(side_width(width))


class ReadableWidth(QObject):
    """Wraps a text edit's lines at READABLE_CHARS average characters once it is wider."""

    def __init__(self, edit: QTextEdit) -> None:
        super().__init__(edit)
        self._edit = edit
        edit.viewport().installEventFilter(self)
        edit.installEventFilter(self)

    def limit(self) -> int:
        return self._edit.fontMetrics().averageCharWidth() * READABLE_CHARS

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.Show):
            self._apply()
        return False

    def _apply(self) -> None:
        edit = self._edit
        limit = self.limit()
        if edit.viewport().width() > limit + 40:
            if edit.lineWrapMode() is not QTextEdit.LineWrapMode.FixedPixelWidth:
                edit.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
            if edit.lineWrapColumnOrWidth() != limit:
                edit.setLineWrapColumnOrWidth(limit)
        elif edit.lineWrapMode() is not QTextEdit.LineWrapMode.WidgetWidth:
            edit.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)


def focusable_in(container: QWidget) -> list[QWidget]:
    """`container` and its descendants that Tab can reach, in their current chain order."""
    wanted = Qt.FocusPolicy.TabFocus
    found = [container] if container.focusPolicy() & wanted else []
    widget = container.nextInFocusChain()
    while widget is not container and widget is not None:
        if container.isAncestorOf(widget) and widget.focusPolicy() & wanted:
            found.append(widget)
        widget = widget.nextInFocusChain()
        if widget is container.window():
            break
    return found


def set_tab_order(groups: list[QWidget]) -> list[QWidget]:
    """Tab visits the groups in this order (a group's own controls keep their order)."""
    chain = [w for group in groups for w in focusable_in(group)]
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)
    return chain
