"""The map's view: the shared touch canvas plus a tray glued to its left edge.

The tray lives inside the scene (so a finger drag from the tray onto the map is an
ordinary canvas drag, the same code path for mouse and touch, and testable offscreen),
but its items ignore the view's zoom and are moved to the viewport's left edge whenever
the view scrolls, zooms or resizes: zoomed in or out, the initiatives stay at hand.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QWidget

from tension_desktop.model.legibility import NAME_CAP_MM, SECONDARY_CAP_MM
from tension_desktop.model.tension_map import quadrant_of

from ..canvas import TouchCanvasView
from ..canvas_keys import is_valid
from ..legibility import min_font_px
from .items import (
    CARD_FONT_PX,
    MAP_RECT,
    MAP_VIEW_RECT,
    PlacementCard,
    card_font,
    to_scene,
    to_unit,
)
from .tray import TrayChip, TrayPanel

TRAY_MARGIN = 12
TRAY_TOP = 64
TRAY_FOOTER = 72  # room for the page buttons when the initiatives do not fit
TRAY_GAP = 8  # between compact chips (a 1366x768 laptop's two columns)


class MapView(TouchCanvasView):
    """TouchCanvasView with the initiatives tray and a Fit that leaves room for it."""

    MIN_ZOOM, MAX_ZOOM = 0.08, 6.0  # the map is 1600 scene units wide; a laptop shows it at ~0.4
    #: zoom, fit or resize: what is drawn at a constant size on screen (labels) is laid out again
    viewChanged = Signal()
    #: the viewport is about to paint (deferred work that changes what is drawn runs now)
    aboutToPaint = Signal()
    tray_chips: list[TrayChip] = []
    tray_panel: TrayPanel | None = None
    _fitting = False  # (class defaults: Qt scrolls the view before __init__ has set them)
    _fitted_rect: QRectF | None = None
    top_reserve = right_reserve = tray_foot = 0.0

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tensionMapView")
        self.setScene(scene)
        # An explicit, generous sceneRect: Qt never recomputes itemsBoundingRect, and the
        # map can be panned so it sits beside the tray at any zoom.
        w, h = MAP_RECT.width(), MAP_RECT.height()
        scene.setSceneRect(MAP_RECT.adjusted(-4 * w, -4 * h, 4 * w, 4 * h))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundBrush(Qt.GlobalColor.white)
        # Cards cache their painting (DeviceCoordinateCache) in QPixmapCache; 2,000 cards need
        # ~100 MB, far above Qt's 10 MB default, or every repaint would draw every card again.
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), 192 * 1024))
        self.tray_panel = TrayPanel()
        scene.addItem(self.tray_panel)
        self.tray_chips: list[TrayChip] = []
        self.tray_page = 0
        self._card_scale = 1.0
        self.tray_visible = True
        self._dragging: QGraphicsItem | None = None
        #: viewport rectangles that floating controls cover (labels stay clear; Fit leaves
        #: ``top_reserve`` pixels free at the top for them)
        self.reserved_rects: list[QRectF] = []
        self.top_reserve = 0.0
        self.right_reserve = 0.0
        #: viewport pixels at the tray's foot that the map's floating controls stand on
        self.tray_foot = 0.0
        #: set once the map is first shown: from then on a resize of the view refits the map
        #: (while the coach has not panned or zoomed since the last fit)
        self.refit_on_resize = False
        self._fitted_rect = None  # what the last fit showed; None once the map was moved
        self.dragStarted.connect(self._drag_started)
        self.itemDropped.connect(self._drag_ended)
        self.dragCancelled.connect(self._drag_cancelled)

    # -- hit testing: the tray strip blocks the map; a card that may not move (another round,
    # Agree mode) is still hit (tap, long press, menu) and the canvas pans when it is moved -----
    def _hit_test(self, x: float, y: float):
        return self.card_at(QPointF(x, y), chips=True)

    def card_at(self, view_pos: QPointF, chips: bool = False) -> PlacementCard | TrayChip | None:
        """The topmost visible card under a viewport point, draggable or not (``chips``: a
        tray chip too)."""
        for item in self.items(view_pos.toPoint()):
            if isinstance(item, TrayChip):
                if chips:
                    return item
                continue
            if item is self.tray_panel and self.tray_panel.isVisible():
                return None
            if isinstance(item, PlacementCard) and item.isVisible():
                return item
        return None

    def over_tray(self, scene_point: QPointF) -> bool:
        """Is this scene point over the tray strip (dropping a card there takes it off the map)?"""
        if not self.tray_visible:
            return False
        return self.mapFromScene(scene_point).x() <= self.tray_width()

    # -- the tray -----------------------------------------------------------------------------
    def set_tray(self, chips: list[TrayChip]) -> None:
        scene = self.scene()
        for chip in self.tray_chips:
            scene.removeItem(chip)
        self.tray_chips = list(chips)
        for chip in self.tray_chips:
            scene.addItem(chip)
            chip.setVisible(self.tray_visible)
        self.place_tray()

    def set_tray_visible(self, on: bool) -> None:
        if on == self.tray_visible and on == self.tray_panel.isVisible():
            return  # as it is (every drop asks): no second layout of the tray
        self.tray_visible = on
        self.tray_panel.setVisible(on)
        for chip in self.tray_chips:
            chip.setVisible(on)
        self.place_tray()  # hides the chips of other pages again

    def tray_scale(self) -> float:
        """Whiteboard type draws the tray larger, but never so large that a narrow map
        (1366x768) loses its room to it: at most one unit per 1000 px of view width."""
        return max(1.0, min(self.whiteboard_scale, self.viewport().width() / 1000))

    def tray_width(self) -> float:
        """The tray strip's width in viewport pixels (0 when hidden)."""
        return self.tray_panel.size.width() * self.tray_scale() if self.tray_visible else 0.0

    def _tray_layout(self) -> tuple[int, int, float, bool, float]:
        """(columns, rows, chip pitch, paged, chip width): at most two columns; more
        initiatives than fit turn the tray into pages with big Previous/Next buttons at its foot."""
        n = max(1, len(self.tray_chips))
        k = self.tray_scale()  # the tray is drawn k times larger: lay it out in 1/k pixels
        room = max(TrayChip.H, self.viewport().height() / k - TRAY_TOP - TRAY_MARGIN - self.tray_foot / k)
        # tighten the spacing (never below a 48 px target plus a gap) before a second column
        pitch = max(TrayChip.MIN_H + 4, min(TrayChip.H + 8, room / n))
        # a second column only where the map keeps enough room beside it
        wide = self.viewport().width() / k >= 1800
        columns = max(1, min(2 if wide else 1, math.ceil(n * pitch / room)))
        rows = max(1, math.ceil(n / columns))
        if rows * pitch <= room:
            return columns, rows, pitch, False, TrayChip.W
        if columns == 1 and math.ceil(n / 2) * pitch <= room and self.whiteboard_scale <= 1.0:
            # the coach's view: two columns hold every initiative, so none hides behind pages
            # (on the whiteboard the map keeps the width; the room reads the map, not the tray).
            # The chips are as wide as the map leaves room for at its full height (a 1366x768
            # laptop: compact chips, smaller type on up to three lines), never under MIN_W.
            rows = math.ceil(n / 2)
            spare = self._spare_tray_width() / k
            chip_w = max(TrayChip.MIN_W, min(TrayChip.W, (spare - 2 * TRAY_MARGIN - TRAY_GAP) / 2))
            return 2, rows, min(TrayChip.H + 8, room / rows), False, chip_w
        rows = max(1, int((room - TRAY_FOOTER) // pitch))
        return columns, rows, pitch, True, TrayChip.W

    def _spare_tray_width(self) -> float:
        """How wide (viewport pixels) the tray may be while the whole map still fits the view's
        full height beside it (past that, every pixel of tray is a pixel of map height lost)."""
        vp = self.viewport()
        rect = self.whole_map_rect()
        room_h = max(50.0, vp.height() - 16 - self.top_reserve)
        return vp.width() - self.right_reserve - 16 - room_h / rect.height() * rect.width()

    def place_tray(self, chips: bool = True) -> None:
        """Glue the tray (panel and chips) to the viewport's left edge (``chips=False``: the
        panel only, for its width; the chips are placed by a later call)."""
        if self.tray_panel is None:
            return  # still being constructed
        columns, rows, pitch, paged, chip_w = self._tray_layout()
        gap = TRAY_MARGIN if chip_w >= TrayChip.W else TRAY_GAP
        width = TRAY_MARGIN + columns * (chip_w + gap) + (TRAY_MARGIN - gap)
        per_page = rows * columns
        pages = max(1, math.ceil(len(self.tray_chips) / per_page))
        self.tray_page = min(self.tray_page, pages - 1)
        k = self.tray_scale()
        self.tray_panel.setScale(k)
        self.tray_panel.set_size(width, self.viewport().height() / k)
        self.tray_panel.set_foot(self.tray_foot / k)
        self.tray_panel.set_pages(self.tray_page, pages if paged else 1)
        self.tray_panel.setPos(self.mapToScene(QPoint(0, 0)))
        if not chips:
            return
        chip_h = max(TrayChip.MIN_H, min(TrayChip.H, pitch - 6))
        first = self.tray_page * per_page
        for n, chip in enumerate(self.tray_chips):
            chip.set_height(chip_h)
            chip.set_width(chip_w)
            chip.setScale(k)
            if chip is self._dragging:
                continue
            on_page = first <= n < first + per_page
            chip.setVisible(self.tray_visible and on_page)
            if not on_page:
                continue
            col, row = divmod(n - first, rows)
            px = QPoint(int(k * (TRAY_MARGIN + col * (chip_w + gap))), int(k * (TRAY_TOP + row * pitch)))
            chip.setPos(self.mapToScene(px))

    def tray_tap(self, view_pos: QPointF) -> bool:
        """A tap on the tray's Previous/Next buttons turns the page; True if it was one."""
        if not self.tray_visible or self.tray_panel.pages <= 1:
            return False
        local = (view_pos - QPointF(self.mapFromScene(self.tray_panel.pos()))) / self.tray_scale()
        which = self.tray_panel.button_at(local)
        if which is None:
            return False
        self.tray_page = max(0, min(self.tray_panel.pages - 1, self.tray_page + which))
        self.place_tray()
        return True

    def _drag_started(self, item, _pos) -> None:
        self._dragging = item
        if isinstance(item, PlacementCard):
            item.setZValue(9000)  # above the tray while it moves (a drop there removes it)
            item.set_dragging(True)  # it paints itself while it moves (the marker layer stays)

    def _drag_ended(self, item, _start, _pos) -> None:
        self._dragging = None
        if isinstance(item, PlacementCard) and is_valid(item):
            item.set_dragging(False)
        if isinstance(item, TrayChip):
            item.setZValue(5001)
            self.place_tray()

    def _drag_cancelled(self, item) -> None:
        self._drag_ended(item, None, None)

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.aboutToPaint.emit()
        return super().viewportEvent(event)

    # -- keeping the tray glued -------------------------------------------------------------
    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if self._fitting:
            return  # a fit or a resize: it places the tray once it is done (not once per scroll)
        self._fitted_rect = None  # the coach (or a drag) moved the map: keep their view
        self.place_tray()

    def resizeEvent(self, event) -> None:
        """Once the map has been shown (``refit_on_resize``), a change of the view's own size
        fits the map again as long as it still shows what the last fit showed: the panel
        folding to its strip, a tab row wrapping, a bar appearing, the window resized. So the
        fit always follows the room the map really has, never a size from before the layout
        settled; a view the coach panned or zoomed stays as they left it."""
        fitted, self._fitting = self._fitted_rect, True  # Qt may clamp the scroll bars here
        try:
            super().resizeEvent(event)
        finally:
            self._fitting = False
        if self.refit_on_resize and fitted is not None:
            self.fit_rect(fitted)
            return
        self._fitted_rect = fitted
        self.place_tray()
        self.viewChanged.emit()

    # -- sizes from physics ---------------------------------------------------------------------
    def min_name_px(self) -> int:
        """On the whiteboard: the font size whose capitals are NAME_CAP_MM (20 mm) tall on the
        panel in use; 0 elsewhere (the coach's own screen)."""
        if self.whiteboard_scale <= 1.0:
            return 0
        return min_font_px(self, NAME_CAP_MM, card_font())

    def min_secondary_px(self) -> int:
        """The same for secondary text (SECONDARY_CAP_MM, 12 mm)."""
        if self.whiteboard_scale <= 1.0:
            return 0
        return min_font_px(self, SECONDARY_CAP_MM, card_font(20, False))

    def label_font_px(self) -> int:
        """The initiative names' font size in pixels: the cards' size (which follows the
        zoom and the whiteboard type), never under 14 px on a 1080-line screen (larger on an
        unscaled 4K one), and on the whiteboard never under the physical rule."""
        screen = self.screen()
        lines = max(1.0, screen.geometry().height() / 1080) if screen is not None and self.whiteboard_scale <= 1 else 1.0
        return max(round(max(14.0, CARD_FONT_PX * self.card_scale()) * lines), self.min_name_px())

    def card_scale(self) -> float:
        """How big cards are drawn: full size once the map is shown at 80% or more; on a
        smaller map (a laptop, Fit on a crowded map) they shrink with it, down to 55%, so the
        map never drowns under its cards. Zooming in beyond that keeps their size and pulls
        crowded cards apart. Steps of 0.05, so a pinch re-renders the cards a few times only.
        In whiteboard type all of this is ``whiteboard_scale`` times larger."""
        k = self.whiteboard_scale
        scale = k * round(max(0.55, min(1.0, self.zoom * 1.25 / k)) * 20) / 20
        # on the whiteboard an agreed card's title and governance keep their physical size
        return max(scale, self.min_name_px() / CARD_FONT_PX, self.min_secondary_px() / 16)

    def _rescale_cards(self) -> None:
        if not self.isVisible():
            return  # a fit before the map is shown (its room is not known yet): done on show
        scale = self.card_scale()
        if scale == self._card_scale:
            return
        self._card_scale = scale
        for item in self.scene().items():
            if isinstance(item, PlacementCard):
                item.set_card_scale(scale)

    def applied_card_scale(self) -> float:
        """The scale the cards on the map are drawn at now (new cards are built at it)."""
        return self._card_scale if self._card_scale > 0 else self.card_scale()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # a fit made while hidden (another tab, before the first show) is made again in the
        # room the view has now, and the cards take its scale
        if self._fitted_rect is not None:
            self.fit_rect(self._fitted_rect)
        else:
            self._rescale_cards()
            self.viewChanged.emit()

    def physics_changed(self) -> None:
        """Another panel size: names and secondary text take their new physical size now
        (cards, labels, quadrant names), and the map is fitted again if it showed a fit."""
        if not self.isVisible():
            return  # re-read when shown (showEvent fits or rescales, the labels follow)
        self._card_scale = -1.0  # every card is drawn again at the scale for this panel
        if self._fitted_rect is not None:
            self.fit_rect(self._fitted_rect)
        else:
            self._rescale_cards()
            self.viewChanged.emit()

    def apply_whiteboard_scale(self, old: float, new: float) -> None:
        """Whiteboard type: larger cards and tray (they ignore the zoom), the map refitted."""
        self.fit_all()

    def zoom_by(self, factor: float, view_pos: QPointF | None = None) -> None:
        super().zoom_by(factor, view_pos)
        self._fitted_rect = None
        self._rescale_cards()
        self.place_tray()
        self.viewChanged.emit()

    #: what "the whole map" is (the map's background tells: its axis names' size); MAP_VIEW_RECT if unset
    fit_area = None

    def whole_map_rect(self) -> QRectF:
        """The scene rectangle Fit shows."""
        return self.fit_area() if self.fit_area is not None else QRectF(MAP_VIEW_RECT)

    def fit_all(self) -> None:
        """Show the whole map beside the tray."""
        self.fit_rect(self.whole_map_rect())

    def fit_rect(self, rect: QRectF) -> None:
        vp = self.viewport().rect()
        self.place_tray(chips=False)  # the tray's columns follow the view's height: its width for this size
        tray = self.tray_width()
        top, right = self.top_reserve, self.right_reserve
        room_w, room_h = max(50.0, vp.width() - tray - right - 16), max(50.0, vp.height() - 16 - top)
        scale = min(room_w / rect.width(), room_h / rect.height())
        scale = max(self.MIN_ZOOM, min(self.MAX_ZOOM, scale))
        self._fitting = True
        try:
            self.resetTransform()
            self.scale(scale, scale)
            # centre the rect in the area right of the tray (and below the floating controls)
            self.centerOn(rect.center() - QPointF((tray - right) / 2 / scale, top / 2 / scale))
        finally:
            self._fitting = False
        self._fitted_rect = QRectF(rect)
        self._rescale_cards()
        self.place_tray()
        self.viewChanged.emit()


def new_scene() -> QGraphicsScene:
    """The scene with the index that suits it (see benchmarks/bench_tension_map.py)."""
    scene = QGraphicsScene()
    # no index: cards, labels and the tray ignore the view's zoom, and Qt's BSP tree cannot
    # index such items (it tests them one by one anyway), so keeping the tree up to date
    # only costs time on every build, drop and repaint
    scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
    return scene



class KeyboardMapView(MapView):
    """The map with its keyboard: the tray's chips first, then the cards; an arrow key on a
    chip puts its initiative on the map (the centre, a step in the arrow's direction), an
    arrow on a card moves it a twentieth of an axis (Shift: a hundredth)."""

    quadrant_names: dict[str, str] = {}

    def focusable_items(self) -> list:
        chips = [c for c in self.tray_chips if c.isVisible()]
        cards = [it for it in self.scene().items() if isinstance(it, PlacementCard) and it.isVisible()]
        cards.sort(key=lambda c: (round(-c.pos().y() / 20), c.pos().x()))
        return [*chips, *cards]

    def key_step_rect(self) -> QRectF:
        return QRectF(MAP_RECT)

    def key_drop_point(self, item, key: int, fine: bool):
        if isinstance(item, TrayChip):
            point = super().key_drop_point(item, key, fine) - item.scenePos()
            return QRectF(MAP_RECT).center() + point
        point = super().key_drop_point(item, key, fine)
        rect = QRectF(MAP_RECT)
        return QPointF(min(rect.right(), max(rect.left(), point.x())), min(rect.bottom(), max(rect.top(), point.y())))

    def over_tray(self, scene_point: QPointF) -> bool:
        return False if self._keyboard_drop else super().over_tray(scene_point)

    _keyboard_drop = False

    def keyboard_drop(self, item, point: QPointF) -> None:
        self._keyboard_drop = True  # a card moved by key never lands "on the tray" (off the map)
        try:
            super().keyboard_drop(item, point)
        finally:
            self._keyboard_drop = False

    def after_keyboard_drop(self, identity, item) -> None:
        """A chip placed by key: the focus goes to its new card, so the next arrows move it."""
        if isinstance(item, TrayChip) and is_valid(item):
            card = next((c for c in self.focusable_items() if isinstance(c, PlacementCard)
                         and c.initiative_id == item.initiative_id and c.draggable), None)
            if card is not None:
                self.set_focused_item(card)
                return
        super().after_keyboard_drop(identity, item)

    def table_columns(self) -> list:
        """Initiative, who, innovation and criticality (editable, in %), quadrant."""
        from ..canvas_table import TableColumn

        def unit(item) -> tuple[float, float] | None:
            return to_unit(item.pos()) if isinstance(item, PlacementCard) else None

        def percent(axis: int):
            return lambda item: None if unit(item) is None else round(unit(item)[axis] * 100)

        def drop(axis: int):
            def to(item, value) -> QPointF:
                x, y = unit(item) or (0.5, 0.5)
                v = max(0.0, min(1.0, float(value) / 100))
                return to_scene(v, y) if axis == 0 else to_scene(x, v)
            return to

        def who(item) -> str:
            if isinstance(item, TrayChip):
                return "in the tray (placed)" if item.placed else "in the tray"
            return "agreed by the group" if item.agreed else item.who

        def quadrant(item) -> str:
            u = unit(item)
            return "" if u is None else self.quadrant_names.get(quadrant_of(*u), quadrant_of(*u))

        return [TableColumn("Initiative", lambda item: item.title), TableColumn("Who", who),
                TableColumn("Innovation", percent(0), drop(0), number=True),
                TableColumn("Criticality", percent(1), drop(1), number=True),
                TableColumn("Quadrant", quadrant)]

    def card_name(self, item) -> str:
        if not isinstance(item, PlacementCard):
            return super().card_name(item)
        x, y = to_unit(item.pos())
        who = "agreed by the group" if item.agreed else f"placed by {item.who}"
        quadrant = self.quadrant_names.get(quadrant_of(x, y), quadrant_of(x, y).replace("_", " ").capitalize())
        gov = f", governance {item.governance}" if item.governance else ""
        hidden = "" if item.draggable else ", cannot be moved now"
        return (f"{item.title}, {who}, innovation {round(x * 100)} %, criticality {round(y * 100)} %, "
                f"{quadrant}{gov}{hidden}")
