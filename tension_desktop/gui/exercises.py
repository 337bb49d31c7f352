"""Registry of exercise screens shown as tabs of an open workshop.

Each exercise feature registers a factory ``(doc) -> QWidget`` under a key and title when its
module is imported. The tabs are known by name beforehand (:data:`DECLARED`), so an open
workshop shows all its tabs without importing any feature module: a module is imported the
first time one of its screens is needed (its tab is shown). That keeps start-up fast.
Keys match :data:`tension_desktop.model.agenda.EXERCISES` so the agenda can open them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class Exercise:
    key: str
    title: str
    factory: Callable[..., QWidget] | None
    order: int = 100
    #: the module whose import registers the factory (for a tab declared by name)
    module: str = ""


EXERCISES: dict[str, Exercise] = {}

#: Tabs known by name (key, title, order, module that registers them). The titles and orders
#: are the ones the modules register (a test keeps them in step).
DECLARED: tuple[Exercise, ...] = tuple(
    Exercise(key, title, None, order, module) for key, title, order, module in (
        ("session", "Agenda", 10, "tension_desktop.gui.session"),
        ("review", "Follow-up", 12, "tension_desktop.gui.session"),
        ("opening", "Opening round", 15, "tension_desktop.gui.session"),
        ("tension_map", "Tension map", 20, "tension_desktop.gui.tension_map"),
        ("board", "Three-column board", 30, "tension_desktop.gui.board"),
        ("premortem", "Pre-mortem", 40, "tension_desktop.gui.premortem"),
        ("stage_gates", "Stage gates", 50, "tension_desktop.gui.stage_gates"),
        ("covenant", "Covenant", 60, "tension_desktop.gui.covenant"),
        ("closing", "Close && commitments", 70, "tension_desktop.gui.session"),
        ("structure", "Constraint diagnosis", 65, "tension_desktop.gui.structure"),
        ("readiness", "Readiness plan", 67, "tension_desktop.gui.readiness"),
    )
)

#: Modules that register exercises when imported (kept optional while features are built).
FEATURE_MODULES = tuple(dict.fromkeys(e.module for e in DECLARED))


def register(key: str, title: str, factory: Callable[..., QWidget], order: int = 100) -> None:
    """Called by a feature module at import: ``factory(doc)`` builds the exercise's screen."""
    EXERCISES[key] = Exercise(key, title, factory, order)


def _import_optional(module: str) -> None:
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise


def available() -> list[Exercise]:
    """All exercises in tab order, declared or registered, without importing any module."""
    found = {e.key: e for e in DECLARED}
    found.update(EXERCISES)
    return sorted(found.values(), key=lambda e: e.order)


def factory_for(key: str) -> Callable[..., QWidget] | None:
    """The factory of an exercise, importing its module first if needed; None if it has none."""
    if key not in EXERCISES:
        declared = next((e for e in DECLARED if e.key == key), None)
        if declared is not None:
            _import_optional(declared.module)
    exercise = EXERCISES.get(key)
    return exercise.factory if exercise is not None else None


def load_features() -> list[Exercise]:
    """Import all the feature modules and return the registered exercises in tab order."""
    for module in FEATURE_MODULES:
        _import_optional(module)
    return sorted(EXERCISES.values(), key=lambda e: e.order)
