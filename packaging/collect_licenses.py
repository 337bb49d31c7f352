"""Copies the licence files of the bundled Python distributions into DEST (the app's licenses folder)."""

from __future__ import annotations

import importlib.metadata as md
import shutil
import sys
from pathlib import Path

#: the distributions inside the app (the spec ships their metadata too)
DISTRIBUTIONS = ("PySide6-Essentials", "shiboken6", "reportlab", "rl-accel", "sqlite-utils", "sqlite-fts4",
                 "uharfbuzz", "python-bidi", "arabic-reshaper", "pillow", "click", "click-default-group",
                 "tabulate", "python-dateutil", "pluggy", "six")


def main(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for name in DISTRIBUTIONS:
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue
        for f in dist.files or ():
            leaf = f.name.upper()
            if ".dist-info" in str(f) and (leaf.startswith(("LICENSE", "LICENCE", "COPYING", "NOTICE"))):
                shutil.copyfile(f.locate(), dest / f"{name}-{f.name}")
    print(f"licences: {len(list(dest.iterdir()))} files in {dest}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
