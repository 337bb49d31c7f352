"""The one list of the exercises (the tabs of an open workshop) and the exports
(``tension-desktop export WHAT``).

Read by the window (:mod:`tension_desktop.gui.exercises`), the command line
(:mod:`tension_desktop.export.cli_exports`) and the packaging spec (its hidden imports), so
a new exercise or export is declared here once and cannot go missing from one of them.
Everything is named lazily, as ``"module:attr"`` strings: reading the registry imports
nothing, so start-up stays fast and the core stays free of Qt. A test imports every entry.
"""

from __future__ import annotations

import importlib
from typing import Any, NamedTuple


class ExerciseEntry(NamedTuple):
    """A tab: its key (the agenda's name for it), title (a Qt label: ``&&`` shows one ``&``),
    place in the tab order, and the ``"module:attr"`` of its screen factory, called as
    ``factory(doc) -> QWidget``. ``phase_title`` is how the agenda names it when a phase opens
    it (``""``: the tab's title; ``None``: no agenda phase opens it)."""

    key: str
    title: str
    order: int
    screen: str
    phase_title: str | None = ""

    @property
    def module(self) -> str:
        return module_of(self.screen)


class ExportEntry(NamedTuple):
    """``export NAME``: its help line and the ``"module:attr"`` of its
    ``(configure(parser), run(args, open_library) -> int)`` pair."""

    name: str
    help: str
    command: str

    @property
    def module(self) -> str:
        return module_of(self.command)


EXERCISES: tuple[ExerciseEntry, ...] = (
    ExerciseEntry("session", "Agenda", 10, "tension_desktop.gui.session:AgendaTab", phase_title=None),
    ExerciseEntry("review", "Follow-up", 12, "tension_desktop.gui.session:ReviewView", "Follow-up review"),
    ExerciseEntry("opening", "Opening round", 15, "tension_desktop.gui.session:OpeningView"),
    ExerciseEntry("tension_map", "Tension map", 20, "tension_desktop.gui.tension_map:factory"),
    ExerciseEntry("board", "Three-column board", 30, "tension_desktop.gui.board:make_board"),
    ExerciseEntry("premortem", "Pre-mortem", 40, "tension_desktop.gui.premortem:PremortemView"),
    ExerciseEntry("stage_gates", "Stage gates", 50, "tension_desktop.gui.stage_gates:StageGatesView"),
    ExerciseEntry("covenant", "Covenant", 60, "tension_desktop.gui.covenant:factory"),
    ExerciseEntry("closing", "Close && commitments", 70, "tension_desktop.gui.session:ClosingView",
                  "Close & commitments"),
    ExerciseEntry("polarity", "Polarity map", 17, "tension_desktop.gui.polarity:PolarityView"),
    ExerciseEntry("allocation", "Allocation", 55, "tension_desktop.gui.allocation:AllocationView",
                  "Allocation round"),
    ExerciseEntry("structure", "Constraint diagnosis", 65, "tension_desktop.gui.structure:StructureView"),
    ExerciseEntry("readiness", "Readiness plan", 67, "tension_desktop.gui.readiness:ReadinessView",
                  "90-day readiness plan"),
)

EXPORTS: tuple[ExportEntry, ...] = (
    ExportEntry("memo", "a one-page decision memo for one decision right",
                "tension_desktop.export.covenant_cli:MEMO"),
    ExportEntry("covenant", "the reliability covenant as PDF handouts (team and/or per participant)",
                "tension_desktop.export.covenant_cli:COVENANT"),
    ExportEntry("report", "the session report PDF: tension map, board alignment, top risks, covenant",
                "tension_desktop.export.covenant_cli:REPORT"),
    ExportEntry("map", "the tension map's placements as CSV (one row per placement)",
                "tension_desktop.export.map_cli:COMMAND"),
    ExportEntry("board", "the three-column board as CSV (one row per card)",
                "tension_desktop.export.board_cli:COMMAND"),
    ExportEntry("polarity", "the polarity map as CSV (entries, then revealed voices)",
                "tension_desktop.export.exercise_cli:POLARITY"),
    ExportEntry("allocation", "the allocation round as CSV (portfolio, target, revealed splits)",
                "tension_desktop.export.exercise_cli:ALLOCATION"),
    ExportEntry("diagnosis", "the constraint diagnosis as CSV (one row per sorting, the scorecard)",
                "tension_desktop.export.structure_cli:DIAGNOSIS"),
    ExportEntry("readiness", "the 90-day readiness plan as CSV (items and weekly values)",
                "tension_desktop.export.structure_cli:READINESS"),
)


def module_of(target: str) -> str:
    """The module part of ``"module:attr"``."""
    return target.partition(":")[0]


def load(target: str) -> Any:
    """Import ``"module:attr"`` and return the attribute."""
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


def modules() -> list[str]:
    """Every module the registry names, in order (the packaging's hidden imports: they are
    imported by name, so PyInstaller cannot find them by itself)."""
    return list(dict.fromkeys([*(e.module for e in EXERCISES), *(e.module for e in EXPORTS)]))


def phase_exercises() -> dict[str, str]:
    """key -> title of every exercise an agenda phase can open, in tab order (the agenda's
    choices: :data:`tension_desktop.model.agenda.EXERCISES` is read from here)."""
    return {e.key: e.phase_title or e.title.replace("&&", "&")
            for e in sorted(EXERCISES, key=lambda e: e.order) if e.phase_title is not None}
