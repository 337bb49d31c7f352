"""The demo workshop: a believable leadership team with real disagreement in it.

Created on first start so the coach never faces an empty window, and by
``tension-desktop demo``. The team has a history: an earlier "Kick-off offsite" about two
months before, with its own gate decisions, commitments and pulse, which the main
workshop continues (its review marks the kick-off commitments done, slipped and dropped,
and one kick-off gate decision is reopened), so the follow-up views show real data.
Its covenant keeps its own rules (one owner per threshold, one approver per decision), so
it prints without open points.
"""

from __future__ import annotations

from tension_desktop.model import (
    BoardCard,
    Commitment,
    CovenantItem,
    DecisionRight,
    EscalationThreshold,
    GateDecision,
    Placement,
    PulseCheck,
    Risk,
)
from tension_desktop.model.agenda_templates import DEFAULT_TEMPLATE

from . import (
    board,
    covenant,
    covenant_review,
    demo_allocation,
    demo_polarity,
    people,
    premortem,
    session,
    stage_gates,
    tension_map,
    workshops,
)
from .library import Library

TEAM = "Meridian Freight - leadership team"
TITLE = "Innovation vs reliability offsite"

PARTICIPANTS = [
    ("Amara Okafor", "CEO"),
    ("Jonas Weber", "CTO"),
    ("Priya Raman", "COO"),
    ("Daniel Kowalski", "CFO"),
    ("Sofia Marquez", "VP Sales"),
    ("Kenji Sato", "VP Product"),
]

INITIATIVES = [
    ("AI route optimisation pilot", "Machine-learning routing for the Lyon depot, 40 vans, drivers keep the final say."),
    ("Same-day delivery in 3 cities", "Paris, Milan, Barcelona; promised to two anchor retail customers for Q3."),
    ("Billing platform migration", "Move invoicing off the 2009 in-house system to a SaaS billing platform."),
    ("Self-service customer portal v2", "Shippers book, track and dispute invoices without calling support."),
    ("EU data residency programme", "All customer data stored and processed in the EU by year end."),
    ("Usage-based pricing", "Price per parcel-kilometre instead of flat contracts for mid-market shippers."),
    ("Warehouse robotics trial", "Autonomous pickers in one aisle of the Rotterdam hub for 12 weeks."),
    ("Follow-the-sun support", "24/7 support by linking the Lisbon and Manila teams."),
]

# (x innovation, y criticality) per participant, in PARTICIPANTS order. The disputed ones
# are where ops and product see a different animal.
PLACEMENTS = {
    "AI route optimisation pilot": [(0.78, 0.55), (0.86, 0.22), (0.74, 0.90), (0.70, 0.48), (0.82, 0.30), (0.90, 0.18)],
    "Same-day delivery in 3 cities": [(0.62, 0.80), (0.55, 0.62), (0.48, 0.93), (0.58, 0.76), (0.70, 0.88), (0.66, 0.71)],
    "Billing platform migration": [(0.30, 0.85), (0.40, 0.70), (0.25, 0.88), (0.20, 0.97), (0.35, 0.52), (0.42, 0.60)],
    "Self-service customer portal v2": [(0.58, 0.40), (0.62, 0.35), (0.55, 0.72), (0.50, 0.30), (0.60, 0.45), (0.68, 0.38)],
    "EU data residency programme": [(0.20, 0.92), (0.28, 0.88), (0.18, 0.90), (0.22, 0.85), (0.15, 0.60), (0.25, 0.86)],
    "Usage-based pricing": [(0.72, 0.62), (0.60, 0.30), (0.55, 0.45), (0.80, 0.90), (0.88, 0.25), (0.75, 0.35)],
    "Warehouse robotics trial": [(0.85, 0.30), (0.88, 0.40), (0.80, 0.75), (0.78, 0.35), (0.90, 0.20), (0.84, 0.28)],
    "Follow-the-sun support": [(0.35, 0.70), (0.30, 0.55), (0.45, 0.82), (0.28, 0.50), (0.40, 0.85), (0.38, 0.66)],
}

