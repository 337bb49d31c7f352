"""The three-column board exercise: Must protect / Can flex / Need evidence, with alignment."""

from __future__ import annotations

from .widget import BoardWidget, make_board

__all__ = ["BoardWidget", "make_board"]
