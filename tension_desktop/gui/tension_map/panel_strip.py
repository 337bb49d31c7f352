"""The presenter panel folds to a strip so the map gets the room on a small screen.

On a window narrower than :data:`FOLD_BELOW` px (a 1366x768 laptop), and on the whiteboard
(whiteboard type, or the session's whiteboard window), the map's side panel
("Most disputed", agreed positions, who is who) starts folded to a 56 px strip beside the
map; one tap on the strip brings the panel back, one tap on its "▶" folds it again. Wider
windows start with the panel open. Nothing is lost: the step-through and the person view
float over the map itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QWidget

from ..widgets import big_button

if TYPE_CHECKING:  # pragma: no cover
    from .widget import TensionMapWidget

FOLD_BELOW = 1600


def _layout_holding(root, widget: QWidget) -> QHBoxLayout | None:
    """The box layout under ``root`` that holds ``widget`` directly."""
    if root is None:
        return None
    if root.indexOf(widget) >= 0:
        return root
    for n in range(root.count()):
        child = root.itemAt(n).layout()
        found = _layout_holding(child, widget)
        if found is not None:
            return found
    return None


class _OnRestyle(QObject):
    """Calls ``fn`` when the watched widget's style or font changes (whiteboard type)."""

    def __init__(self, target: QWidget, fn) -> None:
        super().__init__(target)
        self.fn = fn
        target.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self.fn()
        return False


class PanelStrip:
    """Folds and unfolds the map widget's side panel; ``folded`` tells which is in force."""

    def __init__(self, widget: TensionMapWidget) -> None:
        self.w = widget
        self.side = widget.findChild(QScrollArea, "mapPanelScroll")
        self.strip = big_button("◀\nP\na\nn\ne\nl", name="panelStrip")
        self.strip.setToolTip("Show the panel: most disputed, agreed positions, who is who")
        self._size_strip()
        self._restyle = _OnRestyle(self.strip, self._size_strip)
        self.fold_btn = big_button("▶ Fold the panel", name="foldPanel")
        self.fold_btn.clicked.connect(lambda: self.set_folded(True))
        self.strip.clicked.connect(lambda: self.set_folded(False))
        self.folded = False
        self._chosen = False  # the coach tapped: keep their choice across resizes
        body = _layout_holding(widget.layout(), self.side) if self.side is not None else None
        if body is None:  # pragma: no cover - the widget's layout changed shape
            self.strip.hide()
            return
        body.insertWidget(body.indexOf(self.side) + 1, self.strip)
        panel_layout = widget.panel.layout()
        panel_layout.insertWidget(0, self.fold_btn)
        self.strip.hide()
        widget.view.whiteboardScaleChanged.connect(lambda _k: self.fit_to_width(widget.width()))

    def _size_strip(self) -> None:
        """As narrow as its caption allows (56 px at 1x), wider where whiteboard type grows it."""
        self.strip.ensurePolished()
        self.strip.setFixedWidth(max(56, self.strip.sizeHint().width()))

    def set_folded(self, on: bool, chosen: bool = True) -> None:
        if self.side is None:
            return
        self._chosen = self._chosen or chosen
        self.folded = on
        self._size_strip()
        self.side.setVisible(not on)
        self.strip.setVisible(on)
        self.w.view.fit_all()

    def fit_to_width(self, width: int) -> None:
        """Fold on a narrow window and on the whiteboard (the room reads the map; the coach
        opens the panel with one tap), unless the coach chose otherwise."""
        fold = width < FOLD_BELOW or self.w.view.whiteboard_scale > 1.0
        if not self._chosen and fold != self.folded:
            self.set_folded(fold, chosen=False)