BOARD_INITIATIVE = "Usage-based pricing"
# element -> per participant (column, rationale)
BOARD = {
    "EU data residency for metering data": [
        ("must_protect", "Contractual with our top 20 customers."),
        ("must_protect", "The metering vendor must host in Frankfurt."),
        ("must_protect", "Non-negotiable since the 2024 audit."),
        ("must_protect", "Fines would dwarf the upside."),
        ("can_flex", "Mid-market shippers never ask about it."),
        ("must_protect", "We promised it in the privacy notice."),
    ],
    "Launch before the Q2 pricing review": [
        ("can_flex", "Better late than wrong."),
        ("can_flex", "Metering needs 8 weeks of clean data first."),
        ("can_flex", "Ops needs a quiet quarter after same-day."),
        ("must_protect", "The budget assumes Q2 revenue uplift."),
        ("must_protect", "Sales targets are set on it."),
        ("can_flex", "A July launch loses little."),
    ],
    "Invoice accuracy at 99.9%": [
        ("must_protect", "Trust in billing is trust in us."),
        ("must_protect", "Disputes cost more than the margin."),
        ("must_protect", "Every wrong invoice is a support call."),
        ("must_protect", "Auditors test exactly this."),
        ("must_protect", "Customers churn over billing errors."),
        ("need_evidence", "We do not measure it today."),
    ],
    "Choice of metering vendor": [
        ("can_flex", "Any vendor that meets residency."),
        ("need_evidence", "Two vendors failed our load test."),
        ("can_flex", "Not my call."),
        ("need_evidence", "Total cost unclear at our volume."),
        ("can_flex", "Customers do not see it."),
        ("can_flex", "Swap later if needed."),
    ],
    "Grandfathering of legacy flat contracts": [
        ("need_evidence", "How many would leave?"),
        ("can_flex", "Technically easy either way."),
        ("need_evidence", "Depends on volume mix."),
        ("can_flex", "Grandfather for 12 months at most."),
        ("must_protect", "I promised three key accounts."),
        ("need_evidence", "Let the pilot data decide."),
    ],
}

PROTECTED = [
    "Customer data stays in the EU (data residency).",
    "Invoice accuracy of 99.9% or better.",
    "On-time delivery of 97% for contracted anchor customers.",
]
DEGRADABLE = [
    ("Route ETA precision in the Lyon pilot", "ETA error up to +15 min for 6 weeks, Lyon depot only."),
    ("Customer portal response time", "Up to +300 ms at p95 during the v2 rollout, 2 weeks."),
]
THRESHOLDS = [
    ("Monthly churn of mid-market shippers", "3% in any month", "Pause the usage-based pricing rollout for 30 days.", [3]),
    ("On-time delivery, anchor customers", "below 97% for 5 working days", "Move Lyon back to manual routing.", [2]),
    ("Billing disputes per 1,000 invoices", "above 8", "Freeze billing migration waves.", [3]),
    ("Support backlog older than 48 h", "more than 150 tickets", "Extend Manila shift by 2 h.", [2]),
]
DECISIONS = [
    ("Go / no-go for usage-based pricing", {"recommend": [5, 3], "approve": [0], "implement": [4], "informed": [2]}),
    ("Scale AI routing beyond Lyon", {"recommend": [1], "approve": [2], "implement": [2], "informed": [0]}),
    ("Choice of metering vendor", {"recommend": [3], "approve": [1], "implement": [1], "informed": [3]}),
]
#: the first decision right is well made: inputs, decide-by date, escalation trigger, tie-breaker
HYGIENE = ("Eight weeks of clean metering data; churn by segment from the 20-shipper pilot.", "2027-02-15",
           "Not decided by the date, or pilot churn above 3%.", 0)
