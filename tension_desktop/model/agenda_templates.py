"""Built-in agendas, made of the same parts, with the coach's scripts.

A *part* is one phase as the coach runs it: a title, default minutes, the exercise it
opens and the lines the coach reads aloud. The 90-minute session, the half day, the two
days and the follow-up session are lists of parts with their own timings.
"""

from __future__ import annotations

from dataclasses import replace

from .agenda import AgendaPhase, total_minutes

#: Scripts the coach can reach at any moment of a session, whatever the phase.
SCRIPTS: dict[str, tuple[str, ...]] = {
    "Reframing a polarized debate": (
        "I hear two good duties pulling against each other, not one right side and one wrong side.",
        "Let's not ask whether we innovate or protect reliability. Let's ask how we do both here, responsibly.",
        "What is the upside each of you is protecting? Say it in one sentence, starting with 'I want us to keep...'.",
        "What would you see first if we over-focused on your side? That is our early warning.",
        "You placed this far apart. Before anyone argues, each of you: what do you know that the other may not?",
    ),
    "Testing operational reality": (
        "Walk me through the first bad day. Who gets the call, at what hour, and what do they do?",
        "Who in this room would carry the pager for this? Do they agree with where it sits on the map?",
        "What has to be true in support, billing and compliance for this to scale, not only to launch?",
        "If we had to roll this back on Friday afternoon, how long would it take, and who decides?",
        "Which number would tell us it is hurting customers before a customer tells us?",
    ),
    "Deciding without false certainty": (
        "We will not know everything today. What would we need to see to change our mind?",
        "What is the smallest reversible experiment that teaches us the most?",
        "Let's decide for this stage only, with a review date, and write down the rollback trigger.",
        "One owner, one date. Who approves this, exactly one person?",
        "Disagree and commit is allowed. Disagree and undermine is not. Can each of you live with this until the review?",
    ),
}

