"""Names for assistive technology: every control a keyboard reaches says what it is.

Most controls are named where they are built (``setAccessibleName``: the pulse grid's
"Amara Okafor: I understand the rationale: 4 of 5", the alignment view's "Agree: Must
protect for EU data residency", "Undo"). This module is the safety net for the class:
an application event filter that, when a widget is first shown,

* takes plain page scroll areas out of the Tab order (an empty tab stop says nothing; Qt
  scrolls a focused child into view anyway), and
* names a focusable control that has no name at all (no caption, no label) from its
  placeholder text, else its tool tip.

The accessibility tests (tests/gui/test_accessible_names.py offscreen, tests/e2e/
test_accessibility_bus.py through AT-SPI) walk every screen and fail on a focusable node
without a name, so a new unnamed control is caught.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractItemView, QApplication, QScrollArea, QWidget

_filter: NamesFilter | None = None


def name_widget(widget: QWidget) -> None:
    """Apply the fallback rules (see the module docstring) to one widget."""
    if isinstance(widget, QScrollArea) and not isinstance(widget, QAbstractItemView):
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and not widget.accessibleName():
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return
    if widget.accessibleName() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
        return
    iface = QAccessible.queryAccessibleInterface(widget)
    if iface is not None and iface.text(QAccessible.Text.Name).strip():
        return  # named by its own text (a button's caption) or its label's buddy
    placeholder = getattr(widget, "placeholderText", None)
    text = placeholder() if callable(placeholder) else ""
    if not text:
        text = widget.toolTip()
    if text:
        widget.setAccessibleName(text.strip())


class NamesFilter(QObject):
    """Runs :func:`name_widget` on every widget's first Show."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and not obj.property("a11yNamed"):
            obj.setProperty("a11yNamed", True)
            name_widget(obj)
        return False


def install_names_filter() -> None:
    """Install the filter on the application once (the main window does it)."""
    global _filter
    app = QApplication.instance()
    if app is None or _filter is not None:
        return
    _filter = NamesFilter(app)
    app.installEventFilter(_filter)
