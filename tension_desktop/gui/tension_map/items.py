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
    QGuiApplication,
    QPainter,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from tension_desktop.model.colours import marker_for, text_colour_on
from tension_desktop.model.label_layout import wrap_two_lines
from tension_desktop.model.tension_map import QUADRANTS, convex_hull

from ..markers import paint_marker

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


#: the map's quadrant backgrounds and the inks drawn on them (r, g, b, alpha); the contrast
#: test (tests/gui/test_contrast.py) computes WCAG ratios from these very values
QUADRANT_TINTS = {"protect_and_run": "#eef4fb", "bet_with_guardrails": "#f6f0fa",
                  "routine": "#f7f7f4", "safe_to_experiment": "#eef8f1"}
QUADRANT_NAME_INK = (31, 41, 51, 190)
QUADRANT_GOV_INK = (55, 65, 81, 200)
AXIS_INKS = ("#1f2933", "#3e4c59")
MARKER_EDGE = "#1f2933"  # the dark edge of a solid marker on the map


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


def _marker(painter: QPainter, shape: str, centre: QPointF, r: float, colour: QColor | None = None) -> None:
    """The participant's marker (one of twelve identities), so grayscale prints and
    colour-blind eyes can tell people apart."""
    paint_marker(painter, shape, centre, r, colour if colour is not None else painter.brush().color())


MARKER_R = 9.0  # a placement's marker in the group view, pixels at 1x


@lru_cache(maxsize=512)
def marker_pixmap(shape: str, colour: str, r_px: float, dpr: float) -> QPixmap:
    """One shared picture per marker identity and size on screen: 2,000 markers of 12 people
    share 12 pixmaps (QPixmap is implicitly shared), blitted by the map's one ``MarkerLayer``."""
    side = 2 * r_px + 4
    pm = QPixmap(max(1, round(side * dpr)), max(1, round(side * dpr)))
    pm.setDevicePixelRatio(dpr)
    pm.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pm)
    paint_marker(painter, shape, QPointF(side / 2, side / 2), r_px, QColor(colour), QColor("#1f2933"))
    painter.end()
    return pm


@lru_cache(maxsize=64)
def _colours(colour: str) -> tuple[QColor, QColor, str]:
    """(fill, text colour, marker identity) of a participant's colour (shared by their cards)."""
    return QColor(colour), QColor(text_colour_on(colour)), marker_for(colour)


_NO_PEN = QPen(Qt.PenStyle.NoPen)


_DPR: list[float] = []  # the screens' pixel ratio, read once per build (see PlacementCard)


def _screen_dpr() -> float:
    if _DPR:
        return _DPR[0]
    app = QGuiApplication.instance()
    return float(app.devicePixelRatio()) if app is not None else 1.0


def read_pixel_ratio() -> None:
    """Read the screens' pixel ratio now and use it for the marker pictures until the next call
    (the map calls it before building its cards, not 2,000 times)."""
    _DPR.clear()
    _DPR.append(_screen_dpr())


# QGraphicsItem's getters called unbound (a loop over 2,000 cards skips the bound-method look-up)
_IS_VISIBLE, _OPACITY = QGraphicsItem.isVisible, QGraphicsItem.opacity
_ITEM_X, _ITEM_Y = QGraphicsItem.x, QGraphicsItem.y

