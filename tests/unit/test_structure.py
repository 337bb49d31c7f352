"""Structure before behaviour without a window: the diagnosis' rules (the board's alignment
with this exercise's kinds), the scorecard's spread, the readiness plan's weeks and evidence;
the store on real SQLite files: exact undo states, flow on, transfer, duplicate, Continue."""

from __future__ import annotations

import pytest

from tension_desktop.model import board as board_model
from tension_desktop.model import readiness as plan
from tension_desktop.model import structure as model
from tension_desktop.model.validation import ValidationError
from tension_desktop.store import (
    covenant,
    library_path,
    open_library,
    people,
    readiness,
    session,
    structure,
    transfer,
    workshops,
)
from tests.unit.test_transfer import canonical


def _sorts(kinds_by_blocker: dict[int, tuple[str, ...]]) -> list[model.BlockerSort]:
    return [model.BlockerSort(blocker_id=bid, participant_id=pid, kind=kind)
            for bid, kinds in kinds_by_blocker.items() for pid, kind in enumerate(kinds, start=1)]


def test_disagreements_about_the_same_blocker_come_first_through_the_boards_alignment():
    blockers = [model.Blocker("agreed structural", id=1), model.Blocker("split", id=2),
                model.Blocker("unsure mix", id=3), model.Blocker("nobody sorted", id=4)]
    sorts = _sorts({1: ("structural",) * 4, 2: ("structural", "behavioural", "structural", "structural"),
                    3: ("structural", "unsure", "unsure", "structural")})
    splits = model.alignment(blockers, sorts)
    assert [s.element.id for s in splits] == [2, 3, 1, 4]  # behavioural vs structural first, then by dispute
    assert splits[0].hidden_conflict and not splits[1].hidden_conflict
    assert splits[0].counts == {"behavioural": 1, "structural": 3, "unsure": 0}
    assert model.split_label(splits[0].counts) == "Behavioural 1 · Structural 3 · Not sure yet 0"
    assert model.majority_kind(splits[1].counts) is None and model.majority_kind(splits[0].counts) == "structural"
    # the same function serves the board, unchanged for its own columns
    assert board_model.alignment.__module__ == "tension_desktop.model.board"
    assert splits[0].dispute == board_model.dispute_score(splits[0].counts)


def test_scorecard_shows_average_and_spread_never_who_and_names_the_weakest_condition():
    cards = [model.Scorecard(1, 2, 1, 3), model.Scorecard(2, 4, 2, 3), model.Scorecard(3, 3, 3, 3)]
    spread = {s.key: s for s in model.scorecard_spread(cards)}
    assert spread["decision_authority"].average == 3.0 and (spread["decision_authority"].low,
                                                            spread["decision_authority"].high) == (2, 4)
    assert spread["feedback_loops"].counts == (1, 1, 1, 0, 0)
    text = model.scorecard_summary(cards)
    assert "Decision authority clarity: average 3.0, spread 2-4" in text
    assert "Weakest condition: Feedback loop integrity" in text
    with pytest.raises(ValidationError):
        model.Scorecard(1, 0, 3, 3)
    assert model.scorecard_summary([]) == "No ratings yet."


def test_what_a_blocker_may_become_depends_on_what_the_room_agreed():
    assert model.flows_for("structural") == ("decision", "threshold", "commitment")
    assert model.flows_for("behavioural") == ("target",)
    assert model.flows_for("unsure") == () and model.flows_for("") == ()
    assert len(model.MISDIAGNOSES) >= 3 and any("incentive" in m for m in model.MISDIAGNOSES)


