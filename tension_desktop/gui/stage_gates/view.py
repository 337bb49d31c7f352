"""The stage-gate screen: stages as lanes, initiatives as cards, a drag is a gate decision.

Dropping a card on another stage opens the decision form with the target stage's
criteria; OK records the decision and the new stage in one transaction (one undo step),
Cancel puts the card back. A move back is recorded as reopened. Cards carry the seeds
of the other exercises: the governance the agreed map quadrant implies and the board's
open evidence questions.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from tension_desktop.model.board import evidence_questions
from tension_desktop.model.premortem import top_three_status
from tension_desktop.model.stage_gate import STAGE_TITLES, STAGES, criteria_for, phase_line
from tension_desktop.model.tension_map import agreed_positions, governance_for
from tension_desktop.store import board, people, premortem, stage_gates, tension_map
from tension_desktop.store.changes import Changes

from ..document import WorkshopDocument
from ..exercise_view import ExerciseView
from ..forms import open_form
from ..lane_canvas import LaneCanvas
from ..lane_cards import CARD_W, GAP, HEADER_H, LANE_W, LaneItem, TextCard, lane_at
from ..widgets import big_button, heading
from . import edits
from .decision_form import GateDecisionDialog
from .history import HistoryPanel
from .phase import CriteriaDialog, PhaseDialog

PROMPTS = "What evidence would change our mind?  ·  What is the smallest reversible experiment?"


class StageGatesView(ExerciseView):
    """Initiatives by stage; drag to decide, tap to read the history."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(doc, parent)
        self.setObjectName("stageGatesView")
        self.cards: dict[int, TextCard] = {}
        self.lanes: list[LaneItem] = []
        self.selected: int | None = None
        #: the form while it is open (forms.open_form): a gate decision, our criteria, a phase
        self.dialog: QDialog | None = None
        self.title = heading("Stage gates")
        self.prompts = heading(PROMPTS, sub=True)
        self.view = LaneCanvas()
        self.view.setObjectName("stageGatesCanvas")
        self.view.setAccessibleName("Stage gates")
        self.view.lane_label = "Stage"
        self.view.itemDropped.connect(self._dropped)
        self.view.itemTapped.connect(self._tapped)
        self.view.itemLongPressed.connect(self._tapped)
        self.history = HistoryPanel()
        self.history.edit_phase.clicked.connect(lambda: self.edit_phase())
        self.criteria_btn = big_button("Our gate criteria…", name="gateCriteriaButton")
        self.criteria_btn.setToolTip("The team's own definition of ready, stage by stage")
        self.criteria_btn.clicked.connect(lambda: self.edit_criteria())
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.criteria_btn)
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addWidget(self.history)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
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
                or changes.touches_setting(tension_map.GOVERNANCE_KEY, tension_map.QUADRANT_LABELS_KEY,
                                           stage_gates.CRITERIA_KEY))

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
                phase = phase_line(ini.phase_scope_kind, ini.phase_scope, ini.phase_metric)
                if phase:
                    footer.append(phase)
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
        own = stage_gates.own_criteria(self.lib, self.wid)
        for n, stage in enumerate(STAGES):
            crit = criteria_for(stage, own)
            lane = LaneItem(stage, f"{n + 1}. {STAGE_TITLES[stage]}", n * LANE_W, height,
                            subtitle=f"Bar: {crit.reliability_evidence}")
            scene.addItem(lane)
            self.lanes.append(lane)
        self.view.set_lanes(self.lanes, len(STAGES) * LANE_W, height)
        title = next((i.title for i in initiatives if i.id == self.selected), "")
        entries = stage_gates.history(self.lib, self.wid, self.selected) if title else []
        self.history.show_history(title, entries, stage_gates.reopened_figures(self.lib, self.wid))
        chosen = next((i for i in initiatives if i.id == self.selected), None)
        self.history.show_phase(chosen)

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
                                 criteria=stage_gates.criteria(self.lib, self.wid, to_stage), parent=self)
        return open_form(self, dlg, lambda: self.decide(dlg.decision()), on_close=self._closed, delete=False)

    def _closed(self, _result: int) -> None:
        self.refresh()  # a cancelled drag puts the card back where it was

    def decide(self, decision) -> bool:
        """Record a gate decision as one undo step (stage and decision together)."""
        return edits.decide(self.doc, decision)

    # -- the team's criteria and an initiative's phase -----------------------------------------
    def edit_criteria(self, values: dict | None = None) -> bool:
        """The team's own gate criteria (its definition of ready), as one undo step; without
        ``values`` it opens the form (``self.dialog``) and edits when it is accepted."""
        if values is None:
            dlg = CriteriaDialog(stage_gates.own_criteria(self.lib, self.wid), self)
            open_form(self, dlg, lambda: self.edit_criteria(dlg.values()))
            return False
        return edits.set_own_criteria(self.doc, values)

    def edit_phase(self, values: tuple[str, str, str] | None = None) -> bool:
        """Where the selected initiative's current phase runs and its success metric (one undo
        step, the document's row edit); without ``values`` it opens the form (``self.dialog``)."""
        if self.selected is None:
            return False
        if values is None:
            dlg = PhaseDialog(people.get_initiative(self.lib, self.selected), parent=self)
            open_form(self, dlg, lambda: self.edit_phase(dlg.values()))
            return False
        return edits.set_phase(self.doc, self.selected, values)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.history.setFixedWidth(max(280, min(420, int(self.width() * 0.24))))
