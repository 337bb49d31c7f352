"""The panel in use, in millimetres: what the whiteboard's text sizes are derived from.

:func:`panel_pitch` reads the screen a widget is on (``QScreen.physicalSize``) or, when the
coach has set one, the panel diagonal in the app settings (``whiteboard/panelDiagonalInches``,
for panels that report no size or a wrong one). :func:`min_font_px` turns a cap height in mm
into a font pixel size for a given font.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QWidget

from tension_desktop.model.legibility import cap_px, font_px_for_cap, is_room_panel, px_per_mm

#: an app setting (QSettings, the coach's machine), not a workshop setting
DIAGONAL_SETTING = "whiteboard/panelDiagonalInches"
#: When neither the screen nor the settings say how big the panel is: a large meeting-room board.
DEFAULT_DIAGONAL_IN = 86.0


def panel_diagonal_setting() -> float | None:
    """The coach's panel diagonal in inches, or None when not set (read once per settings
    file; set_panel_diagonal re-reads)."""
    from .qt import settings_path

    return _diagonal_in(str(settings_path()))


@lru_cache(maxsize=8)
def _diagonal_in(_settings_file: str) -> float | None:
    from .qt import app_settings

    try:
        value = float(app_settings().value(DIAGONAL_SETTING, 0) or 0)
    except (TypeError, ValueError):
        return None
    return value if value > 0 else None


class _PanelNotice(QObject):
    """``changed`` is emitted when the coach sets another panel size: every canvas re-reads
    its sizes at once (not at the next Fit)."""

    changed = Signal()


#: the one notice of the app (canvases connect to ``panel_notice.changed``)
panel_notice = _PanelNotice()


def set_panel_diagonal(inches: float | None) -> None:
    """Store the room panel's diagonal (None: use what the screen reports) and tell every
    canvas, which redraws its text at the sizes for that panel."""
    from .qt import app_settings

    settings = app_settings()
    if inches:
        settings.setValue(DIAGONAL_SETTING, float(inches))
    else:
        settings.remove(DIAGONAL_SETTING)
    settings.sync()
    _diagonal_in.cache_clear()
    panel_notice.changed.emit()


def panel_pitch(widget: QWidget) -> tuple[float, float, float]:
    """(logical pixels per mm, panel width and height in logical pixels) of the screen
    ``widget`` is on."""
    screen = widget.screen()
    if screen is None:
        return px_per_mm_from_default(1920, 1080), 1920.0, 1080.0
    geo = screen.geometry()
    size = screen.physicalSize()
    pitch = px_per_mm(geo.width(), geo.height(), size.width(), size.height(), panel_diagonal_setting())
    if pitch is None:
        pitch = px_per_mm_from_default(geo.width(), geo.height())
    return pitch, float(geo.width()), float(geo.height())


def px_per_mm_from_default(width: float, height: float) -> float:
    return px_per_mm(width, height, diagonal_in=DEFAULT_DIAGONAL_IN) or 1.0


def cap_ratio(font: QFont) -> float:
    """The font's cap height over its pixel size (measured at the sizes text is drawn at)."""
    key = font.key()
    ratio = _RATIOS.get(key)
    if ratio is None:
        ratios = []
        for px in (16, 24, 40, 64):
            probe = QFont(font)
            probe.setPixelSize(px)
            ratios.append(QFontMetricsF(probe).capHeight() / px)
        ratio = _RATIOS[key] = min(ratios)
    return ratio


_RATIOS: dict[str, float] = {}


def min_font_px(widget: QWidget, cap_mm: float, font: QFont) -> int:
    """The smallest pixel size of ``font`` whose capitals are ``cap_mm`` tall on the panel
    ``widget`` is on (within the panel-height cap of :mod:`tension_desktop.model.legibility`);
    0 on a screen too small to be a room's board (a laptop, a desk monitor)."""
    pitch, width, height = panel_pitch(widget)
    if not is_room_panel(width, height, pitch):
        return 0
    return font_px_for_cap(cap_px(cap_mm, pitch, height), cap_ratio(font))
