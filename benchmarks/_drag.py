"""Shared by the canvas benchmarks: real mouse drags on a viewport, and the bare-view baseline."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene, QGraphicsView

MOVES = 300


def mouse(kind: QEvent.Type, pos: QPointF, button=Qt.MouseButton.LeftButton) -> QMouseEvent:
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else Qt.MouseButton.LeftButton
    return QMouseEvent(kind, pos, pos, button, buttons, Qt.KeyboardModifier.NoModifier)


def drag_times(viewport, start: QPoint, repaint: bool, check=None, step_x: int = 2) -> list[float]:
    """ms per move event of one long drag (press, MOVES moves, release).

    ``repaint`` also delivers the pending update after each move (what a frame would paint);
    ``check()`` runs before the release. The first ten moves cross the drag threshold and are
    left out."""
    app = QApplication.instance()
    app.sendEvent(viewport, mouse(QEvent.Type.MouseButtonPress, QPointF(start)))
    times = []
    for n in range(1, MOVES + 1):
        pos = QPointF(start.x() + (n % 120) * step_x, start.y() + (n % 50) * 2)
        ev = mouse(QEvent.Type.MouseMove, pos, Qt.MouseButton.NoButton)
        t0 = time.perf_counter()
        app.sendEvent(viewport, ev)
        if repaint:
            app.processEvents()
        times.append((time.perf_counter() - t0) * 1000)
    if check:
        check()
    app.sendEvent(viewport, mouse(QEvent.Type.MouseButtonRelease, QPointF(start)))
    return times[10:]


class BareView(QGraphicsView):
    """Baseline: the least a Qt view can do to follow the mouse with one item."""

    def __init__(self, width: int, height: int, item_w: int, item_h: int) -> None:
        self.bare_scene = QGraphicsScene(0, 0, width, height)
        super().__init__(self.bare_scene)
        self.rect_item = QGraphicsRectItem(0, 0, item_w, item_h)
        self.bare_scene.addItem(self.rect_item)

    def mouseMoveEvent(self, event) -> None:
        self.rect_item.setPos(self.mapToScene(event.position().toPoint()))

    def mousePressEvent(self, event) -> None:
        pass

    def mouseReleaseEvent(self, event) -> None:
        pass
