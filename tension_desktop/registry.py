"""The one list of what the app is made of: exercises (tabs) and export commands.

The window (:mod:`tension_desktop.gui.exercises`), the CLI
(:mod:`tension_desktop.export.cli_exports`), the packaging spec (hidden imports) and
``tension-desktop self-check`` all read these tuples, so a feature added here is found
everywhere and a feature left out of a frozen build fails the self-check instead of
silently disappearing. Imports nothing (no Qt): the spec reads it at build time.
"""

from __future__ import annotations

#: Exercise tabs: (key, title, tab order, module whose import registers the screen).
EXERCISES: tuple[tuple[str, str, int, str], ...] = (
    ("session", "Agenda", 10, "tension_desktop.gui.session"),
    ("review", "Follow-up", 12, "tension_desktop.gui.session"),
    ("opening", "Opening round", 15, "tension_desktop.gui.session"),
    ("tension_map", "Tension map", 20, "tension_desktop.gui.tension_map"),
    ("board", "Three-column board", 30, "tension_desktop.gui.board"),
    ("premortem", "Pre-mortem", 40, "tension_desktop.gui.premortem"),
    ("stage_gates", "Stage gates", 50, "tension_desktop.gui.stage_gates"),
    ("covenant", "Covenant", 60, "tension_desktop.gui.covenant"),
    ("closing", "Close && commitments", 70, "tension_desktop.gui.session"),
)

#: Modules that register ``tension-desktop export WHAT`` commands when imported (no Qt).
EXPORT_MODULES: tuple[str, ...] = (
    "tension_desktop.export.covenant_cli",
    "tension_desktop.export.map_cli",
    "tension_desktop.export.board_cli",
)


def exercise_modules() -> tuple[str, ...]:
    """The modules that register exercise screens, each once, in tab order."""
    return tuple(dict.fromkeys(module for *_rest, module in EXERCISES))


def all_modules() -> tuple[str, ...]:
    """Every module the registry names (the packaging spec's hidden imports)."""
    return exercise_modules() + EXPORT_MODULES
