"""Phones write opening-round answers and pre-mortem cards (on 127.0.0.1, the store backend):
the desktop form's rules, acknowledged after the commit, one undo step each, never another
person's, hidden until the reveal, refused writes store nothing."""

from __future__ import annotations

import pytest

from tension_desktop.model.rules import LENGTHS
from tension_desktop.room.protocol import MAX_BODY
from tension_desktop.room.tasks import Task
from tension_desktop.store import library_path, people, premortem, rounds, session

from .helpers import Client, open_room, start_private_round


def written(lib, wid, scope=None) -> tuple:
    """Everything a phone could have written in these rounds."""
    drafts = tuple((d.author_id, d.category, d.text) for d in premortem.list_drafts(lib, wid, scope))
    cards = tuple((r.author_id, r.category, r.text) for r in premortem.list_risks(lib, wid))
    return tuple(sorted(session.list_opening(lib, wid).items())), drafts, cards


@pytest.fixture
def opening(demo_lib, data_dir):
    wid = demo_lib.demo_id
    ids = start_private_round(demo_lib, wid, "opening")
    server, backend = open_room(library_path(data_dir), wid, Task("opening"))
    yield demo_lib, wid, ids, server
    server.stop()
    backend.close()


@pytest.fixture
def cards(demo_lib, data_dir):
    wid = demo_lib.demo_id
    scope = people.list_initiatives(demo_lib, wid)[0].id
    ids = start_private_round(demo_lib, wid, "premortem_cards", scope)
    server, backend = open_room(library_path(data_dir), wid, Task("premortem_cards", scope))
    yield demo_lib, wid, ids, server, scope
    server.stop()
    backend.close()


def test_a_phone_writes_its_opening_answers_and_reads_only_its_own(opening):
    lib, wid, ids, server = opening
    a, b = Client(server), Client(server)
    assert a.join(ids[0]).status == 200 and b.join(ids[1]).status == 200
    assert a.edit(op="answer", field="risk", text="  We trust the plan too much  ").status == 200
    assert a.edit(op="answer", field="opportunity", text="<b>Partners</b> & 'quotes'").status == 200
    assert session.list_opening(lib, wid) == {ids[0]: ("We trust the plan too much", "<b>Partners</b> & 'quotes'")}
    assert a.request("GET", "api/state").json["mine"] == {"risk": "We trust the plan too much",
                                                          "opportunity": "<b>Partners</b> & 'quotes'"}
    assert b.request("GET", "api/state").json["mine"] == {"risk": "", "opportunity": ""}
    # each edit is one undo step of that phone
    assert a.edit(op="undo").json["changed"] is True
    assert session.list_opening(lib, wid) == {ids[0]: ("We trust the plan too much", "")}


def test_opening_answers_follow_the_forms_rules(opening):
    lib, wid, ids, server = opening
    a = Client(server)
    a.join(ids[0])
    limit = LENGTHS["opening_round.risk"]
    before = written(lib, wid)
    for bad in ({"field": "risk", "text": "x" * (limit + 1)}, {"field": "owner", "text": "x"},
                {"field": "risk", "text": 7}, {"field": "risk"}, {"field": "risk", "text": "a\x00b"},
                {"field": "risk", "text": "x", "participant": ids[1]}):
        assert a.edit(op="answer", **bad).status == 400, bad
    assert a.edit(op="card", category="technical", text="not this round").status == 400
    assert written(lib, wid) == before
    # at the limit, in characters that JSON escapes, still fits a message
    r = a.request("POST", "api/edit", {"seq": 99, "op": "answer", "field": "risk", "text": "é" * limit})
    assert r.status == 200 and len(("é" * limit).encode("unicode_escape")) < MAX_BODY
    assert session.list_opening(lib, wid)[ids[0]][0] == "é" * limit


