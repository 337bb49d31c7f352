"""Crash test: every edit the user saw succeed survives SIGKILL, and the file stays sound.

A child process opens the library the way the app does and applies hundreds of edits,
printing each one only after its commit returned. The parent kills it with SIGKILL at a
random moment, then checks that every acknowledged edit is in the file and that
``PRAGMA integrity_check`` says ok. Repeated over many trials on the same library file,
starting from no file at all, so kills also land while the library is being created.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tension_desktop.store import library_path, open_library

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("crash_child.py")
TRIALS = 24
TRIALS_PER_LIBRARY = 6
EDITS_PER_CHILD = 600  # 200 rounds of add participant / place / put card


IMPORTED_TITLE = "Innovation vs reliability offsite"


def demo_workshop_file(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """A .json workshop file (the demo) for the child to import, and its row count per table."""
    from tension_desktop.store import transfer
    from tension_desktop.store.demo import create_demo
    from tension_desktop.store.schema import WORKSHOP_TABLES

    source = open_library(tmp_path / "source" / "library.tension-library")
    try:
        wid = create_demo(source)
        out = transfer.export_workshop(source, wid, tmp_path / "demo.json")
        counts = {t: source.query(f"SELECT count(*) AS n FROM {t} WHERE workshop_id = ?", (wid,))[0]["n"]
                  for t in WORKSHOP_TABLES}
    finally:
        source.close()
    return out, counts


def lib_count(path: Path, title: str) -> int:
    lib = open_library(path, readonly=True)
    try:
        return lib.query("SELECT count(*) AS n FROM workshops WHERE title = ?", (title,))[0]["n"]
    finally:
        lib.close()


def run_until_killed(path: Path, seed: int, plan: tuple[str, int], rng: random.Random, log: Path,
                     workshop_file: Path) -> list[str]:
    """Start the child, kill it as ``plan`` says; return every edit it acknowledged.

    ``("start-up", 0)``: at a random moment in the first 0.4 s; ``("after", n)``: just
    after the n-th acknowledgement, plus 0-4 ms so kills also land inside commits;
    ``("import", n)``: while the n-th workshop import (one big transaction) is running.
    """
    mode, n = plan
    with log.open("w") as err:
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(path), str(seed), str(EDITS_PER_CHILD // 3), str(workshop_file)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=err, text=True, bufsize=1,
            # a killed import leaves its scratch folder behind: keep it inside the test's folder
            env={**os.environ, "TMPDIR": str(log.parent)},
        )
        acks: list[str] = []
        try:
            if mode == "start-up":
                time.sleep(rng.uniform(0.0, 0.4))
            else:
                imports_started = 0
                while True:
                    line = child.stdout.readline()
                    if not line:
                        break
                    acks.append(line.rstrip("\n"))
                    if mode == "after" and len(acks) >= n:
                        time.sleep(rng.uniform(0.0, 0.004))
                        break
                    # the line before an import is the card of every 25th round ("... P<seed>-<24, 49, ...>")
                    if mode == "import" and line.startswith("c ") and int(line.rsplit("-", 1)[1]) % 25 == 24:
                        imports_started += 1
                        if imports_started == n:
                            time.sleep(rng.uniform(0.0, 0.08))  # an import takes some 40-80 ms
                            break
            os.kill(child.pid, signal.SIGKILL)
        finally:
            rest, _ = child.communicate(timeout=30)  # lines printed before the kill landed are acks too
            acks += rest.splitlines()
    assert child.returncode == -signal.SIGKILL, f"the child ended by itself: {log.read_text()[-2000:]}"
    return acks


def check_acknowledged(path: Path, acks: list[str], imported_counts: dict[str, int]) -> int:
    """Open the library as the app would and find every acknowledged edit in it."""
    # First as the app would on the next start: the kill released the lock, and the file,
    # with its newest pages still in the write-ahead log, is recognised as ours.
    lib = open_library(path)
    try:
        assert lib.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert lib.integrity_check() == ["ok"]  # foreign keys too
        for ack in acks:
            kind, *rest = ack.split(" ")
            if kind == "setup":
                assert lib.query("SELECT 1 FROM workshops WHERE id = ?", (int(rest[0]),)), ack
            elif kind == "p":
                rows = lib.query("SELECT name FROM participants WHERE id = ?", (int(rest[0]),))
                assert rows == [{"name": rest[1]}], f"acknowledged but lost: {ack}"
            elif kind == "m":
                ini, pid, x, y = int(rest[0]), int(rest[1]), float(rest[2]), float(rest[3])
                rows = lib.query("SELECT x, y FROM placements WHERE initiative_id = ? AND participant_id = ? "
                                 "AND round = 'private'", (ini, pid))
                assert rows == [{"x": x, "y": y}], f"acknowledged but lost: {ack}"
            elif kind == "c":
                el, pid, column, rationale = int(rest[0]), int(rest[1]), rest[2], " ".join(rest[3:])
                rows = lib.query("SELECT column_key, rationale FROM board_cards WHERE element_id = ? "
                                 "AND participant_id = ?", (el, pid))
                assert rows == [{"column_key": column, "rationale": rationale}], f"acknowledged but lost: {ack}"
            elif kind == "i":
                assert lib.query("SELECT 1 FROM workshops WHERE id = ?", (int(rest[0]),)), f"lost: {ack}"
            else:
                raise AssertionError(f"unexpected line from the child: {ack!r}")
        # an import is all or nothing: every imported workshop in the file is complete,
        # including one that committed just before the kill and was never acknowledged
        for row in lib.query("SELECT id FROM workshops WHERE title = ?", (IMPORTED_TITLE,)):
            counts = {t: lib.query(f"SELECT count(*) AS n FROM {t} WHERE workshop_id = ?", (row["id"],))[0]["n"]
                      for t in imported_counts}
            assert counts == imported_counts, f"workshop {row['id']} was imported only in part"
        return lib.query("SELECT count(*) AS n FROM participants")[0]["n"]
    finally:
        lib.close()


def test_acknowledged_edits_survive_sigkill_at_random_moments(tmp_path):
    rng = random.Random(20261123)
    workshop_file, imported_counts = demo_workshop_file(tmp_path)
    started = time.monotonic()
    checked = acknowledged = 0
    for trial in range(TRIALS):
        if trial % TRIALS_PER_LIBRARY == 0:  # a new library, starting from no file at all
            path = library_path(tmp_path / f"data-{trial}")
            all_acks: list[str] = []
        step = trial % TRIALS_PER_LIBRARY
        # first a kill somewhere in start-up, then one within the first edits of a new file
        # (before SQLite's first checkpoint), then inside an import, then anywhere
        plan = [("start-up", 0), ("after", rng.randint(1, 30)), ("import", rng.randint(1, 2))][step] \
            if step < 3 else ("after", rng.randint(1, 450))
        acks = run_until_killed(path, trial, plan, rng, tmp_path / f"child-{trial}.log", workshop_file)
        all_acks += acks
        acknowledged += len(acks)
        if not path.exists():
            assert acks == []
            continue  # killed before the file was created: nothing acknowledged
        people = check_acknowledged(path, all_acks, imported_counts)  # this trial's edits and every earlier trial's
        checked += len(all_acks)
        acked_people = sum(1 for a in all_acks if a.startswith("p "))
        imported_people = imported_counts["participants"] * lib_count(path, IMPORTED_TITLE)
        # at most one unacknowledged commit per kill
        assert acked_people <= people - imported_people <= acked_people + step + 1
    elapsed = time.monotonic() - started
    imports = sum(1 for a in all_acks if a.startswith("i "))
    print(f"\ncrash test: {TRIALS} SIGKILL trials, {acknowledged} edits acknowledged "
          f"({imports} whole-workshop imports in the last library), "
          f"{checked} look-ups of acknowledged edits after kills, {elapsed:.1f} s")
    assert acknowledged >= 1000, "the trials should exercise hundreds of edits"
