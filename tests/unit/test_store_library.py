"""The library file: identity, migrations, connection settings and the files it refuses."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tension_desktop.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    LibraryInUse,
    LibraryRefused,
    StorageFull,
    StorageReadOnly,
    inspect_file,
    library_path,
    open_library,
    people,
    workshops,
)
from tension_desktop.store.demo import create_demo

ROOT = Path(__file__).resolve().parents[2]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name and p.name.startswith(path.name))


# -- identity and migrations ------------------------------------------------------------

def test_a_version_1_library_is_migrated_with_its_data_kept_and_a_backup_taken_first(tmp_path):
    path = tmp_path / "library.tension-library"
    old = open_library(path, target_version=1)
    assert old.schema_version == 1
    with old.edit() as db:
        team = db.execute("INSERT INTO teams (name) VALUES ('Meridian')").lastrowid
        ws = db.execute("INSERT INTO workshops (team_id, title, date) VALUES (?, 'Offsite', '2026-11-20')",
                        [team]).lastrowid
        for i, name in enumerate(["Amara", "Jonas", "Priya"]):
            db.execute("INSERT INTO participants (workshop_id, name, role, colour, position) VALUES (?, ?, 'CEO', "
                       "'#1f77b4', ?)", [ws, name, i])
        db.execute("INSERT INTO initiatives (workshop_id, title, description) VALUES (?, 'Billing', 'Move it')", [ws])
    before = {t: old.query(f"SELECT * FROM {t} ORDER BY id") for t in ("teams", "workshops", "participants",
                                                                          "initiatives")}
    old.close()

    lib = open_library(path)
    try:
        assert lib.schema_version == SCHEMA_VERSION
        assert lib.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        for table, rows in before.items():
            after = lib.query(f"SELECT * FROM {table} ORDER BY id")
            assert [{k: r[k] for k in rows[0]} for r in after] == rows, table
        assert lib.query("SELECT stage FROM initiatives")[0]["stage"] == "discover"  # new column, default
        assert lib.integrity_check() == ["ok"]
    finally:
        lib.close()
    backups = sorted(tmp_path.glob("library.tension-library.v1-backup-*"))
    assert len(backups) == 1, side_files(path)
    conn = sqlite3.connect(backups[0])
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT name FROM participants ORDER BY id").fetchall() == [("Amara",), ("Jonas",),
                                                                                         ("Priya",)]
    finally:
        conn.close()


def test_a_library_at_the_current_version_is_opened_without_a_backup(tmp_path):
    path = tmp_path / "lib.db"
    open_library(path).close()
    open_library(path).close()
    assert not list(tmp_path.glob("*backup*"))


def test_the_connection_runs_wal_with_foreign_keys_and_full_sync(lib):
    pragma = lambda name: lib.conn.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 2  # FULL
    assert pragma("application_id") == APPLICATION_ID
    assert pragma("user_version") == SCHEMA_VERSION


def test_a_failing_edit_leaves_nothing_behind(lib):
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    with pytest.raises(RuntimeError), lib.edit():
        people.add_participant(lib, ws.id, "Amara")
        raise RuntimeError("the coach's laptop hiccups")
    assert people.list_participants(lib, ws.id) == []


# -- files it refuses ---------------------------------------------------------------------

def _non_sqlite_text(path: Path) -> None:
    path.write_text("Shopping list\nmilk\neggs\n" * 200)


def _png(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + os.urandom(4000))


def _damaged(path: Path) -> None:
    """A real multi-page library with pages in the middle overwritten."""
    lib = open_library(path, lock=False)
    for _ in range(4):
        create_demo(lib)
    lib.close()
    data = bytearray(path.read_bytes())
    pages = len(data) // 4096
    assert pages > 20
    for page in range(pages // 2, pages // 2 + 4):
        data[page * 4096 + 8: page * 4096 + 4000] = bytes(range(256)) * 15 + bytes(range(72))
    path.write_bytes(bytes(data))


def _foreign_app_id_zero(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT, artist TEXT)")
    conn.execute("INSERT INTO songs VALUES ('Blue', 'Joni')")
    conn.commit()
    conn.close()


def _foreign_other_app_id(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 0x0F055112")  # a Fossil repository's id
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE blob (rid INTEGER PRIMARY KEY, content BLOB)")
    conn.commit()
    conn.close()


def _newer_version(path: Path) -> None:
    lib = open_library(path, lock=False)
    create_demo(lib)
    lib.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    lib.close()


REFUSED = {
    "text file": (_non_sqlite_text, "not an SQLite file"),
    "PNG image": (_png, "not an SQLite file"),
    "damaged library": (_damaged, "damaged"),
    "foreign SQLite file (no application id)": (_foreign_app_id_zero, "another program"),
    "foreign SQLite file (other application id)": (_foreign_other_app_id, "another program"),
    "library from a newer version": (_newer_version, "newer Tension Desktop"),
}


@pytest.mark.parametrize("kind", list(REFUSED))
def test_a_file_that_is_not_ours_is_refused_and_left_byte_for_byte_unchanged(tmp_path, kind):
    make, reason = REFUSED[kind]
    path = tmp_path / "library.tension-library"
    make(path)
    for leftover in side_files(path):
        (tmp_path / leftover).unlink()
    digest, mtime = sha256(path), path.stat().st_mtime_ns

    with pytest.raises(LibraryRefused) as info:
        inspect_file(path)
    assert reason in str(info.value) and str(path) in str(info.value)

    for attempt in ({}, {"readonly": True}, {"lock": False}):
        with pytest.raises(LibraryRefused) as info:
            open_library(path, **attempt)
        assert reason in str(info.value)
        assert "left untouched" in str(info.value)

    assert sha256(path) == digest
    assert path.stat().st_mtime_ns == mtime
    assert side_files(path) == [], "no -wal, -shm or .lock file may appear beside a refused file"


def test_the_damage_is_found_even_when_the_schema_page_is_intact(tmp_path):
    path = tmp_path / "lib.db"
    _damaged(path)
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID  # header still looks ours
    finally:
        conn.close()
    with pytest.raises(LibraryRefused, match="damaged"):
        inspect_file(path)


def test_inspecting_a_good_library_writes_nothing(tmp_path):
    path = tmp_path / "lib.db"
    lib = open_library(path)
    create_demo(lib)
    lib.close()
    digest = sha256(path)
    before = side_files(path)
    assert inspect_file(path) == SCHEMA_VERSION
    assert sha256(path) == digest
    assert side_files(path) == before


def test_a_library_killed_before_its_first_checkpoint_is_still_recognised_as_ours(tmp_path):
    """After a crash the identity may still sit in the write-ahead log, not in the file header."""
    path = tmp_path / "lib.db"
    code = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from tension_desktop.store import open_library, workshops
        lib = open_library(Path({str(path)!r}))
        workshops.create_workshop(lib, "Team", "Kept after the crash")
        os.kill(os.getpid(), 9)
    """)
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False)
    assert (tmp_path / "lib.db-wal").stat().st_size > 0
    with sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True) as raw:
        assert raw.execute("PRAGMA application_id").fetchone()[0] == 0  # the header alone says "not ours"
    assert inspect_file(path) == SCHEMA_VERSION
    lib = open_library(path)
    try:
        assert [w.title for w in workshops.list_workshops(lib)] == ["Kept after the crash"]
    finally:
        lib.close()