RISKS = [
    ("technical", "Routing model trained on summer traffic fails in winter conditions.", 1, 2, 4),
    ("organizational", "Drivers distrust the AI routes and override them silently.", 2, 2, 5),
    ("financial", "Metering costs eat the margin gain of usage-based pricing.", 3, None, 3),
    ("customer", "Anchor customers see late deliveries during the pilot and escalate to the CEO.", 4, None, 4),
    ("technical", "Billing migration double-charges a batch of customers.", 3, 3, 2),
    ("organizational", "Sales keeps selling flat contracts to hit Q2 targets.", 0, None, 1),
]
COMMITMENTS = [
    ("experiment", "Run usage-based pricing with 20 opted-in shippers for 8 weeks.", 5, "2027-01-31"),
    ("safeguard", "Weekly on-time dashboard for anchor customers, with the rollback trigger on it.", 2, "2026-12-15"),
    ("communication", "CEO note to all staff on what we protect and what we will try.", 0, ""),
]

# -- the earlier session ---------------------------------------------------------------
#: the kick-off agreed the first two thresholds and decision rights; the main session reviews them
KICKOFF_RULES = 2
REVIEW = [  # (kind, index, outcome, decided by (participant index), note)
    ("threshold", 0, "held", None, "Churn stayed between 1.1% and 1.8%."),
    ("threshold", 1, "lever_pulled", None,
     "On-time fell to 96.4% for 5 days in October; Lyon went back to manual routing the same day."),
    ("decision", 0, "not_decided", None, "Waiting for eight weeks of clean metering data."),
    ("decision", 1, "decided", 1, "Jonas approved a second depot himself; Priya was on leave."),
]
NEAR_MISS = ("Billing disputes reached 7.6 per 1,000 invoices in October, just under the threshold; "
             "nobody had been watching the number.")
KICKOFF_TITLE = "Kick-off offsite"
KICKOFF_DATE = "2026-09-18"
DATE = "2026-11-20"
# initiative -> stage when the kick-off opened (the two others came up later)
KICKOFF_STAGES = {
    "AI route optimisation pilot": "discover",
    "Same-day delivery in 3 cities": "validate",
    "Billing platform migration": "pilot",
    "Self-service customer portal v2": "pilot",
    "EU data residency programme": "validate",
    "Follow-the-sun support": "discover",
}
# (initiative, from, to, evidence, rollback, owner index, review date, decided at)
KICKOFF_GATES = [
    ("AI route optimisation pilot", "discover", "pilot",
     "Driver interviews in Lyon: 31 of 40 drivers want suggested routes they can override.",
     "Any anchor-customer delivery late because of a suggested route: Lyon goes back to manual routing that day.",
     1, "2026-11-20", "2026-09-18T10:40:00.000Z"),
    ("Billing platform migration", "pilot", "validate",
     "Three monthly cycles run in parallel: 0.04% of invoices differ, every difference explained.",
     "More than 8 disputes per 1,000 invoices: freeze the migration waves.", 3, "2026-11-20",
     "2026-09-18T11:25:00.000Z"),
    ("Self-service customer portal v2", "pilot", "validate",
     "Beta with 12 shippers: 70% of bookings without a call to support.",
     "Invoice disputes lost or delayed: switch the dispute form back to e-mail.", 5, "2026-11-20",
     "2026-09-18T14:05:00.000Z"),
    ("EU data residency programme", "validate", "scale",
     "External audit passed for Frankfurt hosting; 3 of 5 systems moved without an incident.",
     "Audit finding on the remaining systems: stop the move and keep them where they are.", 1, "2027-03-31",
     "2026-09-18T15:30:00.000Z"),
]
KICKOFF_COMMITMENTS = [  # (kind, text, owner, due, reviewed as, review note)
    ("experiment", "Shadow-run AI routing in Lyon for 4 weeks before any van follows it.", 1, "2026-10-31",
     "done", "Finished 29 October: 6% fewer kilometres, no late anchor-customer delivery."),
    ("safeguard", "Fortnightly manual-routing fallback drill with Lyon dispatch.", 2, "2026-10-15",
     "slipped", "One drill held in October; the second clashed with peak week. Rescheduled for December."),
    ("communication", "Monthly pricing-and-reliability letter to the top 20 customers.", 4, "2026-10-01",
     "dropped", "Replaced by the anchor-customer on-time dashboard (this session's safeguard)."),
]
# (rationale, fairness, escalation) per executive, in PARTICIPANTS order
KICKOFF_PULSE = [(4, 3, 2), (3, 2, 2), (2, 2, 1), (3, 3, 2), (4, 3, 3), (3, 2, 2)]
PULSE = [(4, 4, 4), (4, 3, 4), (3, 4, 3), (4, 3, 4), (4, 4, 3), (5, 4, 4)]
# the main session's gate decisions: one reopens a kick-off decision
GATES = [
    ("Self-service customer portal v2", "validate", "pilot",
     "Reopened: the v2 dispute flow lost attachments on 40 invoices in October.",
     "Back to e-mail disputes if one more attachment is lost.", 5, "2027-01-15", "2026-11-20T11:10:00.000Z"),
    ("Warehouse robotics trial", "discover", "pilot",
     "Vendor trial nights in Rotterdam: 98.5% pick accuracy over two nights, one aisle.",
     "Pick accuracy below 99% for a week: the aisle goes back to manual picking.", 2, "2027-02-12",
     "2026-11-20T15:20:00.000Z"),
]


