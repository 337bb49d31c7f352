"""The sorting board canvas: "To sort" and the three columns, full height, cards stacked.

It lays out what the widget tells it to show and answers one question on a drop: which
column and which place among the same person's cards. It never writes; the widget turns
a drop into one undo command.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsScene, QWidget

from tension_desktop.model import BoardCard, BoardElement, Participant
from tension_desktop.model.board import COLUMN_TITLES, COLUMNS

from ..canvas import TouchCanvasView
from .items import HEADER, CardItem, ColumnItem

GAP = 12
CARD_GAP = 8
TO_SORT = "to_sort"
#: share of the width for "To sort"; the three board columns split the rest
TO_SORT_SHARE = 0.19


@dataclass(frozen=True)
class DropTarget:
    """Where a card would land: a column key (TO_SORT: off the board) and an index."""

    column: str
    index: int


class BoardCanvas(TouchCanvasView):
    """A :class:`TouchCanvasView` that shows one board; the scene follows the view's width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardCanvas")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.board_scene = QGraphicsScene(self)
        self.board_scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setScene(self.board_scene)
        self.card_font = QFont(self.font())
        self.card_font.setPointSizeF(max(12.0, self.font().pointSizeF() * 1.15))
        self.columns: dict[str, ColumnItem] = {}
        for key, title in ((TO_SORT, "To sort"), *COLUMN_TITLES.items()):
            col = ColumnItem(key, title, self.card_font)
            self.columns[key] = col
            self.board_scene.addItem(col)
        self.cards: dict[tuple[int, int | None], CardItem] = {}
        self.marker = QGraphicsLineItem()
        self.marker.setPen(QPen(QColor("#1f6feb"), 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        self.marker.setZValue(2000)
        self.marker.hide()
        self.board_scene.addItem(self.marker)
        self._order: dict[str, list[CardItem]] = {k: [] for k in self.columns}
        self._content: tuple = ([], [], {}, None)
        self.dragMoved.connect(self._show_target)
        self.dragCancelled.connect(lambda _item: self.marker.hide())

    # -- content ---------------------------------------------------------------------------
    def show_board(self, elements: list[BoardElement], cards: list[BoardCard],
                   people: dict[int, Participant], sorter: int | None) -> None:
        """Show ``cards`` in the columns and, in "To sort", the elements ``sorter`` has not sorted."""
        self._content = (elements, cards, people, sorter)
        self._relayout()

    def _relayout(self) -> None:
        elements, cards, people, sorter = self._content
        texts = {e.id: e.text for e in elements}
        order = {p: n for n, p in enumerate(people)}
        width = max(400.0, float(self.viewport().width()) / self.whiteboard_scale)  # whiteboard: zoomed in
        to_sort_w = max(180.0, width * TO_SORT_SHARE)
        col_w = (width - to_sort_w - GAP * 5) / 3
        xs = {TO_SORT: GAP}
        for n, key in enumerate(COLUMNS):
            xs[key] = GAP + to_sort_w + GAP + n * (col_w + GAP)
        widths = {TO_SORT: to_sort_w, **dict.fromkeys(COLUMNS, col_w)}

        wanted: dict[str, list[tuple[tuple[int, int | None], str, str, str, bool]]] = {k: [] for k in self.columns}
        sorted_by_sorter = {c.element_id for c in cards if c.participant_id == sorter}
        if sorter is not None:
            for e in elements:
                if e.id not in sorted_by_sorter:
                    wanted[TO_SORT].append(((e.id, None), e.text, "", "#8a94a0", False))
        for c in sorted(cards, key=lambda c: (order.get(c.participant_id, 999), c.position, c.element_id)):
            if c.element_id not in texts:
                continue
            p = people.get(c.participant_id)
            who = (p.role or p.name) if p else "?"
            wanted[c.column].append(((c.element_id, c.participant_id), texts[c.element_id], who,
                                     p.colour if p else "#8a94a0", bool(c.rationale)))

        keep = {key for col in wanted.values() for key, *_ in col}
        for key in [k for k in self.cards if k not in keep]:
            self.board_scene.removeItem(self.cards.pop(key))
        bottom = float(self.viewport().height()) / self.whiteboard_scale - 2
        for col, entries in wanted.items():
            x, w = xs[col], widths[col]
            y = HEADER + GAP
            items = []
            for key, text, who, colour, has_why in entries:
                item = self.cards.get(key)
                if item is None:
                    item = CardItem(key[0], key[1], self.card_font)
                    self.cards[key] = item
                    self.board_scene.addItem(item)
                item.column = col
                item.set_content(text, who, colour, has_why, w - 2 * CARD_GAP)
                item.setPos(x + CARD_GAP, y)
                item.setZValue(0)
                y += item.card_h + CARD_GAP
                items.append(item)
            self._order[col] = items
            self.columns[col].count = len(items)
            bottom = max(bottom, y + GAP)
        for col, item in self.columns.items():
            item.set_rect(QRectF(xs[col], 4, widths[col], bottom - 8))
            item.update()
        self.board_scene.setSceneRect(QRectF(0, 0, width, bottom))
        self.marker.hide()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._content[0] or self._content[1]:
            self._relayout()

    def smallest_text_px(self) -> tuple[float, float]:
        """(card text, its small 'who' line) in pixels at scale 1: the whiteboard scale keeps
        them 20 mm and 12 mm tall on the panel (canvas.physical_floor)."""
        px = QFontInfo(self.card_font).pixelSize()
        return float(px), float(max(8.0, px * 0.8))

    def apply_whiteboard_scale(self, old: float, new: float) -> None:
        """Whiteboard type: the view zooms in and the columns fill the narrower scene width."""
        self.resetTransform()
        self.scale(new, new)
        self._relayout()

    # -- dropping --------------------------------------------------------------------------
    def column_at(self, point: QPointF) -> str | None:
        for key, col in self.columns.items():
            r = col.rect
            if r.left() - GAP / 2 <= point.x() <= r.right() + GAP / 2:
                return key
        return None

    def drop_target(self, item: CardItem, point: QPointF, owner: int | None = None) -> DropTarget | None:
        """The column under ``point`` and the index among the owner's cards there.

        ``owner`` defaults to the card's participant (an element from "To sort" has none:
        pass who is sorting)."""
        owner = item.participant_id if item.participant_id is not None else owner
        col = self.column_at(point)
        if col is None:
            return None
        if col == TO_SORT:
            return DropTarget(TO_SORT, 0)
        index = 0
        for other in self._order[col]:
            if other is item or other.participant_id != owner:
                continue
            if other.pos().y() + other.card_h / 2 < point.y():
                index += 1
        return DropTarget(col, index)

    def _show_target(self, item: CardItem, point: QPointF) -> None:
        col = self.column_at(point)
        for key, c in self.columns.items():
            lit = key == col
            if c.highlight != lit:
                c.highlight = lit
                c.update()
        if col is None or col == TO_SORT:
            self.marker.hide()
            return
        target = self.drop_target(item, point, self._content[3])
        y = self.landing_y(item, col, target.index if target else 0, self._content[3])
        r = self.columns[col].rect
        self.marker.setLine(r.left() + CARD_GAP, y, r.right() - CARD_GAP, y)
        self.marker.show()

    def landing_y(self, item: CardItem, col: str, index: int, sorter: int | None = None) -> float:
        """Where the insertion line goes: exactly where the card will land, at ``index`` among
        its owner's cards (cards are grouped by person, so the line never promises a place
        between someone else's cards that the drop cannot keep)."""
        owner = item.participant_id if item.participant_id is not None else sorter
        others = [o for o in self._order[col] if o is not item]
        mine = [o for o in others if o.participant_id == owner]
        if index < len(mine):
            return mine[index].pos().y() - CARD_GAP / 2
        if mine:
            return mine[-1].pos().y() + mine[-1].card_h + CARD_GAP / 2
        rank = {p: n for n, p in enumerate(self._content[2])}
        later = [o for o in others if rank.get(o.participant_id, 999) > rank.get(owner, 999)]
        if later:
            return later[0].pos().y() - CARD_GAP / 2
        if others:
            return others[-1].pos().y() + others[-1].card_h + CARD_GAP / 2
        return HEADER + GAP / 2

    def clear_highlight(self) -> None:
        self.marker.hide()
        for c in self.columns.values():
            if c.highlight:
                c.highlight = False
                c.update()

    def cards_in(self, column: str) -> list[CardItem]:
        return list(self._order[column])
