"""A lane canvas: the shared touch canvas that keeps its lanes filling the width."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsScene, QWidget

from ..canvas import TouchCanvasView
from .cards import fit_width


class LaneCanvas(TouchCanvasView):
    """TouchCanvasView whose scene is scaled to fill the width on every resize."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.scene_width = 1.0

    def set_scene_width(self, width: float) -> None:
        changed = abs(width - self.scene_width) > 0.5
        self.scene_width = width
        if changed:
            fit_width(self, width)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        fit_width(self, self.scene_width)
