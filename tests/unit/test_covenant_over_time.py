"""The covenant lives across sessions: Continue carries it, the follow-up reviews it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tension_desktop.model.covenant_review import ReviewEntry, review_figures
from tension_desktop.model.validation import ValidationError
from tension_desktop.store import (
    covenant,
    library_path,
    open_library,
    people,
    premortem,
    session,
    transfer,
)
from tension_desktop.store import covenant_review as review
from tests.unit.test_cli import ENV, ROOT
from tests.unit.test_transfer import canonical


def test_continue_from_the_cli_carries_the_covenant_and_its_review_lists_every_threshold_and_decision(tmp_path):
    data = tmp_path / "data"

    def cli(*args):
        r = subprocess.run([sys.executable, "-m", "tension_desktop", "--data-dir", str(data), *args], cwd=ROOT,
                           env=ENV, capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        return r.stdout

    demo = int(cli("demo"))
    new = int(cli("continue", str(demo)))
    assert new != demo
    with open_library(library_path(data), readonly=True) as lib:
        old_t, new_t = covenant.list_thresholds(lib, demo), covenant.list_thresholds(lib, new)
        old_d, new_d = covenant.list_decisions(lib, demo), covenant.list_decisions(lib, new)
        names = {p.id: p.name for ws in (demo, new) for p in people.list_participants(lib, ws)}
        assert [(t.metric, t.threshold, t.lever, [names[o] for o in t.owner_ids]) for t in new_t] == \
               [(t.metric, t.threshold, t.lever, [names[o] for o in t.owner_ids]) for t in old_t]
        assert [(d.decision, {r: [names[p] for p in d.holders(r)] for r in d.roles}) for d in new_d] == \
               [(d.decision, {r: [names[p] for p in d.holders(r)] for r in d.roles}) for d in old_d]
        assert [(i.kind, i.text, i.limit) for i in covenant.list_items(lib, new)] == \
               [(i.kind, i.text, i.limit) for i in covenant.list_items(lib, demo)]
        rows = review.list_review(lib, new)
        assert [e.subject for e in rows if e.kind == "threshold"] == [t.metric for t in old_t]
        assert [e.subject for e in rows if e.kind == "decision"] == [d.decision for d in old_d]
        assert all(e.outcome == "" for e in rows)  # nothing judged yet
        # each names the copy's owner / approver (people of the new session)
        assert [names[e.named] for e in rows if e.kind == "decision"] == \
               [names[d.holders("approve")[0]] for d in old_d]
        # the open mitigation travels (the demo's review left it open)
        open_mitigations = [r for r in premortem.list_risks(lib, demo) if r.mitigation]
        assert [e.subject for e in rows if e.kind == "mitigation"] == \
               [f"{r.mitigation} (against: {r.text})" for r in open_mitigations]


def test_a_mitigation_reviewed_done_stays_behind(demo_lib):
    wid = demo_lib.demo_id
    [mit] = review.list_review(demo_lib, wid, "mitigation")
    review.set_review(demo_lib, mit.id, outcome="done")
    new = session.continue_workshop(demo_lib, wid, "Next")
    assert review.list_review(demo_lib, new.id, "mitigation") == []


def test_the_review_records_outcomes_who_decided_and_near_misses(demo_lib):
    new = session.continue_workshop(demo_lib, demo_lib.demo_id, "Next").id
    rows = review.list_review(demo_lib, new)
    t1, t2 = [e for e in rows if e.kind == "threshold"][:2]
    d1, d2 = [e for e in rows if e.kind == "decision"][:2]
    review.set_review(demo_lib, t1.id, outcome="breached", note="Nobody pulled the lever")
    review.set_review(demo_lib, t2.id, outcome="lever_pulled")
    review.set_review(demo_lib, d1.id, outcome="decided", decided_by=d1.named)
    other = next(p.id for p in people.list_participants(demo_lib, new) if p.id != d2.named)
    old = review.set_review(demo_lib, d2.id, outcome="decided", decided_by=other)
    assert old.outcome == "" and old.decided_by is None  # what undo needs
    review.add_near_miss(demo_lib, new, "Churn hit 2.9 %")
    f = review.figures(demo_lib, new)
    assert (f.thresholds_breached, f.levers_pulled, f.decisions_decided, f.decisions_by_named_approver,
            f.near_misses) == (2, 1, 2, 1, 1)
    assert f.named_approver_share == 0.5
    assert review.get_review(demo_lib, t1.id).note == "Nobody pulled the lever"
    [signals] = [s for s in session.team_signals(demo_lib, session.get_workshop(demo_lib, new).team_id)
                 if s.workshop_id == new]
    assert signals.review == f


def test_review_outcomes_follow_their_kind(demo_lib):
    new = session.continue_workshop(demo_lib, demo_lib.demo_id, "Next").id
    t = review.list_review(demo_lib, new, "threshold")[0]
    with pytest.raises(ValidationError):
        review.set_review(demo_lib, t.id, outcome="done")  # a mitigation's outcome
    with pytest.raises(ValidationError):
        review.set_review(demo_lib, t.id, decided_by=people.list_participants(demo_lib, new)[0].id)
    d = review.list_review(demo_lib, new, "decision")[0]
    stranger = people.list_participants(demo_lib, demo_lib.demo_id)[0].id  # of the earlier session
    with pytest.raises(ValidationError):
        review.set_review(demo_lib, d.id, decided_by=stranger)


def test_figures_count_only_judged_rows():
    rows = [ReviewEntry("threshold", "a", "held"), ReviewEntry("threshold", "b"),
            ReviewEntry("decision", "c", "decided", named=1, decided_by=1),
            ReviewEntry("decision", "d", "decided", named=None, decided_by=2),
            ReviewEntry("mitigation", "e", "done"), ReviewEntry("mitigation", "f")]
    f = review_figures(rows)
    assert (f.thresholds_reviewed, f.decisions_decided, f.decisions_by_named_approver, f.mitigations_done,
            f.mitigations_reviewed) == (1, 2, 1, 1, 1)


@pytest.mark.parametrize("suffix", [".tension", ".json"])
def test_the_review_and_near_misses_survive_the_round_trip(demo_lib, tmp_path, suffix):
    new = session.continue_workshop(demo_lib, demo_lib.demo_id, "Next").id
    d = review.list_review(demo_lib, new, "decision")[0]
    review.set_review(demo_lib, d.id, outcome="decided", decided_by=d.named, note="as agreed")
    review.add_near_miss(demo_lib, new, "Backlog at 149 tickets")
    covenant.add_threshold(demo_lib, new, covenant.EscalationThreshold(metric="", draft_for="Robotics",
                                                                       overrides="Priya"))
    out = transfer.export_workshop(demo_lib, new, tmp_path / f"f{suffix}")
    copy = transfer.import_workshop(demo_lib, out)
    assert canonical(demo_lib, copy) == canonical(demo_lib, new)
    assert [(e.kind, e.subject, e.outcome, e.note) for e in review.list_review(demo_lib, copy)] == \
           [(e.kind, e.subject, e.outcome, e.note) for e in review.list_review(demo_lib, new)]
    assert review.figures(demo_lib, copy) == review.figures(demo_lib, new)


def test_a_version_3_library_gains_the_review_and_keeps_its_thresholds(tmp_path):
    from tension_desktop.store import SCHEMA_VERSION

    path = tmp_path / "lib.db"
    old = open_library(path, target_version=3)
    assert old.schema_version == 3
    with old.edit() as db:
        team = db.execute("INSERT INTO teams (name) VALUES ('Meridian')").lastrowid
        wid = db.execute("INSERT INTO workshops (team_id, title) VALUES (?, 'Offsite')", [team]).lastrowid
        db.execute("INSERT INTO thresholds (workshop_id, metric, threshold) VALUES (?, 'Churn', '3 %')", [wid])
    old.close()
    lib = open_library(path)
    try:
        assert lib.schema_version == SCHEMA_VERSION
        [t] = covenant.list_thresholds(lib, wid)
        assert (t.metric, t.draft_for, t.overrides) == ("Churn", "", "")
        new = session.continue_workshop(lib, wid, "Next").id
        assert [e.subject for e in review.list_review(lib, new)] == ["Churn"]
    finally:
        lib.close()


def test_decision_latency_runs_from_opened_to_decided_and_reopenings_keep_their_cause(lib):
    from tension_desktop.model import GateDecision
    from tension_desktop.store import stage_gates, workshops

    ws = workshops.create_workshop(lib, "Team", "Offsite", date="2026-11-01")
    old = people.add_initiative(lib, ws.id, "Pricing")  # ten days on the table
    stage_gates.record_decision(lib, ws.id, GateDecision(
        initiative_id=old.id, from_stage="discover", to_stage="pilot", evidence="e", rollback="r",
        opened_at="2026-11-01T09:00:00Z", decided_at="2026-11-11T09:00:00Z"))
    # a move back later: opened when the initiative entered its stage (the decision above)
    back = stage_gates.record_decision(lib, ws.id, GateDecision(
        initiative_id=old.id, from_stage="pilot", to_stage="discover", evidence="lost data",
        reopen_cause="poor_framing", decided_at="2026-11-21T09:00:00Z"))
    assert back.opened_at == "2026-11-11T09:00:00Z" and back.reopen_cause == "poor_framing"
    [sig] = session.team_signals(lib, ws.team_id)
    assert sig.decision_days == 10  # (10 + 10) / 2, not the initiative's age
    assert sig.reopened_by_cause == {"poor_framing": 1}
