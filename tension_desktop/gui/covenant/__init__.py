"""The covenant exercise: editor, checks, suggestions and PDF handouts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tension_desktop.gui import exercises

if TYPE_CHECKING:
    from .view import CovenantView


def factory(doc) -> CovenantView:
    from .view import CovenantView  # imported with its tab: the File menu only needs .export

    return CovenantView(doc)


def __getattr__(name: str):
    if name == "CovenantView":
        from .view import CovenantView

        return CovenantView
    raise AttributeError(name)


exercises.register("covenant", "Covenant", factory, order=60)

__all__ = ["CovenantView", "factory"]