# -- one running app per library ----------------------------------------------------------

def test_a_second_app_on_the_same_library_gets_a_clear_message_while_reading_still_works(tmp_path):
    path = library_path(tmp_path)
    lib = open_library(path)
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from tension_desktop.store import LibraryInUse, open_library
        try:
            open_library(Path({str(path)!r}))
        except LibraryInUse as exc:
            print(exc)
            sys.exit(3)
        ro = open_library(Path({str(path)!r}), readonly=True)
        print("opened twice")
    """)
    try:
        second = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert second.returncode == 3, second.stdout + second.stderr
        message = second.stdout.strip()
        assert "already open in another Tension Desktop window" in message
        assert f"process {os.getpid()}" in message
        reader = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(f"""
                from pathlib import Path
                from tension_desktop.store import open_library, workshops
                ro = open_library(Path({str(path)!r}), readonly=True)
                print([w.title for w in workshops.list_workshops(ro)])
            """)], cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert reader.returncode == 0, reader.stderr
        assert reader.stdout.strip() == "['Offsite']"
        people.add_participant(lib, ws.id, "Amara")  # the first app keeps working
    finally:
        lib.close()
    after = open_library(path)  # and once it has closed, the library opens again
    after.close()


def test_the_same_process_cannot_open_the_library_twice_for_writing(lib):
    with pytest.raises(LibraryInUse):
        open_library(lib.path)


# -- full disk and read-only --------------------------------------------------------------

def test_a_full_disk_refuses_the_edit_keeps_earlier_data_and_the_library_stays_usable(lib):
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    people.add_participant(lib, ws.id, "Amara", "CEO")
    pages = lib.conn.execute("PRAGMA page_count").fetchone()[0]
    lib.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StorageFull) as info:
        with lib.edit():
            for i in range(300):
                people.add_initiative(lib, ws.id, f"Initiative {i}", "A long description " * 40)
    assert "disk is full" in str(info.value) and "saved before is safe" in str(info.value)
    assert people.list_initiatives(lib, ws.id) == []
    assert [p.name for p in people.list_participants(lib, ws.id)] == ["Amara"]
    assert lib.integrity_check() == ["ok"]
    lib.conn.execute("PRAGMA max_page_count = 1073741823")
    people.add_initiative(lib, ws.id, "Billing migration")
    assert [i.title for i in people.list_initiatives(lib, ws.id)] == ["Billing migration"]


def test_one_small_edit_on_a_full_disk_fails_cleanly(lib):
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    lib.conn.execute(f"PRAGMA max_page_count = {lib.conn.execute('PRAGMA page_count').fetchone()[0]}")
    added = 0
    with pytest.raises(StorageFull):
        for i in range(10_000):
            people.add_participant(lib, ws.id, f"Person {i}", "x" * 100)
            added += 1
    assert len(people.list_participants(lib, ws.id)) == added  # every acknowledged edit is there


def test_a_library_that_cannot_be_written_refuses_edits_with_a_clear_message(lib):
    """Root ignores file permissions, so the connection itself is made unable to write."""
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    lib.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(StorageReadOnly) as info:
        people.add_participant(lib, ws.id, "Amara")
    assert "cannot be written to" in str(info.value)
    lib.conn.execute("PRAGMA query_only = OFF")
    people.add_participant(lib, ws.id, "Amara")
    assert [p.name for p in people.list_participants(lib, ws.id)] == ["Amara"]


def test_a_library_opened_read_only_refuses_edits(tmp_path):
    path = tmp_path / "lib.db"
    open_library(path).close()
    ro = open_library(path, readonly=True)
    try:
        with pytest.raises(StorageReadOnly, match="read-only"):
            workshops.create_workshop(ro, "Team", "Offsite")
    finally:
        ro.close()


READ_ONLY_CHILD = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from tension_desktop.store import StoreError, open_library, workshops

    def attempt(path, **kw):
        try:
            lib = open_library(Path(path), **kw)
        except StoreError as exc:
            return {"open": type(exc).__name__, "message": str(exc)}
        try:
            titles = [w.title for w in workshops.list_workshops(lib)]
            try:
                workshops.create_workshop(lib, "Team", "Added")
                edit = "saved"
            except StoreError as exc:
                edit = type(exc).__name__ + ": " + str(exc)
            return {"open": "ok", "titles": titles, "edit": edit}
        finally:
            lib.close()

    try:
        open(Path(sys.argv[1]) / "probe", "w")
        print(json.dumps({"permissions": "ignored"}))
        sys.exit(0)
    except OSError:
        pass
    print(json.dumps({name: {"write": attempt(path), "read": attempt(path, readonly=True)}
                      for name, path in zip(["file", "folder", "fresh"], sys.argv[2:], strict=True)}))
""")


