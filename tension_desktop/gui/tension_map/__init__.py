"""The tension map exercise: placing initiatives on two axes, privately, then revealed and agreed."""

from __future__ import annotations

from .widget import TensionMapWidget


def factory(doc) -> TensionMapWidget:
    return TensionMapWidget(doc)


__all__ = ["TensionMapWidget", "factory"]