def _gate(lib: Library, wid: int, iids: dict[str, int], pids: list[int], gate: tuple) -> None:
    title, from_stage, to_stage, evidence, rollback, owner, review, decided_at = gate
    stage_gates.record_decision(lib, wid, GateDecision(
        initiative_id=iids[title], from_stage=from_stage, to_stage=to_stage, evidence=evidence,
        rollback=rollback, owner_id=pids[owner], review_date=review, decided_at=decided_at,
        reopen_cause="new_information"))  # kept only on a move back: the portal lost attachments


def _pulse(lib: Library, wid: int, pids: list[int], answers: list[tuple[int, int, int]]) -> None:
    for pid, (rationale, fairness, escalation) in zip(pids, answers, strict=True):
        session.set_pulse(lib, wid, PulseCheck(participant_id=pid, rationale=rationale, fairness=fairness,
                                               escalation=escalation))


def _create_kickoff(lib: Library) -> tuple[int, list[int]]:
    """The team's first session; returns its id and its commitments' ids (in kind order)."""
    wid = workshops.create_workshop(lib, TEAM, KICKOFF_TITLE, date=KICKOFF_DATE).id
    pids = [people.add_participant(lib, wid, name, role).id for name, role in PARTICIPANTS]
    descriptions = dict(INITIATIVES)
    iids = {title: people.add_initiative(lib, wid, title, descriptions[title]).id for title in KICKOFF_STAGES}
    for title, stage in KICKOFF_STAGES.items():
        people.update_initiative(lib, iids[title], stage=stage)
        for pid, (x, y) in zip(pids, PLACEMENTS[title], strict=True):
            tension_map.place(lib, wid, Placement(initiative_id=iids[title], x=x, y=y, round="revealed",
                                                  participant_id=pid))
    tension_map.place(lib, wid, Placement(initiative_id=iids["EU data residency programme"], x=0.2, y=0.9,
                                          round="agreed"))
    for gate in KICKOFF_GATES:
        _gate(lib, wid, iids, pids, gate)
    for text in PROTECTED[:2]:
        covenant.add_item(lib, wid, CovenantItem(kind="protected", text=text))
    _covenant_rules(lib, wid, pids, THRESHOLDS[:KICKOFF_RULES], DECISIONS[:KICKOFF_RULES])
    commitment_ids = [
        session.add_commitment(lib, wid, Commitment(kind=kind, text=text, owner_id=pids[owner], due_date=due)).id
        for kind, text, owner, due, _status, _note in KICKOFF_COMMITMENTS]
    session.apply_template(lib, wid, DEFAULT_TEMPLATE)
    session.set_final_answer(lib, wid, "Lyon may get AI routes if dispatch can switch back the same day.")
    session.set_close_done(lib, wid, True)
    _pulse(lib, wid, pids, KICKOFF_PULSE)
    demo_allocation.add_kickoff(lib, wid, pids)
    return wid, commitment_ids


