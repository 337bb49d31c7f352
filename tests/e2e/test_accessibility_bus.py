"""What a screen reader gets, read through the real accessibility bus by a separate client.

The app runs in its own Xvfb inside a private D-Bus session (``dbus-run-session``) with
Qt's AT-SPI bridge on; Debian's ``/usr/bin/python3`` with ``pyatspi`` (tests/e2e/
atspi_client.py, no project code) walks the home screen, opens the demo workshop by AT-SPI
actions and walks every exercise tab. Every focusable node must have a name, and each
canvas (tension map with its tray, board, pre-mortem, stage gates) must expose one named
child per card the store holds for what it shows.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tension_desktop.gui.exercises import DECLARED
from tension_desktop.store import board, library_path, open_library, people, premortem, workshops
from tension_desktop.store import tension_map as map_store
from tension_desktop.store.demo import TEAM, TITLE

from .xhelpers import app_command, app_env, require_tools, xvfb_display

pytestmark = pytest.mark.e2e

CLIENT = Path(__file__).with_name("atspi_client.py")
SYSTEM_PYTHON = "/usr/bin/python3"
NEEDED = "at-spi2-core, python3-pyatspi, dbus (make test installs them through scripts/sysdeps.sh)"


def require_bus_client() -> None:
    """Fail on CI (``make test`` installs the packages), skip elsewhere, when the session bus,
    the AT-SPI bus launcher or Debian's pyatspi are missing."""
    missing = []
    if shutil.which("dbus-run-session") is None:
        missing.append("dbus-run-session")
    if not any(Path(p).exists() for p in ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")):
        missing.append("at-spi-bus-launcher")
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(
            [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, timeout=60).returncode != 0:
        missing.append("pyatspi for /usr/bin/python3")
    if missing:
        message = f"needs {', '.join(missing)}: {NEEDED}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def tab_names() -> list[str]:
    """Every exercise tab's caption as a screen reader reads it ("&&" is a literal "&")."""
    return [e.title.replace("&&", "&") for e in sorted(DECLARED, key=lambda e: e.order)]


def test_every_screen_names_its_controls_and_each_canvas_its_cards(tmp_path):
    require_tools()
    require_bus_client()
    data = tmp_path / "data"
    with xvfb_display() as display:
        env = app_env(display, tmp_path)
        env["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # the private session bus, not the caller's
        out = subprocess.run(["dbus-run-session", "--", SYSTEM_PYTHON, str(CLIENT), TITLE, ",".join(tab_names()),
                              "--", *app_command(), "--data-dir", str(data)],
                             env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    screens = report["screens"]
    assert set(screens) == {"home", *tab_names()}
    assert {name: s for name, s in screens.items() if s.get("error") or s.get("unnamed")} == {}

    with open_library(library_path(data), readonly=True) as lib:
        (wid,) = [r.id for r in workshops.list_workshops(lib) if (r.team_name, r.title) == (TEAM, TITLE)]
        initiatives = people.list_initiatives(lib, wid)
        titles = {i.id: i.title for i in initiatives}
        shown = map_store.list_placements(lib, wid, ("revealed", "agreed"))
        scope = workshops.get_setting(lib, wid, board.SCOPE_KEY, None)
        scope = scope.get("initiative_id") if isinstance(scope, dict) else next(
            (e.initiative_id for e in board.list_elements(lib, wid) if e.initiative_id in titles), None)
        cards = board.cards_for(lib, wid, scope)
        texts = {e.id: e.text for e in board.elements_for(lib, wid, scope)}
        risks = premortem.list_cards(lib, wid, premortem.current_initiative(lib, wid) or initiatives[0].id)

    canvases = {name: s["canvases"] for name, s in screens.items() if s.get("canvases")}
    the_map = canvases["Tension map"]["Tension map"]
    assert all(name.strip() for names in canvases.values() for children in names.values() for name in children)
    # the tray: one chip per initiative; the map: one card per revealed or agreed placement
    assert sorted(n.split(", in the tray")[0] for n in the_map if ", in the tray" in n) == sorted(titles.values())
    placed = [n for n in the_map if ", in the tray" not in n]
    assert len(placed) == len(shown)
    pattern = re.compile(r"^(.+), (placed by .+|agreed by the group), innovation (\d+) %, criticality (\d+) %, .+$")
    seen = sorted((m.group(1), int(m.group(3)), int(m.group(4))) for m in map(pattern.match, placed) if m)
    assert seen == sorted((titles[p.initiative_id], round(p.x * 100), round(p.y * 100)) for p in shown)

    on_board = canvases["Three-column board"]["Board"]
    # every stored card of the board's scope, and in "To sort" only elements of that scope
    assert sorted(n.split(",")[0] for n in on_board if ", in To sort" not in n) == sorted(texts[c.element_id] for c in cards)
    assert {n.split(",")[0] for n in on_board if ", in To sort" in n} <= set(texts.values())

    assert len(canvases["Pre-mortem"]["Pre-mortem"]) == len(risks)
    gates = canvases["Stage gates"]["Stage gates"]
    assert sorted(n.split(",")[0] for n in gates) == sorted(titles.values())
