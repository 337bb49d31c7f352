"""The allocation round by finger and mouse: placing initiatives, a new request and its
trade-off, the target, a commitment from the reveal into the close; each one undo step;
assertions on the SQLite file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tension_desktop.store import allocation, people, session
from tests.gui.shell import click, make_window
from tests.input import touch_tap


def _open(qtbot, demo_lib, tmp_path):
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    window.resize(1366, 768)
    window.open_workshop(demo_lib.demo_id)
    window.workshop_view.open_exercise("allocation")
    w = window.workshop_view.exercise_widgets["allocation"]
    qtbot.waitExposed(w)
    return window, w


def _ok(qtbot, dlg) -> None:
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _button(w, name):
    return w.findChild(type(w.request_btn), name)


def test_a_finger_moves_an_initiative_to_another_category_and_its_effort_up(qtbot, demo_lib, tmp_path):
    _window, w = _open(qtbot, demo_lib, tmp_path)
    lib, wid = demo_lib, demo_lib.demo_id
    billing = next(i for i in people.list_initiatives(lib, wid) if i.title == "Billing platform migration")
    button = _button(w, f"cat_{billing.id}_improve")
    w.body.ensureWidgetVisible(button)
    touch_tap(button, button.rect().center())
    assert allocation.item_for(lib, wid, billing.id).category == "improve"
    plus = _button(w, f"effort_{billing.id}_plus")
    w.body.ensureWidgetVisible(plus)
    click(qtbot, plus)
    assert allocation.item_for(lib, wid, billing.id).effort == 13
    w.doc.undo_stack.undo()
    w.doc.undo_stack.undo()
    item = allocation.item_for(lib, wid, billing.id)
    assert (item.category, item.effort) == ("operate", 12)


def test_a_new_request_shows_its_trade_off_and_the_target_is_agreed(qtbot, demo_lib, tmp_path):
    _window, w = _open(qtbot, demo_lib, tmp_path)
    lib, wid = demo_lib, demo_lib.demo_id
    click(qtbot, w.request_btn)
    dlg = w.dialog
    qtbot.keyClicks(dlg.title, "Driver app v3")
    dlg.category.setCurrentIndex(dlg.category.findData("improve"))
    _ok(qtbot, dlg)
    req = next(i for i in allocation.list_items(lib, wid) if i.title == "Driver app v3")
    assert (req.category, req.request) == ("improve", True)
    assert "Driver app v3" in w.tradeoffs.text() and "has to leave" in w.tradeoffs.text()
    click(qtbot, w.categories_btn)
    dlg = w.dialog
    dlg.names["operate"].clear()
    qtbot.keyClicks(dlg.names["operate"], "Run the business")
    dlg.shares["operate"].setValue(50)
    _ok(qtbot, dlg)
    assert w.dialog is dlg and dlg.message.text()  # 50/40/20 is refused: it does not add up
    dlg.shares["improve"].setValue(30)
    _ok(qtbot, dlg)
    assert allocation.target(lib, wid) == {"operate": 50, "improve": 30, "innovate": 20}
    assert allocation.category_names(lib, wid)["operate"] == "Run the business"
    assert w.bars.rows[0] == ("Agreed target", [50, 30, 20], True)
    w.doc.undo_stack.undo()
    assert allocation.target(lib, wid) == {"operate": 40, "improve": 40, "innovate": 20}


def test_a_commitment_goes_straight_from_the_reveal_into_the_close(qtbot, demo_lib, tmp_path):
    _window, w = _open(qtbot, demo_lib, tmp_path)
    lib, wid = demo_lib, demo_lib.demo_id
    jonas = next(p for p in people.list_participants(lib, wid) if p.name == "Jonas Weber")
    assert "Permanent imbalance" in w.findChild(type(w.status), f"timeNote_{jonas.id}").text()
    before = len(session.list_commitments(lib, wid))
    btn = w.commit_btns[jonas.id]
    w.body.ensureWidgetVisible(btn)
    click(qtbot, btn)
    dlg = w.dialog
    assert "strategy" in dlg.text.text()
    dlg.kind.setCurrentIndex(dlg.kind.findData("safeguard"))
    _ok(qtbot, dlg)
    made = session.list_commitments(lib, wid)
    assert len(made) == before + 1
    assert (made[-1].kind, made[-1].owner_id) == ("safeguard", jonas.id) and "strategy" in made[-1].text
    w.doc.undo_stack.undo()
    assert len(session.list_commitments(lib, wid)) == before
