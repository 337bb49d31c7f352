"""The stage-gate exercise screen (registered as tab "Stage gates")."""

from __future__ import annotations

from ..exercises import register
from .view import StageGatesView

register("stage_gates", "Stage gates", StageGatesView, order=50)

__all__ = ["StageGatesView"]
