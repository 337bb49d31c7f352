"""End to end with the keyboard only: the real app in its own Xvfb, driven by xdotool key
events (no pointer at all), every step checked in the library file while the app runs.

A workshop for two people is prepared through the store. Then, by keys: open it from the
home list (type-ahead, Enter), Ctrl+Tab to the Tension map, F6 into the map, Ctrl+Shift+P
starts a private round; each person presses Space on the hand-over, places both
initiatives from the tray with the arrow keys and ends the turn with Ctrl+Enter; Space on
"Reveal to everyone". On the board two cards are sent to columns with 2 and 3 (Enter saves
the why). On the pre-mortem a dot vote: each person presses + on a card. On the stage gates
Right moves an initiative to the next stage and the gate form is filled and accepted from
the keyboard. Ctrl+Q closes the app.
"""

from __future__ import annotations

import subprocess
import time

import pytest

from tension_desktop.gui.exercises import available
from tension_desktop.model import Risk
from tension_desktop.store import (
    board,
    library_path,
    open_library,
    people,
    premortem,
    stage_gates,
    workshops,
)
from tension_desktop.store import tension_map as map_store

from .xhelpers import (
    app_command,
    app_env,
    quit_with_ctrl_q,
    require_tools,
    stop,
    wait_for_window,
    wait_until,
    xdotool,
    xvfb_display,
)

pytestmark = pytest.mark.e2e

TEAM, TITLE = "Leadership", "Zephyr offsite"
TOL = 0.006


def prepare(data) -> dict:
    """Two people, two initiatives, two board elements, two failure modes, one dot each."""
    data.mkdir(parents=True, exist_ok=True)
    with open_library(library_path(data)) as lib:
        wid = workshops.create_workshop(lib, TEAM, TITLE).id
        ana = people.add_participant(lib, wid, "Ana Lima", "CEO").id
        bo = people.add_participant(lib, wid, "Bo Berg", "CFO").id
        pilot = people.add_initiative(lib, wid, "Pilot").id
        migration = people.add_initiative(lib, wid, "Migration").id
        board.add_elements(lib, wid, ["EU data residency", "Launch in Q2"], None)
        for text in ("Drivers distrust the routes", "Winter traffic breaks the model"):
            premortem.add_risk(lib, wid, Risk(text, "technical", pilot))
        premortem.set_current_initiative(lib, wid, pilot)
        premortem.set_dots_allowance(lib, wid, 1)
        return {"wid": wid, "ana": ana, "bo": bo, "pilot": pilot, "migration": migration}


def read(data, fn):
    with open_library(library_path(data), readonly=True) as lib:
        return fn(lib)


