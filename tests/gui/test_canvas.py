"""The shared touch canvas with real mouse and touch events: what moves and what pans."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene

from tension_desktop.gui.canvas import TouchCanvasView
from tests.input import mouse_drag, touch_drag, touch_tap


def _canvas(qtbot):
    view = TouchCanvasView()
    qtbot.addWidget(view)
    scene = QGraphicsScene(view)
    scene.setSceneRect(QRectF(0, 0, 3000, 3000))
    view.setScene(scene)
    label = QGraphicsRectItem(0, 0, 120, 60)
    label.tappable = True  # tap only: never dragged
    card = QGraphicsRectItem(0, 0, 120, 60)
    card.draggable = True
    card.tappable = True
    for item, x in ((label, 1000), (card, 1300)):
        item.setPos(x, 1000)
        scene.addItem(item)
    view.resize(700, 600)
    view.show()
    qtbot.waitExposed(view)
    view.centerOn(1250, 1030)
    return view, label, card


def _scroll(view):
    return view.horizontalScrollBar().value(), view.verticalScrollBar().value()


def _record(view):
    seen = {"dropped": [], "tapped": [], "started": []}
    view.itemDropped.connect(lambda item, *_: seen["dropped"].append(item))
    view.itemTapped.connect(lambda item, *_: seen["tapped"].append(item))
    view.dragStarted.connect(lambda item, *_: seen["started"].append(item))
    return seen


def _centre(view, item) -> QPoint:
    return view.mapFromScene(item.sceneBoundingRect().center())


def test_a_touch_drag_on_a_tap_only_item_pans_the_canvas_and_leaves_the_item(qtbot):
    view, label, _card = _canvas(qtbot)
    seen = _record(view)
    before = _scroll(view)
    start = _centre(view, label)
    touch_drag(view.viewport(), start, start + QPoint(150, 80))
    assert label.pos() == QPointF(1000, 1000)
    assert seen["started"] == [] and seen["dropped"] == []
    assert _scroll(view) == (before[0] - 150, before[1] - 80)
    # the item under the finger moved with the canvas, like a map under a hand
    assert (_centre(view, label) - (start + QPoint(150, 80))).manhattanLength() <= 2


def test_a_mouse_drag_on_a_tap_only_item_pans_and_a_draggable_one_still_moves(qtbot):
    view, label, card = _canvas(qtbot)
    seen = _record(view)
    before = _scroll(view)
    start = _centre(view, label)
    mouse_drag(qtbot, view.viewport(), start, start + QPoint(-60, 40))
    assert label.pos() == QPointF(1000, 1000)
    assert _scroll(view) == (before[0] + 60, before[1] - 40)
    assert seen["dropped"] == []
    start = _centre(view, card)
    mouse_drag(qtbot, view.viewport(), start, start + QPoint(100, 0))
    assert seen["dropped"] == [card] and abs(card.pos().x() - 1400) <= 2


def test_a_tap_on_a_tap_only_item_is_reported(qtbot):
    view, label, _card = _canvas(qtbot)
    seen = _record(view)
    touch_tap(view.viewport(), _centre(view, label))
    assert seen["tapped"] == [label]
