"""Covenant items, escalation thresholds and decision rights.

Every write is one ``lib.edit()`` transaction. Removals return a :class:`~.rows.Snapshot`
so the GUI can undo them exactly (``rows.restore``).
"""

from __future__ import annotations

from collections.abc import Iterable

from tension_desktop.model import CovenantItem, DecisionRight, EscalationThreshold
from tension_desktop.model.decision_rights import ROLES
from tension_desktop.model.validation import ValidationError

from .library import Library
from .rows import Snapshot, delete_with_snapshot


def _next_position(db, table: str, where: str, params: list) -> int:
    row = db.execute(f"SELECT max(position) FROM {table} WHERE {where}", params).fetchone()
    return 0 if row[0] is None else row[0] + 1


def _workshop_of(lib: Library, table: str, row_id: int) -> int:
    rows = lib.query(f"SELECT workshop_id FROM {table} WHERE id = ?", (row_id,))
    if not rows:
        raise KeyError(f"There is no {table[:-1].replace('_', ' ')} with id {row_id}.")
    return rows[0]["workshop_id"]


def _move(lib: Library, table: str, row_id: int, new_index: int, scope: str = "") -> None:
    """Put a row at ``new_index`` among its siblings (same workshop, and same ``scope`` column)."""
    wid = _workshop_of(lib, table, row_id)
    where, params = "workshop_id = ?", [wid]
    if scope:
        value = lib.query(f"SELECT {scope} FROM {table} WHERE id = ?", (row_id,))[0][scope]
        where += f" AND {scope} = ?"
        params.append(value)
    with lib.edit() as db:
        ids = [r[0] for r in db.execute(f"SELECT id FROM {table} WHERE {where} ORDER BY position, id", params)]
        ids.remove(row_id)
        ids.insert(max(0, min(new_index, len(ids))), row_id)
        for pos, rid in enumerate(ids):
            db.execute(f"UPDATE {table} SET position = ? WHERE id = ?", [pos, rid])
        lib.touch_workshop(wid)


def _check_participants(lib: Library, workshop_id: int, pids: Iterable[int]) -> tuple[int, ...]:
    pids = tuple(dict.fromkeys(pids))
    if pids:
        marks = ",".join("?" * len(pids))
        found = {r["id"] for r in lib.query(f"SELECT id FROM participants WHERE workshop_id = ? AND id IN ({marks})",
                                            (workshop_id, *pids))}
        missing = [p for p in pids if p not in found]
        if missing:
            raise ValidationError("participant", f"not in this workshop: {missing}")
    return pids


# -- items ------------------------------------------------------------------------------------
def _item(r: dict) -> CovenantItem:
    return CovenantItem(kind=r["kind"], text=r["text"], limit=r["limit_text"], position=r["position"], id=r["id"])


def list_items(lib: Library, workshop_id: int, kind: str | None = None) -> list[CovenantItem]:
    """Items of a workshop: protected first, then degradable, each in its order."""
    sql = "SELECT * FROM covenant_items WHERE workshop_id = ?"
    params: list = [workshop_id]
    if kind:
        sql += " AND kind = ?"
        params.append(kind)
    rows = lib.query(sql + " ORDER BY kind DESC, position, id", tuple(params))
    return [_item(r) for r in rows]


def get_item(lib: Library, item_id: int) -> CovenantItem:
    rows = lib.query("SELECT * FROM covenant_items WHERE id = ?", (item_id,))
    if not rows:
        raise KeyError(f"There is no covenant item with id {item_id}.")
    return _item(rows[0])


def add_item(lib: Library, workshop_id: int, item: CovenantItem) -> CovenantItem:
    with lib.edit() as db:
        pos = _next_position(db, "covenant_items", "workshop_id = ? AND kind = ?", [workshop_id, item.kind])
        cur = db.execute("INSERT INTO covenant_items (workshop_id, kind, text, limit_text, position) VALUES (?, ?, ?, ?, ?)",
                         [workshop_id, item.kind, item.text, item.limit, pos])
        lib.touch_workshop(workshop_id)
    return CovenantItem(kind=item.kind, text=item.text, limit=item.limit, position=pos, id=cur.lastrowid)


def update_item(lib: Library, item_id: int, *, text: str | None = None, limit: str | None = None,
                section: str | None = None) -> CovenantItem:
    """Change an item's text, limit or section ('protected'/'degradable'; moving puts it last there)."""
    old = get_item(lib, item_id)
    new = CovenantItem(kind=section or old.kind, text=old.text if text is None else text,
                       limit=old.limit if limit is None else limit, position=old.position, id=item_id)
    wid = _workshop_of(lib, "covenant_items", item_id)
    with lib.edit() as db:
        pos = old.position
        if new.kind != old.kind:
            pos = _next_position(db, "covenant_items", "workshop_id = ? AND kind = ?", [wid, new.kind])
        db.execute("UPDATE covenant_items SET kind = ?, text = ?, limit_text = ?, position = ? WHERE id = ?",
                   [new.kind, new.text, new.limit, pos, item_id])
        lib.touch_workshop(wid)
    return get_item(lib, item_id)


