"""Registry of exercise screens shown as tabs of an open workshop.

Each exercise feature registers a factory ``(doc) -> QWidget`` under a key and title.
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
    factory: Callable[..., QWidget]
    order: int = 100


EXERCISES: dict[str, Exercise] = {}

#: Modules that register exercises when imported (kept optional while features are built).
FEATURE_MODULES = (
    "tension_desktop.gui.session",
    "tension_desktop.gui.tension_map",
    "tension_desktop.gui.board",
    "tension_desktop.gui.premortem",
    "tension_desktop.gui.stage_gates",
    "tension_desktop.gui.covenant",
)


def register(key: str, title: str, factory: Callable[..., QWidget], order: int = 100) -> None:
    EXERCISES[key] = Exercise(key, title, factory, order)


def load_features() -> list[Exercise]:
    """Import the feature modules and return the exercises in tab order."""
    for module in FEATURE_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    return sorted(EXERCISES.values(), key=lambda e: e.order)
