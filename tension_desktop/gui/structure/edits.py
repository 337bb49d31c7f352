"""Every edit of the constraint diagnosis, on the structure exercises' one edit base
(:class:`tension_desktop.gui.tables_edit.TablesEdit`, an ``EditCommand``): the rows of the
tables an edit touched as they were and as they became, swapped by undo and redo. Undo
texts are neutral: during a private turn they name no person and no content.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tension_desktop.model.structure import Scorecard
from tension_desktop.store import structure as store

from ..document import WorkshopDocument
from ..tables_edit import TablesEdit, push_tables


def _push(doc: WorkshopDocument, text: str, change: Callable[..., Any], tables=store.TABLES) -> TablesEdit | None:
    return push_tables(doc, text, tables, change)


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


def flow_on(doc: WorkshopDocument, blocker_id: int, target: str) -> TablesEdit | None:
    """One tap: the blocker becomes a decision-rights row, a threshold draft, a commitment or
    a readiness target (one undo step; the views of those tables hear of it from the notice)."""
    fn, tables = store.FLOW[target]
    wid = doc.workshop_id
    names = {"decision": "a decision right", "threshold": "a threshold draft", "commitment": "a commitment",
             "target": "a behaviour target"}
    return _push(doc, f"Turn a blocker into {names[target]}", lambda lib: fn(lib, wid, blocker_id), tables=tables)
