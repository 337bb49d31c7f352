"""Teams and workshops: creating, renaming and settings keep the library consistent."""

from __future__ import annotations

import pytest

from tension_desktop.model import ValidationError
from tension_desktop.store import workshops


def test_a_workshop_with_an_empty_title_is_refused_and_leaves_no_new_team_behind(lib):
    with pytest.raises(ValidationError) as info:
        workshops.create_workshop(lib, "Brand new team", "   ")
    assert info.value.field == "workshop title"
    assert workshops.list_teams(lib) == []


def test_a_team_is_found_by_name_whatever_the_case(lib):
    first = workshops.create_workshop(lib, "Meridian Freight", "Offsite")
    second = workshops.create_workshop(lib, "meridian freight ", "Follow-up")
    assert first.team_id == second.team_id
    assert [t.name for t in workshops.list_teams(lib)] == ["Meridian Freight"]


def test_renaming_to_an_empty_title_is_refused_and_keeps_the_old_one(lib):
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    with pytest.raises(ValidationError):
        workshops.rename_workshop(lib, ws.id, "")
    assert workshops.get_workshop(lib, ws.id).title == "Offsite"


def test_settings_hold_their_json_value_and_none_removes_them(lib):
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    value = {"x": "Novelty ü", "y": "Blast radius"}
    workshops.set_setting(lib, ws.id, "tension_map:axis_labels", value)
    assert workshops.get_setting(lib, ws.id, "tension_map:axis_labels") == value
    workshops.set_setting(lib, ws.id, "tension_map:axis_labels", None)
    assert workshops.get_setting(lib, ws.id, "tension_map:axis_labels", "default") == "default"


@pytest.mark.parametrize(("key", "value"), [
    ("tension_map:axis_labels", {"x": "Novelty", "labels": ["a"]}),   # a key the map does not have
    ("tension_map:axis_labels", ["x"]),
    ("premortem:dots", 2.0), ("premortem:dots", True), ("premortem:dots", 0), ("premortem:dots", "3"),
    ("premortem:lanes", [["a", "A"], ["a", "B"]]),
    ("board:scope", {"initiative_id": "7"}),
    ("no_such_setting", 1),
])
def test_the_store_refuses_a_setting_of_the_wrong_shape(lib, key, value):
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    with pytest.raises(ValidationError):
        workshops.set_setting(lib, ws.id, key, value)
    assert lib.query("SELECT count(*) AS n FROM workshop_settings")[0]["n"] == 0


def test_a_missing_workshop_is_named_in_the_error(lib):
    with pytest.raises(KeyError, match="no workshop with id 41"):
        workshops.get_workshop(lib, 41)
