"""The agenda editor, opening round, close and follow-up through the real window."""

from __future__ import annotations

import pytest

from tension_desktop.store import session as store
from tension_desktop.store import workshops
from tests.gui.agenda_fixture import use_fixed_agenda
from tests.gui.shell import click, click_row, make_window, ok_button


@pytest.fixture
def window(qtbot, demo_lib, tmp_path):
    use_fixed_agenda(demo_lib, demo_lib.demo_id)
    w = make_window(qtbot, demo_lib, tmp_path / "settings")
    w.open_workshop(demo_lib.demo_id)
    return w


def _minutes(window) -> list[int]:
    return [p.minutes for p in store.list_phases(window.lib, window.doc.workshop_id)]


def test_a_new_workshop_starts_from_the_90_minute_template(qtbot, lib, tmp_path):
    w = make_window(qtbot, lib, tmp_path / "settings")
    ws = workshops.create_workshop(lib, "Northwind", "Offsite")
    w.open_workshop(ws.id)
    w.workshop_view.open_exercise("session")
    phases = store.list_phases(lib, ws.id)
    assert sum(p.minutes for p in phases) == 90
    assert phases[0].exercise == "opening" and phases[-1].exercise == "closing"
    assert "Total 90 min" in w.workshop_view.exercise_widgets["session"].editor.total.text()


def test_new_workshop_from_the_home_screen_has_its_agenda_before_the_tab_is_opened(qtbot, lib, tmp_path):
    w = make_window(qtbot, lib, tmp_path / "settings")
    click(qtbot, w.home.new_btn)
    dlg = w.dialog
    qtbot.keyClicks(dlg.team.lineEdit(), "Northwind board")
    qtbot.keyClicks(dlg.title, "Spring strategy day")
    click(qtbot, ok_button(dlg))
    assert "session" not in w.workshop_view.exercise_widgets.built()
    assert sum(p.minutes for p in store.list_phases(lib, w.doc.workshop_id)) == 90


def test_retime_reorder_remove_with_the_total_live_and_undo(qtbot, window):
    view = window.workshop_view
    view.open_exercise("session")
    editor = view.exercise_widgets["session"].editor
    click_row(qtbot, editor.table, 1)
    click(qtbot, editor.plus_btn)
    assert _minutes(window)[1] == 25
    assert "Total 95 min" in editor.total.text()
    click(qtbot, editor.up_btn)
    phases = store.list_phases(window.lib, window.doc.workshop_id)
    assert phases[0].title == "Tension map"
    assert editor.selected_index() == 0
    click(qtbot, editor.remove_btn)
    assert "Total 70 min" in editor.total.text()
    stack = window.doc.undo_stack
    stack.undo()
    stack.undo()
    stack.undo()
    assert _minutes(window) == [15, 20, 15, 10, 10, 20]
    assert "Total 90 min" in editor.total.text()


def test_templates_half_day_and_own_templates(qtbot, window, lib=None):
    view = window.workshop_view
    view.open_exercise("session")
    agenda = view.exercise_widgets["session"]
    agenda.editor.template_pick.setCurrentText("Half day")
    click(qtbot, agenda.editor.use_template_btn)
    assert sum(_minutes(window)) == 210
    window.doc.undo_stack.undo()
    assert sum(_minutes(window)) == 90
    name = agenda.save_template("Meridian standard")
    assert name == "My: Meridian standard"
    assert "My: Meridian standard" in [agenda.editor.template_pick.itemText(i)
                                       for i in range(agenda.editor.template_pick.count())]
    other = workshops.create_workshop(window.lib, "Other team", "Kick-off")
    window.open_workshop(other.id)
    window.workshop_view.open_exercise("session")
    other_agenda = window.workshop_view.exercise_widgets["session"]
    other_agenda.editor.template_pick.setCurrentText("My: Meridian standard")
    click(qtbot, other_agenda.editor.use_template_btn)
    assert [p.title for p in store.list_phases(window.lib, other.id)][0] == "Opening: frame and round"
    assert sum(p.minutes for p in store.list_phases(window.lib, other.id)) == 90


