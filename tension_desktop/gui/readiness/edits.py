"""Every edit of the 90-day readiness plan, on the structure exercises' one edit base
(:class:`tension_desktop.gui.tables_edit.TablesEdit`, an ``EditCommand``): the plan's rows as
they were and as they became, swapped by undo and redo."""

from __future__ import annotations

from tension_desktop.store import readiness as store

from ..document import WorkshopDocument
from ..tables_edit import TablesEdit, push_tables


def _push(doc: WorkshopDocument, text: str, change) -> TablesEdit | None:
    return push_tables(doc, text, store.TABLES, change)


def start_plan(doc: WorkshopDocument) -> TablesEdit | None:
    """The plan's blank lines: three targets, three indicators, a mechanism, the cadence;
    week 1 starts on the session's date."""
    wid, date = doc.workshop_id, doc.workshop.date

    def change(lib):
        store.ensure_plan(lib, wid)
        if date and not store.get_check(lib, wid).start_date:
            store.set_check(lib, wid, start_date=date)
    return _push(doc, "Start the readiness plan", change)


def update_item(doc: WorkshopDocument, item_id: int, **changes) -> TablesEdit | None:
    what = "status" if "status" in changes else "owner" if "owner_id" in changes else "plan"
    return _push(doc, f"Change the readiness {what}", lambda lib: store.update_item(lib, item_id, **changes))


def set_value(doc: WorkshopDocument, item_id: int, week: int, value: float | None) -> TablesEdit | None:
    wid = doc.workshop_id
    return _push(doc, f"Enter week {week}'s value", lambda lib: store.set_value(lib, wid, item_id, week, value))


def set_check(doc: WorkshopDocument, **changes) -> TablesEdit | None:
    wid = doc.workshop_id
    what = {"start_date": "the plan's start", "moved": "who moved", "answer": "the closing answer",
            "evidence": "the evidence"}[next(iter(changes))]
    return _push(doc, f"Record {what}", lambda lib: store.set_check(lib, wid, **changes))
