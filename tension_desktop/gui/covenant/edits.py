"""Every edit of the covenant, each one undo step through the document.

The screen (:mod:`.view`) only turns a tap or a form into one of these calls. Rows (items,
thresholds, decisions) go through the document's ordered-row helpers (``doc.add_row`` /
``edit_row`` / ``move_row`` / ``remove_row``); an item that changes section is an
:class:`EditItemCommand` on the one edit base, so undo puts it back in its old section
at its old place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tension_desktop.model import CovenantItem, DecisionRight, EscalationThreshold
from tension_desktop.model.decision_rights import ROLES
from tension_desktop.store import Library, covenant
from tension_desktop.store.rows import Snapshot

from ..document import EditCommand, WorkshopDocument

#: the fields of a decision right besides its text and roles (the decision's hygiene)
HYGIENE = ("required_inputs", "decide_by", "escalation", "tiebreaker_id")


def set_owner_limit(doc: WorkshopDocument, limit: int) -> bool:
    """The team's overload limit (stored with the workshop, carried to its follow-ups)."""
    wid = doc.workshop_id
    old = covenant.owner_limit(doc.lib, wid)
    if limit == old:
        return False
    return doc.apply(f"Overload limit: {limit} thresholds per owner",
                     lambda: doc.call(covenant.set_owner_limit, wid, limit),
                     lambda: doc.call(covenant.set_owner_limit, wid, old))


# -- items (protected, may degrade) --------------------------------------------------------------
def add_item(doc: WorkshopDocument, values: dict[str, Any]) -> bool:
    item = CovenantItem(**values)
    lib, wid = doc.lib, doc.workshop_id
    return doc.add_row("covenant_items", f"Add “{item.text[:40]}”", lambda: covenant.add_item(lib, wid, item))


class EditItemCommand(EditCommand):
    """An item's section, text and limit; undo writes them back and returns the item to its
    old place in its old section."""

    def __init__(self, doc: WorkshopDocument, item_id: int, after: dict[str, Any]) -> None:
        old = covenant.get_item(doc.lib, item_id)
        super().__init__(f"Edit “{old.text[:40]}”")
        self.doc, self.item_id, self.after = doc, item_id, after
        self.before = {"kind": old.kind, "text": old.text, "limit": old.limit}
        self.position = [i.id for i in covenant.list_items(doc.lib, doc.workshop_id, old.kind)].index(item_id)

    def apply(self) -> None:
        a = self.after
        self.doc.call(covenant.update_item, self.item_id, section=a["kind"], text=a["text"], limit=a["limit"])

    def revert(self) -> None:
        b = self.before
        self.doc.call(covenant.update_item, self.item_id, section=b["kind"], text=b["text"], limit=b["limit"],
                      quiet=True)
        self.doc.call(covenant.move_item, self.item_id, self.position)


def edit_item(doc: WorkshopDocument, item_id: int, values: dict[str, Any]) -> bool:
    """Change an item (``values``: kind, text, limit); False if nothing changed."""
    cmd = EditItemCommand(doc, item_id, values)
    return values != cmd.before and doc.push(cmd)


def remove_item(doc: WorkshopDocument, item_id: int) -> bool:
    text = covenant.get_item(doc.lib, item_id).text
    lib = doc.lib
    return doc.remove_row("covenant_items", f"Remove “{text[:40]}”", lambda: covenant.remove_item(lib, item_id))


def move_item(doc: WorkshopDocument, item_id: int, new_index: int) -> bool:
    """Move an item within its section."""
    kind = covenant.get_item(doc.lib, item_id).kind
    order = [i.id for i in covenant.list_items(doc.lib, doc.workshop_id, kind)]
    return doc.move_row("Reorder covenant items", covenant.move_item, item_id, order, new_index)


# -- escalation thresholds ---------------------------------------------------------------------
def add_threshold(doc: WorkshopDocument, values: dict[str, Any]) -> bool:
    t = EscalationThreshold(**values)
    lib, wid = doc.lib, doc.workshop_id
    return doc.add_row("thresholds", f"Add threshold “{t.title[:40]}”", lambda: covenant.add_threshold(lib, wid, t))


