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
