"""The polarity map screen (registered as tab "Polarity map")."""

from __future__ import annotations

from ..exercises import register
from .view import PolarityView

register("polarity", "Polarity map", PolarityView, order=17)

__all__ = ["PolarityView"]
