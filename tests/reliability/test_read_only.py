"""Reading is not writing: pointed at another program's SQLite file in WAL mode, every
command refuses with one line and leaves the file, its ``-wal`` and its ``-shm`` exactly
as they were (bytes and modification times), and puts nothing beside them.

The foreign files are made by a child process that exits without closing its connection,
so a write-ahead log with committed transactions and a shared-memory file stay behind, as
when that other program is running or was killed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tension_desktop import cli
from tension_desktop.store import library_path

MAKE = textwrap.dedent("""
    import os, sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    for statement in sys.argv[2:]:
        conn.execute(statement)
    os._exit(0)  # no checkpoint, no cleanup: the -wal and -shm stay
""")

FOREIGN = {
    "another application id": ["PRAGMA application_id = 305419896", "CREATE TABLE notes (body TEXT)",
                               "INSERT INTO notes VALUES ('mine')"],
    "no application id, tables only in the log": ["CREATE TABLE notes (body TEXT)",
                                                  "INSERT INTO notes VALUES ('mine')"],
    "no application id, a user version": ["PRAGMA user_version = 7", "CREATE TABLE t (x)"],
    "checkpointed tables and more in the log": ["CREATE TABLE a (x)", "PRAGMA wal_checkpoint(TRUNCATE)",
                                                "INSERT INTO a VALUES (1)"],
    "an empty log after a checkpoint": ["CREATE TABLE a (x)", "PRAGMA wal_checkpoint(TRUNCATE)"],
}

COMMANDS = [["list"], ["list", "--json"], ["check"], ["export", "map", "1", "--out", "{out}/m.csv"],
            ["export", "board", "1", "--out", "{out}/b.csv"], ["export", "covenant", "1", "--out", "{out}/c.pdf"],
            ["export", "report", "1", "--out", "{out}/r.pdf"], ["export", "workshop", "1", "--out", "{out}/w.json"],
            ["demo"], ["import", "{out}/nothing.json"]]


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def make_foreign(folder: Path, statements: list[str]) -> Path:
    folder.mkdir()
    path = library_path(folder)
    subprocess.run([sys.executable, "-c", MAKE, str(path), *statements], check=True, timeout=60)
    return path


@pytest.mark.parametrize("kind", FOREIGN)
def test_every_command_leaves_a_foreign_wal_file_and_its_side_files_untouched(tmp_path, capsys, kind):
    path = make_foreign(tmp_path / "data", FOREIGN[kind])
    assert Path(f"{path}-wal").exists() and Path(f"{path}-shm").exists()
    outputs = tmp_path / "out"
    outputs.mkdir()
    (outputs / "nothing.json").write_text("{}")
    before = snapshot(path.parent)
    for command in COMMANDS:
        argv = ["--data-dir", str(path.parent), *(a.format(out=outputs) for a in command)]
        rc = cli.main(argv)
        _out, err = capsys.readouterr()
        lines = err.strip().splitlines()
        assert rc == 1 and len(lines) == 1, (command, err)
        assert "another program" in lines[0] and "left untouched" in lines[0], lines[0]
        assert snapshot(path.parent) == before, f"{' '.join(command)} changed the foreign file or its side files"
    assert sorted(p.name for p in outputs.iterdir()) == ["nothing.json"]


def test_our_own_library_left_with_a_log_by_a_killed_app_still_reads(tmp_path, capsys):
    """The raw-header check must not refuse our file whose identity is still only in the log."""
    child = textwrap.dedent("""
        import os, sys
        from pathlib import Path
        from tension_desktop.store import open_library
        from tension_desktop.store.demo import create_demo
        lib = open_library(Path(sys.argv[1]))
        print(create_demo(lib), flush=True)
        os._exit(0)
    """)
    folder = tmp_path / "data"
    r = subprocess.run([sys.executable, "-c", child, str(library_path(folder))], capture_output=True, text=True,
                       cwd=Path(__file__).resolve().parents[2], timeout=120, check=True)
    assert os.path.getsize(f"{library_path(folder)}-wal") > 0, "the demo is still in the log"
    assert cli.main(["--data-dir", str(folder), "list"]) == 0
    assert "Innovation vs reliability offsite" in capsys.readouterr().out
    assert r.stdout.strip()
