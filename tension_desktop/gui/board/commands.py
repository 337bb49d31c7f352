"""Undo commands of the board. Each one calls the store through the document (one edit)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tension_desktop.model import BoardCard
from tension_desktop.store import board
from tension_desktop.store.rows import Snapshot

from ..document import EditCommand, WorkshopDocument

if TYPE_CHECKING:
    from tension_desktop.room.tasks import Change

CARDS = "board_cards"
ELEMENTS = "board_elements"


class MoveCardCommand(EditCommand):
    """One drop: a participant's cards on one board before and after, restored exactly.

    Holding whole states (column and order of every card of that person) makes undo put
    back the cards that made room too, not only the one that moved.
    """

    def __init__(self, doc: WorkshopDocument, scope: int | None, participant_id: int,
                 before: list[BoardCard], after: list[BoardCard], text: str) -> None:
        super().__init__(text)
        self.doc, self.scope, self.participant_id = doc, scope, participant_id
        self.before, self.after = before, after
        self._first = True

    def _write(self, cards: list[BoardCard]) -> None:
        self.doc.call(board.set_participant_cards, self.doc.workshop_id, self.scope, self.participant_id, cards)

    def apply(self) -> None:
        self._write(self.after)
        if self._first:  # new cards got ids: keep them so redo after undo is the same row
            self.after = board.cards_for(self.doc.lib, self.doc.workshop_id, self.scope, self.participant_id)
            self._first = False

    def revert(self) -> None:
        self._write(self.before)


def phone_sort(doc: WorkshopDocument, text: str, change: Change) -> MoveCardCommand:
    """A phone's sort in a private round (the room link) as the canvas's own card move."""
    return MoveCardCommand(doc, change.scope, change.participant_id, change.before_cards, change.after_cards, text)


class AddElementsCommand(EditCommand):
    """Add elements in one step; undo removes them, redo puts the same rows back."""

    def __init__(self, doc: WorkshopDocument, texts: list[str], scope: int | None) -> None:
        super().__init__(f"Add {len(texts)} element(s) to sort")
        self.doc, self.texts, self.scope = doc, texts, scope
        self.ids: list[int] = []
        self._snap: Snapshot | None = None

    def apply(self) -> None:
        if self._snap is None:
            self.ids = self.doc.call(board.add_elements, self.doc.workshop_id, self.texts, self.scope)
        else:
            self.doc.call(board.put_back, self._snap)

    def revert(self) -> None:
        self._snap = self.doc.call(board.remove_elements, self.ids)


class RemoveElementCommand(EditCommand):
    """Remove an element with everyone's cards of it; undo restores them exactly."""

    def __init__(self, doc: WorkshopDocument, element_id: int, text: str) -> None:
        super().__init__(f"Remove element {text}")
        self.doc, self.element_id = doc, element_id
        self._snap: Snapshot | None = None

    def apply(self) -> None:
        self._snap = self.doc.call(board.remove_elements, [self.element_id])

    def revert(self) -> None:
        self.doc.call(board.put_back, self._snap)


def agree(doc: WorkshopDocument, element_id: int, column: str | None) -> bool:
    """Settle an element into one agreed column (None clears it), as one undo step."""
    old = board.get_element(doc.lib, element_id)
    if old.agreed_column == column:
        return False
    what = "Clear agreement" if column is None else "Agree column"
    return doc.apply(
        f"{what}: {old.text[:40]}",
        lambda: doc.call(board.set_agreed_column, element_id, column, rows={"board_elements": (element_id,)}),
        lambda: doc.call(board.set_agreed_column, element_id, old.agreed_column, rows={"board_elements": (element_id,)}),
    )


def change_rationale(doc: WorkshopDocument, element_id: int, participant_id: int, old: str, new: str) -> bool:
    if old == new:
        return False
    return doc.apply(
        "Change the why",
        lambda: doc.call(board.set_rationale, element_id, participant_id, new),
        lambda: doc.call(board.set_rationale, element_id, participant_id, old),
    )


def set_rationale_required(doc: WorkshopDocument, required: bool) -> bool:
    from tension_desktop.store import workshops

    old = bool(workshops.get_setting(doc.lib, doc.workshop_id, board.RATIONALE_KEY, False))
    if old == required:
        return False
    return doc.apply(
        "Require a why" if required else "Make the why optional",
        lambda: doc.call(workshops.set_setting, doc.workshop_id, board.RATIONALE_KEY, required),
        lambda: doc.call(workshops.set_setting, doc.workshop_id, board.RATIONALE_KEY, old),
    )


def set_scope(doc: WorkshopDocument, initiative_id: int | None) -> None:
    """Choose what the board sorts (a view choice, kept with the workshop; not an undo step)."""
    from tension_desktop.store import workshops

    doc.call(workshops.set_setting, doc.workshop_id, board.SCOPE_KEY, {"initiative_id": initiative_id})
