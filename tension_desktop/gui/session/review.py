"""Follow-up: review the last session's commitments and decisions, the team's signals
over time, and starting the next session of the same team."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model.commitments import KIND_TITLES, REVIEW_STATUSES
from tension_desktop.model.pulse import QUESTIONS
from tension_desktop.model.rules import LENGTHS
from tension_desktop.store import session as store
from tension_desktop.store.changes import Changes

from ..dialogs import TextDialog
from ..document import WorkshopDocument
from ..forms import open_form
from ..theme import for_screen
from ..widgets import big_button, enable_touch_scrolling, heading
from . import edits
from .chart import SignalsChart
from .covenant_review import CovenantReviewPanel
from .review_rows import add_review_row, clear_rows, note_field, stretch_rows

KIND = "commitments"
STYLE = """
QPushButton[reviewButton="true"] { min-width: 110px; }
QWidget#reviewBody { background: palette(window); }
QWidget#reviewBody QLabel, QWidget#reviewRows { background: transparent; }
QPushButton[reviewButton="true"]:checked { background: #0b4f8a; color: white; }
"""


class ReviewView(QWidget):
    """Earlier commitments marked done/slipped/dropped with a note; revisited decisions;
    the team's signals chart; 'Continue in a new session…'."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("reviewView")
        self.setStyleSheet(for_screen(STYLE))
        self.intro = heading("", sub=True)
        self.rows_box = QWidget()
        self.rows_box.setObjectName("reviewRows")
        self.rows = QGridLayout(self.rows_box)
        self.groups: dict[int, QButtonGroup] = {}
        self.notes: dict[int, QLineEdit] = {}
        self.decisions = QListWidget()
        self.decisions.setObjectName("revisitedDecisions")
        self.decisions.setAccessibleName("Decisions to revisit")
        self.decisions.setWordWrap(True)
        enable_touch_scrolling(self.decisions)
        self.decisions.setMaximumHeight(140)
        self.chart = SignalsChart()
        self.chart.setMinimumHeight(340)
        self.chart.setMaximumHeight(560)
        self.figures = heading("", sub=True)
        self.figures.setObjectName("signalFigures")
        self.continue_btn = big_button("Continue in a new session…", primary=True, name="continueWorkshop")
        self.continue_btn.clicked.connect(lambda: self.continue_workshop())

        body = QWidget()
        body.setObjectName("reviewBody")
        layout = QVBoxLayout(body)
        layout.addWidget(heading("Last session's commitments"))
        layout.addWidget(self.intro)
        layout.addWidget(self.rows_box)
        self.covenant_review = CovenantReviewPanel(doc)
        layout.addWidget(self.covenant_review)
        self.decisions_title = heading("Decisions to revisit")
        layout.addWidget(self.decisions_title)
        layout.addWidget(self.decisions)
        layout.addWidget(heading("The team over time"))
        layout.addWidget(self.figures)
        layout.addWidget(self.chart, 1)
        foot = QHBoxLayout()
        foot.addStretch(1)
        foot.addWidget(self.continue_btn)
        layout.addLayout(foot)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        doc.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if (changes.touches(KIND, "pulse_checks", "gate_decisions", "workshops", "covenant_reviews", "participants",
                            "initiatives", "readiness_items", "readiness_values", "readiness_checks")
                or changes.touches_setting("commitment_review_notes")):
            self.refresh()

    def refresh(self) -> None:
        lib, wid = self.doc.lib, self.doc.workshop_id
        prev = store.previous_workshop(lib, wid)
        clear_rows(self.rows)
        self.groups.clear()
        self.notes.clear()
        if prev is None:
            self.intro.setText("This session does not continue an earlier one. Use “Continue in a new session…” "
                               "after this session to start the next one with a review of today's commitments.")
        else:
            self.intro.setText(f"From “{prev.title}” {prev.date}. Mark each done, slipped or dropped, "
                               "and say what happened.")
            names = {p.id: p.label for p in self.doc.participants()}
            names.update({r["id"]: r["name"] for r in lib.query(
                "SELECT id, name FROM participants WHERE workshop_id = ?", (prev.id,))})
            notes = store.review_notes(lib, prev.id)
            for row, c in enumerate(store.list_commitments(lib, prev.id)):
                note = note_field(notes.get(c.kind, ""), f"reviewNote_{c.id}",
                                  lambda text, cid=c.id: self.review(cid, None, text), LENGTHS["setting.review_note"])
                group = add_review_row(
                    self, self.rows, row, f"{KIND_TITLES[c.kind]}: {c.text or '(not written)'}\n"
                    f"{names.get(c.owner_id, 'no owner')} · due {c.due_date or 'no date'}",
                    [(s, s.capitalize(), f"review_{c.id}_{s}") for s in REVIEW_STATUSES], c.status,
                    lambda status, cid=c.id: self.review(cid, status), note,
                    subject=c.text or KIND_TITLES[c.kind])
                self.groups[c.id] = group
                self.notes[c.id] = note
            stretch_rows(self.rows)
        self.decisions.clear()
        for d in store.revisited_decisions(lib, wid):
            verb = "Reopened" if d["reopened"] else "Moved"
            self.decisions.addItem(f"{d['initiative']}: {verb} {d['from_stage']} → {d['to_stage']}"
                                   f" · owner {d['owner'] or '—'} · review {d['review_date'] or 'no date'}")
        if prev is not None and self.decisions.count() == 0:
            self.decisions.addItem("No stage-gate decisions were recorded last time.")
        self.decisions.setVisible(prev is not None)
        self.decisions_title.setVisible(prev is not None)
        signals = store.team_signals(lib, self.doc.workshop.team_id)
        self.chart.set_signals(signals)
        self.figures.setText(self._figures(signals))

    @staticmethod
    def _figures(signals) -> str:
        parts = []
        for s in signals[-4:]:
            kept = f"{s.commitments_done}/{s.commitments_reviewed} kept" if s.commitments_reviewed else "not reviewed"
            pulse = (" · pulse " + "/".join(f"{s.pulse[k]:.1f}" for k in QUESTIONS)) if s.pulse else ""
            days = (f" · decisions take {s.decision_days:.0f} days from opened to decided"
                    if s.decision_days is not None else "")
            causes = s.reopened_by_cause or {}
            why = (f" ({causes.get('new_information', 0)} new information, {causes.get('poor_framing', 0)} poor "
                   "framing)") if s.decisions_reopened else ""
            covenant = ""
            if s.review is not None and (s.review.thresholds_reviewed or s.review.decisions_decided):
                r = s.review
                share = r.named_approver_share
                by_named = f" · decided by the named approver {round(share * 100)}%" if share is not None else ""
                covenant = (f" · thresholds breached {r.thresholds_breached}, levers pulled as agreed "
                            f"{r.levers_pulled}{by_named}")
            plan = ""
            if s.readiness is not None:
                r = s.readiness
                moved = {"team": " · the team moved", "leader_only": " · only the leader moved"}.get(r["moved"], "")
                answer = {"coaching": " · coaching is the lever", "structure": " · structure is missing"}.get(
                    r["answer"], "")
                plan = (f" · readiness week {r['week']}: {r['held']}/{r['targets']} targets held, "
                        f"{r['at_target']}/{r['indicators']} indicators at target{moved}{answer}")
            parts.append(f"{s.date or s.title}: {kept} · {s.decisions_reopened} of {s.decisions} decisions "
                         f"reopened{why}{days}{pulse}{covenant}{plan}")
        return "\n".join(parts)

    def review(self, commitment_id: int, status: str | None, note: str | None = None) -> bool:
        """Mark an earlier commitment (status None keeps it) and/or its note, as one undo step."""
        return edits.review_commitment(self.doc, commitment_id, status, note)

    def continue_workshop(self, title: str | None = None) -> int | None:
        """Create the next session of this team from this one and open it; with no title, open
        the title form (``self.dialog``) and continue once it is accepted (returns None then)."""
        if title is None:
            dlg = TextDialog("Continue in a new session", "Title", f"{self.doc.workshop.title} - follow-up", self,
                             field="workshop title")
            open_form(self, dlg, lambda: self.continue_workshop(dlg.value()))
            return None
        new = edits.continue_workshop(self.doc, title)
        if new is None:
            return None
        window = self.window()
        if hasattr(window, "open_workshop"):
            if hasattr(window, "home"):
                window.home.refresh(new.id)
            window.open_workshop(new.id)
        return new.id
