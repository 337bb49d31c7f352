"""Running the session: the agenda and run mode, the opening round, the close, the follow-up.

Four tabs of :data:`tension_desktop.registry.EXERCISES` live here.
"""

from __future__ import annotations

from .agenda_view import AgendaTab
from .closing import ClosingView
from .opening import OpeningView
from .review import ReviewView

__all__ = ["AgendaTab", "ClosingView", "OpeningView", "ReviewView"]
