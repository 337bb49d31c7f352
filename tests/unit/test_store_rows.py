"""Deletes are undoable exactly: restoring a snapshot gives back the library byte-for-byte in content."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tension_desktop.store import people, workshops
from tension_desktop.store.rows import delete_with_snapshot, restore


def dump(lib) -> list[str]:
    return list(lib.conn.iterdump())


@pytest.fixture
def full_lib(demo_lib):
    """The demo with a merged risk and a setting, so self-references and settings are covered."""
    wid = demo_lib.demo_id
    risks = [r["id"] for r in demo_lib.query("SELECT id FROM risks WHERE workshop_id = ? ORDER BY id", (wid,))]
    with demo_lib.edit() as db:
        db.execute("UPDATE risks SET merged_into = ? WHERE id = ?", [risks[0], risks[1]])
    workshops.set_setting(demo_lib, wid, "board:rationale_required", True)
    return demo_lib


@pytest.mark.parametrize("table", ["participants", "initiatives", "board_elements", "risks", "thresholds",
                                   "decisions", "workshops"])
def test_deleting_any_row_and_restoring_it_gives_back_exactly_the_same_library(full_lib, table):
    before = dump(full_lib)
    row_id = full_lib.query(f"SELECT id FROM {table} ORDER BY id LIMIT 1")[0]["id"]
    snap = delete_with_snapshot(full_lib, table, row_id)
    assert snap.count() >= 1
    assert not full_lib.query(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,))
    restore(full_lib, snap)
    assert dump(full_lib) == before
    assert full_lib.integrity_check() == ["ok"]


def test_removing_a_participant_takes_their_placements_cards_and_votes_and_undo_brings_them_back(full_lib):
    wid = full_lib.demo_id
    pid = people.list_participants(full_lib, wid)[2].id  # the COO owns thresholds and risks
    counts = lambda: {t: full_lib.query(f"SELECT count(*) AS n FROM {t} WHERE participant_id = ?", (pid,))[0]["n"]  # noqa: E731
                      for t in ("placements", "board_cards", "risk_votes", "threshold_owners", "decision_roles")}
    held = counts()
    assert all(held.values()), held
    owned = full_lib.query("SELECT count(*) AS n FROM risks WHERE owner_id = ?", (pid,))[0]["n"]
    assert owned
    snap = people.remove_participant(full_lib, pid)
    assert set(counts().values()) == {0}
    assert full_lib.query("SELECT count(*) AS n FROM risks WHERE owner_id IS NULL AND workshop_id = ?",
                          (wid,))[0]["n"] >= owned  # risks stay, without their owner
    people.undo_remove(full_lib, snap)
    assert counts() == held
    assert full_lib.query("SELECT count(*) AS n FROM risks WHERE owner_id = ?", (pid,))[0]["n"] == owned


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["participants", "initiatives", "board_elements", "risks"]),
                          st.integers(0, 7)), min_size=1, max_size=5))
def test_any_series_of_deletes_undone_in_reverse_order_restores_the_library(full_lib, deletes):
    before = dump(full_lib)
    snaps = []
    for table, index in deletes:
        ids = [r["id"] for r in full_lib.query(f"SELECT id FROM {table} ORDER BY id")]
        if ids:
            snaps.append(delete_with_snapshot(full_lib, table, ids[index % len(ids)]))
    for snap in reversed(snaps):
        restore(full_lib, snap)
    assert dump(full_lib) == before


def test_duplicating_a_workshop_copies_every_row_under_new_ids(full_lib):
    from tests.unit.test_transfer import canonical

    copy = workshops.duplicate_workshop(full_lib, full_lib.demo_id)
    assert copy.title.endswith("(copy)")
    assert canonical(full_lib, copy.id) == canonical(full_lib, full_lib.demo_id)
