"""Small shared widgets: big touch buttons, headings, kinetic scrolling."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QPushButton, QScroller, QWidget

from .qt import TOUCH_TARGET


class TouchButton(QPushButton):
    """A push button at least 48x48 px that a layout never squeezes below its caption.

    (An explicit minimum width, as ``setMinimumSize`` or a style sheet's ``min-width`` sets,
    would replace the caption's width as the minimum: a crowded row then cuts captions.)"""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return super().minimumSizeHint().expandedTo(QSize(TOUCH_TARGET, TOUCH_TARGET))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return super().sizeHint().expandedTo(QSize(TOUCH_TARGET, TOUCH_TARGET))


def big_button(text: str, parent: QWidget | None = None, *, primary: bool = False, name: str = "") -> QPushButton:
    """A button at least 48x48 px, usable with a finger, never narrower than its caption."""
    btn = TouchButton(text, parent)
    btn.setMinimumHeight(TOUCH_TARGET)
    if primary:
        btn.setProperty("primary", True)
    if name:
        btn.setObjectName(name)
    btn.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return btn


def heading(text: str, parent: QWidget | None = None, *, sub: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("subheading" if sub else "heading", True)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # participants' text is never markup
    return label


def enable_touch_scrolling(view: QAbstractItemView) -> None:
    """One finger scrolls lists kinetically (touch screens have no scroll wheel)."""
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    QScroller.grabGesture(_viewport(view), QScroller.ScrollerGestureType.TouchGesture)


def _viewport(view: QAbstractItemView) -> QWidget:
    """The view's viewport. Found among its children by the name Qt gives it where it can be:
    the first call of ``viewport()`` in a process makes PySide create some 60 lazily made
    enum types (5-10 ms of start-up) that finding the same widget by name does not."""
    found = view.findChild(QWidget, "qt_scrollarea_viewport", Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else view.viewport()
