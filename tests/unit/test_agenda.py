"""The agenda, its templates and the run-mode clock: plain code, a fake clock, no sleeps."""

from __future__ import annotations

import pytest

from tension_desktop.model import ValidationError
from tension_desktop.model.agenda import (
    AgendaPhase,
    PhaseTimer,
    SessionRun,
    format_countdown,
    format_minutes,
    moved,
    phases_from_json,
    phases_to_json,
    retimed,
    total_minutes,
)
from tension_desktop.model.agenda_templates import (
    DEFAULT_TEMPLATE,
    PARTS,
    SCRIPTS,
    block_minutes,
    template,
    template_names,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_the_90_minute_template_has_opening_15_middle_55_close_20():
    phases = template(DEFAULT_TEMPLATE)
    assert total_minutes(phases) == 90
    assert block_minutes(phases) == {"opening": 15, "middle": 55, "close": 20, "breaks": 0}
    assert phases[0].exercise == "opening" and phases[-1].exercise == "closing"
    assert [p.position for p in phases] == list(range(len(phases)))


def test_half_day_and_two_days_are_built_from_the_same_parts():
    titles = {p.title for p in PARTS.values()}
    for name in template_names():
        phases = template(name)
        assert {p.title for p in phases} <= titles
    assert total_minutes(template("Half day")) > 180
    assert total_minutes(template("Two days")) > 600
    assert "Half day" in template_names() and "Two days" in template_names()


def test_every_phase_has_a_script_to_read_and_the_three_rescue_scripts_exist():
    for part in PARTS.values():
        assert part.prompts
    assert set(SCRIPTS) == {"Reframing a polarized debate", "Testing operational reality",
                            "Deciding without false certainty"}
    assert any("smallest reversible experiment" in line for line in SCRIPTS["Deciding without false certainty"])


def test_templates_are_fresh_copies():
    a = template(DEFAULT_TEMPLATE)
    a[0] = retimed(a[0], 10)
    assert template(DEFAULT_TEMPLATE)[0].minutes == 5


def test_unknown_template_is_refused():
    with pytest.raises(KeyError):
        template("Three weeks")


def test_moving_a_phase_renumbers_positions_and_keeps_the_total():
    phases = template(DEFAULT_TEMPLATE)
    out = moved(phases, 0, 3)
    assert out[3].title == phases[0].title
    assert [p.position for p in out] == list(range(len(out)))
    assert total_minutes(out) == 90


def test_retime_never_goes_below_zero():
    p = AgendaPhase("Tension map", 5, "tension_map")
    assert retimed(p, -10).minutes == 0
    assert retimed(p, 5).minutes == 10


def test_own_templates_round_trip_without_notes_or_timings():
    phases = [AgendaPhase("Frame", 5, "opening", ("Say the frame",), actual_seconds=400, notes="private")]
    back = phases_from_json(phases_to_json(phases))
    assert back[0].title == "Frame" and back[0].prompts == ("Say the frame",)
    assert back[0].notes == "" and back[0].actual_seconds is None
    with pytest.raises(ValidationError):
        phases_from_json('{"not": "a list"}')
    with pytest.raises(ValidationError):
        phases_from_json('[{"title": "", "minutes": 5}]')


def test_format_minutes_and_countdown():
    assert format_minutes(90) == "1 h 30 min"
    assert format_minutes(45) == "45 min"
    assert format_countdown(15 * 60) == "15:00"
    assert format_countdown(0.2) == "00:01"
    assert format_countdown(0) == "00:00"
    assert format_countdown(-130) == "+02:10"
    assert format_countdown(3 * 3600 + 5) == "3:00:05"


def test_timer_counts_down_only_while_running():
    clock = FakeClock()
    t = PhaseTimer(10 * 60, clock=clock)
    clock.advance(30)
    assert t.remaining == 600  # not started
    t.start()
    clock.advance(90)
    assert t.text() == "08:30"
    t.pause()
    clock.advance(300)
    assert t.text() == "08:30"
    assert t.toggle() is True
    clock.advance(30)
    assert t.text() == "08:00"


def test_plus_and_minus_five_minutes_move_the_planned_time():
    clock = FakeClock()
    t = PhaseTimer(10 * 60, clock=clock)
    t.start()
    clock.advance(60)
    t.add_minutes(5)
    assert t.text() == "14:00"
    t.add_minutes(-5)
    t.add_minutes(-5)
    assert t.text() == "04:00"
    t.add_minutes(-60)
    assert t.planned_seconds == 0 and t.over_time


def test_overrunning_turns_over_time_and_keeps_counting():
    clock = FakeClock()
    t = PhaseTimer(60, clock=clock)
    t.start()
    clock.advance(59)
    assert not t.over_time
    clock.advance(2)
    assert t.over_time
    assert t.text() == "+00:01"
    clock.advance(120)
    assert t.text() == "+02:01"


def test_session_run_records_actual_seconds_per_phase():
    clock = FakeClock()
    run = SessionRun([15, 55, 20], clock=clock)
    run.start()
    clock.advance(17 * 60)
    assert run.timer.over_time
    assert run.next() == (0, 17 * 60)
    assert run.index == 1 and run.timer.running
    clock.advance(50 * 60)
    assert run.previous() == (1, 50 * 60)
    clock.advance(60)  # back on the opening, its time continues
    assert run.timer.elapsed == 18 * 60
    run.go_to(2)
    clock.advance(20 * 60)
    assert run.next() is None
    assert run.finish() == (2, 20 * 60)
    assert run.finished
    assert run.actual == [18 * 60, 50 * 60, 20 * 60]


def test_a_paused_session_stays_paused_across_phases_and_extra_minutes_stick():
    clock = FakeClock()
    run = SessionRun([10, 10], clock=clock)
    run.start()
    run.add_minutes(5)
    clock.advance(60)
    assert run.toggle_pause() is False
    run.next()
    clock.advance(600)
    assert run.timer.elapsed == 0 and not run.timer.running
    run.previous()
    assert run.timer.text() == "14:00"  # the +5 is kept for the phase
    assert run.session_remaining() == 25 * 60 - 60


def test_an_empty_agenda_cannot_run():
    with pytest.raises(ValidationError):
        SessionRun([])
