"""What the tension map's scene is made of: the map background, placement cards
and the calm grouping overlay of one initiative (lines to the centroid, a hull when focused).

Scene geometry: the map is ``MAP_W`` x ``MAP_H`` scene units with its top-left corner at
(0, 0); normalized x runs left to right, normalized y bottom to top. A card's position is
its placement point exactly; it is drawn centred there at a constant size on screen
(ItemIgnoresTransformations, like labels on a street map): readable at 1366x768 and on a
4K board at any zoom, and zooming in pulls crowded cards apart. Cards cache their painting
(DeviceCoordinateCache), so moving one card repaints one small rectangle.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from tension_desktop.model.colours import marker_for, text_colour_on
from tension_desktop.model.tension_map import QUADRANTS, convex_hull

MAP_W, MAP_H = 1600.0, 1000.0
MAP_RECT = QRectF(0, 0, MAP_W, MAP_H)
#: What "whole map" shows: the map with its axis names and some room for cards at the edges.
MAP_VIEW_RECT = MAP_RECT.adjusted(-90, -40, 60, 100)

CARD_H = 46.0
CARD_MAX_W = 260.0
AGREED_H = 72.0
CARD_FONT_PX = 20
GROUP_COLOUR = QColor(55, 65, 81)
TOUCH_PX = 48.0  # the smallest hit target, in pixels at 1x


def to_scene(x: float, y: float) -> QPointF:
    """Normalized (x right, y up) -> scene point."""
    return QPointF(x * MAP_W, (1.0 - y) * MAP_H)


def to_unit(point: QPointF) -> tuple[float, float]:
    """Scene point -> normalized (x, y), clamped into the map."""
    x = min(1.0, max(0.0, point.x() / MAP_W))
    y = min(1.0, max(0.0, 1.0 - point.y() / MAP_H))
    return round(x, 4), round(y, 4)


@lru_cache(maxsize=64)
def card_font(px: int = CARD_FONT_PX, bold: bool = True) -> QFont:
    """A shared font (painting 2,000 cards must not build 2,000 fonts)."""
    font = QFont()
    font.setPixelSize(px)
    font.setBold(bold)
    return font


@lru_cache(maxsize=64)
def _metrics(px: int, bold: bool) -> QFontMetricsF:
    return QFontMetricsF(card_font(px, bold))


@lru_cache(maxsize=4096)
def _elided(text: str, px: int, bold: bool, width: float) -> tuple[str, float]:
    """(text elided to ``width``, its advance): titles repeat once per participant."""
    fm = _metrics(px, bold)
    shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, width)
    return shown, fm.horizontalAdvance(shown)


LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _marker(painter: QPainter, shape: str, centre: QPointF, r: float) -> None:
    """The participant's marker shape, so grayscale prints and colour-blind eyes can tell people apart."""
    cx, cy = centre.x(), centre.y()
    if shape == "square":
        painter.drawRect(QRectF(cx - r * 0.85, cy - r * 0.85, r * 1.7, r * 1.7))
    elif shape == "diamond":
        painter.drawPolygon(QPolygonF([QPointF(cx, cy - r), QPointF(cx + r, cy), QPointF(cx, cy + r),
                                       QPointF(cx - r, cy)]))
    elif shape == "triangle":
        painter.drawPolygon(QPolygonF([QPointF(cx, cy - r), QPointF(cx + r, cy + r * 0.8),
                                       QPointF(cx - r, cy + r * 0.8)]))
    else:
        painter.drawEllipse(centre, r, r)


