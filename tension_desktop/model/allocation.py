"""The allocation round: the portfolio's split across categories, and a leader's time.

* **Portfolio.** Each initiative gets a category (operational excellence, continuous
  improvement, strategic innovation; the names are the team's) and an effort (people or
  budget units). Each executive privately splits 100 % across the categories as they think
  the company *should*; the reveal sets each split beside the agreed target (40/40/20 by
  default) and what the initiatives actually add up to, ranks the categories by
  disagreement, and shows what a new request displaces.
* **Leadership time.** Each executive splits their own time now and as it should be:
  execution vs innovation with a reference by scope (90/10 ... 60/40), or for a CTO the
  four-way reference 30/30/20/20. A gap between now and should that persists from one
  session to the next is a temporary disruption that has become permanent.

Plain Python: no Qt, no SQL.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .validation import ValidationError, require_choice

CATEGORIES = ("operate", "improve", "innovate")
DEFAULT_CATEGORY_NAMES = {"operate": "Operational excellence", "improve": "Continuous improvement",
                          "innovate": "Strategic innovation"}
DEFAULT_TARGET = {"operate": 40, "improve": 40, "innovate": 20}

KINDS = ("portfolio", "time_now", "time_should")
SCHEMES = ("portfolio", "exec", "cto")
SCHEME_KEYS: dict[str, tuple[str, ...]] = {
    "portfolio": CATEGORIES,
    "exec": ("execution", "innovation"),
    "cto": ("strategy", "people", "operations", "collaboration"),
}
PART_TITLES = {"execution": "Execution", "innovation": "Innovation", "strategy": "Strategy",
               "people": "People and organisation", "operations": "Operational oversight",
               "collaboration": "Cross-functional collaboration"}
#: Execution vs innovation by scope: the smaller the scope, the less innovation the
#: business values from that role.
SCOPES: dict[str, tuple[int, int]] = {"team": (90, 10), "function": (80, 20), "business unit": (75, 25),
                                      "enterprise": (60, 40)}
CTO_REFERENCE = {"strategy": 30, "people": 30, "operations": 20, "collaboration": 20}
#: A gap (points moved between now and should) worth talking about.
GAP_POINTS = 10
STEP = 5


def check_shares(field_name: str, scheme: str, shares: Mapping[str, int]) -> dict[str, int]:
    """Shares of ``scheme``'s parts: whole numbers 0..100 adding up to 100."""
    require_choice("split scheme", scheme, SCHEMES)
    keys = SCHEME_KEYS[scheme]
    if not isinstance(shares, Mapping) or set(shares) != set(keys):
        raise ValidationError(field_name, f"must give a share to each of {', '.join(keys)}")
    for k, v in shares.items():
        if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 100:
            raise ValidationError(f"{field_name}.{k}", "must be a whole number from 0 to 100")
    if sum(shares.values()) != 100:
        raise ValidationError(field_name, f"must add up to 100 (they add up to {sum(shares.values())})")
    return {k: int(shares[k]) for k in keys}


@dataclass(frozen=True, slots=True)
class Split:
    """One person's split: the portfolio as it should be, or their time now / as it should be."""

    participant_id: int
    kind: str
    scheme: str
    shares: dict[str, int]
    scope: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        require_choice("split kind", self.kind, KINDS)
        if (self.kind == "portfolio") != (self.scheme == "portfolio"):
            raise ValidationError("split scheme", "the portfolio split uses the categories; a time split exec or cto")
        object.__setattr__(self, "shares", check_shares("shares", self.scheme, self.shares))
        require_choice("scope", self.scope, ("", *SCOPES))


@dataclass(frozen=True, slots=True)
class PortfolioItem:
    """An initiative (or a new request, ``initiative_id`` None) in a category with an effort."""

    category: str
    effort: int
    initiative_id: int | None = None
    title: str = ""
    request: bool = False
    position: int = 0
    id: int | None = None

    def __post_init__(self) -> None:
        require_choice("category", self.category, CATEGORIES)
        if isinstance(self.effort, bool) or not isinstance(self.effort, int) or not 0 <= self.effort <= 100000:
            raise ValidationError("effort", "must be a whole number from 0 to 100000")
        if self.request and not self.title.strip():
            raise ValidationError("request", "a new request needs a title")


def shares_of(efforts: Mapping[str, int | float]) -> dict[str, float]:
    """Efforts per category as percentages (all 0 when there is no effort)."""
    total = sum(efforts.values())
    return {k: (100.0 * efforts.get(k, 0) / total if total else 0.0) for k in CATEGORIES}


def actual_shares(items: Iterable[PortfolioItem], *, with_requests: bool = False) -> dict[str, float]:
    """What the initiatives on the table add up to, per category (percent of the effort)."""
    efforts = {k: 0 for k in CATEGORIES}
    for i in items:
        if with_requests or not i.request:
            efforts[i.category] += i.effort
    return shares_of(efforts)


@dataclass(frozen=True, slots=True)
class CategorySpread:
    """How the room split one category: each person's share, the spread, the target, the actual."""

    category: str
    shares: dict[int, int]
    target: int
    actual: float

    @property
    def spread(self) -> int:
        return max(self.shares.values()) - min(self.shares.values()) if self.shares else 0

    @property
    def average(self) -> float:
        return statistics.fmean(self.shares.values()) if self.shares else 0.0

    @property
    def highest(self) -> int | None:
        return max(self.shares, key=lambda p: self.shares[p]) if self.shares else None

    @property
    def lowest(self) -> int | None:
        return min(self.shares, key=lambda p: self.shares[p]) if self.shares else None


