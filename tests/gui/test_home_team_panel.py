"""The home screen's team panel: the team's signals across its sessions, via real clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tension_desktop.model import PulseCheck
from tension_desktop.store import people, session, workshops
from tests.gui.shell import make_window

WORKSHOP_ROLE = Qt.ItemDataRole.UserRole
TEAM_ROLE = Qt.ItemDataRole.UserRole + 1


@pytest.fixture
def two_sessions(demo_lib):
    """The demo team (its kick-off, then the demo session) with a follow-up: 2 of the demo
    session's 3 commitments kept, its pulse cleared, a pulse in the follow-up."""
    first = demo_lib.demo_id
    for p in people.list_participants(demo_lib, first):
        session.set_pulse(demo_lib, first, None, participant_id=p.id)
    second = session.continue_workshop(demo_lib, first, "Follow-up", "2099-01-01").id
    statuses = ["done", "done", "slipped"]
    for c, status in zip(session.list_commitments(demo_lib, first), statuses, strict=True):
        session.review_commitment(demo_lib, c.id, status)
    pids = [p.id for p in people.list_participants(demo_lib, second)]
    session.set_pulse(demo_lib, second, PulseCheck(pids[0], rationale=4, fairness=3, escalation=5))
    session.set_pulse(demo_lib, second, PulseCheck(pids[1], rationale=2, fairness=3, escalation=3))
    other = workshops.create_workshop(demo_lib, "Other board", "Alone", "2099-02-02").id
    return first, second, other


def _click_row(qtbot, tree, match) -> None:
    items = [tree.topLevelItem(t) for t in range(tree.topLevelItemCount())]
    items += [team.child(c) for team in list(items) for c in range(team.childCount())]
    item = next(i for i in items if match(i))
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    assert tree.currentItem() is item


def test_selecting_a_team_shows_its_sessions_in_the_chart(qtbot, demo_lib, tmp_path, two_sessions):
    first, second, other = two_sessions
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    home = window.home
    team_id = workshops.get_workshop(demo_lib, first).team_id
    _click_row(qtbot, home.tree, lambda i: i.data(0, TEAM_ROLE) == team_id)
    qtbot.waitUntil(lambda: home.team_panel is not None and home.team_panel.isVisible())
    chart = home.team_panel.chart
    kickoff = workshops.get_workshop(demo_lib, first).continued_from
    qtbot.waitUntil(lambda: [s.workshop_id for s in chart.signals] == [kickoff, first, second])
    _, kept, follow_up = chart.signals
    assert (kept.commitments_done, kept.commitments_reviewed) == (2, 3)
    assert kept.kept_share == pytest.approx(2 / 3)
    assert kept.pulse is None
    assert follow_up.pulse["overall"] == pytest.approx((3 + 3 + 4) / 3)  # per statement, then overall
    assert follow_up.commitments_reviewed == 0
    assert "3 sessions" in home.team_panel.caption.text()
    assert chart.isVisible() and chart.height() >= 200

    # another team's workshop: its own single session
    _click_row(qtbot, home.tree, lambda i: i.data(0, WORKSHOP_ROLE) == other)
    qtbot.waitUntil(lambda: [s.workshop_id for s in chart.signals] == [other])
    assert "Other board" in home.team_panel.title.text()

    # back to a workshop of the first team, then the library changes: reloaded
    _click_row(qtbot, home.tree, lambda i: i.data(0, WORKSHOP_ROLE) == second)
    qtbot.waitUntil(lambda: len(chart.signals) == 3)
    session.set_pulse(demo_lib, first, PulseCheck(None, rationale=5, fairness=5, escalation=5))
    home.refresh(second)
    qtbot.waitUntil(lambda: chart.signals[1].pulse is not None)
    assert chart.signals[1].pulse["overall"] == 5


def test_the_team_panel_is_not_built_before_the_home_screen_is_shown(qtbot, demo_lib, tmp_path):
    from tension_desktop.gui.home import HomeScreen

    home = HomeScreen(demo_lib)
    qtbot.addWidget(home)
    qtbot.wait(20)
    assert home.team_panel is None  # nothing built while hidden (start-up stays cheap)
    home.show()
    qtbot.waitUntil(lambda: home.team_panel is not None and len(home.team_panel.chart.signals) == 2)  # demo: 2 sessions