def test_a_read_only_file_or_folder_fails_with_a_clear_message_and_can_still_be_read(tmp_path):
    """chmod does not stop root, so as root the check runs without the capability to override it."""
    setups = {}
    for name in ("file", "folder"):
        folder = tmp_path / name
        path = folder / "library.tension-library"
        lib = open_library(path)
        workshops.create_workshop(lib, "Team", f"Saved before ({name})")
        lib.close()
        (folder / "library.tension-library.lock").unlink()
        setups[name] = path
    (tmp_path / "fresh").mkdir()
    setups["fresh"] = tmp_path / "fresh" / "library.tension-library"
    digests = {name: sha256(p) for name, p in setups.items() if p.exists()}
    setups["file"].chmod(0o444)
    for name in ("folder", "fresh"):
        (tmp_path / name).chmod(0o555)
    (tmp_path / "probe-dir").mkdir(mode=0o555)
    command = [sys.executable, "-c", READ_ONLY_CHILD, str(tmp_path / "probe-dir"), *map(str, setups.values())]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    try:
        child = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    except FileNotFoundError:
        pytest.skip("running as root without setpriv: file permissions cannot be made to apply")
    finally:
        for name in ("folder", "fresh", "probe-dir"):
            (tmp_path / name).chmod(0o755)
        setups["file"].chmod(0o644)
    if child.returncode != 0 and "setpriv" in child.stderr:
        pytest.skip(f"cannot drop root's override of file permissions here: {child.stderr.strip()}")
    assert child.returncode == 0, child.stderr
    results = json.loads(child.stdout)
    if results.get("permissions") == "ignored":
        pytest.skip("this process writes through file permissions (root with CAP_DAC_OVERRIDE)")

    # a read-only library file opens, shows its workshops, and refuses the edit with a message
    assert results["file"]["write"]["titles"] == ["Saved before (file)"]
    assert results["file"]["write"]["edit"].startswith("StorageReadOnly: The library cannot be written to")
    # a read-only folder: opening for changes is refused with a message naming the problem
    for name in ("folder", "fresh"):
        assert results[name]["write"]["open"] == "StorageReadOnly", results[name]
        assert "cannot be written to" in results[name]["write"]["message"]
    # and a library there can still be read (the CLI's list, export and check)
    for name in ("file", "folder"):
        assert results[name]["read"]["titles"] == [f"Saved before ({name})"]
        assert results[name]["read"]["edit"].startswith("StorageReadOnly")
    for name, digest in digests.items():
        assert sha256(setups[name]) == digest, f"the {name} library changed"
    assert not setups["fresh"].exists()


