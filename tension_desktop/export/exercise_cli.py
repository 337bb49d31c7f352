"""`tension-desktop export polarity|allocation ID --out FILE.csv`: the two exercises as CSV (no Qt)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tension_desktop.terminal import printable


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", type=int, help="workshop id (see `tension-desktop list`)")
    parser.add_argument("--out", type=Path, required=True, help="the CSV file to write")


def _runner(what: str):
    def run(args: argparse.Namespace, open_library) -> int:
        from tension_desktop.store import workshops

        from . import exercise_csv

        write = exercise_csv.write_polarity_csv if what == "polarity" else exercise_csv.write_allocation_csv
        with open_library() as lib:
            try:
                workshops.get_workshop(lib, args.id)
            except Exception:  # noqa: BLE001 - the store raises its own "not found"
                print(f"tension-desktop: No workshop with id {args.id}.", file=sys.stderr)
                return 1
            print(printable(write(lib, args.id, args.out)))
        return 0
    return run


#: the commands' (configure, run) pairs, named in :data:`tension_desktop.registry.EXPORTS`
POLARITY = (_configure, _runner("polarity"))
ALLOCATION = (_configure, _runner("allocation"))
