"""Covenant items, escalation thresholds and decision rights."""

from __future__ import annotations

from tension_desktop.model import CovenantItem, DecisionRight, EscalationThreshold

from .library import Library


def list_items(lib: Library, workshop_id: int, kind: str | None = None) -> list[CovenantItem]:
    sql = "SELECT * FROM covenant_items WHERE workshop_id = ?"
    params: list = [workshop_id]
    if kind:
        sql += " AND kind = ?"
        params.append(kind)
    rows = lib.query(sql + " ORDER BY kind DESC, position, id", tuple(params))
    return [CovenantItem(kind=r["kind"], text=r["text"], limit=r["limit_text"], position=r["position"], id=r["id"])
            for r in rows]


def add_item(lib: Library, workshop_id: int, item: CovenantItem) -> CovenantItem:
    with lib.edit() as db:
        pos = db.execute("SELECT count(*) FROM covenant_items WHERE workshop_id = ? AND kind = ?",
                         [workshop_id, item.kind]).fetchone()[0]
        cur = db.execute("INSERT INTO covenant_items (workshop_id, kind, text, limit_text, position) VALUES (?, ?, ?, ?, ?)",
                         [workshop_id, item.kind, item.text, item.limit, pos])
        lib.touch_workshop(workshop_id)
    return CovenantItem(kind=item.kind, text=item.text, limit=item.limit, position=pos, id=cur.lastrowid)


def list_thresholds(lib: Library, workshop_id: int) -> list[EscalationThreshold]:
    rows = lib.query("SELECT * FROM thresholds WHERE workshop_id = ? ORDER BY position, id", (workshop_id,))
    owners: dict[int, list[int]] = {}
    for r in lib.query("SELECT threshold_id, participant_id FROM threshold_owners WHERE workshop_id = ? ORDER BY id",
                       (workshop_id,)):
        owners.setdefault(r["threshold_id"], []).append(r["participant_id"])
    return [EscalationThreshold(metric=r["metric"], threshold=r["threshold"], lever=r["lever"],
                                owner_ids=tuple(owners.get(r["id"], ())), position=r["position"], id=r["id"])
            for r in rows]


def add_threshold(lib: Library, workshop_id: int, t: EscalationThreshold) -> EscalationThreshold:
    with lib.edit() as db:
        pos = db.execute("SELECT count(*) FROM thresholds WHERE workshop_id = ?", [workshop_id]).fetchone()[0]
        cur = db.execute("INSERT INTO thresholds (workshop_id, metric, threshold, lever, position) VALUES (?, ?, ?, ?, ?)",
                         [workshop_id, t.metric, t.threshold, t.lever, pos])
        for pid in t.owner_ids:
            db.execute("INSERT INTO threshold_owners (workshop_id, threshold_id, participant_id) VALUES (?, ?, ?)",
                       [workshop_id, cur.lastrowid, pid])
        lib.touch_workshop(workshop_id)
    return EscalationThreshold(metric=t.metric, threshold=t.threshold, lever=t.lever, owner_ids=t.owner_ids,
                               position=pos, id=cur.lastrowid)


def list_decisions(lib: Library, workshop_id: int) -> list[DecisionRight]:
    rows = lib.query("SELECT * FROM decisions WHERE workshop_id = ? ORDER BY position, id", (workshop_id,))
    roles: dict[int, dict[str, list[int]]] = {}
    for r in lib.query("SELECT decision_id, participant_id, role FROM decision_roles WHERE workshop_id = ? ORDER BY id",
                       (workshop_id,)):
        roles.setdefault(r["decision_id"], {}).setdefault(r["role"], []).append(r["participant_id"])
    return [DecisionRight(decision=r["decision"], roles={k: tuple(v) for k, v in roles.get(r["id"], {}).items()},
                          position=r["position"], id=r["id"]) for r in rows]


def add_decision(lib: Library, workshop_id: int, d: DecisionRight) -> DecisionRight:
    with lib.edit() as db:
        pos = db.execute("SELECT count(*) FROM decisions WHERE workshop_id = ?", [workshop_id]).fetchone()[0]
        cur = db.execute("INSERT INTO decisions (workshop_id, decision, position) VALUES (?, ?, ?)",
                         [workshop_id, d.decision, pos])
        for role, pids in d.roles.items():
            for pid in pids:
                db.execute("INSERT INTO decision_roles (workshop_id, decision_id, participant_id, role) VALUES (?, ?, ?, ?)",
                           [workshop_id, cur.lastrowid, pid, role])
        lib.touch_workshop(workshop_id)
    return DecisionRight(decision=d.decision, roles=d.roles, position=pos, id=cur.lastrowid)
