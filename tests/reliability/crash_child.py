"""The crash test's child: opens the library the way the app does and edits until killed.

Prints one line per edit, only after that edit's transaction has committed, and flushes,
so every line the parent reads is an edit the user would have seen succeed:

    setup <workshop id>
    p <participant id> <name>
    m <initiative id> <participant id> <x> <y>
    c <element id> <participant id> <column> <rationale>
    i <workshop id>            (every 25th round: a whole workshop imported in one transaction)
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from tension_desktop.model import BoardCard, Placement
from tension_desktop.model.board import COLUMNS
from tension_desktop.store import board, open_library, people, tension_map, transfer, workshops


def main(path: str, seed: int, edits: int, workshop_file: str) -> None:
    rng = random.Random(seed)
    lib = open_library(Path(path))  # with the one-app lock, like the window
    found = lib.query("SELECT id FROM workshops WHERE title = 'Crash test' ORDER BY id LIMIT 1")
    if found:
        wid = found[0]["id"]
    else:
        with lib.edit():
            wid = workshops.create_workshop(lib, "Crash team", "Crash test").id
            for i in range(8):
                people.add_initiative(lib, wid, f"Initiative {i}")
            for i in range(5):
                board.add_element(lib, wid, f"Element {i}")
    print(f"setup {wid}", flush=True)
    initiatives = [i.id for i in people.list_initiatives(lib, wid)]
    elements = [e.id for e in board.list_elements(lib, wid)]
    for n in range(edits):
        name = f"P{seed}-{n}"
        p = people.add_participant(lib, wid, name, "Exec", colour="#336699")
        print(f"p {p.id} {name}", flush=True)
        x, y = round(rng.random(), 6), round(rng.random(), 6)
        ini = rng.choice(initiatives)
        tension_map.place(lib, wid, Placement(initiative_id=ini, x=x, y=y, round="private", participant_id=p.id))
        print(f"m {ini} {p.id} {x!r} {y!r}", flush=True)
        el, column = rng.choice(elements), rng.choice(COLUMNS)
        board.put_card(lib, wid, BoardCard(element_id=el, participant_id=p.id, column=column,
                                           rationale=f"why {name}"))
        print(f"c {el} {p.id} {column} why {name}", flush=True)
        if n % 25 == 24:
            print(f"i {transfer.import_workshop(lib, Path(workshop_file))}", flush=True)
    lib.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