PARTS: dict[str, AgendaPhase] = {
    "frame": AgendaPhase(
        "Opening: the frame", 5, "opening",
        ("Thank you for making the time. Today is not about whether we innovate or protect reliability.",
         "It is about how we do both responsibly, and who decides what, when they pull against each other.",
         "Disagreement is the raw material today. I will make it visible; you will turn it into decisions.")),
    "opening_round": AgendaPhase(
        "Opening round: one risk, one opportunity", 10, "opening",
        ("Each of you, in turn: one risk this team underappreciates, and one opportunity it underuses.",
         "One sentence each. No debate yet; we only listen and capture.",
         "Notice where the risks of one are the opportunities of another.")),
    "review": AgendaPhase(
        "Review: last commitments and decisions", 15, "review",
        ("Before anything new: what did we commit to last time, and what happened?",
         "Done, slipped or dropped. No blame, only facts, and what we learned from the slip.",
         "Which decisions did we reopen since, and why? Was it new evidence or old disagreement?")),
    "tension_map": AgendaPhase(
        "Tension map: where does each initiative sit?", 15, "tension_map",
        ("Place each initiative where you believe it sits: how new is it, how critical is it to run reliably?",
         "Place privately first. Your view matters precisely because it may differ.",
         "After the reveal: we start with the initiative you disagree on most, not the easy ones.",
         "Where do we agree it sits? That position sets its governance: a light gate or a risk threshold.")),
    "board": AgendaPhase(
        "Three-column board: protect, flex, evidence", 15, "board",
        ("For this initiative: what must we protect, what can flex, and what do we simply not know yet?",
         "Say why with each card. The why is where the hidden conflict lives.",
         "Where one of you says 'must protect' and another 'can flex', we stop and talk.")),
    "premortem": AgendaPhase(
        "Pre-mortem: it failed, why?", 10, "premortem",
        ("It is twelve months from now and this initiative failed. Write why: technical, organizational, "
         "financial, customer-facing.",
         "Vote your top three. Each one gets an owner and a mitigation; a risk without an owner is not done.")),
    "stage_gates": AgendaPhase(
        "Stage gates: evidence to pass the next gate", 15, "stage_gates",
        ("For each initiative: which stage is it really in, and what evidence opens the next gate?",
         "A pilot may tolerate ambiguity if customer exposure is small. Scale needs resilience, support "
         "readiness and cost clarity.",
         "What are the rollback criteria, who owns the gate, and when do we review?")),
    "covenant": AgendaPhase(
        "Covenant: protect, degrade, escalate", 15, "covenant",
        ("What do we protect at all costs? What may be degraded for a while, and within which limits?",
         "For each key metric: one owner, one threshold, one pre-approved lever.",
         "If the threshold is hit, the owner acts without asking. Can everyone live with that?")),
    "commitments": AgendaPhase(
        "Close: three commitments", 15, "closing",
        ("Three commitments before we leave: one experiment, one reliability safeguard, one communication step.",
         "Each needs one owner in this room and a date. No owner, no commitment.")),
    "final_question": AgendaPhase(
        "Close: final question and pulse", 5, "closing",
        ("Last question, and take a moment: what will be different in our next meeting if we are truly aligned?",
         "Three quick ratings from each of you: the rationale, the fairness of the trade-offs, where to escalate.")),
    "polarity": AgendaPhase(
        "Polarity map: a tension to manage, not a problem to solve", 25, "polarity",
        ("Innovation and execution are not a problem we solve once. They are two poles we keep serving, both.",
         "First, alone: what are you trying to preserve? What do you fear will happen if the other side wins?",
         "Now the room: what does each pole give us? What happens when we serve only that one?",
         "For each pole: which steps keep its upside, and which number tells us early that we are sliding "
         "into its downside? Each warning gets one owner.",
         "If your plan is 'execution by day, innovation at night', that is two full-time jobs. Who burns out first?")),
    "allocation": AgendaPhase(
        "Allocation: the portfolio and our own time", 30, "allocation",
        ("Alone first: how should our effort split across running it, improving it and building what is new?",
         "Then your own week: how you spend it now, and how you should. Be honest; nobody sees it until the reveal.",
         "Here is what the initiatives on the table actually add up to. Is that the company we said we wanted?",
         "Place the new request. What does it displace? Say it out loud, with the name of the initiative.",
         "One commitment each: what goes into the calendar, or which operational decision do you delegate, "
         "and to whom?")),
    "structure": AgendaPhase(
        "Constraint diagnosis: behavioural or structural?", 35, "structure",
        ("Each of you, alone: the blockers you run into. One short card each, as it happens, no names needed.",
         "Now sort every blocker, alone: inside a person (skill, mindset, regulation) or outside (decision "
         "rights, incentives, information flow, cadence)? Say why.",
         "If Sales is paid on volume and Operations on margin and nobody arbitrates, they should fight. "
         "We start where you disagree: behavioural for some, structural for others.",
         "Before we call it a person: would anyone in this seat, with these decision rights, behave differently?",
         "Three conditions, rated alone, 1 to 5: decision authority clarity, feedback loop integrity, "
         "accountability architecture.")),
    "readiness": AgendaPhase(
        "90-day readiness plan", 20, "readiness",
        ("Three behaviour targets: behaviours, not outcomes. 'Close decisions in writing', not 'faster decisions'.",
         "Three leading indicators we can count every week. Who owns each, where are we today, where by week 12?",
         "One reinforcement mechanism the structure carries when nobody is watching: decision memos, "
         "owner-by-default, escalation thresholds, a meeting template.",
         "The cadence: weekly execution review, monthly operating review, quarterly reset. Who owns each?")),
    "readiness_review": AgendaPhase(
        "Readiness review: the weeks since last time", 10, "readiness",
        ("The weekly numbers since our last session, one indicator at a time, against baseline and target.",
         "Each behaviour target: held or slipping? Facts, not intentions.",
         "Whose behaviour moved: the team's, or only the leader's? If only the leader's, the constraint is "
         "structural.")),
    "break": AgendaPhase("Break", 15, "", ("Stretch. The map stays on the wall; walk past it.",)),
    "lunch": AgendaPhase("Lunch", 60, "", ("Sit next to someone whose dot was far from yours.",)),
    "day_wrap": AgendaPhase(
        "Day one wrap-up", 15, "",
        ("What surprised you today? What do you want to sleep on before we decide tomorrow?",)),
    "day_open": AgendaPhase(
        "Day two check-in", 15, "opening",
        ("What has shifted overnight? Anything you want to put back on the table before we decide?",)),
}

