"""Forms work on the first try: dates typed or picked, sentences for what is missing,
disabled buttons that look disabled. Real keys and clicks; what counts is what the store holds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QTableView

from tension_desktop.gui.date_field import parse_date
from tension_desktop.store import session as store
from tension_desktop.store import workshops
from tests.gui.shell import click, make_window, ok_button


@pytest.fixture
def window(qtbot, demo_lib, tmp_path):
    w = make_window(qtbot, demo_lib, tmp_path / "settings")
    w.open_workshop(demo_lib.demo_id)
    return w


def _closing(window):
    window.workshop_view.open_exercise("closing")
    return window.workshop_view.exercise_widgets["closing"]


def _due(window, kind: str) -> str:
    commitments = store.list_commitments(window.lib, window.doc.workshop_id)
    return next(c.due_date for c in commitments if c.kind == kind)


def test_iso_and_locale_dates_are_read_and_other_text_is_not():
    assert parse_date("2026-12-10") == dt.date(2026, 12, 10)
    from PySide6.QtCore import QLocale

    german = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert parse_date("10.12.2026", german) == dt.date(2026, 12, 10)
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert parse_date("12/10/2026", us) == dt.date(2026, 12, 10)
    assert parse_date("no date yet20261210") is None and parse_date("") is None


def test_a_typed_iso_date_is_stored_and_text_that_is_no_date_is_refused(qtbot, window):
    closing = _closing(window)
    field = closing.cards["communication"].due
    assert _due(window, "communication") == ""  # the demo leaves this one open
    field.edit.setFocus()
    qtbot.keyClicks(field.edit, "2026-12-10")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert _due(window, "communication") == "2026-12-10"
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "next week")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert _due(window, "communication") == "2026-12-10", "text that is no date changes nothing"
    assert field.edit.property("invalid") is True
    window.doc.undo_stack.undo()
    assert _due(window, "communication") == ""


def test_the_calendar_opens_on_the_workshop_date_and_a_tapped_day_is_stored(qtbot, window):
    closing = _closing(window)
    field = closing.cards["communication"].due
    assert window.doc.workshop.date == "2026-11-20"
    click(qtbot, field.button)
    calendar = field.calendar
    qtbot.waitUntil(calendar.isVisible)
    assert (calendar.yearShown(), calendar.monthShown()) == (2026, 11), "not January 2000"
    view = calendar.findChild(QTableView)
    # tap the cell that shows the 25th
    model = view.model()
    cell = next(model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                if model.data(model.index(r, c)) == 25 and r > 2)
    rect = view.visualRect(cell)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert _due(window, "communication") == "2026-11-25"
    assert field.edit.text() == "2026-11-25"


def test_day_cells_are_finger_sized_in_whiteboard_mode(qtbot, window):
    closing = _closing(window)
    window.act_whiteboard.setChecked(True)
    field = closing.cards["experiment"].due
    click(qtbot, field.button)
    view = field.calendar.findChild(QTableView)
    qtbot.waitUntil(view.isVisible)
    assert view.rowHeight(3) >= 48 and view.columnWidth(3) >= 48
    window.act_whiteboard.setChecked(False)


def test_a_new_workshop_asks_for_its_date_today_by_default(qtbot, lib, tmp_path):
    w = make_window(qtbot, lib, tmp_path / "settings")
    click(qtbot, w.home.new_btn)
    dlg = w.dialog
    assert dlg.date.edit.text() == dt.date.today().isoformat()
    qtbot.keyClicks(dlg.team.lineEdit(), "Northwind board")
    qtbot.keyClicks(dlg.title, "Spring offsite")
    dlg.date.edit.selectAll()
    qtbot.keyClicks(dlg.date.edit, "2027-03-04")
    click(qtbot, ok_button(dlg))
    [ws] = workshops.list_workshops(lib)
    assert (ws.title, ws.date) == ("Spring offsite", "2027-03-04")


def test_a_gate_form_says_what_is_missing_in_a_sentence(qtbot, window):
    from tension_desktop.gui.stage_gates.decision_form import GateDecisionDialog

    doc = window.doc
    dlg = GateDecisionDialog(doc.initiatives()[0], "validate", doc.participants(),
                             today=dt.date(2026, 11, 20), parent=window)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.review.text() and parse_date(dlg.review.text()) > dt.date(2026, 11, 20)
    dlg.review.edit.clear()
    click(qtbot, ok_button(dlg))
    text = dlg.message.text()
    assert text.startswith("Still missing: ") and text.endswith(".") and "gate decision" not in text
    assert "owner" in text and "review" in text


def _fill_colour(button):
    image = button.grab().toImage()
    return image.pixelColor(QPoint(image.width() // 2, 6))


def test_a_disabled_primary_button_loses_its_blue_fill(qtbot, window):
    closing = _closing(window)
    button = closing.done_btn
    assert button.property("primary")
    enabled = _fill_colour(button)
    assert enabled.blue() > enabled.red() + 60, "an enabled primary button is blue"
    button.setEnabled(False)
    disabled = _fill_colour(button)
    assert abs(disabled.blue() - disabled.red()) < 40, f"disabled but still blue: {disabled.name()}"
    assert QDate.currentDate().isValid()


def _is_blue(colour) -> bool:
    return colour.blue() > colour.red() + 60


def test_a_chosen_pulse_rating_is_visibly_selected_and_stored_ones_show_as_chosen(qtbot, window):
    """The pulse is rated alone in a private turn: the chosen 1-5 is filled, and a rating
    already stored shows as chosen when the person's view is drawn again."""
    from PySide6.QtCore import Qt

    people = window.doc.participants()
    for p in people:
        store.set_pulse(window.lib, window.doc.workshop_id, None, participant_id=p.id)
    window.workshop_view.open_exercise("closing")
    closing = window.workshop_view.exercise_widgets["closing"]
    click(qtbot, closing.pulse_btn)
    view = closing.pulse_dialog.view
    qtbot.waitExposed(closing.pulse_dialog)
    click(qtbot, view.start_btn)
    qtbot.mouseClick(view.private.overlay.start_btn, Qt.MouseButton.LeftButton)
    group = view.groups["fairness"]
    assert not _is_blue(_fill_colour(group.button(4)))
    for key in ("rationale", "fairness", "escalation"):
        click(qtbot, view.groups[key].button(4))
    assert _is_blue(_fill_colour(group.button(4))) and not _is_blue(_fill_colour(group.button(3)))
    stored = store.list_pulse(window.lib, window.doc.workshop_id)
    assert [(p.participant_id, p.fairness) for p in stored] == [(view.controller.current, 4)]
    view._reset_turn_view()  # the person's view drawn again from the store
    view.refresh()
    assert _is_blue(_fill_colour(view.groups["fairness"].button(4)))


