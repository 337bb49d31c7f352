"""Typed change notices: the library records what each edit wrote (tables, settings keys)."""

from __future__ import annotations

import pytest

from tension_desktop.model import Placement
from tension_desktop.store import StoreError, board, open_library, people, tension_map, workshops
from tension_desktop.store.changes import Changes, written_tables


@pytest.fixture
def lib(tmp_path):
    library = open_library(tmp_path / "library.tension-library")
    yield library
    library.close()


@pytest.fixture
def ws(lib):
    w = workshops.create_workshop(lib, "Meridian", "Offsite")
    people.add_participant(lib, w.id, "Amara")
    people.add_initiative(lib, w.id, "Billing")
    lib.take_changes()
    return w


def test_a_drop_on_the_map_touches_the_placements_and_nothing_else(lib, ws):
    ini = people.list_initiatives(lib, ws.id)[0]
    pid = people.list_participants(lib, ws.id)[0].id
    tension_map.place(lib, ws.id, Placement(initiative_id=ini.id, participant_id=pid, round="private", x=0.2, y=0.7))
    changes = lib.take_changes()
    assert changes.touches("placements")
    assert changes.tables == {"placements"}  # the home screen's "updated at" is bookkeeping, not a change
    assert not lib.take_changes()  # taken: the record starts afresh


def test_removing_a_participant_touches_every_table_that_pointed_at_them(lib, ws):
    pid = people.list_participants(lib, ws.id)[0].id
    people.remove_participant(lib, pid)
    changes = lib.take_changes()
    assert changes.touches("participants", "placements", "board_cards", "risk_votes", "threshold_owners")
    assert not changes.touches("initiatives", "workshops")


def test_a_setting_names_its_key(lib, ws):
    workshops.set_setting(lib, ws.id, board.RATIONALE_KEY, True)
    changes = lib.take_changes()
    assert changes.touches_setting(board.RATIONALE_KEY)
    assert not changes.touches_setting(board.SCOPE_KEY)
    assert changes.tables == {"workshop_settings"}


def test_renaming_the_workshop_touches_the_workshops(lib, ws):
    workshops.rename_workshop(lib, ws.id, "Second offsite")
    assert lib.take_changes().touches("workshops")


def test_an_edit_that_fails_records_nothing(lib, ws):
    with pytest.raises(StoreError):
        with lib.edit() as db:
            db.execute("INSERT INTO participants (workshop_id, name, colour) VALUES (?, 'Jonas', '#000')", [ws.id])
            db.execute("INSERT INTO placements (workshop_id, initiative_id, round, x, y) VALUES (?, 99999, 'agreed', 2, 2)",
                       [ws.id])
    assert not lib.take_changes()
    assert [p.name for p in people.list_participants(lib, ws.id)] == ["Amara"]


@pytest.mark.parametrize(("sql", "tables"), [
    ("INSERT INTO risks (workshop_id, text) VALUES (?, ?)", {"risks"}),
    ("  update thresholds SET metric = ? WHERE id = ?", {"thresholds"}),
    ("DELETE FROM board_elements WHERE id = ?", {"board_elements", "board_cards", "private_round_inputs"}),
    ("INSERT OR REPLACE INTO workshop_settings (workshop_id, key, value) VALUES (?, ?, ?)", {"workshop_settings"}),
    ("SELECT * FROM placements", set()),
])
def test_the_tables_a_statement_writes_are_read_from_its_sql(sql, tables):
    assert written_tables(sql)[0] == tables


def test_notices_combine_and_answer_precise_questions():
    a = Changes.of("placements", rows={"placements": [(1, 2, "private")]})
    b = Changes.of(settings=["tension_map:axis_labels"])
    both = a | b
    assert both.touches("placements") and both.touches_setting("tension_map:axis_labels")
    assert both.row("placements") == (1, 2, "private") and both.row("initiatives") is None
    assert not Changes().touches("placements") and not Changes()