_MARKER_FLAGS = (QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
                 | QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
_CARD_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations


@lru_cache(maxsize=4096)
def _marker_rects(compact: bool, scale: float, dx: float, dy: float
                  ) -> tuple[QRectF, QRectF, float, tuple[float, float]]:
    """(marker rect, hit rect, picture radius, picture place) of a marker at ``scale`` moved
    ``dx, dy`` aside (item units): the hit area is at least 48 px on screen; the picture as
    :func:`_picture_place` puts it. Shared by every marker with the same values (read-only)."""
    r = MARKER_R * (0.8 if compact else 1.0)
    rect = QRectF(-r + dx, -r + dy, 2 * r, 2 * r)
    margin = max(8.0, (TOUCH_PX / max(0.1, scale) - 2 * r) / 2)
    r_px, place = _picture_place(2 * r, dx, dy, scale)
    return rect, rect.adjusted(-margin, -margin, margin, margin), r_px, place


@lru_cache(maxsize=4096)
def _picture_place(width: float, cx: float, cy: float, scale: float) -> tuple[float, tuple[float, float]]:
    """(radius in whole device pixels, the picture's top left from the card's point) of a
    marker ``width`` item units wide centred at ``cx, cy`` drawn at ``scale``."""
    s = max(0.1, scale)
    r_px = round(width * s) / 2  # whole device pixels: a crisp, reusable picture
    half = r_px + 2
    return r_px, (cx * s - half, cy * s - half)


class PlacementCard(QGraphicsRectItem):
    """One placement: the initiative's short title in the participant's colour.

    ``key`` = (initiative_id, participant_id, round) identifies the stored row. The item's
    position is the placement point plus ``offset`` (a display-only fan-out of cards that
    sit on the same spot)."""

    # what every card starts with (class defaults: 2,000 cards do not each write them)
    draggable = True
    tappable = True  # a card that may not move still opens its details
    furthest = False
    selected = False  # the card the Delete key removes (last tapped or opened)
    name_tag = ""  # the step-through labels each marker with its person
    title_lines: list[str] = []  # (only ever replaced, never changed in place)
    # a plain marker is a shared picture (``marker_pixmap``) that the map's one MarkerLayer
    # draws with all the others; the card itself then draws nothing (ItemHasNoContents) and
    # only a decorated marker (selected, furthest, name tag, being dragged) or an agreed card
    # paints in Python (cached per item)
    pixmap: QPixmap | None = None
    layer_offset = (0.0, 0.0)  # the picture's top left from the card's point, device px
    _picture_r: tuple[float, float] | None = None  # (radius px, pixel ratio) of the picture
    _plain = False
    dragging = False
    raised = False  # the focused initiative's cards are drawn above the rest
    layer: MarkerLayer | None = None  # set by the map once the card is in the scene

    def __init__(self, key: tuple[int, int | None, str], title: str, colour: str, who: str,
                 governance: str = "", compact: bool = False, scale: float = 1.0,
                 offset: tuple[float, float] = (0.0, 0.0)) -> None:
        super().__init__()
        fill, text_colour, marker = _colours(colour)
        # the group view: a revealed (or private) placement is a small marker in the person's
        # colour and shape; its initiative's title is drawn once, by the group's label
        marker_mode = key[2] != "agreed"
        # every attribute in one update (2,000 cards: one call each, not seventeen)
        self.__dict__.update(
            key=key,
            # compact: a crowded map (hundreds of cards) draws smaller cards: less overdraw,
            # and zooming in still pulls them apart
            compact=compact, font_px=14 if compact else CARD_FONT_PX, max_w=170.0 if compact else CARD_MAX_W,
            initiative_id=key[0], participant_id=key[1], round=key[2], offset=QPointF(*offset), title=title,
            who=who, colour=fill, text_colour=text_colour, marker=marker, _colour_name=colour,
            governance=governance, marker_mode=marker_mode)
        if marker_mode:  # born plain: the marker layer draws it (one flags call per card)
            self.setFlags(_MARKER_FLAGS)
            if scale != 1.0:
                self.setScale(scale)
            # what _layout and _sync_picture work out for a fresh plain marker, from the
            # values at hand (no getters called back)
            rect, hit, r_px, place = _marker_rects(compact, scale, offset[0], offset[1])
            self.setRect(hit)
            dpr = _screen_dpr()
            self.__dict__.update(_plain=True, _rect=rect, layer_offset=place, _picture_r=(r_px, dpr),
                                 pixmap=marker_pixmap(marker, colour, r_px, dpr))
            return
        self.setFlags(_CARD_FLAGS)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setPen(_NO_PEN)
        if scale != 1.0:
            self.setScale(scale)  # before the one layout (2,000 cards on Reveal: no second pass)
        self._layout()

    @property
    def agreed(self) -> bool:
        return self.round == "agreed"

    def _layout(self) -> None:
        if self.marker_mode:
            self._rect, hit, r_px, layer_offset = _marker_rects(self.compact, self.scale(), self.offset.x(),
                                                                 self.offset.y())
            if self.name_tag:
                hit = hit.united(self._tag_rect())
            self.setRect(hit)
            self._sync_picture((r_px, layer_offset))
            return
        pad = 34 if self.compact else 48
        self.shown_title, advance = _elided(self.title, self.font_px, True, self.max_w - pad)
        w = max(80.0 if self.compact else 120.0, min(self.max_w, advance + pad))
        h = 28.0 if self.compact else CARD_H
        if self.agreed:
            # the whole title, wrapped onto two lines like the group's labels, then governance
            fm = _metrics(self.font_px, True)
            self.title_lines = wrap_two_lines("✔ " + self.title, fm.horizontalAdvance, 12.0 * self.font_px)
            advance = max(fm.horizontalAdvance(line) for line in self.title_lines)
            # drawn at the card's scale the font is hinted for its size on screen, which can be
            # wider than the 1x text scaled down: measure there too, so no word is clipped
            k = max(0.1, self.scale())
            on_screen = _metrics(max(1, round(self.font_px * k)), True)
            advance = max(advance, max(on_screen.horizontalAdvance(line) for line in self.title_lines) / k)
            w = advance * 1.06 + 28  # and a little room for the hinting of a scaled painter
            self.shown_governance, sub = _elided(self.governance, 16, False, CARD_MAX_W + 60)
            w = max(w, min(CARD_MAX_W + 84, sub + 24))
            h = max(AGREED_H, fm.height() * len(self.title_lines) + _metrics(16, False).height() + 20)
        self._rect = QRectF(-w / 2 + self.offset.x(), -h / 2 + self.offset.y(), w, h)
        # boundingRect() and shape() stay in C++ (QGraphicsRectItem): painting 2,000 cached
        # cards then never calls into Python. The margin leaves room for the "furthest" ring
        # and keeps the hit area at least 48 px high on screen however small the card is drawn.
        margin = max(8.0, (TOUCH_PX / max(0.1, self.scale()) - h) / 2)
        # the leader line from the placement point to a card moved aside stays inside too
        self.setRect(self._rect.adjusted(-8, -margin, 8, margin).united(QRectF(-6, -6, 12, 12)))

    def _sync_picture(self, place: tuple[float, tuple[float, float]] | None = None) -> None:
        """A plain marker is drawn by the map's MarkerLayer (its shared picture, where and how
        large); a decorated one paints itself. ``place``: (radius, place) if already known."""
        plain = self.marker_mode and not (self.selected or self.furthest or self.name_tag or self.dragging
                                          or self.raised)
        if plain != self._plain:
            self._plain = plain
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, plain)
        if plain:
            if place is None:
                c = self._rect.center()
                place = _picture_place(self._rect.width(), c.x(), c.y(), self.scale())
            r_px, self.layer_offset = place
            dpr = _screen_dpr()
            if (r_px, dpr) != self._picture_r:
                self._picture_r = (r_px, dpr)
                self.pixmap = marker_pixmap(self.marker, self._colour_name, r_px, dpr)
        else:
            self.update()
        if self.layer is not None:
            self.layer.update()

    def set_raised(self, on: bool) -> None:
        """Above every other card (the focused initiative's): such a marker paints itself, at
        its own height, instead of in the marker layer."""
        z = (310 if self.agreed else 300) if on else (200 if self.agreed else 100)
        if z != self.zValue():
            self.setZValue(z)
        if on != self.raised:
            self.raised = on
            if self.marker_mode:
                self._sync_picture()

    def set_dragging(self, on: bool) -> None:
        """While a finger drags it the marker paints itself (the layer is not redrawn per move)."""
        if on != self.dragging:
            self.dragging = on
            self._sync_picture()

    def _tag_rect(self) -> QRectF:
        fm = _metrics(self.tag_px, True)
        w = fm.horizontalAdvance(self.name_tag) + 16
        h = fm.height() + 6
        r = self._rect
        if self.tag_offset is not None:  # where the label layout put it
            c = r.center() + self.tag_offset
            return QRectF(c.x() - w / 2, c.y() - h / 2, w, h)
        x = r.left() - 4 - w if self.tag_left else r.right() + 4
        return QRectF(x, r.center().y() - h / 2, w, h)

    tag_offset: QPointF | None = None

    def set_tag_offset(self, offset: QPointF | None) -> None:
        """Centre the name tag ``offset`` from the marker (item units); None: beside it."""
        if offset != self.tag_offset:
            self.prepareGeometryChange()
            self.tag_offset = offset
            self._layout()
            self.update()

    def tag_size_px(self) -> tuple[float, float]:
        r = self._tag_rect()
        return r.width() * self.scale(), r.height() * self.scale()

    tag_px = 22
    tag_left = False  # the tag sits left of the marker (near the map's right edge)

    def set_tag_left(self, on: bool) -> None:
        if on != self.tag_left:
            self.prepareGeometryChange()
            self.tag_left = on
            self._layout()
            self.update()

    def set_name_tag(self, text: str, px: int = 22) -> None:
        """Label the marker with its person (the step-through); "" removes it."""
        if (text, px) != (self.name_tag, self.tag_px):
            self.prepareGeometryChange()
            self.name_tag, self.tag_px = text, px
            self._layout()
            self.update()

    def size_px(self) -> tuple[float, float]:
        """The drawn card's size on screen (pixels), for the label layout."""
        return self._rect.width() * self.scale(), self._rect.height() * self.scale()

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
            self._sync_picture()
            self.update()

    def set_selected(self, on: bool) -> None:
        if on != self.selected:
            self.selected = on
            self._sync_picture()
            self.update()

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = self._rect
        if self.marker_mode:
            self._paint_marker(painter, r)
            return
        if not self.offset.isNull() and self.agreed and not r.contains(QPointF(0, 0)):
            painter.setPen(QPen(QColor("#111827"), 2))
            painter.drawLine(QPointF(0, 0), QPointF(min(max(0.0, r.left()), r.right()),
                                                    min(max(0.0, r.top()), r.bottom())))
            painter.setBrush(QColor("#f0c808"))
            painter.drawEllipse(QPointF(0, 0), 5, 5)
        if self.selected:
            painter.setPen(QPen(QColor("#1d4ed8"), 4))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(r.adjusted(-7, -7, 7, 7), 13, 13)
        if self.agreed:
            painter.setPen(QPen(QColor("#f0c808"), 4))
            painter.setBrush(QColor("#111827"))
            painter.drawRoundedRect(r, 10, 10)
            painter.setPen(QColor("#ffffff"))
            painter.setFont(card_font(self.font_px))
            title_h = _metrics(self.font_px, True).height() * len(self.title_lines)
            painter.drawText(QRectF(r.left() + 12, r.top() + 8, r.width() - 24, title_h),
                             LEFT_MIDDLE, "\n".join(self.title_lines))
            painter.setPen(QColor("#f0c808"))
            painter.setFont(card_font(16, False))
            painter.drawText(QRectF(r.left() + 12, r.top() + 8 + title_h, r.width() - 24, r.bottom() - 6
                                    - (r.top() + 8 + title_h)), LEFT_MIDDLE, self.shown_governance)
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


    def _paint_marker(self, painter: QPainter, r: QRectF) -> None:
        c = r.center()
        rad = r.width() / 2
        if self.selected:
            painter.setPen(QPen(QColor("#1d4ed8"), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(c, rad + 7, rad + 7)
        if self.furthest:
            painter.setPen(QPen(QColor("#b91c1c"), 3, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(c, rad + 6, rad + 6)
        paint_marker(painter, self.marker, c, rad, self.colour, QColor(MARKER_EDGE))
        if self.name_tag:
            box = self._tag_rect()
            if not box.adjusted(-rad, -rad, rad, rad).contains(c):  # moved aside: a line back
                painter.setPen(QPen(self.colour.darker(140), 2))
                painter.drawLine(c, QPointF(min(max(c.x(), box.left()), box.right()),
                                            min(max(c.y(), box.top()), box.bottom())))
            painter.setPen(QPen(self.colour.darker(140), 2))
            painter.setBrush(QColor(255, 255, 255, 235))
            painter.drawRoundedRect(box, 6, 6)
            painter.setPen(QColor("#111827"))
            painter.setFont(card_font(self.tag_px))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.name_tag)


class MarkerLayer(QGraphicsItem):
    """Every plain marker on the map, drawn by one item: the shared pictures blitted at their
    cards' points, in device pixels, dimmed ones first. Cached in device coordinates, so a
    repaint of the map (a pan, another window's paint) blits one picture instead of visiting
    2,000 items; a change to a card (moved, rescaled, dimmed, decorated) redraws the layer once.
    The cards stay in the scene (ItemHasNoContents) for hit tests, drags and the keyboard."""

    def __init__(self, cards) -> None:
        super().__init__()
        self._cards = cards  # a callable: the cards to draw (the map's current ones)
        self.setZValue(100)  # where plain cards sit; focused and decorated cards paint above
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)

    def boundingRect(self) -> QRectF:
        # the map and what a marker fanned out beside an edge can reach at the smallest zoom
        return MAP_RECT.adjusted(-400, -400, 400, 400)

    def shape(self):  # noqa: D102 - never hit: taps go to the cards
        from PySide6.QtGui import QPainterPath

        return QPainterPath()

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        t = painter.worldTransform()
        # where each picture goes, in device pixels, worked out here in one pass (2,000 cards
        # per paint): a map drawn without rotation or perspective (always, on this map) is
        # ``x * m11 + dx``, ``y * m22 + dy``, the very sums QTransform.map does for it
        simple = t.m12() == 0.0 and t.m21() == 0.0 and t.m13() == 0.0 and t.m23() == 0.0 and t.m33() == 1.0
        m11, m22, tdx, tdy = t.m11(), t.m22(), t.dx(), t.dy()
        is_visible, opacity, item_x, item_y = _IS_VISIBLE, _OPACITY, _ITEM_X, _ITEM_Y
        faint, lit = [], []
        for card in self._cards():
            if card._plain:
                pm = card.pixmap
                if pm is None or not is_visible(card):
                    continue
                ox, oy = card.layer_offset
                if simple:
                    x, y = item_x(card) * m11 + tdx, item_y(card) * m22 + tdy
                else:
                    p = t.map(card.pos())
                    x, y = p.x(), p.y()
                o = opacity(card)
                if o >= 1.0:
                    lit.append((round(x + ox), round(y + oy), pm))
                else:
                    faint.append((o, round(x + ox), round(y + oy), pm))
        if not faint and not lit:
            return
        painter.save()
        painter.resetTransform()  # device (or cache) pixels: markers keep their size on screen
        base = painter.opacity()
        shown = base
        draw = painter.drawPixmap
        for o, x, y, pm in faint:  # dimmed ones first, lit ones on top
            if o * base != shown:
                shown = o * base
                painter.setOpacity(shown)
            draw(x, y, pm)
        if lit and shown != base:
            painter.setOpacity(base)
        for x, y, pm in lit:
            draw(x, y, pm)
        painter.restore()


class GroupLabel(QGraphicsItem):
    """One initiative's full title at its group position (the group view after the reveal).

    Drawn at a constant size on screen (ItemIgnoresTransformations); the item's origin is the
    group position and the text box sits where the label layout put it
    (:func:`tension_desktop.model.label_layout.layout_labels`), with a short leader line back
    to the group position when the box had to move off it. The title is wrapped onto up to
    two lines and never cut."""

    def __init__(self, initiative_id: int, title: str) -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.title = title
        self.tappable = True
        self.font_px = CARD_FONT_PX
        self._wrapped = False
        self.lines: list[str] = [title]
        self._box = QRectF()
        self._leader: QPointF | None = None
        self._bounds = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(400)
        # wrapped on first use, at the size the label layout asks for (a map of 100 initiatives
        # would otherwise wrap every title twice on its build: here, then at the layout's size)

    def _ensure_wrapped(self) -> None:
        if not self._wrapped:
            self._wrap(self.font_px)

    def set_font_px(self, px: int) -> None:
        """Wrap the title for a ``px`` font (at most two lines, about 12 letters wide each)."""
        px = max(8, int(px))
        if px == self.font_px and self._wrapped:
            return  # already wrapped for this size (the layout asks on every pass)
        self._wrap(px)

    def _wrap(self, px: int) -> None:
        self._wrapped = True
        fm = _metrics(px, True)
        self.lines = wrap_two_lines(self.title, fm.horizontalAdvance, px * 12.0)
        if len(self.lines) > 2:  # pragma: no cover - wrap_two_lines never returns more
            self.lines = self.lines[:2]
        width = max(fm.horizontalAdvance(line) for line in self.lines) + 0.8 * px
        height = fm.height() * len(self.lines) + 0.4 * px
        self.font_px = px
        self.prepareGeometryChange()
        self._box = QRectF(-width / 2, -height / 2, width, height)
        self._leader = None
        self._update_bounds()

    def size_px(self) -> tuple[float, float]:
        self._ensure_wrapped()
        return self._box.width(), self._box.height()

    def place(self, dx: float, dy: float, leader_end: tuple[float, float] | None) -> None:
        """Put the text box's centre ``dx, dy`` pixels from the group position; a leader
        line runs from the group position to ``leader_end`` (relative pixels) when given."""
        self._ensure_wrapped()
        self.prepareGeometryChange()
        w, h = self._box.width(), self._box.height()
        self._box = QRectF(dx - w / 2, dy - h / 2, w, h)
        self._leader = QPointF(*leader_end) if leader_end is not None else None
        self._update_bounds()
        self.update()

    def box(self) -> QRectF:
        """The text box, relative to the group position (pixels)."""
        self._ensure_wrapped()
        return QRectF(self._box)

    def _update_bounds(self) -> None:
        self._bounds = self._box.adjusted(-3, -3, 3, 3).united(QRectF(-4, -4, 8, 8))

    def boundingRect(self) -> QRectF:
        if not self._wrapped:
            self._ensure_wrapped()
        return self._bounds

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        self._ensure_wrapped()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._leader is not None:
            painter.setPen(QPen(QColor(31, 41, 51, 200), 2))
            painter.drawLine(QPointF(0, 0), self._leader)
        painter.setPen(QPen(QColor(31, 41, 51, 170), 1.5))
        painter.setBrush(QColor(255, 255, 255, 228))
        painter.drawRoundedRect(self._box, 6, 6)
        painter.setPen(QColor("#111827"))
        painter.setFont(card_font(self.font_px))
        pad = 0.2 * self.font_px
        painter.drawText(self._box.adjusted(pad, pad, -pad, -pad), Qt.AlignmentFlag.AlignCenter,
                         "\n".join(self.lines))


class MapBackground(QGraphicsItem):
    """Quadrants, their labels and governance, the midlines and the axis names.

    Quadrant names and their governance sit in reserved bands along the map's outer edges
    (:meth:`reserved_bands`), which the label layout keeps clear. Text sizes are scene units
    (they zoom with the map) but never below :meth:`set_text_floor` (the view sets it so the
    whiteboard's names and secondary text keep their physical size at any zoom)."""

    NAME, GOV, AXIS, SMALL = 34.0, 19.0, 24.0, 17.0

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(-100)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.quadrants: dict[str, str] = {}
        self.governance: dict[str, str] = {}
        self.axes: dict[str, str] = {}
        self.name_size, self.gov_size, self.axis_size, self.small_size = self.NAME, self.GOV, self.AXIS, self.SMALL
        #: the quadrant names, a separate item above the people's markers (add it to the scene)
        self.names = QuadrantNames(self)

    def set_labels(self, axes: dict[str, str], quadrants: dict[str, str], governance: dict[str, str]) -> None:
        self.axes, self.quadrants, self.governance = dict(axes), dict(quadrants), dict(governance)
        self.update()
        self.names.refresh()

    def set_text_floor(self, name: float, secondary: float) -> None:
        """The smallest name and secondary text sizes, in scene units."""
        sizes = (max(self.NAME, name), max(self.GOV, secondary), max(self.AXIS, secondary),
                 max(self.SMALL, secondary))
        if sizes != (self.name_size, self.gov_size, self.axis_size, self.small_size):
            self.prepareGeometryChange()
            self.name_size, self.gov_size, self.axis_size, self.small_size = sizes
            self.update()
            self.names.refresh()

    def _font(self, size: float, bold: bool) -> QFont:
        font = QFont(card_font(20, bold))
        font.setPixelSize(max(1, round(size)))
        return font

    def _quadrant_rects(self) -> dict[str, QRectF]:
        half_w, half_h = MAP_W / 2, MAP_H / 2
        return {"protect_and_run": QRectF(0, 0, half_w, half_h),
                "bet_with_guardrails": QRectF(half_w, 0, half_w, half_h),
                "routine": QRectF(0, half_h, half_w, half_h),
                "safe_to_experiment": QRectF(half_w, half_h, half_w, half_h)}

    def _text_boxes(self) -> dict[str, tuple[QRectF, QRectF]]:
        """quadrant -> (name box, governance box), scene units, snug around the text."""
        out = {}
        name_fm = QFontMetricsF(self._font(self.name_size, True))
        gov_fm = QFontMetricsF(self._font(self.gov_size, False))
        for key, r in self._quadrant_rects().items():
            top = key in ("protect_and_run", "bet_with_guardrails")
            box = r.adjusted(16, 10, -16, -10)
            label = self.quadrants.get(key, "")
            gov = self.governance.get(key, "").split(":")[0]
            nw = min(box.width(), name_fm.horizontalAdvance(label) + 12)
            gw = min(box.width(), gov_fm.horizontalAdvance(gov) + 12)
            nh, gh = name_fm.height() + 2, gov_fm.height() + 2
            cx = box.center().x()
            if top:
                name_box = QRectF(cx - nw / 2, box.top(), nw, nh)
                gov_box = QRectF(cx - gw / 2, box.top() + nh, gw, gh)
            else:
                name_box = QRectF(cx - nw / 2, box.bottom() - nh, nw, nh)
                gov_box = QRectF(cx - gw / 2, box.bottom() - nh - gh, gw, gh)
            out[key] = (name_box, gov_box)
        return out

    def reserved_bands(self) -> list[QRectF]:
        """Where the quadrant names and their governance are drawn (scene units): no label
        may cover them."""
        return [r for pair in self._text_boxes().values() for r in pair]

    def boundingRect(self) -> QRectF:
        extra = max(0.0, self.axis_size + self.small_size - 60)
        return MAP_VIEW_RECT.adjusted(-extra, 0, 0, extra)

    def fit_rect(self) -> QRectF:
        """What Fit shows on screen: the quadrants, the axis names at the size they are drawn
        now, and a little room for the markers at the edges. Tighter than MAP_VIEW_RECT (the
        PNG's frame), so on a laptop the height goes to the map, not to empty margins."""
        axis_h = QFontMetricsF(self._font(self.axis_size, True)).height() + 4
        return MAP_RECT.adjusted(-(12 + axis_h + 8), -20, 24, 8 + axis_h + 8)

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        half_w, half_h = MAP_W / 2, MAP_H / 2
        tints = QUADRANT_TINTS
        rects = self._quadrant_rects()
        for key in QUADRANTS:
            painter.fillRect(rects[key], QColor(tints[key]))
        # the quadrant names and governance are drawn above the markers by ``self.names``
        painter.setPen(QPen(QColor("#9aa5b1"), 2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(half_w, 0), QPointF(half_w, MAP_H))
        painter.drawLine(QPointF(0, half_h), QPointF(MAP_W, half_h))
        painter.setPen(QPen(QColor("#3e4c59"), 3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(MAP_RECT)
        # axis names with arrows: x along the bottom, y up the left side
        axis_h = QFontMetricsF(self._font(self.axis_size, True)).height() + 4
        painter.setFont(self._font(self.axis_size, True))
        painter.setPen(QColor("#1f2933"))
        painter.drawText(QRectF(0, MAP_H + 8, MAP_W, axis_h), Qt.AlignmentFlag.AlignHCenter,
                         f"{self.axes.get('x', '')}  →")
        painter.setFont(self._font(self.small_size, False))
        painter.setPen(QColor("#3e4c59"))
        painter.drawText(QRectF(0, MAP_H + 8, 300, axis_h), Qt.AlignmentFlag.AlignLeft, "low")
        painter.drawText(QRectF(MAP_W - 300, MAP_H + 8, 300, axis_h), Qt.AlignmentFlag.AlignRight, "high")
        painter.save()
        painter.translate(-12, MAP_H)
        painter.rotate(-90)
        painter.setFont(self._font(self.axis_size, True))
        painter.setPen(QColor("#1f2933"))
        bottom = Qt.AlignmentFlag.AlignBottom
        painter.drawText(QRectF(0, -axis_h, MAP_H, axis_h), Qt.AlignmentFlag.AlignHCenter | bottom,
                         f"{self.axes.get('y', '')}  →")
        painter.setFont(self._font(self.small_size, False))
        painter.setPen(QColor("#3e4c59"))
        painter.drawText(QRectF(0, -axis_h, 300, axis_h), Qt.AlignmentFlag.AlignLeft | bottom, "low")
        painter.drawText(QRectF(MAP_H - 300, -axis_h, 300, axis_h), Qt.AlignmentFlag.AlignRight | bottom, "high")
        painter.restore()


_HALO = ((-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1))


class QuadrantNames(QGraphicsItem):
    """The quadrant names and their governance, in their reserved bands, drawn above the
    people's markers with a white halo: a marker placed on a name never hides it, and stays
    visible around the letters. (Labels and agreed cards are kept out of the bands by the
    label layout.)"""

    def __init__(self, background: MapBackground) -> None:
        super().__init__()
        self.background = background
        self.setZValue(150)  # above the markers (100), below agreed cards (200) and labels (400)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._bounds = QRectF()

    def refresh(self) -> None:
        self.prepareGeometryChange()
        r = QRectF()
        for name_box, gov_box in self.background._text_boxes().values():
            r = r.united(name_box).united(gov_box)
        self._bounds = r.adjusted(-6, -6, 6, 6)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        bg = self.background
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for key, (name_box, gov_box) in bg._text_boxes().items():
            for box, text, size, bold, colour in (
                    (name_box, bg.quadrants.get(key, ""), bg.name_size, True, QColor(*QUADRANT_NAME_INK)),
                    (gov_box, bg.governance.get(key, "").split(":")[0], bg.gov_size, False, QColor(*QUADRANT_GOV_INK))):
                if not text:
                    continue
                painter.setFont(bg._font(size, bold))
                # the halo: the text in white a little off to each side (cheap glyph blits,
                # unlike stroking the outline), then the text itself
                d = max(1.0, size * 0.07)
                painter.setPen(QColor(255, 255, 255, 235))
                for dx, dy in _HALO:
                    painter.drawText(box.translated(dx * d, dy * d), Qt.AlignmentFlag.AlignCenter, text)
                painter.setPen(colour)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


_VISIBLE_HAS_CHANGED = QGraphicsItem.GraphicsItemChange.ItemVisibleHasChanged  # (read once, not per change)


class GroupOverlay(QGraphicsItem):
    """One initiative's placements, grouped calmly: thin lines to a small centroid ring.

    The group's spread is its hull, drawn faintly; when the initiative is focused ("Most
    disputed" tap, the step-through) the lines darken and the hull is filled. Drawn as separate lines, not one stroked path: Qt strokes a
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
        self._members = None
        self._rebuild()

    _members = None  # placements whose points are worked out when first drawn (see set_members)

    def set_members(self, placements) -> None:
        """The group's placements (anything with normalized ``x`` and ``y``): their scene points
        are worked out when the group is drawn (a crowded map hides a hundred groups on a build)."""
        self._members = list(placements)
        self._rebuild()

    def set_focused(self, on: bool) -> None:
        if on != self.focused or on:
            self.focused = on
            self._rebuild()

    _stale = False  # the points changed while hidden: the hull is built when shown

    def itemChange(self, change, value):  # noqa: N802 - Qt's name
        if change == _VISIBLE_HAS_CHANGED and value and self._stale:
            self._rebuild()
        return super().itemChange(change, value)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _rebuild(self) -> None:
        if not self.isVisible() and self.scene() is not None:
            # a crowded map shows only the focused group: the others' hulls wait until shown
            self._stale = True
            return
        self._stale = False
        self.prepareGeometryChange()
        if self._members is not None:
            self._points, self._members = [to_scene(p.x, p.y) for p in self._members], None
        pts = self._points
        self._lines, self._hull = [], None
        if len(pts) >= 2:
            c = QPointF(sum(p.x() for p in pts) / len(pts), sum(p.y() for p in pts) / len(pts))
            self._centroid = c
            self._lines = [QLineF(c, p) for p in pts]
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
        fill = QColor("#f59e0b") if self.focused else QColor(GROUP_COLOUR)
        fill.setAlpha(40 if self.focused else 10)
        self._brush = QBrush(fill)
        self.setZValue(-5 if self.focused else -10)
        self.update()

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        if not self._lines:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._hull is not None:
            edge = QColor(self._pen.color())
            if not self.focused:
                edge.setAlpha(70)
            painter.setPen(QPen(edge, 2.0 if self.focused else 0.0))
            painter.setBrush(self._brush)
            painter.drawPolygon(self._hull)
        painter.setPen(self._pen)
        painter.drawLines(self._lines)
        painter.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        painter.drawEllipse(self._centroid, 9, 9)
