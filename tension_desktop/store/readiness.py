"""The 90-day readiness plan in the library: its items, the weekly indicator values, and
each session's check (start date, who moved, the closing answer with its evidence).

The plan travels with the team: :func:`carry_plan` runs inside
:func:`tension_desktop.store.session.continue_workshop` and copies the items (target
statuses start fresh: each follow-up marks them again), every weekly value entered so far
(so the chart shows all the weeks) and the plan's start date.
"""

from __future__ import annotations

from dataclasses import replace

from tension_desktop.model.readiness import (
    ITEM_KINDS,
    PLAN_SHAPE,
    Check,
    PlanItem,
    WeekValue,
    week_of,
)

from .library import Library
from .rows import copy_rows, insert_row

#: the plan's tables (its views redraw when an edit touches one; its edits save and put back these rows)
TABLES = ("readiness_items", "readiness_values", "readiness_checks")


def _item(r: dict) -> PlanItem:
    return PlanItem(kind=r["kind"], text=r["text"], owner_id=r["owner_id"], baseline=r["baseline"], goal=r["goal"],
                    position=r["position"], status=r["status"], id=r["id"])


def list_items(lib: Library, workshop_id: int, kind: str | None = None) -> list[PlanItem]:
    """The plan's items in plan order (targets, indicators, mechanism, cadence)."""
    rows = lib.query("SELECT * FROM readiness_items WHERE workshop_id = ? ORDER BY position, id", (workshop_id,))
    items = [_item(r) for r in rows]
    items.sort(key=lambda i: ITEM_KINDS.index(i.kind))
    return [i for i in items if kind is None or i.kind == kind]


def add_item(lib: Library, workshop_id: int, kind: str, text: str = "", **fields) -> int:
    """Add a plan item; returns its id."""
    item = PlanItem(kind=kind, text=text, **fields)
    with lib.edit() as db:
        pos = db.execute("SELECT ifnull(max(position), -1) + 1 FROM readiness_items WHERE workshop_id = ?",
                         [workshop_id]).fetchone()[0]
        rid = db.execute("INSERT INTO readiness_items (workshop_id, kind, text, owner_id, baseline, goal, position, "
                         "status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         [workshop_id, item.kind, item.text, item.owner_id, item.baseline, item.goal, pos,
                          item.status]).lastrowid
        lib.touch_workshop(workshop_id)
    return rid


def ensure_plan(lib: Library, workshop_id: int) -> list[PlanItem]:
    """Make sure the plan has its shape: three targets, three indicators, one mechanism and
    the three cadence meetings (blank lines to fill in)."""
    from tension_desktop.model.readiness import CADENCE

    have = list_items(lib, workshop_id)
    with lib.edit():
        for kind, wanted in PLAN_SHAPE.items():
            mine = [i for i in have if i.kind == kind]
            for n in range(len(mine), wanted):
                add_item(lib, workshop_id, kind, CADENCE[n] if kind == "cadence" else "")
    return list_items(lib, workshop_id)


def update_item(lib: Library, item_id: int, **changes) -> None:
    """Change an item's text, owner, baseline, target (``goal``) or status."""
    row = lib.query("SELECT * FROM readiness_items WHERE id = ?", (item_id,))[0]
    new = replace(_item(row), **changes)
    with lib.edit() as db:
        db.execute("UPDATE readiness_items SET text = ?, owner_id = ?, baseline = ?, goal = ?, status = ? WHERE id = ?",
                   [new.text, new.owner_id, new.baseline, new.goal, new.status, item_id])
        lib.touch_workshop(row["workshop_id"])


# -- weekly values --------------------------------------------------------------------------------
def list_values(lib: Library, workshop_id: int) -> list[WeekValue]:
    rows = lib.query("SELECT * FROM readiness_values WHERE workshop_id = ? ORDER BY item_id, week", (workshop_id,))
    return [WeekValue(item_id=r["item_id"], week=r["week"], value=r["value"], id=r["id"]) for r in rows]


