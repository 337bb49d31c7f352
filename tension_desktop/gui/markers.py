"""Draw a participant's marker (one of twelve identities, :mod:`tension_desktop.model.markers`)
with a QPainter: the map, the legend, the roster's colour chips and the PNG export share it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

from tension_desktop.model.markers import is_open, marker_outline


def paint_marker(painter: QPainter, marker: str, centre: QPointF, r: float, colour: QColor | str,
                 outline: QColor | str | None = None) -> None:
    """A solid marker in ``colour`` with a thin dark edge, or an open one: a thick outline in
    ``colour`` around a white centre."""
    colour = QColor(colour)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if is_open(marker):
        painter.setPen(QPen(colour, max(1.5, r * 0.5), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.MiterJoin))
        painter.setBrush(QColor("#ffffff"))
        r = r * 0.85  # the thick outline grows outwards: keep the same overall size
    else:
        painter.setPen(QPen(QColor(outline) if outline is not None else colour.darker(170), max(1.0, r * 0.18)))
        painter.setBrush(colour)
    pts = marker_outline(marker, centre.x(), centre.y(), r)
    if pts is None:
        painter.drawEllipse(centre, r, r)
    else:
        painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in pts]))
    painter.restore()


def marker_icon(marker: str, colour: str, size: int = 28) -> QIcon:
    """The marker as an icon (lists, legends, the colour chooser)."""
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    paint_marker(p, marker, QPointF(size / 2, size / 2), size * 0.36, colour)
    p.end()
    return QIcon(pm)
