"""The stage-gate exercise screen (the tab "Stage gates" of the registry)."""

from __future__ import annotations

from .view import StageGatesView

__all__ = ["StageGatesView"]
