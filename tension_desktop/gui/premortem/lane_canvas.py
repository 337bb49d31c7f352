"""A lane canvas: the shared touch canvas that keeps its lanes filling the width and height."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QGraphicsScene, QWidget

from ..canvas import TouchCanvasView
from .cards import fit_width


class LaneCanvas(TouchCanvasView):
    """TouchCanvasView whose lanes fill the width (scaled) and at least the visible height."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.scene_width = 1.0
        self.content_height = 1.0
        self.lanes: list = []

    def set_lanes(self, lanes: list, width: float, content_height: float) -> None:
        """Install the lanes of a fresh build: scale to the width, stretch to the height."""
        self.lanes = lanes
        self.content_height = content_height
        if abs(width - self.scene_width) > 0.5:
            self.scene_width = width
            fit_width(self, width)
        self._stretch()

    def _stretch(self) -> None:
        scale = self.transform().m11() or 1.0
        height = max(self.content_height, (self.viewport().height() - 4) / scale)
        for lane in self.lanes:
            r = lane.rect()
            lane.setRect(QRectF(r.left(), r.top(), r.width(), height))
        self.scene().setSceneRect(0, 0, self.scene_width, height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        fit_width(self, self.scene_width)
        self._stretch()
