"""A whole 90-minute session on a sped-up clock, from opening to close, then its follow-up."""

from __future__ import annotations

from tension_desktop.store import people, session, workshops
from tests.gui.shell import click, make_window


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_whole_90_minute_session_and_its_follow_up(qtbot, lib, tmp_path):
    ws = workshops.create_workshop(lib, "Northwind Logistics", "Q1 offsite", "2026-11-02")
    names = [("Ana", "CEO"), ("Ben", "CTO"), ("Chloé", "COO"), ("Dev", "CFO"), ("Eun-ji", "VP Sales")]
    pids = [people.add_participant(lib, ws.id, n, r).id for n, r in names]
    for title in ("Same-day delivery", "Usage pricing", "Billing migration"):
        people.add_initiative(lib, ws.id, title)
    window = make_window(qtbot, lib, tmp_path / "settings")
    window.open_workshop(ws.id)
    view = window.workshop_view
    view.open_exercise("session")
    agenda = view.exercise_widgets["session"]
    clock = FakeClock()
    agenda.controller.clock = clock
    planned = [p.minutes for p in session.list_phases(lib, ws.id)]
    assert sum(planned) == 90

    click(qtbot, agenda.editor.start_btn)
    took = []
    for index, minutes in enumerate(planned):
        phase = agenda.controller.phase
        assert agenda.presenter.phase_title.text() == phase.title
        assert agenda.presenter.countdown.text() == f"{minutes:02d}:00"
        if phase.exercise == "opening" and index == 1:
            opening = agenda.presenter.stage.widget
            assert opening is view.exercise_widgets["opening"]
            for pid in pids:
                opening.select(pid)
                opening.risk.setPlainText(f"risk of {pid}")
                opening.opportunity.setPlainText(f"opportunity of {pid}")
                click(qtbot, opening.save_btn)
        if phase.exercise == "closing" and agenda.controller.run.is_last:
            closing = agenda.presenter.stage.widget
            assert closing is view.exercise_widgets["closing"]
            click(qtbot, closing.done_btn)
            assert "not done" in closing.status.text()
            for kind, owner in zip(("experiment", "safeguard", "communication"), pids, strict=False):
                card = closing.cards[kind]
                closing._edit(card, text=f"{kind} step", owner_id=owner, due_date="2026-12-15")
            click(qtbot, closing.done_btn)
            assert session.close_done(lib, ws.id)
        overrun = 60 if index % 2 else -30  # some phases run over, some finish early
        clock.now += minutes * 60 + overrun
        agenda.controller.tick()
        took.append(minutes * 60 + overrun)
        click(qtbot, agenda.presenter.next_btn)
    assert not agenda.controller.running
    assert [p.actual_seconds for p in session.list_phases(lib, ws.id)] == took
    assert len(session.list_opening(lib, ws.id)) == 5

    # a month later: the follow-up of the same team
    view.open_exercise("review")
    new_id = view.exercise_widgets["review"].continue_workshop("Q1 follow-up")
    follow = window.workshop_view
    follow.open_exercise("review")
    review = follow.exercise_widgets["review"]
    old = session.list_commitments(lib, ws.id)
    for c, status in zip(old, ("done", "slipped", "dropped"), strict=True):
        review.review(c.id, status, f"{status} for a reason")
    assert [c.status for c in session.list_commitments(lib, ws.id)] == ["done", "slipped", "dropped"]
    assert [p.name for p in people.list_participants(lib, new_id)] == [n for n, _r in names]
    signals = session.team_signals(lib, workshops.get_workshop(lib, ws.id).team_id)
    assert signals[0].kept_share == 1 / 3
    follow.open_exercise("session")
    follow_agenda = follow.exercise_widgets["session"]
    assert [p.exercise for p in follow_agenda.editor.phases[1:3]] == ["readiness", "review"]
    follow_agenda.controller.clock = clock
    follow_agenda.start_session(2)
    assert follow_agenda.presenter.stage.widget is review
    follow_agenda.end_session()
