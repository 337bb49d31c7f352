"""The 90-day readiness plan: can the structure absorb the new behaviour?

At the close: three behaviour targets (behaviours, not outcomes), three leading
indicators tracked weekly (name, owner, baseline, target), one reinforcement mechanism,
and the operating cadence with an owner each. Four phases: weeks 1-2 targets, 3-4
indicators, 5-8 mechanism, 9-12 check that the team's behaviour changed too. At each
follow-up the weekly values since the last session are entered, each target is marked
held or slipping, and the coach records whether the team moved or only the leader. At
week 12 the closing question: is coaching the lever, or is structure missing?
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .rules import LENGTHS
from .validation import ValidationError, optional_date, optional_text, require_choice, require_int

ITEM_KINDS = ("target", "indicator", "mechanism", "cadence")
ITEM_TITLES = {"target": "Behaviour target", "indicator": "Leading indicator",
               "mechanism": "Reinforcement mechanism", "cadence": "Operating cadence"}
#: how many of each the plan holds
PLAN_SHAPE = {"target": 3, "indicator": 3, "mechanism": 1, "cadence": 3}
TARGET_STATUSES = ("", "held", "slipping")
MOVED = ("", "team", "leader_only")
MOVED_TITLES = {"": "Not recorded", "team": "The team's behaviour moved",
                "leader_only": "Only the leader's behaviour moved"}
ANSWERS = ("", "coaching", "structure")
ANSWER_TITLES = {"": "Not answered", "coaching": "Coaching is the lever", "structure": "Structure is missing"}
CLOSING_QUESTION = "Is coaching the lever, or is structure missing?"

WEEKS = 12
PHASES = (
    (1, 2, "Weeks 1-2", "Three behaviour targets: behaviours, not outcomes"),
    (3, 4, "Weeks 3-4", "Three leading indicators, tracked weekly"),
    (5, 8, "Weeks 5-8", "One reinforcement mechanism"),
    (9, 12, "Weeks 9-12", "Check that the team's behaviour changed, not only the leader's"),
)
TARGET_EXAMPLES = ("Close decisions in writing", "Stop rescuing delegated work", "Surface dissent explicitly")
MECHANISM_EXAMPLES = ("Decision memos", "Owner-by-default rules", "Escalation thresholds", "Meeting templates")
CADENCE = ("Weekly execution review", "Monthly operating review", "Quarterly reset")


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One line of the plan: a target, an indicator (with baseline and target), the
    mechanism or a cadence meeting; each with an owner."""

    kind: str
    text: str = ""
    owner_id: int | None = None
    baseline: float | None = None
    goal: float | None = None
    position: int = 0
    status: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        require_choice("plan item kind", self.kind, ITEM_KINDS)
        object.__setattr__(self, "text", optional_text(ITEM_TITLES[self.kind].lower(), self.text,
                                                       max_length=LENGTHS["readiness_items.text"]))
        require_choice("target status", self.status, TARGET_STATUSES)
        for name in ("baseline", "goal"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)
                                      or value != value or abs(value) > 1e9):
                raise ValidationError(name, "must be a number")


@dataclass(frozen=True, slots=True)
class WeekValue:
    """An indicator's value in one week of the plan (1..12, 13 for a late reading)."""

    item_id: int
    week: int
    value: float
    id: int | None = None

    def __post_init__(self) -> None:
        require_int("week", self.week, minimum=1, maximum=WEEKS + 1)
        if isinstance(self.value, bool) or not isinstance(self.value, int | float) or self.value != self.value \
                or abs(self.value) > 1e9:
            raise ValidationError("value", "must be a number")


@dataclass(frozen=True, slots=True)
class Check:
    """A follow-up's check of the plan: when the plan started, whether the team moved, and
    (from week 12) the answer to the closing question with its evidence."""

    start_date: str = ""
    moved: str = ""
    answer: str = ""
    evidence: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "start_date", optional_date("plan start", self.start_date))
        require_choice("who moved", self.moved, MOVED)
        require_choice("closing answer", self.answer, ANSWERS)
        object.__setattr__(self, "evidence", optional_text("evidence", self.evidence,
                                                           max_length=LENGTHS["readiness_checks.evidence"]))


