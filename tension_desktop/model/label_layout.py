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
    #: False when the map had no free spot left for it (the box then sits on its anchor and
    #: overlaps: a caller hides it rather than draw it over another)
    fits: bool = True

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
        x0, y0 = box.x, box.y
        x1, y1 = x0 + box.w, y0 + box.h
        n = 0
        cells = self.cells
        for i in range(int(x0 // c), int(x1 // c) + 1):
            for j in range(int(y0 // c), int(y1 // c) + 1):
                bucket = cells.get((i, j))
                if bucket:
                    for px, py in bucket:
                        if x0 <= px <= x1 and y0 <= py <= y1:
                            n += 1
        return n


def layout_labels(labels: Sequence[LabelRequest], bounds: Box, obstacles: Sequence[Box] = (),
                  points: Sequence[tuple[float, float]] = (), gap: float = 4.0,
                  point_cost: float | None = None, attempts: int = 6) -> list[PlacedLabel]:
    """Place every label near its anchor inside ``bounds`` so that no two labels overlap
    (``gap`` apart) and none overlaps an obstacle; ``points`` (the markers) are avoided where
    that costs little (each hidden point counts as ``point_cost`` extra distance, by default
    half the label's height). Labels are placed in the order given: put the most important
    first. Returns one :class:`PlacedLabel` per request, in the same order.

    A crowded map can leave a late label no free spot although a different order would
    have found room for all: then the labels that found none go first and the layout runs
    again (up to ``attempts`` times), and the result with the fewest misses is kept.
    """
    order = list(range(len(labels)))
    best: tuple[int, list[PlacedLabel]] | None = None
    grid = _Grid(points, max(16.0, min((lab.height for lab in labels), default=32.0)))
    for _ in range(max(1, attempts)):
        placed, missed = _greedy([labels[i] for i in order], bounds, obstacles, grid, gap, point_cost)
        result = sorted(zip(order, placed, strict=True))
        if best is None or len(missed) < best[0]:
            best = (len(missed), [p for _i, p in result])
        if not missed:
            break
        missed_idx = [order[k] for k in missed]
        order = missed_idx + [i for i in order if i not in set(missed_idx)]
    return best[1] if best is not None else []


def _greedy(labels: Sequence[LabelRequest], bounds: Box, obstacles: Sequence[Box], grid: _Grid, gap: float,
            point_cost: float | None) -> tuple[list[PlacedLabel], list[int]]:
    """One greedy pass in the given order: (placed labels, positions of those that found no room)."""
    missed: list[int] = []
    out: list[PlacedLabel] = []
    # boxes as plain (left, top, right, bottom) tuples grown by the gap: this test runs
    # hundreds of thousands of times on a crowded map
    blocks = [(o.x - gap, o.y - gap, o.right + gap, o.bottom + gap) for o in obstacles]
    bx0, by0, bx1, by1 = bounds.x - 1e-6, bounds.y - 1e-6, bounds.right + 1e-6, bounds.bottom + 1e-6
    # blocks bucketed by cell, so a test looks at the few blocks near the candidate only
    cell = max(32.0, 2 * max((lab.height for lab in labels), default=32.0))
    cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def add(block: tuple[float, float, float, float]) -> None:
        blocks.append(block)
        for i in range(int(block[0] // cell), int(block[2] // cell) + 1):
            for j in range(int(block[1] // cell), int(block[3] // cell) + 1):
                cells.setdefault((i, j), []).append(block)

    for block in list(blocks):
        blocks.remove(block)
        add(block)

    def free(x: float, y: float, w: float, h: float) -> bool:
        r, b = x + w, y + h
        if x < bx0 or y < by0 or r > bx1 or b > by1:
            return False
        for i in range(int(x // cell), int(r // cell) + 1):
            for j in range(int(y // cell), int(b // cell) + 1):
                for x0, y0, x1, y1 in cells.get((i, j), ()):
                    if x < x1 and x0 < r and y < y1 and y0 < b:
                        return False
        return True

    no_room: tuple[float, float] | None = None  # the smallest label that found no room
    for n, lab in enumerate(labels):
        w, h = lab.width, lab.height
        ax, ay = lab.anchor
        if no_room is not None and w >= no_room[0] and h >= no_room[1]:
            # a smaller label found no room: this one will not either (and the search is
            # the expensive part of a crowded map)
            missed.append(n)
            box = _clamped(Box(ax - w / 2, ay - h / 2, w, h), bounds)
            out.append(PlacedLabel(lab.key, box, (ax, ay), None, False))
            continue
        cost_per_point = point_cost if point_cost is not None else h / 2
        step = max(4.0, h / 2)
        best: tuple[float, float, float] | None = None  # (cost, left, top)
        max_radius = 1.5 * max(w, h)
        stretch = max(1.0, w / (2 * h))  # an ellipse as wide as the label: sideways moves are cheap
        lo_x, hi_x = bounds.x, max(bounds.x, bounds.right - w)
        lo_y, hi_y = bounds.y, max(bounds.y, bounds.bottom - h)
        r = 0.0
        while r <= max_radius:
            angles = 1 if r == 0 else _ANGLES
            for k in range(angles):
                a = 2 * math.pi * k / angles
                x = min(max(ax + math.cos(a) * r * stretch - w / 2, lo_x), hi_x)
                y = min(max(ay + math.sin(a) * r - h / 2, lo_y), hi_y)
                if not free(x, y, w, h):
                    continue
                cost = math.hypot(x + w / 2 - ax, y + h / 2 - ay)
                if best is not None and cost >= best[0]:
                    continue
                cost += cost_per_point * grid.count(Box(x, y, w, h))
                if best is None or cost < best[0]:
                    best = (cost, x, y)
            if best is not None and best[0] <= r:
                break
            r += step
        if best is None:
            best = _anywhere(lab, bounds, free, blocks)
        if best is None:
            missed.append(n)
            if no_room is None or (w <= no_room[0] and h <= no_room[1]):
                no_room = (w, h)
            box = _clamped(Box(ax - w / 2, ay - h / 2, w, h), bounds)
        else:
            box = Box(best[1], best[2], w, h)
            add((box.x - gap, box.y - gap, box.right + gap, box.bottom + gap))
        leader = None if box.contains(ax, ay) else ((ax, ay), _nearest_on_box(box, ax, ay))
        out.append(PlacedLabel(lab.key, box, (ax, ay), leader, best is not None))
    return out, missed


def _clamped(box: Box, bounds: Box) -> Box:
    """``box`` moved (not resized) to lie inside ``bounds`` where it fits."""
    x = min(max(box.x, bounds.x), max(bounds.x, bounds.right - box.w))
    y = min(max(box.y, bounds.y), max(bounds.y, bounds.bottom - box.h))
    return Box(x, y, box.w, box.h)


def _anywhere(lab: LabelRequest, bounds: Box, free: Callable[[float, float, float, float], bool],
              blocks: Sequence[tuple[float, float, float, float]]) -> tuple[float, float, float] | None:
    """The free spot nearest the anchor anywhere in ``bounds``: (distance, left, top). The
    spots tried are a grid plus every spot flush against a placed box or obstacle (where a
    crowded map still has room)."""
    w, h = lab.width, lab.height
    ax, ay = lab.anchor
    step = max(4.0, h / 3)
    xs = {bounds.x, bounds.right - w}
    ys = {bounds.y, bounds.bottom - h}
    for x0, y0, x1, y1 in blocks:
        xs.update((x1, x0 - w))
        ys.update((y1, y0 - h))
    x = bounds.x
    while x + w <= bounds.right + 1e-6:
        xs.add(x)
        x += step
    y = bounds.y
    while y + h <= bounds.bottom + 1e-6:
        ys.add(y)
        y += step
    xs = {x for x in xs if bounds.x - 1e-6 <= x and x + w <= bounds.right + 1e-6}
    ys = {y for y in ys if bounds.y - 1e-6 <= y and y + h <= bounds.bottom + 1e-6}
    spots = sorted((math.hypot(x + w / 2 - ax, y + h / 2 - ay), x, y) for x in xs for y in ys)
    for d, x, y in spots:  # nearest first: the first free one is the answer
        if free(x, y, w, h):
            return (d, x, y)
    return None


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
