"""The covenant across sessions: carried over by Continue, reviewed at the follow-up.

:func:`carry_covenant` runs inside :func:`.session.continue_workshop`: it copies the covenant
items, the thresholds (with their owner), the decision rights (with their roles) and the
open pre-mortem mitigations into the new workshop, and adds one review row for each
threshold, decision right and mitigation. The review rows live in the new workshop and
point at its own copies, so a workshop file carries its review with it.
"""

from __future__ import annotations

from tension_desktop.model.covenant_review import (
    ReviewEntry,
    ReviewFigures,
    check_outcome,
    review_figures,
)
from tension_desktop.model.validation import ValidationError, optional_text, require_text

from .library import Library
from .rows import Snapshot, delete_with_snapshot
from .rows import insert_row as _insert

_UNCHANGED = object()


def carry_covenant(lib: Library, source_id: int, target_id: int, participant_ids: dict[int, int],
                   initiative_ids: dict[int, int]) -> None:
    """Copy the covenant of ``source_id`` into ``target_id`` and open its review.

    Must run inside an edit. ``participant_ids`` / ``initiative_ids`` map the source's ids
    to the copies'. Mitigations already reviewed as done in the source stay behind."""
    db = lib.db
    for r in lib.query("SELECT * FROM covenant_items WHERE workshop_id = ? ORDER BY id", (source_id,)):
        _insert(db, "covenant_items", {"workshop_id": target_id, "kind": r["kind"], "text": r["text"],
                                       "limit_text": r["limit_text"], "position": r["position"]})
    pos = 0
    for r in lib.query("SELECT * FROM thresholds WHERE workshop_id = ? ORDER BY position, id", (source_id,)):
        tid = _insert(db, "thresholds", {"workshop_id": target_id, "metric": r["metric"],
                                         "threshold": r["threshold"], "lever": r["lever"],
                                         "position": r["position"], "draft_for": r["draft_for"],
                                         "overrides": r["overrides"]})
        for o in lib.query("SELECT participant_id FROM threshold_owners WHERE threshold_id = ? ORDER BY id",
                           (r["id"],)):
            _insert(db, "threshold_owners", {"workshop_id": target_id, "threshold_id": tid,
                                             "participant_id": participant_ids[o["participant_id"]]})
        _insert(db, "covenant_reviews", {"workshop_id": target_id, "kind": "threshold", "threshold_id": tid,
                                         "position": pos})
        pos += 1
    for r in lib.query("SELECT * FROM decisions WHERE workshop_id = ? ORDER BY position, id", (source_id,)):
        tie = r["tiebreaker_id"]
        did = _insert(db, "decisions", {"workshop_id": target_id, "decision": r["decision"],
                                        "position": r["position"], "required_inputs": r["required_inputs"],
                                        "decide_by": r["decide_by"], "escalation": r["escalation"],
                                        "tiebreaker_id": participant_ids.get(tie) if tie is not None else None})
        for role in lib.query("SELECT participant_id, role FROM decision_roles WHERE decision_id = ? ORDER BY id",
                              (r["id"],)):
            _insert(db, "decision_roles", {"workshop_id": target_id, "decision_id": did, "role": role["role"],
                                           "participant_id": participant_ids[role["participant_id"]]})
        _insert(db, "covenant_reviews", {"workshop_id": target_id, "kind": "decision", "decision_id": did,
                                         "position": pos})
        pos += 1
    done = {r["risk_id"] for r in lib.query("SELECT risk_id FROM covenant_reviews WHERE workshop_id = ? AND "
                                            "kind = 'mitigation' AND outcome = 'done'", (source_id,))}
    for r in lib.query("SELECT * FROM risks WHERE workshop_id = ? AND mitigation != '' AND merged_into IS NULL "
                       "ORDER BY position, id", (source_id,)):
        if r["id"] in done:
            continue
        rid = _insert(db, "risks", {
            "workshop_id": target_id, "category": r["category"], "text": r["text"], "mitigation": r["mitigation"],
            "initiative_id": initiative_ids.get(r["initiative_id"]) if r["initiative_id"] is not None else None,
            "author_id": participant_ids.get(r["author_id"]) if r["author_id"] is not None else None,
            "owner_id": participant_ids.get(r["owner_id"]) if r["owner_id"] is not None else None,
            "position": r["position"]})
        _insert(db, "covenant_reviews", {"workshop_id": target_id, "kind": "mitigation", "risk_id": rid,
                                         "position": pos})
        pos += 1


def open_review_row(lib: Library, workshop_id: int, kind: str, subject_id: int) -> int:
    """Add a review row for a threshold, decision right or mitigation (risk) of ``workshop_id``
    (Continue does this for everything it carries; the demo uses it to build its history)."""
    check_outcome(kind, "")
    column = {"threshold": "threshold_id", "decision": "decision_id", "mitigation": "risk_id"}[kind]
    table = {"threshold": "thresholds", "decision": "decisions", "mitigation": "risks"}[kind]
    if not lib.query(f"SELECT 1 FROM {table} WHERE id = ? AND workshop_id = ?", (subject_id, workshop_id)):
        raise ValidationError(kind, f"not in this workshop: {subject_id}")
    with lib.edit() as db:
        pos = db.execute("SELECT coalesce(max(position) + 1, 0) FROM covenant_reviews WHERE workshop_id = ?",
                         [workshop_id]).fetchone()[0]
        return _insert(db, "covenant_reviews", {"workshop_id": workshop_id, "kind": kind, column: subject_id,
                                                "position": pos})