def portfolio_reveal(splits: Iterable[Split], items: Iterable[PortfolioItem],
                     target: Mapping[str, int]) -> list[CategorySpread]:
    """Per category, the room's splits beside the target and the actual: most disputed first."""
    portfolio = [s for s in splits if s.kind == "portfolio"]
    actual = actual_shares(items)
    out = [CategorySpread(c, {s.participant_id: s.shares[c] for s in portfolio}, int(target.get(c, 0)), actual[c])
           for c in CATEGORIES]
    return sorted(out, key=lambda c: (-c.spread, CATEGORIES.index(c.category)))


@dataclass(frozen=True, slots=True)
class TradeOff:
    """What placing a new request into the portfolio forces."""

    request: PortfolioItem
    before: dict[str, float]
    after: dict[str, float]
    #: the category that has to give, and how much effort leaves it to stay on target
    gives: str
    effort_to_free: int
    #: initiatives of that category that would free it (smallest first)
    candidates: tuple[int, ...] = field(default=())


def trade_off(request: PortfolioItem, items: Iterable[PortfolioItem], target: Mapping[str, int]) -> TradeOff:
    """The trade-off a new request forces: the shares before and after it lands, and the
    effort that has to leave the category furthest over its target for the request's own
    category to stay within it (the total stays the same: something is displaced)."""
    items = [i for i in items if not i.request]
    before_eff = {k: 0 for k in CATEGORIES}
    for i in items:
        before_eff[i.category] += i.effort
    after_eff = dict(before_eff)
    after_eff[request.category] += request.effort
    after = shares_of(after_eff)
    others = [c for c in CATEGORIES if c != request.category]
    gives = max(others, key=lambda c: (after[c] - target.get(c, 0), -CATEGORIES.index(c)))
    pool = sorted((i for i in items if i.category == gives), key=lambda i: (i.effort, i.position))
    chosen, freed = [], 0
    for i in pool:
        if freed >= request.effort:
            break
        chosen.append(i.initiative_id)
        freed += i.effort
    return TradeOff(request, shares_of(before_eff), after, gives, request.effort,
                    tuple(c for c in chosen if c is not None))


# -- leadership time --------------------------------------------------------------------------
def reference(scheme: str, scope: str = "") -> dict[str, int] | None:
    """The reference split of a time scheme (execution/innovation by scope, or the CTO's)."""
    if scheme == "cto":
        return dict(CTO_REFERENCE)
    if scheme == "exec" and scope in SCOPES:
        return dict(zip(SCHEME_KEYS["exec"], SCOPES[scope], strict=True))
    return None


def gap(now: Mapping[str, int], should: Mapping[str, int]) -> int:
    """Points that would have to move for 'now' to become 'should'."""
    return sum(abs(now.get(k, 0) - should.get(k, 0)) for k in set(now) | set(should)) // 2


def short_part(now: Mapping[str, int], should: Mapping[str, int]) -> str:
    """The part that gets the least time compared with what it should get ('' when none)."""
    diffs = {k: should.get(k, 0) - now.get(k, 0) for k in should}
    key = max(diffs, key=lambda k: diffs[k]) if diffs else ""
    return key if key and diffs[key] > 0 else ""


@dataclass(frozen=True, slots=True)
class TimeReading:
    """One person's time, as the reveal shows it."""

    participant_id: int
    scheme: str
    now: dict[str, int] | None
    should: dict[str, int] | None
    reference: dict[str, int] | None
    warnings: tuple[str, ...] = ()

    @property
    def gap(self) -> int:
        return gap(self.now, self.should) if self.now and self.should else 0

    @property
    def short(self) -> str:
        return short_part(self.now, self.should) if self.now and self.should else ""


def time_readings(splits: Iterable[Split]) -> list[TimeReading]:
    """Actual vs intended per person, with the reference of their scope and the warnings:
    an even split between execution and innovation (execution keeps overrunning it) and a
    gap of :data:`GAP_POINTS` or more. Widest gap first."""
    by_person: dict[int, dict[str, Split]] = {}
    for s in splits:
        if s.kind != "portfolio":
            by_person.setdefault(s.participant_id, {})[s.kind] = s
    out = []
    for pid, got in by_person.items():
        now, should = got.get("time_now"), got.get("time_should")
        first = should or now
        scheme = first.scheme
        scope = first.scope or (now.scope if now else "")
        warnings = []
        for label, s in (("now", now), ("should", should)):
            if s is not None and s.scheme == "exec" and s.shares["execution"] == s.shares["innovation"]:
                warnings.append(f"50/50 {label}: rarely right; execution keeps overrunning an even split")
        reading = TimeReading(pid, scheme, now.shares if now else None, should.shares if should else None,
                              reference(scheme, scope), tuple(warnings))
        if reading.gap >= GAP_POINTS:
            part = PART_TITLES.get(reading.short, reading.short).lower()
            reading = TimeReading(pid, scheme, reading.now, reading.should, reading.reference,
                                  (*warnings, f"{reading.gap} points from how it should be" +
                                   (f": too little {part}" if part else "")))
        out.append(reading)
    return sorted(out, key=lambda r: (-r.gap, r.participant_id))


def persistent_imbalances(earlier: Mapping[str, TimeReading], now: Mapping[str, TimeReading]) -> dict[str, str]:
    """By person (matched by name across sessions): a gap of :data:`GAP_POINTS` or more, short
    of the same part, in both sessions: a temporary disruption that has become permanent."""
    out = {}
    for name, r in now.items():
        before = earlier.get(name)
        if before is None or r.gap < GAP_POINTS or before.gap < GAP_POINTS or not r.short or r.short != before.short:
            continue
        part = PART_TITLES.get(r.short, r.short).lower()
        out[name] = (f"Permanent imbalance: too little {part} in both sessions ({before.gap} then {r.gap} points "
                     "from how it should be). Which operational decisions can be delegated?")
    return out