def test_add_and_edit_a_phase_through_the_dialog(qtbot, window):
    view = window.workshop_view
    view.open_exercise("session")
    agenda = view.exercise_widgets["session"]
    click_row(qtbot, agenda.editor.table, 0)
    click(qtbot, agenda.editor.add_btn)
    dlg = agenda.dialog  # the form is open, window-modal, without a nested event loop
    assert dlg is not None and dlg.isVisible()
    assert len(store.list_phases(window.lib, window.doc.workshop_id)) == 6  # nothing added before OK
    dlg.title.setText("Energiser")
    dlg.minutes.setValue(5)
    dlg.prompts.setPlainText("Stand up.\nFind someone whose dot was far from yours.")
    dlg.accept()
    assert agenda.dialog is None
    phases = store.list_phases(window.lib, window.doc.workshop_id)
    assert phases[1].title == "Energiser" and phases[1].prompts[1].startswith("Find someone")
    assert "Total 95 min" in agenda.editor.total.text()
    agenda.edit_phase(phases[1].id)  # what a double-click on the row asks for
    agenda.dialog.minutes.setValue(7)
    agenda.dialog.accept()
    assert store.get_phase(window.lib, phases[1].id).minutes == 7
    window.doc.undo_stack.undo()
    assert store.get_phase(window.lib, phases[1].id).minutes == 5
    window.doc.undo_stack.undo()
    assert len(store.list_phases(window.lib, window.doc.workshop_id)) == 6


def test_opening_round_is_captured_per_participant_and_shown_as_two_lists(qtbot, window):
    view = window.workshop_view
    view.open_exercise("opening")
    opening = view.exercise_widgets["opening"]
    ceo = window.doc.participants()[0]
    click(qtbot, opening.group.button(ceo.id))
    opening.risk.setFocus()
    qtbot.keyClicks(opening.risk, "We bet the margin on one pilot")
    qtbot.keyClicks(opening.opportunity, "Ops data as a product")
    click(qtbot, opening.save_btn)
    assert store.list_opening(window.lib, window.doc.workshop_id)[ceo.id] == \
        ("We bet the margin on one pilot", "Ops data as a product")
    risks = [opening.risks.item(i).text() for i in range(opening.risks.count())]
    assert any(r.startswith("We bet the margin on one pilot") for r in risks)
    assert opening.opportunities.count() == 3
    window.doc.undo_stack.undo()
    assert ceo.id not in store.list_opening(window.lib, window.doc.workshop_id)
    assert opening.opportunities.count() == 2


def test_the_close_is_refused_until_each_commitment_has_an_owner_and_a_date(qtbot, window):
    view = window.workshop_view
    view.open_exercise("closing")
    closing = view.exercise_widgets["closing"]
    card = closing.cards["safeguard"]
    card.owner.setCurrentIndex(0)
    card.owner.activated.emit(0)  # what the combo emits when a finger picks an entry
    click(qtbot, closing.done_btn)
    text = closing.status.text()
    assert "Reliability safeguard needs an owner" in text
    assert "Communication step needs a date" in text
    assert not store.close_done(window.lib, window.doc.workshop_id)
    window.doc.undo_stack.undo()  # the safeguard gets its owner back
    comm = closing.cards["communication"]
    comm.due.edit.setFocus()
    qtbot.keyClicks(comm.due.edit, "2026-12-01")  # typed ISO is accepted
    closing.answer.setFocus()  # leaving the date field stores it
    qtbot.keyClicks(closing.answer, "We disagree in the room, not in the corridor.")
    assert store.list_commitments(window.lib, window.doc.workshop_id)[2].due_date == "2026-12-01"
    click(qtbot, closing.done_btn)
    assert store.close_done(window.lib, window.doc.workshop_id)
    assert store.final_answer(window.lib, window.doc.workshop_id) == "We disagree in the room, not in the corridor."
    assert "done" in closing.status.text()


