"""Stage-gate decisions: recorded with the initiative's new stage in one transaction.

A decision row (table ``gate_decisions``) and ``initiatives.stage`` always change
together, so the gate view and the history never disagree. Undo removes the decision
and puts the stage back; redo re-inserts the same row (same id, same time stamp).
"""

from __future__ import annotations

from dataclasses import replace

from tension_desktop.model import GateDecision, ValidationError
from tension_desktop.model.stage_gate import TimelineEntry, reopened_count, timeline

from .library import Library


def _decision(r: dict) -> GateDecision:
    return GateDecision(initiative_id=r["initiative_id"], from_stage=r["from_stage"], to_stage=r["to_stage"],
                        evidence=r["evidence"], rollback=r["rollback"], owner_id=r["owner_id"],
                        review_date=r["review_date"], decided_at=r["decided_at"], id=r["id"],
                        opened_at=r["opened_at"], reopen_cause=r["reopen_cause"])


def opened_at(lib: Library, workshop_id: int, initiative_id: int) -> str:
    """When the next gate question about an initiative was opened: when it entered its
    current stage (its last gate decision, in this session or an earlier one of the team,
    matched by title), else when this session started."""
    row = lib.query("SELECT title FROM initiatives WHERE id = ?", (initiative_id,))
    title = row[0]["title"] if row else ""
    last = lib.query(
        "SELECT max(g.decided_at) AS at FROM gate_decisions g JOIN initiatives i ON i.id = g.initiative_id "
        "JOIN workshops w ON w.id = g.workshop_id WHERE w.team_id = (SELECT team_id FROM workshops WHERE id = ?) "
        "AND (g.initiative_id = ? OR lower(i.title) = lower(?))", (workshop_id, initiative_id, title))
    if last and last[0]["at"]:
        return last[0]["at"]
    ws = lib.query("SELECT date, created_at FROM workshops WHERE id = ?", (workshop_id,))[0]
    return ws["date"] or ws["created_at"]


def list_decisions(lib: Library, workshop_id: int, initiative_id: int | None = None) -> list[GateDecision]:
    """Gate decisions of a workshop (or of one initiative), oldest first."""
    sql = "SELECT * FROM gate_decisions WHERE workshop_id = ?"
    params: list = [workshop_id]
    if initiative_id is not None:
        sql += " AND initiative_id = ?"
        params.append(initiative_id)
    return [_decision(r) for r in lib.query(sql + " ORDER BY decided_at, id", tuple(params))]


def get_decision(lib: Library, decision_id: int) -> GateDecision:
    rows = lib.query("SELECT * FROM gate_decisions WHERE id = ?", (decision_id,))
    if not rows:
        raise KeyError(f"There is no gate decision with id {decision_id}.")
    return _decision(rows[0])


