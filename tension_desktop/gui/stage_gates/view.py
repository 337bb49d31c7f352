"""The stage-gate screen: stages as lanes, initiatives as cards, a drag is a gate decision.

Dropping a card on another stage opens the decision form with the target stage's
criteria; OK records the decision and the new stage in one transaction (one undo step),
Cancel puts the card back. A move back is recorded as reopened. Cards carry the seeds
of the other exercises: the governance the agreed map quadrant implies and the board's
open evidence questions.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from tension_desktop.model.board import evidence_questions
from tension_desktop.model.premortem import top_three_status
from tension_desktop.model.stage_gate import STAGE_TITLES, STAGES, criteria_for
from tension_desktop.model.tension_map import agreed_positions, governance_for
from tension_desktop.store import board, people, premortem, stage_gates, tension_map
from tension_desktop.store.changes import Changes

from ..document import WorkshopDocument
from ..exercise_view import ExerciseView
from ..forms import open_form
from ..lane_canvas import LaneCanvas
from ..lane_cards import CARD_W, GAP, HEADER_H, LANE_W, LaneItem, TextCard, lane_at
from ..widgets import heading
from .decision_form import GateDecisionDialog
from .history import HistoryPanel

PROMPTS = "What evidence would change our mind?  ·  What is the smallest reversible experiment?"


class StageGatesView(ExerciseView):
    """Initiatives by stage; drag to decide, tap to read the history."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(doc, parent)
        self.setObjectName("stageGatesView")
        self.cards: dict[int, TextCard] = {}
        self.lanes: list[LaneItem] = []
        self.selected: int | None = None
        #: the decision form while it is open (forms.open_form)
        self.dialog: GateDecisionDialog | None = None
        self.title = heading("Stage gates")
        self.prompts = heading(PROMPTS, sub=True)
        self.view = LaneCanvas()
        self.view.setObjectName("stageGatesCanvas")
        self.view.itemDropped.connect(self._dropped)
        self.view.itemTapped.connect(self._tapped)
        self.view.itemLongPressed.connect(self._tapped)
        self.history = HistoryPanel()
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addWidget(self.history)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.prompts)
        layout.addLayout(body, 1)
        self.refresh()

    @property
    def lib(self):
        return self.doc.lib

    @property
    def wid(self) -> int:
        return self.doc.workshop_id

    def shows(self, changes: Changes) -> bool:
        """Rebuild only when something the lanes show changed (not on every edit)."""
        return (changes.touches("initiatives", "participants", "gate_decisions", "board_elements", "placements")
                or changes.touches_setting(tension_map.GOVERNANCE_KEY, tension_map.QUADRANT_LABELS_KEY))

    def seeds(self) -> tuple[dict[int, list[str]], dict[int, str]]:
        """initiative id -> open evidence questions (board), -> governance (agreed map quadrant)."""
        elements = board.list_elements(self.lib, self.wid)
        questions: dict[int, list[str]] = {}
        for e in evidence_questions(elements):
            if e.initiative_id is not None:
                questions.setdefault(e.initiative_id, []).append(e.text)
        names = tension_map.governance_names(self.lib, self.wid)
        labels = tension_map.quadrant_labels(self.lib, self.wid)
        agreed = agreed_positions(tension_map.list_placements(self.lib, self.wid, ("agreed",)))
        governance = {i: f"{labels[p.quadrant]} → {governance_for(p, names)}" for i, p in agreed.items()}
        return questions, governance

    def refresh(self) -> None:
        initiatives = people.list_initiatives(self.lib, self.wid)
        participants = {p.id: p for p in people.list_participants(self.lib, self.wid)}
        decisions = stage_gates.list_decisions(self.lib, self.wid)
        last = {d.initiative_id: d for d in decisions}
        reopened: dict[int, int] = {}
        for d in decisions:
            reopened[d.initiative_id] = reopened.get(d.initiative_id, 0) + int(d.reopened)
        questions, governance = self.seeds()
        scene = self.view.scene()
        scene.clear()
        self.cards, self.lanes = {}, []
        heights = []
        for n, stage in enumerate(STAGES):
            x, y = n * LANE_W, HEADER_H + 24
            for ini in (i for i in initiatives if i.stage == stage):
                footer = []
                if ini.id in governance:
                    footer.append(f"Governance: {governance[ini.id]}")
                footer += [f"? {q}" for q in questions.get(ini.id, [])]
                d = last.get(ini.id)
                if d is not None and (d.owner_id in participants or d.review_date):
                    owner = participants.get(d.owner_id)
                    footer.append(f"Owner: {owner.role or owner.name if owner else '—'}"
                                  + (f"  ·  review {d.review_date}" if d.review_date else ""))
                if reopened.get(ini.id):
                    footer.append(f"⚠ reopened {reopened[ini.id]}×")
                card = TextCard(ini.id, ini.title, footer=footer, text_size=14,
                                fill="#fff8e1" if ini.id == self.selected else "#ffffff",
                                stripe="#0b4f8a" if ini.id in governance else "#9aa5b1")
                card.setPos(x + (LANE_W - GAP - CARD_W) / 2, y)
                scene.addItem(card)
                self.cards[ini.id] = card
                y += card.rect().height() + GAP
            heights.append(y)
        height = max([*heights, 480.0]) + 80
        for n, stage in enumerate(STAGES):
            crit = criteria_for(stage)
            lane = LaneItem(stage, f"{n + 1}. {STAGE_TITLES[stage]}", n * LANE_W, height,
                            subtitle=f"Bar: {crit.reliability_evidence}")
            scene.addItem(lane)
            self.lanes.append(lane)
        self.view.set_lanes(self.lanes, len(STAGES) * LANE_W, height)
        title = next((i.title for i in initiatives if i.id == self.selected), "")
        entries = stage_gates.history(self.lib, self.wid, self.selected) if title else []
        self.history.show_history(title, entries, stage_gates.reopened_figures(self.lib, self.wid))

    # -- gestures ----------------------------------------------------------------------------
    def _tapped(self, item, _pos: QPointF) -> None:
        if isinstance(item, TextCard):
            self.select(item.row_id)

    def select(self, initiative_id: int | None) -> None:
        self.selected = initiative_id
        self.refresh()

    def _dropped(self, item, _start: QPointF, drop: QPointF) -> None:
        lane = lane_at(self.lanes, drop.x())
        if not isinstance(item, TextCard) or lane is None:
            self.refresh()
            return
        ini = people.get_initiative(self.lib, item.row_id)
        if lane.key == ini.stage:
            self.refresh()
            return
        self.selected = ini.id
        self.propose(ini.id, lane.key)

    def propose(self, initiative_id: int, to_stage: str) -> GateDecisionDialog:
        """Open the decision form for moving an initiative to ``to_stage``."""
        ini = people.get_initiative(self.lib, initiative_id)
        questions, _gov = self.seeds()
        ranked = premortem.ranked(self.lib, self.wid, initiative_id)
        status = top_three_status(ranked).describe() if ranked else "not run for this initiative yet."
        dlg = GateDecisionDialog(ini, to_stage, people.list_participants(self.lib, self.wid),
                                 evidence_questions=questions.get(initiative_id, []), premortem_status=status,
                                 parent=self)
        return open_form(self, dlg, lambda: self.decide(dlg.decision()), on_close=self._closed, delete=False)

    def _closed(self, _result: int) -> None:
        self.refresh()  # a cancelled drag puts the card back where it was

    def decide(self, decision) -> bool:
        """Record a gate decision as one undo step (stage and decision together)."""
        state: dict = {"decision": decision}

        def redo():
            state["decision"] = self.doc.call(stage_gates.record_decision, self.wid, state["decision"])

        def undo():
            self.doc.call(stage_gates.undo_decision, state["decision"].id)

        verb = "Reopen" if decision.reopened else "Gate"
        title = people.get_initiative(self.lib, decision.initiative_id).title
        return self.doc.apply(f"{verb}: {title} to {STAGE_TITLES[decision.to_stage]}", redo, undo)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.history.setFixedWidth(max(280, min(420, int(self.width() * 0.24))))
