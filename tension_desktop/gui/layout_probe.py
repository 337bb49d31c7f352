"""Layout probe: which shown widgets do not fit their text, overlap, or are too small to touch.

:func:`problems` looks at every visible widget under a window and returns one line per
finding. It knows nothing about the app's screens; ``tests/layout_probe.py`` walks them
(every tab, coach view, whiteboard, every dialog) at several screen sizes and calls it.

What counts as a finding:

- a label, button, line edit, combo box or tab whose text is wider or taller than the
  room the widget gives it (so Qt clips or elides it);
- a tab bar showing its scroll arrows (some tabs are off screen);
- two visible siblings laid out over each other;
- text smaller than ``MIN_TEXT_PX`` x the screen factor (unreadable on an unscaled 4K panel);
- in whiteboard mode, a touch target (button, field, tab) under 48 px x the screen factor.
"""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollBar,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QToolButton,
    QWidget,
)

#: a touch target's smallest side in whiteboard mode at 1080 lines (logical px)
MIN_TARGET_PX = 48
#: the smallest readable text height (font pixel height) at 1080 lines
MIN_TEXT_PX = 12
#: a pixel or two of rounding is not a finding
SLACK = 2


def _where(widget: QWidget) -> str:
    names = []
    w: QWidget | None = widget
    while w is not None and len(names) < 4:
        names.append(w.objectName() or type(w).__name__)
        w = w.parentWidget()
    return "/".join(reversed(names))


def _really_visible(widget: QWidget, window: QWidget) -> bool:
    if not widget.isVisible() or widget.width() <= 0 or widget.height() <= 0:
        return False
    # inside a scroll area the widget may be scrolled out of view: that is not clipping
    return not widget.visibleRegion().isEmpty()


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    if label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)):
        return None  # rich text lays itself out; not used for typed text
    rect = label.contentsRect()
    margin = label.margin()
    rect = rect.adjusted(margin, margin, -margin, -margin)
    indent = label.indent()
    if indent > 0:
        rect.adjust(indent, 0, 0, 0)
    fm = label.fontMetrics()
    flags = int(label.alignment())
    if label.wordWrap():
        flags |= int(Qt.TextFlag.TextWordWrap)
    need = fm.boundingRect(QRect(0, 0, max(1, rect.width()), 100000), flags, text)
    if need.width() > rect.width() + SLACK or need.height() > rect.height() + SLACK:
        return f"label text {need.width()}x{need.height()} in {rect.width()}x{rect.height()}: {text[:40]!r}"
    return None


def _button_problem(button: QAbstractButton) -> str | None:
    text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if not text:
        return None
    hint = button.sizeHint()
    icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
    # the style's size for the text, but not a platform minimum width (80 px) the text does not need
    need = min(hint.width(), button.fontMetrics().horizontalAdvance(text) + icon + 32)
    if isinstance(button, QPushButton | QToolButton):
        if button.width() + SLACK < need or button.height() + SLACK < min(hint.height(),
                                                                                  button.fontMetrics().height() + 4):
            return f"button {button.width()}x{button.height()} needs {need}x{hint.height()}: {text[:40]!r}"
    elif isinstance(button, QCheckBox | QRadioButton) and button.width() + SLACK < hint.width():
        return f"check box {button.width()} wide needs {hint.width()}: {text[:40]!r}"
    return None


def _line_edit_problem(edit: QLineEdit) -> str | None:
    text = edit.text() or edit.placeholderText()
    if not text or edit.hasFocus():
        return None
    fm = edit.fontMetrics()
    room = edit.contentsRect().width() - edit.textMargins().left() - edit.textMargins().right() - 8
    if fm.height() > edit.contentsRect().height() + SLACK:
        return f"field text {fm.height()} px tall in {edit.contentsRect().height()}: {text[:40]!r}"
    if fm.horizontalAdvance(text) > room + SLACK and (edit.isReadOnly() or not edit.text()):
        return f"field text {fm.horizontalAdvance(text)} px wide in {room}: {text[:40]!r}"
    return None


def _combo_problem(combo: QComboBox) -> str | None:
    text = combo.currentText()
    if not text:
        return None
    opt = QStyleOptionComboBox()
    combo.initStyleOption(opt)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    need = combo.fontMetrics().horizontalAdvance(text)
    icon = combo.iconSize().width() + 4 if not combo.itemIcon(combo.currentIndex()).isNull() else 0
    if need + icon > field.width() + SLACK:
        return f"choice text {need + icon} px wide in {field.width()}: {text[:40]!r}"
    return None


def _tab_problems(bar: QTabBar) -> list[str]:
    if bar.property("flowTabs"):
        return []  # its tabs are buttons, checked as buttons
    found = []
    for button in bar.findChildren(QToolButton):
        if button.isVisible() and button.parentWidget() is bar:
            found.append("tab bar scrolls: not every tab is on screen")
            break
    for i in range(bar.count()):
        if not bar.isTabVisible(i):
            continue
        hint = bar.tabSizeHint(i) if bar.elideMode() == Qt.TextElideMode.ElideNone else None
        rect = bar.tabRect(i)
        text = bar.tabText(i).replace("&&", "&")
        need = bar.fontMetrics().horizontalAdvance(text)
        if rect.width() + SLACK < need or (hint is not None and rect.width() + SLACK < hint.width()):
            found.append(f"tab {rect.width()} wide needs {need}: {text!r}")
    return found


