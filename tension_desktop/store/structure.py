"""The constraint diagnosis in the library: blockers, each person's sorting, the scorecard.

Three private rounds (see :data:`tension_desktop.store.rounds.EXERCISES`): naming blockers
(``structure_blockers``), sorting them (``structure_sort``) and rating the scorecard
(``structure_score``). A blocker the room agreed on flows on, with one tap, into a
decision-rights row, a covenant threshold draft, a commitment or a readiness target.

Edits are undone by putting back the rows of the tables they touched as they were
(:func:`state` / :func:`put_state`): only rows that differ are written.
"""

from __future__ import annotations

from collections.abc import Iterable

from tension_desktop.model.structure import Blocker, BlockerSort, Scorecard

from .library import Library
from .rows import copy_rows

#: the diagnosis' tables (its views redraw when an edit touches one; its edits save and put back these rows)
TABLES = ("structure_blockers", "structure_sorts", "structure_scores")

State = dict[str, dict[int, dict]]


# -- a table state, for exact undo ------------------------------------------------------------
def state(lib: Library, workshop_id: int, tables: Iterable[str]) -> State:
    """The rows of ``tables`` of one workshop, by id (parents first as given)."""
    return {t: {r["id"]: r for r in lib.query(f"SELECT * FROM {t} WHERE workshop_id = ?", (workshop_id,))}
            for t in tables}


def put_state(lib: Library, workshop_id: int, saved: State) -> None:
    """Make the workshop's rows of the saved tables exactly as saved, in one edit: rows not
    in it are deleted (children first), changed or missing rows are written back (parents
    first). Rows that did not change are not touched (nothing cascades from them)."""
    with lib.edit() as db:
        now = state(lib, workshop_id, saved)
        for table in reversed(list(saved)):
            for rid in now[table].keys() - saved[table].keys():
                db.execute(f"DELETE FROM {table} WHERE id = ?", [rid])
        for table, rows in saved.items():
            changed = [row for rid, row in rows.items() if now[table].get(rid) != row]
            copy_rows(db, table, changed, keep_ids=True, upsert=True)
        lib.touch_workshop(workshop_id)


# -- blockers ---------------------------------------------------------------------------------
def _blocker(r: dict) -> Blocker:
    return Blocker(text=r["text"], participant_id=r["participant_id"], position=r["position"],
                   agreed_kind=r["agreed_kind"], id=r["id"])


def list_blockers(lib: Library, workshop_id: int) -> list[Blocker]:
    """Every blocker of the workshop, in the order they were named."""
    rows = lib.query("SELECT * FROM structure_blockers WHERE workshop_id = ? ORDER BY position, id", (workshop_id,))
    return [_blocker(r) for r in rows]


def get_blocker(lib: Library, blocker_id: int) -> Blocker:
    return _blocker(lib.query("SELECT * FROM structure_blockers WHERE id = ?", (blocker_id,))[0])


def add_blocker(lib: Library, workshop_id: int, text: str, participant_id: int | None) -> int:
    """Name a blocker (one short card); returns its id."""
    b = Blocker(text=text, participant_id=participant_id)
    with lib.edit() as db:
        pos = db.execute("SELECT ifnull(max(position), -1) + 1 FROM structure_blockers WHERE workshop_id = ?",
                         [workshop_id]).fetchone()[0]
        rid = db.execute("INSERT INTO structure_blockers (workshop_id, participant_id, text, position) "
                         "VALUES (?, ?, ?, ?)", [workshop_id, participant_id, b.text, pos]).lastrowid
        lib.touch_workshop(workshop_id)
    return rid


def remove_blocker(lib: Library, blocker_id: int) -> None:
    with lib.edit() as db:
        wid = db.execute("SELECT workshop_id FROM structure_blockers WHERE id = ?", [blocker_id]).fetchone()[0]
        db.execute("DELETE FROM structure_blockers WHERE id = ?", [blocker_id])
        lib.touch_workshop(wid)


def set_agreed(lib: Library, blocker_id: int, kind: str) -> None:
    """What the room agreed a blocker is ('' = not agreed yet)."""
    Blocker(text="x", agreed_kind=kind)
    with lib.edit() as db:
        db.execute("UPDATE structure_blockers SET agreed_kind = ? WHERE id = ?", [kind, blocker_id])
        wid = db.execute("SELECT workshop_id FROM structure_blockers WHERE id = ?", [blocker_id]).fetchone()[0]
        lib.touch_workshop(wid)


# -- sorting ----------------------------------------------------------------------------------
def _sort(r: dict) -> BlockerSort:
    return BlockerSort(blocker_id=r["blocker_id"], participant_id=r["participant_id"], kind=r["kind"],
                       rationale=r["rationale"], id=r["id"])


