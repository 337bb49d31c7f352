"""The one edit base of the structure exercises (the constraint diagnosis and the readiness
plan): an :class:`~tension_desktop.gui.document.EditCommand` that runs a store function
through the document, remembers the rows of the tables it touched as they were and as they
became, and undo/redo put them back exactly (:func:`tension_desktop.store.structure.put_state`).

A refused edit is handled by :class:`EditCommand` (it makes itself obsolete). The notice
each step sends is the document's: the tables the store wrote. Undo texts are neutral:
during a private turn they name no person and no content.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from tension_desktop.store import structure as tables

from .document import EditCommand, WorkshopDocument


class TablesEdit(EditCommand):
    """One undoable edit: ``change(lib)`` runs once; undo and redo swap the rows of
    ``tables`` (of this workshop) between before and after."""

    def __init__(self, doc: WorkshopDocument, text: str, tables_: Iterable[str], change: Callable[..., Any]) -> None:
        super().__init__(text)
        self.doc = doc
        self.tables = tuple(tables_)
        self.change = change
        self.before: tables.State | None = None
        self.after: tables.State | None = None
        self.result: Any = None

    def apply(self) -> None:
        doc, wid = self.doc, self.doc.workshop_id
        if self.after is None:
            self.before = tables.state(doc.lib, wid, self.tables)
            self.result = doc.call(self.change)
            self.after = tables.state(doc.lib, wid, self.tables)
        else:
            doc.call(tables.put_state, wid, self.after)

    def revert(self) -> None:
        self.doc.call(tables.put_state, self.doc.workshop_id, self.before)


def push_tables(doc: WorkshopDocument, text: str, tables_: Iterable[str], change: Callable[..., Any]) -> TablesEdit | None:
    """Push one :class:`TablesEdit`; the command, or None when the store refused it."""
    cmd = TablesEdit(doc, text, tables_, change)
    return cmd if doc.push(cmd) else None
