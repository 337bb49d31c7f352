"""Draw a participant's marker (one of twelve identities, :mod:`tension_desktop.model.markers`)
with a QPainter: the map, the legend, the roster's colour chips and the PNG export share it."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

from tension_desktop.model.colours import edge_colour
from tension_desktop.model.markers import is_open, marker_outline


def paint_marker(painter: QPainter, marker: str, centre: QPointF, r: float, colour: QColor | str,
                 outline: QColor | str | None = None) -> None:
    """A solid marker in ``colour`` with a thin dark edge, or an open one: a thick outline in
    ``colour`` around a white centre."""
    colour = QColor(colour)
    edge = QColor(outline) if outline is not None else QColor(edge_colour(colour.name()))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    def shape(radius: float) -> None:
        pts = marker_outline(marker, centre.x(), centre.y(), radius)
        if pts is None:
            painter.drawEllipse(centre, radius, radius)
        else:
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in pts]))

    if is_open(marker):
        width = max(1.5, r * 0.5)
        r = r * 0.85  # the thick outline grows outwards: keep the same overall size
        painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.MiterJoin))
        painter.setBrush(QColor("#ffffff"))
        shape(r)
        # a thin dark edge outside the coloured outline: a light colour (teal, slate) stays
        # visible against white (WCAG 3:1 for graphics)
        painter.setPen(QPen(edge, max(1.0, r * 0.12)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        shape(r + width / 2)
    else:
        painter.setPen(QPen(edge, max(1.0, r * 0.18)))
        painter.setBrush(colour)
        shape(r)
    painter.restore()


@lru_cache(maxsize=256)
def marker_icon(marker: str, colour: str, size: int = 28) -> QIcon:
    """The marker as an icon (lists, legends, the colour chooser); one shared icon per
    marker, colour and size (a legend of 20 people is rebuilt on every map rebuild)."""
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    paint_marker(p, marker, QPointF(size / 2, size / 2), size * 0.36, colour)
    p.end()
    return QIcon(pm)
