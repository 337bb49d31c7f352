"""Participant colours that stay distinct on screen and on a black-and-white printer.

Consecutive colours alternate between dark and light so that two people who join one
after the other never print as the same grey. Each colour also has its own marker
(one of twelve: six shapes, solid or open, see :mod:`.markers`), so grayscale prints can
tell twelve people apart even when two greys are close.
"""

from __future__ import annotations

#: (hex colour, marker shape) pairs; luminance alternates dark/light.
PALETTE: tuple[tuple[str, str], ...] = (
    ("#0b4f8a", "circle"),              # deep blue        (dark)
    ("#e69f00", "square"),              # orange           (light)
    ("#8c1c4f", "diamond"),             # wine             (dark)
    ("#56b4e9", "triangle"),            # sky blue         (light)
    ("#1b6e3a", "triangle-down"),       # forest green     (dark)
    ("#f0c808", "star"),                # yellow           (light)
    ("#5b2a86", "circle-open"),         # purple           (dark)
    ("#cc79a7", "square-open"),         # pink             (mid-light)
    ("#7a4a12", "diamond-open"),        # brown            (dark)
    ("#3fbfa0", "triangle-open"),       # teal             (light)
    ("#b33a1a", "triangle-down-open"),  # brick red        (mid-dark)
    ("#8d99ae", "star-open"),           # slate            (mid)
)


#: The name a coach reads for each palette colour (offered by name with a swatch, not as hex).
COLOUR_NAMES: dict[str, str] = {
    "#0b4f8a": "Deep blue", "#e69f00": "Orange", "#8c1c4f": "Wine", "#56b4e9": "Sky blue",
    "#1b6e3a": "Forest green", "#f0c808": "Yellow", "#5b2a86": "Purple", "#cc79a7": "Pink",
    "#7a4a12": "Brown", "#3fbfa0": "Teal", "#b33a1a": "Brick red", "#8d99ae": "Slate",
}


def colour_label(hex_colour: str) -> str:
    """"Purple, open circle marker" for a palette colour; a colour outside it is "Custom colour"."""
    shape = next((s for c, s in PALETTE if c == hex_colour.lower()), None)
    name = COLOUR_NAMES.get(hex_colour.lower())
    if not (name and shape):
        return "Custom colour"
    base = shape.removesuffix("-open").replace("triangle-down", "downward triangle")
    return f"{name}, {'open ' if shape.endswith('-open') else ''}{base} marker"


def luminance(hex_colour: str) -> float:
    """Relative luminance (0 black .. 1 white) as a grayscale printer would see it."""
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


def colour_for(index: int) -> str:
    """The colour for the ``index``-th participant (wraps after the palette)."""
    return PALETTE[index % len(PALETTE)][0]


def marker_for(hex_colour: str) -> str:
    """The marker identity that goes with a palette colour ('circle' for unknown colours)."""
    for colour, shape in PALETTE:
        if colour.lower() == hex_colour.lower():
            return shape
    return "circle"


def next_free_colour(used: list[str]) -> str:
    """The first palette colour nobody uses yet, else cycle by count."""
    taken = {c.lower() for c in used}
    for colour, _shape in PALETTE:
        if colour.lower() not in taken:
            return colour
    return colour_for(len(used))


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB ``#rrggbb`` colour (0 black .. 1 white)."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(hex_colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def edge_colour(hex_colour: str) -> str:
    """The dark edge drawn around a marker in ``hex_colour`` (its value divided by 1.7, as
    Qt's ``darker(170)``): a light colour (yellow, teal, slate) still stands 3:1 off white."""
    import colorsys

    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    h, s, v = colorsys.rgb_to_hsv(r, g, b)
    r, g, b = colorsys.hsv_to_rgb(h, s, v / 1.7)
    return "#" + "".join(f"{round(c * 255):02x}" for c in (r, g, b))


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 .. 21); AA asks 4.5 for text, 3 for large
    text and for graphics such as markers and focus rings."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour_on(hex_colour: str) -> str:
    """Black or white, whichever has the higher WCAG contrast on ``hex_colour`` (for any
    colour one of them reaches 4.5:1)."""
    return "#000000" if contrast_ratio("#000000", hex_colour) >= contrast_ratio("#ffffff", hex_colour) else "#ffffff"