def _entries(lib: Library, workshop_id: int, where: str = "", params: tuple = ()) -> list[ReviewEntry]:
    rows = lib.query(
        "SELECT v.*, t.metric, t.draft_for, d.decision, k.text AS risk, k.mitigation, k.owner_id AS risk_owner "
        "FROM covenant_reviews v LEFT JOIN thresholds t ON t.id = v.threshold_id "
        "LEFT JOIN decisions d ON d.id = v.decision_id LEFT JOIN risks k ON k.id = v.risk_id "
        f"WHERE v.workshop_id = ? {where} ORDER BY v.position, v.id", (workshop_id, *params))
    owners: dict[int, list[int]] = {}
    for r in lib.query("SELECT threshold_id, participant_id FROM threshold_owners WHERE workshop_id = ?",
                       (workshop_id,)):
        owners.setdefault(r["threshold_id"], []).append(r["participant_id"])
    approvers: dict[int, list[int]] = {}
    for r in lib.query("SELECT decision_id, participant_id FROM decision_roles WHERE workshop_id = ? AND "
                       "role = 'approve'", (workshop_id,)):
        approvers.setdefault(r["decision_id"], []).append(r["participant_id"])
    out = []
    for r in rows:
        if r["kind"] == "threshold":
            subject = r["metric"] or f"Define a threshold for {r['draft_for']}"
            named = owners.get(r["threshold_id"], [])
            sid = r["threshold_id"]
        elif r["kind"] == "decision":
            subject, named, sid = r["decision"], approvers.get(r["decision_id"], []), r["decision_id"]
        else:
            subject = f"{r['mitigation']} (against: {r['risk']})"
            named, sid = [r["risk_owner"]] if r["risk_owner"] is not None else [], r["risk_id"]
        out.append(ReviewEntry(kind=r["kind"], subject=subject, outcome=r["outcome"], note=r["note"],
                               named=named[0] if len(named) == 1 else None, decided_by=r["decided_by"],
                               subject_id=sid, id=r["id"]))
    return out


def list_review(lib: Library, workshop_id: int, kind: str | None = None) -> list[ReviewEntry]:
    """The follow-up's review rows: thresholds, then decision rights, then mitigations."""
    if kind is None:
        return _entries(lib, workshop_id)
    return _entries(lib, workshop_id, "AND v.kind = ?", (kind,))


def get_review(lib: Library, review_id: int) -> ReviewEntry:
    rows = lib.query("SELECT workshop_id FROM covenant_reviews WHERE id = ?", (review_id,))
    if not rows:
        raise KeyError(f"There is no review row with id {review_id}.")
    return _entries(lib, rows[0]["workshop_id"], "AND v.id = ?", (review_id,))[0]


def set_review(lib: Library, review_id: int, *, outcome: str | None = None, note: str | None = None,
               decided_by: int | None | object = _UNCHANGED) -> ReviewEntry:
    """Mark a review row (None / omitted keeps a field); returns the row as it was (for undo)."""
    old = get_review(lib, review_id)
    new_outcome = old.outcome if outcome is None else check_outcome(old.kind, outcome)
    new_note = old.note if note is None else optional_text("review note", note, max_length=2000)
    new_by = old.decided_by if decided_by is _UNCHANGED else decided_by
    wid = lib.query("SELECT workshop_id FROM covenant_reviews WHERE id = ?", (review_id,))[0]["workshop_id"]
    if new_by is not None:
        if old.kind != "decision":
            raise ValidationError("decided by", "only a decision right records who decided")
        if not lib.query("SELECT 1 FROM participants WHERE id = ? AND workshop_id = ?", (new_by, wid)):
            raise ValidationError("decided by", f"not in this workshop: {new_by}")
    with lib.edit() as db:
        db.execute("UPDATE covenant_reviews SET outcome = ?, note = ?, decided_by = ? WHERE id = ?",
                   [new_outcome, new_note, new_by, review_id])
        lib.touch_workshop(wid)
    return old


# -- near misses ------------------------------------------------------------------------------
def list_near_misses(lib: Library, workshop_id: int) -> list[dict]:
    return lib.query("SELECT id, text, position FROM near_misses WHERE workshop_id = ? ORDER BY position, id",
                     (workshop_id,))


def add_near_miss(lib: Library, workshop_id: int, text: str) -> int:
    """Log a near miss ("churn hit 2.9 % in October; nobody was watching"); returns its id."""
    text = require_text("near miss", text, max_length=2000)
    with lib.edit() as db:
        pos = db.execute("SELECT coalesce(max(position) + 1, 0) FROM near_misses WHERE workshop_id = ?",
                         [workshop_id]).fetchone()[0]
        rid = db.execute("INSERT INTO near_misses (workshop_id, text, position) VALUES (?, ?, ?)",
                         [workshop_id, text, pos]).lastrowid
        lib.touch_workshop(workshop_id)
    return rid


def remove_near_miss(lib: Library, near_miss_id: int) -> Snapshot:
    return delete_with_snapshot(lib, "near_misses", near_miss_id)


def figures(lib: Library, workshop_id: int) -> ReviewFigures:
    """The review's figures for the team chart."""
    return review_figures(list_review(lib, workshop_id), len(list_near_misses(lib, workshop_id)))
