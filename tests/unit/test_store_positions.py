"""Something added after removals goes to the end, in every exercise's list (positions keep gaps)."""

from tension_desktop.model import Commitment, Risk
from tension_desktop.store import board, premortem, session
from tension_desktop.store.rows import delete_with_snapshot


def test_an_element_added_after_a_removal_goes_last(demo_lib):
    wid = demo_lib.demo_id
    first, second = board.list_elements(demo_lib, wid)[:2]
    delete_with_snapshot(demo_lib, "board_elements", first.id)
    delete_with_snapshot(demo_lib, "board_elements", second.id)
    new = board.add_element(demo_lib, wid, "Added last", initiative_id=first.initiative_id)
    assert board.list_elements(demo_lib, wid)[-1].id == new.id


def test_a_risk_added_after_a_removal_goes_last(demo_lib):
    wid = demo_lib.demo_id
    first, second = premortem.list_risks(demo_lib, wid)[:2]
    delete_with_snapshot(demo_lib, "risks", first.id)
    delete_with_snapshot(demo_lib, "risks", second.id)
    new = premortem.add_risk(demo_lib, wid, Risk(text="Added last", initiative_id=first.initiative_id))
    assert premortem.list_risks(demo_lib, wid)[-1].id == new.id


def test_a_commitment_added_after_a_removal_goes_last(demo_lib):
    wid = demo_lib.demo_id
    first, second = session.list_commitments(demo_lib, wid)[:2]
    delete_with_snapshot(demo_lib, "commitments", first.id)
    delete_with_snapshot(demo_lib, "commitments", second.id)
    new = session.add_commitment(demo_lib, wid, Commitment(kind="experiment", text="Added last"))
    assert session.list_commitments(demo_lib, wid)[-1].id == new.id
