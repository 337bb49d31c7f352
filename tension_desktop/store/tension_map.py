"""Tension-map placements: one per participant, initiative and round."""

from __future__ import annotations

from tension_desktop.model import Placement

from .library import Library


def _placement(r: dict) -> Placement:
    return Placement(initiative_id=r["initiative_id"], x=r["x"], y=r["y"], round=r["round"],
                     participant_id=r["participant_id"], id=r["id"])


#: the columns of a placement in the order Placement takes them (a map reads 2,000 rows as tuples)
_COLUMNS = "initiative_id, x, y, round, participant_id, id"


def list_placements(lib: Library, workshop_id: int, rounds: tuple[str, ...] | None = None) -> list[Placement]:
    """Placements of a workshop, optionally only of some rounds."""
    sql = f"SELECT {_COLUMNS} FROM placements WHERE workshop_id = ?"
    params: list = [workshop_id]
    if rounds:
        sql += f" AND round IN ({','.join('?' * len(rounds))})"
        params += list(rounds)
    return [Placement(*row) for row in lib.query_rows(sql + " ORDER BY id", tuple(params))]


def get_placement(lib: Library, workshop_id: int, initiative_id: int, participant_id: int | None,
                  round: str) -> Placement | None:
    rows = lib.query(
        "SELECT * FROM placements WHERE workshop_id = ? AND initiative_id = ? AND round = ? "
        "AND ifnull(participant_id, 0) = ifnull(?, 0)",
        (workshop_id, initiative_id, round, participant_id),
    )
    return _placement(rows[0]) if rows else None


def place(lib: Library, workshop_id: int, placement: Placement) -> Placement:
    """Store a placement, replacing the same person's earlier one for that initiative and round."""
    with lib.edit() as db:
        db.execute(
            "INSERT INTO placements (workshop_id, initiative_id, participant_id, round, x, y) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(initiative_id, round, ifnull(participant_id, 0)) DO UPDATE SET x = excluded.x, y = excluded.y",
            [workshop_id, placement.initiative_id, placement.participant_id, placement.round, placement.x, placement.y],
        )
        lib.touch_workshop(workshop_id)
    found = get_placement(lib, workshop_id, placement.initiative_id, placement.participant_id, placement.round)
    assert found is not None
    return found


GOVERNANCE_KEY = "tension_map:governance"
QUADRANT_LABELS_KEY = "tension_map:quadrant_labels"
AXIS_LABELS_KEY = "tension_map:axis_labels"


def governance_names(lib: Library, workshop_id: int) -> dict[str, str]:
    """Quadrant key -> governance name, the workshop's edits over the defaults."""
    from tension_desktop.model.tension_map import DEFAULT_GOVERNANCE

    from .workshops import get_setting

    return {**DEFAULT_GOVERNANCE, **(get_setting(lib, workshop_id, GOVERNANCE_KEY) or {})}


def quadrant_labels(lib: Library, workshop_id: int) -> dict[str, str]:
    from tension_desktop.model.tension_map import DEFAULT_QUADRANT_LABELS

    from .workshops import get_setting

    return {**DEFAULT_QUADRANT_LABELS, **(get_setting(lib, workshop_id, QUADRANT_LABELS_KEY) or {})}


def axis_labels(lib: Library, workshop_id: int) -> dict[str, str]:
    from tension_desktop.model.tension_map import DEFAULT_AXIS_LABELS

    from .workshops import get_setting

    return {**DEFAULT_AXIS_LABELS, **(get_setting(lib, workshop_id, AXIS_LABELS_KEY) or {})}


def set_labels(lib: Library, workshop_id: int, *, axes: dict[str, str] | None = None,
               quadrants: dict[str, str] | None = None, governance: dict[str, str] | None = None) -> None:
    """Store edited axis names, quadrant labels and governance names in one transaction.

    A ``None`` argument leaves that group alone; an empty dict goes back to the defaults."""
    from .workshops import set_setting

    with lib.edit():
        for key, value in ((AXIS_LABELS_KEY, axes), (QUADRANT_LABELS_KEY, quadrants), (GOVERNANCE_KEY, governance)):
            if value is not None:
                set_setting(lib, workshop_id, key, dict(value) or None)
        lib.touch_workshop(workshop_id)


def labels(lib: Library, workshop_id: int) -> dict[str, dict[str, str]]:
    """The stored (edited) labels only, as :func:`set_labels` takes them: used by undo."""
    from .workshops import get_setting

    return {"axes": get_setting(lib, workshop_id, AXIS_LABELS_KEY) or {},
            "quadrants": get_setting(lib, workshop_id, QUADRANT_LABELS_KEY) or {},
            "governance": get_setting(lib, workshop_id, GOVERNANCE_KEY) or {}}


def private_count(lib: Library, workshop_id: int) -> int:
    """How many placements are still private (hidden)."""
    return lib.query("SELECT count(*) AS n FROM placements WHERE workshop_id = ? AND round = 'private'",
                     (workshop_id,))[0]["n"]


def put_back(lib: Library, workshop_id: int, previous: Placement | None, initiative_id: int,
             participant_id: int | None, round: str) -> None:
    """Undo of a drop: restore ``previous`` (its old x, y and id) or remove a first placement."""
    with lib.edit() as db:
        db.execute("DELETE FROM placements WHERE workshop_id = ? AND initiative_id = ? AND round = ? "
                   "AND ifnull(participant_id, 0) = ifnull(?, 0)",
                   [workshop_id, initiative_id, round, participant_id])
        if previous is not None:
            db.execute("INSERT INTO placements (id, workshop_id, initiative_id, participant_id, round, x, y) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [previous.id, workshop_id, previous.initiative_id, previous.participant_id,
                        previous.round, previous.x, previous.y])
        lib.touch_workshop(workshop_id)