def test_the_chart_draws_the_follow_up_figures(qtbot, demo_lib, tmp_path, two_sessions):
    """Thresholds breached, levers pulled as agreed, decisions by the named approver, decision
    latency and the reopen causes are drawn in the team chart, not only written below it."""
    from tension_desktop.gui.session.chart import COLOURS
    from tension_desktop.model import GateDecision
    from tension_desktop.store import covenant_review, stage_gates

    first, second, _other = two_sessions
    thresholds = covenant_review.list_review(demo_lib, second, "threshold")
    decisions = covenant_review.list_review(demo_lib, second, "decision")
    assert len(thresholds) >= 3 and len(decisions) >= 2
    for entry, outcome in zip(thresholds, ["breached", "lever_pulled", "lever_pulled"], strict=False):
        covenant_review.set_review(demo_lib, entry.id, outcome=outcome)
    pids = [p.id for p in people.list_participants(demo_lib, second)]
    named = decisions[0].named
    other = next(p for p in pids if p != named)
    covenant_review.set_review(demo_lib, decisions[0].id, outcome="decided", decided_by=named)
    covenant_review.set_review(demo_lib, decisions[1].id, outcome="decided", decided_by=other)
    # two reopened gate decisions in the follow-up, one per cause, opened 10 days before deciding
    for initiative, cause in zip(people.list_initiatives(demo_lib, second)[:2], ["new_information", "poor_framing"],
                                 strict=True):
        stage = initiative.stage if initiative.stage != "discover" else "pilot"
        if initiative.stage == "discover":
            stage_gates.record_decision(demo_lib, second, GateDecision(initiative.id, "discover", "pilot",
                                                                       opened_at="2099-01-01",
                                                                       decided_at="2099-01-05"))
        stage_gates.record_decision(demo_lib, second, GateDecision(
            initiative.id, stage, "discover", evidence="why", reopen_cause=cause, opened_at="2099-01-01",
            decided_at="2099-01-11"))

    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    home = window.home
    team_id = workshops.get_workshop(demo_lib, first).team_id
    _click_row(qtbot, home.tree, lambda i: i.data(0, TEAM_ROLE) == team_id)
    qtbot.waitUntil(lambda: home.team_panel is not None and home.team_panel.isVisible())
    chart = home.team_panel.chart
    qtbot.waitUntil(lambda: len(chart.signals) == 3)
    marks = {(key, i): (rect, text) for key, i, rect, text in chart.marks()}
    bands = chart.bands()
    breached, levers = marks[("breached", 2)], marks[("levers", 2)]
    assert (breached[1], levers[1]) == ("3", "2")  # a lever pulled is a breach acted on
    assert breached[0].height() > levers[0].height() > 0
    assert bands["covenant"].contains(breached[0].center()) and breached[0].right() <= levers[0].left()
    approver = marks[("approver", 2)]
    assert approver[1] == "50%"
    assert abs(approver[0].height() / bands["approver"].height() - 0.5) < 0.02
    assert marks[("latency", 2)][1].endswith("d")
    new, framing, total = marks[("new_information", 2)], marks[("poor_framing", 2)], marks[("reopened", 2)]
    assert (new[1], framing[1], total[1]) == ("1", "1", "2")
    assert abs(new[0].height() + framing[0].height() - total[0].height()) < 0.5  # the causes make up the bar
    assert framing[0].bottom() <= new[0].top() + 0.5  # stacked, not drawn over each other
    image = chart.grab().toImage()
    ratio = image.width() / chart.width()
    for key in ("breached", "levers", "approver", "latency", "new_information"):
        rect = marks[(key, 2)][0]
        px = image.pixelColor(int(rect.center().x() * ratio), int(rect.center().y() * ratio))
        assert px.name() == COLOURS[key].name(), key  # painted, in its own colour
    # the first session (no covenant review) has none of these marks
    assert not any(k in ("breached", "levers", "approver") and i == 0 for k, i in marks)
