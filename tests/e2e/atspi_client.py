"""An assistive-technology client in its own process: what Orca sees of the app, read over
the AT-SPI accessibility bus with pyatspi.

Run with Debian's /usr/bin/python3 (python3-pyatspi), inside a D-Bus session
(``dbus-run-session``), with DISPLAY set to the app's X server::

    /usr/bin/python3 atspi_client.py WORKSHOP_TITLE TAB1,TAB2,... -- APP COMMAND...

It starts the app (which must run with ``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1``), waits for
its window on the bus, walks the home screen, opens the workshop by AT-SPI actions (select
its row, press "Open"), presses each named tab, and walks every screen. It prints one JSON
report: per screen the focusable nodes without a name, and per canvas (a list named
"Tension map", "Board", "Pre-mortem" or "Stage gates") the names of its children. It
imports nothing from the project: it only talks to the bus.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pyatspi

CANVASES = ("Tension map", "Board", "Pre-mortem", "Stage gates")
#: a cell, row or item may be empty: its column header names it
HEADER_NAMED = {"table cell", "tree item", "list item", "table row", "tree table"}
SKIP = {"menu bar", "popup menu", "menu"}  # menus are read when opened, not part of a screen


def find_app(timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is None:
                continue
            for j in range(app.childCount):
                frame = app.getChildAtIndex(j)
                if frame is not None and "Tension Desktop" in (frame.name or ""):
                    return app, frame
        time.sleep(0.5)
    raise SystemExit("the app's window never appeared on the accessibility bus")


def nodes(node, path: str = "", depth: int = 0):
    """(node, path) of every showing node under ``node``."""
    if node is None or depth > 60:
        return
    role = node.getRoleName()
    if role in SKIP:
        return
    state = node.getState()
    if depth and not state.contains(pyatspi.STATE_SHOWING):
        return
    here = f"{path}/{node.name or role}"
    yield node, here
    for i in range(node.childCount):
        yield from nodes(node.getChildAtIndex(i), here, depth + 1)


def walk_screen(frame) -> dict:
    """The unnamed focusable nodes and the canvases' children of what the window shows."""
    unnamed, canvases = [], {}
    for node, path in nodes(frame):
        role = node.getRoleName()
        state = node.getState()
        if state.contains(pyatspi.STATE_FOCUSABLE) and not (node.name or "").strip() and role not in HEADER_NAMED:
            unnamed.append(f"{role}: {path}")
        if role == "list" and node.name in CANVASES:
            children = [node.getChildAtIndex(i) for i in range(node.childCount)]
            canvases[node.name] = [c.name if c is not None else "" for c in children]
    return {"unnamed": unnamed, "canvases": canvases}


def find(frame, role: str, name: str):
    for node, _path in nodes(frame):
        if node.getRoleName() == role and (node.name or "") == name:
            return node
    return None


def press(node) -> None:
    """Run a node's first action (a button's "Press"): what a screen reader user does. On a
    busy machine the app may answer after the bus's reply timeout although it did the action:
    the caller checks the outcome."""
    try:
        node.queryAction().doAction(0)
    except Exception as exc:  # GLib.GError: no reply in time
        print(f"no reply to the action on {node.name!r} ({exc}); checking what it did", file=sys.stderr)


def selected(node) -> bool:
    state = node.getState()
    return state.contains(pyatspi.STATE_SELECTED) or state.contains(pyatspi.STATE_CHECKED)


def open_workshop(frame, title: str) -> None:
    tree = find(frame, "tree", "Workshops")
    if tree is None:
        raise SystemExit("the home screen has no 'Workshops' tree")
    for i in range(tree.childCount):
        cell = tree.getChildAtIndex(i)
        if cell is not None and cell.name == title:
            tree.querySelection().selectChild(i)
            break
    else:
        raise SystemExit(f"no workshop row named {title!r}")
    time.sleep(0.5)
    button = find(frame, "push button", "Open")
    press(button)


def wait_for(predicate, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    return None


def main(argv: list[str]) -> int:
    pyatspi.setTimeout(90000, 90000)  # a loaded CI machine: the app may take a while to answer
    split = argv.index("--")
    title, tabs = argv[0], [t for t in argv[1].split(",") if t]
    command = argv[split + 1:]
    app = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    report: dict = {"screens": {}}
    try:
        _app, frame = find_app()
        time.sleep(1.5)
        report["screens"]["home"] = walk_screen(frame)
        open_workshop(frame, title)
        if not wait_for(lambda: title in (frame.name or "")):
            raise SystemExit(f"the workshop did not open (window: {frame.name!r})")
        time.sleep(1.0)
        for tab in tabs:
            # a tab (or, when the tabs wrap onto rows, gui.flow.FlowTabBar's button for it)
            button = wait_for(lambda t=tab: find(frame, "page tab", t) or find(frame, "push button", t))
            if button is None:
                print(f"no tab button named {tab!r}", file=sys.stderr)
                report["screens"][tab] = {"error": "no tab named so"}
                continue
            press(button)
            if not wait_for(lambda b=button: selected(b), timeout=90):
                report["screens"][tab] = {"error": "the tab did not open"}
                continue
            time.sleep(2.0)
            report["screens"][tab] = walk_screen(frame)
    finally:
        app.terminate()
        try:
            app.wait(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
