"""Layout probe: clipped texts, overlapping widgets and small touch targets on every screen.

Walks every screen (home, every tab, every dialog, whiteboard mode, a session in coach view
and on the whiteboard) at 1366x768, 1920x1080, 3840x2160 and 3840x2160 at 200 % scaling,
each in its own offscreen process (tests/layout_probe.py), and records the number of findings.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks._results import record  # noqa: E402
from tests.layout_probe import SIZES, run  # noqa: E402


def main() -> None:
    total = 0
    for size in SIZES:
        found = run(size)
        print(f"{size}: {len(found)}")
        for line in found:
            print("   ", line)
        total += len(found)
    record("layout: clipped texts and small targets, all screens x 4 sizes", total, "findings", goal="0")


if __name__ == "__main__":
    main()
