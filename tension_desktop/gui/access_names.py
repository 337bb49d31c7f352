"""Names for assistive technology: every control a keyboard reaches says what it is.

Most controls are named where they are built (``setAccessibleName``: the pulse grid's
"Amara Okafor: I understand the rationale: 4 of 5", the alignment view's "Agree: Must
protect for EU data residency", "Undo"). This module is the safety net for the class:
an application event filter that, when a widget is first shown,

* takes plain page scroll areas out of the Tab order (an empty tab stop says nothing; Qt
  scrolls a focused child into view anyway), and
* names a focusable control that has no name at all (no caption, no label) from its
  placeholder text, else its tool tip.

The filter is installed just after the main window has painted its first frame (start-up): a
Python filter on the whole application is handed every event of every object, and the first
object of a class PySide does not wrap (Qt's private gesture manager, which every scroll
area makes) makes PySide create all its lazily made types and enums at once, 20-30 ms the
coach would otherwise wait for before the window appears. The widgets shown until then are
named when it is installed, so the result is the same.

The accessibility tests (tests/gui/test_accessible_names.py offscreen, tests/e2e/
test_accessibility_bus.py through AT-SPI) walk every screen and fail on a focusable node
without a name, so a new unnamed control is caught.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QScrollArea, QWidget

_filter: NamesFilter | None = None
#: how long after the first frame the filter is installed (the event loop is idle by then)
AFTER_FIRST_PAINT_MS = 100


def name_widget(widget: QWidget) -> None:
    """Apply the fallback rules (see the module docstring) to one widget."""
    if isinstance(widget, QScrollArea) and not isinstance(widget, QAbstractItemView):
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and not widget.accessibleName():
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return
    if widget.accessibleName() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
        return
    from PySide6.QtGui import QAccessible  # its enums are made after the first frame, not before

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


def install_names_filter(window: QWidget | None = None) -> None:
    """Install the filter on the application once (the main window does it).

    With ``window``: once that window has painted its first frame; the widgets already
    shown by then are named at that moment (see the module docstring)."""
    global _filter
    app = QApplication.instance()
    if app is None or _filter is not None:
        return
    if window is not None:
        _FirstPaint(window)  # belongs to the window: a window closed unpainted takes it along
        return
    _filter = NamesFilter(app)
    app.installEventFilter(_filter)
    for widget in QApplication.allWidgets():  # those shown before the filter was there
        if widget.isVisible() and not widget.property("a11yNamed"):
            widget.setProperty("a11yNamed", True)
            name_widget(widget)


class _FirstPaint(QObject):
    """Watches one window (not the whole application) for its first paint, then installs
    the names filter from the event loop, after that frame is on screen."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        window.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(AFTER_FIRST_PAINT_MS, _after_first_paint)
        return False


def names_installed() -> bool:
    """True once the filter is on the application (shortly after the first window's first frame)."""
    return _filter is not None


def _after_first_paint() -> None:
    install_names_filter()
