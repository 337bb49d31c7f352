"""The allocation round screen (the tab "Allocation" of the registry)."""

from __future__ import annotations

from .view import AllocationView

__all__ = ["AllocationView"]
