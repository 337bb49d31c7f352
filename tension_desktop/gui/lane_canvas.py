"""A lane canvas: the shared touch canvas that keeps its lanes filling the width and height."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QGraphicsScene, QWidget

from .canvas import TouchCanvasView
from .canvas_keys import accessible_name
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

    # -- keyboard (canvas_keys): column by column; Left/Right to the next lane, Up/Down reorder
    def reading_order(self, item) -> tuple:
        r = item.sceneBoundingRect()
        return (round(r.left() / 40), r.top())

    def lane_of(self, item):
        """The lane a card sits in (None if it is outside every lane)."""
        x = item.sceneBoundingRect().center().x()
        return next((ln for ln in self.lanes if ln.rect().left() <= x <= ln.rect().right()), None)

    def card_name(self, item) -> str:
        lane = self.lane_of(item)
        title = lane.title.toPlainText() if lane is not None and hasattr(lane, "title") else ""
        marked = f", {self._marked_note}" if self.is_marked(item) else ""
        return f"{accessible_name(item)}{', in ' + title if title else ''}{marked}"

    #: what a lane is called in the table ("Lane" on the pre-mortem, "Stage" on the gates)
    lane_label = "Lane"

    def table_columns(self) -> list:
        """The card, its lane (pick one: the card moves there as a drag would) and its dots."""
        from .canvas_table import TableColumn

        def title(lane) -> str:
            return lane.title.toPlainText() if hasattr(lane, "title") else str(lane.key)

        def lane_name(item) -> str:
            lane = self.lane_of(item)
            return title(lane) if lane is not None else ""

        def drop(item, value):
            target = next((ln for ln in self.lanes if title(ln) == value), None)
            return None if target is None else self._bottom_of(target, item)

        return [TableColumn("Card", accessible_name), TableColumn(self.lane_label, lane_name, drop,
                                                                  choices=lambda: [title(ln) for ln in self.lanes]),
                TableColumn("Dots", lambda item: len(getattr(item, "dots", [])))]

    def _bottom_of(self, lane, item) -> QPointF:
        """Below the last card of ``lane`` (never on a card: on the pre-mortem that merges)."""
        target = lane.rect()
        inside = [c.sceneBoundingRect() for c in self.focusable_items() if c is not item
                  and target.left() <= c.sceneBoundingRect().center().x() <= target.right()]
        bottom = max([r.bottom() for r in inside], default=target.top() + 80)
        return QPointF(target.center().x(), bottom + 20)

    def key_drop_point(self, item, key: int, fine: bool):
        """Left/Right: into the neighbouring lane, below its last card (never onto a card, which
        on the pre-mortem would merge); Up/Down: into the gap above / below the neighbour."""
        lane = self.lane_of(item)
        if lane is None:
            return None
        box = item.sceneBoundingRect()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            n = self.lanes.index(lane) + (1 if key == Qt.Key.Key_Right else -1)
            if not 0 <= n < len(self.lanes):
                return None
            return self._bottom_of(self.lanes[n], item)
        same = [c.sceneBoundingRect() for c in self.focusable_items() if c is not item and self.lane_of(c) is lane]
        if key == Qt.Key.Key_Up:
            above = [r for r in same if r.center().y() < box.center().y()]
            return QPointF(box.center().x(), above[-1].top() - 4) if above else None
        if key == Qt.Key.Key_Down:
            below = [r for r in same if r.center().y() > box.center().y()]
            return QPointF(box.center().x(), below[0].bottom() + 4) if below else None
        return None
