"""The covenant editor driven by real clicks and typing; every assertion reads the store."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt

from tension_desktop.model import DecisionRight, EscalationThreshold, Placement
from tension_desktop.store import board, covenant, people, tension_map
from tests.gui.shell import click, make_window, ok_button


@pytest.fixture
def window(qtbot, demo_lib, tmp_path):
    w = make_window(qtbot, demo_lib, tmp_path / "settings")
    click(qtbot, w.home.open_btn)
    assert w.workshop_view.open_exercise("covenant")
    w.activateWindow()
    qtbot.waitActive(w)
    return w


@pytest.fixture
def view(window):
    return window.workshop_view.exercise_widgets["covenant"]


def undo(qtbot, window):
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def redo(qtbot, window):
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def tap_list_row(qtbot, widget, row: int) -> None:
    rect = widget.visualItemRect(widget.item(row))
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 60, rect.center().y()))


def choose(qtbot, combo, index: int) -> None:
    """Pick an entry of a single-choice picker with the keyboard, as a user would."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(index):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentIndex() == index


def tap_table_row(qtbot, table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_adding_a_threshold_through_the_form_stores_metric_owner_threshold_and_lever(qtbot, window, view, demo_lib):
    wid = demo_lib.demo_id
    before = covenant.list_thresholds(demo_lib, wid)
    view.sections.setCurrentWidget(view.thresholds)
    click(qtbot, view.thresholds.add_btn)
    dlg = view.dialog
    assert dlg is not None and dlg.isVisible()
    qtbot.keyClicks(dlg.metric_edit, "Refund rate <b>EU</b>")
    choose(qtbot, dlg.owners, 2)  # after "— choose one —": the second participant
    qtbot.keyClicks(dlg.threshold, "2 % weekly")
    qtbot.keyClicks(dlg.lever, "Pause the refund automation")
    qtbot.keyClicks(dlg.overrides, "Priya, for 48 h")
    click(qtbot, ok_button(dlg))
    after = covenant.list_thresholds(demo_lib, wid)
    assert len(after) == len(before) + 1
    t = after[-1]
    owner = people.list_participants(demo_lib, wid)[1].id
    assert (t.metric, t.owner_ids, t.threshold, t.lever) == ("Refund rate <b>EU</b>", (owner,), "2 % weekly",
                                                             "Pause the refund automation")
    assert t.overrides == "Priya, for 48 h"
    assert view.thresholds.table.item(len(after) - 1, 0).text() == "Refund rate <b>EU</b>"
    undo(qtbot, window)
    assert covenant.list_thresholds(demo_lib, wid) == before
    redo(qtbot, window)
    assert covenant.list_thresholds(demo_lib, wid) == after


def test_the_approver_is_one_person_chosen_with_a_single_choice_picker(qtbot, window, view, demo_lib):
    wid = demo_lib.demo_id
    view.sections.setCurrentWidget(view.decisions)
    d = covenant.list_decisions(demo_lib, wid)[0]
    assert len(d.holders("approve")) == 1
    tap_table_row(qtbot, view.decisions.table, 0)
    click(qtbot, view.decisions.edit_btn)
    dlg = view.dialog
    assert not any(role == "approve" for (_pid, role) in dlg.boxes)  # no tick box can add a second approver
    ps = people.list_participants(demo_lib, wid)
    index = next(n for n, p in enumerate(ps, 1) if p.id not in d.holders("approve"))
    choose(qtbot, dlg.approver, index)
    click(qtbot, ok_button(dlg))
    stored = covenant.get_decision(demo_lib, d.id)
    assert stored.holders("approve") == (ps[index - 1].id,)
    assert set(stored.holders("recommend")) == set(d.holders("recommend"))  # the shared roles are kept
    undo(qtbot, window)
    assert covenant.get_decision(demo_lib, d.id).holders("approve") == d.holders("approve")


@pytest.fixture
def older_rows(demo_lib):
    """Rows as an older file may hold them: two approvers, and a threshold with two owners."""
    wid = demo_lib.demo_id
    ps = people.list_participants(demo_lib, wid)
    d = covenant.add_decision(demo_lib, wid, DecisionRight(decision="Close the Lisbon hub",
                                                           roles={"approve": (ps[0].id, ps[1].id)}))
    t = covenant.add_threshold(demo_lib, wid, EscalationThreshold(metric="Hub cost per parcel", threshold="0.40 EUR",
                                                                  lever="Stop night shifts",
                                                                  owner_ids=(ps[2].id, ps[3].id)))
    return d, t


def test_rows_from_an_older_file_show_as_open_points_and_one_choice_settles_them(qtbot, older_rows, window, view,
                                                                                 demo_lib):
    d, t = older_rows
    assert "2 open points" in view.checks_title.text()
    view.sections.setCurrentWidget(view.thresholds)
    tap_table_row(qtbot, view.thresholds.table, len(covenant.list_thresholds(demo_lib, demo_lib.demo_id)) - 1)
    click(qtbot, view.thresholds.edit_btn)
    dlg = view.dialog
    assert "open point" in dlg.owners.currentText()  # the form keeps them until someone is chosen
    click(qtbot, ok_button(dlg))
    assert covenant.get_threshold(demo_lib, t.id).owner_ids == t.owner_ids
    tap_table_row(qtbot, view.thresholds.table, len(covenant.list_thresholds(demo_lib, demo_lib.demo_id)) - 1)
    click(qtbot, view.thresholds.edit_btn)
    dlg = view.dialog
    choose(qtbot, dlg.owners, 3)
    click(qtbot, ok_button(dlg))
    owner = people.list_participants(demo_lib, demo_lib.demo_id)[2].id
    assert covenant.get_threshold(demo_lib, t.id).owner_ids == (owner,)
    assert "1 open point" in view.checks_title.text()


def test_tapping_a_check_shows_the_row_it_is_about(qtbot, older_rows, view, demo_lib):
    label = next(lbl for lbl in view.checks.labels if "2 approvers" in lbl.text())
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=label.rect().center())
    assert view.sections.currentWidget() is view.decisions
    assert view.decisions.current_id() == label.subject_id == older_rows[0].id


