"""Structure before behaviour: the constraint diagnosis tab.

The tab ``structure`` of :data:`tension_desktop.registry.EXERCISES`.
"""

from __future__ import annotations

from .view import StructureView

__all__ = ["StructureView"]
