"""Twelve marker identities a grayscale print can tell apart: six shapes, each solid or open.

One definition for every surface: the screen (QPainter), the PNG (the same scene) and the
report PDF (ReportLab) all draw a marker from :func:`marker_outline` and :func:`is_open`.
A solid marker is filled with the person's colour; an open one is a thick outline in the
person's colour around a white centre, so two people whose colours print as the same grey
still differ in shape or fill.
"""

from __future__ import annotations

import math

SHAPES = ("circle", "square", "diamond", "triangle", "triangle-down", "star")

#: The twelve identities, in the order the palette hands them out.
MARKERS: tuple[str, ...] = SHAPES + tuple(f"{s}-open" for s in SHAPES)


def base_shape(marker: str) -> str:
    """The shape without its fill ('square-open' -> 'square'); unknown names are circles."""
    shape = marker.removesuffix("-open")
    return shape if shape in SHAPES else "circle"


def is_open(marker: str) -> bool:
    """True for an outline marker (white centre, thick outline in the person's colour)."""
    return marker.endswith("-open")


def marker_outline(marker: str, cx: float, cy: float, r: float, y_up: bool = False) -> list[tuple[float, float]] | None:
    """The marker's polygon around (cx, cy) with "radius" ``r``; ``None`` for a circle (draw
    an ellipse of radius ``r``). ``y_up``: y grows upwards (ReportLab) instead of down (Qt)."""
    shape = base_shape(marker)
    s = -1.0 if y_up else 1.0
    if shape == "circle":
        return None
    if shape == "square":
        a = r * 0.85
        return [(cx - a, cy - a), (cx + a, cy - a), (cx + a, cy + a), (cx - a, cy + a)]
    if shape == "diamond":
        a = r * 1.15
        return [(cx, cy - s * a), (cx + a, cy), (cx, cy + s * a), (cx - a, cy)]
    if shape in ("triangle", "triangle-down"):
        d = s if shape == "triangle" else -s  # apex up on the page for 'triangle'
        a = r * 1.2
        return [(cx, cy - d * a), (cx + a, cy + d * a * 0.75), (cx - a, cy + d * a * 0.75)]
    # star: five points, apex up on the page
    pts = []
    for k in range(10):
        radius = r * 1.25 if k % 2 == 0 else r * 0.5
        angle = -math.pi / 2 + k * math.pi / 5
        pts.append((cx + radius * math.cos(angle), cy + s * radius * math.sin(angle)))
    return pts