def set_value(lib: Library, workshop_id: int, item_id: int, week: int, value: float | None) -> None:
    """An indicator's value in one week (``None`` clears it)."""
    if value is not None:
        WeekValue(item_id=item_id, week=week, value=value)
    with lib.edit() as db:
        db.execute("DELETE FROM readiness_values WHERE item_id = ? AND week = ?", [item_id, week])
        if value is not None:
            db.execute("INSERT INTO readiness_values (workshop_id, item_id, week, value) VALUES (?, ?, ?, ?)",
                       [workshop_id, item_id, week, float(value)])
        lib.touch_workshop(workshop_id)


# -- the session's check ----------------------------------------------------------------------------
def get_check(lib: Library, workshop_id: int) -> Check:
    rows = lib.query("SELECT * FROM readiness_checks WHERE workshop_id = ?", (workshop_id,))
    if not rows:
        return Check()
    r = rows[0]
    return Check(start_date=r["start_date"], moved=r["moved"], answer=r["answer"], evidence=r["evidence"], id=r["id"])


def set_check(lib: Library, workshop_id: int, **changes) -> None:
    """Change the plan's start date, who moved, the closing answer or its evidence."""
    new = replace(get_check(lib, workshop_id), **changes)
    with lib.edit() as db:
        db.execute("INSERT INTO readiness_checks (workshop_id, start_date, moved, answer, evidence) "
                   "VALUES (?, ?, ?, ?, ?) ON CONFLICT(workshop_id) DO UPDATE SET start_date = excluded.start_date, "
                   "moved = excluded.moved, answer = excluded.answer, evidence = excluded.evidence",
                   [workshop_id, new.start_date, new.moved, new.answer, new.evidence])
        lib.touch_workshop(workshop_id)


def current_week(lib: Library, workshop_id: int) -> int:
    """The plan week of this session (by its date, else today); 0 before a start date."""
    import datetime as dt

    from .workshops import get_workshop

    start = get_check(lib, workshop_id).start_date
    on = get_workshop(lib, workshop_id).date or dt.date.today().isoformat()
    return week_of(start, on)


def carry_plan(lib: Library, source_id: int, target_id: int, participant_ids: dict[int, int]) -> None:
    """Copy the plan of ``source_id`` into ``target_id`` (inside an edit): items with their
    owner, every weekly value, the start date. Statuses, who moved and the answer are
    each session's own."""
    db = lib.db
    items = lib.query("SELECT * FROM readiness_items WHERE workshop_id = ? ORDER BY position, id", (source_id,))
    item_ids = copy_rows(db, "readiness_items", items, values={"workshop_id": target_id, "status": ""},
                         id_maps={"participants": participant_ids})
    copy_rows(db, "readiness_values", lib.query("SELECT * FROM readiness_values WHERE workshop_id = ?", (source_id,)),
              values={"workshop_id": target_id}, id_maps={"readiness_items": item_ids})
    start = get_check(lib, source_id).start_date
    if item_ids or start:
        insert_row(db, "readiness_checks", {"workshop_id": target_id, "start_date": start})


def plan_figures(lib: Library, workshop_id: int) -> dict | None:
    """The plan at one session, for the team chart and the follow-up review: the week,
    targets held and slipping (of how many), indicators at target, who moved, the answer;
    None when the session holds no plan."""
    from tension_desktop.model.readiness import progress

    items = list_items(lib, workshop_id)
    if not items:
        return None
    values = list_values(lib, workshop_id)
    targets = [i for i in items if i.kind == "target" and i.text]
    indicators = [i for i in items if i.kind == "indicator" and i.text]
    check = get_check(lib, workshop_id)
    return {"week": current_week(lib, workshop_id),
            "held": sum(1 for t in targets if t.status == "held"),
            "slipping": sum(1 for t in targets if t.status == "slipping"),
            "targets": len(targets), "indicators": len(indicators),
            "at_target": sum(1 for i in indicators if (progress(i, values) or 0) >= 1),
            "moved": check.moved, "answer": check.answer}
