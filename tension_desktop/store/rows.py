"""Generic row snapshots, so that any delete can be undone exactly, and the one row copy.

``delete_with_snapshot`` removes a row and everything that depends on it (cascade) and
returns the rows as they were; ``restore`` puts them back with the same ids. Rows that
only pointed at the deleted row through ``ON DELETE SET NULL`` are captured too and get
their reference back. ``copy_rows`` is the one generic row copy (duplicate, Continue,
transfer, restore).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .library import Library
from .schema import WORKSHOP_TABLES

#: table -> list of (dependent table, fk column)
_DEPENDENTS: dict[str, list[tuple[str, str]]] = {}
for _table, _fks in WORKSHOP_TABLES.items():
    for _col, _ref in _fks.items():
        _DEPENDENTS.setdefault(_ref, []).append((_table, _col))
_TABLE_ORDER = {name: i for i, name in enumerate(["teams", "workshops", *WORKSHOP_TABLES])}


@dataclass
class Snapshot:
    """Rows as they were before a delete: table -> {id: row}."""

    rows: dict[str, dict[int, dict]] = field(default_factory=dict)

    def add(self, table: str, row: dict) -> bool:
        bucket = self.rows.setdefault(table, {})
        if row["id"] in bucket:
            return False
        bucket[row["id"]] = row
        return True

    def count(self) -> int:
        return sum(len(b) for b in self.rows.values())


def _collect(lib: Library, table: str, row_ids: list[int], snap: Snapshot) -> None:
    if not row_ids:
        return
    marks = ",".join("?" * len(row_ids))
    fresh = []
    for row in lib.query(f"SELECT * FROM {table} WHERE id IN ({marks})", tuple(row_ids)):
        if snap.add(table, row):
            fresh.append(row["id"])
    if table == "workshops":
        deps = [(t, "workshop_id") for t in WORKSHOP_TABLES]
    else:
        deps = _DEPENDENTS.get(table, [])
    for dep_table, col in deps:
        marks = ",".join("?" * len(fresh))
        if not fresh:
            continue
        ids = [r["id"] for r in lib.query(f"SELECT id FROM {dep_table} WHERE {col} IN ({marks})", tuple(fresh))] \
            if dep_table != "workshop_settings" else []
        _collect(lib, dep_table, ids, snap)
    if table == "workshops":
        # a follow-up only points back (continued_from, ON DELETE SET NULL): keep it to restore the link
        marks = ",".join("?" * len(fresh))
        for later in lib.query(f"SELECT * FROM workshops WHERE continued_from IN ({marks})", tuple(fresh)):
            snap.add("workshops", later)
        for fresh_id in fresh:
            # with its rowid, so a restored workshop's settings keep their place in the table
            for setting in lib.query("SELECT rowid, * FROM workshop_settings WHERE workshop_id = ?", (fresh_id,)):
                snap.rows.setdefault("workshop_settings", {})[hash((setting["workshop_id"], setting["key"]))] = setting


def snapshot(lib: Library, table: str, row_id: int) -> Snapshot:
    """The row ``table.id == row_id`` and every row that depends on it."""
    snap = Snapshot()
    _collect(lib, table, [row_id], snap)
    return snap


def delete_with_snapshot(lib: Library, table: str, row_id: int) -> Snapshot:
    """Delete a row (cascading) in one edit and return what it removed."""
    with lib.edit() as db:
        snap = snapshot(lib, table, row_id)
        db.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
    return snap


def restore(lib: Library, snap: Snapshot) -> None:
    """Put the rows of a snapshot back exactly, in one edit."""
    with lib.edit() as db:
        for table in sorted(snap.rows, key=lambda t: _TABLE_ORDER.get(t, 999)):
            copy_rows(db, table, snap.rows[table].values(), keep_ids=True, upsert=True)


def insert_row(db: Any, table: str, row: dict[str, Any], conflict: str = "") -> int:
    """Insert one row (column -> value) and return its rowid: the one INSERT of the store's
    generic row paths (copy, restore, import)."""
    cols = list(row)
    return db.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) {conflict}",
                      [row[c] for c in cols]).lastrowid


def copy_rows(db: Any, table: str, rows: Iterable[dict[str, Any]], *, values: dict[str, Any] | None = None,
              id_maps: dict[str, dict[int, int]] | None = None, keep_ids: bool = False,
              upsert: bool = False) -> dict[int, int]:
    """Insert copies of ``rows`` into ``table``; returns old id -> new id.

    The one row-copy routine behind duplicate, Continue, transfer (export and import) and
    undo of a delete. ``values`` are set on every copy (e.g. the target ``workshop_id``).
    A foreign key (see :data:`.schema.WORKSHOP_TABLES`) whose table is in ``id_maps`` is
    remapped through it (a missing id raises KeyError: the row points outside what is
    copied); a reference within the table (a risk merged into another) is set once every
    row is in. ``keep_ids`` keeps each row's id (and its rowid when still free);
    ``upsert`` updates a row that is already there (restore). Must run inside an edit.
    """
    id_maps = id_maps or {}
    fks = WORKSHOP_TABLES.get(table, {})
    conflict = ""
    if upsert:
        # sqlite-utils reads the primary key: id, or (workshop_id, key) for the settings
        pks = db[table].pks
    mapping: dict[int, int] = {}
    deferred: list[tuple[int, str, int]] = []
    for row in rows:
        data = {**row, **(values or {})}
        old_id = data.get("id")
        if not keep_ids:
            data.pop("id", None)
        if "rowid" in data and (not keep_ids or db.execute(f"SELECT 1 FROM {table} WHERE rowid = ?",
                                                           [data["rowid"]]).fetchone()):
            del data["rowid"]  # taken since: the row goes to the end
        for col, ref in fks.items():
            if data.get(col) is None:
                continue
            if ref == table:
                deferred.append((old_id, col, data[col]))
                data[col] = None
            elif ref in id_maps:
                data[col] = id_maps[ref][data[col]]
        if upsert:
            updates = ", ".join(f"{c} = excluded.{c}" for c in data if c not in pks and c != "rowid")
            conflict = f"ON CONFLICT({', '.join(pks)}) DO UPDATE SET {updates}"
        new_id = insert_row(db, table, data, conflict)
        if old_id is not None:
            mapping[old_id] = old_id if keep_ids else new_id
    for old_id, col, old_ref in deferred:
        target = old_ref if keep_ids else mapping[old_ref]
        db.execute(f"UPDATE {table} SET {col} = ? WHERE id = ?", [target, mapping[old_id]])
    return mapping
