"""`tension-desktop export map ID --out FILE.csv`: the tension map's placements as CSV."""

from __future__ import annotations

import argparse
from pathlib import Path

from tension_desktop.terminal import printable


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", type=int, help="workshop id (see `tension-desktop list`)")
    parser.add_argument("--out", type=Path, required=True, help="the CSV file to write")


def _run(args: argparse.Namespace, open_library) -> int:
    from tension_desktop.store import workshops

    from .map_csv import write_map_csv

    with open_library() as lib:
        workshops.get_workshop(lib, args.id)  # a missing workshop fails (one line) instead of an empty file
        print(printable(write_map_csv(lib, args.id, args.out)))
    return 0


#: the command's (configure, run) pair, named in :data:`tension_desktop.registry.EXPORTS`
COMMAND = (_configure, _run)
