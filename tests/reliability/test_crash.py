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


def run_until_killed(path: Path, seed: int, kill_after: int, rng: random.Random, log: Path) -> list[str]:
    """Start the child, kill it after ``kill_after`` acknowledged edits (plus jitter); return all acks."""
    with log.open("w") as err:
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(path), str(seed), str(EDITS_PER_CHILD // 3)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=err, text=True, bufsize=1,
        )
        acks: list[str] = []
        try:
            if kill_after == 0:
                time.sleep(rng.uniform(0.0, 0.4))  # somewhere in start-up or the first edits
            else:
                while len(acks) < kill_after:
                    line = child.stdout.readline()
                    if not line:
                        break
                    acks.append(line.rstrip("\n"))
                time.sleep(rng.uniform(0.0, 0.004))  # land inside a commit now and then
            os.kill(child.pid, signal.SIGKILL)
        finally:
            rest, _ = child.communicate(timeout=30)  # lines printed before the kill landed are acks too
            acks += rest.splitlines()
    assert child.returncode == -signal.SIGKILL, f"the child ended by itself: {log.read_text()[-2000:]}"
    return acks


def check_acknowledged(path: Path, acks: list[str]) -> int:
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
            else:
                raise AssertionError(f"unexpected line from the child: {ack!r}")
        return lib.query("SELECT count(*) AS n FROM participants")[0]["n"]
    finally:
        lib.close()


def test_acknowledged_edits_survive_sigkill_at_random_moments(tmp_path):
    rng = random.Random(20261123)
    started = time.monotonic()
    checked = 0
    acknowledged = 0
    for trial in range(TRIALS):
        if trial % TRIALS_PER_LIBRARY == 0:  # a new library, starting from no file at all
            path = library_path(tmp_path / f"data-{trial}")
            all_acks: list[str] = []
        step = trial % TRIALS_PER_LIBRARY
        # first a kill somewhere in start-up, then one within the first edits of a new file
        # (before SQLite's first checkpoint), then anywhere in hundreds of edits
        kill_after = 0 if step == 0 else rng.randint(1, 30) if step == 1 else rng.randint(1, 450)
        acks = run_until_killed(path, trial, kill_after, rng, tmp_path / f"child-{trial}.log")
        all_acks += acks
        acknowledged += len(acks)
        if not path.exists():
            assert acks == []
            continue  # killed before the file was created: nothing acknowledged
        people = check_acknowledged(path, all_acks)  # this trial's edits and every earlier trial's
        checked += len(all_acks)
        acked_people = sum(1 for a in all_acks if a.startswith("p "))
        assert acked_people <= people <= acked_people + step + 1  # at most one unacknowledged commit per kill
    elapsed = time.monotonic() - started
    print(f"\ncrash test: {TRIALS} SIGKILL trials, {acknowledged} edits acknowledged, "
          f"{checked} look-ups of acknowledged edits after kills, {elapsed:.1f} s")
    assert acknowledged >= 1000, "the trials should exercise hundreds of edits"
