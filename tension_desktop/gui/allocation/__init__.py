"""The allocation round screen (registered as tab "Allocation")."""

from __future__ import annotations

from ..exercises import register
from .view import AllocationView

register("allocation", "Allocation", AllocationView, order=55)

__all__ = ["AllocationView"]