def move_item(lib: Library, item_id: int, new_index: int) -> None:
    """Reorder an item within its section."""
    _move(lib, "covenant_items", item_id, new_index, scope="kind")


def remove_item(lib: Library, item_id: int) -> Snapshot:
    return delete_with_snapshot(lib, "covenant_items", item_id)


# -- thresholds ----------------------------------------------------------------------------------
def list_thresholds(lib: Library, workshop_id: int) -> list[EscalationThreshold]:
    rows = lib.query("SELECT * FROM thresholds WHERE workshop_id = ? ORDER BY position, id", (workshop_id,))
    owners: dict[int, list[int]] = {}
    for r in lib.query("SELECT threshold_id, participant_id FROM threshold_owners WHERE workshop_id = ? ORDER BY id",
                       (workshop_id,)):
        owners.setdefault(r["threshold_id"], []).append(r["participant_id"])
    return [EscalationThreshold(metric=r["metric"], threshold=r["threshold"], lever=r["lever"],
                                owner_ids=tuple(owners.get(r["id"], ())), position=r["position"], id=r["id"],
                                draft_for=r["draft_for"], overrides=r["overrides"])
            for r in rows]


def get_threshold(lib: Library, threshold_id: int) -> EscalationThreshold:
    wid = _workshop_of(lib, "thresholds", threshold_id)
    return next(t for t in list_thresholds(lib, wid) if t.id == threshold_id)


def add_threshold(lib: Library, workshop_id: int, t: EscalationThreshold) -> EscalationThreshold:
    owners = _check_participants(lib, workshop_id, t.owner_ids)
    with lib.edit() as db:
        pos = _next_position(db, "thresholds", "workshop_id = ?", [workshop_id])
        cur = db.execute("INSERT INTO thresholds (workshop_id, metric, threshold, lever, position, draft_for, "
                         "overrides) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [workshop_id, t.metric, t.threshold, t.lever, pos, t.draft_for, t.overrides])
        for pid in owners:
            db.execute("INSERT INTO threshold_owners (workshop_id, threshold_id, participant_id) VALUES (?, ?, ?)",
                       [workshop_id, cur.lastrowid, pid])
        lib.touch_workshop(workshop_id)
    return EscalationThreshold(metric=t.metric, threshold=t.threshold, lever=t.lever, owner_ids=owners,
                               position=pos, id=cur.lastrowid, draft_for=t.draft_for, overrides=t.overrides)


def update_threshold(lib: Library, threshold_id: int, *, metric: str | None = None, threshold: str | None = None,
                     lever: str | None = None, owner_ids: Iterable[int] | None = None,
                     overrides: str | None = None) -> EscalationThreshold:
    """Edit a threshold row; ``owner_ids`` replaces the owners (order kept). A draft keeps
    what it is for, so its title stays meaningful until the metric is filled in."""
    old = get_threshold(lib, threshold_id)
    wid = _workshop_of(lib, "thresholds", threshold_id)
    new = EscalationThreshold(metric=old.metric if metric is None else metric,
                              threshold=old.threshold if threshold is None else threshold,
                              lever=old.lever if lever is None else lever,
                              owner_ids=old.owner_ids if owner_ids is None else tuple(owner_ids),
                              draft_for=old.draft_for, overrides=old.overrides if overrides is None else overrides)
    owners = _check_participants(lib, wid, new.owner_ids)
    with lib.edit() as db:
        db.execute("UPDATE thresholds SET metric = ?, threshold = ?, lever = ?, overrides = ? WHERE id = ?",
                   [new.metric, new.threshold, new.lever, new.overrides, threshold_id])
        if owner_ids is not None:
            db.execute("DELETE FROM threshold_owners WHERE threshold_id = ?", [threshold_id])
            for pid in owners:
                db.execute("INSERT INTO threshold_owners (workshop_id, threshold_id, participant_id) VALUES (?, ?, ?)",
                           [wid, threshold_id, pid])
        lib.touch_workshop(wid)
    return get_threshold(lib, threshold_id)


def move_threshold(lib: Library, threshold_id: int, new_index: int) -> None:
    _move(lib, "thresholds", threshold_id, new_index)


def remove_threshold(lib: Library, threshold_id: int) -> Snapshot:
    return delete_with_snapshot(lib, "thresholds", threshold_id)


# -- decision rights -----------------------------------------------------------------------------
def list_decisions(lib: Library, workshop_id: int) -> list[DecisionRight]:
    rows = lib.query("SELECT * FROM decisions WHERE workshop_id = ? ORDER BY position, id", (workshop_id,))
    roles: dict[int, dict[str, list[int]]] = {}
    for r in lib.query("SELECT decision_id, participant_id, role FROM decision_roles WHERE workshop_id = ? ORDER BY id",
                       (workshop_id,)):
        roles.setdefault(r["decision_id"], {}).setdefault(r["role"], []).append(r["participant_id"])
    return [DecisionRight(decision=r["decision"], roles={k: tuple(v) for k, v in roles.get(r["id"], {}).items()},
                          position=r["position"], id=r["id"], required_inputs=r["required_inputs"],
                          decide_by=r["decide_by"], escalation=r["escalation"], tiebreaker_id=r["tiebreaker_id"])
            for r in rows]


def get_decision(lib: Library, decision_id: int) -> DecisionRight:
    wid = _workshop_of(lib, "decisions", decision_id)
    return next(d for d in list_decisions(lib, wid) if d.id == decision_id)


def _write_roles(lib: Library, db, workshop_id: int, decision_id: int, roles: dict[str, tuple[int, ...]]) -> None:
    for role, pids in roles.items():
        for pid in _check_participants(lib, workshop_id, pids):
            db.execute("INSERT INTO decision_roles (workshop_id, decision_id, participant_id, role) VALUES (?, ?, ?, ?)",
                       [workshop_id, decision_id, pid, role])


def add_decision(lib: Library, workshop_id: int, d: DecisionRight) -> DecisionRight:
    with lib.edit() as db:
        pos = _next_position(db, "decisions", "workshop_id = ?", [workshop_id])
        if d.tiebreaker_id is not None:
            _check_participants(lib, workshop_id, (d.tiebreaker_id,))
        cur = db.execute("INSERT INTO decisions (workshop_id, decision, position, required_inputs, decide_by, "
                         "escalation, tiebreaker_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [workshop_id, d.decision, pos, d.required_inputs, d.decide_by, d.escalation,
                          d.tiebreaker_id])
        _write_roles(lib, db, workshop_id, cur.lastrowid, d.roles)
        lib.touch_workshop(workshop_id)
    return get_decision(lib, cur.lastrowid)