def test_a_phone_writes_and_takes_back_its_own_cards_hidden_until_the_reveal(cards):
    lib, wid, ids, server, scope = cards
    a, b = Client(server), Client(server)
    a.join(ids[0])
    b.join(ids[1])
    lanes = [lane.key for lane in premortem.lanes(lib, wid)]
    risks_before = premortem.list_risks(lib, wid)
    assert a.edit(op="card", category=lanes[0], text="<script>alert(1)</script>").status == 200
    assert a.edit(op="card", category=lanes[1], text="Key people leave").status == 200
    assert b.edit(op="card", category=lanes[0], text="Budget cut").status == 200
    # hidden: no card of the room changed, the drafts hold them
    assert premortem.list_risks(lib, wid) == risks_before
    mine = a.request("GET", "api/state").json["mine"]
    assert [(c["category"], c["text"]) for c in mine] == [(lanes[0], "<script>alert(1)</script>"),
                                                         (lanes[1], "Key people leave")]
    assert [c["text"] for c in b.request("GET", "api/state").json["mine"]] == ["Budget cut"]
    # a phone can take back only its own card
    theirs = b.request("GET", "api/state").json["mine"][0]["id"]
    assert a.edit(op="uncard", card=theirs).status == 404
    assert a.edit(op="uncard", card=mine[1]["id"]).status == 200
    assert a.edit(op="undo").json["changed"] is True               # one step: the card is back
    assert a.edit(op="undo").json["changed"] is True               # and the card before it goes
    assert [d.text for d in premortem.list_drafts(lib, wid, scope, ids[0])] == ["<script>alert(1)</script>"]
    # the reveal makes the drafts the room's cards, written by their writers; undo puts them back
    record = rounds.reveal(lib, wid, "premortem_cards", scope, "turns:premortem_cards")
    new = [(r.author_id, r.text) for r in premortem.list_risks(lib, wid) if r not in risks_before]
    assert sorted(new) == sorted([(ids[0], "<script>alert(1)</script>"), (ids[1], "Budget cut")])
    assert premortem.list_drafts(lib, wid, scope) == []
    rounds.unreveal(lib, wid, record)
    assert premortem.list_risks(lib, wid) == risks_before
    assert len(premortem.list_drafts(lib, wid, scope)) == 2


@pytest.mark.parametrize("bad", [
    {"op": "card", "category": "technical", "text": ""},
    {"op": "card", "category": "technical", "text": "   "},
    {"op": "card", "category": "no-such-lane", "text": "x"},
    {"op": "card", "category": "technical", "text": "x" * (LENGTHS["risks.text"] + 1)},
    {"op": "card", "category": "technical", "text": ["x"]},
    {"op": "card", "category": "technical"},
    {"op": "card", "category": "technical", "text": "x", "author": 1},
    {"op": "uncard", "card": 0}, {"op": "uncard", "card": "1"}, {"op": "uncard", "card": 999999},
    {"op": "answer", "field": "risk", "text": "not this round"},
])
def test_malformed_or_foreign_card_writes_are_refused_and_store_nothing(cards, bad):
    lib, wid, ids, server, scope = cards
    a = Client(server)
    a.join(ids[0])
    before = written(lib, wid, scope)
    assert 400 <= a.edit(**bad).status < 500
    assert written(lib, wid, scope) == before


def test_card_writes_need_a_token_and_die_with_the_round(cards):
    lib, wid, ids, server, scope = cards
    before = written(lib, wid, scope)
    stranger = Client(server)
    assert stranger.edit(op="card", category="technical", text="sneaky").status == 401
    a = Client(server)
    a.join(ids[0])
    rounds.reveal(lib, wid, "premortem_cards", scope, "turns:premortem_cards")   # the round ends
    assert a.edit(op="card", category="technical", text="late").status == 409
    assert written(lib, wid, scope)[1] == before[1] == ()


def test_a_flood_of_card_writes_is_bounded_and_each_acknowledged_card_is_stored_once(demo_lib, data_dir):
    import time

    from tension_desktop.room.server import Limits

    wid = demo_lib.demo_id
    scope = people.list_initiatives(demo_lib, wid)[0].id
    ids = start_private_round(demo_lib, wid, "premortem_cards", scope)
    limits = Limits(device_rate=5, device_burst=10, address_rate=5, address_burst=10)
    server, backend = open_room(library_path(data_dir), wid, Task("premortem_cards", scope), limits)
    try:
        c = Client(server)
        assert c.join(ids[0]).status == 200
        lane = premortem.lanes(demo_lib, wid)[0].key
        start = time.monotonic()
        statuses = [c.edit(op="card", category=lane, text=f"Card {n}").status for n in range(100)]
        elapsed = time.monotonic() - start
        ok = [n for n, s in enumerate(statuses) if s == 200]
        assert set(statuses) <= {200, 429} and statuses.count(429) > 0
        assert len(ok) <= 10 + 5 * elapsed + 1
        stored = [d.text for d in premortem.list_drafts(demo_lib, wid, scope, ids[0])]
        assert stored == [f"Card {n}" for n in ok]          # none lost, none twice, nothing refused stored
    finally:
        server.stop()
        backend.close()