def edit_threshold(doc: WorkshopDocument, threshold_id: int, values: dict[str, Any]) -> bool:
    """Change fields of a threshold; False if nothing changed."""
    old = covenant.get_threshold(doc.lib, threshold_id)
    before = {"metric": old.metric, "threshold": old.threshold, "lever": old.lever, "owner_ids": old.owner_ids,
              "overrides": old.overrides}
    if {**before, **values} == before:
        return False
    return doc.edit_row(f"Edit threshold “{old.title[:40]}”", covenant.update_threshold, threshold_id,
                        values, before)


def remove_threshold(doc: WorkshopDocument, threshold_id: int) -> bool:
    return _remove(doc, "thresholds", threshold_id)


def move_threshold(doc: WorkshopDocument, threshold_id: int, new_index: int) -> bool:
    return _move(doc, "thresholds", threshold_id, new_index)


# -- decision rights -------------------------------------------------------------------------------
def add_decision(doc: WorkshopDocument, values: dict[str, Any]) -> bool:
    d = DecisionRight(**values)
    lib, wid = doc.lib, doc.workshop_id
    return doc.add_row("decisions", f"Add decision “{d.decision[:40]}”", lambda: covenant.add_decision(lib, wid, d))


def edit_decision(doc: WorkshopDocument, decision_id: int, values: dict[str, Any]) -> bool:
    """Change a decision right (fields not in ``values`` keep theirs); False if nothing changed."""
    old = covenant.get_decision(doc.lib, decision_id)
    before = {"decision": old.decision, "roles": {r: old.holders(r) for r in ROLES},
              **{k: getattr(old, k) for k in HYGIENE}}
    after = {"decision": values.get("decision", old.decision),
             "roles": {r: tuple(values.get("roles", {}).get(r, old.holders(r))) for r in ROLES},
             **{k: values.get(k, getattr(old, k)) for k in HYGIENE}}
    if after == before:
        return False
    return doc.edit_row(f"Edit decision “{old.decision[:40]}”", covenant.update_decision, decision_id,
                        after, before)


def remove_decision(doc: WorkshopDocument, decision_id: int) -> bool:
    return _remove(doc, "decisions", decision_id)


def move_decision(doc: WorkshopDocument, decision_id: int, new_index: int) -> bool:
    return _move(doc, "decisions", decision_id, new_index)


# -- removing and moving a threshold or a decision (the same but for the store's functions) ---------
@dataclass(frozen=True, slots=True)
class _Rows:
    noun: str  #: what the undo text calls one row
    title: Callable[[Library, int], str]
    rows: Callable[[Library, int], list]
    remove: Callable[[Library, int], Snapshot]
    move: Callable[..., Any]


_ROWS = {
    "thresholds": _Rows("threshold", lambda lib, i: covenant.get_threshold(lib, i).title, covenant.list_thresholds,
                        covenant.remove_threshold, covenant.move_threshold),
    "decisions": _Rows("decision", lambda lib, i: covenant.get_decision(lib, i).decision, covenant.list_decisions,
                       covenant.remove_decision, covenant.move_decision),
}


def _remove(doc: WorkshopDocument, table: str, row_id: int) -> bool:
    rows, lib = _ROWS[table], doc.lib
    return doc.remove_row(table, f"Remove {rows.noun} “{rows.title(lib, row_id)[:40]}”",
                          lambda: rows.remove(lib, row_id))


def _move(doc: WorkshopDocument, table: str, row_id: int, new_index: int) -> bool:
    rows = _ROWS[table]
    order = [r.id for r in rows.rows(doc.lib, doc.workshop_id)]
    return doc.move_row(f"Reorder {table}", rows.move, row_id, order, new_index)


# -- suggestions from the board and the map --------------------------------------------------------
def add_suggestions(doc: WorkshopDocument, chosen: list) -> int:
    """Add the chosen suggestions as one undo step; returns how many."""
    if not chosen:
        return 0
    stack = doc.undo_stack
    stack.beginMacro(f"Add {len(chosen)} suggestions")
    try:
        for c in chosen:
            if c.target == "threshold":
                # a draft that says what it is for; the metric is for the team to name
                add_threshold(doc, {"metric": "", "draft_for": c.text})
            else:
                add_item(doc, {"kind": c.target, "text": c.text, "limit": ""})
    finally:
        stack.endMacro()
    return len(chosen)
