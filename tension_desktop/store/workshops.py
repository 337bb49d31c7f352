"""Teams and workshops: list, create, rename, duplicate, delete, and settings."""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from tension_desktop.model import Team, Workshop

from .library import Library
from .rows import Snapshot, copy_rows, delete_with_snapshot, restore
from .schema import WORKSHOP_TABLES
from .settings_ids import copy_settings


class WorkshopSummary(NamedTuple):
    """A row of the home screen."""

    id: int
    team_id: int
    team_name: str
    title: str
    date: str
    updated_at: str
    participants: int
    initiatives: int


def _workshop(row: dict) -> Workshop:
    return Workshop(team_id=row["team_id"], title=row["title"], date=row["date"], id=row["id"],
                    continued_from=row.get("continued_from"))


def list_teams(lib: Library) -> list[Team]:
    return [Team(name=r["name"], id=r["id"]) for r in lib.query("SELECT id, name FROM teams ORDER BY name COLLATE NOCASE, id")]


def find_or_create_team(lib: Library, name: str) -> Team:
    """The team called ``name`` (case-insensitive), created if missing."""
    team = Team(name=name)
    rows = lib.query("SELECT id, name FROM teams WHERE name = ? COLLATE NOCASE", (team.name,))
    if rows:
        return Team(name=rows[0]["name"], id=rows[0]["id"])
    with lib.edit() as db:
        cur = db.execute("INSERT INTO teams (name) VALUES (?)", [team.name])
    return Team(name=team.name, id=cur.lastrowid)


def list_workshops(lib: Library) -> list[WorkshopSummary]:
    """All workshops with their team, newest activity first within each team."""
    rows = lib.query(
        """SELECT w.id, w.team_id, t.name AS team_name, w.title, w.date, w.updated_at,
                  (SELECT count(*) FROM participants p WHERE p.workshop_id = w.id) AS participants,
                  (SELECT count(*) FROM initiatives i WHERE i.workshop_id = w.id) AS initiatives
           FROM workshops w JOIN teams t ON t.id = w.team_id
           ORDER BY t.name COLLATE NOCASE, t.id, w.date DESC, w.updated_at DESC"""
    )
    return [WorkshopSummary(**r) for r in rows]


def get_workshop(lib: Library, workshop_id: int) -> Workshop:
    rows = lib.query("SELECT * FROM workshops WHERE id = ?", (workshop_id,))
    if not rows:
        raise KeyError(f"There is no workshop with id {workshop_id}.")
    return _workshop(rows[0])


def team_name(lib: Library, team_id: int) -> str:
    rows = lib.query("SELECT name FROM teams WHERE id = ?", (team_id,))
    return rows[0]["name"] if rows else ""


def create_workshop(lib: Library, team_name: str, title: str, date: str = "",
                    continued_from: int | None = None) -> Workshop:
    """Create a workshop for the team named ``team_name`` (created if new)."""
    with lib.edit() as db:
        team = find_or_create_team(lib, team_name)
        ws = Workshop(team_id=team.id, title=title, date=date, continued_from=continued_from)
        cur = db.execute(
            "INSERT INTO workshops (team_id, title, date, continued_from) VALUES (?, ?, ?, ?)",
            [ws.team_id, ws.title, ws.date, ws.continued_from],
        )
    return Workshop(team_id=ws.team_id, title=ws.title, date=ws.date, id=cur.lastrowid, continued_from=continued_from)


def rename_workshop(lib: Library, workshop_id: int, title: str) -> None:
    ws = get_workshop(lib, workshop_id)
    new = Workshop(team_id=ws.team_id, title=title, date=ws.date)
    with lib.edit() as db:
        db.execute("UPDATE workshops SET title = ? WHERE id = ?", [new.title, workshop_id])
        lib.touch_workshop(workshop_id)


def delete_workshop(lib: Library, workshop_id: int) -> Snapshot:
    """Delete a workshop with everything in it; returns a snapshot for undo."""
    return delete_with_snapshot(lib, "workshops", workshop_id)


def undelete(lib: Library, snap: Snapshot) -> None:
    restore(lib, snap)


def copy_workshop_rows(lib: Library, source_id: int, target_id: int, *, source: Library | None = None) -> None:
    """Copy every workshop-scoped row of ``source_id`` into the (empty) workshop ``target_id``.

    Ids are remapped, in the rows and in the settings that hold ids (see
    :mod:`.settings_ids`; transient settings such as a private round in progress are left
    behind). ``source`` may be another open library (used by transfer). Must be called
    inside an edit.
    """
    src = source or lib
    id_map: dict[str, dict[int, int]] = {}
    for table in WORKSHOP_TABLES:
        if table == "workshop_settings":
            continue  # copied last, once every row has its new id
        rows = src.query(f"SELECT * FROM {table} WHERE workshop_id = ? ORDER BY rowid", (source_id,))
        id_map[table] = copy_rows(lib.db, table, rows, values={"workshop_id": target_id}, id_maps=id_map)
    copy_settings(lib, source_id, target_id, id_map, source=src)


def duplicate_workshop(lib: Library, workshop_id: int, title: str | None = None) -> Workshop:
    """A full copy of a workshop (all exercises) under a new title, in the same team."""
    ws = get_workshop(lib, workshop_id)
    with lib.edit() as db:
        new_title = title or f"{ws.title} (copy)"
        new = Workshop(team_id=ws.team_id, title=new_title, date=ws.date)
        cur = db.execute("INSERT INTO workshops (team_id, title, date) VALUES (?, ?, ?)",
                         [new.team_id, new.title, new.date])
        copy_workshop_rows(lib, workshop_id, cur.lastrowid)
    return get_workshop(lib, cur.lastrowid)


def get_setting(lib: Library, workshop_id: int, key: str, default: Any = None) -> Any:
    """A per-workshop setting (JSON value), or ``default``."""
    rows = lib.query("SELECT value FROM workshop_settings WHERE workshop_id = ? AND key = ?", (workshop_id, key))
    return json.loads(rows[0]["value"]) if rows else default


def set_setting(lib: Library, workshop_id: int, key: str, value: Any) -> None:
    """Store a per-workshop setting; ``None`` removes it. The value must have the shape
    :mod:`tension_desktop.model.rules` gives the key (a ValidationError otherwise)."""
    from tension_desktop.model.rules import check_setting  # the rules load with the first write

    check_setting(key, value)
    with lib.edit() as db:
        if value is None:
            db.execute("DELETE FROM workshop_settings WHERE workshop_id = ? AND key = ?", [workshop_id, key])
        else:
            db.execute(
                "INSERT INTO workshop_settings (workshop_id, key, value) VALUES (?, ?, ?) "
                "ON CONFLICT(workshop_id, key) DO UPDATE SET value = excluded.value",
                [workshop_id, key, json.dumps(value, ensure_ascii=False)],
            )
