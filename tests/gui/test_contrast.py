"""WCAG AA contrast, computed from the colours the app really draws with: the two themes'
style sheets (light and whiteboard), the participant palette with the card text chosen on
it, the markers' edges on the map, the map's inks on its quadrant tints, the pre-mortem
cards and the keyboard focus ring. Text needs 4.5:1 (3:1 when large: 18 pt, or 14 pt bold);
markers, the ring and other essential graphics 3:1. Disabled controls are exempt (WCAG 1.4.3).
"""

from __future__ import annotations

import re

import pytest

from tension_desktop.gui.canvas_keys import FOCUS_HALO, FOCUS_RING
from tension_desktop.gui.tension_map.items import (
    AXIS_INKS,
    MARKER_EDGE,
    QUADRANT_GOV_INK,
    QUADRANT_NAME_INK,
    QUADRANT_TINTS,
)
from tension_desktop.gui.theme import THEMES, UI_DIR
from tension_desktop.model.colours import PALETTE, contrast_ratio, edge_colour, text_colour_on

TEXT, LARGE, GRAPHIC = 4.5, 3.0, 3.0
#: what a rule without its own background sits on: the window, a page, a button
SURFACES = ("#ffffff", "#efefef", "#f4f6f8")
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
HEX = r"(#[0-9a-fA-F]{6}|white|black)"


def _hex(value: str) -> str:
    return {"white": "#ffffff", "black": "#000000"}.get(value, value).lower()


def _over(ink: tuple[int, int, int, int], ground: str) -> str:
    """An ink with alpha drawn on ``ground``: the colour that reaches the eye."""
    r, g, b, a = ink
    base = [int(ground[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c * a / 255 + bg * (1 - a / 255)) for c, bg in zip((r, g, b), base, strict=True)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def theme_pairs(name: str) -> list[tuple[str, str, str, float]]:
    """(selector, text colour, background, needed ratio) for every coloured rule of a theme."""
    text = (UI_DIR / f"{name}.qss").read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    pairs = []
    for selector, body in RULE.findall(text):
        if ":disabled" in selector:
            continue
        fg = re.search(rf"(?<![-\w])color:\s*{HEX}", body)
        bg = re.search(rf"background(?:-color)?:\s*{HEX}", body)
        if not fg:
            continue
        size = re.search(r"font-size:\s*(\d+)pt", body)
        bold = "font-weight: 600" in body or "bold" in body
        large = size is not None and (int(size.group(1)) >= 18 or (bold and int(size.group(1)) >= 14))
        for ground in ([_hex(bg.group(1))] if bg else SURFACES):
            pairs.append((selector.strip(), _hex(fg.group(1)), ground, LARGE if large else TEXT))
    return pairs


@pytest.mark.parametrize("theme", THEMES)
def test_theme_text_meets_aa(theme):
    pairs = theme_pairs(theme)
    assert len(pairs) >= 8, "the style sheet's coloured rules were read"
    low = [(sel, fg, bg, round(contrast_ratio(fg, bg), 2)) for sel, fg, bg, need in pairs
           if contrast_ratio(fg, bg) < need]
    assert low == []


@pytest.mark.parametrize(("colour", "marker"), PALETTE)
def test_every_participant_colour_carries_readable_text_and_visible_markers(colour, marker):
    assert contrast_ratio(text_colour_on(colour), colour) >= TEXT  # card titles, chips, turn bar
    for ground in ("#ffffff", *QUADRANT_TINTS.values()):
        # a marker's outer edge: the map's dark edge, or (legend, open markers) its own darker edge
        assert contrast_ratio(MARKER_EDGE, ground) >= GRAPHIC
        assert contrast_ratio(edge_colour(colour), ground) >= GRAPHIC, (colour, marker, ground)


@pytest.mark.parametrize("quadrant", list(QUADRANT_TINTS))
def test_the_map_inks_read_on_every_quadrant(quadrant):
    tint = QUADRANT_TINTS[quadrant]
    assert contrast_ratio(_over(QUADRANT_NAME_INK, tint), tint) >= LARGE  # quadrant names: large bold
    assert contrast_ratio(_over(QUADRANT_GOV_INK, tint), tint) >= LARGE   # governance: large
    for ink in AXIS_INKS:
        assert contrast_ratio(ink, "#ffffff") >= TEXT


def test_the_focus_ring_stands_off_cards_and_canvases():
    ring = FOCUS_RING.name()
    for ground in ("#ffffff", "#eef2f6", *QUADRANT_TINTS.values(), *(c for c, _m in PALETTE)):
        # the ring is dark blue on a white halo: one of the two stands 3:1 off any ground
        assert max(contrast_ratio(ring, ground), contrast_ratio(FOCUS_HALO.name(), ground)) >= GRAPHIC, ground
    assert contrast_ratio(ring, FOCUS_HALO.name()) >= GRAPHIC


def test_pre_mortem_and_board_card_text_meets_aa():
    from tension_desktop.gui import lane_cards as cards

    source = (cards.__file__)
    text = open(source, encoding="utf-8").read()
    inks = set(re.findall(r'colour="(#[0-9a-fA-F]{6})"', text))
    assert inks, "the card inks were read"
    for ink in inks:
        for ground in ("#ffffff", "#fff8e1", "#eef2f6"):  # card, selected card, lane
            assert contrast_ratio(ink, ground) >= TEXT, (ink, ground)
