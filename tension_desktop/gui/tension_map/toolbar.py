"""The map's toolbar: one row when it fits, two rows on a narrow screen in large type.

At 1366x768 in whiteboard type the eleven buttons no longer fit one row; squeezed, Qt
would clip their words ("ivate roun"). The right-hand group (Undo, Redo, Fit, Labels,
Export) then moves to a second row, so every button keeps its whole label.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..flow import FlowLayout


class MapToolbar(QWidget):
    """Two groups of buttons, left and right; ``two_rows`` tells which layout is in force."""

    def __init__(self, left: list[QWidget], right: list[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapToolbar")
        self.left, self.right = list(left), list(right)
        # each row also wraps (FlowLayout) when even one group is wider than the screen
        self.top, self.bottom = FlowLayout(), FlowLayout()
        for w in self.left:
            self.top.addWidget(w)
        self.top.addStretch(1)
        self.bottom.addStretch(1)
        for w in self.right:
            self.top.addWidget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.top)
        layout.addLayout(self.bottom)
        self.two_rows = False

    def needed_width(self) -> int:
        shown = [w for w in self.left + self.right if not w.isHidden()]
        return sum(w.sizeHint().width() for w in shown) + self.top.spacing() * (len(shown) + 1)

    def arrange(self) -> None:
        """One row if everything fits at its full size, else the right group goes below."""
        two = self.needed_width() > self.width()
        if two == self.two_rows:
            return
        self.two_rows = two
        target = self.bottom if two else self.top
        for w in self.right:
            target.addWidget(w)  # addWidget moves a widget out of its old layout
        # lay out now, not on the next event loop pass: the map below refits to its new height
        self.layout().activate()
        parent = self.parentWidget()
        if parent is not None and parent.layout() is not None:
            parent.layout().activate()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a button was shown or hidden
            self.arrange()
        return super().event(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.arrange()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.arrange()