#: Each built-in template: (part key, minutes) in order.
_TEMPLATES: dict[str, list[tuple[str, int]]] = {
    # 90 minutes: opening 15, a middle of 55 that holds what fits (two or three exercises,
    # never four), close 20
    "90-minute session": [
        ("frame", 5), ("opening_round", 10),
        ("tension_map", 25), ("covenant", 30),
        ("commitments", 15), ("final_question", 5),
    ],
    "90 minutes: map + board + covenant": [
        ("frame", 5), ("opening_round", 10),
        ("tension_map", 20), ("board", 15), ("covenant", 20),
        ("commitments", 15), ("final_question", 5),
    ],
    "90 minutes: map + pre-mortem + gates": [
        ("frame", 5), ("opening_round", 10),
        ("tension_map", 20), ("premortem", 20), ("stage_gates", 15),
        ("commitments", 15), ("final_question", 5),
    ],
    "Half day": [
        ("frame", 10), ("opening_round", 20),
        ("tension_map", 30), ("board", 25), ("break", 15), ("premortem", 25), ("stage_gates", 25),
        ("covenant", 30), ("commitments", 20), ("final_question", 10),
    ],
    "Two days": [
        ("frame", 15), ("opening_round", 30), ("tension_map", 60), ("break", 15), ("board", 60),
        ("lunch", 60), ("premortem", 45), ("break", 15), ("stage_gates", 60), ("day_wrap", 15),
        ("day_open", 15), ("stage_gates", 45), ("break", 15), ("covenant", 75), ("lunch", 60),
        ("covenant", 45), ("commitments", 30), ("final_question", 15),
    ],
    "Half day: polarity and allocation": [
        ("frame", 10), ("opening_round", 15),
        ("polarity", 35), ("tension_map", 30), ("break", 15), ("allocation", 35),
        ("covenant", 30), ("commitments", 20), ("final_question", 10),
    ],
    "Follow-up session": [
        ("frame", 5), ("readiness_review", 10), ("review", 10),
        ("tension_map", 15), ("stage_gates", 10), ("covenant", 20),
        ("commitments", 15), ("final_question", 5),
    ],
    # structure before behaviour: diagnose the constraint, then the plan the structure can carry
    "90 minutes: structure before behaviour": [
        ("frame", 5), ("opening_round", 10),
        ("structure", 35), ("readiness", 20),
        ("commitments", 15), ("final_question", 5),
    ],
}

DEFAULT_TEMPLATE = "90-minute session"
FOLLOW_UP_TEMPLATE = "Follow-up session"


def template_names() -> list[str]:
    """The built-in templates, shortest first."""
    return list(_TEMPLATES)


def template(name: str) -> list[AgendaPhase]:
    """A fresh copy of a built-in template's phases, positions numbered from 0."""
    if name not in _TEMPLATES:
        raise KeyError(f"There is no built-in agenda called {name!r}.")
    return [replace(PARTS[key], minutes=minutes, position=i) for i, (key, minutes) in enumerate(_TEMPLATES[name])]


def block_minutes(phases: list[AgendaPhase]) -> dict[str, int]:
    """Minutes per block of the session: 'opening', 'middle', 'close', 'breaks'."""
    blocks = {"opening": 0, "middle": 0, "close": 0, "breaks": 0}
    for p in phases:
        if p.exercise in ("opening", "review"):
            blocks["opening"] += p.minutes
        elif p.exercise == "closing":
            blocks["close"] += p.minutes
        elif p.exercise:
            blocks["middle"] += p.minutes
        else:
            blocks["breaks"] += p.minutes
    return blocks


#: The fewest minutes an exercise needs to be worth starting (a map needs everyone to place
#: and then talk about the widest spreads; a pre-mortem needs writing, clustering and a vote).
MIN_MINUTES: dict[str, int] = {
    "tension_map": 15, "board": 15, "premortem": 15, "stage_gates": 10, "covenant": 15,
    "opening": 5, "review": 10, "closing": 5, "polarity": 20, "allocation": 20,
    "structure": 25, "readiness": 10,
}


def too_short(phases: list[AgendaPhase]) -> list[str]:
    """One sentence per exercise whose planned minutes (all its phases together) fall under
    its floor (:data:`MIN_MINUTES`), in agenda order; empty when every exercise has its time."""
    planned: dict[str, int] = {}
    titles: dict[str, str] = {}
    for p in phases:
        if p.exercise in MIN_MINUTES:
            planned[p.exercise] = planned.get(p.exercise, 0) + p.minutes
            titles.setdefault(p.exercise, p.title)
    return [f"{titles[key]} has {minutes} min planned; it needs at least {MIN_MINUTES[key]}."
            for key, minutes in planned.items() if minutes < MIN_MINUTES[key]]


__all__ = ["DEFAULT_TEMPLATE", "MIN_MINUTES", "too_short", "FOLLOW_UP_TEMPLATE", "PARTS", "SCRIPTS", "block_minutes", "template",
           "template_names", "total_minutes"]
