"""The covenant exercise: editor, checks, suggestions and PDF handouts."""

from __future__ import annotations

from typing import TYPE_CHECKING

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

__all__ = ["CovenantView", "factory"]