def _targets(widget: QWidget, bar_rects: list[QRect] | None = None) -> list[tuple[str, int, int]]:
    """(what, width, height) of the touch targets a widget offers."""
    if isinstance(widget, QTabBar):
        if widget.property("flowTabs"):
            return []
        return [(f"tab {widget.tabText(i)!r}", widget.tabRect(i).width(), widget.tabRect(i).height())
                for i in range(widget.count()) if widget.isTabVisible(i)]
    if isinstance(widget, QAbstractButton | QComboBox | QLineEdit | QAbstractSpinBox):
        if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
            return []
        if isinstance(widget, QToolButton) and isinstance(widget.parentWidget(), QTabBar | QScrollBar):
            return []
        text = widget.text() if isinstance(widget, QAbstractButton) else type(widget).__name__
        return [(f"{type(widget).__name__} {text[:30]!r}", widget.width(), widget.height())]
    return []


def _overlaps(parent: QWidget) -> list[str]:
    layout = parent.layout()
    if layout is None or isinstance(parent, QAbstractScrollArea):
        return []
    managed = [w for w in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
               if w.isVisible() and not w.isWindow() and layout.indexOf(w) >= 0]
    if type(layout).__name__ == "QStackedLayout":
        return []
    found = []
    for i, a in enumerate(managed):
        for b in managed[i + 1:]:
            inter = a.geometry().intersected(b.geometry())
            if inter.width() > SLACK and inter.height() > SLACK:
                found.append(f"{a.objectName() or type(a).__name__} overlaps {b.objectName() or type(b).__name__}")
    return found


def _cut_by_parent(widget: QWidget) -> str | None:
    """A widget laid out partly outside its parent (a squeezed row) is cut off where the parent ends."""
    parent = widget.parentWidget()
    if parent is None or widget.isWindow() or isinstance(parent, QAbstractScrollArea):
        return None
    if parent.objectName() == "qt_scrollarea_viewport" or parent.layout() is None:
        return None  # scrolled content, or placed by hand (overlays, canvases)
    if parent.layout().indexOf(widget) < 0:
        return None
    outside = widget.geometry().united(parent.rect()) != parent.rect()
    g, r = widget.geometry(), parent.rect()
    over = max(g.right() - r.right(), g.bottom() - r.bottom(), r.left() - g.left(), r.top() - g.top())
    if outside and over > SLACK:
        return f"cut by its parent: {g.width()}x{g.height()} at {g.x()},{g.y()} in {r.width()}x{r.height()}"
    return None


def problems(window: QWidget, *, factor: float = 1.0, whiteboard: bool = False, where: str = "") -> list[str]:
    """Every finding under ``window`` (itself included), one line each, prefixed by ``where``.

    ``factor`` is how much larger than a 1080-line panel the screen is in logical pixels
    (:func:`tension_desktop.gui.theme.screen_factor`); ``whiteboard`` adds the touch-target
    check."""
    found: list[str] = []
    if window.isWindow() and window.screen() is not None:
        area = window.screen().availableGeometry()
        frame = window.geometry()  # the client area (a window manager fits its frame around it)
        if frame.width() > area.width() + SLACK or frame.height() > area.height() + SLACK:
            found.append(f"{where}{_where(window)}: window {frame.width()}x{frame.height()} larger than the "
                         f"screen's {area.width()}x{area.height()} (its content needs more room)")
    min_text = MIN_TEXT_PX * factor
    min_target = MIN_TARGET_PX * factor
    for widget in [window, *window.findChildren(QWidget)]:
        if not _really_visible(widget, window):
            continue
        if isinstance(widget, QScrollBar) or isinstance(widget.parentWidget(), QAbstractItemView):
            continue
        here = f"{where}{_where(widget)}: "
        problem: str | None = None
        if isinstance(widget, QLabel):
            problem = _label_problem(widget)
        elif isinstance(widget, QAbstractButton) and not isinstance(widget.parentWidget(), QTabBar):
            problem = _button_problem(widget)
        elif isinstance(widget, QLineEdit):
            problem = _line_edit_problem(widget)
        elif isinstance(widget, QComboBox):
            problem = _combo_problem(widget)
        elif isinstance(widget, QTabBar):
            found += [here + p for p in _tab_problems(widget)]
        if problem:
            found.append(here + problem)
        found += [here + p for p in _overlaps(widget)]
        cut = _cut_by_parent(widget)
        if cut:
            found.append(here + cut)
        has_text = isinstance(widget, QLabel | QAbstractButton | QLineEdit | QComboBox | QTabBar) and (
            not isinstance(widget, QLabel) or bool(widget.text()))
        if has_text and QFontMetrics(widget.font()).height() + SLACK < min_text:
            found.append(here + f"text {QFontMetrics(widget.font()).height()} px tall, under {min_text:.0f}")
        if whiteboard and widget.isEnabled():
            for what, w, h in _targets(widget):
                if min(w, h) + SLACK < min_target:
                    found.append(here + f"touch target {what} {w}x{h}, under {min_target:.0f} px")
    return found