def list_sorts(lib: Library, workshop_id: int) -> list[BlockerSort]:
    rows = lib.query("SELECT * FROM structure_sorts WHERE workshop_id = ? ORDER BY id", (workshop_id,))
    return [_sort(r) for r in rows]


def set_sort(lib: Library, workshop_id: int, blocker_id: int, participant_id: int, kind: str | None,
             rationale: str = "") -> None:
    """One person's sorting of one blocker (replacing theirs); ``kind=None`` takes it back."""
    if kind is not None:
        BlockerSort(blocker_id=blocker_id, participant_id=participant_id, kind=kind, rationale=rationale)
    with lib.edit() as db:
        db.execute("DELETE FROM structure_sorts WHERE blocker_id = ? AND participant_id = ?",
                   [blocker_id, participant_id])
        if kind is not None:
            db.execute("INSERT INTO structure_sorts (workshop_id, blocker_id, participant_id, kind, rationale) "
                       "VALUES (?, ?, ?, ?, ?)", [workshop_id, blocker_id, participant_id, kind, rationale.strip()])
        lib.touch_workshop(workshop_id)


# -- the scorecard ------------------------------------------------------------------------------
def _score(r: dict) -> Scorecard:
    return Scorecard(participant_id=r["participant_id"], decision_authority=r["decision_authority"],
                     feedback_loops=r["feedback_loops"], accountability=r["accountability"], id=r["id"])


def list_scores(lib: Library, workshop_id: int) -> list[Scorecard]:
    rows = lib.query("SELECT * FROM structure_scores WHERE workshop_id = ? ORDER BY id", (workshop_id,))
    return [_score(r) for r in rows]


def set_score(lib: Library, workshop_id: int, card: Scorecard) -> None:
    """One person's three ratings (replacing theirs)."""
    with lib.edit() as db:
        db.execute("DELETE FROM structure_scores WHERE workshop_id = ? AND participant_id IS ?",
                   [workshop_id, card.participant_id])
        db.execute("INSERT INTO structure_scores (workshop_id, participant_id, decision_authority, feedback_loops, "
                   "accountability) VALUES (?, ?, ?, ?, ?)",
                   [workshop_id, card.participant_id, card.decision_authority, card.feedback_loops,
                    card.accountability])
        lib.touch_workshop(workshop_id)


# -- flow on: what a blocker becomes ---------------------------------------------------------------
def to_decision(lib: Library, workshop_id: int, blocker_id: int) -> int:
    """A structural blocker becomes a decision-rights row (who decides what, and when): the
    decision is named after the blocker; roles and the decide-by date are filled in the covenant."""
    from tension_desktop.model.decision_rights import DecisionRight

    from .covenant import add_decision

    text = get_blocker(lib, blocker_id).text
    return add_decision(lib, workshop_id, DecisionRight(decision=f"Who decides: {text}"[:1000])).id


def to_threshold(lib: Library, workshop_id: int, blocker_id: int) -> int:
    """A structural blocker becomes a covenant threshold draft (what it is for; metric later)."""
    from tension_desktop.model.covenant import EscalationThreshold

    from .covenant import add_threshold

    draft = EscalationThreshold(metric="", draft_for=get_blocker(lib, blocker_id).text[:500])
    return add_threshold(lib, workshop_id, draft).id


def to_commitment(lib: Library, workshop_id: int, blocker_id: int) -> int:
    """A structural blocker becomes a commitment: the first commitment still without a text
    takes it, else a new reliability safeguard."""
    from .session import add_commitment, ensure_commitments

    text = f"Change the structure: {get_blocker(lib, blocker_id).text}"[:500]
    with lib.edit() as db:
        empty = next((c for c in ensure_commitments(lib, workshop_id) if not c.text), None)
        if empty is not None:
            db.execute("UPDATE commitments SET text = ? WHERE id = ?", [text, empty.id])
            lib.touch_workshop(workshop_id)
            return empty.id
        from tension_desktop.model.commitments import Commitment

        return add_commitment(lib, workshop_id, Commitment(kind="safeguard", text=text)).id


def to_target(lib: Library, workshop_id: int, blocker_id: int) -> int:
    """A behavioural blocker becomes a behaviour target of the readiness plan."""
    from .readiness import add_item

    return add_item(lib, workshop_id, "target", get_blocker(lib, blocker_id).text)


FLOW = {"decision": (to_decision, ("decisions", "decision_roles")),
        "threshold": (to_threshold, ("thresholds", "threshold_owners")),
        "commitment": (to_commitment, ("commitments",)),
        "target": (to_target, ("readiness_items", "readiness_values"))}
