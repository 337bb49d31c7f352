"""The allocation round without a window: its rules, its store on a real SQLite file, the
round trips, the follow-up's permanent imbalance, commitments into the close, the report."""

from __future__ import annotations

import subprocess

import pytest

from tension_desktop.export.report_pdf import export_report
from tension_desktop.model import ValidationError
from tension_desktop.model.allocation import (
    PortfolioItem,
    Split,
    TimeReading,
    actual_shares,
    persistent_imbalances,
    portfolio_reveal,
    reference,
    time_readings,
    trade_off,
)
from tension_desktop.store import allocation, people, rounds, session, transfer, workshops
from tension_desktop.store.library import open_library
from tension_desktop.store.rows import restore

TARGET = {"operate": 40, "improve": 40, "innovate": 20}


def p(pid, o, i, n):
    return Split(pid, "portfolio", "portfolio", {"operate": o, "improve": i, "innovate": n})


def test_a_split_must_add_up_to_100_and_fit_its_scheme():
    with pytest.raises(ValidationError):
        p(1, 40, 40, 30)
    with pytest.raises(ValidationError):
        Split(1, "time_now", "portfolio", TARGET)
    with pytest.raises(ValidationError):
        Split(1, "time_now", "exec", {"execution": 80, "innovation": 20}, scope="galaxy")
    assert reference("exec", "team") == {"execution": 90, "innovation": 10}
    assert reference("cto") == {"strategy": 30, "people": 30, "operations": 20, "collaboration": 20}


def test_the_reveal_ranks_the_most_disputed_category_first_beside_target_and_actual():
    items = [PortfolioItem("operate", 6, initiative_id=1), PortfolioItem("innovate", 2, initiative_id=2),
             PortfolioItem("improve", 2, initiative_id=3), PortfolioItem("innovate", 90, title="Moonshot", request=True)]
    spread = portfolio_reveal([p(1, 40, 40, 20), p(2, 70, 20, 10), p(3, 40, 35, 25)], items, TARGET)
    assert [c.category for c in spread] == ["operate", "improve", "innovate"]
    assert (spread[0].spread, spread[0].highest, spread[0].lowest, spread[0].target) == (30, 2, 1, 40)
    assert spread[0].actual == pytest.approx(60.0)  # a request is not part of what the table adds up to
    assert actual_shares(items, with_requests=True)["innovate"] == pytest.approx(92 / 1.0)


def test_a_new_request_shows_what_it_displaces():
    items = [PortfolioItem("operate", 10, initiative_id=1), PortfolioItem("operate", 3, initiative_id=2),
             PortfolioItem("improve", 5, initiative_id=3), PortfolioItem("innovate", 2, initiative_id=4)]
    t = trade_off(PortfolioItem("innovate", 4, title="Carbon reporting", request=True), items, TARGET)
    assert t.before["innovate"] == pytest.approx(10.0) and t.after["innovate"] == pytest.approx(25.0)
    assert t.gives == "operate" and t.effort_to_free == 4
    assert t.candidates == (2, 1)  # smallest first until the effort is freed


def test_time_readings_warn_at_an_even_split_and_at_a_wide_gap():
    splits = [Split(1, "time_now", "exec", {"execution": 50, "innovation": 50}, "function"),
              Split(1, "time_should", "exec", {"execution": 60, "innovation": 40}, "function"),
              Split(2, "time_now", "cto", {"strategy": 15, "people": 25, "operations": 45, "collaboration": 15}),
              Split(2, "time_should", "cto", {"strategy": 30, "people": 30, "operations": 20, "collaboration": 20})]
    readings = {r.participant_id: r for r in time_readings(splits)}
    assert readings[1].reference == {"execution": 80, "innovation": 20}
    assert any("50/50 now" in w for w in readings[1].warnings)
    assert readings[2].gap == 25 and readings[2].short == "strategy"
    assert time_readings(splits)[0].participant_id == 2  # widest gap first


def test_only_a_gap_short_of_the_same_part_in_both_sessions_is_a_permanent_imbalance():
    def r(now, should):
        return TimeReading(1, "exec", now, should, None)
    earlier = {"Ana": r({"execution": 90, "innovation": 10}, {"execution": 75, "innovation": 25}),
               "Bo": r({"execution": 90, "innovation": 10}, {"execution": 80, "innovation": 20})}
    now = {"Ana": r({"execution": 85, "innovation": 15}, {"execution": 70, "innovation": 30}),
           "Bo": r({"execution": 80, "innovation": 20}, {"execution": 80, "innovation": 20}),
           "Cy": r({"execution": 95, "innovation": 5}, {"execution": 70, "innovation": 30})}
    flagged = persistent_imbalances(earlier, now)
    assert list(flagged) == ["Ana"] and "Permanent imbalance" in flagged["Ana"]


