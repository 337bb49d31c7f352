"""Structure before behaviour as CSV, through :mod:`.csv_safe` (the one CSV writer).

* the constraint diagnosis: one row per sorting (and per blocker nobody sorted yet),
  disagreements first, with the split, the dispute score and the agreed kind; then the
  scorecard as the room sees it (per condition: average, lowest, highest, never who gave what);
* the readiness plan: one row per plan item, and one row per weekly indicator value.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tension_desktop.model import readiness as plan_model
from tension_desktop.model import structure as model
from tension_desktop.store import Library, people
from tension_desktop.store import readiness as plan_store
from tension_desktop.store import structure as store
from tension_desktop.store.safe_files import write_atomically

from .csv_safe import Cell, csv_bytes

DIAGNOSIS_HEADER = ["section", "blocker", "named_by", "participant", "role", "kind", "why", "split", "dispute",
                    "behavioural_vs_structural", "agreed_kind"]
PLAN_HEADER = ["section", "kind", "text", "owner", "baseline", "target", "status", "week", "value"]


def _num(value: float | None) -> Cell:
    return "" if value is None else Decimal(f"{value:g}")


def diagnosis_rows(lib: Library, workshop_id: int) -> list[list[Cell]]:
    """The diagnosis' CSV rows (header first): sortings, disagreements first, then the scorecard."""
    persons = {p.id: p for p in people.list_participants(lib, workshop_id)}
    order = list(persons)
    rows: list[list[Cell]] = [DIAGNOSIS_HEADER]
    for split in model.alignment(store.list_blockers(lib, workshop_id), store.list_sorts(lib, workshop_id)):
        b = split.element
        author = persons.get(b.participant_id)
        common = [model.split_label(split.counts), Decimal(f"{split.dispute:.2f}"),
                  "yes" if split.hidden_conflict else "no", model.KIND_TITLES.get(b.agreed_kind, "")]
        if not split.cards:
            rows.append(["blocker", b.text, author.name if author else "", "", "", "", "", *common])
        for card in sorted(split.cards, key=lambda c: order.index(c.participant_id) if c.participant_id in persons
                           else 999):
            p = persons.get(card.participant_id)
            rows.append(["blocker", b.text, author.name if author else "", p.name if p else "", p.role if p else "",
                         model.KIND_TITLES[card.kind], card.rationale, *common])
    for spread in model.scorecard_spread(store.list_scores(lib, workshop_id)):
        rows.append(["scorecard", spread.title, "", "", "", "", "", f"{spread.low}-{spread.high}",
                     Decimal(f"{spread.average:.2f}"), "", ""])
    return rows


def plan_rows(lib: Library, workshop_id: int) -> list[list[Cell]]:
    """The plan's CSV rows (header first): its items, then every weekly value, then the check."""
    names = {p.id: p.name for p in people.list_participants(lib, workshop_id)}
    items = plan_store.list_items(lib, workshop_id)
    rows: list[list[Cell]] = [PLAN_HEADER]
    for i in items:
        rows.append(["plan", plan_model.ITEM_TITLES[i.kind], i.text, names.get(i.owner_id, ""), _num(i.baseline),
                     _num(i.goal), i.status, "", ""])
    values = plan_store.list_values(lib, workshop_id)
    for i in (i for i in items if i.kind == "indicator"):
        for week, value in plan_model.series(values, i.id):
            rows.append(["weekly value", plan_model.ITEM_TITLES[i.kind], i.text, names.get(i.owner_id, ""),
                         _num(i.baseline), _num(i.goal), "", week, _num(value)])
    check = plan_store.get_check(lib, workshop_id)
    if items:
        rows.append(["check", "who moved", plan_model.MOVED_TITLES[check.moved], "", "", "", "",
                     plan_store.current_week(lib, workshop_id), ""])
        if check.answer:
            rows.append(["check", plan_model.CLOSING_QUESTION, plan_model.ANSWER_TITLES[check.answer], "", "", "",
                         "", "", ""])
            rows.append(["check", "evidence", check.evidence, "", "", "", "", "", ""])
    return rows


def write_diagnosis_csv(lib: Library, workshop_id: int, out: Path) -> Path:
    out = Path(out)
    write_atomically(out, csv_bytes(diagnosis_rows(lib, workshop_id)))
    return out


def write_plan_csv(lib: Library, workshop_id: int, out: Path) -> Path:
    out = Path(out)
    write_atomically(out, csv_bytes(plan_rows(lib, workshop_id)))
    return out