def test_removing_an_item_and_undo_puts_it_back_exactly(qtbot, window, view, demo_lib):
    wid = demo_lib.demo_id
    before = covenant.list_items(demo_lib, wid)
    view.sections.setCurrentWidget(view.protected)
    tap_table_row(qtbot, view.protected.table, 1)
    click(qtbot, view.protected.remove_btn)
    assert len(covenant.list_items(demo_lib, wid)) == len(before) - 1
    undo(qtbot, window)
    assert covenant.list_items(demo_lib, wid) == before


def test_move_down_reorders_protected_items_and_undo_restores(qtbot, window, view, demo_lib):
    wid = demo_lib.demo_id
    first = [i.text for i in covenant.list_items(demo_lib, wid, "protected")]
    view.sections.setCurrentWidget(view.protected)
    tap_table_row(qtbot, view.protected.table, 0)
    click(qtbot, view.protected.down_btn)
    assert [i.text for i in covenant.list_items(demo_lib, wid, "protected")] == [first[1], first[0], *first[2:]]
    undo(qtbot, window)
    assert [i.text for i in covenant.list_items(demo_lib, wid, "protected")] == first


def test_editing_an_item_moves_it_to_may_degrade_with_its_limit(qtbot, window, view, demo_lib):
    wid = demo_lib.demo_id
    view.sections.setCurrentWidget(view.protected)
    tap_table_row(qtbot, view.protected.table, 0)
    item_id = view.protected.current_id()
    click(qtbot, view.protected.edit_btn)
    dlg = view.dialog
    dlg.kind.setCurrentIndex(dlg.kind.findData("degradable"))
    qtbot.keyClicks(dlg.limit, "+200 ms for 2 weeks")
    click(qtbot, ok_button(dlg))
    got = covenant.get_item(demo_lib, item_id)
    assert (got.kind, got.limit) == ("degradable", "+200 ms for 2 weeks")
    undo(qtbot, window)
    assert covenant.get_item(demo_lib, item_id).kind == "protected"
    assert covenant.list_items(demo_lib, wid, "protected")[0].id == item_id