def test_plan_weeks_phases_gaps_progress_and_the_rule_of_the_test():
    assert plan.week_of("2026-09-18", "2026-09-18") == 1
    assert plan.week_of("2026-09-18", "2026-11-20") == 10
    assert plan.week_of("2026-09-18", "2026-09-01") == 0 and plan.week_of("", "2026-09-01") == 0
    assert plan.phase_of(1)[2] == "Weeks 1-2" and plan.phase_of(4)[2] == "Weeks 3-4"
    assert plan.phase_of(8)[2] == "Weeks 5-8" and plan.phase_of(12)[2] == "Weeks 9-12" and plan.phase_of(13) is None
    assert not plan.closing_due(11) and plan.closing_due(12) and plan.closing_due(14)
    items = [plan.PlanItem("target", "Close decisions in writing", id=1), plan.PlanItem("target", id=2),
             plan.PlanItem("indicator", "Memos per week", baseline=1, goal=6, id=3),
             plan.PlanItem("indicator", "Rescues per week", owner_id=4, baseline=5, goal=1, id=4)]
    missing = plan.gaps(items)
    assert "2 behaviour targets" in missing and "1 leading indicator" in missing and "the reinforcement mechanism" \
        in missing and "an owner for 'Memos per week'" in missing
    values = [plan.WeekValue(3, 1, 1), plan.WeekValue(3, 2, 3.5), plan.WeekValue(4, 1, 5), plan.WeekValue(4, 3, 1)]
    assert plan.series(values, 3) == [(1, 1), (2, 3.5)]
    assert plan.progress(items[2], values) == pytest.approx(0.5)
    assert plan.progress(items[3], values) == pytest.approx(1.0)  # a falling indicator reached its target
    assert "week 2: 3.5 (50 % of the way)" in plan.indicator_line(items[2], values)
    check = plan.Check(moved="leader_only")
    assert plan.suggested_answer(check) == "structure" and plan.suggested_answer(plan.Check(moved="team")) == \
        "coaching" and plan.suggested_answer(None) == ""
    assert plan.evidence(items, values, check) == ("0 of 1 targets held, 0 slipping; 1 of 2 indicators at target; "
                                                   "only the leader's behaviour moved.")
    with pytest.raises(ValidationError):
        plan.WeekValue(3, 14, 1)
    with pytest.raises(ValidationError):
        plan.PlanItem("indicator", baseline=float("nan"))


def test_the_store_keeps_blockers_sorts_scores_and_puts_any_state_back_exactly(demo_lib):
    lib, wid = demo_lib, demo_lib.demo_id
    pids = [p.id for p in people.list_participants(lib, wid)]
    before = structure.state(lib, wid, structure.TABLES)
    bid = structure.add_blocker(lib, wid, "Nobody arbitrates discounts", pids[0])
    structure.set_sort(lib, wid, bid, pids[1], "structural", "incentives")
    structure.set_sort(lib, wid, bid, pids[1], "behavioural", "changed my mind")
    structure.set_score(lib, wid, model.Scorecard(pids[2], 1, 2, 3))
    mine = [s for s in structure.list_sorts(lib, wid) if s.blocker_id == bid]
    assert [(s.participant_id, s.kind, s.rationale) for s in mine] == [(pids[1], "behavioural", "changed my mind")]
    after = structure.state(lib, wid, structure.TABLES)
    structure.put_state(lib, wid, before)
    assert structure.state(lib, wid, structure.TABLES) == before
    structure.put_state(lib, wid, after)
    assert structure.state(lib, wid, structure.TABLES) == after
    with pytest.raises(ValidationError):
        structure.set_sort(lib, wid, bid, pids[1], "political")


def test_a_blocker_flows_on_into_a_decision_right_a_threshold_draft_a_commitment_or_a_target(demo_lib):
    lib, wid = demo_lib, demo_lib.demo_id
    bid = structure.add_blocker(lib, wid, "Nobody may stop a release after approval", None)
    n_decisions, n_thresholds = len(covenant.list_decisions(lib, wid)), len(covenant.list_thresholds(lib, wid))
    structure.to_decision(lib, wid, bid)
    structure.to_threshold(lib, wid, bid)
    did = structure.to_commitment(lib, wid, bid)
    structure.to_target(lib, wid, bid)
    decisions, thresholds = covenant.list_decisions(lib, wid), covenant.list_thresholds(lib, wid)
    assert len(decisions) == n_decisions + 1 and "Nobody may stop a release" in decisions[-1].decision
    assert len(thresholds) == n_thresholds + 1 and thresholds[-1].draft_for.startswith("Nobody may stop")
    assert "Nobody may stop a release" in session.get_commitment(lib, did).text
    assert readiness.list_items(lib, wid, "target")[-1].text == "Nobody may stop a release after approval"


