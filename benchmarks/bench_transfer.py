"""Transfer: export and import time of the large workshop, as .tension and as .json.

The workshop: 200 initiatives, 10 participants, 2,000 placements, 500 board cards, in a
library of 50 workshops. Each figure is the median of several runs. For scale, the
baseline of the .tension figures is SQLite's own backup API copying the whole library
file (what a plain copy of the data costs on this disk).
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
RUNS = 5


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> None:
    from benchmarks._large import build_large_library
    from benchmarks._results import median, record
    from tension_desktop.store import library_path, open_library, people, tension_map, transfer

    with tempfile.TemporaryDirectory(prefix="bench-transfer-", dir=str(HERE.parent)) as tmp:
        tmp = Path(tmp)
        data = tmp / "data"
        largest = build_large_library(data)
        lib = open_library(library_path(data))
        try:
            times: dict[str, list[float]] = {k: [] for k in ("export tension", "import tension", "export json",
                                                             "import json", "backup")}
            for run in range(RUNS):
                out_t, out_j = tmp / f"w{run}.tension", tmp / f"w{run}.json"
                ids: list[int] = []
                times["export tension"].append(_timed(lambda: transfer.export_workshop(lib, largest, out_t)))  # noqa: B023
                times["export json"].append(_timed(lambda: transfer.export_workshop(lib, largest, out_j)))  # noqa: B023
                times["import tension"].append(_timed(lambda: ids.append(transfer.import_workshop(lib, out_t))))  # noqa: B023
                times["import json"].append(_timed(lambda: ids.append(transfer.import_workshop(lib, out_j))))  # noqa: B023
                for new_id in ids:  # what came back is the whole workshop
                    assert len(people.list_initiatives(lib, new_id)) == 200
                    assert len(tension_map.list_placements(lib, new_id)) == 2000

                def backup(copy: Path = tmp / f"backup{run}.sqlite") -> None:
                    dst = sqlite3.connect(copy)
                    try:
                        lib.conn.backup(dst)
                    finally:
                        dst.close()
                times["backup"].append(_timed(backup))
            sizes = {"tension": out_t.stat().st_size, "json": out_j.stat().st_size}
        finally:
            lib.close()

    ms = 1000
    base = median(times["backup"]) * ms
    record("transfer: export large workshop to .tension", median(times["export tension"]) * ms, "ms", baseline=base)
    record("transfer: import large workshop from .tension", median(times["import tension"]) * ms, "ms", baseline=base)
    record("transfer: export large workshop to .json", median(times["export json"]) * ms, "ms")
    record("transfer: import large workshop from .json", median(times["import json"]) * ms, "ms")
    record("transfer: .tension file size", sizes["tension"] / 1024, "KiB")
    record("transfer: .json file size", sizes["json"] / 1024, "KiB")


if __name__ == "__main__":
    main()
