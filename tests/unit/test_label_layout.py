"""The group view's label layout (Qt-free): no two labels overlap, none covers a reserved
band, every label stays on the map, near its anchor; titles wrap onto two lines, never cut."""

from __future__ import annotations

import random

import pytest

from tension_desktop.model.label_layout import (
    Box,
    LabelRequest,
    count_overlaps,
    layout_labels,
    wrap_two_lines,
)
from tension_desktop.model.legibility import (
    cap_mm,
    cap_px,
    font_px_for_cap,
    is_room_panel,
    px_per_mm,
)

#: Titles of the length workshops use (the demo's eight and twelve more like them)
TITLES = ("AI route optimisation pilot", "Same-day delivery in 3 cities", "Billing platform migration",
          "Self-service customer portal v2", "EU data residency programme", "Usage-based pricing",
          "Warehouse robotics trial", "Follow-the-sun support", "Partner API marketplace",
          "Data centre exit", "Fraud scoring model", "Carbon reporting", "Returns in store",
          "Mobile app rewrite", "Supplier risk dashboard", "Price guarantee", "Chatbot for claims",
          "SAP upgrade", "Zero-trust network", "Loyalty programme relaunch")


def _width(text: str, px: float = 28.0) -> float:
    return len(text) * px * 0.6  # a bold sans letter is about 0.6 em wide


def _map(w: float, h: float) -> tuple[Box, list[Box]]:
    """A map of w x h pixels with four quadrant-name bands along its top and bottom edges."""
    bounds = Box(0, 0, w, h)
    band_w, band_h = w * 0.22, h * 0.09
    bands = [Box(w * 0.25 - band_w / 2, 0, band_w, band_h), Box(w * 0.75 - band_w / 2, 0, band_w, band_h),
             Box(w * 0.25 - band_w / 2, h - band_h, band_w, band_h), Box(w * 0.75 - band_w / 2, h - band_h, band_w, band_h)]
    return bounds, bands


def _requests(n: int, w: float, h: float, px: float, seed: int, clustered: bool = True) -> list[LabelRequest]:
    rnd = random.Random(seed)
    out = []
    for k in range(n):
        title = TITLES[(k + seed) % len(TITLES)]
        lines = wrap_two_lines(title, lambda t: _width(t, px), px * 12)
        lw = max(_width(line, px) for line in lines) + 0.8 * px
        lh = len(lines) * px * 1.2 + 0.4 * px
        # initiatives bunch where teams put them: two clusters, some on the very edges
        if clustered:
            cx, cy = rnd.choice([(0.3, 0.35), (0.7, 0.65)])
            x, y = min(1, max(0, rnd.gauss(cx, 0.15))), min(1, max(0, rnd.gauss(cy, 0.15)))
        else:
            x, y = rnd.random(), rnd.random()
        out.append(LabelRequest(k, (x * w, y * h), lw, lh))
    return out


@pytest.mark.parametrize(("n", "w", "h", "px", "seed"), [
    (8, 1130, 700, 28, 1),     # the demo on a 1080 whiteboard
    (8, 2260, 1400, 56, 2),    # the demo on a 4K whiteboard
    (8, 800, 500, 14, 3),      # the coach's 1366x768 laptop
    (20, 1130, 700, 28, 4),    # a 12-person x 20-initiative workshop, 1080 whiteboard
    (20, 2260, 1400, 56, 5),   # the same on 4K
    (30, 1500, 900, 20, 6),
])
def test_no_label_overlaps_another_or_a_quadrant_name(n, w, h, px, seed):
    for s in range(seed, seed + 5):
        bounds, bands = _map(w, h)
        reqs = _requests(n, w, h, px, s)
        placed = layout_labels(reqs, bounds, bands, [r.anchor for r in reqs])
        boxes = [p.box for p in placed]
        assert count_overlaps(boxes, bands) == 0
        assert all(b.inside(bounds) for b in boxes)
        assert [p.key for p in placed] == [r.key for r in reqs]
        for p in placed:  # a leader runs from the anchor to the box's nearest edge point
            if p.leader is None:
                assert p.box.contains(*p.anchor)
            else:
                (ax, ay), (ex, ey) = p.leader
                assert (ax, ay) == p.anchor and p.box.contains(ex, ey)


def test_a_label_with_room_sits_on_its_anchor():
    [p] = layout_labels([LabelRequest("a", (500, 300), 200, 60)], Box(0, 0, 1000, 600))
    assert p.box.centre == (500, 300) and p.leader is None


def test_labels_on_one_spot_are_pulled_apart_with_short_leaders():
    reqs = [LabelRequest(k, (500, 300), 200, 60) for k in range(6)]
    placed = layout_labels(reqs, Box(0, 0, 1000, 600))
    assert count_overlaps([p.box for p in placed]) == 0
    assert max(abs(p.offset[0]) + abs(p.offset[1]) for p in placed) < 400


def test_a_label_at_the_edge_stays_on_the_map_and_off_the_band():
    bounds, bands = _map(1000, 600)
    [p] = layout_labels([LabelRequest("a", (250, 0), 300, 60)], bounds, bands)
    assert p.box.inside(bounds) and not any(p.box.overlaps(b) for b in bands)


def test_count_overlaps_counts_pairs_and_obstacles():
    a, b, c = Box(0, 0, 10, 10), Box(5, 5, 10, 10), Box(50, 50, 10, 10)
    assert count_overlaps([a, b, c]) == 1
    assert count_overlaps([a, c], [Box(55, 55, 1, 1)]) == 1


def test_a_long_title_wraps_at_a_word_onto_two_balanced_lines_and_keeps_every_word():
    title = "Self-service customer portal v2 for enterprise accounts"
    lines = wrap_two_lines(title, _width, 12 * 28)
    assert len(lines) == 2 and " ".join(lines) == title
    assert abs(len(lines[0]) - len(lines[1])) < 16


def test_a_short_title_stays_on_one_line_and_a_single_long_word_is_never_cut():
    assert wrap_two_lines("Pilot", _width, 300) == ["Pilot"]
    word = "Supercalifragilisticexpialidocious"
    assert wrap_two_lines(word, _width, 100) == [word]


def test_an_86_inch_panel_needs_20_px_caps_at_1080_lines_and_40_at_2160():
    for w, h, want in ((1920, 1080, 20), (3840, 2160, 40)):
        pitch = px_per_mm(w, h, diagonal_in=86)
        cap = cap_px(20, pitch, h)
        assert cap == pytest.approx(want, rel=0.03)
        font = font_px_for_cap(cap, 0.73)
        assert cap_mm(font, 0.73, pitch) >= 20


def test_the_room_rule_applies_to_a_room_panel_not_a_laptop():
    assert is_room_panel(1920, 1080, px_per_mm(1920, 1080, diagonal_in=86))
    assert not is_room_panel(1366, 768, px_per_mm(1366, 768, diagonal_in=14))


def test_a_reported_size_is_used_when_plausible_and_ignored_when_not():
    assert px_per_mm(1920, 1080, 1904, 1071) == pytest.approx(1.008, rel=0.01)
    assert px_per_mm(1920, 1080, 0, 0) is None
    assert px_per_mm(1920, 1080, 5, 3) is None  # 5 mm wide: a made-up size
    assert px_per_mm(1920, 1080, 5, 3, diagonal_in=65) == pytest.approx(px_per_mm(1920, 1080, diagonal_in=65))
