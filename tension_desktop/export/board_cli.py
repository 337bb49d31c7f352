"""`tension-desktop export board ID --out FILE.csv`: the three-column board as CSV (no Qt)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tension_desktop.terminal import printable


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", type=int, help="workshop id (see `tension-desktop list`)")
    parser.add_argument("--out", type=Path, required=True, help="the CSV file to write")


def _run(args: argparse.Namespace, open_library) -> int:
    from tension_desktop.store import workshops

    from .board_csv import write_board_csv

    with open_library() as lib:
        try:
            workshops.get_workshop(lib, args.id)
        except Exception:  # noqa: BLE001 - the store raises its own "not found"
            print(f"tension-desktop: No workshop with id {args.id}.", file=sys.stderr)
            return 1
        print(printable(write_board_csv(lib, args.id, args.out)))
    return 0


#: the command's (configure, run) pair, named in :data:`tension_desktop.registry.EXPORTS`
COMMAND = (_configure, _run)
