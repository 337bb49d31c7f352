"""The built-in 90-minute agendas fit 90 minutes: opening 15, a middle of 55 that holds
what fits (never four exercises), close 20; stage gates are reachable; too little time warns."""

from __future__ import annotations

from tension_desktop.model.agenda import AgendaPhase, total_minutes
from tension_desktop.model.agenda_templates import (
    MIN_MINUTES,
    block_minutes,
    template,
    template_names,
    too_short,
)

NINETY = [n for n in template_names() if n.startswith("90")]


def test_every_90_minute_template_is_opening_15_middle_55_close_20_with_at_most_three_exercises():
    assert {"90-minute session", "90 minutes: map + board + covenant",
            "90 minutes: map + pre-mortem + gates"} <= set(NINETY)
    for name in NINETY:
        phases = template(name)
        assert total_minutes(phases) == 90, name
        assert block_minutes(phases) == {"opening": 15, "middle": 55, "close": 20, "breaks": 0}, name
        middle = {p.exercise for p in phases if p.exercise not in ("opening", "review", "closing", "")}
        assert 2 <= len(middle) <= 3, (name, middle)


def test_every_built_in_template_gives_each_exercise_its_floor_and_stage_gates_are_in_one():
    for name in template_names():
        assert too_short(template(name)) == [], name
    assert any("stage_gates" in {p.exercise for p in template(n)} for n in NINETY)


def test_an_exercise_squeezed_under_its_floor_is_named_in_a_sentence():
    phases = [AgendaPhase("Tension map", 10, "tension_map"), AgendaPhase("Pre-mortem", 5, "premortem"),
              AgendaPhase("Board part 1", 8, "board"), AgendaPhase("Board part 2", 8, "board")]
    assert too_short(phases) == [
        f"Tension map has 10 min planned; it needs at least {MIN_MINUTES['tension_map']}.",
        f"Pre-mortem has 5 min planned; it needs at least {MIN_MINUTES['premortem']}.",
    ]  # the board's two phases together have 16 minutes: enough
