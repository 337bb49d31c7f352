"""Sizes from physics: how many pixels a letter needs to be read from the back of the room.

On the whiteboard, initiative names have a cap height of at least :data:`NAME_CAP_MM` and
secondary text at least :data:`SECONDARY_CAP_MM` on the panel in use. The panel's pixel
pitch comes from its physical size (what the screen reports, or the panel diagonal the coach
set when it reports none or a wrong one). Pure arithmetic: the GUI measures its fonts' cap
height ratio and asks for pixel sizes here.
"""

from __future__ import annotations

import math

NAME_CAP_MM = 20.0
SECONDARY_CAP_MM = 12.0
#: A panel's reported size is believed only between these pitches (pixels per mm); outside,
#: the screen is guessing (0 x 0 mm, or a made-up 96 dpi).
PLAUSIBLE_PX_PER_MM = (0.3, 12.0)
#: A name's capitals never take more than this fraction of the panel height (a laptop in
#: whiteboard type would otherwise get letters 10 cm tall).
MAX_CAP_FRACTION = 1 / 24


#: Panels smaller than this (inches diagonal) are a laptop or desk monitor, not a room's board:
#: the room rule does not apply to them (the whiteboard type's own scale does).
ROOM_PANEL_MIN_IN = 40.0


def is_room_panel(width_px: float, height_px: float, pitch: float) -> bool:
    """True for a panel big enough to be read across a room (at least ROOM_PANEL_MIN_IN)."""
    return pitch > 0 and math.hypot(width_px, height_px) / pitch >= ROOM_PANEL_MIN_IN * 25.4


def px_per_mm_from_diagonal(width_px: float, height_px: float, diagonal_in: float) -> float:
    """Pixels per millimetre of a panel ``width_px`` x ``height_px`` with a diagonal of
    ``diagonal_in`` inches (square pixels)."""
    return math.hypot(width_px, height_px) / (diagonal_in * 25.4)


def px_per_mm(width_px: float, height_px: float, width_mm: float = 0.0, height_mm: float = 0.0,
              diagonal_in: float | None = None) -> float | None:
    """The panel's pitch: from ``diagonal_in`` (the coach's setting) when given, else from the
    reported physical size when that is plausible, else ``None`` (unknown)."""
    if diagonal_in and diagonal_in > 0:
        return px_per_mm_from_diagonal(width_px, height_px, diagonal_in)
    if width_mm > 0 and height_mm > 0:
        pitch = math.hypot(width_px, height_px) / math.hypot(width_mm, height_mm)
        low, high = PLAUSIBLE_PX_PER_MM
        if low <= pitch <= high:
            return pitch
    return None


def cap_px(cap_mm: float, pitch: float | None, height_px: float) -> float:
    """Cap height in pixels for ``cap_mm`` on a panel of ``pitch`` px/mm, never above
    ``MAX_CAP_FRACTION`` of the panel height for a name (secondary text in proportion);
    0 when the pitch is unknown."""
    if not pitch:
        return 0.0
    return min(cap_mm * pitch, height_px * MAX_CAP_FRACTION * cap_mm / NAME_CAP_MM)


def font_px_for_cap(cap: float, cap_ratio: float) -> int:
    """The font pixel size whose capital letters are ``cap`` px tall (``cap_ratio`` = the
    font's cap height over its pixel size, about 0.73 for the sans fonts in use)."""
    if cap <= 0:
        return 0
    return math.ceil(cap / max(0.3, cap_ratio))


def cap_mm(font_px: float, cap_ratio: float, pitch: float) -> float:
    """How tall the capitals of a ``font_px`` font are on the panel, in millimetres."""
    return font_px * cap_ratio / pitch
