"""Generic row snapshots, so that any delete can be undone exactly.

``delete_with_snapshot`` removes a row and everything that depends on it (cascade) and
returns the rows as they were; ``restore`` puts them back with the same ids. Rows that
only pointed at the deleted row through ``ON DELETE SET NULL`` are captured too and get
their reference back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
            rows = list(snap.rows[table].values())
            # self references (risks.merged_into): insert without, then set
            self_refs = [c for c, ref in WORKSHOP_TABLES.get(table, {}).items() if ref == table]
            for row in rows:
                data = {k: (None if k in self_refs else v) for k, v in row.items()}
                if "rowid" in data and db.execute(f"SELECT 1 FROM {table} WHERE rowid = ?", [data["rowid"]]).fetchone():
                    del data["rowid"]  # taken since: the setting goes to the end
                cols = list(data)
                if table == "workshop_settings":
                    conflict = "ON CONFLICT(workshop_id, key) DO UPDATE SET value = excluded.value"
                else:
                    updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "id")
                    conflict = f"ON CONFLICT(id) DO UPDATE SET {updates}"
                db.execute(
                    f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) {conflict}",
                    [data[c] for c in cols],
                )
            for row in rows:
                for col in self_refs:
                    if row.get(col) is not None:
                        db.execute(f"UPDATE {table} SET {col} = ? WHERE id = ?", [row[col], row["id"]])