_KEEP = object()


def update_decision(lib: Library, decision_id: int, *, decision: str | None = None,
                    roles: dict[str, Iterable[int]] | None = None, required_inputs: str | None = None,
                    decide_by: str | None = None, escalation: str | None = None,
                    tiebreaker_id: int | None | object = _KEEP) -> DecisionRight:
    """Edit a decision's wording, its roles (``roles`` replaces every role given) and its
    hygiene (None / omitted keeps a field; ``tiebreaker_id=None`` clears the tie-breaker)."""
    old = get_decision(lib, decision_id)
    wid = _workshop_of(lib, "decisions", decision_id)
    new_roles = {r: tuple(p) for r, p in (roles or {}).items()}
    new = DecisionRight(decision=old.decision if decision is None else decision, roles=new_roles,
                        required_inputs=old.required_inputs if required_inputs is None else required_inputs,
                        decide_by=old.decide_by if decide_by is None else decide_by,
                        escalation=old.escalation if escalation is None else escalation,
                        tiebreaker_id=old.tiebreaker_id if tiebreaker_id is _KEEP else tiebreaker_id)
    if new.tiebreaker_id is not None:
        _check_participants(lib, wid, (new.tiebreaker_id,))
    with lib.edit() as db:
        db.execute("UPDATE decisions SET decision = ?, required_inputs = ?, decide_by = ?, escalation = ?, "
                   "tiebreaker_id = ? WHERE id = ?", [new.decision, new.required_inputs, new.decide_by,
                                                      new.escalation, new.tiebreaker_id, decision_id])
        for role in new_roles:
            db.execute("DELETE FROM decision_roles WHERE decision_id = ? AND role = ?", [decision_id, role])
        _write_roles(lib, db, wid, decision_id, new_roles)
        lib.touch_workshop(wid)
    return get_decision(lib, decision_id)


def set_role(lib: Library, decision_id: int, role: str, participant_ids: Iterable[int]) -> DecisionRight:
    """Who holds one role of a decision (replaces the role's holders)."""
    if role not in ROLES:
        raise ValidationError("decision role", f"must be one of {', '.join(ROLES)}; got {role!r}")
    return update_decision(lib, decision_id, roles={role: tuple(participant_ids)})


def move_decision(lib: Library, decision_id: int, new_index: int) -> None:
    _move(lib, "decisions", decision_id, new_index)


def remove_decision(lib: Library, decision_id: int) -> Snapshot:
    return delete_with_snapshot(lib, "decisions", decision_id)


# -- the team's limit of thresholds per owner --------------------------------------------------
OWNER_LIMIT_KEY = "covenant:owner_limit"


def owner_limit(lib: Library, workshop_id: int) -> int:
    """How many thresholds one owner may hold before the checks call it overload (the
    team's own limit, default :data:`~tension_desktop.model.covenant.OWNER_LIMIT`)."""
    from tension_desktop.model.covenant import OWNER_LIMIT

    from .workshops import get_setting

    return get_setting(lib, workshop_id, OWNER_LIMIT_KEY, OWNER_LIMIT)


def set_owner_limit(lib: Library, workshop_id: int, limit: int) -> None:
    """Store the team's limit (1 to 12; the default is stored as no setting)."""
    from tension_desktop.model.covenant import OWNER_LIMIT
    from tension_desktop.model.rules import check_setting

    from .workshops import set_setting

    check_setting(OWNER_LIMIT_KEY, limit)
    set_setting(lib, workshop_id, OWNER_LIMIT_KEY, None if limit == OWNER_LIMIT else limit)