def test_suggestions_come_from_agreed_board_columns_and_high_criticality_initiatives(qtbot, window, view, lib,
                                                                                       tmp_path):
    from tension_desktop.store import workshops

    ws = workshops.create_workshop(lib, "Team", "Fresh")
    people.add_participant(lib, ws.id, "Ana")
    crit = people.add_initiative(lib, ws.id, "Payments migration")
    calm = people.add_initiative(lib, ws.id, "Intranet refresh")
    keep = board.add_element(lib, ws.id, "PCI compliance")
    flex = board.add_element(lib, ws.id, "Launch date")
    board.add_element(lib, ws.id, "Vendor choice")  # not agreed: no suggestion
    board.set_agreed_column(lib, keep.id, "must_protect")
    board.set_agreed_column(lib, flex.id, "can_flex")
    tension_map.place(lib, ws.id, Placement(initiative_id=crit.id, x=0.3, y=0.9, round="agreed"))
    tension_map.place(lib, ws.id, Placement(initiative_id=calm.id, x=0.8, y=0.2, round="agreed"))
    window.open_workshop(ws.id)  # demo_lib and lib are the same library file
    window.workshop_view.open_exercise("covenant")
    v = window.workshop_view.exercise_widgets["covenant"]
    click(qtbot, v.suggest_btn)
    dlg = v.dialog
    assert dlg.list.count() == 3
    click(qtbot, ok_button(dlg))
    assert [(i.kind, i.text) for i in covenant.list_items(lib, ws.id)] == [("protected", "PCI compliance"),
                                                                          ("degradable", "Launch date")]
    # a draft that says what it is for: never an initiative's name as the metric
    [draft] = covenant.list_thresholds(lib, ws.id)
    assert (draft.metric, draft.draft_for) == ("", "Payments migration")
    assert v.thresholds.table.item(0, 0).text() == "Define a threshold for Payments migration"
    assert [w.check for w in v.warnings if w.section == "thresholds"] == ["threshold_draft"]
    undo(qtbot, window)  # one undo step for the whole batch
    assert covenant.list_items(lib, ws.id) == [] and covenant.list_thresholds(lib, ws.id) == []


def test_export_writes_the_team_covenant_and_one_handout_per_participant(qtbot, window, view, demo_lib, tmp_path):
    titles = [a.text() for a in window.export_menu.actions()]
    assert "Covenant PDF (team)…" in titles and "Covenant PDF, one per participant…" in titles
    path = view.export.export_team(str(tmp_path / "c.pdf"))
    text = "".join(p.extract_text() for p in PdfReader(str(path)).pages)
    for p in people.list_participants(demo_lib, demo_lib.demo_id):
        assert p.name in text
    files = view.export.export_each(str(tmp_path / "each"))
    assert len(files) == len(people.list_participants(demo_lib, demo_lib.demo_id))
    assert "personal handouts" in view.export.result.text()
    report = view.export.export_report(str(tmp_path / "r.pdf"))
    assert "Tension map" in PdfReader(str(report)).pages[0].extract_text()