def test_a_workshop_with_the_keyboard_only(tmp_path):
    require_tools()
    data = tmp_path / "data"
    ids = prepare(data)
    wid = ids["wid"]
    keys = [e.key for e in available()]
    map_tab = 1 + keys.index("tension_map")  # tab 0 is "People & initiatives"
    assert keys[keys.index("tension_map") + 1:keys.index("tension_map") + 4] == ["board", "premortem", "stage_gates"]

    with xvfb_display() as display:
        app = subprocess.Popen([*app_command(), "--data-dir", str(data)], env=app_env(display, tmp_path),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            window = wait_for_window(display, app)

            def key(*names: str, pause: float = 0.35) -> None:
                for name in names:
                    xdotool(display, "key", "--clearmodifiers", name)
                    time.sleep(pause)

            def until(check, what: str, timeout: float = 30) -> None:
                assert wait_until(lambda: read(data, check), timeout=timeout, interval=0.3), what

            xdotool(display, "windowfocus", "--sync", window)
            xdotool(display, "type", "--delay", "40", TITLE.split()[0])
            key("Return")
            assert wait_until(lambda: xdotool(display, "getwindowname", window) == f"{TITLE} - Tension Desktop",
                              timeout=30), "Enter opened the workshop"
            key("Tab")
            key(*["ctrl+Tab"] * map_tab, pause=0.25)
            time.sleep(1.0)

            # -- the tension map: a private round for two people, then the reveal ------------------
            key("F6", "ctrl+shift+p", pause=0.8)
            key("space", pause=1.0)                 # Ana: "I am Ana Lima: start my turn"
            key("Right", "Up", "Up")                # Pilot onto the map, then up two steps
            key("shift+Tab", "Left")                # Migration onto the map, left of the centre
            until(lambda lib: len(map_store.list_placements(lib, wid, ("private",))) == 2, "Ana placed two")
            key("ctrl+Return", pause=1.0)
            key("space", pause=1.0)                 # Bo
            key("Down")
            key("shift+Tab", "Right")
            until(lambda lib: len(map_store.list_placements(lib, wid, ("private",))) == 4, "Bo placed two")
            key("ctrl+Return", pause=1.0)
            key("space", pause=1.0)                 # "Reveal to everyone"
            until(lambda lib: len(map_store.list_placements(lib, wid, ("revealed",))) == 4, "the reveal")
            placed = read(data, lambda lib: {(p.initiative_id, p.participant_id): (p.x, p.y)
                                             for p in map_store.list_placements(lib, wid, ("revealed",))})
            want = {(ids["pilot"], ids["ana"]): (0.55, 0.60), (ids["migration"], ids["ana"]): (0.45, 0.50),
                    (ids["pilot"], ids["bo"]): (0.50, 0.45), (ids["migration"], ids["bo"]): (0.55, 0.50)}
            assert placed == {k: (pytest.approx(x, abs=TOL), pytest.approx(y, abs=TOL)) for k, (x, y) in want.items()}

            # -- the board: two cards sorted with the column keys -----------------------------------
            key("ctrl+Tab", pause=1.0)
            key("F6", "2", pause=0.8)
            xdotool(display, "type", "--delay", "30", "Regulators")
            key("Return", pause=0.8)
            key("Home", "3", pause=0.8)
            key("Return", pause=0.8)
            until(lambda lib: len(board.cards_for(lib, wid, None)) == 2, "two cards sorted")
            cards = read(data, lambda lib: {(c.participant_id, c.column, c.rationale)
                                            for c in board.cards_for(lib, wid, None)})
            assert {c[1] for c in cards} == {"must_protect", "can_flex"}
            assert ("Regulators" in {c[2] for c in cards}) and len({c[0] for c in cards}) == 1

            # -- the pre-mortem: one dot vote, each person one dot ----------------------------------
            # Xvfb has no window manager: when a dialog closes, nothing gives the main window the
            # keyboard back (a desktop's window manager does); do what it would do
            xdotool(display, "windowfocus", "--sync", window)
            key("ctrl+Tab", pause=1.0)
            key("F6", "ctrl+shift+p", pause=0.8)
            for _person in ("ana", "bo"):
                key("space", pause=1.0)
                key("plus", pause=0.6)
                key("ctrl+Return", pause=1.0)
            key("space", pause=1.0)                 # reveal the votes
            until(lambda lib: premortem.revealed(lib, wid, ids["pilot"]), "the votes were revealed")
            votes = read(data, lambda lib: {(v.participant_id, v.dots) for v in premortem.list_votes(lib, wid, ids["pilot"])
                                            if v.dots})
            assert votes == {(ids["ana"], 1), (ids["bo"], 1)}

            # -- the stage gates: a gate move by keyboard opens the form ----------------------------
            key("ctrl+Tab", pause=1.0)
            key("F6", "Right", pause=1.0)
            xdotool(display, "type", "--delay", "20", "Pilot met the bar")
            key("Tab")
            xdotool(display, "type", "--delay", "20", "Two late days")
            key("Tab", "Down", "Return", pause=0.6)
            until(lambda lib: stage_gates.list_decisions(lib, wid), "a gate decision was recorded")
            xdotool(display, "windowfocus", "--sync", window)
            [decision] = read(data, lambda lib: stage_gates.list_decisions(lib, wid))
            assert (decision.evidence, decision.rollback) == ("Pilot met the bar", "Two late days")
            moved = read(data, lambda lib: people.get_initiative(lib, decision.initiative_id).stage)
            assert moved == decision.to_stage != decision.from_stage

            quit_with_ctrl_q(display, window, app)
        finally:
            stop(app)
