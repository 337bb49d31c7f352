"""The large library the foundation benchmarks share (issue 2, part 8).

50 workshops; the largest has 200 initiatives, 10 participants, 2,000 placements and
500 board cards. Built through the store, like a coach's library grows.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tension_desktop.model import BoardCard, Placement
from tension_desktop.store import board, library_path, open_library, people, tension_map, workshops
from tension_desktop.store.demo import create_demo

WORKSHOPS = 50
INITIATIVES = 200
PARTICIPANTS = 10
ELEMENTS = 50  # x 10 participants = 500 board cards
COLUMNS = ("must_protect", "can_flex", "need_evidence")


def build_large_library(data_dir: Path, seed: int = 7) -> int:
    """Create the library in ``data_dir``; return the id of the largest workshop."""
    rnd = random.Random(seed)
    data_dir.mkdir(parents=True, exist_ok=True)
    with open_library(library_path(data_dir)) as lib:
        demo_id = create_demo(lib)
        for n in range(WORKSHOPS - 1 - len(workshops.list_workshops(lib))):  # the demo may bring several
            workshops.duplicate_workshop(lib, demo_id, f"Offsite {n + 1:02d}")
        with lib.edit():  # one transaction: building it is not what is measured
            ws = workshops.create_workshop(lib, "Atlas Logistics - group executive team",
                                           "Portfolio review: 200 initiatives", "2026-11-30")
            ps = [people.add_participant(lib, ws.id, f"Executive {i + 1}", f"Role {i + 1}") for i in range(PARTICIPANTS)]
            inits = [people.add_initiative(lib, ws.id, f"Initiative {i + 1:03d}: {rnd.choice(_WORDS)} {rnd.choice(_WORDS)}",
                                           f"{rnd.choice(_WORDS).capitalize()} programme for {rnd.choice(_WORDS)}; "
                                           f"{rnd.randint(2, 40)} people, {rnd.randint(1, 18)} months.")
                     for i in range(INITIATIVES)]
            for ini in inits:
                for p in ps:
                    tension_map.place(lib, ws.id, Placement(initiative_id=ini.id, x=rnd.random(), y=rnd.random(),
                                                            round="private", participant_id=p.id))
            for e in range(ELEMENTS):
                el = board.add_element(lib, ws.id, f"Element {e + 1}: keep {rnd.choice(_WORDS)} {rnd.choice(_WORDS)}",
                                       inits[e % len(inits)].id)
                for p in ps:
                    board.put_card(lib, ws.id, BoardCard(element_id=el.id, participant_id=p.id,
                                                         column=rnd.choice(COLUMNS), rationale="Because."))
        assert len(workshops.list_workshops(lib)) == WORKSHOPS
        return ws.id


def count(lib_dir: Path, workshop_id: int) -> dict[str, int]:
    with open_library(library_path(lib_dir), readonly=True, lock=False) as lib:
        one = lambda sql: lib.query(sql, (workshop_id,))[0]["n"]  # noqa: E731
        return {
            "initiatives": one("SELECT count(*) AS n FROM initiatives WHERE workshop_id = ?"),
            "participants": one("SELECT count(*) AS n FROM participants WHERE workshop_id = ?"),
            "placements": one("SELECT count(*) AS n FROM placements WHERE workshop_id = ?"),
            "board cards": one("SELECT count(*) AS n FROM board_cards c JOIN board_elements e ON e.id = c.element_id"
                               " WHERE e.workshop_id = ?"),
        }


@contextmanager
def display(width: int = 1920, height: int = 1080) -> Iterator[dict[str, str]]:
    """Environment for GUI children: a private Xvfb if there is one, else Qt offscreen."""
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    if not shutil.which("Xvfb"):
        yield {**env, "QT_QPA_PLATFORM": "offscreen"}
        return
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24",
                               "-nolisten", "tcp"], pass_fds=(write_fd,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as fh:
            number = fh.readline().strip()
        yield {**env, "DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}
    finally:
        server.terminate()
        server.wait()


_WORDS = ["routing", "billing", "pricing", "robotics", "support", "residency", "portal", "fleet", "depot",
          "forecasting", "onboarding", "safety", "hiring", "analytics", "procurement", "returns"]
