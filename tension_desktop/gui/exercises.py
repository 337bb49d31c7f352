"""The exercise screens shown as tabs of an open workshop, as :data:`tension_desktop.registry.EXERCISES`
declares them.

The tabs are known by name beforehand (:data:`DECLARED`), so an open workshop shows all its
tabs without importing any feature module: a screen's module is imported the first time the
screen is needed (its tab is shown). That keeps start-up fast. The agenda's choices
(:data:`tension_desktop.model.agenda.EXERCISES`) are read from the same registry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtWidgets import QWidget

from tension_desktop import registry


class Exercise(NamedTuple):
    """A tab of an open workshop (a named tuple: made at start-up, cheaper than a dataclass)."""

    key: str
    title: str
    factory: Callable[..., QWidget] | None
    order: int = 100
    #: the module that holds the factory (for a tab declared by name)
    module: str = ""


#: Exercises whose screen factory has been loaded, by key.
EXERCISES: dict[str, Exercise] = {}

#: Every tab, known by name (no module imported).
DECLARED: tuple[Exercise, ...] = tuple(Exercise(e.key, e.title, None, e.order, e.module) for e in registry.EXERCISES)

#: The modules that hold the screens.
FEATURE_MODULES = tuple(dict.fromkeys(e.module for e in DECLARED))


def available() -> list[Exercise]:
    """All exercises in tab order, declared or loaded, without importing any module."""
    found = {e.key: e for e in DECLARED}
    found.update(EXERCISES)
    return sorted(found.values(), key=lambda e: e.order)


def factory_for(key: str) -> Callable[..., QWidget] | None:
    """The factory of an exercise, importing its module first if needed; None if it has none."""
    if key not in EXERCISES:
        entry = next((e for e in registry.EXERCISES if e.key == key), None)
        if entry is None:
            return None
        EXERCISES[key] = Exercise(key, entry.title, registry.load(entry.screen), entry.order, entry.module)
    return EXERCISES[key].factory


def load_features() -> list[Exercise]:
    """Import every exercise's screen and return the exercises in tab order."""
    for e in DECLARED:
        factory_for(e.key)
    return sorted(EXERCISES.values(), key=lambda e: e.order)
