"""The team panel on the home screen: the team's signals across its sessions."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from tension_desktop.store import Library
from tension_desktop.store import session as session_store

from .session.chart import SignalsChart
from .widgets import heading


class TeamPanel(QFrame):
    """Commitments kept, decisions reopened, readiness targets held and pulse averages, one
    slot per session of the selected team (the same chart as the workshop's Follow-up tab)."""

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.setObjectName("teamPanel")
        self.team_id: int | None = None
        self.title = heading("")
        self.title.setObjectName("teamPanelTitle")
        self.caption = heading("", sub=True)
        self.caption.setObjectName("teamPanelCaption")
        self.chart = SignalsChart()
        self.chart.setMaximumHeight(640)
        self.setMinimumWidth(560)  # the chart's legend fits on one line
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.caption)
        layout.addWidget(self.chart, 1)
        layout.addStretch(0)

    def forget(self) -> None:
        """The library changed: the next :meth:`show_team` reloads even for the same team."""
        self.team_id = None

    def show_team(self, team_id: int, name: str) -> None:
        """Load the team's signals (skipped when the team is already shown)."""
        if team_id == self.team_id:
            return
        self.team_id = team_id
        signals = session_store.team_signals(self.lib, team_id)
        self.title.setText(f"{name} over time")
        n = len(signals)
        self.caption.setText(
            f"{n} session{'s' if n != 1 else ''}, oldest first: commitments kept (of those reviewed), "
            "decisions reopened at a stage gate and why, decision latency, the covenant review "
            "(thresholds breached, levers pulled as agreed, decisions by the named approver), readiness "
            "targets held and the pulse.")
        self.chart.set_signals(signals)
