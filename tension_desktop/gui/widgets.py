"""Small shared widgets: big touch buttons, headings, kinetic scrolling."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QPushButton, QScroller, QWidget

from .qt import TOUCH_TARGET


def big_button(text: str, parent: QWidget | None = None, *, primary: bool = False, name: str = "") -> QPushButton:
    """A button at least 48x48 px, usable with a finger."""
    btn = QPushButton(text, parent)
    btn.setMinimumSize(TOUCH_TARGET, TOUCH_TARGET)
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
    QScroller.grabGesture(view.viewport(), QScroller.ScrollerGestureType.TouchGesture)
