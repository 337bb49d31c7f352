"""Every edit of the constraint diagnosis, on one small base class.

:class:`TablesEdit` is the one undo step of both structure exercises (the readiness plan's
edits in :mod:`tension_desktop.gui.readiness.edits` use it too): it runs a store function
through the document, remembers the rows of the tables it touched as they were and as
they became, and undo/redo put them back exactly (:func:`tension_desktop.store.structure.put_state`).
A refused edit makes itself obsolete once, here. Undo texts are neutral: during a private
turn they name no person and no content.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtGui import QUndoCommand

from tension_desktop.model.structure import Scorecard
from tension_desktop.store import structure as store

from ..document import EditFailed, WorkshopDocument

KIND = store.KIND


class TablesEdit(QUndoCommand):
    """One undoable edit: ``change(lib)`` runs once; undo and redo swap the rows of
    ``tables`` (of this workshop) between before and after; ``kinds`` are announced."""

    def __init__(self, doc: WorkshopDocument, text: str, tables: Iterable[str], change: Callable[..., Any],
                 kinds: Iterable[str] = (KIND,)) -> None:
        super().__init__(text)
        self.doc = doc
        self.tables = tuple(tables)
        self.change = change
        self.kinds = tuple(kinds)
        self.before: store.State | None = None
        self.after: store.State | None = None
        self.result: Any = None

    def _announce(self) -> None:
        for kind in self.kinds:
            self.doc.emit_changed(kind, None)

    def redo(self) -> None:
        doc, wid = self.doc, self.doc.workshop_id
        try:
            if self.after is None:
                self.before = doc.call(store.state, wid, self.tables)
                self.result = doc.call(self.change)
                self.after = doc.call(store.state, wid, self.tables)
            else:
                doc.call(store.put_state, wid, self.after)
        except EditFailed:
            self.setObsolete(True)
            return
        self._announce()

    def undo(self) -> None:
        try:
            self.doc.call(store.put_state, self.doc.workshop_id, self.before)
        except EditFailed:
            self.setObsolete(True)
            return
        self._announce()


def _push(doc: WorkshopDocument, text: str, change: Callable[..., Any], tables=store.TABLES,
          kinds: Iterable[str] = (KIND,)) -> TablesEdit | None:
    cmd = TablesEdit(doc, text, tables, change, kinds)
    return cmd if doc.push(cmd) else None


def add_blocker(doc: WorkshopDocument, text: str, participant_id: int | None) -> TablesEdit | None:
    wid = doc.workshop_id
    return _push(doc, "Name a blocker", lambda lib: store.add_blocker(lib, wid, text, participant_id))


def remove_blocker(doc: WorkshopDocument, blocker_id: int) -> TablesEdit | None:
    return _push(doc, "Remove a blocker", lambda lib: store.remove_blocker(lib, blocker_id))


def sort_blocker(doc: WorkshopDocument, blocker_id: int, participant_id: int, kind: str | None,
                 rationale: str = "") -> TablesEdit | None:
    wid = doc.workshop_id
    return _push(doc, "Sort a blocker",
                 lambda lib: store.set_sort(lib, wid, blocker_id, participant_id, kind, rationale))


def agree(doc: WorkshopDocument, blocker_id: int, kind: str) -> TablesEdit | None:
    return _push(doc, "Agree what a blocker is", lambda lib: store.set_agreed(lib, blocker_id, kind))


def rate(doc: WorkshopDocument, card: Scorecard) -> TablesEdit | None:
    wid = doc.workshop_id
    return _push(doc, "Rate the scorecard", lambda lib: store.set_score(lib, wid, card))


#: the change kinds the views of what a blocker flows into redraw on
FLOW_KINDS = {"decision": "covenant", "threshold": "covenant", "commitment": "commitments", "target": "readiness"}


def flow_on(doc: WorkshopDocument, blocker_id: int, target: str) -> TablesEdit | None:
    """One tap: the blocker becomes a decision-rights row, a threshold draft, a commitment or
    a readiness target (one undo step)."""
    fn, tables = store.FLOW[target]
    wid = doc.workshop_id
    names = {"decision": "a decision right", "threshold": "a threshold draft", "commitment": "a commitment",
             "target": "a behaviour target"}
    return _push(doc, f"Turn a blocker into {names[target]}", lambda lib: fn(lib, wid, blocker_id),
                 tables=tables, kinds=(FLOW_KINDS[target], KIND))
