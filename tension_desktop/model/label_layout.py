"""Where the revealed map's labels go: one label per initiative near its group position,
never overlapping another label, never covering a reserved band (the quadrant names).

Pure geometry in any unit with y pointing down (the map draws in screen pixels): the GUI,
the PNG and the PDF measure their labels with their own fonts and ask :func:`layout_labels`
where to put them. The search is greedy, most important label first: candidate centres on
rings of growing radius around the label's anchor, the first ring that holds a free spot
wins (the nearest free spot, with markers it would hide counted as extra distance); if no
ring near the anchor is free, the nearest free spot anywhere on the map (a longer leader
line). Only when the map has no free spot left at all does a label overlap (reported by
:func:`count_overlaps`, asserted 0 in the tests and the benchmark).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle: left, top, width, height (y grows downwards)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        """True when the two boxes share area (or come closer than ``gap``)."""
        return (self.x < other.right + gap and other.x < self.right + gap
                and self.y < other.bottom + gap and other.y < self.bottom + gap)

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.right and self.y <= y <= self.bottom

    def inside(self, outer: Box) -> bool:
        return self.x >= outer.x and self.y >= outer.y and self.right <= outer.right and self.bottom <= outer.bottom


@dataclass(frozen=True, slots=True)
class LabelRequest:
    """A label of ``width`` x ``height`` that belongs at ``anchor`` (its group position)."""

    key: Hashable
    anchor: tuple[float, float]
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class PlacedLabel:
    """Where a label went: its box, and the short leader line from its anchor to the box
    (``None`` when the box covers its anchor)."""

    key: Hashable
    box: Box
    anchor: tuple[float, float]
    leader: tuple[tuple[float, float], tuple[float, float]] | None

    @property
    def offset(self) -> tuple[float, float]:
        """The box's centre relative to the anchor."""
        cx, cy = self.box.centre
        return (cx - self.anchor[0], cy - self.anchor[1])


_ANGLES = 16


def _nearest_on_box(box: Box, x: float, y: float) -> tuple[float, float]:
    return (min(max(x, box.x), box.right), min(max(y, box.y), box.bottom))


class _Grid:
    """Points bucketed by cell: how many markers would a box hide, without scanning them all."""

    def __init__(self, points: Sequence[tuple[float, float]], cell: float) -> None:
        self.cell = max(1.0, cell)
        self.cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
        for p in points:
            self.cells.setdefault((int(p[0] // self.cell), int(p[1] // self.cell)), []).append(p)

    def count(self, box: Box) -> int:
        c = self.cell
        n = 0
        for i in range(int(box.x // c), int(box.right // c) + 1):
            for j in range(int(box.y // c), int(box.bottom // c) + 1):
                for px, py in self.cells.get((i, j), ()):
                    if box.x <= px <= box.right and box.y <= py <= box.bottom:
                        n += 1
        return n


def layout_labels(labels: Sequence[LabelRequest], bounds: Box, obstacles: Sequence[Box] = (),
                  points: Sequence[tuple[float, float]] = (), gap: float = 4.0,
                  point_cost: float | None = None) -> list[PlacedLabel]:
    """Place every label near its anchor inside ``bounds`` so that no two labels overlap
    (``gap`` apart) and none overlaps an obstacle; ``points`` (the markers) are avoided where
    that costs little (each hidden point counts as ``point_cost`` extra distance, by default
    half the label's height). Labels are placed in the order given: put the most important
    first. Returns one :class:`PlacedLabel` per request, in the same order.
    """
    placed: list[Box] = []
    out: list[PlacedLabel] = []
    grid = _Grid(points, max(16.0, min((lab.height for lab in labels), default=32.0)))
    hard = list(obstacles)

    def free(box: Box) -> bool:
        if not box.inside(bounds):
            return False
        return not any(box.overlaps(o, gap) for o in hard) and not any(box.overlaps(p, gap) for p in placed)

    for lab in labels:
        w, h = lab.width, lab.height
        ax, ay = lab.anchor
        cost_per_point = point_cost if point_cost is not None else h / 2
        step = max(4.0, h / 2)
        best: tuple[float, Box] | None = None
        max_radius = 3.0 * max(w, h)
        r = 0.0
        while r <= max_radius:
            angles = 1 if r == 0 else _ANGLES
            for k in range(angles):
                a = 2 * math.pi * k / angles
                # an ellipse as wide as the label: sideways moves are cheap for wide labels
                cx, cy = ax + math.cos(a) * r * max(1.0, w / (2 * h)), ay + math.sin(a) * r
                box = _clamped(Box(cx - w / 2, cy - h / 2, w, h), bounds)
                if not free(box):
                    continue
                bx, by = box.centre
                cost = math.hypot(bx - ax, (by - ay)) + cost_per_point * grid.count(box)
                if best is None or cost < best[0]:
                    best = (cost, box)
            if best is not None and best[0] <= r:
                break
            r += step
        if best is None:
            best = _anywhere(lab, bounds, free)
        box = best[1] if best is not None else _clamped(Box(ax - w / 2, ay - h / 2, w, h), bounds)
        placed.append(box)
        leader = None if box.contains(ax, ay) else ((ax, ay), _nearest_on_box(box, ax, ay))
        out.append(PlacedLabel(lab.key, box, (ax, ay), leader))
    return out


def _clamped(box: Box, bounds: Box) -> Box:
    """``box`` moved (not resized) to lie inside ``bounds`` where it fits."""
    x = min(max(box.x, bounds.x), max(bounds.x, bounds.right - box.w))
    y = min(max(box.y, bounds.y), max(bounds.y, bounds.bottom - box.h))
    return Box(x, y, box.w, box.h)


def _anywhere(lab: LabelRequest, bounds: Box, free: Callable[[Box], bool]) -> tuple[float, Box] | None:
    """The free spot nearest the anchor on a grid over the whole of ``bounds``."""
    w, h = lab.width, lab.height
    ax, ay = lab.anchor
    step = max(4.0, h / 3)
    best: tuple[float, Box] | None = None
    y = bounds.y
    while y + h <= bounds.bottom + 1e-6:
        x = bounds.x
        while x + w <= bounds.right + 1e-6:
            box = Box(x, y, w, h)
            d = math.hypot(x + w / 2 - ax, y + h / 2 - ay)
            if (best is None or d < best[0]) and free(box):
                best = (d, box)
            x += step
        y += step
    return best


def count_overlaps(boxes: Sequence[Box], obstacles: Sequence[Box] = ()) -> int:
    """Pairs of labels that overlap, plus labels that overlap an obstacle (the goal is 0)."""
    n = 0
    for i, a in enumerate(boxes):
        n += sum(1 for b in boxes[i + 1:] if a.overlaps(b))
        n += sum(1 for o in obstacles if a.overlaps(o))
    return n


def wrap_two_lines(text: str, width_of: Callable[[str], float], max_width: float) -> list[str]:
    """The whole title on one line if it fits in ``max_width``, else on two lines broken at
    the word boundary that makes the longer line shortest. Never cuts a word: a title that
    does not fit on two lines of ``max_width`` keeps its words and comes out wider."""
    text = " ".join(text.split())
    if not text or width_of(text) <= max_width:
        return [text]
    words = text.split(" ")
    if len(words) == 1:
        return [text]
    best: tuple[float, list[str]] | None = None
    for k in range(1, len(words)):
        lines = [" ".join(words[:k]), " ".join(words[k:])]
        widest = max(width_of(line) for line in lines)
        if best is None or widest < best[0]:
            best = (widest, lines)
    assert best is not None
    return best[1]
