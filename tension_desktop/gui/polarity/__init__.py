"""The polarity map screen (the tab "Polarity map" of the registry)."""

from __future__ import annotations

from .view import PolarityView

__all__ = ["PolarityView"]
