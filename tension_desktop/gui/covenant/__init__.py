"""The covenant exercise: editor, checks, suggestions and PDF handouts."""

from __future__ import annotations

from tension_desktop.gui import exercises

from .view import CovenantView


def factory(doc) -> CovenantView:
    return CovenantView(doc)


exercises.register("covenant", "Covenant", factory, order=60)

__all__ = ["CovenantView", "factory"]