def test_commitment_text_is_stored_when_the_finger_leaves_the_box(qtbot, window):
    view = window.workshop_view
    view.open_exercise("closing")
    closing = view.exercise_widgets["closing"]
    box = closing.cards["experiment"].text
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "Usage pricing with 20 shippers")
    closing.answer.setFocus()
    assert store.list_commitments(window.lib, window.doc.workshop_id)[0].text == "Usage pricing with 20 shippers"


def _review_button(qtbot, review, commitment_id: int, status: str):
    """The current (rows are rebuilt after each change) Done/Slipped/Dropped button."""
    button = next(b for b in review.groups[commitment_id].buttons()
                  if b.objectName() == f"review_{commitment_id}_{status}")
    qtbot.waitUntil(button.isVisible)
    return button


def test_a_follow_up_reviews_the_last_commitments(qtbot, window):
    first_id = window.doc.workshop_id
    view = window.workshop_view
    view.open_exercise("review")
    new_id = view.exercise_widgets["review"].continue_workshop("January follow-up")
    assert window.doc.workshop_id == new_id
    assert workshops.get_workshop(window.lib, new_id).continued_from == first_id
    view = window.workshop_view
    view.open_exercise("session")
    phases = store.list_phases(window.lib, new_id)
    assert [p.exercise for p in phases[1:3]] == ["readiness", "review"]  # the readiness review opens it
    view.open_exercise("review")
    review = view.exercise_widgets["review"]
    old = store.list_commitments(window.lib, first_id)
    click(qtbot, _review_button(qtbot, review, old[0].id, "slipped"))
    assert store.get_commitment(window.lib, old[0].id).status == "slipped"
    note = review.notes[old[1].id]
    qtbot.waitUntil(note.isVisible)  # the rows are rebuilt after each review
    note.setFocus()
    qtbot.keyClicks(note, "Dashboard live since 2 Dec")
    review.decisions.setFocus()  # the finger leaves the note
    click(qtbot, _review_button(qtbot, review, old[1].id, "done"))
    assert store.review_notes(window.lib, first_id)["safeguard"] == "Dashboard live since 2 Dec"
    assert store.get_commitment(window.lib, old[1].id).status == "done"
    window.doc.undo_stack.undo()
    assert store.get_commitment(window.lib, old[1].id).status == "open"
    signals = review.chart.signals
    kickoff_id = workshops.get_workshop(window.lib, first_id).continued_from  # the demo's earlier session
    assert [s.workshop_id for s in signals] == [kickoff_id, first_id, new_id]


def test_naming_forms_open_through_the_hook_and_do_nothing_until_ok(qtbot, window):
    """Save as my template and Continue in a new session ask for a name in a window-modal
    form (no nested event loop): Cancel changes nothing, OK does the one edit."""
    view = window.workshop_view
    view.open_exercise("session")
    agenda = view.exercise_widgets["session"]
    assert agenda.save_template() is None
    agenda.dialog.edit.setText("Board offsite")
    agenda.dialog.reject()
    names = [agenda.editor.template_pick.itemText(i) for i in range(agenda.editor.template_pick.count())]
    assert "My: Board offsite" not in names
    agenda.save_template()
    agenda.dialog.edit.setText("Board offsite")
    ok_button(agenda.dialog).click()
    names = [agenda.editor.template_pick.itemText(i) for i in range(agenda.editor.template_pick.count())]
    assert "My: Board offsite" in names
    view.open_exercise("review")
    review = view.exercise_widgets["review"]
    before = {w.id for w in workshops.list_workshops(window.lib)}
    assert review.continue_workshop() is None
    review.dialog.edit.setText("March follow-up")
    ok_button(review.dialog).click()
    new = {w.id for w in workshops.list_workshops(window.lib)} - before
    assert len(new) == 1 and window.doc.workshop_id in new
    assert window.doc.workshop.title == "March follow-up"
