"""Settings that hold row ids point at the copy's own rows after duplicate, import and continue.

Each copy is made while a private round is running (tension map and pre-mortem vote) and
with per-initiative pre-mortem state (chosen initiative, revealed votes) and a board scope.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tension_desktop.model import Placement
from tension_desktop.model import rules as model_rules
from tension_desktop.model.turns import TurnRound
from tension_desktop.store import (
    ImportRefused,
    open_library,
    people,
    premortem,
    session,
    settings_ids,
    transfer,
    workshops,
)
from tension_desktop.store import tension_map as tmap
from tension_desktop.store.settings_ids import SettingRule, remap_setting, rule_for

PACKAGE = Path(__file__).resolve().parents[2] / "tension_desktop"


def ids(lib, table: str, wid: int) -> list[int]:
    return [r["id"] for r in lib.query(f"SELECT id FROM {table} WHERE workshop_id = ? ORDER BY position, id", (wid,))]


def titles(lib, wid: int) -> dict[int, str]:
    return {r["id"]: r["title"] for r in lib.query("SELECT id, title FROM initiatives WHERE workshop_id = ?", (wid,))}


def by_title(lib, wid: int) -> dict[str, int]:
    return {t: i for i, t in titles(lib, wid).items()}


def settings(lib, wid: int) -> dict[str, object]:
    rows = lib.query("SELECT key, value FROM workshop_settings WHERE workshop_id = ?", (wid,))
    return {r["key"]: json.loads(r["value"]) for r in rows}


@pytest.fixture
def mid_session(demo_lib):
    """The demo workshop in the middle of a session: two private rounds running, a
    private placement made, pre-mortem votes revealed for two initiatives (and the
    whole-workshop list), another initiative chosen, a board scope, the team's labels."""
    lib, wid = demo_lib, demo_lib.demo_id
    pids, iids = ids(lib, "participants", wid), ids(lib, "initiatives", wid)
    workshops.set_setting(lib, wid, "turns:tension_map",
                          TurnRound.start("tension_map", pids[::-1]).end_turn().begin_turn().to_dict())
    workshops.set_setting(lib, wid, "turns:premortem_vote", TurnRound.start("premortem_vote", pids).to_dict())
    tmap.place(lib, wid, Placement(initiative_id=iids[0], x=0.1, y=0.9, round="private", participant_id=pids[-1]))
    premortem.set_current_initiative(lib, wid, iids[1])
    premortem.set_revealed(lib, wid, iids[0], True)
    premortem.set_revealed(lib, wid, iids[2], True)
    premortem.set_revealed(lib, wid, None, True)
    workshops.set_setting(lib, wid, "board:scope", {"initiative_id": iids[3]})
    workshops.set_setting(lib, wid, "tension_map:axis_labels", {"x": "Novelty", "y": "Blast radius"})
    premortem.set_dots_allowance(lib, wid, 5)
    return lib


def assert_points_at_own_rows(original_lib, original: int, copy_lib, copy: int) -> None:
    """The copy's id-holding settings name the copy's rows, the same initiatives by title."""
    orig_titles, copy_ids = titles(original_lib, original), by_title(copy_lib, copy)
    same = {old: copy_ids[t] for old, t in orig_titles.items()}
    if copy_lib is original_lib:
        assert not set(ids(copy_lib, "participants", copy)) & set(ids(original_lib, "participants", original))
        assert not set(same.values()) & set(same)
    before, after = settings(original_lib, original), settings(copy_lib, copy)
    assert premortem.current_initiative(copy_lib, copy) == same[before["premortem:initiative"]]
    assert sorted(after["premortem:revealed"]) == sorted(
        "None" if i == "None" else str(same[int(i)]) for i in before["premortem:revealed"])
    for old in (int(i) for i in before["premortem:revealed"] if i != "None"):
        assert premortem.revealed(copy_lib, copy, same[old])
    assert premortem.revealed(copy_lib, copy, None)
    assert after["board:scope"] == {"initiative_id": same[before["board:scope"]["initiative_id"]]}
    assert after["tension_map:axis_labels"] == {"x": "Novelty", "y": "Blast radius"}
    assert premortem.dots_allowance(copy_lib, copy) == 5
    # the private round in progress stays behind; its private placement stays hidden
    assert not [k for k in after if k.startswith("turns:")]
    assert tmap.private_count(copy_lib, copy) == 1
    # and the original is untouched
    assert {k for k in before if k.startswith("turns:")} == {"turns:tension_map", "turns:premortem_vote"}