def test_file_menu_exports_the_covenant_without_opening_its_tab(qtbot, demo_lib, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    w = make_window(qtbot, demo_lib, tmp_path / "settings")
    click(qtbot, w.home.open_btn)  # the Covenant tab is never shown
    titles = [a.text() for a in w.export_menu.actions()]
    assert titles.count("Covenant PDF (team)…") == 1 and "Session report PDF…" in titles
    target = tmp_path / "from-menu.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    w.findChild(type(w.export_menu.actions()[0]), "menuCovenantTeam").trigger()
    assert "Reliability covenant" in PdfReader(str(target)).pages[0].extract_text()


def test_exporting_a_covenant_with_open_points_asks_first(qtbot, older_rows, view, demo_lib, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    asked = []
    answer = [QMessageBox.StandardButton.Cancel]

    def ask(box):
        asked.append((box.objectName(), box.text()))
        return answer[0]

    monkeypatch.setattr(view.export, "_ask", ask)
    out = tmp_path / "c.pdf"
    assert view.export.export_team(str(out)) is None and not out.exists()
    assert asked[0][0] == "openPointsBox" and "Close the Lisbon hub" in asked[0][1]
    answer[0] = QMessageBox.StandardButton.Yes
    assert view.export.export_team(str(out)) == out
    text = "".join(p.extract_text() for p in PdfReader(str(out)).pages)
    assert "Open points" in text and "Close the Lisbon hub" in text


def test_a_decision_right_carries_its_hygiene_and_prints_as_a_memo(qtbot, window, view, demo_lib, tmp_path):
    wid = demo_lib.demo_id
    view.sections.setCurrentWidget(view.decisions)
    d = covenant.list_decisions(demo_lib, wid)[2]
    tap_table_row(qtbot, view.decisions.table, 2)
    click(qtbot, view.decisions.edit_btn)
    dlg = view.dialog
    qtbot.keyClicks(dlg.required_inputs, "Load test of both vendors")
    qtbot.keyClicks(dlg.decide_by.edit, "2027-01-31")  # typed into the date field
    qtbot.keyClicks(dlg.escalation, "Vendor price above budget")
    choose(qtbot, dlg.tiebreaker, 4)
    click(qtbot, ok_button(dlg))
    got = covenant.get_decision(demo_lib, d.id)
    tiebreaker = people.list_participants(demo_lib, wid)[3].id
    assert (got.required_inputs, got.decide_by, got.escalation, got.tiebreaker_id) == (
        "Load test of both vendors", "2027-01-31", "Vendor price above budget", tiebreaker)
    assert got.holders("approve") == d.holders("approve")
    undo(qtbot, window)
    assert covenant.get_decision(demo_lib, d.id).required_inputs == ""
    redo(qtbot, window)
    tap_table_row(qtbot, view.decisions.table, 2)
    path = view.export_memo(str(tmp_path / "memo.pdf"))
    text = "".join(p.extract_text() for p in PdfReader(str(path)).pages)
    assert d.decision in text and "Load test of both vendors" in text and "2027-01-31" in text


def test_the_overload_limit_is_typed_in_the_covenant_screen_stored_and_used_by_the_checks(qtbot, window, view,
                                                                                          demo_lib):
    from collections import Counter

    wid = demo_lib.demo_id
    counts = Counter(pid for t in covenant.list_thresholds(demo_lib, wid) for pid in t.owner_ids)
    most = max(counts.values())
    assert most >= 2, "the demo has an owner of several thresholds"
    spin = view.owner_limit
    assert spin.value() == covenant.owner_limit(demo_lib, wid) == 3
    assert not [w for w in view.warnings if w.check == "owner_overload"] or most > 3
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, str(most - 1))
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: covenant.owner_limit(demo_lib, wid) == most - 1)
    flagged = [w for w in view.warnings if w.check == "owner_overload"]
    assert flagged and all(f"(more than {most - 1})" in w.message for w in flagged)
    assert any(f"(more than {most - 1})" in t for t in view.checks.texts())
    tap_table_row(qtbot, view.thresholds.table, 0)  # leave the field (there Ctrl+Z undoes typing)
    undo(qtbot, window)
    qtbot.waitUntil(lambda: covenant.owner_limit(demo_lib, wid) == 3)
    assert spin.value() == 3
    redo(qtbot, window)
    qtbot.waitUntil(lambda: covenant.owner_limit(demo_lib, wid) == most - 1)
    assert spin.value() == most - 1
