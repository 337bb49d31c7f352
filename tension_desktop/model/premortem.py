"""Pre-mortem: failure modes in four lanes, dot votes, and owned mitigations for the top three."""

from __future__ import annotations

from dataclasses import dataclass

from .rules import LENGTHS, MAX_DOTS
from .validation import optional_text, require_int, require_text

CATEGORIES = ("technical", "organizational", "financial", "customer")
CATEGORY_TITLES = {
    "technical": "Technical",
    "organizational": "Organizational",
    "financial": "Financial",
    "customer": "Customer-facing",
}


@dataclass(frozen=True, slots=True)
class Risk:
    """A failure mode: "it is twelve months later and this failed because ..."."""

    text: str
    category: str = "technical"
    initiative_id: int | None = None
    author_id: int | None = None
    votes: int = 0
    owner_id: int | None = None
    mitigation: str = ""
    position: int = 0
    id: int | None = None
    #: texts of the cards merged into this one (grouping keeps every text)
    merged: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", require_text("risk text", self.text, max_length=LENGTHS["risks.text"]))
        object.__setattr__(self, "category", require_text("risk category", self.category, max_length=LENGTHS["risks.category"]))
        require_int("risk votes", self.votes, minimum=0)
        object.__setattr__(self, "mitigation", optional_text("risk mitigation", self.mitigation, max_length=LENGTHS["risks.mitigation"]))

    @property
    def is_owned(self) -> bool:
        """A risk with no owner or no mitigation is not done."""
        return self.owner_id is not None and bool(self.mitigation)


#: Dots each participant gets unless the coach changes it.
DEFAULT_DOTS = 3
#: The ranked list asks for owners and mitigations on this many risks.
TOP_N = 3
PROMPT = "It is twelve months later and this failed. Why?"


@dataclass(frozen=True, slots=True)
class Lane:
    """A capture lane of the pre-mortem ("Technical"); ``key`` is what risks store."""

    key: str
    title: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", require_text("lane key", self.key, max_length=LENGTHS["setting.lane_key"]))
        object.__setattr__(self, "title", require_text("lane title", self.title, max_length=LENGTHS["setting.lane_title"]))


DEFAULT_LANES = tuple(Lane(key, CATEGORY_TITLES[key]) for key in CATEGORIES)


@dataclass(frozen=True, slots=True)
class RiskVote:
    """The dots one participant put on one risk."""

    risk_id: int
    participant_id: int
    dots: int = 1

    def __post_init__(self) -> None:
        require_int("vote dots", self.dots, minimum=0, maximum=MAX_DOTS)


@dataclass(frozen=True, slots=True)
class RankedRisk:
    """A risk's place in the ranked list after the reveal."""

    rank: int
    risk: Risk
    dots: int
    voters: int
    tied: bool = False


def dots_used(votes: list[RiskVote], participant_id: int) -> int:
    """How many dots a participant has placed so far."""
    return sum(v.dots for v in votes if v.participant_id == participant_id)


def dots_left(votes: list[RiskVote], participant_id: int, allowance: int = DEFAULT_DOTS) -> int:
    """Dots a participant may still place (never negative)."""
    return max(0, allowance - dots_used(votes, participant_id))


def rank_risks(risks: list[Risk], votes: list[RiskVote]) -> list[RankedRisk]:
    """The ranked list: most dots first.

    Ties are broken, in this order, by:

    1. more distinct voters first (a concern shared by four people outranks one
       person's three dots on it);
    2. the risk captured earlier first (lower id), so the order is stable, does not
       change when a card is dragged within its lane, and nobody gains by re-typing a card.

    Risks still tied on dots *and* voters are marked ``tied`` so the screen can say so;
    they get consecutive ranks in capture order. Votes on risks not in ``risks`` are
    ignored. Merged risks should be passed as one (see :func:`fold_merged_votes`).
    """
    ids = {r.id for r in risks}
    dots: dict[int, int] = dict.fromkeys(ids, 0)
    voters: dict[int, set[int]] = {i: set() for i in ids}
    for v in votes:
        if v.risk_id in ids and v.dots > 0:
            dots[v.risk_id] += v.dots
            voters[v.risk_id].add(v.participant_id)
    order = sorted(risks, key=lambda r: (-dots[r.id], -len(voters[r.id]), r.id or 0))
    keys = [(dots[r.id], len(voters[r.id])) for r in order]
    ranked = []
    for n, r in enumerate(order):
        tied = keys.count(keys[n]) > 1 and dots[r.id] > 0
        ranked.append(RankedRisk(rank=n + 1, risk=r, dots=dots[r.id], voters=len(voters[r.id]), tied=tied))
    return ranked


def fold_merged_votes(votes: list[RiskVote], merged_into: dict[int, int]) -> list[RiskVote]:
    """Votes with each merged risk's dots credited to the card it was merged into.

    ``merged_into`` maps a merged risk id to the id it was folded into (chains allowed).
    A participant with dots on both cards keeps all of them on the surviving card.
    """
    def root(rid: int) -> int:
        seen = set()
        while rid in merged_into and rid not in seen:
            seen.add(rid)
            rid = merged_into[rid]
        return rid

    total: dict[tuple[int, int], int] = {}
    for v in votes:
        key = (root(v.risk_id), v.participant_id)
        total[key] = total.get(key, 0) + v.dots
    return [RiskVote(risk_id=r, participant_id=p, dots=d) for (r, p), d in total.items()]


def top_risks(ranked: list[RankedRisk], n: int = TOP_N) -> list[RankedRisk]:
    """The top ``n`` risks that received at least one dot."""
    return [r for r in ranked if r.dots > 0][:n]


def missing_for(risk: Risk) -> list[str]:
    """What a top risk still lacks: 'owner' and/or 'mitigation' (empty when done)."""
    missing = []
    if risk.owner_id is None:
        missing.append("owner")
    if not risk.mitigation:
        missing.append("mitigation")
    return missing


@dataclass(frozen=True, slots=True)
class TopThreeStatus:
    """Is the top-three phase complete, and if not, what is missing where."""

    top: tuple[RankedRisk, ...]
    missing: dict[int, list[str]]  # risk id -> ['owner', 'mitigation']
    voted: bool

    @property
    def complete(self) -> bool:
        """Done when votes exist and every top risk has an owner and a mitigation."""
        return self.voted and bool(self.top) and not self.missing

    def describe(self) -> str:
        """One line for the coach: what is still missing, in rank order."""
        if not self.voted:
            return "No votes yet: run the dot vote and reveal it."
        if self.complete:
            return f"✓ Top {len(self.top)} complete: every risk has an owner and a mitigation."
        parts = [f"#{r.rank} needs {' and '.join(self.missing[r.risk.id])}" for r in self.top
                 if r.risk.id in self.missing]
        return "Not complete: " + "; ".join(parts) + "."


def top_three_status(ranked: list[RankedRisk], n: int = TOP_N) -> TopThreeStatus:
    """Completeness of the top ``n``: each needs an owner and a mitigation."""
    top = tuple(top_risks(ranked, n))
    missing = {r.risk.id: m for r in top if (m := missing_for(r.risk))}
    return TopThreeStatus(top=top, missing=missing, voted=any(r.dots > 0 for r in ranked))


def merged_text(survivor: str, merged: list[str]) -> str:
    """How a merged card reads: the surviving text, then each merged text on its own line."""
    return "\n".join([survivor, *(f"+ {t}" for t in merged)])