def test_duplicate_points_at_its_own_rows(mid_session):
    wid = mid_session.demo_id
    before = settings(mid_session, wid)
    copy = workshops.duplicate_workshop(mid_session, wid).id
    assert_points_at_own_rows(mid_session, wid, mid_session, copy)
    assert settings(mid_session, wid) == before


@pytest.mark.parametrize("suffix", [".tension", ".json"])
def test_an_import_into_the_same_library_points_at_its_own_rows(mid_session, tmp_path, suffix):
    """The file's ids (1, 2, ...) are those of another workshop in this library: the
    imported settings must not point there."""
    wid = mid_session.demo_id
    out = transfer.export_workshop(mid_session, wid, tmp_path / f"mid{suffix}")
    new_id = transfer.import_workshop(mid_session, out)
    assert_points_at_own_rows(mid_session, wid, mid_session, new_id)


@pytest.mark.parametrize("suffix", [".tension", ".json"])
def test_an_import_into_another_library_points_at_its_own_rows(mid_session, tmp_path, suffix):
    wid = mid_session.demo_id
    out = transfer.export_workshop(mid_session, wid, tmp_path / f"mid{suffix}")
    other = open_library(tmp_path / "other" / "library.tension")
    try:
        workshops.create_workshop(other, "Someone else", "Unrelated")
        new_id = transfer.import_workshop(other, out)
        assert_points_at_own_rows(mid_session, wid, other, new_id)
    finally:
        other.close()


def test_the_tension_file_itself_holds_no_private_round_and_its_own_ids(mid_session, tmp_path):
    out = transfer.export_workshop(mid_session, mid_session.demo_id, tmp_path / "mid.tension")
    exported = open_library(out, lock=False)
    try:
        (wid,) = [r["id"] for r in exported.query("SELECT id FROM workshops")]
        assert_points_at_own_rows(mid_session, mid_session.demo_id, exported, wid)
    finally:
        exported.close()


def test_a_json_setting_naming_rows_not_in_the_file_is_not_kept_dangling(demo_lib, tmp_path):
    wid = demo_lib.demo_id
    iids = ids(demo_lib, "initiatives", wid)
    data = transfer.workshop_to_dict(demo_lib, wid)
    data["tables"]["workshop_settings"] = [
        {"key": "premortem:initiative", "value": "99999"},
        {"key": "premortem:revealed", "value": json.dumps([str(iids[0]), "99999", "None"])},
        {"key": "board:scope", "value": json.dumps({"initiative_id": 424242})},
        {"key": "turns:board", "value": json.dumps({"exercise": "board", "order": [1, 2], "index": 0,
                                                   "phase": "turn"})},
        {"key": "tension_map:governance", "value": json.dumps({"routine": "Sandbox"})},
    ]
    path = tmp_path / "hand-made.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    new_id = transfer.import_workshop(demo_lib, path)
    first = by_title(demo_lib, new_id)[titles(demo_lib, wid)[iids[0]]]
    assert settings(demo_lib, new_id) == {"premortem:revealed": [str(first), "None"],
                                          "tension_map:governance": {"routine": "Sandbox"}}


@pytest.mark.parametrize(("key", "value"), [
    ("premortem:revealed", ["x"]),                      # not an id
    ("someday:unknown", {"participant": 1}),            # not a setting of this version
    ("tension_map:governance", {"q1": "Sandbox"}),      # not a quadrant
    ("premortem:lanes", {"technical": "Tech"}),         # not a list of lanes
])
def test_a_json_setting_the_app_would_not_write_is_refused(demo_lib, tmp_path, key, value):
    data = transfer.workshop_to_dict(demo_lib, demo_lib.demo_id)
    data["tables"]["workshop_settings"] = [{"key": key, "value": json.dumps(value)}]
    path = tmp_path / "hand-made.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = demo_lib.query("SELECT count(*) AS n FROM workshops")[0]["n"]
    with pytest.raises(ImportRefused) as info:
        transfer.import_workshop(demo_lib, path)
    assert (info.value.record, info.value.field) == ("workshop_settings[0]", "key" if "unknown" in key else "value")
    assert demo_lib.query("SELECT count(*) AS n FROM workshops")[0]["n"] == before


