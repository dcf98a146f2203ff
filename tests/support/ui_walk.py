"""Walks a window's widgets the way a screen reader does: through Qt's accessibility interface.

`unnamed_controls(root)` lists every visible control (something a user can operate or read
focus on) whose accessible name is empty, as "ClassName#objectName (text)" strings.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

CONTROLS = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
)
# Parts Qt builds inside composite controls; the composite itself is checked.
INTERNAL = ("qt_spinbox_lineedit", "qt_scrollarea_viewport", "qt_toolbar_ext_button")


def is_control(widget: QWidget) -> bool:
    if widget.objectName() in INTERNAL:
        return False
    parent = widget.parentWidget()
    if (
        isinstance(widget, QScrollBar)
        and parent is not None
        and parent.objectName().startswith("qt_scrollarea_")
    ):
        return False  # a scroll area's own bar: read through the area
    if isinstance(widget, QHeaderView) and isinstance(parent, QAbstractItemView):
        return False  # a table's header: read through the table
    if isinstance(widget, QLineEdit) and isinstance(parent, QComboBox | QAbstractSpinBox):
        return False  # an editable combo's or spin box's own line edit
    if isinstance(widget, QGroupBox):
        return widget.isCheckable()
    return isinstance(widget, CONTROLS) or (
        widget.focusPolicy() != widget.focusPolicy().NoFocus
        and widget.isWindow() is False
        and type(widget).__module__.startswith("desktop.")
    )


def has_label(widget: QWidget) -> bool:
    """A QLabel names it (its buddy): screen readers read that label with the control."""
    window = widget.window()
    return any(label.buddy() is widget for label in window.findChildren(QLabel))


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader says. On Linux Qt answers a combo box's Name with its current
    text, which names the choice, not the control: a combo needs its own name or a label."""
    if widget.accessibleName().strip():
        return widget.accessibleName().strip()
    if isinstance(widget, QComboBox):
        return "(labelled)" if has_label(widget) else ""
    face = QAccessible.queryAccessibleInterface(widget)
    if face is None:
        return ""
    return face.text(QAccessible.Text.Name).strip()


def describe(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    shown = text() if callable(text) else ""
    return f"{type(widget).__name__}#{widget.objectName()} ({shown!r})"


def controls(root: QWidget) -> list[QWidget]:
    found = [root] if is_control(root) else []
    found += [w for w in root.findChildren(QWidget) if w.isVisibleTo(root) and is_control(w)]
    return found


def unnamed_controls(root: QWidget) -> list[str]:
    return [describe(w) for w in controls(root) if not accessible_name(w)]


def unnamed_controls_on_every_tab(root: QWidget) -> list[str]:
    """`unnamed_controls`, with each page of each tab widget shown in turn."""
    missing = set(unnamed_controls(root))
    for tabs in root.findChildren(QTabWidget):
        current = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            missing |= set(unnamed_controls(root))
        tabs.setCurrentIndex(current)
    return sorted(missing)
