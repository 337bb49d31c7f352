"""Structure before behaviour: the 90-day readiness plan tab.

The tab ``readiness`` of :data:`tension_desktop.registry.EXERCISES`.
"""

from __future__ import annotations

from .view import ReadinessView

__all__ = ["ReadinessView"]
