"""The touch-first canvas view shared by the tension map, the board and the gate view.

Mouse and touch both go through :class:`~tension_desktop.gui.gestures.GestureRecognizer`,
so the scene does not care which device moved a card (the OpenBoard lesson). Items that
can be dragged set ``draggable = True`` (attribute on the QGraphicsItem); tapping or
long-pressing any item with ``tappable = True`` is reported too. Moving a finger (or the
mouse) that pressed a tappable-only item pans the canvas, as on empty canvas.

Signals (scene coordinates):

* ``dragStarted(item, QPointF)``, ``dragMoved(item, QPointF)``: the view moves the item;
* ``itemDropped(item, QPointF start_pos, QPointF drop_point)``: one per drag, on release;
  the canvas pushes one undo command from it, so every drop is stored once (the keyboard
  moves cards through the same signals: see :mod:`~tension_desktop.gui.canvas_keys`);
* ``dragCancelled(item)`` (the item is already back at its start);
* ``itemTapped(item_or_None, QPointF)``, ``itemLongPressed(item_or_None, QPointF)``;
* ``contextMenuAt(item_or_None, QPoint global)``;
* ``whiteboardScaleChanged(float)``.

Whiteboard legibility: :attr:`TouchCanvasView.whiteboard_scale` is how much larger than
usual the canvas should draw its content (1.0 normally; larger in the app's whiteboard
theme and in the session's whiteboard window, times that window's per-screen factor, so a
4K panel gets about 2.7x). Subclasses decide how to apply it in
:meth:`~TouchCanvasView.apply_whiteboard_scale` (the default zooms the view).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QEventPoint, QMouseEvent, QPainter, QPointingDevice, QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsView, QWidget

from .canvas_keys import KeyboardCanvas
from .gestures import Action, GestureRecognizer

MOUSE_ID = -1
#: How much larger canvas content is drawn in whiteboard type (the theme's text is ~1.45x)
WHITEBOARD_TYPE = 1.35


def whiteboard_scale_for(widget: QWidget) -> float:
    """How much larger than usual ``widget``'s canvas content should be drawn: 1.0 in the
    light theme; in the session's whiteboard window ``WHITEBOARD_TYPE`` times that window's
    per-screen factor; in the whiteboard theme ``WHITEBOARD_TYPE`` times the screen's height
    over 1080 lines (a 4K panel that the system does not scale gets twice as much). A screen
    under 1080 lines does not shrink it: a small panel needs the large type most."""
    window = widget.window()
    if window is not None and window.objectName() == "whiteboardWindow":
        screen_factor = max(1.0, float(getattr(window, "factor", 0.0) or 1.0))
    else:
        app = QApplication.instance()
        if app is None or app.property("tensionTheme") != "whiteboard":
            return 1.0
        screen = widget.screen()
        lines = screen.geometry().height() if screen is not None else 1080
        screen_factor = max(1.0, min(3.0, lines / 1080))
    return max(round(WHITEBOARD_TYPE * screen_factor, 2), physical_floor(widget))


def physical_floor(widget: QWidget) -> float:
    """Sizes from physics: the scale at which a canvas's smallest name text has capitals
    NAME_CAP_MM (20 mm) tall and its smallest secondary text SECONDARY_CAP_MM (12 mm) on the
    panel in use. A canvas says what it draws at scale 1 with ``smallest_text_px()`` ->
    (name px, secondary px); one that does not gets no floor (0)."""
    sizes = getattr(widget, "smallest_text_px", None)
    if not callable(sizes):
        return 0.0
    from tension_desktop.model.legibility import NAME_CAP_MM, SECONDARY_CAP_MM

    from .legibility import min_font_px

    name_px, secondary_px = sizes()
    font = widget.font()
    need = max(min_font_px(widget, NAME_CAP_MM, font) / max(1.0, name_px),
               min_font_px(widget, SECONDARY_CAP_MM, font) / max(1.0, secondary_px))
    return round(need + 0.005, 2)


def _now_ms() -> float:
    return time.monotonic() * 1000.0


class TouchCanvasView(KeyboardCanvas, QGraphicsView):
    dragStarted = Signal(object, QPointF)
    dragMoved = Signal(object, QPointF)
    itemDropped = Signal(object, QPointF, QPointF)
    dragCancelled = Signal(object)
    itemTapped = Signal(object, QPointF)
    itemLongPressed = Signal(object, QPointF)
    contextMenuAt = Signal(object, QPoint)
    whiteboardScaleChanged = Signal(float)
    #: a key the keyboard layer does not use itself, on the focused card: (item, Qt key, modifiers)
    itemKey = Signal(object, int, int)

    MIN_ZOOM, MAX_ZOOM = 0.2, 6.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.gestures = GestureRecognizer(self._hit_test, can_drag=lambda item: bool(getattr(item, "draggable", False)))
        self._drag_offset = QPointF()
        self._drag_start_pos = QPointF()
        self._long_timer = QTimer(self)
        self._long_timer.setInterval(50)
        self._long_timer.timeout.connect(lambda: self._run(self.gestures.tick(_now_ms())))
        self.interaction_enabled = True
        self.whiteboard_scale = 1.0
        self._scale_check = QTimer(self)
        self._scale_check.setSingleShot(True)
        self._scale_check.setInterval(0)
        self._scale_check.timeout.connect(self.update_whiteboard_scale)
        from .legibility import panel_notice

        # another panel size (View -> Whiteboard panel size…): sizes from physics change now
        panel_notice.changed.connect(self._panel_changed)
        self.init_keyboard()  # cards take focus, the arrows move them (canvas_keys)
        from .canvas_access import install_canvas_accessibility

        install_canvas_accessibility()

    def drawForeground(self, painter: QPainter, rect) -> None:  # noqa: N802 (Qt)
        super().drawForeground(painter, rect)
        self.paint_focus_ring(painter)

    # -- whiteboard legibility ----------------------------------------------------------------
    def update_whiteboard_scale(self) -> None:
        """Re-read the theme and the window this canvas is in; apply a changed scale."""
        new = whiteboard_scale_for(self)
        if abs(new - self.whiteboard_scale) < 0.01:
            return
        old, self.whiteboard_scale = self.whiteboard_scale, new
        self.apply_whiteboard_scale(old, new)
        self.whiteboardScaleChanged.emit(new)

    def _panel_changed(self) -> None:
        old = self.whiteboard_scale
        self.update_whiteboard_scale()
        if abs(self.whiteboard_scale - old) < 0.01:
            self.physics_changed()  # the scale stayed: what depends on the panel directly

    def physics_changed(self) -> None:
        """The panel's size changed but the whiteboard scale did not: redraw whatever takes
        its size from the panel directly (default: nothing)."""

    def apply_whiteboard_scale(self, old: float, new: float) -> None:
        """Draw the content ``new / old`` times larger (default: zoom the view)."""
        self.scale(new / old, new / old)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.ParentChange):
            # the theme's style sheet is set before its name: look once the change settled
            self._scale_check.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.update_whiteboard_scale()

    # -- hit testing -----------------------------------------------------------------------
    def _hit_test(self, x: float, y: float):
        for item in self.items(QPoint(int(x), int(y))):
            node: QGraphicsItem | None = item
            while node is not None:
                if getattr(node, "draggable", False) or getattr(node, "tappable", False):
                    return node
                node = node.parentItem()
        return None

    # -- zoom ------------------------------------------------------------------------------
    def zoom_by(self, factor: float, view_pos: QPointF | None = None) -> None:
        """Zoom keeping the scene point under ``view_pos`` (default: centre) still."""
        current = self.transform().m11()
        factor = max(self.MIN_ZOOM / current, min(self.MAX_ZOOM / current, factor))
        if view_pos is None:
            view_pos = QPointF(self.viewport().rect().center())
        anchor = self.mapToScene(view_pos.toPoint())
        self.scale(factor, factor)
        moved = self.mapFromScene(anchor)
        delta = QPointF(moved) - view_pos
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + int(delta.x()))
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + int(delta.y()))

    def fit_all(self) -> None:
        """Show the whole scene."""
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    # -- running recognizer actions ----------------------------------------------------------
    def _run(self, actions: list[Action]) -> None:
        for a in actions:
            pos = self.mapToScene(QPoint(int(a.x), int(a.y)))
            if a.kind == "drag_start":
                item = a.item
                self._drag_start_pos = item.pos()
                self._drag_offset = pos - item.scenePos()
                item.setZValue(item.zValue() + 1000)
                self.dragStarted.emit(item, pos)
            elif a.kind == "drag_move":
                item = a.item
                parent = item.parentItem()
                target = pos - self._drag_offset
                item.setPos(parent.mapFromScene(target) if parent else target)
                self.dragMoved.emit(item, pos)
            elif a.kind == "drag_end":
                a.item.setZValue(a.item.zValue() - 1000)
                self.itemDropped.emit(a.item, QPointF(self._drag_start_pos), pos)
            elif a.kind == "drag_cancel":
                a.item.setZValue(a.item.zValue() - 1000)
                a.item.setPos(self._drag_start_pos)
                self.dragCancelled.emit(a.item)
            elif a.kind == "tap":
                self.itemTapped.emit(a.item, pos)
            elif a.kind == "long_press":
                self._long_timer.stop()
                self.itemLongPressed.emit(a.item, pos)
            elif a.kind == "pan":
                self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - int(round(a.dx)))
                self.verticalScrollBar().setValue(self.verticalScrollBar().value() - int(round(a.dy)))
            elif a.kind == "zoom":
                self.zoom_by(a.factor, QPointF(a.x, a.y))

    # -- touch -------------------------------------------------------------------------------
    def viewportEvent(self, event: QEvent) -> bool:
        et = event.type()
        if et in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            if not self.interaction_enabled:
                return True
            t = _now_ms()
            for point in event.points():
                p = point.position()
                state = point.state()
                if state == QEventPoint.State.Pressed:
                    self._run(self.gestures.press(point.id(), p.x(), p.y(), t))
                    self._long_timer.start()
                elif state == QEventPoint.State.Updated:
                    self._run(self.gestures.move(point.id(), p.x(), p.y(), t))
                elif state == QEventPoint.State.Released:
                    self._run(self.gestures.release(point.id(), p.x(), p.y(), t))
            if not self.gestures.points:
                self._long_timer.stop()
            event.accept()
            return True
        if et == QEvent.Type.TouchCancel:
            self._run(self.gestures.cancel())
            self._long_timer.stop()
            return True
        return super().viewportEvent(event)

    # -- mouse -------------------------------------------------------------------------------
    @staticmethod
    def _synthesized(event: QMouseEvent) -> bool:
        return event.device().type() == QPointingDevice.DeviceType.TouchScreen

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._synthesized(event) or not self.interaction_enabled:
            return
        if event.button() == Qt.MouseButton.LeftButton:
            p = event.position()
            self._run(self.gestures.press(MOUSE_ID, p.x(), p.y(), _now_ms()))
            self._long_timer.start()
        elif event.button() == Qt.MouseButton.RightButton:
            item = self._hit_test(event.position().x(), event.position().y())
            self.contextMenuAt.emit(item, event.globalPosition().toPoint())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._synthesized(event) or MOUSE_ID not in self.gestures.points:
            return
        p = event.position()
        self._run(self.gestures.move(MOUSE_ID, p.x(), p.y(), _now_ms()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._synthesized(event) or event.button() != Qt.MouseButton.LeftButton:
            return
        p = event.position()
        self._run(self.gestures.release(MOUSE_ID, p.x(), p.y(), _now_ms()))
        self._long_timer.stop()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self._hit_test(event.position().x(), event.position().y())
        if item is not None:
            self.itemLongPressed.emit(item, self.mapToScene(event.position().toPoint()))

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            self.zoom_by(1.15 ** steps, event.position())
            event.accept()
            return
        super().wheelEvent(event)

    def contextMenuEvent(self, event) -> None:  # keyboard menu key
        if event.reason() != event.Reason.Mouse:
            item = self._hit_test(event.pos().x(), event.pos().y())
            self.contextMenuAt.emit(item, event.globalPos())
