"""Canvas cards exposed to assistive technology (Orca through AT-SPI, and any Qt client).

A QGraphicsView is one opaque widget to a screen reader. Qt lets Python supply
accessibility interfaces (``QAccessible.installFactory`` with a ``QAccessibleWidget``
subclass; PySide6 exposes the virtuals of ``QAccessibleInterface`` to Python), so every
:class:`~tension_desktop.gui.canvas.TouchCanvasView` is a *list* whose children are the
cards it shows, each named with what a sighted person reads on it (the item's
``accessible_name()``: "Usage-based pricing, placed by CFO, innovation 72 %, criticality
62 %, Bet with guardrails"). The children are exactly :meth:`focusable_items`, so during a
private round a screen reader hears only the person on turn's cards, as a sighted user sees.
The keyboard focus on a card is reported as that child's focus.
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import QObject, QRect
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QGraphicsItem

from .canvas_keys import is_valid, item_identity

KEYS_HINT = ("Tab: next card. Arrows: move it (Shift: a small step). Enter: details. "
             "Space: tap.")

_installed = False


class CardInterface(QAccessibleInterface):
    """One card on a canvas: a list item with the card's name, rectangle and focus."""

    def __init__(self, owner: CanvasInterface, identity: Hashable) -> None:
        super().__init__()
        self.owner = owner
        self.identity = identity
        self._item: QGraphicsItem | None = None

    def item(self) -> QGraphicsItem | None:
        """The graphics item this child stands for, while it is shown."""
        item = self._item
        if is_valid(item) and item.scene() is self.owner.view.scene() and item.isVisible():
            return item
        view = self.owner.view
        for other in view.focusable_items():
            if item_identity(other) == self.identity:
                self._item = other
                return other
        self._item = None
        return None

    def isValid(self) -> bool:  # noqa: N802 (Qt)
        return is_valid(self.owner.view) and self.item() is not None

    def object(self) -> QObject | None:
        return None

    def window(self):
        return self.owner.window()

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.ListItem

    def text(self, kind: QAccessible.Text) -> str:
        item = self.item()
        if item is None:
            return ""
        if kind == QAccessible.Text.Name:
            return self.owner.view.card_name(item)
        if kind == QAccessible.Text.Description:
            return KEYS_HINT
        return ""

    def setText(self, _kind, _text) -> None:  # noqa: N802 (Qt)
        return None

    def rect(self) -> QRect:
        item, view = self.item(), self.owner.view
        if item is None:
            return QRect()
        r = view.item_view_rect(item).toAlignedRect()
        return QRect(view.viewport().mapToGlobal(r.topLeft()), r.size())

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        state.focusable = True
        state.selectable = True
        item, view = self.item(), self.owner.view
        if item is not None and view.focused_item() is item:
            state.selected = True
            state.focused = view.hasFocus()
        if item is not None and not view.viewport().rect().intersects(view.item_view_rect(item).toAlignedRect()):
            state.offscreen = True
        return state

    def parent(self) -> QAccessibleInterface:
        return self.owner

    def child(self, _index: int):
        return None

    def childCount(self) -> int:  # noqa: N802 (Qt)
        return 0

    def indexOfChild(self, _child) -> int:  # noqa: N802 (Qt)
        return -1

    def childAt(self, _x: int, _y: int):  # noqa: N802 (Qt)
        return None

    def focusChild(self):  # noqa: N802 (Qt)
        return None

    def relations(self, _match=None) -> list:
        return []


class CanvasInterface(QAccessibleWidget):
    """A canvas view as a list of its cards (see the module docstring)."""

    def __init__(self, view) -> None:
        super().__init__(view, QAccessible.Role.List)
        self.view = view
        self.cards: dict[Hashable, CardInterface] = {}  # kept alive: Qt's cache holds them by id

    def _children(self) -> list[CardInterface]:
        out = []
        for item in self.view.focusable_items():
            identity = item_identity(item)
            card = self.cards.get(identity)
            if card is None:
                card = self.cards[identity] = CardInterface(self, identity)
                QAccessible.registerAccessibleInterface(card)
            card._item = item
            out.append(card)
        return out

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self.view.accessibleName() or self.view.objectName()
        if kind == QAccessible.Text.Description:
            return self.view.accessibleDescription() or KEYS_HINT
        return super().text(kind)

    def childCount(self) -> int:  # noqa: N802 (Qt)
        return len(self.view.focusable_items())

    def child(self, index: int):
        children = self._children()
        return children[index] if 0 <= index < len(children) else None

    def indexOfChild(self, child) -> int:  # noqa: N802 (Qt)
        for n, card in enumerate(self._children()):
            if card is child:
                return n
        return -1

    def childAt(self, x: int, y: int):  # noqa: N802 (Qt)
        for card in self._children():
            if card.rect().contains(x, y):
                return card
        return None

    def focusChild(self):  # noqa: N802 (Qt)
        item = self.view.focused_item()
        if item is None or not self.view.hasFocus():
            return None
        for card in self._children():
            if card.identity == item_identity(item):
                return card
        return None

    def card_for(self, item: QGraphicsItem) -> CardInterface | None:
        identity = item_identity(item)
        self._children()
        return self.cards.get(identity)


def _factory(_key: str, obj: QObject):
    from .canvas import TouchCanvasView

    if isinstance(obj, TouchCanvasView):
        iface = CanvasInterface(obj)
        obj._accessible = iface
        return iface
    return None


def install_canvas_accessibility() -> None:
    """Register the canvas interfaces once per process (the first canvas does it)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def notify_focus(view, item: QGraphicsItem | None) -> None:
    """Tell assistive technology that the keyboard focus moved to ``item`` on ``view``."""
    if item is None or not view.hasFocus() or not QAccessible.isActive():
        return
    iface = QAccessible.queryAccessibleInterface(view)
    card = iface.card_for(item) if isinstance(iface, CanvasInterface) else None
    if card is not None:
        QAccessible.updateAccessibility(QAccessibleEvent(card, QAccessible.Event.Focus))
