"""Pre-mortem in the library: merges that undo, lanes, dots per participant, owners."""

import pytest

from tension_desktop.model import Risk, ValidationError
from tension_desktop.model.premortem import Lane, top_three_status
from tension_desktop.store import library_path, people, premortem, workshops
from tension_desktop.store.library import open_library


@pytest.fixture
def ws(lib):
    w = workshops.create_workshop(lib, "Team", "Offsite")
    pids = [people.add_participant(lib, w.id, f"P{i}").id for i in range(3)]
    ini = people.add_initiative(lib, w.id, "Pilot").id
    return lib, w.id, pids, ini


def add(lib, wid, ini, text, category="technical", author=None):
    return premortem.add_risk(lib, wid, Risk(text=text, category=category, initiative_id=ini, author_id=author)).id


def test_merging_keeps_both_texts_and_undo_splits_them_again(ws):
    lib, wid, pids, ini = ws
    a, b = add(lib, wid, ini, "Drivers override routes"), add(lib, wid, ini, "Depot staff distrust AI")
    premortem.merge_risks(lib, a, b)
    cards = premortem.list_cards(lib, wid, ini)
    assert [(c.id, c.text, c.merged) for c in cards] == [(a, "Drivers override routes",
                                                         ("Depot staff distrust AI",))]
    assert lib.query("SELECT merged_into FROM risks WHERE id = ?", (b,))[0]["merged_into"] == a
    premortem.unmerge_risk(lib, b)
    assert [c.id for c in premortem.list_cards(lib, wid, ini)] == [a, b]


def test_a_merged_cards_dots_count_for_the_survivor(ws):
    lib, wid, pids, ini = ws
    a, b = add(lib, wid, ini, "A"), add(lib, wid, ini, "B")
    premortem.add_dot(lib, wid, b, pids[0])
    premortem.add_dot(lib, wid, a, pids[1])
    premortem.merge_risks(lib, a, b)
    top = premortem.ranked(lib, wid, ini)[0]
    assert (top.risk.id, top.dots, top.voters) == (a, 2, 2)


def test_a_card_cannot_be_merged_into_itself_or_twice(ws):
    lib, wid, pids, ini = ws
    a, b, c = add(lib, wid, ini, "A"), add(lib, wid, ini, "B"), add(lib, wid, ini, "C")
    with pytest.raises(ValidationError):
        premortem.merge_risks(lib, a, a)
    premortem.merge_risks(lib, a, b)
    with pytest.raises(ValidationError):
        premortem.merge_risks(lib, c, b)


def test_dots_stay_within_each_participants_allowance(ws):
    lib, wid, pids, ini = ws
    a, b = add(lib, wid, ini, "A"), add(lib, wid, ini, "B")
    assert premortem.add_dot(lib, wid, a, pids[0]) == 1
    assert premortem.add_dot(lib, wid, a, pids[0]) == 2
    assert premortem.add_dot(lib, wid, b, pids[0]) == 1
    with pytest.raises(ValidationError):
        premortem.add_dot(lib, wid, b, pids[0])
    assert premortem.add_dot(lib, wid, a, pids[0], -1) == 1
    assert premortem.participant_votes(lib, wid, ini, pids[0]) == {a: 1, b: 1}
    premortem.set_dots_allowance(lib, wid, 5)
    premortem.add_dot(lib, wid, b, pids[0], 3)
    assert premortem.participant_votes(lib, wid, ini, pids[0]) == {a: 1, b: 4}


def test_a_whole_vote_can_be_reset_and_put_back(ws):
    lib, wid, pids, ini = ws
    a = add(lib, wid, ini, "A")
    premortem.add_dot(lib, wid, a, pids[0])
    premortem.add_dot(lib, wid, a, pids[1], 2)
    before = premortem.all_votes(lib, wid, ini)
    premortem.replace_all_votes(lib, wid, ini, {})
    assert premortem.list_votes(lib, wid, ini) == []
    premortem.replace_all_votes(lib, wid, ini, before)
    assert premortem.all_votes(lib, wid, ini) == before


