"""Migrations: a version-1 library on disk climbs every step with its data; a step may be Python."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tension_desktop.store import SCHEMA_VERSION, StoreError, open_library
from tension_desktop.store import library as library_module
from tension_desktop.store.schema import MIGRATIONS

V1_TABLES = ("teams", "workshops", "participants", "initiatives")


def _version_1_library(path: Path) -> dict[str, list[dict]]:
    """A library built by the real version-1 SQL, with a little of everything v1 knew."""
    old = open_library(path, target_version=1)
    try:
        assert old.schema_version == 1
        with old.edit() as db:
            team = db.execute("INSERT INTO teams (name) VALUES ('Meridian')").lastrowid
            ws = db.execute("INSERT INTO workshops (team_id, title, date) VALUES (?, 'Offsite', '2026-11-20')",
                            [team]).lastrowid
            for i, name in enumerate(["Amara", "Jonas", "Priya"]):
                db.execute("INSERT INTO participants (workshop_id, name, role, colour, position) "
                           "VALUES (?, ?, 'CEO', '#1f77b4', ?)", [ws, name, i])
            for i, title in enumerate(["Billing", "Ωmega rollout"]):
                db.execute("INSERT INTO initiatives (workshop_id, title, description, position) "
                           "VALUES (?, ?, 'why', ?)", [ws, title, i])
        return {t: old.query(f"SELECT * FROM {t} ORDER BY id") for t in V1_TABLES}
    finally:
        old.close()


def test_a_version_1_library_climbs_every_step_one_at_a_time_with_its_data(tmp_path):
    path = tmp_path / "library.tension-library"
    before = _version_1_library(path)
    for version in range(2, SCHEMA_VERSION + 1):
        lib = open_library(path, target_version=version)
        try:
            assert lib.schema_version == version
            for table, rows in before.items():
                after = lib.query(f"SELECT * FROM {table} ORDER BY id")
                assert [{k: r[k] for k in rows[0]} for r in after] == rows, (version, table)
            assert lib.integrity_check() == ["ok"]
        finally:
            lib.close()
        # a backup of the file as it was before each step
        assert len(list(tmp_path.glob(f"library.tension-library.v{version - 1}-backup-*"))) == 1
    lib = open_library(path)  # at the current version: the shape check passes
    try:
        assert lib.schema_version == SCHEMA_VERSION
    finally:
        lib.close()


def _rename_teams(conn: sqlite3.Connection) -> None:
    """A data migration: reshape what is stored (here: team names in capitals)."""
    for row_id, name in conn.execute("SELECT id, name FROM teams").fetchall():
        conn.execute("UPDATE teams SET name = ? WHERE id = ?", [name.upper(), row_id])


def test_a_python_step_runs_after_the_sql_steps_in_its_own_transaction(tmp_path, monkeypatch):
    path = tmp_path / "lib.db"
    _version_1_library(path)
    monkeypatch.setattr(library_module, "MIGRATIONS", [*MIGRATIONS, _rename_teams])
    lib = open_library(path, target_version=SCHEMA_VERSION + 1)
    try:
        assert lib.schema_version == SCHEMA_VERSION + 1
        assert [r["name"] for r in lib.query("SELECT name FROM teams")] == ["MERIDIAN"]
        assert len(lib.query("SELECT id FROM participants")) == 3
    finally:
        lib.close()


def test_a_python_step_that_fails_leaves_the_library_at_the_version_before_it(tmp_path, monkeypatch):
    path = tmp_path / "lib.db"
    _version_1_library(path)

    def half_done(conn: sqlite3.Connection) -> None:
        _rename_teams(conn)
        raise sqlite3.OperationalError("the step broke halfway")

    open_library(path).close()  # at the current version first
    monkeypatch.setattr(library_module, "MIGRATIONS", [*MIGRATIONS, half_done])
    with pytest.raises(StoreError, match=f"left at version {SCHEMA_VERSION}"):
        open_library(path, target_version=SCHEMA_VERSION + 1)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT name FROM teams").fetchall() == [("Meridian",)]
    finally:
        conn.close()
