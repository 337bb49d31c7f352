"""Pre-mortem risks and dot votes."""

from __future__ import annotations

from tension_desktop.model import Risk

from .library import Library


def list_risks(lib: Library, workshop_id: int, initiative_id: int | None = None) -> list[Risk]:
    sql = ("SELECT r.*, (SELECT ifnull(sum(dots), 0) FROM risk_votes v WHERE v.risk_id = r.id) AS votes "
           "FROM risks r WHERE r.workshop_id = ? AND r.merged_into IS NULL")
    params: list = [workshop_id]
    if initiative_id is not None:
        sql += " AND r.initiative_id = ?"
        params.append(initiative_id)
    rows = lib.query(sql + " ORDER BY r.position, r.id", tuple(params))
    return [Risk(text=r["text"], category=r["category"], initiative_id=r["initiative_id"], author_id=r["author_id"],
                 votes=r["votes"], owner_id=r["owner_id"], mitigation=r["mitigation"], position=r["position"],
                 id=r["id"]) for r in rows]


def add_risk(lib: Library, workshop_id: int, risk: Risk) -> Risk:
    with lib.edit() as db:
        pos = db.execute("SELECT count(*) FROM risks WHERE workshop_id = ?", [workshop_id]).fetchone()[0]
        cur = db.execute(
            "INSERT INTO risks (workshop_id, initiative_id, category, text, author_id, owner_id, mitigation, position) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [workshop_id, risk.initiative_id, risk.category, risk.text, risk.author_id, risk.owner_id,
             risk.mitigation, pos],
        )
        lib.touch_workshop(workshop_id)
    return Risk(text=risk.text, category=risk.category, initiative_id=risk.initiative_id, author_id=risk.author_id,
                owner_id=risk.owner_id, mitigation=risk.mitigation, position=pos, id=cur.lastrowid)


def set_votes(lib: Library, workshop_id: int, risk_id: int, participant_id: int, dots: int) -> None:
    """Set how many dots one participant puts on one risk (0 removes their vote)."""
    with lib.edit() as db:
        if dots <= 0:
            db.execute("DELETE FROM risk_votes WHERE risk_id = ? AND participant_id = ?", [risk_id, participant_id])
        else:
            db.execute(
                "INSERT INTO risk_votes (workshop_id, risk_id, participant_id, dots) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(risk_id, participant_id) DO UPDATE SET dots = excluded.dots",
                [workshop_id, risk_id, participant_id, dots],
            )