def week_of(start: str, on: str) -> int:
    """The plan week a date falls in (week 1 starts on the start date); 0 before the start
    or without dates."""
    try:
        a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(on)
    except (TypeError, ValueError):
        return 0
    days = (b - a).days
    return 0 if days < 0 else days // 7 + 1


def phase_of(week: int) -> tuple[int, int, str, str] | None:
    """The phase a plan week belongs to (None before week 1 or after week 12)."""
    return next((p for p in PHASES if p[0] <= week <= p[1]), None)


def closing_due(week: int) -> bool:
    """From week 12 on the app asks the closing question."""
    return week >= WEEKS


def gaps(items: Iterable[PlanItem]) -> list[str]:
    """What the plan still lacks, in words ("2 behaviour targets", "an owner for ...")."""
    items = list(items)
    out = []
    for kind, wanted in PLAN_SHAPE.items():
        have = [i for i in items if i.kind == kind and i.text]
        if len(have) < wanted:
            left = wanted - len(have)
            name = ITEM_TITLES[kind].lower()
            out.append(f"{left} {name}{'s' * (left != 1)}" if wanted > 1 else f"the {name}")
    for i in items:
        if i.text and i.kind in ("indicator", "mechanism", "cadence") and i.owner_id is None:
            out.append(f"an owner for {i.text!r}")
        if i.text and i.kind == "indicator" and (i.baseline is None or i.goal is None):
            out.append(f"a baseline and target for {i.text!r}")
    return out


def series(values: Iterable[WeekValue], item_id: int) -> list[tuple[int, float]]:
    """An indicator's readings as (week, value), by week (the last reading of a week wins)."""
    by_week = {v.week: v.value for v in values if v.item_id == item_id}
    return sorted(by_week.items())


def progress(item: PlanItem, values: Iterable[WeekValue]) -> float | None:
    """How far the latest reading has moved from baseline toward target (0 = baseline,
    1 = target reached; may go below 0 or above 1); None without a reading or a range."""
    readings = series(values, item.id) if item.id is not None else []
    if not readings or item.baseline is None or item.goal is None or item.goal == item.baseline:
        return None
    return (readings[-1][1] - item.baseline) / (item.goal - item.baseline)


def indicator_line(item: PlanItem, values: Iterable[WeekValue]) -> str:
    """'Decisions closed in writing: baseline 2, target 8, week 6: 5 (50 % of the way)'."""
    values = list(values)
    readings = series(values, item.id) if item.id is not None else []
    base = "-" if item.baseline is None else f"{item.baseline:g}"
    goal = "-" if item.goal is None else f"{item.goal:g}"
    text = f"{item.text}: baseline {base}, target {goal}"
    if readings:
        week, value = readings[-1]
        share = progress(item, values)
        text += f", week {week}: {value:g}" + (f" ({share * 100:.0f} % of the way)" if share is not None else "")
    else:
        text += ", no readings yet"
    return text


def evidence(items: Iterable[PlanItem], values: Iterable[WeekValue], check: Check | None) -> str:
    """The evidence for the closing question, in words: targets held/slipping, indicators
    reaching their targets, who moved."""
    items, values = list(items), list(values)
    targets = [i for i in items if i.kind == "target" and i.text]
    held = sum(1 for t in targets if t.status == "held")
    slipping = sum(1 for t in targets if t.status == "slipping")
    indicators = [i for i in items if i.kind == "indicator" and i.text]
    reached = [i for i in indicators if (progress(i, values) or 0) >= 1]
    parts = [f"{held} of {len(targets)} targets held, {slipping} slipping",
             f"{len(reached)} of {len(indicators)} indicators at target"]
    if check is not None and check.moved:
        parts.append(MOVED_TITLES[check.moved].lower())
    return "; ".join(parts) + "."


def suggested_answer(check: Check | None) -> str:
    """The rule of the test: if only the leader moved, the constraint is structural."""
    if check is None or not check.moved:
        return ""
    return "structure" if check.moved == "leader_only" else "coaching"
