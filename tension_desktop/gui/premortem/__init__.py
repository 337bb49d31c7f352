"""The pre-mortem exercise screen (registered as tab "Pre-mortem")."""

from __future__ import annotations

from ..exercises import register
from .view import PremortemView

register("premortem", "Pre-mortem", PremortemView, order=40)

__all__ = ["PremortemView"]
