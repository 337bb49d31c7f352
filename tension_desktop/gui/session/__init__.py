"""Running the session: the agenda and run mode, the opening round, the close, the follow-up.

Registers four tabs with :mod:`tension_desktop.gui.exercises`.
"""

from __future__ import annotations

from ..exercises import register
from .agenda_view import AgendaTab
from .closing import ClosingView
from .opening import OpeningView
from .review import ReviewView

register("session", "Agenda", AgendaTab, order=10)
register("review", "Follow-up", ReviewView, order=12)
register("opening", "Opening round", OpeningView, order=15)
register("closing", "Close && commitments", ClosingView, order=70)

__all__ = ["AgendaTab", "ClosingView", "OpeningView", "ReviewView"]