class PlacementCard(QGraphicsRectItem):
    """One placement: the initiative's short title in the participant's colour.

    ``key`` = (initiative_id, participant_id, round) identifies the stored row. The item's
    position is the placement point plus ``offset`` (a display-only fan-out of cards that
    sit on the same spot)."""

    def __init__(self, key: tuple[int, int | None, str], title: str, colour: str, who: str,
                 governance: str = "", compact: bool = False, scale: float = 1.0) -> None:
        super().__init__()
        self.key = key
        # compact: a crowded map (hundreds of cards) draws smaller cards: less overdraw, and
        # zooming in still pulls them apart
        self.compact = compact
        self.font_px = 14 if compact else CARD_FONT_PX
        self.max_w = 170.0 if compact else CARD_MAX_W
        self.initiative_id = key[0]
        self.participant_id = key[1]
        self.round = key[2]
        self.draggable = True
        self.tappable = True  # a card that may not move still opens its details
        self.offset = QPointF()
        self.title = title
        self.who = who
        self.colour = QColor(colour)
        self.text_colour = QColor(text_colour_on(colour))
        self.marker = marker_for(colour)
        self.governance = governance
        self.furthest = False
        self.selected = False  # the card the Delete key removes (last tapped or opened)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setPen(QPen(Qt.PenStyle.NoPen))
        if scale != 1.0:
            self.setScale(scale)  # before the one layout (2,000 cards on Reveal: no second pass)
        self._layout()

    @property
    def agreed(self) -> bool:
        return self.round == "agreed"

    def _layout(self) -> None:
        pad = 34 if self.compact else 48
        self.shown_title, advance = _elided(self.title, self.font_px, True, self.max_w - pad)
        w = max(80.0 if self.compact else 120.0, min(self.max_w, advance + pad))
        if self.agreed:
            self.shown_governance, sub = _elided(self.governance, 16, False, CARD_MAX_W + 60)
            w = max(w, min(CARD_MAX_W + 84, sub + 24))
        h = AGREED_H if self.agreed else (28.0 if self.compact else CARD_H)
        self._rect = QRectF(-w / 2 + self.offset.x(), -h / 2 + self.offset.y(), w, h)
        # boundingRect() and shape() stay in C++ (QGraphicsRectItem): painting 2,000 cached
        # cards then never calls into Python. The margin leaves room for the "furthest" ring
        # and keeps the hit area at least 48 px high on screen however small the card is drawn.
        margin = max(8.0, (TOUCH_PX / max(0.1, self.scale()) - h) / 2)
        self.setRect(self._rect.adjusted(-8, -margin, 8, margin))

    def set_card_scale(self, scale: float) -> None:
        """Draw the card at ``scale`` (1 = full size on screen); the hit area stays >= 48 px."""
        if scale != self.scale():
            self.setScale(scale)
            self._layout()

    def set_offset(self, dx: float, dy: float) -> None:
        """Display-only shift (pixels) so cards on the same spot stay tellable apart."""
        if (dx, dy) != (self.offset.x(), self.offset.y()):
            self.prepareGeometryChange()
            self.offset = QPointF(dx, dy)
            self._layout()
            self.update()

    def set_governance(self, text: str) -> None:
        if text != self.governance:
            self.prepareGeometryChange()
            self.governance = text
            self._layout()
            self.update()

    def set_furthest(self, on: bool) -> None:
        if on != self.furthest:
            self.prepareGeometryChange()
            self.furthest = on
            self.update()

    def set_selected(self, on: bool) -> None:
        if on != self.selected:
            self.selected = on
            self.update()

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = self._rect
        if self.selected:
            painter.setPen(QPen(QColor("#1d4ed8"), 4))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(r.adjusted(-7, -7, 7, 7), 13, 13)
        if self.agreed:
            painter.setPen(QPen(QColor("#f0c808"), 4))
            painter.setBrush(QColor("#111827"))
            painter.drawRoundedRect(r, 10, 10)
            painter.setPen(QColor("#ffffff"))
            painter.setFont(card_font())
            painter.drawText(r.adjusted(12, 6, -12, -r.height() / 2), LEFT_MIDDLE, "✔ " + self.shown_title)
            painter.setPen(QColor("#f0c808"))
            painter.setFont(card_font(16, False))
            painter.drawText(r.adjusted(12, r.height() / 2 - 4, -12, -6), LEFT_MIDDLE, self.shown_governance)
            return
        if self.furthest:
            painter.setPen(QPen(QColor("#b91c1c"), 3, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(r.adjusted(-6, -6, 6, 6), 12, 12)
        painter.setPen(QPen(self.colour.darker(140), 1.5))
        painter.setBrush(self.colour)
        painter.drawRoundedRect(r, 8, 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.text_colour)
        left = 14 if self.compact else 20
        _marker(painter, self.marker, QPointF(r.left() + left, r.center().y()), 5 if self.compact else 7)
        painter.setPen(self.text_colour)
        painter.setFont(card_font(self.font_px))
        painter.drawText(r.adjusted(2 * left - 4, 0, -8, 0), LEFT_MIDDLE, self.shown_title)


class MapBackground(QGraphicsItem):
    """Quadrants, their labels and governance, the midlines and the axis names."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(-100)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.quadrants: dict[str, str] = {}
        self.governance: dict[str, str] = {}
        self.axes: dict[str, str] = {}

    def set_labels(self, axes: dict[str, str], quadrants: dict[str, str], governance: dict[str, str]) -> None:
        self.axes, self.quadrants, self.governance = dict(axes), dict(quadrants), dict(governance)
        self.update()

    def boundingRect(self) -> QRectF:
        return MAP_VIEW_RECT

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        half_w, half_h = MAP_W / 2, MAP_H / 2
        tints = {"protect_and_run": "#eef4fb", "bet_with_guardrails": "#f6f0fa",
                 "routine": "#f7f7f4", "safe_to_experiment": "#eef8f1"}
        rects = {"protect_and_run": QRectF(0, 0, half_w, half_h),
                 "bet_with_guardrails": QRectF(half_w, 0, half_w, half_h),
                 "routine": QRectF(0, half_h, half_w, half_h),
                 "safe_to_experiment": QRectF(half_w, half_h, half_w, half_h)}
        for key in QUADRANTS:
            r = rects[key]
            painter.fillRect(r, QColor(tints[key]))
            top = key in ("protect_and_run", "bet_with_guardrails")
            box = r.adjusted(24, 16, -24, -16)
            align = Qt.AlignmentFlag.AlignHCenter | (Qt.AlignmentFlag.AlignTop if top else Qt.AlignmentFlag.AlignBottom)
            painter.setPen(QColor(31, 41, 51, 150))
            painter.setFont(card_font(34))
            label = self.quadrants.get(key, "")
            gov = self.governance.get(key, "").split(":")[0]
            fm = QFontMetricsF(card_font(34))
            label_h = fm.height() + 4
            if top:
                painter.drawText(QRectF(box.left(), box.top(), box.width(), label_h), align, label)
                gov_box = QRectF(box.left(), box.top() + label_h, box.width(), 30)
            else:
                painter.drawText(QRectF(box.left(), box.bottom() - label_h, box.width(), label_h), align, label)
                gov_box = QRectF(box.left(), box.bottom() - label_h - 30, box.width(), 30)
            painter.setPen(QColor(55, 65, 81, 150))
            painter.setFont(card_font(19, False))
            painter.drawText(gov_box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, gov)
        painter.setPen(QPen(QColor("#9aa5b1"), 2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(half_w, 0), QPointF(half_w, MAP_H))
        painter.drawLine(QPointF(0, half_h), QPointF(MAP_W, half_h))
        painter.setPen(QPen(QColor("#3e4c59"), 3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(MAP_RECT)
        # axis names with arrows: x along the bottom, y up the left side
        painter.setFont(card_font(24))
        painter.setPen(QColor("#1f2933"))
        painter.drawText(QRectF(0, MAP_H + 12, MAP_W, 40), Qt.AlignmentFlag.AlignHCenter,
                         f"{self.axes.get('x', '')}  →")
        painter.setFont(card_font(17, False))
        painter.setPen(QColor("#52606d"))
        painter.drawText(QRectF(0, MAP_H + 12, 200, 30), Qt.AlignmentFlag.AlignLeft, "low")
        painter.drawText(QRectF(MAP_W - 200, MAP_H + 12, 200, 30), Qt.AlignmentFlag.AlignRight, "high")
        painter.save()
        painter.translate(-16, MAP_H)
        painter.rotate(-90)
        painter.setFont(card_font(24))
        painter.setPen(QColor("#1f2933"))
        painter.drawText(QRectF(0, -40, MAP_H, 40), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                         f"{self.axes.get('y', '')}  →")
        painter.setFont(card_font(17, False))
        painter.setPen(QColor("#52606d"))
        painter.drawText(QRectF(0, -40, 200, 40), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, "low")
        painter.drawText(QRectF(MAP_H - 200, -40, 200, 40),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, "high")
        painter.restore()


class GroupOverlay(QGraphicsItem):
    """One initiative's placements, grouped calmly: thin lines to a small centroid ring.

    When the initiative is focused ("Most disputed" tap) the lines darken and a light hull
    is drawn around the group. Drawn as separate lines, not one stroked path: Qt strokes a
    path of overlapping wide lines as one polygon, which cost 200 ms a repaint at 100 groups."""

    def __init__(self, initiative_id: int) -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.focused = False
        self.setZValue(-10)
        self._points: list[QPointF] = []
        self._lines: list[QLineF] = []
        self._hull: QPolygonF | None = None
        self._centroid = QPointF()
        self._bounds = QRectF()
        self._pen = QPen()
        self._brush = QBrush()

    def set_points(self, points: list[QPointF]) -> None:
        self._points = list(points)
        self._rebuild()

    def set_focused(self, on: bool) -> None:
        if on != self.focused or on:
            self.focused = on
            self._rebuild()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _rebuild(self) -> None:
        self.prepareGeometryChange()
        pts = self._points
        self._lines, self._hull = [], None
        if len(pts) >= 2:
            c = QPointF(sum(p.x() for p in pts) / len(pts), sum(p.y() for p in pts) / len(pts))
            self._centroid = c
            self._lines = [QLineF(c, p) for p in pts]
            if self.focused:
                hull = convex_hull([(p.x(), p.y()) for p in pts])
                if len(hull) >= 3:
                    self._hull = QPolygonF([QPointF(x, y) for x, y in hull])
            xs, ys = [p.x() for p in pts], [p.y() for p in pts]
            self._bounds = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)).adjusted(-12, -12, 12, 12)
        else:
            self._bounds = QRectF()
        colour = QColor("#b45309") if self.focused else QColor(GROUP_COLOUR)
        colour.setAlpha(230 if self.focused else 120)
        # the calm lines are 1 px hairlines (Qt's fast path); the focused group's are thick
        self._pen = QPen(colour, 4.0 if self.focused else 0.0)
        fill = QColor("#f59e0b")
        fill.setAlpha(28)
        self._brush = QBrush(fill)
        self.setZValue(-5 if self.focused else -10)
        self.update()

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        if not self._lines:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._hull is not None:
            painter.setPen(QPen(self._pen.color(), 2.0))
            painter.setBrush(self._brush)
            painter.drawPolygon(self._hull)
        painter.setPen(self._pen)
        painter.drawLines(self._lines)
        painter.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        painter.drawEllipse(self._centroid, 9, 9)
