"""Undo commands of the tension map: a drop, a removal and a labels edit (the reveal is the
shared private-round component's, gui/turns.py).

Each redo/undo calls the store once (one transaction) through the document, which then
emits one ``Changes`` notice declaring the placement's row (``changes.row("placements")``)
so the map redraws just that card and lays out only that initiative's label. Undo
restores the store exactly: a first placement is removed again, a moved one gets its old
coordinates and row id back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from tension_desktop.model import Placement
from tension_desktop.store import tension_map as store

from ..document import EditCommand, WorkshopDocument

if TYPE_CHECKING:
    from tension_desktop.room.tasks import Change

KIND = "placements"
#: the settings the map's labels live in (axes, quadrants, governance)
LABEL_SETTINGS = (store.AXIS_LABELS_KEY, store.QUADRANT_LABELS_KEY, store.GOVERNANCE_KEY)


class DropCommand(EditCommand):
    """Put one initiative at (x, y) for one participant (or the group) in one round.

    ``x``/``y`` None removes the placement (a card dragged back onto the tray)."""

    def __init__(self, doc: WorkshopDocument, text: str, initiative_id: int, participant_id: int | None,
                 round: str, x: float | None, y: float | None) -> None:
        super().__init__(text)
        self.doc = doc
        self.key = (initiative_id, participant_id, round)
        self.x, self.y = x, y
        self.before = store.get_placement(doc.lib, doc.workshop_id, initiative_id, participant_id, round)
        self.after: Placement | None = None
        self._done_once = False

    def _put(self, placement: Placement | None) -> None:
        iid, pid, rnd = self.key
        self.doc.call(store.put_back, self.doc.workshop_id, placement, iid, pid, rnd, rows={"placements": (self.key,)})

    def apply(self) -> None:
        if not self._done_once:
            self._done_once = True
            if self.x is None:
                self._put(None)
            else:
                iid, pid, rnd = self.key
                p = Placement(initiative_id=iid, x=self.x, y=self.y, round=rnd, participant_id=pid)
                self.after = self.doc.call(store.place, self.doc.workshop_id, p, rows={"placements": (self.key,)})
        else:
            self._put(self.after)

    def revert(self) -> None:
        self._put(self.before)


def phone_drop(doc: WorkshopDocument, text: str, change: Change) -> DropCommand:
    """A phone's placement in a private round (the room link) as the canvas's own drop."""
    x, y = change.after_xy if change.after_xy else (None, None)
    return DropCommand(doc, text, change.initiative_id, change.participant_id, "private", x, y)


def labels_command(doc: WorkshopDocument, new: dict[str, dict[str, str]]) -> QUndoCommand:
    """Edit axis names, quadrant labels and governance names as one undo step."""
    from ..document import FnCommand

    old = store.labels(doc.lib, doc.workshop_id)

    def put(values: dict[str, dict[str, str]]):
        return lambda: doc.call(store.set_labels, doc.workshop_id, axes=values["axes"],
                                quadrants=values["quadrants"], governance=values["governance"])

    return FnCommand("Edit map labels", put(new), put(old))