def test_save_and_next_goes_to_the_next_person_who_has_not_answered(qtbot, window):
    window.workshop_view.open_exercise("opening")
    opening = window.workshop_view.exercise_widgets["opening"]
    people = window.doc.participants()
    answered = store.list_opening(window.lib, window.doc.workshop_id)
    first_waiting = next(p.id for p in people if p.id not in answered)
    click(qtbot, opening.group.button(first_waiting))
    qtbot.keyClicks(opening.risk, "Nobody owns the rollback.")
    click(qtbot, opening.next_btn)
    assert store.list_opening(window.lib, window.doc.workshop_id)[first_waiting][0] == "Nobody owns the rollback."
    answered = store.list_opening(window.lib, window.doc.workshop_id)
    ids = [p.id for p in people]
    after = ids[ids.index(first_waiting) + 1:] + ids[:ids.index(first_waiting)]
    expected = next(pid for pid in after if pid not in answered)
    assert opening.current == expected, "an answered person is skipped"


def test_the_board_picker_asks_who_is_sorting_and_colours_are_offered_by_name(qtbot, window):
    from tension_desktop.gui.dialogs import ParticipantDialog

    window.workshop_view.open_exercise("board")
    board = window.workshop_view.exercise_widgets["board"]
    assert board.chip.question() == "Who is sorting?"
    assert board.everyone_btn.text() == "Show only mine"
    click(qtbot, board.everyone_btn)
    assert board.everyone_btn.text() == "Show everyone"
    dlg = ParticipantDialog(window, window.doc.participants()[0])
    qtbot.addWidget(dlg)
    labels = [dlg.colour.itemText(i) for i in range(dlg.colour.count())]
    assert "Purple, open circle marker" in labels and not any("#" in t for t in labels)
    assert not dlg.colour.itemIcon(0).isNull(), "each colour has its swatch"


def test_file_dialogs_open_in_the_folder_last_used_for_that_kind(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    folder = tmp_path / "handouts"
    folder.mkdir()
    asked: list[str] = []

    def fake(_parent, _title, start, _filters):
        asked.append(start)
        return str(folder / "covenant.pdf"), ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    window.workshop_view.open_exercise("covenant")
    panel = window.workshop_view.exercise_widgets["covenant"].export
    assert panel.export_team() is not None
    assert (folder / "covenant.pdf").is_file()
    panel.export_report()
    assert Path(asked[-1]).parent == folder, "the report is offered in the folder the covenant went to"
    window.export_workshop(window.doc.workshop_id)  # another kind: not the PDF folder
    assert Path(asked[-1]).parent != folder


def test_the_agenda_warns_when_an_exercise_gets_too_few_minutes(qtbot, window):
    window.workshop_view.open_exercise("session")
    agenda = window.workshop_view.exercise_widgets["session"]
    editor = agenda.editor
    editor.template_pick.setCurrentText("90 minutes: map + pre-mortem + gates")
    click(qtbot, editor.use_template_btn)
    phases = store.list_phases(window.lib, window.doc.workshop_id)
    assert "stage_gates" in [p.exercise for p in phases], "stage gates reachable from the agenda"
    assert not editor.short_warning.isVisible()
    row = [p.exercise for p in phases].index("premortem")
    editor.table.selectRow(row)
    click(qtbot, editor.minus_btn)  # 20 → 15: still enough
    assert not editor.short_warning.isVisible()
    click(qtbot, editor.minus_btn)  # 15 → 10: under the floor
    assert store.list_phases(window.lib, window.doc.workshop_id)[row].minutes == 10
    assert editor.short_warning.isVisible()
    assert "needs at least 15" in editor.short_warning.text()