def test_the_portfolio_and_splits_on_a_real_file(lib):
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    ana = people.add_participant(lib, ws.id, "Ana").id
    ini = people.add_initiative(lib, ws.id, "Pilot").id
    assert allocation.set_initiative(lib, ws.id, ini, "innovate", 3) is None
    old = allocation.set_initiative(lib, ws.id, ini, "improve", 4)
    assert (old.category, old.effort) == ("innovate", 3)
    req = allocation.add_request(lib, ws.id, "Carbon reporting", "innovate", 5)
    assert [(i.title, i.request) for i in allocation.list_items(lib, ws.id)] == [("", False),
                                                                                  ("Carbon reporting", True)]
    restore(lib, allocation.remove_item(lib, req.id))
    assert allocation.get_item(lib, req.id).title == "Carbon reporting"
    assert allocation.target(lib, ws.id) == TARGET
    with pytest.raises(ValidationError):
        allocation.set_target(lib, ws.id, {"operate": 50, "improve": 50, "innovate": 10})
    allocation.set_target(lib, ws.id, {"operate": 50, "improve": 30, "innovate": 20})
    allocation.set_split(lib, ws.id, p(ana, 50, 30, 20))
    old = allocation.set_split(lib, ws.id, p(ana, 30, 30, 40))
    assert old.shares["operate"] == 50 and allocation.splits_of(lib, ws.id, ana)["portfolio"].shares["innovate"] == 40


def test_a_commitment_from_the_reveal_fills_the_close_and_undoes_exactly(lib):
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    ana = people.add_participant(lib, ws.id, "Ana").id
    session.ensure_commitments(lib, ws.id)
    cid, old = allocation.commit_from_reveal(lib, ws.id, "experiment", "Book innovation time weekly", ana)
    filled = session.get_commitment(lib, cid)
    assert (filled.kind, filled.text, filled.owner_id) == ("experiment", "Book innovation time weekly", ana)
    cid2, old2 = allocation.commit_from_reveal(lib, ws.id, "experiment", "Delegate incident review", ana)
    assert old2 is None and cid2 != cid and len(session.list_commitments(lib, ws.id)) == 4
    allocation.undo_commit(lib, cid2, old2)
    allocation.undo_commit(lib, cid, old)
    assert [c.text for c in session.list_commitments(lib, ws.id)] == ["", "", ""]


@pytest.mark.parametrize("suffix", [".json", ".tension"])
def test_the_allocation_round_trips_through_workshop_files(demo_lib, tmp_path, suffix):
    wid = demo_lib.demo_id
    path = transfer.export_workshop(demo_lib, wid, tmp_path / f"w{suffix}")
    target = open_library(tmp_path / "other" / "library.sqlite")
    try:
        new = transfer.import_workshop(target, path)

        def shape(lib, w):
            names = {x.id: x.name for x in people.list_participants(lib, w)}
            titles = {x.id: x.title for x in people.list_initiatives(lib, w)}
            return (allocation.target(lib, w), allocation.category_names(lib, w),
                    sorted((titles.get(i.initiative_id, ""), i.title, i.category, i.effort, i.request)
                           for i in allocation.list_items(lib, w)),
                    sorted((names[s.participant_id], s.kind, s.scheme, s.scope, sorted(s.shares.items()))
                           for s in allocation.list_splits(lib, w)))
        assert shape(target, new) == shape(demo_lib, wid)
        assert len(allocation.list_splits(target, new)) == 18
    finally:
        target.close()


def test_the_follow_up_flags_the_demo_ctos_lasting_gap_and_the_report_prints_it(demo_lib, tmp_path):
    wid = demo_lib.demo_id
    now = allocation.readings_by_name(demo_lib, wid)
    flagged = persistent_imbalances(allocation.earlier_readings(demo_lib, wid), now)
    assert "Jonas Weber" in flagged and "strategy" in flagged["Jonas Weber"]
    text = subprocess.run(["pdftotext", str(export_report(demo_lib, wid, tmp_path / "r.pdf").path), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Allocation: the portfolio and our time" in text and "Permanent imbalance" in text
    assert "Carbon reporting for retail customers" in text
    rounds.start_round(demo_lib, wid, "allocation", None, [x.id for x in people.list_participants(demo_lib, wid)])
    allocation.set_split(demo_lib, wid, p(people.list_participants(demo_lib, wid)[0].id, 85, 10, 5))
    text = subprocess.run(["pdftotext", str(export_report(demo_lib, wid, tmp_path / "r2.pdf").path), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "not revealed yet" in text and "Permanent imbalance" not in text


def test_continue_carries_each_initiatives_category_and_compares_the_new_splits_with_the_old(demo_lib):
    wid = demo_lib.demo_id
    follow = session.continue_workshop(demo_lib, wid, "Follow-up", "2027-01-15").id
    titles = {i.id: i.title for i in people.list_initiatives(demo_lib, follow)}
    carried = {titles[i.initiative_id]: (i.category, i.effort) for i in allocation.list_items(demo_lib, follow)}
    assert carried["Billing platform migration"] == ("operate", 12) and len(carried) == 8
    assert allocation.list_splits(demo_lib, follow) == []
    assert set(allocation.earlier_readings(demo_lib, follow)) == set(allocation.readings_by_name(demo_lib, wid))
    assert allocation.target(demo_lib, follow) == allocation.target(demo_lib, wid)


def test_the_allocation_csv_holds_the_target_the_portfolio_and_the_revealed_splits(demo_lib, tmp_path):
    import csv

    from tension_desktop.export.exercise_csv import write_allocation_csv

    wid = demo_lib.demo_id
    allocation.add_request(demo_lib, wid, "+cmd|' /C calc'!A0", "innovate", 2)
    with open(write_allocation_csv(demo_lib, wid, tmp_path / "a.csv"), encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert ["target", "", "", "portfolio", "", "", "Strategic innovation", "20"] in rows
    assert ["request", "", "'+cmd|' /C calc'!A0", "", "", "", "Strategic innovation", "2"] in rows
    assert sum(r[0] == "split" for r in rows) == 6 * 3 + 5 * 2 * 2 + 2 * 4  # portfolio 3 parts; time now + should