def create_demo(lib: Library) -> int:
    """Create the demo team's two sessions in one transaction; return the main (latest) one's id."""
    with lib.edit():
        kickoff_id, kickoff_commitments = _create_kickoff(lib)
        ws = workshops.create_workshop(lib, TEAM, TITLE, date=DATE, continued_from=kickoff_id)
        wid = ws.id
        pids = [people.add_participant(lib, wid, name, role).id for name, role in PARTICIPANTS]
        iids = {title: people.add_initiative(lib, wid, title, desc).id for title, desc in INITIATIVES}
        # where the kick-off left them (two are new); the gate decisions below move two on
        stages = ["pilot", "validate", "validate", "validate", "scale", "discover", "discover", "discover"]
        for (title, _d), stage in zip(INITIATIVES, stages, strict=True):
            people.update_initiative(lib, iids[title], stage=stage)
        for title, spots in PLACEMENTS.items():
            for pid, (x, y) in zip(pids, spots, strict=True):
                tension_map.place(lib, wid, Placement(initiative_id=iids[title], x=x, y=y, round="revealed",
                                                      participant_id=pid))
        tension_map.place(lib, wid, Placement(initiative_id=iids["EU data residency programme"], x=0.2, y=0.9,
                                              round="agreed"))
        tension_map.place(lib, wid, Placement(initiative_id=iids["Billing platform migration"], x=0.3, y=0.82,
                                              round="agreed"))
        positions = {pid: {"must_protect": 0, "can_flex": 0, "need_evidence": 0} for pid in pids}
        for text, cards in BOARD.items():
            el = board.add_element(lib, wid, text, initiative_id=iids[BOARD_INITIATIVE])
            for pid, (column, why) in zip(pids, cards, strict=True):
                board.put_card(lib, wid, BoardCard(element_id=el.id, participant_id=pid, column=column,
                                                   position=positions[pid][column], rationale=why))
                positions[pid][column] += 1
        for text in PROTECTED:
            covenant.add_item(lib, wid, CovenantItem(kind="protected", text=text))
        for text, limit in DEGRADABLE:
            covenant.add_item(lib, wid, CovenantItem(kind="degradable", text=text, limit=limit))
        tids, dids = _covenant_rules(lib, wid, pids, THRESHOLDS, DECISIONS)
        inputs, decide_by, escalation, tiebreaker = HYGIENE
        covenant.update_decision(lib, dids[0], required_inputs=inputs, decide_by=decide_by, escalation=escalation,
                                 tiebreaker_id=pids[tiebreaker])
        ai = iids["AI route optimisation pilot"]
        for category, text, author, owner, votes in RISKS:
            risk = premortem.add_risk(lib, wid, Risk(
                text=text, category=category, initiative_id=ai, author_id=pids[author],
                owner_id=pids[owner] if owner is not None else None,
                mitigation="Shadow-run the model for 4 weeks before it routes real vans." if owner == 2 and author == 1
                else ""))
            for voter in range(votes):
                premortem.set_votes(lib, wid, risk.id, pids[voter], 1)
        for kind, text, owner, due in COMMITMENTS:
            session.add_commitment(lib, wid, Commitment(kind=kind, text=text, owner_id=pids[owner], due_date=due))
        session.apply_template(lib, wid, DEFAULT_TEMPLATE)
        session.set_opening(lib, wid, pids[2], "We have no rollback plan if same-day fails in Milan.",
                            "Our depot data could sell as a service.")
        session.set_opening(lib, wid, pids[1], "The billing system has one engineer who understands it.",
                            "Drivers' feedback is our best product research.")
        for gate in GATES:
            _gate(lib, wid, iids, pids, gate)
        for cid, (*_c, status, note) in zip(kickoff_commitments, KICKOFF_COMMITMENTS, strict=True):
            session.review_commitment(lib, cid, status, note)
        _pulse(lib, wid, pids, PULSE)
        _covenant_review(lib, wid, pids, tids, dids)
        demo_polarity.add_main(lib, wid, pids)
        demo_allocation.add_main(lib, wid, pids, iids)
        add_structure_demo(lib, kickoff_id, wid)
    return wid


