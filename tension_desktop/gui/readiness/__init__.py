"""Structure before behaviour: the 90-day readiness plan tab.

Registers the ``readiness`` tab with :mod:`tension_desktop.gui.exercises`.
"""

from __future__ import annotations

from ..exercises import register
from .view import ReadinessView

register("readiness", "Readiness plan", ReadinessView, order=67)

__all__ = ["ReadinessView"]
