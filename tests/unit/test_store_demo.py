"""The demo workshop: a believable team of six with eight initiatives and real disagreement."""

from __future__ import annotations

import math
from collections import defaultdict


def rows(lib, sql: str) -> list[dict]:
    return lib.query(sql, (lib.demo_id,))


def spread(points: list[tuple[float, float]]) -> float:
    """Mean distance of the participants' points from their centre."""
    cx = sum(x for x, _ in points) / len(points)
    cy = sum(y for _, y in points) / len(points)
    return sum(math.dist((x, y), (cx, cy)) for x, y in points) / len(points)


def test_the_demo_has_six_named_executives_with_distinct_colours_and_eight_initiatives(demo_lib):
    people = rows(demo_lib, "SELECT name, role, colour FROM participants WHERE workshop_id = ?")
    assert len(people) == 6
    assert all(p["name"].strip() and p["role"].strip() for p in people)
    assert len({p["colour"].lower() for p in people}) == 6
    initiatives = rows(demo_lib, "SELECT title, description FROM initiatives WHERE workshop_id = ?")
    assert len(initiatives) == 8
    assert all(len(i["description"]) > 20 for i in initiatives)


def test_every_executive_placed_every_initiative_and_some_are_clearly_disputed(demo_lib):
    placed = defaultdict(list)
    for r in rows(demo_lib, "SELECT initiative_id, x, y FROM placements WHERE workshop_id = ? AND round != 'agreed'"):
        placed[r["initiative_id"]].append((r["x"], r["y"]))
    assert len(placed) == 8 and all(len(points) == 6 for points in placed.values())
    spreads = sorted(spread(points) for points in placed.values())
    assert spreads[-1] > 2.5 * spreads[0], f"the most disputed initiative should stand out: {spreads}"
    assert spreads[-1] > 0.2
    quadrants_per_initiative = [
        len({(x >= 0.5, y >= 0.5) for x, y in points}) for points in placed.values()
    ]
    assert sum(q >= 2 for q in quadrants_per_initiative) >= 3, "executives put several initiatives in other quadrants"
    assert min(quadrants_per_initiative) == 1, "and on some initiatives the team agrees"


def test_the_board_has_cards_with_rationales_and_disagreement(demo_lib):
    cards = rows(demo_lib, "SELECT element_id, column_key, rationale FROM board_cards WHERE workshop_id = ?")
    assert len(cards) >= 20
    assert all(c["rationale"].strip() for c in cards)
    columns_per_element = defaultdict(list)
    for c in cards:
        columns_per_element[c["element_id"]].append(c["column_key"])
    assert any(len(set(cols)) == 3 for cols in columns_per_element.values()), "one element splits three ways"
    assert any(max(map(cols.count, cols)) >= 5 for cols in columns_per_element.values()), "one is near consensus"


def test_the_demo_has_a_draft_covenant_risks_and_commitments(demo_lib):
    kinds = {r["kind"] for r in rows(demo_lib, "SELECT kind FROM covenant_items WHERE workshop_id = ?")}
    assert kinds == {"protected", "degradable"}
    thresholds = rows(demo_lib, "SELECT metric, threshold, lever FROM thresholds WHERE workshop_id = ?")
    assert thresholds and all(t["metric"] and t["threshold"] and t["lever"] for t in thresholds)
    risks = rows(demo_lib, "SELECT category FROM risks WHERE workshop_id = ?")
    assert len(risks) >= 4 and len({r["category"] for r in risks}) >= 3
    assert rows(demo_lib, "SELECT 1 FROM risk_votes WHERE workshop_id = ?")
    commitments = {r["kind"] for r in rows(demo_lib, "SELECT kind FROM commitments WHERE workshop_id = ?")}
    assert commitments == {"experiment", "safeguard", "communication"}
    assert demo_lib.integrity_check() == ["ok"]
