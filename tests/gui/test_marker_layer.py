"""Every plain marker on the map is drawn by one cached MarkerLayer (a repaint blits one
picture instead of visiting a picture item per card); a marker that is dragged, focused or
decorated paints itself; the layer follows every change (a drop, a focus, a person view)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QGraphicsPixmapItem

from tension_desktop.gui.tension_map import TensionMapWidget
from tension_desktop.gui.tension_map.items import PlacementCard
from tension_desktop.gui.tension_map.scene import DIMMED
from tension_desktop.store import tension_map as store


def _show(qtbot, doc) -> TensionMapWidget:
    w = TensionMapWidget(doc)
    qtbot.addWidget(w)
    w.resize(1366, 700)
    w.show()
    qtbot.waitExposed(w)
    QApplication.processEvents()
    return w


def _grab(w: TensionMapWidget) -> QImage:
    QApplication.processEvents()
    return w.view.viewport().grab().toImage()


def _marker_box(w: TensionMapWidget, card: PlacementCard) -> QRect:
    """Where the card's marker is drawn, in viewport pixels."""
    at = w.view.mapFromScene(card.pos())
    s = card.scale()
    r = card._rect
    return QRect(QPoint(int(at.x() + r.left() * s), int(at.y() + r.top() * s)),
                 QPoint(int(at.x() + r.right() * s), int(at.y() + r.bottom() * s)))


def _differs(a: QImage, b: QImage, box: QRect) -> bool:
    return any(a.pixel(x, y) != b.pixel(x, y)
               for x in range(max(0, box.left()), min(a.width(), box.right() + 1))
               for y in range(max(0, box.top()), min(a.height(), box.bottom() + 1)))


def test_every_plain_marker_is_drawn_by_the_layer_at_its_card(qtbot, doc):
    w = _show(qtbot, doc)
    cards = [c for c in w.map.cards.values() if c.marker_mode]
    assert len(cards) > 20
    assert not [it for it in w.scene.items() if isinstance(it, QGraphicsPixmapItem)], "no picture item per card"
    assert all(c._plain and bool(c.flags() & c.GraphicsItemFlag.ItemHasNoContents) for c in cards)
    shown = _grab(w)
    w.map.markers.setVisible(False)
    bare = _grab(w)
    w.map.markers.setVisible(True)
    vp = w.view.viewport().rect()
    inside = [c for c in cards if vp.contains(_marker_box(w, c))]
    missing = [c.key for c in inside if not _differs(shown, bare, _marker_box(w, c))]
    assert inside and not missing, f"markers the layer did not draw: {missing}"


def test_a_dragged_marker_paints_itself_and_the_layer_draws_it_where_it_was_dropped(qtbot, doc):
    w = _show(qtbot, doc)
    vp = w.view.viewport()
    card = next(c for c in w.map.cards.values() if c.marker_mode and c.draggable
                and w.view._hit_test(*(lambda p: (p.x(), p.y()))(w.view.mapFromScene(c.pos()) +
                                                                   (c.offset * c.scale()).toPoint())) is c)
    key = card.key
    start = w.view.mapFromScene(card.pos()) + (card.offset * card.scale()).toPoint()
    end = w.view.mapFromScene(QPointF(1300, 850))
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 9):
        p = start + (end - start) * (k / 8)
        qtbot.mouseMove(vp, QPoint(int(p.x()), int(p.y())))
    assert card.dragging and not card._plain, "while it moves the card paints itself"
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)
    stored = store.get_placement(doc.lib, doc.workshop_id, *key)
    assert abs(stored.x - 1300 / 1600) < 0.02 and abs(stored.y - (1 - 850 / 1000)) < 0.02
    moved = w.map.cards[key]
    assert moved._plain and not moved.dragging
    shown = _grab(w)
    w.map.markers.setVisible(False)
    bare = _grab(w)
    assert _differs(shown, bare, _marker_box(w, moved)), "the layer draws the dropped marker at its new place"


def test_a_focused_initiative_s_markers_rise_above_the_layer_and_the_rest_dim(qtbot, doc):
    w = _show(qtbot, doc)
    iid = next(iter(w.map.disputes))
    before = _grab(w)
    w.set_focus(iid)
    mine = [c for c in w.map.cards.values() if c.initiative_id == iid and c.marker_mode]
    others = [c for c in w.map.cards.values() if c.initiative_id != iid and c.marker_mode]
    assert mine and all(not c._plain and c.zValue() > w.map.markers.zValue() for c in mine)
    assert all(c._plain and c.opacity() == DIMMED for c in others)
    after = _grab(w)
    vp = w.view.viewport().rect()
    dimmed = [c for c in others if vp.contains(_marker_box(w, c))]
    assert all(_differs(before, after, _marker_box(w, c)) for c in dimmed), "the layer drew them dimmed"
    w.set_focus(None)
    assert all(c._plain and c.opacity() == 1.0 for c in mine + others)
