"""Model rules: invalid data is refused with a ValidationError naming the field."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tension_desktop.model import (
    AgendaPhase,
    BoardCard,
    BoardElement,
    Commitment,
    CovenantItem,
    DecisionRight,
    EscalationThreshold,
    GateDecision,
    Initiative,
    Participant,
    Placement,
    PulseCheck,
    Risk,
    Team,
    ValidationError,
    Workshop,
    quadrant_of,
)

BLANKS = st.text(alphabet=" \t\n\r\u00a0\u2003", max_size=6)


def refused(field: str, build) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        build()
    assert info.value.field == field, f"expected the error to name {field!r}, got {info.value.field!r}"
    assert str(info.value).startswith(f"{field}: ")
    return info.value


@given(BLANKS)
def test_an_empty_or_blank_name_is_refused_naming_the_field(blank):
    refused("participant name", lambda: Participant(name=blank))
    refused("team name", lambda: Team(name=blank))
    refused("workshop title", lambda: Workshop(team_id=1, title=blank))
    refused("initiative title", lambda: Initiative(title=blank))
    refused("element text", lambda: BoardElement(text=blank))
    refused("risk text", lambda: Risk(text=blank))
    refused("covenant item", lambda: CovenantItem(kind="protected", text=blank))
    refused("threshold metric", lambda: EscalationThreshold(metric=blank))
    refused("phase title", lambda: AgendaPhase(title=blank, minutes=10))
    refused("decision", lambda: DecisionRight(decision=blank))


def test_a_name_that_is_not_text_is_refused_with_its_type():
    err = refused("participant name", lambda: Participant(name=None))
    assert "NoneType" in err.message
    refused("initiative title", lambda: Initiative(title=42))


def test_names_are_stored_without_surrounding_whitespace():
    assert Participant(name="  Amara  ", role=" CEO ").name == "Amara"
    assert Participant(name="Amara", role=" CEO ").role == "CEO"


def test_an_overlong_name_is_refused_with_its_length():
    err = refused("participant name", lambda: Participant(name="x" * 121))
    assert "121" in err.message


@given(st.one_of(
    st.floats(max_value=-1e-9, allow_nan=False),
    st.floats(min_value=1.000001, allow_nan=False),
    st.just(math.nan), st.just(math.inf), st.just(-math.inf),
))
def test_a_coordinate_outside_0_to_1_is_refused(value):
    refused("placement x", lambda: Placement(initiative_id=1, x=value, y=0.5, participant_id=1))
    refused("placement y", lambda: Placement(initiative_id=1, x=0.5, y=value, participant_id=1))


@given(st.floats(min_value=0, max_value=1), st.floats(min_value=0, max_value=1))
def test_every_coordinate_within_0_to_1_is_accepted_and_has_a_quadrant(x, y):
    p = Placement(initiative_id=1, x=x, y=y, participant_id=1)
    assert p.quadrant == quadrant_of(x, y)
    assert p.quadrant in ("routine", "safe_to_experiment", "protect_and_run", "bet_with_guardrails")


def test_a_coordinate_must_be_a_number_not_text_or_a_bool():
    refused("placement x", lambda: Placement(initiative_id=1, x="0.5", y=0.5, participant_id=1))
    refused("placement y", lambda: Placement(initiative_id=1, x=0.5, y=True, participant_id=1))


def test_a_placement_round_must_be_private_revealed_or_agreed():
    refused("placement round", lambda: Placement(initiative_id=1, x=0.5, y=0.5, round="secret", participant_id=1))


def test_an_agreed_placement_belongs_to_the_group_and_a_private_one_to_a_person():
    refused("placement participant", lambda: Placement(initiative_id=1, x=0.5, y=0.5, round="agreed",
                                                       participant_id=3))
    refused("placement participant", lambda: Placement(initiative_id=1, x=0.5, y=0.5, round="private"))
    assert Placement(initiative_id=1, x=0.5, y=0.5, round="agreed").participant_id is None


def test_a_colour_must_be_a_hex_colour():
    refused("participant colour", lambda: Participant(name="A", colour="red"))
    refused("participant colour", lambda: Participant(name="A", colour="#12345"))
    assert Participant(name="A", colour="#A0b1C2").colour == "#A0b1C2"


def test_a_board_card_needs_a_known_column_a_participant_and_a_non_negative_order():
    refused("card column", lambda: BoardCard(element_id=1, participant_id=1, column="maybe"))
    refused("card participant", lambda: BoardCard(element_id=1, participant_id=None, column="can_flex"))
    refused("card position", lambda: BoardCard(element_id=1, participant_id=1, column="can_flex", position=-1))
    refused("card rationale", lambda: BoardCard(element_id=1, participant_id=1, column="can_flex",
                                                rationale="x" * 501))


def test_dates_must_be_iso_dates():
    refused("workshop date", lambda: Workshop(team_id=1, title="Offsite", date="20/11/2026"))
    refused("commitment due date", lambda: Commitment(kind="experiment", due_date="next week"))
    refused("gate review date", lambda: GateDecision(initiative_id=1, from_stage="pilot", to_stage="validate",
                                                     review_date="2026-13-01"))
    assert Workshop(team_id=1, title="Offsite", date=" 2026-11-20 ").date == "2026-11-20"


def test_kinds_statuses_stages_and_roles_come_from_their_lists():
    refused("commitment kind", lambda: Commitment(kind="promise"))
    refused("commitment status", lambda: Commitment(kind="experiment", status="maybe"))
    refused("covenant item kind", lambda: CovenantItem(kind="sacred", text="Uptime"))
    refused("initiative stage", lambda: Initiative(title="X", stage="launch"))
    refused("gate to stage", lambda: GateDecision(initiative_id=1, from_stage="pilot", to_stage="launch"))
    refused("decision role", lambda: DecisionRight(decision="Go", roles={"veto": (1,)}))
    refused("phase exercise", lambda: AgendaPhase(title="Open", minutes=5, exercise="karaoke"))


@given(st.integers().filter(lambda n: not 1 <= n <= 5))
def test_a_pulse_answer_outside_1_to_5_is_refused(answer):
    refused("pulse fairness", lambda: PulseCheck(participant_id=1, rationale=3, fairness=answer, escalation=3))


def test_counts_are_whole_numbers_within_bounds():
    refused("risk votes", lambda: Risk(text="It failed", votes=-1))
    refused("phase minutes", lambda: AgendaPhase(title="Open", minutes=-5))
    refused("phase minutes", lambda: AgendaPhase(title="Open", minutes=2.5))


def test_moving_an_initiative_back_a_stage_reopens_the_decision():
    assert GateDecision(initiative_id=1, from_stage="validate", to_stage="pilot").reopened
    assert not GateDecision(initiative_id=1, from_stage="pilot", to_stage="validate").reopened


def test_a_commitment_says_what_is_missing_for_it_to_count():
    assert Commitment(kind="safeguard").missing() == ["what", "owner", "date"]
    assert Commitment(kind="safeguard", text="Dashboard", owner_id=2, due_date="2026-12-01").missing() == []


def test_a_date_given_as_a_date_or_a_moment_is_stored_as_its_calendar_day():
    import datetime as dt

    assert Commitment(kind="experiment", due_date=dt.date(2027, 1, 31)).due_date == "2027-01-31"
    assert Commitment(kind="experiment", due_date=dt.datetime(2027, 1, 31, 17, 30)).due_date == "2027-01-31"
