"""The three-column board exercise: Must protect / Can flex / Need evidence, with alignment."""

from __future__ import annotations

from tension_desktop.gui import exercises

from .widget import BoardWidget, make_board

exercises.register("board", "Three-column board", make_board, order=30)

__all__ = ["BoardWidget", "make_board"]
