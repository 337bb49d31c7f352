"""The group view's labels on screen: measured in view pixels, placed by the Qt-free label
layout (:mod:`tension_desktop.model.label_layout`), drawn by :class:`GroupLabel` items.

Labels keep their size on screen whatever the zoom, so where they fit depends on the zoom:
the view announces every zoom, fit and resize (``MapView.viewChanged``) and the labels are
laid out again (a few milliseconds for 30 initiatives). Panning moves them with the map.

The layout is deferred and coalesced: a zoom, a fit, a rebuild or a drop only *asks* for it
(:meth:`LabelPlacer.request`), and it runs once per event loop turn (a zero-time timer), or
earlier when the map is about to be painted or someone reads where the labels are. A drop asks
only for its own initiative's label; a map that is not shown (another tab, a hidden window)
lays nothing out until it is shown. So a burst of changes (a fit, a resize and a refit while a
window opens; twenty drops replayed by undo) costs one layout.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QTimer

from tension_desktop.model.label_layout import Box, LabelRequest, count_overlaps, layout_labels

from .items import MAP_RECT, GroupLabel

if TYPE_CHECKING:  # pragma: no cover
    from .scene import MapScene


#: An agreed card with no room is drawn 0.8 times smaller up to this many times
AGREED_SHRINKS = 6
#: At most this many names at once (the most disputed first); more would be a wall of text, and
#: the step-through shows every initiative in turn
MAX_LABELS = 40


def _box(r: QRectF) -> Box:
    return Box(r.x(), r.y(), r.width(), r.height())


class LabelPlacer:
    """Lays out one map's labels; ``last_ms`` and ``overlaps`` tell what the last layout cost
    and left (0 overlaps unless the map has no free room at all). Reading ``overlaps``,
    ``hidden`` or ``boxes`` first runs a pending layout."""

    def __init__(self, map_scene: MapScene) -> None:
        self.map = map_scene
        self.view = None
        self.last_ms = 0.0
        self.runs = 0  # layouts run (whole or one initiative), for tests and benchmarks
        self._overlaps = 0
        self._hidden = 0  # labels left out because the map had no room for them
        self._boxes: dict[object, Box] = {}
        self.bands: list[Box] = []
        self._last: tuple | None = None  # the view as it was at the last layout
        self._geometry: tuple | None = None  # (bounds, fixed obstacles, points) of that layout
        self._whole = False  # a whole layout is asked for
        self._dirty: set[int] = set()  # initiatives whose labels wait to be moved
        self._timer = QTimer(map_scene.scene)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.flush)

    # -- asking and running ---------------------------------------------------------------------
    @property
    def pending(self) -> bool:
        return self._whole or bool(self._dirty)

    def request(self, initiative_id: int | None = None) -> None:
        """Ask for a layout of every label (None) or of one initiative's label; it runs once,
        on the next event loop turn (or before the next paint, or on :meth:`flush`)."""
        if initiative_id is None:
            self._whole = True
            self._dirty.clear()
        elif not self._whole:
            self._dirty.add(initiative_id)
        self._find_view()
        if not self._timer.isActive():
            self._timer.start()

    def _before_paint(self) -> None:
        if self.pending:  # what is painted is never a layout behind
            self.flush()

    def flush(self) -> None:
        """Run what was asked for, now (nothing when nothing is pending)."""
        self._timer.stop()
        if self._whole:
            self.layout()
            return
        dirty, self._dirty = self._dirty, set()
        for iid in sorted(dirty):
            if self._whole:  # one initiative's move did not fit: everything was laid out
                break
            self.layout_one(iid)

    @property
    def overlaps(self) -> int:
        self.flush()
        return self._overlaps

    @property
    def hidden(self) -> int:
        self.flush()
        return self._hidden

    @property
    def hidden_at_last_layout(self) -> int:
        """``hidden`` as the last layout left it (without running a pending one)."""
        return self._hidden

    @property
    def boxes(self) -> dict[object, Box]:
        self.flush()
        return self._boxes

    def _find_view(self):
        if self.view is None:
            views = self.map.scene.views()
            if views and hasattr(views[0], "viewChanged"):
                self.view = views[0]
                self.view.viewChanged.connect(self._view_changed)
                self.view.aboutToPaint.connect(self._before_paint)
        return self.view

    def _signature(self, view) -> tuple:
        t = view.viewportTransform()
        vp = view.viewport().rect()
        return (t.m11(), t.dx(), t.dy(), vp.width(), vp.height(), view.tray_width(), view.label_font_px(),
                view.min_secondary_px(),
                tuple((r.x(), r.y(), r.width(), r.height()) for r in view.reserved_rects))

    def _view_changed(self) -> None:
        """A zoom, fit or resize: lay out again unless the view ends up where it was (Fit
        twice, a resize the map does not notice)."""
        view = self.view
        if view is not None and (self._last is None or self._signature(view) != self._last):
            self.request()

    def layout(self) -> None:
        """Lay out every label now."""
        self._timer.stop()
        self._whole, self._dirty = False, set()
        view = self._find_view()
        m = self.map
        if view is None or (not m.labels and not any(c.agreed for c in m.cards.values())):
            self._boxes, self._overlaps = {}, 0
            return
        if not view.isVisible():
            self._last = None  # laid out when shown (the view's size is not known yet)
            return
        self.runs += 1
        self._last = self._signature(view)
        t0 = time.perf_counter()
        t = view.viewportTransform()
        zoom = max(1e-6, t.m11())
        name_px = view.label_font_px()
        # quadrant names as large as the initiative names, their governance and the axes at
        # least the secondary size (physics on the whiteboard, ~3/4 of the names elsewhere)
        secondary = max(view.min_secondary_px(), round(0.6 * name_px))
        m.background.set_text_floor(name_px / zoom, secondary / zoom)
        tag_px = max(view.min_secondary_px(), round(name_px * 0.85))
        if tag_px != m.tag_px:
            m.tag_px = tag_px
            if m.stepping:
                m.apply_focus()
        vp = QRectF(view.viewport().rect())
        left = view.tray_width()
        area = QRectF(left, 0, max(1.0, vp.width() - left), vp.height())
        map_px = t.mapRect(MAP_RECT).adjusted(3, 3, -3, -3).intersected(area)
        bounds = _box(map_px)
        bands = [_box(t.mapRect(r)) for r in m.background.reserved_bands()]
        tags = [_box(r) for r in view.reserved_rects]
        cards = m.cards
        tagged = [card for card in cards.values() if card.name_tag and card.isVisible()]
        # a crowded map (hundreds of cards): one pass, and markers everywhere are not worth
        # steering around (they are dense under every spot), so their points are not needed
        crowded = m.compact
        points = [] if crowded else _marker_points(t, cards.values())
        order = [d.initiative_id for d in m.ranked_disputes()]
        order += [iid for iid in m.labels if iid not in set(order)]
        if m.focus in order:  # the initiative being discussed always gets its label
            order.remove(m.focus)
            order.insert(0, m.focus)
        for iid in order[MAX_LABELS:]:  # a map of a hundred initiatives names the most disputed
            m.labels[iid].setVisible(False)
        order = order[:MAX_LABELS]
        items: list[tuple[object, object]] = []
        requests = []
        # the step-through's name tags first: they are what the room reads then
        for card in tagged:
            a = t.map(card.pos()) + card.offset * card.scale()
            w, h = card.tag_size_px()
            requests.append(LabelRequest(("tag", card.key), (a.x(), a.y()), w, h))
        tag_count = len(requests)
        # agreed cards first (a decision is always shown; a name without room waits for the
        # step-through), then the names, most disputed first
        for key, card in cards.items():
            if card.round == "agreed":  # (card.agreed, without a property call per card)
                items.append((("agreed", key), card))
        for iid in order:
            label = m.labels.get(iid)
            if label is None:
                continue
            label.set_font_px(name_px)
            item = (("label", iid), label)
            items.insert(0, item) if iid == m.focus else items.append(item)
        tag_requests = requests
        base = getattr(view, "applied_card_scale", None)  # (the PNG export's view has none)
        for card in (c for _k, c in items if getattr(c, "agreed", False)):
            card.setVisible(True)
            if base is not None:
                card.set_card_scale(base())  # one shrunk for want of room gets its size back
        for attempt in range(AGREED_SHRINKS + 1):
            shown = []
            requests = list(tag_requests)
            for key, item in items:
                if not item.isVisible() and not isinstance(item, GroupLabel):
                    continue
                a = t.map(item.pos())
                w, h = item.size_px()
                inside = map_px.adjusted(-2, -2, 2, 2).contains(a)
                if isinstance(item, GroupLabel):
                    item.setVisible(inside)
                if not inside:
                    continue
                requests.append(LabelRequest(key, (a.x(), a.y()), w, h))
                shown.append(item)
            placed = layout_labels(requests, bounds, bands + tags, () if crowded else points, gap=4.0,
                                   attempts=1 if crowded else 6)
            # an agreed card is never put over a quadrant name or another card: one with no
            # room is drawn smaller (the whiteboard's physical size is a floor only while the
            # map has room for it), and as a last resort left to the panel's agreed list
            missed = [item for item, result in zip(shown, placed[tag_count:], strict=True)
                      if not result.fits and getattr(item, "agreed", False)]
            if not missed:
                break
            for card in missed:
                if attempt == AGREED_SHRINKS:
                    card.setVisible(False)
                else:
                    card.set_card_scale(card.scale() * 0.8)
        kept = [(item, result) for item, result in zip(shown, placed[tag_count:], strict=True)
                if isinstance(item, GroupLabel) or item.isVisible()]
        left_out = len(shown) - len(kept)
        shown = [item for item, _r in kept]
        placed = placed[:tag_count] + [result for _i, result in kept]
        self._geometry = (bounds, bands + tags, () if crowded else points)
        self._boxes = {}
        self._hidden = left_out
        for card, result in zip(tagged, placed[:tag_count], strict=True):
            dx, dy = result.offset
            k = max(0.1, card.scale())
            card.set_tag_offset(QPointF(dx / k, dy / k))
            self._boxes[result.key] = result.box
        placed = placed[tag_count:]
        for item, result in zip(shown, placed, strict=True):
            if not result.fits and isinstance(item, GroupLabel):
                # no room left on this small map: the name waits for the step-through
                # ("Next most disputed") rather than cover another
                item.setVisible(False)
                self._hidden += 1
                continue
            self._boxes[result.key] = result.box
            _move(item, result, agreed=getattr(item, "agreed", False))
        self.bands = bands
        self._overlaps = count_overlaps(list(self._boxes.values()), bands)
        self.last_ms = (time.perf_counter() - t0) * 1000

    def layout_one(self, initiative_id: int) -> None:
        """One initiative's placements changed (a drop): move just its label (and agreed card)
        if it still fits among the others where they are; otherwise lay everything out."""
        view, m = self.view, self.map
        if view is not None and not view.isVisible():
            self._last = None  # the whole layout runs when the map is shown again
            return
        label = m.labels.get(initiative_id)
        if view is None or self._last != self._signature(view) or self._geometry is None or m.stepping \
                or (label is not None and label.isVisible() and ("label", initiative_id) not in self._boxes):
            self.layout()
            return
        # a label left out (beyond the most disputed MAX_LABELS) stays out until the next layout
        keys = [("label", initiative_id)] if ("label", initiative_id) in self._boxes else []
        keys += [("agreed", k) for k, c in m.cards.items() if c.agreed and k[0] == initiative_id]
        if not keys:
            return
        t0 = time.perf_counter()
        self.runs += 1
        t = view.viewportTransform()
        bounds, fixed, points = self._geometry
        others = [b for k, b in self._boxes.items() if k not in keys]
        items = {("label", initiative_id): m.labels.get(initiative_id)}
        items.update({k: m.cards.get(k[1]) for k in keys[1:]})
        requests = []
        for key in keys:
            item = items.get(key)
            if item is None or not item.isVisible():
                self.layout()
                return
            a = t.map(item.pos())
            requests.append(LabelRequest(key, (a.x(), a.y()), *item.size_px()))
        placed = layout_labels(requests, bounds, list(fixed) + others, points, gap=4.0, attempts=1)
        if not all(p.fits for p in placed):
            self.layout()
            return
        for key, result in zip(keys, placed, strict=True):
            self._boxes[key] = result.box
            _move(items[key], result, agreed=key[0] == "agreed")
        self._overlaps = count_overlaps(list(self._boxes.values()), self.bands)
        self.last_ms = (time.perf_counter() - t0) * 1000

    def label_rects(self) -> dict[object, QRectF]:
        """Where each label's box is drawn now, in viewport pixels (tests and benchmarks)."""
        return {k: QRectF(QPointF(b.x, b.y), QPointF(b.right, b.bottom)) for k, b in self.boxes.items()}


def _marker_points(t, cards) -> list[tuple[float, float]]:
    """Where the visible markers are drawn, in view pixels (the label layout steers clear)."""
    points = []
    for card in cards:
        if card.marker_mode and card.isVisible():
            p = t.map(card.pos()) + card.offset * card.scale()
            points.append((p.x(), p.y()))
    return points


def _move(item, result, *, agreed: bool) -> None:
    """Put a label (with its leader line to its card) or an agreed card where the layout placed it."""
    dx, dy = result.offset
    if agreed:
        k = max(0.1, item.scale())
        item.set_offset(dx / k, dy / k)
        return
    end = None
    if result.leader is not None:
        (ax, ay), (ex, ey) = result.leader
        end = (ex - ax, ey - ay)
    item.place(dx, dy, end)
