"""Stage gates: discover -> pilot -> validate -> scale, each gate with its own bar."""

from __future__ import annotations

from dataclasses import dataclass

from .rules import LENGTHS
from .validation import ValidationError, optional_date, optional_text
from .workshop import STAGES  # defined with Initiative (its stage), which checks it

STAGE_TITLES = {"discover": "Discover", "pilot": "Pilot", "validate": "Validate", "scale": "Scale"}

#: why a decision was reopened: something new was learned, or it was framed badly the first time
REOPEN_CAUSES = {"new_information": "New information", "poor_framing": "Poor framing"}


@dataclass(frozen=True, slots=True)
class GateDecision:
    """A recorded move of an initiative between stages (a move back is a reopened decision)."""

    initiative_id: int
    from_stage: str
    to_stage: str
    evidence: str = ""
    rollback: str = ""
    owner_id: int | None = None
    review_date: str = ""
    decided_at: str = ""
    id: int | None = None
    #: when the question was put on the table (latency = decided_at - opened_at)
    opened_at: str = ""
    #: for a reopened decision: 'new_information' or 'poor_framing' ('' = not said)
    reopen_cause: str = ""

    def __post_init__(self) -> None:
        if self.reopen_cause and self.reopen_cause not in REOPEN_CAUSES:
            raise ValidationError("reopen cause", f"must be one of {', '.join(REOPEN_CAUSES)}")
        for name in ("from_stage", "to_stage"):
            if getattr(self, name) not in STAGES:
                raise ValidationError(f"gate {name.replace('_', ' ')}", f"must be one of {', '.join(STAGES)}")
        object.__setattr__(self, "evidence", optional_text("gate evidence", self.evidence, max_length=LENGTHS["gate_decisions.evidence"]))
        object.__setattr__(self, "rollback", optional_text("gate rollback criteria", self.rollback,
                                                           max_length=LENGTHS["gate_decisions.rollback"]))
        object.__setattr__(self, "review_date", optional_date("gate review date", self.review_date))

    @property
    def reopened(self) -> bool:
        """Moving back a stage reopens an earlier decision."""
        return STAGES.index(self.to_stage) < STAGES.index(self.from_stage)


@dataclass(frozen=True, slots=True)
class GateCriteria:
    """The bar an initiative must clear to enter a stage.

    The bar rises toward scale: each later stage asks for more reliability evidence,
    tolerates less ambiguity and allows more customer exposure only with proof.
    """

    stage: str
    level: int  # 1 (discover) .. 4 (scale): how high the bar is
    risk: str
    investment: str
    reliability_evidence: str
    customer_exposure: str
    evidence_prompts: tuple[str, ...]
    rollback_prompt: str
    review_days: int

    def checklist(self) -> list[str]:
        """The criteria as short lines for the decision form."""
        return [f"Risk: {self.risk}", f"Investment: {self.investment}",
                f"Reliability evidence: {self.reliability_evidence}",
                f"Customer exposure: {self.customer_exposure}"]


GATE_CRITERIA: dict[str, GateCriteria] = {
    "discover": GateCriteria(
        "discover", 1,
        risk="unknowns are expected; name the biggest one",
        investment="time-boxed exploration, no committed budget",
        reliability_evidence="none required yet",
        customer_exposure="none",
        evidence_prompts=("What evidence would change our mind?",
                          "What do we still not know about the problem?"),
        rollback_prompt="What would make us stop exploring?",
        review_days=14),
    "pilot": GateCriteria(
        "pilot", 2,
        risk="ambiguity tolerated while customer exposure is limited and reversible",
        investment="small, capped budget for one site / segment",
        reliability_evidence="a rollback path that has been tried once",
        customer_exposure="limited: opted-in or internal users, one site",
        evidence_prompts=("What is the smallest reversible experiment?",
                          "Which customers are exposed, and how do we limit it?",
                          "What evidence would change our mind?"),
        rollback_prompt="Which signal stops the pilot, and who pulls the plug?",
        review_days=7),  # a pilot's owner reviews it weekly (the playbook)
    "validate": GateCriteria(
        "validate", 3,
        risk="main failure modes named, each with an owner and a mitigation",
        investment="budget for a broader rollout with a stop point",
        reliability_evidence="pilot results against agreed thresholds; incidents reviewed",
        customer_exposure="a real segment, with thresholds that trigger rollback",
        evidence_prompts=("Did the pilot meet the thresholds we set before it started?",
                          "What did the incidents teach us?",
                          "Which open evidence questions are now answered?"),
        rollback_prompt="Which threshold triggers rollback, and how fast can we revert?",
        review_days=45),
    "scale": GateCriteria(
        "scale", 4,
        risk="residual risk accepted by the accountable executive",
        investment="full budget with the cost per unit known",
        reliability_evidence="resilience proven under load; support ready; cost clarity",
        customer_exposure="all customers: only with proof of resilience and support readiness",
        evidence_prompts=("What shows resilience under real load (failover, peak, incident drills)?",
                          "Is support ready: runbooks, staffing, escalation path?",
                          "Do we know the cost per unit at full scale?"),
        rollback_prompt="How do we degrade gracefully or roll back at full scale?",
        review_days=90),
}


