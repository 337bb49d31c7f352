"""End to end: what a coach does, in the real app in a real X window (its own Xvfb).

The app starts on an empty data folder (the demo workshop is created), the coach opens
the demo with the keyboard, switches to the Tension map tab with Ctrl+Tab, and drags an
initiative from the tray onto the map with real X pointer events. While the app runs, the
covenant PDF is exported from the command line. Ctrl+Q closes the app; then the library
file itself is read through the store.

Widget positions come from the layout probe (tests/e2e/xhelpers.py): the app's own window
laid out on the same X server, never guessed from a screenshot. The drop targets are the
middle of a quadrant, so a few pixels of difference change nothing.
"""

from __future__ import annotations

import subprocess
import time

import pytest
from pypdf import PdfReader

from tension_desktop.model.tension_map import quadrant_of
from tension_desktop.store import library_path, open_library, people, workshops
from tension_desktop.store import tension_map as map_store
from tension_desktop.store.demo import PARTICIPANTS, TEAM, TITLE

from .xhelpers import (
    PROBE_POINTS,
    app_command,
    app_env,
    pixel,
    probe_tension_map,
    quit_with_ctrl_q,
    require_tools,
    stop,
    wait_for_window,
    wait_until,
    window_geometry,
    xdotool,
    xvfb_display,
)

pytestmark = pytest.mark.e2e

QUADRANT = "routine"          # where the initiative lands (nobody put anything there in the demo)
INITIATIVE = 0                # the first chip in the tray


def _drag(display: str, start: tuple[int, int], end: tuple[int, int], steps: int = 12) -> None:
    """Press, move in steps (well before the 600 ms long press) and release: one xdotool run."""
    (x0, y0), (x1, y1) = start, end
    args = ["mousemove", str(x0), str(y0), "sleep", "0.2", "mousedown", "1", "sleep", "0.08"]
    for n in range(1, steps + 1):
        x, y = x0 + (x1 - x0) * n // steps, y0 + (y1 - y0) * n // steps
        args += ["mousemove", str(x), str(y), "sleep", "0.03"]
    args += ["sleep", "0.2", "mouseup", "1"]
    xdotool(display, *args)


def _placements(lib, workshop_id: int) -> dict[tuple, tuple[float, float]]:
    """Every placement of the workshop: (initiative, participant, round) -> (x, y)."""
    return {(p.initiative_id, p.participant_id, p.round): (p.x, p.y)
            for p in map_store.list_placements(lib, workshop_id)}


def test_a_coach_opens_the_demo_places_an_initiative_exports_the_covenant_and_quits(tmp_path):
    require_tools()
    data = tmp_path / "data"
    with xvfb_display() as display:
        layout = probe_tension_map(display, tmp_path)
        chip = layout["chips"][INITIATIVE]
        assert layout["placing_as"] == PARTICIPANTS[0][0], "the map places as the first participant"

        app = subprocess.Popen([*app_command(), "--data-dir", str(data)], env=app_env(display, tmp_path),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            window = wait_for_window(display, app)
            wx, wy, ww, wh = window_geometry(display, window)
            assert [ww, wh] == layout["window"][2:], "the app and the layout probe got the same window size"

            def at(point) -> tuple[int, int]:
                return wx + int(point[0]), wy + int(point[1])

            # the demo exists as soon as the window shows; the CLI reads it beside the running app
            with open_library(library_path(data), readonly=True) as lib:
                rows = [r for r in workshops.list_workshops(lib) if (r.team_name, r.title) == (TEAM, TITLE)]
                assert len(rows) == 1, "the first start created the demo workshop"
                workshop_id = rows[0].id
                person = people.list_participants(lib, workshop_id)[0]
                before = _placements(lib, workshop_id)
                titles = {i.id: i.title for i in people.list_initiatives(lib, workshop_id)}
            mine = [xy for (_i, pid, rnd), xy in before.items() if (pid, rnd) == (person.id, "revealed")]
            assert not [xy for xy in mine if quadrant_of(*xy) == QUADRANT], f"the demo has {person.name} in {QUADRANT}"

            # select the demo workshop by typing its title's start (the list's type-ahead), Enter opens it
            xdotool(display, "windowfocus", "--sync", window)
            xdotool(display, "type", "--delay", "30", TITLE.split()[0])
            xdotool(display, "key", "--clearmodifiers", "Return")
            opened = wait_until(lambda: xdotool(display, "getwindowname", window) == f"{TITLE} - Tension Desktop",
                                timeout=20)
            assert opened, "Enter on the selected workshop opened it (the window title names it)"

            # Tab puts the focus into the workshop, Ctrl+Tab walks the tabs to the Tension map
            xdotool(display, "key", "--clearmodifiers", "Tab")
            for _ in range(layout["tab_index"]):
                xdotool(display, "key", "--clearmodifiers", "ctrl+Tab")
                time.sleep(0.15)
            mark = at(layout["place_button"])
            shown = wait_until(lambda: sum(pixel(display, *mark)) < 250, timeout=20)
            assert shown, "the Tension map tab is showing (its checked Place button is dark)"
            time.sleep(0.3)

            # drag the first initiative from the tray into the middle of the Routine quadrant
            target = at(layout["points"][QUADRANT])
            _drag(display, at((chip["x"], chip["y"])), target)

            def moved():
                with open_library(library_path(data), readonly=True) as lib:
                    return _placements(lib, workshop_id) != before
            stored = wait_until(moved, timeout=15, interval=0.2)
            assert stored, "the drop was stored while the app runs"

            # while the app runs: the covenant PDF from the command line
            pdf = tmp_path / "covenant.pdf"
            out = subprocess.run([*app_command(), "--data-dir", str(data), "export", "covenant", str(workshop_id),
                                  "--out", str(pdf)], env=app_env(display, tmp_path), capture_output=True,
                                 text=True, timeout=60)
            assert out.returncode == 0, out.stderr
            text = " ".join(" ".join(page.extract_text() or "" for page in PdfReader(pdf).pages).split())
            assert TEAM in text, "the covenant names the team"

            quit_with_ctrl_q(display, window, app)
        finally:
            stop(app)

    with open_library(library_path(data)) as lib:  # the app released its lock on exit
        assert lib.integrity_check() == ["ok"]
        after = _placements(lib, workshop_id)
    assert set(after) == set(before), "a placement per initiative, person and round: the drop replaced one"
    changed = [key for key in after if after[key] != before[key]]
    assert len(changed) == 1, f"exactly one placement changed: {changed}"
    ((iid, pid, rnd),) = changed
    assert (pid, rnd) == (person.id, "revealed"), f"placed as {person.name}, the Placing-as participant"
    assert titles[iid] == chip["initiative"], "the dragged chip's initiative was placed"
    x, y = after[(iid, pid, rnd)]
    assert quadrant_of(x, y) == QUADRANT, f"{titles[iid]} landed at ({x}, {y})"
    want_x, want_y = PROBE_POINTS[QUADRANT]
    assert abs(x - want_x) < 0.1 and abs(y - want_y) < 0.1, f"dropped near the middle of {QUADRANT}: ({x}, {y})"