def test_a_setting_naming_a_deleted_row_is_dropped_in_the_duplicate(demo_lib):
    """A row deleted after it was chosen (undo could bring it back in the original)."""
    wid = demo_lib.demo_id
    gone = ids(demo_lib, "initiatives", wid)[-1]
    premortem.set_current_initiative(demo_lib, wid, gone)
    workshops.set_setting(demo_lib, wid, "board:scope", {"initiative_id": gone})
    snap = people.remove_initiative(demo_lib, gone)
    copy = workshops.duplicate_workshop(demo_lib, wid).id
    assert "premortem:initiative" not in settings(demo_lib, copy)
    assert "board:scope" not in settings(demo_lib, copy)
    assert premortem.current_initiative(demo_lib, wid) == gone  # the original keeps it for undo
    people.undo_remove(demo_lib, snap)
    assert premortem.current_initiative(demo_lib, wid) in ids(demo_lib, "initiatives", wid)


def test_continue_starts_the_session_state_fresh_and_carries_the_teams_labels(mid_session):
    wid = mid_session.demo_id
    new = session.continue_workshop(mid_session, wid, "Follow-up", "2027-01-15").id
    after = settings(mid_session, new)
    assert after == {"tension_map:axis_labels": {"x": "Novelty", "y": "Blast radius"}, "premortem:dots": 5,
                     "polarity:poles": {"a": "Innovation", "b": "Execution"}}
    assert premortem.current_initiative(mid_session, new) is None
    assert not premortem.revealed(mid_session, new, None)


def test_continue_maps_a_carried_setting_to_the_follow_ups_own_rows(mid_session, monkeypatch):
    rules = (*settings_ids.SETTING_RULES,
             SettingRule("test:focus", ids=(("initiative", "initiatives"), ("people.[]", "participants")),
                         carry_forward=True))
    monkeypatch.setattr(settings_ids, "SETTING_RULES", rules)
    monkeypatch.setitem(model_rules.SETTING_SHAPES, "test:focus", lambda _field, value: value)  # its shape
    wid = mid_session.demo_id
    pids, iids = ids(mid_session, "participants", wid), ids(mid_session, "initiatives", wid)
    workshops.set_setting(mid_session, wid, "test:focus", {"initiative": iids[4], "people": [pids[1], pids[3]]})
    new = session.continue_workshop(mid_session, wid, "Follow-up", "2027-01-15").id
    new_pids, new_iids = ids(mid_session, "participants", new), ids(mid_session, "initiatives", new)
    assert workshops.get_setting(mid_session, new, "test:focus") == {
        "initiative": new_iids[4], "people": [new_pids[1], new_pids[3]]}
    assert not set(new_pids) & set(pids)


@pytest.mark.parametrize(("key", "value", "expected"), [
    ("premortem:initiative", 7, 70),
    ("premortem:initiative", None, None),      # nothing chosen: nothing to copy
    ("premortem:initiative", True, None),      # a boolean is not an id
    ("premortem:initiative", "7", "70"),       # an id kept as text stays text
    ("premortem:revealed", ["7", "8", "None"], ["70", "None"]),
    ("premortem:revealed", "7", None),         # wrong shape: dropped
    ("board:scope", {"initiative_id": None}, {"initiative_id": None}),
    ("board:scope", {"initiative_id": 8}, None),
    ("board:scope", [7], None),
    ("turns:tension_map", {"exercise": "tension_map", "order": [7], "index": 0, "phase": "turn"}, None),
    ("no such key", 1, None),
    ("premortem:lanes", [["technical", "Tech"]], [["technical", "Tech"]]),
])
def test_remapping_one_value(key, value, expected):
    assert remap_setting(key, value, {"initiatives": {7: 70}}) == expected


def test_every_setting_key_the_app_writes_has_a_rule():
    keys: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r'^[A-Z_]*_KEY\s*=\s*"([^"]+)"', text, flags=re.M))
        keys |= set(re.findall(r'[gs]et_setting\([^()]*?,\s*"([^"]+)"', text))
        keys |= {f"{m}x" for m in re.findall(r'f"([a-z_]+:)\{', text)}
    assert {"board:scope", "premortem:revealed", "turns:x", "close_done"} <= keys, keys
    assert not [k for k in keys if rule_for(k) is None]