def test_cards_move_between_lanes_and_within_a_lane(ws):
    lib, wid, pids, ini = ws
    a, b, c = add(lib, wid, ini, "A"), add(lib, wid, ini, "B"), add(lib, wid, ini, "C", "financial")
    premortem.move_risk(lib, c, "technical", 0)
    lane = [r.id for r in premortem.list_cards(lib, wid, ini) if r.category == "technical"]
    assert lane == [c, a, b]
    assert premortem.lane_position(lib, a) == ("technical", 1)


def test_owner_and_mitigation_complete_the_top_three(ws):
    lib, wid, pids, ini = ws
    ids = [add(lib, wid, ini, f"R{i}") for i in range(4)]
    for n, rid in enumerate(ids[:3]):
        premortem.add_dot(lib, wid, rid, pids[n])
    status = top_three_status(premortem.ranked(lib, wid, ini))
    assert set(status.missing) == set(ids[:3])
    for rid in ids[:3]:
        premortem.update_risk(lib, rid, owner_id=pids[0], mitigation="Shadow-run for 4 weeks")
    assert top_three_status(premortem.ranked(lib, wid, ini)).complete
    premortem.update_risk(lib, ids[0], owner_id=None)
    assert top_three_status(premortem.ranked(lib, wid, ini)).missing == {ids[0]: ["owner"]}


def test_lanes_are_editable_and_stored_with_the_workshop(ws, data_dir):
    lib, wid, _pids, _ini = ws
    assert [lane.title for lane in premortem.lanes(lib, wid)] == ["Technical", "Organizational", "Financial",
                                                                   "Customer-facing"]
    premortem.set_lanes(lib, wid, [Lane("technical", "Tech & data"), Lane("legal", "Regulatory")])
    lib.close()
    with open_library(library_path(data_dir)) as again:
        assert [(x.key, x.title) for x in premortem.lanes(again, wid)] == [("technical", "Tech & data"),
                                                                           ("legal", "Regulatory")]
        with pytest.raises(ValidationError):
            premortem.set_lanes(again, wid, [Lane("a", "A"), Lane("a", "B")])


def test_deleting_a_card_takes_its_votes_and_undo_puts_them_back(ws):
    lib, wid, pids, ini = ws
    a = add(lib, wid, ini, "A")
    premortem.add_dot(lib, wid, a, pids[0])
    snap = premortem.remove_risk(lib, a)
    assert premortem.list_cards(lib, wid, ini) == [] and premortem.list_votes(lib, wid, ini) == []
    premortem.restore_risk(lib, snap)
    assert premortem.participant_votes(lib, wid, ini, pids[0]) == {a: 1}


def test_reveal_is_remembered_per_initiative(ws):
    lib, wid, _pids, ini = ws
    assert not premortem.revealed(lib, wid, ini)
    premortem.set_revealed(lib, wid, ini, True)
    assert premortem.revealed(lib, wid, ini) and not premortem.revealed(lib, wid, ini + 1)
    premortem.set_revealed(lib, wid, ini, False)
    assert not premortem.revealed(lib, wid, ini)


def test_text_of_200_characters_in_any_script_is_stored_as_typed(ws):
    lib, wid, _pids, ini = ws
    text = ("供应链中断导致试点失败。" * 10 + "Сбой маршрутизации зимой " * 4 + "فشل التوجيه")[:200]
    rid = add(lib, wid, ini, text)
    assert premortem.get_risk(lib, rid).text == text.strip()


def test_a_grouped_card_can_be_split_later_and_the_split_undone(ws):
    lib, wid, pids, ini = ws
    a, b, c = add(lib, wid, ini, "A"), add(lib, wid, ini, "B"), add(lib, wid, ini, "C")
    premortem.merge_risks(lib, a, b)
    premortem.merge_risks(lib, a, c)
    assert premortem.split_risk(lib, a) == [b, c]
    assert [r.id for r in premortem.list_cards(lib, wid, ini)] == [a, b, c]
    premortem.remerge(lib, a, [b, c])
    assert premortem.list_cards(lib, wid, ini)[0].merged == ("B", "C")
