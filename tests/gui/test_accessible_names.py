"""Every focusable control on every screen has a name, and no two controls of one screen
share one (the repeated "Must protect" toggles, the pulse grid's "1"-"5"), read through
Qt's accessibility interfaces: what the AT-SPI bridge hands to Orca.

A table cell or tree item may have an empty text: its column header names it."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from tension_desktop.gui.session.pulse import PulseView
from tension_desktop.store import board, workshops
from tension_desktop.store.demo import TEAM, TITLE
from tests.gui.shell import make_window

R = QAccessible.Role
NAMED_BY_HEADER = (R.Cell, R.TreeItem, R.ListItem, R.Row)
CONTROLS = (R.Button, R.CheckBox, R.RadioButton, R.EditableText, R.ComboBox, R.List, R.Table, R.Tree,
            R.PageTabList, R.ListItem)


def walk(iface, path=""):
    """(path, role, name, focusable) of every visible node under ``iface``."""
    if iface is None or not iface.isValid() or iface.state().invisible:
        return
    name = iface.text(QAccessible.Text.Name)
    if iface.role() == R.ComboBox and iface.object() is not None and iface.object().accessibleName():
        # Qt on Linux reports a combo box's current text as its name and its own name through
        # the label relation; what a screen reader says first is that name
        name = iface.object().accessibleName()
    here = f"{path}/{name or iface.role().name}"
    yield here, iface.role(), name, bool(iface.state().focusable)
    for n in range(iface.childCount()):
        yield from walk(iface.child(n), here)


def problems(widget) -> list[str]:
    nodes = list(walk(QAccessible.queryAccessibleInterface(widget)))
    out = [f"unnamed {role.name}: {path}" for path, role, name, focusable in nodes
           if focusable and not name.strip() and role not in NAMED_BY_HEADER]
    seen = Counter((role, name) for _p, role, name, focusable in nodes
                   if focusable and name.strip() and role in CONTROLS and role not in NAMED_BY_HEADER)
    out += [f"{count} {role.name}s named {name!r}" for (role, name), count in seen.items() if count > 1]
    return out


def test_every_screen_names_every_focusable_control(qtbot, demo_lib, tmp_path):
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    found = {"home": problems(window)}
    (wid,) = [r.id for r in workshops.list_workshops(demo_lib) if (r.team_name, r.title) == (TEAM, TITLE)]
    window.open_workshop(wid)
    view = window.workshop_view
    for key in list(view.exercise_widgets):
        view.open_exercise(key)
        qtbot.wait(30)
        found[key] = problems(window)
    board_w = view.exercise_widgets["board"]
    view.open_exercise("board")
    board_w.show_page("alignment")  # the repeated "Must protect" / "Can flex" toggles
    qtbot.wait(30)
    found["board alignment"] = problems(window)
    assert {k: v for k, v in found.items() if v} == {}


def test_the_pulse_grid_says_who_which_statement_and_which_value(qtbot, doc):
    pulse = PulseView(doc)
    qtbot.addWidget(pulse)
    pulse.show()
    qtbot.waitExposed(pulse)
    qtbot.mouseClick(pulse.start_btn, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pulse.overlay.start_btn, Qt.MouseButton.LeftButton)
    first = doc.participants()[0]
    names = [b.accessibleName() for g in pulse.groups.values() for b in g.buttons()]
    assert len(names) == len(set(names)) == 5 * len(pulse.groups)
    assert all(n.startswith(f"{first.name}: ") for n in names)
    assert any(n.endswith(": 4 of 5") for n in names)
    assert problems(pulse) == []


def test_alignment_toggles_name_their_element(qtbot, doc):
    from tension_desktop.gui.board import BoardWidget

    doc.call(board.add_elements, doc.workshop_id, ["EU data residency", "Launch in Q2"], None)
    w = BoardWidget(doc)
    qtbot.addWidget(w)
    w.set_scope(None)
    w.show()
    qtbot.waitExposed(w)
    w.show_page("alignment")
    names = {b.accessibleName() for b in w.alignment.findChildren(type(w.sort_btn).__mro__[1])
             if b.property("agree")}
    assert {"Agree: Must protect for EU data residency", "Agree: Must protect for Launch in Q2"} <= names
    assert problems(w) == []
