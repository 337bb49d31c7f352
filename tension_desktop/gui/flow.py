"""Layouts that give text the room it needs on any screen: a flow layout (Qt's example) for
toolbars and button rows, and a scroll area as wide as what it holds.

A row of buttons in a :class:`FlowLayout` wraps onto a second line when the window is narrow
(a 1366x768 laptop, a presenter's stage beside the scripts) instead of squeezing every button
until its caption is cut.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent, QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QLayout,
    QLayoutItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabBar,
    QTabWidget,
    QWidget,
    QWidgetItem,
)


class FlowLayout(QLayout):
    """Items left to right, wrapping onto the next line when the row is full (Qt's flow
    layout example). Each item keeps its size hint; a stretch (:meth:`addStretch`) is ignored
    except that it is where a row may break."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._hfw: tuple[int, int] | None = None  # (width, height) until invalidated
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt name)
        self._items.append(item)

    def addWidget(self, widget: QWidget) -> None:  # noqa: N802 (Qt name)
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))
        self.invalidate()

    def addStretch(self, _stretch: int = 0) -> None:  # noqa: N802 (Qt name; kept for QHBoxLayout callers)
        """A row of buttons may have a stretch; a flow has no use for it."""

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt name)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt name)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def spacing(self) -> int:
        return self._spacing

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt name)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        # asked many times per layout pass with the same width: kept until the layout is
        # invalidated (an item added, hidden, shown or resized), as Qt's box layouts do
        cached = self._hfw
        if cached is None or cached[0] != width:
            cached = self._hfw = (width, self._do_layout(QRect(0, 0, width, 0), apply=False))
        return cached[1]

    def invalidate(self) -> None:
        self._hfw = None
        super().invalidate()

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt name)
        super().setGeometry(rect)
        self._do_layout(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        """One row of everything: what the flow would like."""
        width, height = 0, 0
        for item in self._visible():
            hint = item.sizeHint()
            width += hint.width() + (self._spacing if width else 0)
            height = max(height, hint.height())
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt name)
        """As wide as the widest item (each keeps its whole caption)."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.sizeHint())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if i.widget() is None or not i.widget().isHidden()]

    def _do_layout(self, rect: QRect, *, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._visible():
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y, line = area.x(), y + line + self._spacing, 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


class FittingScrollArea(QScrollArea):
    """A vertically scrolling column that is never narrower than what it holds, so the
    buttons in it (the opening round's names) keep their whole caption."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        # what it holds changed (buttons rebuilt, a theme's larger type): ask for room again
        if obj is self.widget() and event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.StyleChange):
            self.updateGeometry()
        return super().eventFilter(obj, event)

    def _width(self) -> int:
        inner = self.widget()
        need = inner.sizeHint().width() if inner is not None else 0
        # imported here: QStyle's many enums are made on first use, not at start-up
        from PySide6.QtWidgets import QStyle

        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return need + bar + 2 * self.frameWidth()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(self._width(), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(self._width(), super().sizeHint().height())


class FlowTabBar(QTabBar):
    """A tab bar whose tabs wrap onto a second row instead of scrolling off screen.

    The tabs are drawn as checkable buttons in a :class:`FlowLayout` (styled by the themes as
    ``QPushButton[flowTab="true"]``); the bar keeps Qt's tab model (text, current index,
    signals), so the QTabWidget that owns it works as before. Every tab is on screen, with
    its whole title, on a 1366x768 laptop and in whiteboard mode."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUsesScrollButtons(False)
        self.setElideMode(Qt.TextElideMode.ElideNone)
        self.setDrawBase(False)
        self.setProperty("flowTabs", True)
        self.flow = FlowLayout(self, spacing=4)
        self.buttons: list[QPushButton] = []
        self._batching = False
        self.currentChanged.connect(self._check_current)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Tabs added inside get their buttons once, at the end (a workshop's fifteen tabs
        were synced fifteen times over, O(n²) button updates at start-up)."""
        self._batching = True
        try:
            yield
        finally:
            self._batching = False
            self._sync()

    # the tab model changed: rebuild or re-label the buttons
    def tabInserted(self, index: int) -> None:  # noqa: N802 (Qt name)
        super().tabInserted(index)
        if not self._batching:
            self._sync()

    def tabRemoved(self, index: int) -> None:  # noqa: N802 (Qt name)
        super().tabRemoved(index)
        self._sync()

    def tabLayoutChange(self) -> None:  # noqa: N802 (Qt name)
        super().tabLayoutChange()
        if not self._batching:
            self._sync()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self._sync()

    def _sync(self) -> None:
        while len(self.buttons) < self.count():
            button = QPushButton(self)
            button.setCheckable(True)
            button.setProperty("flowTab", True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, b=button: self._clicked(b))
            self.buttons.append(button)
            self.flow.addWidget(button)
        while len(self.buttons) > self.count():
            button = self.buttons.pop()
            self.flow.removeWidget(button)
            button.hide()  # until it is deleted it would still be drawn over the others
            button.deleteLater()
        for i, button in enumerate(self.buttons):
            if button.text() != self.tabText(i):
                button.setText(self.tabText(i))
            button.setObjectName(f"tab_{self.tabData(i) or i}")
            button.setToolTip(self.tabToolTip(i))
            button.setVisible(self.isTabVisible(i))
            button.setEnabled(self.isTabEnabled(i))
            for prop in ("running",):
                value = bool(self.tabData(i) == "running")
                if bool(button.property(prop)) != value:  # unset is False: no restyle of a new button
                    button.setProperty(prop, value)
                    button.style().unpolish(button)
                    button.style().polish(button)
        self._check_current(self.currentIndex())
        self.flow.invalidate()
        self.updateGeometry()

    def _clicked(self, button: QPushButton) -> None:
        """A tab a private round (or anything else) disabled never opens, whatever the button shows."""
        index = self.buttons.index(button)
        if self.isTabEnabled(index):
            self.setCurrentIndex(index)
        else:
            self._check_current(self.currentIndex())

    def _sync_enabled(self) -> None:
        for i, button in enumerate(self.buttons[: self.count()]):
            enabled = self.isTabEnabled(i)
            if button.isEnabled() != enabled:
                button.setEnabled(enabled)

    def _check_current(self, index: int) -> None:
        for i, button in enumerate(self.buttons):
            button.setChecked(i == index)

    # size: as tall as the rows the buttons need at the width the bar has (or will have)
    def _room(self) -> int:
        parent = self.parentWidget()
        return max(1, (parent.width() if parent is not None else self.width()))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(self._room(), self.flow.heightForWidth(self._room()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(self.flow.minimumSize().width(), self.flow.heightForWidth(self._room()))

    def tabSizeHint(self, index: int) -> QSize:  # noqa: N802 (Qt name)
        if 0 <= index < len(self.buttons):
            return self.buttons[index].sizeHint()
        return super().tabSizeHint(index)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.flow.setGeometry(self.rect())
        if self.height() != self.flow.heightForWidth(self.width()):
            self.updateGeometry()
            parent = self.parentWidget()
            if parent is not None:  # the tab widget lays out its bar on resize: ask it again
                QCoreApplication.postEvent(parent, QEvent(QEvent.Type.LayoutRequest))

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt name)
        """The buttons draw the tabs; a repaint (which setTabEnabled asks for) is where a tab's
        enabled state reaches its button."""
        self._sync_enabled()


class FlowTabWidget(QTabWidget):
    """A QTabWidget whose tabs wrap (:class:`FlowTabBar`) instead of scrolling."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabBar(FlowTabBar(self))

    def flow_bar(self) -> FlowTabBar:
        return self.tabBar()  # type: ignore[return-value]
