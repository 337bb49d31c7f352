"""Every edit of the allocation round, each one undo step through the document.

Each is built on the document's one edit base (:class:`~tension_desktop.gui.document.EditCommand`,
through ``doc.apply`` / ``doc.add_row`` / ``doc.remove_row``): one store transaction each
way, the change notice read from what the store wrote, a refused edit dropped in one place.
Undo texts never name a participant or quote a private split.
"""

from __future__ import annotations

from typing import Any

from tension_desktop.model.allocation import PortfolioItem, Split
from tension_desktop.store import allocation as store

from ..document import WorkshopDocument

#: the tables the portfolio and the private round are drawn from
ITEMS, SPLITS = "portfolio_items", "allocation_splits"


def set_categories_and_target(doc: WorkshopDocument, names: dict[str, str], target: dict[str, int]) -> bool:
    """Rename the categories and agree the target split, as one step."""
    wid = doc.workshop_id
    old: list[Any] = [None, None]

    def both(lib, names_, target_) -> tuple[Any, Any]:
        return store.set_category_names(lib, wid, names_), store.set_target(lib, wid, target_)

    def redo() -> None:
        old[:] = doc.call(both, names, target)

    return doc.apply("Change the categories and the target", redo, lambda: doc.call(both, *old))


def set_initiative(doc: WorkshopDocument, initiative_id: int, category: str | None, effort: int) -> bool:
    """An initiative's category and effort (``category=None``: out of the portfolio)."""
    wid = doc.workshop_id
    old: list[PortfolioItem | None] = [None]

    def redo() -> None:
        old[0] = doc.call(store.set_initiative, wid, initiative_id, category, effort)

    def undo() -> None:
        was = old[0]
        doc.call(store.set_initiative, wid, initiative_id, was.category if was else None, was.effort if was else 0)

    return doc.apply("Place an initiative in the portfolio", redo, undo)


def add_request(doc: WorkshopDocument, title: str, category: str, effort: int) -> bool:
    """Place a new request into the portfolio; undo removes it, redo puts the same row back."""
    return doc.add_row(ITEMS, "Place a new request",
                       lambda: store.add_request(doc.lib, doc.workshop_id, title, category, effort))


def remove_request(doc: WorkshopDocument, item_id: int) -> bool:
    """Take a request out; undo puts it back with its id."""
    return doc.remove_row(ITEMS, "Take a request out of the portfolio", lambda: store.remove_item(doc.lib, item_id))


def save_splits(doc: WorkshopDocument, participant_id: int, splits: list[Split]) -> bool:
    """One person's splits (portfolio, time now, time as it should be) as one step and one
    notice; the text names nobody and no number."""
    wid = doc.workshop_id
    old: dict[str, Split | None] = {}

    def redo() -> None:
        old.clear()
        old.update(doc.call(lambda lib: {s.kind: store.set_split(lib, wid, s) for s in splits}))

    def undo() -> None:
        doc.call(lambda lib: [store.set_split(lib, wid, was, participant_id=participant_id, kind=kind)
                              for kind, was in old.items()])

    return doc.apply("Save my splits", redo, undo)


def commit_from_reveal(doc: WorkshopDocument, kind: str, text: str, owner_id: int | None) -> bool:
    """A commitment straight from the reveal into the close."""
    result: list[Any] = [None]

    def redo() -> None:
        result[0] = doc.call(store.commit_from_reveal, doc.workshop_id, kind, text, owner_id)

    return doc.apply("Commit from the allocation reveal", redo, lambda: doc.call(store.undo_commit, *result[0]))
