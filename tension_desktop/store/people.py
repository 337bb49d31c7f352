"""Participants and initiatives of a workshop: add, edit, reorder, remove (undoable)."""

from __future__ import annotations

from dataclasses import replace

from tension_desktop.model import Initiative, Participant
from tension_desktop.model.colours import next_free_colour

from .library import Library
from .rows import Snapshot, delete_with_snapshot, restore


def _participant(r: dict) -> Participant:
    return Participant(name=r["name"], role=r["role"], colour=r["colour"], position=r["position"],
                       id=r["id"], workshop_id=r["workshop_id"])


def _initiative(r: dict) -> Initiative:
    return Initiative(title=r["title"], description=r["description"], position=r["position"],
                      stage=r["stage"], id=r["id"], workshop_id=r["workshop_id"],
                      phase_scope_kind=r["phase_scope_kind"], phase_scope=r["phase_scope"],
                      phase_metric=r["phase_metric"])


def _slot(lib: Library, table: str, workshop_id: int, index: int | None) -> int:
    """The position value for a new row shown at ``index`` (None: at the end), making room.

    Removals leave gaps in the stored positions (so that undo can put a row back exactly),
    so "at the end" is after the largest position, not at the row count.
    """
    positions = [r["position"] for r in lib.query(
        f"SELECT position FROM {table} WHERE workshop_id = ? ORDER BY position, id", (workshop_id,))]
    if index is None or index >= len(positions):
        return positions[-1] + 1 if positions else 0
    slot = positions[max(index, 0)]
    lib.db.execute(f"UPDATE {table} SET position = position + 1 WHERE workshop_id = ? AND position >= ?",
                   [workshop_id, slot])
    return slot


def list_participants(lib: Library, workshop_id: int) -> list[Participant]:
    rows = lib.query("SELECT * FROM participants WHERE workshop_id = ? ORDER BY position, id", (workshop_id,))
    return [_participant(r) for r in rows]


def get_participant(lib: Library, participant_id: int) -> Participant:
    rows = lib.query("SELECT * FROM participants WHERE id = ?", (participant_id,))
    if not rows:
        raise KeyError(f"There is no participant with id {participant_id}.")
    return _participant(rows[0])


def add_participant(lib: Library, workshop_id: int, name: str, role: str = "", colour: str | None = None,
                    position: int | None = None) -> Participant:
    """Add a participant at the end (or at ``position``); a free palette colour if none given."""
    with lib.edit() as db:
        existing = list_participants(lib, workshop_id)
        colour = colour or next_free_colour([p.colour for p in existing])
        pos = _slot(lib, "participants", workshop_id, position)
        p = Participant(name=name, role=role, colour=colour, position=pos)
        cur = db.execute("INSERT INTO participants (workshop_id, name, role, colour, position) VALUES (?, ?, ?, ?, ?)",
                         [workshop_id, p.name, p.role, p.colour, p.position])
        lib.touch_workshop(workshop_id)
    return replace(p, id=cur.lastrowid, workshop_id=workshop_id)


def update_participant(lib: Library, participant_id: int, *, name: str | None = None, role: str | None = None,
                       colour: str | None = None) -> Participant:
    old = get_participant(lib, participant_id)
    new = Participant(name=old.name if name is None else name, role=old.role if role is None else role,
                      colour=old.colour if colour is None else colour, position=old.position,
                      id=old.id, workshop_id=old.workshop_id)
    with lib.edit() as db:
        db.execute("UPDATE participants SET name = ?, role = ?, colour = ? WHERE id = ?",
                   [new.name, new.role, new.colour, participant_id])
        lib.touch_workshop(old.workshop_id)
    return new


def _move(lib: Library, table: str, row_id: int, new_position: int) -> None:
    rows = lib.query(f"SELECT workshop_id FROM {table} WHERE id = ?", (row_id,))
    if not rows:
        raise KeyError(f"There is no row {row_id} in {table}.")
    workshop_id = rows[0]["workshop_id"]
    ids = [r["id"] for r in lib.query(f"SELECT id FROM {table} WHERE workshop_id = ? ORDER BY position, id",
                                      (workshop_id,))]
    ids.remove(row_id)
    new_position = max(0, min(new_position, len(ids)))
    ids.insert(new_position, row_id)
    with lib.edit() as db:
        for pos, rid in enumerate(ids):
            db.execute(f"UPDATE {table} SET position = ? WHERE id = ?", [pos, rid])
        lib.touch_workshop(workshop_id)


def move_participant(lib: Library, participant_id: int, new_position: int) -> None:
    """Put a participant at ``new_position`` (0-based) in the workshop's order."""
    _move(lib, "participants", participant_id, new_position)


def remove_participant(lib: Library, participant_id: int) -> Snapshot:
    """Remove a participant and everything they placed; returns a snapshot for undo."""
    return delete_with_snapshot(lib, "participants", participant_id)


def list_initiatives(lib: Library, workshop_id: int) -> list[Initiative]:
    rows = lib.query("SELECT * FROM initiatives WHERE workshop_id = ? ORDER BY position, id", (workshop_id,))
    return [_initiative(r) for r in rows]


def get_initiative(lib: Library, initiative_id: int) -> Initiative:
    rows = lib.query("SELECT * FROM initiatives WHERE id = ?", (initiative_id,))
    if not rows:
        raise KeyError(f"There is no initiative with id {initiative_id}.")
    return _initiative(rows[0])


def add_initiative(lib: Library, workshop_id: int, title: str, description: str = "",
                   position: int | None = None) -> Initiative:
    with lib.edit() as db:
        pos = _slot(lib, "initiatives", workshop_id, position)
        i = Initiative(title=title, description=description, position=pos)
        cur = db.execute("INSERT INTO initiatives (workshop_id, title, description, position) VALUES (?, ?, ?, ?)",
                         [workshop_id, i.title, i.description, i.position])
        lib.touch_workshop(workshop_id)
    return replace(i, id=cur.lastrowid, workshop_id=workshop_id)


def update_initiative(lib: Library, initiative_id: int, *, title: str | None = None,
                      description: str | None = None, stage: str | None = None) -> Initiative:
    old = get_initiative(lib, initiative_id)
    new = replace(old, title=old.title if title is None else title,
                  description=old.description if description is None else description,
                  stage=old.stage if stage is None else stage)
    with lib.edit() as db:
        db.execute("UPDATE initiatives SET title = ?, description = ?, stage = ? WHERE id = ?",
                   [new.title, new.description, new.stage, initiative_id])
        lib.touch_workshop(old.workshop_id)
    return new


def move_initiative(lib: Library, initiative_id: int, new_position: int) -> None:
    _move(lib, "initiatives", initiative_id, new_position)


def remove_initiative(lib: Library, initiative_id: int) -> Snapshot:
    return delete_with_snapshot(lib, "initiatives", initiative_id)


def undo_remove(lib: Library, snap: Snapshot) -> None:
    """Put back what a remove took away (same ids, same positions)."""
    restore(lib, snap)
