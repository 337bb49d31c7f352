"""Structure before behaviour: the constraint diagnosis tab.

Registers the ``structure`` tab with :mod:`tension_desktop.gui.exercises`.
"""

from __future__ import annotations

from ..exercises import register
from .view import StructureView

register("structure", "Constraint diagnosis", StructureView, order=65)

__all__ = ["StructureView"]
