"""Edit latency: one committed edit through the store vs a raw sqlite3 UPDATE + commit.

500 edits of each kind, interleaved (store, raw, store, raw, ...) on the same disk, in the same
process. The raw baseline has the same durability (WAL, synchronous=FULL). The store's
edits run on the large library (50 workshops; the largest with 200 initiatives, 10
participants, 2,000 placements, 500 board cards). Goal: p95 ratio <= 2.

Figures: a participant rename (people.update_participant), a tension-map drop
(tension_map.place, which replaces a placement), and the same rename as the window does
it: an undo command through the WorkshopDocument (store + changed signal).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
EDITS = 500


def _raw_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE participants (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    conn.execute("INSERT INTO participants (name) VALUES ('Executive 1')")
    conn.commit()
    return conn


def _raw_edit(conn: sqlite3.Connection, i: int) -> float:
    t = time.perf_counter()
    conn.execute("UPDATE participants SET name = ? WHERE id = 1", (f"Executive {i}",))
    conn.commit()
    return time.perf_counter() - t


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from benchmarks._large import build_large_library
    from benchmarks._results import percentile, record
    from tension_desktop.model import Placement
    from tension_desktop.store import library_path, open_library, people, tension_map

    with tempfile.TemporaryDirectory(prefix="bench-edit-", dir=str(HERE.parent)) as tmp:
        data = Path(tmp) / "data"
        largest = build_large_library(data)
        raw = _raw_connection(Path(tmp) / "raw.sqlite")
        lib = open_library(library_path(data))
        try:
            pid = people.list_participants(lib, largest)[0].id
            initiative = people.list_initiatives(lib, largest)[0].id
            people.update_participant(lib, pid, name="warm-up")  # first write imports sqlite-utils
            _raw_edit(raw, 0)

            store_rename, store_place, raw_rename, raw_place = [], [], [], []
            for i in range(EDITS):
                t = time.perf_counter()
                people.update_participant(lib, pid, name=f"Executive {i}")
                store_rename.append(time.perf_counter() - t)
                raw_rename.append(_raw_edit(raw, i))
            for i in range(EDITS):
                t = time.perf_counter()
                tension_map.place(lib, largest, Placement(initiative_id=initiative, x=(i % 100) / 100, y=0.5,
                                                          round="private", participant_id=pid))
                store_place.append(time.perf_counter() - t)
                raw_place.append(_raw_edit(raw, i))

            # the window's path: an undo command through the document
            from PySide6.QtWidgets import QApplication

            from tension_desktop.gui.document import WorkshopDocument

            app = QApplication.instance() or QApplication([])
            doc = WorkshopDocument(lib, largest)
            doc_times, raw_doc = [], []
            for i in range(EDITS):
                t = time.perf_counter()
                doc.edit_participant(pid, name=f"Exec {i}")
                doc_times.append(time.perf_counter() - t)
                raw_doc.append(_raw_edit(raw, i))
            assert doc.undo_stack.count() == EDITS
            del app
        finally:
            lib.close()
            raw.close()

    ms = 1000
    for label, ours, raw_times in (("rename participant (store)", store_rename, raw_rename),
                                   ("move a placement (store)", store_place, raw_place),
                                   ("rename via undo command (document)", doc_times, raw_doc)):
        record(f"edit latency p50: {label}", percentile(ours, 50) * ms, "ms", baseline=percentile(raw_times, 50) * ms)
        record(f"edit latency p95: {label}", percentile(ours, 95) * ms, "ms", baseline=percentile(raw_times, 95) * ms,
               goal="ratio <= 2")


if __name__ == "__main__":
    main()