def record_decision(lib: Library, workshop_id: int, decision: GateDecision) -> GateDecision:
    """Store a gate decision and move the initiative to its new stage, in one edit.

    The initiative must currently be at ``decision.from_stage`` (a stale drag is refused).
    A decision with an ``id`` (redo) is re-inserted with that id and time stamp.
    """
    if decision.from_stage == decision.to_stage:
        raise ValidationError("gate decision", "the initiative is already at that stage")
    with lib.edit() as db:
        rows = lib.query("SELECT stage, workshop_id FROM initiatives WHERE id = ?", (decision.initiative_id,))
        if not rows or rows[0]["workshop_id"] != workshop_id:
            raise ValidationError("gate initiative", "is not part of this workshop")
        if rows[0]["stage"] != decision.from_stage:
            raise ValidationError("gate from stage",
                                  f"the initiative is at {rows[0]['stage']}, not {decision.from_stage}")
        cols = ["workshop_id", "initiative_id", "from_stage", "to_stage", "evidence", "rollback", "owner_id",
                "review_date", "opened_at", "reopen_cause"]
        values = [workshop_id, decision.initiative_id, decision.from_stage, decision.to_stage, decision.evidence,
                  decision.rollback, decision.owner_id, decision.review_date,
                  decision.opened_at or opened_at(lib, workshop_id, decision.initiative_id),
                  decision.reopen_cause if decision.reopened else ""]
        if decision.id is not None:
            cols += ["id"]
            values += [decision.id]
        if decision.decided_at:
            cols += ["decided_at"]
            values += [decision.decided_at]
        cur = db.execute(f"INSERT INTO gate_decisions ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                         values)
        db.execute("UPDATE initiatives SET stage = ? WHERE id = ?", [decision.to_stage, decision.initiative_id])
        lib.touch_workshop(workshop_id)
    new_id = decision.id if decision.id is not None else cur.lastrowid
    return get_decision(lib, new_id)


def undo_decision(lib: Library, decision_id: int) -> GateDecision:
    """Remove a decision and put the initiative back at its ``from_stage`` (one edit)."""
    with lib.edit() as db:
        d = get_decision(lib, decision_id)
        stage = lib.query("SELECT stage FROM initiatives WHERE id = ?", (d.initiative_id,))[0]["stage"]
        if stage != d.to_stage:
            raise ValidationError("gate undo", f"the initiative has moved on to {stage} since")
        db.execute("DELETE FROM gate_decisions WHERE id = ?", [decision_id])
        db.execute("UPDATE initiatives SET stage = ? WHERE id = ?", [d.from_stage, d.initiative_id])
        lib.touch_workshop(lib.query("SELECT workshop_id FROM initiatives WHERE id = ?",
                                     (d.initiative_id,))[0]["workshop_id"])
    return d


def update_decision(lib: Library, decision_id: int, **changes: object) -> GateDecision:
    """Edit a recorded decision's evidence, rollback, owner or review date (stages stay)."""
    allowed = {"evidence", "rollback", "owner_id", "review_date", "reopen_cause"}
    if set(changes) - allowed:
        raise ValidationError("gate decision", f"only {', '.join(sorted(allowed))} can be edited")
    new = replace(get_decision(lib, decision_id), **changes)
    with lib.edit() as db:
        db.execute("UPDATE gate_decisions SET evidence = ?, rollback = ?, owner_id = ?, review_date = ?, "
                   "reopen_cause = ? WHERE id = ?",
                   [new.evidence, new.rollback, new.owner_id, new.review_date, new.reopen_cause, decision_id])
    return new


def history(lib: Library, workshop_id: int, initiative_id: int) -> list[TimelineEntry]:
    """One initiative's gate history as a readable timeline, oldest first."""
    names = {r["id"]: (f"{r['name']} ({r['role']})" if r["role"] else r["name"])
             for r in lib.query("SELECT id, name, role FROM participants WHERE workshop_id = ?", (workshop_id,))}
    return timeline(list_decisions(lib, workshop_id, initiative_id), names)


def reopened_figures(lib: Library, workshop_id: int) -> dict[str, int]:
    """Follow-up figures of a workshop: gate decisions taken and how many were reopenings."""
    decisions = list_decisions(lib, workshop_id)
    return {"decisions": len(decisions), "reopened": reopened_count(decisions)}


def team_reopened_figures(lib: Library, team_id: int) -> list[dict]:
    """Per workshop of a team (oldest first): decisions and reopened decisions, for the
    follow-up view that tracks how often decisions are reopened over time."""
    out = []
    for w in lib.query("SELECT id, title, date FROM workshops WHERE team_id = ? ORDER BY date, id", (team_id,)):
        out.append({"workshop_id": w["id"], "title": w["title"], "date": w["date"],
                    **reopened_figures(lib, w["id"])})
    return out


# -- the team's own gate criteria ---------------------------------------------------------------
CRITERIA_KEY = "stage_gate:criteria"


def own_criteria(lib: Library, workshop_id: int) -> dict[str, dict[str, str]]:
    """The team's own wording of the gate criteria, {stage: {criterion: text}} (empty: the
    playbook's bar everywhere). Read with :func:`~tension_desktop.model.stage_gate.criteria_for`."""
    from .workshops import get_setting

    return get_setting(lib, workshop_id, CRITERIA_KEY, {}) or {}


def set_own_criteria(lib: Library, workshop_id: int, criteria: dict[str, dict[str, str]]) -> None:
    """Store the team's own gate criteria; blank texts fall back to the playbook's."""
    from .workshops import set_setting

    clean = {stage: {k: v.strip() for k, v in crit.items() if v and v.strip()} for stage, crit in criteria.items()}
    clean = {stage: crit for stage, crit in clean.items() if crit}
    set_setting(lib, workshop_id, CRITERIA_KEY, clean or None)


def criteria(lib: Library, workshop_id: int, stage: str):
    """The bar to enter ``stage`` in this workshop (the team's own wording where it has one)."""
    from tension_desktop.model.stage_gate import criteria_for

    return criteria_for(stage, own_criteria(lib, workshop_id))


# -- the current phase of an initiative ---------------------------------------------------------
def set_phase(lib: Library, initiative_id: int, scope_kind: str, scope: str, metric: str) -> tuple[str, str, str]:
    """Record where an initiative's current phase runs (``scope_kind``: 'region',
    'business_unit', 'segment', 'workflow' or '') and its success metric, in one edit.
    Returns the values it replaced (for undo)."""
    from dataclasses import replace as _replace

    from .people import get_initiative

    old = get_initiative(lib, initiative_id)
    new = _replace(old, phase_scope_kind=scope_kind, phase_scope=scope.strip(), phase_metric=metric.strip())
    with lib.edit() as db:
        db.execute("UPDATE initiatives SET phase_scope_kind = ?, phase_scope = ?, phase_metric = ? WHERE id = ?",
                   [new.phase_scope_kind, new.phase_scope, new.phase_metric, initiative_id])
        lib.touch_workshop(old.workshop_id)
    return old.phase_scope_kind, old.phase_scope, old.phase_metric
