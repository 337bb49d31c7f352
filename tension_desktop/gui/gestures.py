"""Canvas gestures as plain code over a small event record, testable without a window.

The view translates device input (mouse, touch points) into ``press``/``move``/``release``
calls with view coordinates and a time in milliseconds; the recognizer returns what to do.
No Qt here on purpose (as napari keeps its gestures): the rules are unit-tested directly.

Rules (the README, "Using it in the room"):

* one finger (or the left mouse button) on a draggable item drags it; released without
  moving more than ``slop`` pixels it is a tap;
* one finger on empty canvas pans, and so does one on an item that can only be tapped
  (``can_drag(item)`` is False): moving it pans, holding it still is a tap or long press;
* two fingers pinch-zoom (and pan with their midpoint); a drag in progress is cancelled
  so the item goes back where it was;
* a press held still for ``long_press_ms`` is a long press (opens details) and the
  release that follows does nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Action:
    """What the view should do. ``kind`` is one of: drag_start, drag_move, drag_end,
    drag_cancel, tap, long_press, pan, zoom."""

    kind: str
    item: Any = None
    x: float = 0.0
    y: float = 0.0
    dx: float = 0.0
    dy: float = 0.0
    factor: float = 1.0


@dataclass
class _Touch:
    id: int
    x: float
    y: float
    start_x: float
    start_y: float
    t0: float


@dataclass
class GestureRecognizer:
    """Turns press/move/release of one or two points into canvas actions."""

    hit_test: Callable[[float, float], Any]
    #: May this item be dragged? (None: every hit item may.) Others pan when moved.
    can_drag: Callable[[Any], bool] | None = None
    slop: float = 10.0
    long_press_ms: float = 600.0
    state: str = "idle"  # idle, pending, dragging, panning, pinching, done
    item: Any = None
    points: dict[int, _Touch] = field(default_factory=dict)
    _pinch_dist: float = 0.0
    _pinch_mid: tuple[float, float] = (0.0, 0.0)

    def press(self, pid: int, x: float, y: float, t: float = 0.0) -> list[Action]:
        actions: list[Action] = []
        self.points[pid] = _Touch(pid, x, y, x, y, t)
        if len(self.points) == 1:
            self.item = self.hit_test(x, y)
            self.state = "pending"
        elif len(self.points) == 2:
            if self.state == "dragging":
                actions.append(Action("drag_cancel", self.item))
            self.item = None
            self.state = "pinching"
            self._pinch_dist, self._pinch_mid = self._pinch_metrics()
        return actions

    def move(self, pid: int, x: float, y: float, t: float = 0.0) -> list[Action]:
        touch = self.points.get(pid)
        if touch is None:
            return []
        prev_x, prev_y = touch.x, touch.y
        touch.x, touch.y = x, y
        if self.state == "pending":
            if math.hypot(x - touch.start_x, y - touch.start_y) <= self.slop:
                return []
            if self.item is not None and (self.can_drag is None or self.can_drag(self.item)):
                self.state = "dragging"
                return [Action("drag_start", self.item, touch.start_x, touch.start_y),
                        Action("drag_move", self.item, x, y)]
            self.state = "panning"
            return [Action("pan", dx=x - touch.start_x, dy=y - touch.start_y)]
        if self.state == "dragging":
            return [Action("drag_move", self.item, x, y)]
        if self.state == "panning":
            return [Action("pan", dx=x - prev_x, dy=y - prev_y)]
        if self.state == "pinching" and len(self.points) >= 2:
            dist, mid = self._pinch_metrics()
            actions = []
            if self._pinch_dist > 0 and dist > 0:
                factor = dist / self._pinch_dist
                if abs(factor - 1.0) > 1e-3:
                    actions.append(Action("zoom", x=mid[0], y=mid[1], factor=factor))
            dx, dy = mid[0] - self._pinch_mid[0], mid[1] - self._pinch_mid[1]
            if dx or dy:
                actions.append(Action("pan", dx=dx, dy=dy))
            self._pinch_dist, self._pinch_mid = dist, mid
            return actions
        return []

    def release(self, pid: int, x: float, y: float, t: float = 0.0) -> list[Action]:
        touch = self.points.pop(pid, None)
        if touch is None:
            return []
        actions: list[Action] = []
        if self.state == "pending":
            actions.append(Action("tap", self.item, x, y))
        elif self.state == "dragging":
            actions.append(Action("drag_end", self.item, x, y))
        if self.state == "pinching" and self.points:
            self.state = "done"  # the remaining finger does nothing until it lifts
        if not self.points:
            self.state = "idle"
            self.item = None
        return actions

    def cancel(self) -> list[Action]:
        """The system took the touch away (TouchCancel): undo a drag in progress."""
        actions = [Action("drag_cancel", self.item)] if self.state == "dragging" else []
        self.points.clear()
        self.state = "idle"
        self.item = None
        return actions

    def tick(self, t: float) -> list[Action]:
        """Call periodically while a point is down; reports a long press once."""
        if self.state != "pending" or len(self.points) != 1:
            return []
        touch = next(iter(self.points.values()))
        if t - touch.t0 >= self.long_press_ms:
            self.state = "done"
            return [Action("long_press", self.item, touch.x, touch.y)]
        return []

    def _pinch_metrics(self) -> tuple[float, tuple[float, float]]:
        a, b = list(self.points.values())[:2]
        return math.hypot(a.x - b.x, a.y - b.y), ((a.x + b.x) / 2, (a.y + b.y) / 2)