def _covenant_rules(lib: Library, wid: int, pids: list[int], thresholds, decisions) -> tuple[list[int], list[int]]:
    tids = [covenant.add_threshold(lib, wid, EscalationThreshold(metric=metric, threshold=threshold, lever=lever,
                                                                 owner_ids=tuple(pids[i] for i in owners))).id
            for metric, threshold, lever, owners in thresholds]
    dids = [covenant.add_decision(lib, wid, DecisionRight(decision=decision, roles={
        role: tuple(pids[i] for i in idx) for role, idx in roles.items()})).id for decision, roles in decisions]
    return tids, dids


def _covenant_review(lib: Library, wid: int, pids: list[int], tids: list[int], dids: list[int]) -> None:
    """The main session reviews what it carried over from the kick-off: the first thresholds
    and decision rights, and the mitigation it names."""
    for (kind, n, outcome, by, note) in REVIEW:
        subject = {"threshold": tids, "decision": dids}[kind][n]
        rid = covenant_review.open_review_row(lib, wid, kind, subject)
        covenant_review.set_review(lib, rid, outcome=outcome, note=note,
                                   decided_by=pids[by] if by is not None else None)
    risk = lib.query("SELECT id FROM risks WHERE workshop_id = ? AND mitigation != '' ORDER BY id", (wid,))[0]["id"]
    rid = covenant_review.open_review_row(lib, wid, "mitigation", risk)
    covenant_review.set_review(lib, rid, outcome="open", note="Shadow run starts in December.")
    covenant_review.add_near_miss(lib, wid, NEAR_MISS)


# -- structure before behaviour --------------------------------------------------------------
# (blocker, named by, each executive's sorting in PARTICIPANTS order, agreed kind)
_B, _S, _U = "behavioural", "structural", "unsure"
BLOCKERS = [
    ("Sales is paid on volume, Operations on margin, and nobody arbitrates the discounts.", 4,
     (_S, _S, _S, _S, _B, _S), _S),
    ("Nobody knows who may stop a release once the change board has approved it.", 1,
     (_S, _S, _U, _S, _S, _S), _S),
    ("Jonas rescues the migration team whenever a cutover slips.", 2,
     (_B, _B, _B, _S, _U, _B), _B),
    ("We hear about customer complaints a month later, in the churn report.", 5,
     (_S, _U, _S, _S, _B, _S), _S),
    ("Dissent comes up in the corridor after the meeting, never in it.", 0,
     (_B, _S, _B, _B, _B, _U), _B),
]
BLOCKER_WHY = {
    _S: ("Whoever sat in the seat would hit the same wall.", "Nobody owns the call, so everyone makes it.",
         "The incentives pull the two teams apart; nobody is behaving badly."),
    _B: ("Another leader in the seat would act otherwise.", "It happens even where the rules are clear.",
         "It is a habit under pressure, not a missing rule."),
    _U: ("Could be either: we have not looked at the incentives yet.", "I only see the symptom, not the cause.",
         "Depends on whether the escalation path is written down."),
}
# (decision authority, feedback loops, accountability) per executive
KICKOFF_SCORES = [(2, 2, 3), (2, 1, 2), (1, 2, 2), (3, 2, 3), (2, 1, 2), (2, 2, 3)]
SCORES = [(3, 3, 3), (3, 2, 3), (3, 3, 4), (4, 2, 3), (3, 2, 3), (3, 3, 4)]
# (kind, text, owner index, baseline, target)
PLAN = [
    ("target", "Close decisions in writing", 0, None, None),
    ("target", "Stop rescuing delegated work", 1, None, None),
    ("target", "Surface dissent explicitly", 0, None, None),
    ("indicator", "Decisions closed with a written memo per week", 0, 1, 6),
    ("indicator", "Delegated items pulled back by a leader per week", 1, 5, 1),
    ("indicator", "Objections raised in the weekly execution review", 2, 0, 4),
    ("mechanism", "Decision memos: one page, owner, inputs, decide-by date", 0, None, None),
    ("cadence", "Weekly execution review", 2, None, None),
    ("cadence", "Monthly operating review", 3, None, None),
    ("cadence", "Quarterly reset", 0, None, None),
]
# weekly values of the three indicators, weeks 1..9 (the follow-up falls in week 10)
PLAN_VALUES = [(1, 1, 2, 2, 3, 4, 4, 5, 5), (5, 5, 4, 4, 3, 3, 2, 3, 2), (0, 0, 1, 1, 1, 2, 2, 2, 3)]
PLAN_STATUS = ("held", "slipping", "held")