def criteria_for(stage: str) -> GateCriteria:
    """The bar to enter ``stage``."""
    if stage not in GATE_CRITERIA:
        raise ValidationError("stage", f"must be one of {', '.join(STAGES)}; got {stage!r}")
    return GATE_CRITERIA[stage]


def direction(from_stage: str, to_stage: str) -> str:
    """'advance', 'reopen' (a move back) or 'stay'."""
    a, b = STAGES.index(from_stage), STAGES.index(to_stage)
    return "advance" if b > a else "reopen" if b < a else "stay"


def skipped_stages(from_stage: str, to_stage: str) -> list[str]:
    """Stages jumped over by an advance (e.g. discover -> validate skips pilot)."""
    a, b = STAGES.index(from_stage), STAGES.index(to_stage)
    return list(STAGES[a + 1:b]) if b > a + 1 else []


def missing_fields(decision: GateDecision) -> list[str]:
    """What a gate decision still lacks. An advance needs evidence, rollback criteria, an
    owner and a review date; a reopened decision needs the reason (in ``evidence``), its
    cause (new information or poor framing), an owner and a review date."""
    missing = []
    if not decision.evidence:
        missing.append("reason" if decision.reopened else "evidence")
    if not decision.reopened and not decision.rollback:
        missing.append("rollback criteria")
    if decision.reopened and not decision.reopen_cause:
        missing.append("cause (new information or poor framing)")
    if decision.owner_id is None:
        missing.append("owner")
    if not decision.review_date:
        missing.append("next review date")
    return missing


def reopened_count(decisions: list[GateDecision]) -> int:
    """How many decisions moved an initiative back (a follow-up figure)."""
    return sum(1 for d in decisions if d.reopened)


def reopen_rate(decisions: list[GateDecision]) -> float:
    """Share of gate decisions that were reopenings (0.0 when there are none)."""
    return reopened_count(decisions) / len(decisions) if decisions else 0.0


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of an initiative's gate history."""

    when: str
    title: str
    detail: str
    reopened: bool
    decision: GateDecision


def timeline(decisions: list[GateDecision], names: dict[int, str] | None = None) -> list[TimelineEntry]:
    """An initiative's gate history, oldest first (``names``: participant id -> name)."""
    names = names or {}
    out = []
    for d in sorted(decisions, key=lambda d: (d.decided_at, d.id or 0)):
        verb = "Reopened" if d.reopened else "Advanced"
        title = f"{verb}: {STAGE_TITLES[d.from_stage]} → {STAGE_TITLES[d.to_stage]}"
        parts = []
        if d.owner_id is not None:
            parts.append(f"Owner: {names.get(d.owner_id, '(removed)')}")
        if d.review_date:
            parts.append(f"Next review: {d.review_date}")
        if d.evidence:
            parts.append(("Why: " if d.reopened else "Evidence: ") + d.evidence)
        if d.rollback:
            parts.append(f"Rollback: {d.rollback}")
        out.append(TimelineEntry(when=d.decided_at[:10], title=title, detail="\n".join(parts),
                                 reopened=d.reopened, decision=d))
    return out
