"""Structure before behaviour by finger, in the real window: the room names, sorts and rates
privately, agrees what each blocker is and flows it on with one tap; the coach writes the
readiness plan, and at three follow-ups (Continue three times) enters the weeks, marks the
targets and, at week 12, answers the closing question. Assertions on the SQLite file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from tension_desktop.export.report_pdf import export_report
from tension_desktop.model.readiness import gaps
from tension_desktop.model.structure import KINDS
from tension_desktop.store import covenant, people, readiness, structure, workshops
from tests.gui.private import pass_on
from tests.gui.shell import click, make_window
from tests.unit.test_report_session import text_of


def _begin(qtbot, private) -> None:
    qtbot.mouseClick(private.overlay.start_btn, Qt.MouseButton.LeftButton)


def _skip_rest_and_reveal(qtbot, private) -> None:
    while not private.controller.round.finished:
        qtbot.mouseClick(private.overlay.skip_btn, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(private.overlay.start_btn, Qt.MouseButton.LeftButton)  # Reveal to everyone


def _button(widget, name: str) -> QPushButton:
    found = widget.findChild(QPushButton, name)
    assert found is not None, name
    return found


def test_the_room_names_sorts_rates_agrees_and_flows_blockers_on_by_finger(qtbot, demo_lib, tmp_path):
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    window.open_workshop(demo_lib.demo_id)
    view = window.workshop_view
    view.open_exercise("structure")
    tab = view.exercise_widgets["structure"]
    doc = tab.doc
    lib, wid = doc.lib, doc.workshop_id
    pids = [p.id for p in doc.participants()]
    # 1. blockers, named privately
    click(qtbot, tab.step_buttons[0])
    b = tab.blockers
    click(qtbot, b.start_btn)
    texts = ["Sales is paid on volume, Operations on margin", "Nobody may stop a release once approved"]
    for text in texts:
        _begin(qtbot, b.private)
        assert b.shown_owners == []  # nobody else's cards
        qtbot.keyClicks(b.entry, text)
        qtbot.keyClick(b.entry, Qt.Key.Key_Return)
        pass_on(qtbot, b.private)
    _skip_rest_and_reveal(qtbot, b.private)
    blockers = structure.list_blockers(lib, wid)
    assert [(x.text, x.participant_id) for x in blockers] == list(zip(texts, pids[:2], strict=True))
    ids = [x.id for x in blockers]
    # 2. each sorts every blocker with a why; the split blocker comes first at the reveal
    click(qtbot, tab.step_buttons[1])
    s = tab.sorting
    click(qtbot, s.start_btn)
    for kinds in (("structural", "structural"), ("behavioural", "structural")):
        _begin(qtbot, s.private)
        for bid, kind in zip(ids, kinds, strict=True):  # every why typed first: a tap redraws, the text stays
            qtbot.keyClicks(s.whys[bid], f"seen it as {kind}")
        for bid, kind in zip(ids, kinds, strict=True):
            click(qtbot, s.kind_groups[bid].button(KINDS.index(kind)))
        assert pass_on(qtbot, s.private) == ""  # everything sorted: nothing to warn about
    _skip_rest_and_reveal(qtbot, s.private)
    stored = {(x.blocker_id, x.participant_id): (x.kind, x.rationale) for x in structure.list_sorts(lib, wid)}
    assert stored == {(ids[0], pids[0]): ("structural", "seen it as structural"),
                      (ids[1], pids[0]): ("structural", "seen it as structural"),
                      (ids[0], pids[1]): ("behavioural", "seen it as behavioural"),
                      (ids[1], pids[1]): ("structural", "seen it as structural")}
    assert "Disagreements first: 1 blocker" in s.status.text()
    assert s.shown_sorts[0][1] == ids[0] and s.prompts_box.isVisible()  # the split first, the coach's prompts beside
    # the room agrees; one tap turns a structural blocker into a decision right (undoable)
    click(qtbot, _button(s, f"agree_{ids[0]}_structural"))
    assert structure.get_blocker(lib, ids[0]).agreed_kind == "structural"
    n = len(covenant.list_decisions(lib, wid))
    click(qtbot, _button(s, f"flow_{ids[0]}_decision"))
    assert len(covenant.list_decisions(lib, wid)) == n + 1 and texts[0] in covenant.list_decisions(lib, wid)[-1].decision
    doc.undo_stack.undo()
    assert len(covenant.list_decisions(lib, wid)) == n
    doc.undo_stack.redo()
    assert len(covenant.list_decisions(lib, wid)) == n + 1
    drafts = len(covenant.list_thresholds(lib, wid))
    click(qtbot, _button(s, f"flow_{ids[0]}_threshold"))
    assert len(covenant.list_thresholds(lib, wid)) == drafts + 1
    click(qtbot, _button(s, f"agree_{ids[1]}_behavioural"))
    click(qtbot, _button(s, f"flow_{ids[1]}_target"))
    assert readiness.list_items(lib, wid, "target")[-1].text == texts[1]
    # 3. the scorecard, rated privately; the room sees average and spread
    click(qtbot, tab.step_buttons[2])
    sc = tab.score
    click(qtbot, sc.start_btn)
    for ratings in ((2, 1, 3), (4, 3, 3)):
        _begin(qtbot, sc.private)
        for key, value in zip(("decision_authority", "feedback_loops", "accountability"), ratings, strict=True):
            click(qtbot, sc.groups[key].button(value))
        pass_on(qtbot, sc.private)
    _skip_rest_and_reveal(qtbot, sc.private)
    assert sorted((c.decision_authority, c.feedback_loops, c.accountability)
                  for c in structure.list_scores(lib, wid)) == [(2, 1, 3), (4, 3, 3)]
    assert "Decision authority clarity: average 3.0, spread 2-4" in sc.summary.text()
    assert not any(p.name in sc.summary.text() for p in doc.participants())
    # the session report prints it, disagreements first
    text = text_of(export_report(lib, wid, tmp_path / "report.pdf").path)
    assert "Constraint diagnosis" in text and "Sales is paid on volume" in text and "Feedback loop integrity" in text


def _enter(qtbot, tab, row: int, col: int, text: str) -> None:
    """Tap a cell of the weekly values, type, Return."""
    table = tab.table
    tab.scroll.ensureWidgetVisible(table)
    table.scrollToItem(table.item(row, col))
    rect = table.visualItemRect(table.item(row, col))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: table.viewport().findChild(QLineEdit) is not None
                    and table.viewport().findChild(QLineEdit).isVisible(), timeout=2000)
    editor = table.viewport().findChild(QLineEdit)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits on its next turn of the event loop
    qtbot.waitUntil(lambda: table.item(row, col).text() == text and not table.viewport().findChildren(QLineEdit),
                    timeout=2000)


def _set_date(lib, workshop_id: int, date: str) -> None:
    """The date a session was held on (the window has no date field yet: set as the file would hold it)."""
    with lib.edit() as db:
        db.execute("UPDATE workshops SET date = ? WHERE id = ?", [date, workshop_id])


def _type(qtbot, edit, text: str) -> None:
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_a_plan_is_written_then_tracked_across_three_follow_ups_and_answered_at_week_12(qtbot, lib, tmp_path):
    ws = workshops.create_workshop(lib, "Northwind board", "Kick-off", date="2026-09-01")
    for name, role in (("Ada Lane", "CEO"), ("Ben Okoro", "COO"), ("Chen Wu", "CFO")):
        people.add_participant(lib, ws.id, name, role)
    window = make_window(qtbot, lib, tmp_path / "settings")
    window.open_workshop(ws.id)
    view = window.workshop_view
    view.open_exercise("readiness")
    tab = view.exercise_widgets["readiness"]
    click(qtbot, tab.start_btn)
    items = readiness.list_items(lib, ws.id)
    assert [i.kind for i in items].count("target") == 3 and readiness.get_check(lib, ws.id).start_date == "2026-09-01"
    targets = [i.id for i in items if i.kind == "target"]
    indicators = [i.id for i in items if i.kind == "indicator"]
    mechanism = next(i.id for i in items if i.kind == "mechanism")
    for iid, text in zip(targets, ("Close decisions in writing", "Stop rescuing delegated work",
                                   "Surface dissent explicitly"), strict=True):
        _type(qtbot, tab.texts[iid], text)
    for n, iid in enumerate(indicators):
        _type(qtbot, tab.texts[iid], f"Indicator {n + 1} per week")
        _type(qtbot, tab.baselines[iid], str(n))
        _type(qtbot, tab.goals[iid], str(n + 6))
        qtbot.keyClick(tab.owners[iid], Qt.Key.Key_Down)  # the first person
    _type(qtbot, tab.texts[mechanism], "Decision memos")
    qtbot.keyClick(tab.owners[mechanism], Qt.Key.Key_Down)
    for iid in (i.id for i in items if i.kind == "cadence"):
        qtbot.keyClick(tab.owners[iid], Qt.Key.Key_Down)
    written = readiness.list_items(lib, ws.id)
    assert [i.text for i in written if i.kind == "target"][1] == "Stop rescuing delegated work"
    assert [(i.baseline, i.goal) for i in written if i.kind == "indicator"] == [(0, 6), (1, 7), (2, 8)]
    assert gaps(written) == []
    tab.doc.undo_stack.undo()  # the last owner taken back, exactly
    assert readiness.list_items(lib, ws.id, "cadence")[-1].owner_id is None
    tab.doc.undo_stack.redo()
    # three follow-ups: Continue, the session's date, the weeks since last time, targets, who moved
    current, done_weeks = ws.id, 0
    for n, (date, week) in enumerate((("2026-09-22", 4), ("2026-10-20", 8), ("2026-11-24", 13)), 1):
        review = window.workshop_view.exercise_widgets.get("review")
        if review is None:
            window.workshop_view.open_exercise("review")
            review = window.workshop_view.exercise_widgets["review"]
        new = review.continue_workshop(f"Follow-up {n}")
        assert new is not None and new != current
        window.doc.call(_set_date, new, date)  # the session was held on that day
        view = window.workshop_view
        view.open_exercise("readiness")
        tab = view.exercise_widgets["readiness"]
        assert readiness.current_week(lib, new) == week and f"Week {week}" in tab.summary.text()
        for row in range(len(tab.indicator_ids)):
            for wk in range(done_weeks + 1, min(week, 12) + 1):
                _enter(qtbot, tab, row, wk - 1, str(row + wk))
        done_weeks = min(week, 12)
        values = readiness.list_values(lib, new)
        assert sorted((v.item_id, v.week) for v in values) == [(i, w) for i in tab.indicator_ids for w in range(1, done_weeks + 1)]
        assert len(values) == 3 * done_weeks and {v.week for v in values} == set(range(1, done_weeks + 1))
        ids = [i.id for i in readiness.list_items(lib, new, "target")]
        click(qtbot, _button(tab, f"status_{ids[0]}_held"))
        click(qtbot, _button(tab, f"status_{ids[1]}_{'slipping' if n < 3 else 'held'}"))
        click(qtbot, _button(tab, "moved_leader_only" if n < 3 else "moved_team"))
        assert [i.status for i in readiness.list_items(lib, new, "target")][:2] == \
            ["held", "slipping" if n < 3 else "held"]
        assert len(tab.chart.points(0)) == done_weeks  # the chart shows every week entered so far
        assert tab.closing.isVisible() == (n == 3)
        current = new
    # week 13: the closing question, answered with its evidence
    click(qtbot, _button(tab, "answer_coaching"))
    check = readiness.get_check(lib, current)
    assert check.answer == "coaching" and "2 of 3 targets held" in check.evidence and "the team's" in check.evidence
    text = text_of(export_report(lib, current, tmp_path / "report.pdf").path)
    assert "Is coaching the lever, or is structure missing?" in text and "Coaching is the lever" in text
    assert "2 of 3 targets held" in text


def test_the_structure_agenda_opens_the_diagnosis_and_the_plan_and_a_follow_up_opens_with_the_review(
        qtbot, demo_lib, tmp_path):
    from tension_desktop.store import session

    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    wid = demo_lib.demo_id
    session.apply_template(demo_lib, wid, "90 minutes: structure before behaviour")
    window.open_workshop(wid)
    view = window.workshop_view
    view.open_exercise("session")
    agenda = view.exercise_widgets["session"]
    phases = session.list_phases(demo_lib, wid)
    assert [p.exercise for p in phases][2:4] == ["structure", "readiness"] and all(p.prompts for p in phases)
    agenda.start_session(2)
    assert agenda.presenter.stage.widget is view.exercise_widgets["structure"]
    click(qtbot, agenda.presenter.next_btn)
    assert agenda.presenter.stage.widget is view.exercise_widgets["readiness"]
    agenda.end_session()
    new = session.continue_workshop(demo_lib, wid, "Next").id
    first = [p for p in session.list_phases(demo_lib, new) if p.exercise][1]
    assert first.exercise == "readiness" and "readiness review" in first.title.lower()
