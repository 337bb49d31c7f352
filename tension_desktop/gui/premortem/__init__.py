"""The pre-mortem exercise screen (the tab "Pre-mortem" of the registry)."""

from __future__ import annotations

from .view import PremortemView

__all__ = ["PremortemView"]