def _structure(lib: Library, wid: int, pids: list[int], scores, *, revealed_agreement: bool) -> list[int]:
    """The constraint diagnosis of one session (blockers, sortings, scorecard)."""
    from tension_desktop.model.structure import Scorecard

    from . import structure

    ids = []
    for text, author, sorts, agreed in BLOCKERS:
        bid = structure.add_blocker(lib, wid, text, pids[author])
        ids.append(bid)
        for n, (pid, kind) in enumerate(zip(pids, sorts, strict=True)):
            structure.set_sort(lib, wid, bid, pid, kind, BLOCKER_WHY[kind][(n + len(ids)) % 3])
        if revealed_agreement:
            structure.set_agreed(lib, bid, agreed)
    for pid, (a, f, c) in zip(pids, scores, strict=True):
        structure.set_score(lib, wid, Scorecard(participant_id=pid, decision_authority=a, feedback_loops=f,
                                                accountability=c))
    return ids


def _plan(lib: Library, wid: int, pids: list[int], *, weeks: int) -> None:
    """The 90-day readiness plan, with ``weeks`` weekly values entered."""
    from . import readiness

    indicators = []
    for kind, text, owner, base, goal in PLAN:
        iid = readiness.add_item(lib, wid, kind, text, owner_id=pids[owner], baseline=base, goal=goal)
        if kind == "indicator":
            indicators.append(iid)
    readiness.set_check(lib, wid, start_date=KICKOFF_DATE)
    for iid, values in zip(indicators, PLAN_VALUES, strict=True):
        for week, value in enumerate(values[:weeks], start=1):
            readiness.set_value(lib, wid, iid, week, value)
    if weeks:
        targets = readiness.list_items(lib, wid, "target")
        for item, status in zip(targets, PLAN_STATUS, strict=True):
            readiness.update_item(lib, item.id, status=status)
        readiness.set_check(lib, wid, moved="leader_only")


def add_structure_demo(lib: Library, kickoff_id: int, main_id: int) -> None:
    """Fill both demo sessions: the kick-off diagnosed the constraints and set the plan;
    the follow-up (week 10) entered nine weeks of readings, marked the targets and found
    that only the leaders moved so far."""
    k_pids = [p.id for p in people.list_participants(lib, kickoff_id)]
    m_pids = [p.id for p in people.list_participants(lib, main_id)]
    _structure(lib, kickoff_id, k_pids, KICKOFF_SCORES, revealed_agreement=True)
    _plan(lib, kickoff_id, k_pids, weeks=0)
    _structure(lib, main_id, m_pids, SCORES, revealed_agreement=False)
    _plan(lib, main_id, m_pids, weeks=9)
