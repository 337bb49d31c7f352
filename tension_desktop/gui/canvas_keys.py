"""Keyboard use of every canvas (tension map with its tray, board, pre-mortem, stage gates).

The keyboard never has a write path of its own: it drives the SAME signals a finger or the
mouse drives on :class:`~tension_desktop.gui.canvas.TouchCanvasView` (``dragStarted``,
``dragMoved``, ``itemDropped``, ``itemTapped``, ``itemLongPressed``), so each key action
lands in the canvas's one drop handler, is one undo command, and obeys the private-round
rules exactly as a drag does (the canvases only show, and only let move, what the person on
turn may see and touch).

Keys (the canvas has focus; the focused card has a thick ring):

* Tab / Shift+Tab: next / previous card (past the last one, focus leaves the canvas);
  Ctrl+arrow: the nearest card in that direction; Home / End: first / last card.
* Arrow: move the focused card (a coarse step), Shift+arrow: a fine step. On the board and
  the lane canvases Left/Right send the card to the neighbouring column, Up/Down reorder.
* Enter: open the card's details (what a long press or double click opens).
* Space: tap the card (what a finger tap does: select, vote during a dot-vote turn, ...).
* Other keys (digits, + and -, M) go to the canvas's ``itemKey(item, key, modifiers)``
  signal; the exercise decides (board: 1-4 pick a column; pre-mortem: + / - dots, M merge).

A canvas adapts the moves with :meth:`KeyboardCanvas.key_drop_point` and names its cards
with ``accessible_name()`` on the items (see :mod:`tension_desktop.gui.canvas_access`).
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

#: the focus ring: dark blue, 3:1 or better against white cards and the canvas background
FOCUS_RING = QColor("#0b3d91")
FOCUS_HALO = QColor("#ffffff")

_ARROWS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}


def is_valid(item: QGraphicsItem | None) -> bool:
    """Is this Python wrapper still backed by a live graphics item (scenes rebuild often)?"""
    if item is None:
        return False
    try:
        from shiboken6 import isValid
    except ImportError:  # pragma: no cover - shiboken ships with PySide6
        return True
    return bool(isValid(item))


def item_identity(item: QGraphicsItem) -> Hashable:
    """What a card IS (its stored row), so the focus survives the scene being rebuilt."""
    key = getattr(item, "key", None)
    if isinstance(key, tuple):
        return (type(item).__name__, *key)
    for names in (("element_id", "participant_id"), ("row_id",), ("initiative_id",)):
        if all(hasattr(item, n) for n in names):
            return (type(item).__name__, *(getattr(item, n) for n in names))
    return (type(item).__name__, id(item))


def accessible_name(item: QGraphicsItem) -> str:
    """What a sighted person reads on the card (the item's ``accessible_name()``)."""
    name = getattr(item, "accessible_name", None)
    if callable(name):
        return str(name())
    return item.toolTip() or type(item).__name__


class KeyboardCanvas:
    """Mixin for :class:`~tension_desktop.gui.canvas.TouchCanvasView`: card focus, the focus
    ring, and key actions expressed as the view's own gesture signals."""

    #: a coarse and a fine arrow step, as a share of the scene's width/height
    KEY_STEP, KEY_FINE_STEP = 0.05, 0.01

    _focus_item: QGraphicsItem | None = None
    _focus_id: Hashable | None = None

    def init_keyboard(self) -> None:
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._focus_item = None
        self._focus_id = None

    # -- which cards take focus --------------------------------------------------------------
    def focusable_items(self) -> list[QGraphicsItem]:
        """The cards a keyboard user can reach, in reading order (top to bottom, left to
        right; lanes column by column). Only what is shown: a private round's view holds
        only the person on turn's cards, so focus never reaches anyone else's."""
        scene = self.scene()
        if scene is None:
            return []
        found = [it for it in scene.items()
                 if it.isVisible() and (getattr(it, "draggable", False) or getattr(it, "tappable", False))
                 and it.parentItem() is None]
        return sorted(found, key=self.reading_order)

    def reading_order(self, item: QGraphicsItem) -> tuple:
        """Sort key of a card (default: row by row; lane canvases override: column by column)."""
        r = self.item_view_rect(item)
        return (round(r.top() / 8), r.left())

    def item_view_rect(self, item: QGraphicsItem) -> QRectF:
        """Where a card is drawn in viewport pixels (also for items that ignore the zoom)."""
        return item.deviceTransform(self.viewportTransform()).mapRect(item.boundingRect())

    def focused_item(self) -> QGraphicsItem | None:
        """The card with the keyboard focus (found again after the scene was rebuilt). A
        canvas that has the focus but no card yet (its cards arrived after the focus, as at
        the start of a turn) gives it to its first card."""
        item = self._focus_item
        if is_valid(item) and item.scene() is self.scene() and item.isVisible():
            if item_identity(item) == self._focus_id:
                return item
        if self._focus_id is None:
            if self.hasFocus():
                items = self.focusable_items()
                if items:
                    self._focus_item, self._focus_id = items[0], item_identity(items[0])
                    return items[0]
            return None
        for other in self.focusable_items():
            if item_identity(other) == self._focus_id:
                self._focus_item = other
                return other
        self._focus_item = None
        return None

    def set_focused_item(self, item: QGraphicsItem | None) -> None:
        """Give ``item`` the keyboard focus: ring drawn, scrolled into view, told to screen readers."""
        self._focus_item = item
        self._focus_id = item_identity(item) if item is not None else None
        if item is not None and not self.viewport().rect().contains(self.item_view_rect(item).toRect()):
            if not item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations:
                self.ensureVisible(item, 24, 24)
        self.viewport().update()
        from .canvas_access import notify_focus

        notify_focus(self, item)

    def focus_identity(self, identity: Hashable) -> bool:
        """Focus the card whose :func:`item_identity` is ``identity``; False if none is shown."""
        for item in self.focusable_items():
            if item_identity(item) == identity:
                self.set_focused_item(item)
                return True
        return False

    def _step_focus(self, step: int) -> bool:
        items = self.focusable_items()
        if not items:
            return False
        current = self.focused_item()
        if current is None or current not in items:
            index = 0 if step > 0 else len(items) - 1
        else:
            index = items.index(current) + step
            if not 0 <= index < len(items):
                return False
        self.set_focused_item(items[index])
        return True

    def _focus_towards(self, dx: int, dy: int) -> None:
        current = self.focused_item()
        items = self.focusable_items()
        if current is None:
            if items:
                self.set_focused_item(items[0])
            return
        here = self.item_view_rect(current).center()
        best, best_cost = None, None
        for other in items:
            if other is current:
                continue
            d = self.item_view_rect(other).center() - here
            ahead = d.x() * dx + d.y() * dy
            if ahead <= 1:
                continue
            side = abs(d.x() * dy) + abs(d.y() * dx)
            cost = ahead + 2 * side
            if best_cost is None or cost < best_cost:
                best, best_cost = other, cost
        if best is not None:
            self.set_focused_item(best)

    # -- Qt -----------------------------------------------------------------------------------
    def focusNextPrevChild(self, next_: bool) -> bool:  # noqa: N802 (Qt)
        if self.hasFocus() and self._step_focus(1 if next_ else -1):
            return True
        return super().focusNextPrevChild(next_)

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().focusInEvent(event)
        if self.focused_item() is None:
            items = self.focusable_items()
            if items:
                backwards = event.reason() == Qt.FocusReason.BacktabFocusReason
                self.set_focused_item(items[-1] if backwards else items[0])
        self.viewport().update()

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().focusOutEvent(event)
        self.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Run one key on the focused card; True if it was used."""
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            items = self.focusable_items()
            if items:
                self.set_focused_item(items[0] if key == Qt.Key.Key_Home else items[-1])
            return True
        item = self.focused_item()
        if key in _ARROWS and (ctrl or item is None):
            self._focus_towards(*_ARROWS[key])
            return True
        if item is None or not getattr(self, "interaction_enabled", True):
            return False
        centre = self.mapToScene(self.item_view_rect(item).center().toPoint())
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not ctrl:
            self.itemLongPressed.emit(item, QPointF(centre))
            return True
        if key == Qt.Key.Key_Space:
            self.itemTapped.emit(item, QPointF(centre))
            return True
        if key in _ARROWS or key in self.drop_keys():
            if not getattr(item, "draggable", False):
                return True  # a card that may not move (another round, Agree mode) stays
            fine = bool(mods & Qt.KeyboardModifier.ShiftModifier)
            point = self.key_drop_point(item, key, fine)
            if point is not None:
                self.keyboard_drop(item, point)
            return True
        text = event.text()
        if text and text.isprintable() and not ctrl:
            self.itemKey.emit(item, key, int(mods.value) if hasattr(mods, "value") else int(mods))
            return True
        return False

    _marked_id: Hashable | None = None
    _marked_note = ""

    def mark(self, item: QGraphicsItem | None, note: str = "") -> None:
        """Mark a card (a dashed ring; its name says ``note``): the first card of a keyboard
        merge. None clears the mark."""
        self._marked_id = item_identity(item) if item is not None else None
        self._marked_note = note
        self.viewport().update()

    def is_marked(self, item: QGraphicsItem) -> bool:
        return self._marked_id is not None and item_identity(item) == self._marked_id

    def card_name(self, item: QGraphicsItem) -> str:
        """A card's name for screen readers (canvases add where it sits)."""
        return accessible_name(item)

    def table_columns(self) -> list:
        """The columns of this canvas's accessible table (:mod:`.canvas_table`); default:
        one column with each card's name."""
        from .canvas_table import TableColumn

        return [TableColumn("Card", self.card_name)]

    def drop_keys(self) -> tuple[int, ...]:
        """Keys besides the arrows that move the focused card (board: the column digits)."""
        return ()

    def key_drop_point(self, item: QGraphicsItem, key: int, fine: bool) -> QPointF | None:
        """Where an arrow key drops ``item``, in scene coordinates (None: nowhere). Default:
        its position a coarse or fine step of the scene's size further."""
        dx, dy = _ARROWS.get(key, (0, 0))
        share = self.KEY_FINE_STEP if fine else self.KEY_STEP
        rect = self.key_step_rect()
        return item.scenePos() + QPointF(dx * share * rect.width(), dy * share * rect.height())

    def key_step_rect(self) -> QRectF:
        """The rectangle whose size one arrow step is a share of (default: the scene's)."""
        return self.sceneRect()

    def keyboard_drop(self, item: QGraphicsItem, point: QPointF) -> None:
        """Move ``item`` so its position is ``point`` and drop it there: the same signals,
        in the same order, as a finger's drag (so the canvas stores it in one undo step)."""
        start = QPointF(item.pos())
        self.dragStarted.emit(item, QPointF(item.scenePos()))
        parent = item.parentItem()
        item.setPos(parent.mapFromScene(point) if parent else point)
        self.dragMoved.emit(item, QPointF(point))
        identity = item_identity(item)
        self.itemDropped.emit(item, start, QPointF(point))
        self.after_keyboard_drop(identity, item)

    def after_keyboard_drop(self, identity: Hashable, item: QGraphicsItem) -> None:
        """Keep the focus on the moved card (the scene may have been rebuilt by the drop)."""
        self._focus_id = identity
        self._focus_item = None
        found = self.focused_item()
        self.set_focused_item(found) if found is not None else self.viewport().update()

    # -- the ring -----------------------------------------------------------------------------
    def paint_focus_ring(self, painter: QPainter) -> None:
        """Draw the focused card's ring in viewport pixels (a white halo, then dark blue)."""
        item = self.focused_item() if self.hasFocus() else None
        marked = [it for it in self.focusable_items() if self.is_marked(it)] if self._marked_id else []
        if item is None and not marked:
            return
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for other in marked:
            painter.setPen(QPen(FOCUS_RING, 3, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(self.item_view_rect(other).adjusted(-10, -10, 10, 10), 10, 10)
        if item is None:
            painter.restore()
            return
        rect = self.item_view_rect(item).adjusted(-5, -5, 5, 5)
        painter.setPen(QPen(FOCUS_HALO, 7))
        painter.drawRoundedRect(rect, 8, 8)
        painter.setPen(QPen(FOCUS_RING, 4))
        painter.drawRoundedRect(rect, 8, 8)
        painter.restore()
