"""A lane canvas: the shared touch canvas that keeps its lanes filling the width and height."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QGraphicsScene, QWidget

from .canvas import TouchCanvasView
from .lane_cards import fit_width

LANE_STEP = 600.0  # scene px


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
            fit_width(self, width, **self._whiteboard_bounds())
        self._stretch()

    def _stretch(self) -> None:
        scale = self.transform().m11() or 1.0
        height = max(self.content_height, (self.viewport().height() - 4) / scale)
        # Lanes reach past the scene's bottom in steps: a card growing by a line changes the
        # scene rect (the scroll range) only, not the lanes, which would repaint every column.
        lane_height = math.ceil(height / LANE_STEP + 1) * LANE_STEP
        for lane in self.lanes:
            r = lane.rect()
            if r.height() != lane_height:
                lane.setRect(QRectF(r.left(), r.top(), r.width(), lane_height))
        rect = QRectF(0, 0, self.scene_width, height)
        if rect != self.scene().sceneRect():  # an unchanged scene rect must not re-lay out the view
            self.scene().setSceneRect(rect)

    def _whiteboard_bounds(self) -> dict:
        k = self.whiteboard_scale  # whiteboard type: larger lanes (a finger pans the rest)
        return {"minimum": 0.55 if k <= 1.0 else 0.7 * k, "maximum": 1.6 * k}

    def smallest_text_px(self) -> tuple[float, float]:
        """(card text 12 pt, badge 11 pt) in pixels at scale 1 (see canvas.physical_floor)."""
        dpi = self.logicalDpiY() or 96
        return 12 * dpi / 72, 11 * dpi / 72

    def apply_whiteboard_scale(self, old: float, new: float) -> None:
        fit_width(self, self.scene_width, **self._whiteboard_bounds())
        self._stretch()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        fit_width(self, self.scene_width, **self._whiteboard_bounds())
        self._stretch()