def test_diagnosis_and_plan_round_trip_through_tension_and_json_and_duplicate(demo_lib, tmp_path):
    lib, wid = demo_lib, demo_lib.demo_id
    assert structure.list_blockers(lib, wid) and readiness.list_values(lib, wid)
    original = canonical(lib, wid)
    for name in ("ws.tension", "ws.json"):
        out = transfer.export_workshop(lib, wid, tmp_path / name)
        with open_library(library_path(tmp_path / name.replace(".", "_"))) as other:
            new = transfer.import_workshop(other, out)
            copy = canonical(other, new)
            for table in structure.TABLES + readiness.TABLES:
                assert copy[table] == original[table] and copy[table], table
    dup = workshops.duplicate_workshop(lib, wid)
    copy = canonical(lib, dup.id)
    assert all(copy[t] == original[t] for t in structure.TABLES + readiness.TABLES)


def test_a_plan_walks_through_three_follow_ups_carried_by_continue(demo_lib):
    """Continue three times from the kick-off, entering each time the weekly values since the
    last session; the plan and every value travel, the statuses are each session's own, and
    from week 12 the closing question is due."""
    lib = demo_lib
    kickoff = session.previous_workshop(lib, demo_lib.demo_id).id
    plan_items = readiness.list_items(lib, kickoff)
    assert readiness.list_values(lib, kickoff) == [] and readiness.get_check(lib, kickoff).start_date == "2026-09-18"
    dates = ("2026-10-09", "2026-11-06", "2026-12-11")  # weeks 4, 8, 13
    current, seen_weeks = kickoff, 0
    for n, date in enumerate(dates, 1):
        new = session.continue_workshop(lib, current, f"Follow-up {n}", date).id
        items = readiness.list_items(lib, new)
        assert [(i.kind, i.text, i.baseline, i.goal) for i in items] == \
            [(i.kind, i.text, i.baseline, i.goal) for i in plan_items]
        assert all(i.status == "" for i in items)  # each follow-up marks the targets afresh
        owners = {p.id: p.name for p in people.list_participants(lib, new)}
        assert all(i.owner_id is None or i.owner_id in owners for i in items)  # owners map to the new roster
        assert len(readiness.list_values(lib, new)) == 3 * seen_weeks  # every earlier value came along
        week = readiness.current_week(lib, new)
        assert week == {1: 4, 2: 8, 3: 13}[n]
        for row, item in enumerate(i for i in items if i.kind == "indicator"):
            for wk in range(seen_weeks + 1, min(week, plan.WEEKS) + 1):
                readiness.set_value(lib, new, item.id, wk, row + wk)
        seen_weeks = min(week, plan.WEEKS)
        targets = readiness.list_items(lib, new, "target")
        readiness.update_item(lib, targets[0].id, status="held")
        readiness.update_item(lib, targets[1].id, status="slipping" if n < 3 else "held")
        readiness.set_check(lib, new, moved="leader_only" if n < 3 else "team")
        assert plan.closing_due(week) == (n == 3)
        current = new
    readiness.set_check(lib, current, answer="coaching", evidence="The team closes decisions in writing now.")
    values = readiness.list_values(lib, current)
    assert len(values) == 3 * plan.WEEKS
    first = readiness.list_items(lib, current, "indicator")[0]
    assert plan.series(values, first.id)[:3] == [(1, 1), (2, 2), (3, 3)]
    history = [s.readiness for s in session.team_signals(lib, workshops.get_workshop(lib, current).team_id)]
    walked = [h for h in history if h is not None and h["week"] in (4, 8, 13)]
    assert [(h["held"], h["slipping"], h["moved"]) for h in walked] == \
        [(1, 1, "leader_only"), (1, 1, "leader_only"), (2, 0, "team")]
    assert walked[-1]["answer"] == "coaching"


def test_a_library_of_the_last_version_opens_with_the_new_tables(tmp_path):
    """The v7 step (numbered by the lead at merge) runs on a file of the version before."""
    import sqlite3

    from tension_desktop.store.schema import MIGRATIONS

    path = library_path(tmp_path)
    conn = sqlite3.connect(path)
    for step in MIGRATIONS[:-1]:
        for sql in step:
            conn.execute(sql)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) - 1}")
    conn.commit()
    conn.close()
    with open_library(path) as lib:
        assert lib.schema_version == len(MIGRATIONS)
        names = {r["name"] for r in lib.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert set(structure.TABLES) | set(readiness.TABLES) <= names
