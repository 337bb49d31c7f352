"""Every edit of the allocation round, each one undo command through the document.

All commands share one small base, :class:`AllocationEdit`: ``redo`` runs ``do()`` and
``undo`` runs ``undo_it()``, both through ``doc.call`` (one store transaction each), and a
refused edit marks the command obsolete once, here. Undo texts never name a participant
or quote a private split.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from tension_desktop.model.allocation import PortfolioItem, Split
from tension_desktop.store import allocation as store
from tension_desktop.store.rows import Snapshot

from ..document import EditFailed, WorkshopDocument

KIND = "allocation"


class AllocationEdit(QUndoCommand):
    """One undoable edit: subclasses say what ``do`` and ``undo_it`` call."""

    def __init__(self, doc: WorkshopDocument, text: str) -> None:
        super().__init__(text)
        self.doc = doc
        self.wid = doc.workshop_id

    def call(self, fn, *args: Any, kind: str = KIND, **kwargs: Any) -> Any:
        return self.doc.call(fn, *args, kind=kind, **kwargs)

    def do(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def undo_it(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def redo(self) -> None:
        try:
            self.do()
        except EditFailed:
            self.setObsolete(True)

    def undo(self) -> None:
        try:
            self.undo_it()
        except EditFailed:
            self.setObsolete(True)


class SetCategoriesAndTarget(AllocationEdit):
    """Rename the categories and agree the target split, as one step."""

    def __init__(self, doc: WorkshopDocument, names: dict[str, str], target: dict[str, int]) -> None:
        super().__init__(doc, "Change the categories and the target")
        self.names, self.target = names, target
        self.old: tuple[Any, Any] = (None, None)

    def do(self) -> None:
        old_names = self.call(store.set_category_names, self.wid, self.names)
        old_target = self.call(store.set_target, self.wid, self.target)
        self.old = (old_names, old_target)

    def undo_it(self) -> None:
        self.call(store.set_category_names, self.wid, self.old[0])
        self.call(store.set_target, self.wid, self.old[1])


class SetInitiative(AllocationEdit):
    """An initiative's category and effort (None: out of the portfolio)."""

    def __init__(self, doc: WorkshopDocument, initiative_id: int, category: str | None, effort: int) -> None:
        super().__init__(doc, "Place an initiative in the portfolio")
        self.initiative_id, self.category, self.effort = initiative_id, category, effort
        self.old: PortfolioItem | None = None

    def do(self) -> None:
        self.old = self.call(store.set_initiative, self.wid, self.initiative_id, self.category, self.effort)

    def undo_it(self) -> None:
        old = self.old
        self.call(store.set_initiative, self.wid, self.initiative_id, old.category if old else None,
                  old.effort if old else 0)


class AddRequest(AllocationEdit):
    """Place a new request into the portfolio; undo removes it, redo puts the same row back."""

    def __init__(self, doc: WorkshopDocument, title: str, category: str, effort: int) -> None:
        super().__init__(doc, "Place a new request")
        self.args = (title, category, effort)
        self.item_id: int | None = None
        self.snap: Snapshot | None = None

    def do(self) -> None:
        if self.snap is None:
            self.item_id = self.call(store.add_request, self.wid, *self.args).id
        else:
            self.call(lambda lib: store.restore_rows(lib, self.snap))

    def undo_it(self) -> None:
        self.snap = self.call(store.remove_item, self.item_id)


class RemoveRequest(AllocationEdit):
    def __init__(self, doc: WorkshopDocument, item_id: int) -> None:
        super().__init__(doc, "Take a request out of the portfolio")
        self.item_id = item_id
        self.snap: Snapshot | None = None

    def do(self) -> None:
        self.snap = self.call(store.remove_item, self.item_id)

    def undo_it(self) -> None:
        self.call(lambda lib: store.restore_rows(lib, self.snap))


class SetSplits(AllocationEdit):
    """One person's splits (portfolio, time now, time as it should be) as one step; the
    text names nobody and no number."""

    def __init__(self, doc: WorkshopDocument, participant_id: int, splits: list[Split]) -> None:
        super().__init__(doc, "Save my splits")
        self.pid, self.splits = participant_id, splits
        self.old: dict[str, Split | None] = {}

    def do(self) -> None:
        self.old = {s.kind: self.call(store.set_split, self.wid, s) for s in self.splits}

    def undo_it(self) -> None:
        for split_kind, old in self.old.items():  # (``kind`` of call() is the change's kind)
            self.call(lambda lib, o=old, k=split_kind: store.set_split(lib, self.wid, o, participant_id=self.pid,
                                                                       kind=k))


class CommitFromReveal(AllocationEdit):
    """A commitment straight from the reveal into the close."""

    def __init__(self, doc: WorkshopDocument, kind: str, text: str, owner_id: int | None) -> None:
        super().__init__(doc, "Commit from the allocation reveal")
        self.args = (kind, text, owner_id)
        self.result: tuple[int, Any] | None = None

    def do(self) -> None:
        self.result = self.call(store.commit_from_reveal, self.wid, *self.args, kind="commitments")

    def undo_it(self) -> None:
        self.call(store.undo_commit, *self.result, kind="commitments")
