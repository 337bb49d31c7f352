"""Covenant store: add, update, reorder, remove (with exact undo), owners and roles."""

from __future__ import annotations

import pytest

from tension_desktop.model import CovenantItem, DecisionRight, EscalationThreshold, ValidationError
from tension_desktop.store import covenant, people, rows, workshops


@pytest.fixture
def wid(lib):
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    for name in ("Ana", "Bo", "Cyrus"):
        people.add_participant(lib, ws.id, name)
    return ws.id


def pids(lib, wid):
    return [p.id for p in people.list_participants(lib, wid)]


def test_items_are_updated_and_reordered_within_their_section(lib, wid):
    a = covenant.add_item(lib, wid, CovenantItem(kind="protected", text="A"))
    b = covenant.add_item(lib, wid, CovenantItem(kind="protected", text="B"))
    covenant.add_item(lib, wid, CovenantItem(kind="degradable", text="D", limit="2 weeks"))
    covenant.update_item(lib, a.id, text="A2", limit="")
    covenant.move_item(lib, b.id, 0)
    assert [i.text for i in covenant.list_items(lib, wid, "protected")] == ["B", "A2"]
    covenant.update_item(lib, a.id, section="degradable", limit="pilot only")
    assert [(i.text, i.limit) for i in covenant.list_items(lib, wid, "degradable")] == \
        [("D", "2 weeks"), ("A2", "pilot only")]


def test_removing_an_item_can_be_restored_exactly(lib, wid):
    a = covenant.add_item(lib, wid, CovenantItem(kind="protected", text="A"))
    snap = covenant.remove_item(lib, a.id)
    assert covenant.list_items(lib, wid) == []
    rows.restore(lib, snap)
    assert covenant.list_items(lib, wid) == [a]


def test_threshold_owners_are_replaced_and_survive_undo_of_a_remove(lib, wid):
    ana, bo, _ = pids(lib, wid)
    t = covenant.add_threshold(lib, wid, EscalationThreshold(metric="Churn", owner_ids=(ana,)))
    covenant.update_threshold(lib, t.id, owner_ids=(bo, ana), threshold="3 %", lever="pause")
    got = covenant.get_threshold(lib, t.id)
    assert (got.owner_ids, got.threshold, got.lever) == ((bo, ana), "3 %", "pause")
    snap = covenant.remove_threshold(lib, t.id)
    assert covenant.list_thresholds(lib, wid) == []
    rows.restore(lib, snap)
    assert covenant.get_threshold(lib, t.id).owner_ids == (bo, ana)


def test_an_owner_from_another_workshop_is_refused(lib, wid):
    other = workshops.create_workshop(lib, "Team", "Other")
    stranger = people.add_participant(lib, other.id, "Stranger")
    t = covenant.add_threshold(lib, wid, EscalationThreshold(metric="Churn"))
    with pytest.raises(ValidationError):
        covenant.update_threshold(lib, t.id, owner_ids=(stranger.id,))


def test_decision_roles_are_set_one_role_at_a_time(lib, wid):
    ana, bo, cy = pids(lib, wid)
    d = covenant.add_decision(lib, wid, DecisionRight(decision="Scale", roles={"approve": (ana,)}))
    covenant.set_role(lib, d.id, "recommend", [bo, cy])
    covenant.set_role(lib, d.id, "approve", [cy])
    got = covenant.get_decision(lib, d.id)
    assert got.holders("approve") == (cy,)
    assert got.holders("recommend") == (bo, cy)
    covenant.update_decision(lib, d.id, decision="Scale to EU")
    assert covenant.get_decision(lib, d.id).decision == "Scale to EU"
    assert covenant.get_decision(lib, d.id).holders("approve") == (cy,)


def test_thresholds_and_decisions_reorder(lib, wid):
    ts = [covenant.add_threshold(lib, wid, EscalationThreshold(metric=m)) for m in "XYZ"]
    covenant.move_threshold(lib, ts[2].id, 0)
    assert [t.metric for t in covenant.list_thresholds(lib, wid)] == ["Z", "X", "Y"]
    ds = [covenant.add_decision(lib, wid, DecisionRight(decision=m)) for m in "PQ"]
    covenant.move_decision(lib, ds[0].id, 5)
    assert [d.decision for d in covenant.list_decisions(lib, wid)] == ["Q", "P"]
    snap = covenant.remove_decision(lib, ds[1].id)
    rows.restore(lib, snap)
    assert [d.decision for d in covenant.list_decisions(lib, wid)] == ["Q", "P"]


def test_removing_a_participant_drops_their_ownership(lib, wid):
    ana, bo, _ = pids(lib, wid)
    t = covenant.add_threshold(lib, wid, EscalationThreshold(metric="Churn", owner_ids=(ana, bo)))
    people.remove_participant(lib, ana)
    assert covenant.get_threshold(lib, t.id).owner_ids == (bo,)
