"""A library being upgraded survives SIGKILL at any moment of its migration.

A version-1 library with data is opened by a child process (which takes the backup and
runs the migrations); the parent kills it a random few milliseconds after it starts
opening. Afterwards the library opens normally, is at the current version, holds all of
its data and passes ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tension_desktop.store import SCHEMA_VERSION, open_library, workshops

ROOT = Path(__file__).resolve().parents[2]
TRIALS = 12

CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    import tension_desktop.store as store  # imported before the clock starts
    print("opening", flush=True)
    lib = store.open_library(Path(sys.argv[1]))
    print("opened", lib.schema_version, flush=True)
    sys.stdin.readline()
""")


def make_version_1(path: Path) -> None:
    old = open_library(path, target_version=1)
    with old.edit() as db:
        team = db.execute("INSERT INTO teams (name) VALUES ('Meridian')").lastrowid
        for w in range(20):
            ws = db.execute("INSERT INTO workshops (team_id, title) VALUES (?, ?)", [team, f"Offsite {w}"]).lastrowid
            for p in range(6):
                db.execute("INSERT INTO participants (workshop_id, name, colour, position) VALUES (?, ?, '#1f77b4', ?)",
                           [ws, f"Exec {w}-{p}", p])
            for i in range(8):
                db.execute("INSERT INTO initiatives (workshop_id, title, position) VALUES (?, ?, ?)",
                           [ws, f"Initiative {w}-{i}", i])
    old.close()


def test_a_migration_killed_at_any_moment_leaves_a_library_that_opens_with_all_its_data(tmp_path):
    rng = random.Random(7)
    template = tmp_path / "template.tension-library"
    make_version_1(template)
    outcomes = {"before": 0, "during": 0, "after": 0}
    for trial in range(TRIALS):
        folder = tmp_path / f"trial-{trial}"
        folder.mkdir()
        path = folder / "library.tension-library"
        shutil.copyfile(template, path)
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], cwd=ROOT, stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "opening"
        time.sleep(rng.uniform(0.0, 0.02))
        os.kill(child.pid, signal.SIGKILL)
        out, err = child.communicate(timeout=30)
        finished = "opened" in out
        backups = list(folder.glob("*backup*"))
        outcomes["after" if finished else "during" if backups else "before"] += 1

        lib = open_library(path)
        try:
            assert lib.schema_version == SCHEMA_VERSION
            assert lib.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert lib.integrity_check() == ["ok"]
            summaries = workshops.list_workshops(lib)
            assert len(summaries) == 20
            assert all(s.participants == 6 and s.initiatives == 8 for s in summaries)
        finally:
            lib.close()
        complete = [b for b in folder.iterdir() if "backup" in b.name and not b.name.endswith(".partial")]
        assert complete, "a backup of the version-1 library is kept"
        for backup in complete:
            conn = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
            try:
                assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
                assert conn.execute("SELECT count(*) FROM participants").fetchone()[0] == 120
            finally:
                conn.close()
        assert not [b for b in folder.iterdir() if b.name.endswith((".partial", ".tmp")) or b.name.startswith(".~")]
    print(f"\nmigration kills: {outcomes}")
    assert outcomes["during"] + outcomes["after"] > 0, "no kill reached the migration; the timing needs a look"
