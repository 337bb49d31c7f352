"""The printed covenant never states a rule its rows break: open points are marked, listed,
and printed only when that is accepted (API, CLI)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tension_desktop.export.covenant_pdf import CovenantData, OpenPoints, export_covenant
from tension_desktop.model import CovenantItem, DecisionRight, EscalationThreshold
from tension_desktop.model.covenant import covenant_warnings, open_points
from tension_desktop.store import covenant, library_path, open_library, people, workshops
from tests.unit.test_cli import ENV, ROOT, one_line_failure


def text_of(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages)


def _workshop(lib) -> tuple[int, list[int]]:
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    pids = [people.add_participant(lib, ws.id, name).id for name in ("Ana", "Bo", "Cy")]
    return ws.id, pids


# one case per rule of the covenant: each must become an open point
BREAKS = {
    "two owners": lambda lib, wid, p: covenant.add_threshold(lib, wid, EscalationThreshold(
        metric="Churn", threshold="3 %", lever="pause", owner_ids=(p[0], p[1]))),
    "no owner": lambda lib, wid, p: covenant.add_threshold(lib, wid, EscalationThreshold(
        metric="Churn", threshold="3 %", lever="pause")),
    "no lever": lambda lib, wid, p: covenant.add_threshold(lib, wid, EscalationThreshold(
        metric="Churn", threshold="3 %", owner_ids=(p[0],))),
    "no number": lambda lib, wid, p: covenant.add_threshold(lib, wid, EscalationThreshold(
        metric="Churn", threshold="when it feels high", lever="pause", owner_ids=(p[0],))),
    "draft": lambda lib, wid, p: covenant.add_threshold(lib, wid, EscalationThreshold(
        metric="", draft_for="Robotics trial")),
    "two approvers": lambda lib, wid, p: covenant.add_decision(lib, wid, DecisionRight(
        decision="Go live", roles={"approve": (p[0], p[2])})),
    "no approver": lambda lib, wid, p: covenant.add_decision(lib, wid, DecisionRight(
        decision="Go live", roles={"recommend": (p[1],)})),
    "protected and degradable": lambda lib, wid, p: [
        covenant.add_item(lib, wid, CovenantItem(kind="protected", text="Invoice accuracy")),
        covenant.add_item(lib, wid, CovenantItem(kind="degradable", text="invoice accuracy!", limit="2 weeks"))],
}


@pytest.mark.parametrize("case", BREAKS)
def test_every_broken_rule_is_refused_then_printed_marked_and_listed(lib, tmp_path, case):
    wid, pids = _workshop(lib)
    BREAKS[case](lib, wid, pids)
    data = CovenantData.load(lib, wid)
    assert data.open_points, case
    out = tmp_path / "c.pdf"
    with pytest.raises(OpenPoints):
        export_covenant(lib, wid, out)
    assert not out.exists()  # nothing written before the question is answered
    [res] = export_covenant(lib, wid, out, allow_open_points=True)
    text = text_of(res.path)
    assert "Open points" in text and "Open point" in text.replace("Open points", "")
    for w in data.open_points:  # each finding is read out in the list
        assert " ".join(w.message.split())[:40] in text
    body = text.split("Open points This covenant")[0]  # the covenant itself, before the list of open points
    if case in {"two owners", "no owner", "no lever", "no number", "draft"}:
        assert "One metric, one owner." not in body.replace("Our rule: one metric, one owner.", "")
        assert "Not yet met" in body
    if case in {"two approvers", "no approver"}:
        assert "Exactly one person approves each decision." not in body
        assert "Not yet met" in body


def test_a_covenant_that_keeps_its_rules_prints_them_without_open_points(lib, tmp_path):
    wid, pids = _workshop(lib)
    covenant.add_threshold(lib, wid, EscalationThreshold(metric="Churn", threshold="3 %", lever="pause",
                                                         owner_ids=(pids[0],)))
    covenant.add_decision(lib, wid, DecisionRight(decision="Go live", roles={"approve": (pids[1],)}))
    [res] = export_covenant(lib, wid, tmp_path / "c.pdf")
    text = text_of(res.path)
    assert "One metric, one owner." in text and "Exactly one person approves each decision." in text
    assert "Open point" not in text


def test_the_demo_covenant_has_no_open_points(demo_lib):
    assert CovenantData.load(demo_lib, demo_lib.demo_id).open_points == []


def test_checks_that_are_not_rules_are_not_open_points():
    from tension_desktop.model import Participant

    warnings = covenant_warnings(participants=[Participant(name="Ana", id=1)])
    assert [w.check for w in warnings] == ["owns_nothing"] and open_points(warnings) == []


def test_a_draft_threshold_says_what_it_is_for_and_is_one_finding():
    t = EscalationThreshold(metric="", draft_for="Warehouse robotics trial", id=3)
    assert t.title == "Define a threshold for Warehouse robotics trial"
    [w] = covenant_warnings(thresholds=[t])
    assert w.check == "threshold_draft" and "Warehouse robotics trial" in w.message
    with pytest.raises(ValueError):
        EscalationThreshold(metric="")  # a threshold that is not a draft still needs its metric


def test_cli_export_covenant_refuses_open_points_in_one_line_unless_allowed(tmp_path):
    data = tmp_path / "data"
    with open_library(library_path(data)) as lib:
        wid, pids = _workshop(lib)
        covenant.add_decision(lib, wid, DecisionRight(decision="Go live", roles={"approve": (pids[0], pids[1])}))

    def run(*args):
        return subprocess.run([sys.executable, "-m", "tension_desktop", "--data-dir", str(data), "export",
                               "covenant", str(wid), *args], cwd=ROOT, env=ENV, capture_output=True, text=True,
                              timeout=120)

    out = tmp_path / "c.pdf"
    one_line_failure(run("--out", str(out)), "open point", "--allow-open-points")
    assert not out.exists()
    ok = run("--out", str(out), "--allow-open-points")
    assert ok.returncode == 0, ok.stderr
    assert "Open points" in text_of(out)


@pytest.mark.parametrize("count, flagged", [(3, False), (4, True), (7, True)])
def test_an_owner_of_more_thresholds_than_the_limit_is_flagged(count, flagged):
    ts = [EscalationThreshold(metric=f"M{i}", threshold="3 %", lever="pause", owner_ids=(1,), id=i)
          for i in range(count)]
    ts.append(EscalationThreshold(metric="Other", threshold="1", lever="x", owner_ids=(2,), id=99))
    w = [x for x in covenant_warnings(thresholds=ts) if x.check == "owner_overload"]
    assert [(x.subject_id, str(count) in x.message) for x in w] == ([(1, True)] if flagged else [])
    assert open_points(w) == []  # a warning sign, not a broken rule
    assert [x.subject_id for x in covenant_warnings(thresholds=ts, owner_limit=count) if x.check ==
            "owner_overload"] == []


def test_a_threshold_whose_owner_holds_no_lever_is_a_number_nobody_can_act_on():
    t = EscalationThreshold(metric="Churn", threshold="3 %", owner_ids=(1,), id=4)
    [w] = covenant_warnings(thresholds=[t])
    assert w.check == "threshold_lever" and "nobody can act on" in w.message and open_points([w]) == [w]


def test_who_may_ignore_the_other_numbers_is_stored_and_printed(lib, tmp_path):
    wid, pids = _workshop(lib)
    t = covenant.add_threshold(lib, wid, EscalationThreshold(metric="Churn", threshold="3 %", lever="pause",
                                                             owner_ids=(pids[0],), overrides="Bo, for 48 hours"))
    assert covenant.get_threshold(lib, t.id).overrides == "Bo, for 48 hours"
    covenant.update_threshold(lib, t.id, overrides="Cy")
    assert covenant.get_threshold(lib, t.id).overrides == "Cy"
    [res] = export_covenant(lib, wid, tmp_path / "c.pdf")
    assert "may ignore the other numbers: Cy" in text_of(res.path)