def _version_1_library(path: Path) -> None:
    old = open_library(path, target_version=1)
    with old.edit() as db:
        team = db.execute("INSERT INTO teams (name) VALUES ('Meridian')").lastrowid
        db.execute("INSERT INTO workshops (team_id, title) VALUES (?, 'Offsite')", [team])
    old.close()


def test_a_migration_that_fails_leaves_the_library_at_its_old_version_with_its_data(tmp_path, monkeypatch):
    from tension_desktop.store import StoreError
    from tension_desktop.store import library as library_module

    path = tmp_path / "lib.db"
    _version_1_library(path)
    broken = [*library_module.MIGRATIONS[1], "CREATE TABLE teams (id INTEGER PRIMARY KEY)"]  # fails last
    monkeypatch.setattr(library_module, "MIGRATIONS", [library_module.MIGRATIONS[0], broken])
    with pytest.raises(StoreError, match="Could not upgrade .* left at version 1, unchanged"):
        open_library(path)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT title FROM workshops").fetchall() == [("Offsite",)]
        columns = [r[1] for r in conn.execute("PRAGMA table_info(initiatives)")]
        assert "stage" not in columns, "the half-run migration was rolled back"
    finally:
        conn.close()
    monkeypatch.undo()
    lib = open_library(path)  # the lock was released by the failure; a good migration then runs
    try:
        assert lib.schema_version == SCHEMA_VERSION
        assert [w.title for w in workshops.list_workshops(lib)] == ["Offsite"]
    finally:
        lib.close()


def test_no_migration_runs_when_the_backup_cannot_be_made(tmp_path, monkeypatch):
    from tension_desktop.store import StoreError
    from tension_desktop.store import library as library_module

    path = tmp_path / "lib.db"
    _version_1_library(path)
    digest = sha256(path)

    def no_space(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(library_module, "_backup_before_migration", no_space)
    with pytest.raises(StoreError, match="Could not make a backup .* nothing was changed"):
        open_library(path)
    assert sha256(path) == digest
    monkeypatch.undo()
    open_library(path).close()  # and the lock is free again


def test_the_same_library_reached_through_a_symlink_is_still_refused_a_second_time(lib, tmp_path):
    link = tmp_path / "shortcut.tension-library"
    link.symlink_to(lib.path)
    with pytest.raises(LibraryInUse):
        open_library(link)


def test_a_library_whose_tables_lost_a_column_is_refused_untouched(tmp_path):
    path = tmp_path / "lib.db"
    lib = open_library(path)
    create_demo(lib)
    lib.conn.execute("ALTER TABLE participants RENAME COLUMN colour TO color")  # as damaged schema text would
    lib.close()
    for leftover in side_files(path):
        (tmp_path / leftover).unlink()
    digest = sha256(path)
    for attempt in ({}, {"readonly": True}):
        with pytest.raises(LibraryRefused, match="damaged: table participants lacks colour"):
            open_library(path, **attempt)
    assert sha256(path) == digest
    assert side_files(path) == [], "the lock file taken while looking closer is removed again"


@pytest.mark.parametrize("library", ["lib.tension-library", "a[1]*.db", "offsite.v2-backup-x"])
def test_leftover_names_are_those_the_glob_patterns_name(library):
    """The start-up's hand-written match of half-made backups names exactly what the two
    glob patterns it replaced name, and nothing of someone else's."""
    from fnmatch import fnmatchcase
    from glob import escape

    from tension_desktop.store.library import _is_leftover

    # the library's own name taken literally (the old globs read "[1]" or "*" in it as patterns)
    patterns = (f".~{escape(library)}.v*-backup-*.tmp*", f"{escape(library)}.v*-backup-*.partial*")
    pieces = ["", ".~", library, ".v", "3", "-backup-", "20261203-1000", ".tmp", ".partial", ".abc", "-backup"]
    names = {a + b + c + d + e + f for a in ("", ".~") for b in (library, "other.db") for c in ("", ".v", ".v3")
             for d in ("", "-backup-", "-backup", "x-backup-y") for e in ("", "20261203") for f in
             ("", ".tmp", ".tmp.ab12", ".partial", ".partial2", ".bak")}
    names |= {"".join(pieces[i:j]) for i in range(len(pieces)) for j in range(i, len(pieces) + 1)}
    matched = 0
    for name in names:
        expected = any(fnmatchcase(name, p) for p in patterns)
        assert _is_leftover(name, library) == expected, name
        matched += expected
    assert matched >= 8, "the set holds leftovers of both kinds"
