"""The tension map exercise: placing initiatives on two axes, privately, then revealed and agreed."""

from __future__ import annotations

from ..exercises import register
from .widget import TensionMapWidget


def factory(doc) -> TensionMapWidget:
    return TensionMapWidget(doc)


register("tension_map", "Tension map", factory, order=20)

__all__ = ["TensionMapWidget", "factory"]
