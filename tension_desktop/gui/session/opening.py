"""The opening round: each executive names one underappreciated risk and one underused
opportunity. Big touch input per participant; shown back as two lists.

The coach may also run it as a private round (the shared private-round component, exercise
``opening``): everyone answers alone, on their own phone through the room link or in turns
on the shared screen, and nobody sees anyone else's answer until the coach reveals them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.store import rounds
from tension_desktop.store import session as store
from tension_desktop.store.changes import Changes

from ..document import WorkshopDocument
from ..flow import FittingScrollArea
from ..plain import button_text
from ..theme import for_screen
from ..turns import PrivateRound
from ..widgets import big_button, enable_touch_scrolling, heading
from . import edits

KIND = "opening_round"
STYLE = """
QPushButton[personButton="true"] { text-align: left; padding-left: 16px; }
QPushButton[personButton="true"]:checked { background: #0b4f8a; color: white; }
QLabel[listTitle="true"] { font-weight: 700; }
"""


class OpeningView(QWidget):
    """Pick a person, type (or dictate) their risk and opportunity, Save; both lists update."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("openingView")
        self.setStyleSheet(for_screen(STYLE))
        self.current: int | None = None
        # answering alone: on phones (the room link) or in turns; the answers hidden until the reveal
        self.private = PrivateRound(doc, "opening", self, kind=KIND, action="answer", verb="answering",
                                    reveal_text="Reveal the answers", remaining=self._unanswered, room=True)
        self.controller = self.private.controller
        self.round_btn = big_button("Answer alone (private round)", name="openingStartRound")
        self.round_btn.setToolTip("Everyone answers alone, on their phone or in turns on this screen; "
                                  "nobody sees an answer until you reveal them")
        self.round_btn.clicked.connect(lambda: self.private.start())
        self.reveal_btn = big_button("Reveal the answers", name="openingReveal")
        self.reveal_btn.clicked.connect(self.private.reveal)
        self.private.start_button, self.private.reveal_button = self.round_btn, self.reveal_btn
        self.people_box = QWidget()
        self.people_layout = QVBoxLayout(self.people_box)
        self.people_layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        people_scroll = FittingScrollArea()  # as wide as the longest name on any screen
        people_scroll.setWidget(self.people_box)

        self.who = heading("Tap a name to capture their answer")
        self.who.setObjectName("openingWho")
        self.risk = QPlainTextEdit()
        self.risk.setObjectName("openingRisk")
        self.risk.setAccessibleName("Their answer: one risk this team underappreciates")
        self.risk.setPlaceholderText("One risk this team underappreciates")
        self.opportunity = QPlainTextEdit()
        self.opportunity.setObjectName("openingOpportunity")
        self.opportunity.setAccessibleName("Their answer: one opportunity this team underuses")
        self.opportunity.setPlaceholderText("One opportunity this team underuses")
        self.save_btn = big_button("Save", primary=True, name="openingSave")
        self.save_btn.clicked.connect(self.save)
        self.next_btn = big_button("Save and next ▶", name="openingSaveNext")
        self.next_btn.clicked.connect(self.save_and_next)

        self.risks = QListWidget()
        self.risks.setObjectName("openingRisks")
        self.risks.setAccessibleName("Risks named so far")
        self.opportunities = QListWidget()
        self.opportunities.setObjectName("openingOpportunities")
        self.opportunities.setAccessibleName("Opportunities named so far")
        for lst in (self.risks, self.opportunities):
            lst.setWordWrap(True)
            lst.setSpacing(4)
            enable_touch_scrolling(lst)

        entry = QVBoxLayout()
        entry.addWidget(self.who)
        form = QGridLayout()
        form.addWidget(QLabel("Underappreciated risk"), 0, 0)
        form.addWidget(self.risk, 1, 0)
        form.addWidget(QLabel("Underused opportunity"), 0, 1)
        form.addWidget(self.opportunity, 1, 1)
        entry.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_btn)
        buttons.addWidget(self.next_btn)
        entry.addLayout(buttons)
        lists = QGridLayout()
        for col, (title, lst) in enumerate((("Risks we underappreciate", self.risks),
                                            ("Opportunities we underuse", self.opportunities))):
            label = heading(title, sub=True)
            label.setProperty("listTitle", True)
            lists.addWidget(label, 0, col)
            lists.addWidget(lst, 1, col)
        round_box = QWidget()  # the note's own parent: it shows itself only inside its layout
        round_row = QHBoxLayout(round_box)
        round_row.setContentsMargins(0, 0, 0, 0)
        round_row.addWidget(self.private.note, 1)
        round_row.addStretch(1)
        round_row.addWidget(self.round_btn)
        round_row.addWidget(self.reveal_btn)
        right = QVBoxLayout()
        right.addWidget(self.private.bar)
        right.addWidget(round_box)
        right.addLayout(entry)
        right.addLayout(lists, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(people_scroll)
        layout.addLayout(right, 1)
        doc.changed.connect(self._changed)
        self.controller.changed.connect(self.refresh)
        self.controller.turnStarted.connect(self.select)
        self.private.overlay.raise_()
        self.refresh()
        self.private.note.refresh()

    def _changed(self, changes: Changes) -> None:
        if changes.touches(KIND, "participants", rounds.KIND):
            self.refresh()

    def _unanswered(self, pid: int) -> str:
        """What the person on turn has not answered yet."""
        risk, opportunity = store.list_opening(self.doc.lib, self.doc.workshop_id).get(pid, ("", ""))
        missing = [name for name, text in (("the risk", risk), ("the opportunity", opportunity)) if not text]
        return f"{' and '.join(missing).capitalize()} not answered yet" if missing else ""

    def _may_choose(self, pid: int) -> bool:
        """During a private round only the person on turn is answered for on this screen;
        while a round ended early is not revealed, nobody."""
        c = self.controller
        if c.round is None:
            return not rounds.is_hidden(self.doc.lib, self.doc.workshop_id, "opening")
        return c.in_turn and c.current == pid

    def refresh(self) -> None:
        c = self.controller
        # during a private round nobody's answer shows but the answering person's own; a
        # round ended early keeps them hidden until the coach reveals them
        hidden = not c.active and rounds.is_hidden(self.doc.lib, self.doc.workshop_id, "opening")
        answers = {pid: a for pid, a in store.list_opening(self.doc.lib, self.doc.workshop_id).items()
                   if c.may_see(pid) and not hidden}
        participants = self.doc.participants()
        active = c.active
        self.round_btn.setVisible(not active)
        self.reveal_btn.setVisible(active or hidden)
        self.reveal_btn.setEnabled(hidden or (active and c.round is not None and c.round.finished))
        self.next_btn.setVisible(not active)
        for b in self.group.buttons():
            self.group.removeButton(b)
        while self.people_layout.count():  # buttons and the stretch below them
            item = self.people_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        for p in participants:
            mark = "✓ " if p.id in answers and not active else "    "
            btn = QPushButton(button_text(mark + p.label))
            btn.setObjectName(f"openingPerson{p.id}")
            btn.setProperty("personButton", True)
            btn.setCheckable(True)
            btn.setMinimumHeight(64)
            btn.setStyleSheet(f"border-left: 10px solid {p.colour};")
            btn.setEnabled(self._may_choose(p.id))
            btn.clicked.connect(lambda _c=False, pid=p.id: self.select(pid))
            self.group.addButton(btn, p.id)
            self.people_layout.addWidget(btn)
        self.people_layout.addStretch(1)
        names = {p.id: p.label for p in participants}
        self.risks.clear()
        self.opportunities.clear()
        for pid, (risk, opportunity) in answers.items():
            for lst, text in ((self.risks, risk), (self.opportunities, opportunity)):
                if text:
                    QListWidgetItem(f"{text}\n— {names.get(pid, '')}", lst)
        if self.current not in names or not self._may_choose(self.current):
            self.current = None
            self.who.setText("Tap a name to capture their answer")
            self.risk.clear()
            self.opportunity.clear()
        if self.current is not None:
            self.group.button(self.current).setChecked(True)
        self.save_btn.setEnabled(self.current is not None)
        self.next_btn.setEnabled(self.current is not None)

    def select(self, participant_id: int) -> None:
        if not self._may_choose(participant_id):
            return
        self.current = participant_id
        risk, opportunity = store.list_opening(self.doc.lib, self.doc.workshop_id).get(participant_id, ("", ""))
        name = next((p.label for p in self.doc.participants() if p.id == participant_id), "")
        self.who.setText(name)
        self.risk.setPlainText(risk)
        self.opportunity.setPlainText(opportunity)
        button = self.group.button(participant_id)
        if button is not None:
            button.setChecked(True)
        self.save_btn.setEnabled(True)
        self.next_btn.setEnabled(True)
        self.risk.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> bool:
        """Store the current person's answers as one undo step."""
        if self.current is None or not self._may_choose(self.current):
            return False
        return edits.set_opening(self.doc, self.current, self.risk.toPlainText(), self.opportunity.toPlainText())

    def save_and_next(self) -> None:
        if not self.save():
            return
        ids = [p.id for p in self.doc.participants()]
        answered = store.list_opening(self.doc.lib, self.doc.workshop_id)
        start = ids.index(self.current) + 1 if self.current in ids else 0
        # the next person after this one (wrapping round) who has not answered yet
        waiting = [pid for pid in ids[start:] + ids[:start] if pid not in answered]
        if waiting:
            self.select(waiting[0])
        else:
            self.who.setText("Everyone has answered.")
