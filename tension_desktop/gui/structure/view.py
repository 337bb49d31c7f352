"""The constraint diagnosis tab: name blockers, sort them, rate the three conditions.

Three steps, each a private round of the shared component
(:class:`~tension_desktop.gui.turns.PrivateRound`) handed round the room:

1. **Blockers** (``structure_blockers``): each executive writes the blockers they run into,
   one short card each; during a turn only that person's own cards are on screen.
2. **Sort** (``structure_sort``): each sorts every blocker as behavioural / structural /
   not sure yet, with a why. The reveal shows the disagreements first (the board's
   alignment logic), the coach's prompts on the common misdiagnoses beside it; the room
   agrees what each blocker is and, with one tap, turns it into a decision-rights row, a
   threshold draft, a commitment or a readiness target.
3. **Scorecard** (``structure_score``): each rates decision authority clarity, feedback loop
   integrity and accountability architecture 1-5; the room sees average and spread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model.rules import LENGTHS
from tension_desktop.model.structure import (
    CONDITION_HINTS,
    CONDITIONS,
    FLOW_TITLES,
    KIND_HINTS,
    KIND_TITLES,
    KINDS,
    MISDIAGNOSES,
    Scorecard,
    alignment,
    flows_for,
    scorecard_summary,
    split_label,
)
from tension_desktop.store import rounds
from tension_desktop.store import structure as store
from tension_desktop.store.changes import Changes

from ..document import WorkshopDocument
from ..exercise_view import ExerciseView
from ..room_type import clear_layout, room_type
from ..theme import for_screen
from ..turns import PrivateRound
from ..widgets import big_button, heading
from . import edits

STEPS = (("structure_blockers", "1  Blockers"), ("structure_sort", "2  Behavioural or structural?"),
         ("structure_score", "3  Scorecard"))
STYLE = """
QPushButton[kindButton="true"]:checked, QPushButton[stepButton="true"]:checked { background: #0b4f8a; color: white; }
QLabel[blockerText="true"] { font-size: 15pt; font-weight: 600; }
QLabel[secondary="true"] { font-size: 12pt; color: #334e68; }
QFrame[blockerRow="true"] { border: 1px solid #bcccdc; border-radius: 8px; }
QFrame[split="true"] { border: 3px solid #c05621; }
"""


def _label(text: str, *, prop: str = "", wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # what an executive typed is never markup
    label.setWordWrap(wrap)
    if prop:
        label.setProperty(prop, True)
    return label


class _Step(QWidget):
    """One step of the diagnosis: its private round, start and reveal buttons, a status line,
    and a scrolling body rebuilt on every change."""

    exercise = ""
    start_text = ""
    action = "input"     # "Everyone else's <action> stays hidden"
    verb = "writing"     # "Priya is <verb>"

    def __init__(self, tab: StructureView) -> None:
        super().__init__()
        self.tab = tab
        self.doc = tab.doc
        self.private = PrivateRound(self.doc, self.exercise, tab, kind="structure_blockers", action=self.action,
                                    verb=self.verb,
                                    hint="Only your own input is shown.", reveal_text="Reveal",
                                    remaining=self.remaining, reset_view=self.reset_view, work=self)
        self.controller = self.private.controller
        self.start_btn = big_button(self.start_text, primary=True, name=f"start_{self.exercise}")
        self.start_btn.clicked.connect(self.start)
        self.reveal_btn = big_button("Reveal to everyone", primary=True, name=f"reveal_{self.exercise}")
        self.reveal_btn.clicked.connect(lambda: self.private.reveal())
        self.status = heading("", sub=True)
        self.status.setObjectName(f"status_{self.exercise}")
        self.body = QWidget()
        self.body.setObjectName("structureBody")
        self.rows = QVBoxLayout(self.body)
        self.rows.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.body)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_btn)
        buttons.addWidget(self.reveal_btn)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.private.bar)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.private.note)
        self.add_above_body(layout)
        body_row = QHBoxLayout()
        body_row.addWidget(self.scroll, 5)
        side = self.side_panel()
        if side is not None:
            body_row.addWidget(side, 2)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addLayout(body_row, 1)
        self.controller.changed.connect(self.refresh)
        self.private.note.refresh()

    def add_above_body(self, layout: QVBoxLayout) -> None:
        """A step's own controls between its status line and its body."""

    def side_panel(self) -> QWidget | None:
        """A step's panel beside its body (the coach's prompts), or None."""
        return None

    def start(self) -> None:
        self.private.start()

    def remaining(self, _pid: int) -> str:
        return ""

    def reset_view(self) -> None:
        pass

    @property
    def hidden(self) -> bool:
        return rounds.is_hidden(self.doc.lib, self.doc.workshop_id, self.exercise)

    def refresh(self) -> None:
        running, hidden = self.controller.active, self.hidden
        busy = self.doc.active_round() is not None
        self.start_btn.setVisible(not running)
        self.start_btn.setEnabled(not busy and self.can_start())
        self.reveal_btn.setVisible(not running and hidden)
        self.reveal_btn.setEnabled(not busy)
        # the body is rebuilt: the keyboard goes back to the control of the same name (the
        # button just pressed), not to the window's first control
        had = QApplication.focusWidget()
        name = had.objectName() if had is not None and self.body.isAncestorOf(had) else ""
        clear_layout(self.rows)
        self.fill(running, hidden)
        self.rows.addStretch(1)
        room_type(self)
        again = self.body.findChild(QWidget, name) if name else None
        if again is not None and again.isVisible():
            again.setFocus(Qt.FocusReason.OtherFocusReason)

    def can_start(self) -> bool:
        return True

    def _add(self, widget: QWidget) -> None:
        """A row of the body, on screen at once (a tap may follow before the event loop runs)."""
        self.rows.addWidget(widget)
        widget.show()

    def fill(self, running: bool, hidden: bool) -> None:
        raise NotImplementedError

    def names(self) -> dict[int, str]:
        return {p.id: p.label for p in self.doc.participants()}


class BlockersStep(_Step):
    """Each executive privately names the blockers they run into."""

    exercise = "structure_blockers"
    start_text = "Name blockers: hand the screen round"
    action = "list of blockers"
    verb = "naming blockers"

    def add_above_body(self, layout: QVBoxLayout) -> None:
        self.entry = QLineEdit()
        self.entry.setObjectName("blockerEntry")
        self.entry.setMaxLength(LENGTHS["structure_blockers.text"])
        self.entry.setPlaceholderText("One blocker you run into, e.g. 'Sales is paid on volume, Operations on "
                                      "margin, nobody arbitrates'")
        self.entry.setMinimumHeight(48)
        self.entry.returnPressed.connect(self.add)
        self.add_btn = big_button("Add blocker", primary=True, name="addBlocker")
        self.add_btn.clicked.connect(self.add)
        self.entry_row = QWidget()
        row = QHBoxLayout(self.entry_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.entry, 1)
        row.addWidget(self.add_btn)
        layout.addWidget(self.entry_row)
        #: participant id of each card on screen (what the privacy tests read)
        self.shown_owners: list[int | None] = []

    def add(self) -> None:
        text = self.entry.text().strip()
        pid = self.controller.current
        if not text or not self.controller.in_turn:
            return
        if edits.add_blocker(self.doc, text, pid):
            self.entry.clear()

    def remaining(self, pid: int) -> str:
        mine = [b for b in store.list_blockers(self.doc.lib, self.doc.workshop_id) if b.participant_id == pid]
        return "" if mine else "Blockers not named yet"

    def reset_view(self) -> None:
        self.entry.clear()

    def fill(self, running: bool, hidden: bool) -> None:
        turn = self.controller.in_turn
        self.entry_row.setVisible(turn)
        blockers = store.list_blockers(self.doc.lib, self.doc.workshop_id)
        names = self.names()
        self.shown_owners = []
        if running or hidden:
            named = len({b.participant_id for b in blockers})
            self.status.setText(f"{named} of {len(self.doc.participants())} have named blockers. "
                                "Everyone's cards stay hidden until the reveal.")
            if not turn:
                return
            blockers = [b for b in blockers if self.controller.may_see(b.participant_id)]
        else:
            self.status.setText(f"{len(blockers)} blocker{'s' * (len(blockers) != 1)}. A blocker is one short card: "
                                "what gets in your way, as it happens." if blockers else
                                "No blockers yet. Start the round: each executive names the blockers they run into.")
        for b in blockers:
            frame = QFrame()
            frame.setProperty("blockerRow", True)
            row = QHBoxLayout(frame)
            text = _label(b.text, prop="blockerText")
            row.addWidget(text, 1)
            if not running:
                row.addWidget(_label(names.get(b.participant_id, ""), prop="secondary", wrap=False))
            remove = big_button("Remove", name=f"removeBlocker_{b.id}")
            remove.clicked.connect(lambda _c=False, bid=b.id: edits.remove_blocker(self.doc, bid))
            remove.setVisible(turn or not running)
            row.addWidget(remove)
            self._add(frame)
            self.shown_owners.append(b.participant_id)


class SortStep(_Step):
    """Each executive sorts every blocker as behavioural / structural / not sure yet, with a why."""

    exercise = "structure_sort"
    start_text = "Sort the blockers: hand the screen round"
    action = "sorting"
    verb = "sorting"

    def add_above_body(self, layout: QVBoxLayout) -> None:
        self.kind_groups: dict[int, QButtonGroup] = {}
        self.whys: dict[int, QLineEdit] = {}
        self._drafts: dict[int, str] = {}
        self._drafts_owner: int | None = None
        #: (participant id, blocker id) of every sorting on screen (what the privacy tests read)
        self.shown_sorts: list[tuple[int, int]] = []
        self.prompts = QLabel()
        self.prompts.setObjectName("misdiagnosisPrompts")
        self.prompts.setTextFormat(Qt.TextFormat.PlainText)
        self.prompts.setWordWrap(True)
        self.prompts.setProperty("secondary", True)
        self.prompts.setText("Coach: the common misdiagnoses\n" + "\n".join(f"• {p}" for p in MISDIAGNOSES))
        self.prompts.setStyleSheet("background: #fffbea; border: 1px solid #f0b429; border-radius: 8px; "
                                   "padding: 8px;")

    def side_panel(self) -> QWidget | None:
        # the prompts scroll on their own when a short screen cannot show them all
        self.prompts_box = QScrollArea()
        self.prompts_box.setObjectName("misdiagnosisBox")
        self.prompts_box.setWidgetResizable(True)
        self.prompts_box.setFrameShape(QFrame.Shape.NoFrame)
        self.prompts_box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.prompts_box.setWidget(self.prompts)
        return self.prompts_box

    def refresh(self) -> None:
        # a why typed but not yet stored survives the redraw another tap causes, within the
        # same person's turn only (never shown to the next person)
        owner = self.controller.current if self.controller.in_turn else None
        if owner is not None and owner == self._drafts_owner:
            self._drafts = {bid: e.text() for bid, e in self.whys.items()}
        else:
            self._drafts = {}
        self._drafts_owner = owner
        super().refresh()

    def reset_view(self) -> None:
        self._drafts = {}

    def can_start(self) -> bool:
        blockers_hidden = rounds.is_hidden(self.doc.lib, self.doc.workshop_id, "structure_blockers")
        return bool(store.list_blockers(self.doc.lib, self.doc.workshop_id)) and not blockers_hidden

    def remaining(self, pid: int) -> str:
        sorted_ = {s.blocker_id for s in store.list_sorts(self.doc.lib, self.doc.workshop_id) if s.participant_id == pid}
        left = [b for b in store.list_blockers(self.doc.lib, self.doc.workshop_id) if b.id not in sorted_]
        return f"{len(left)} blocker{'s' * (len(left) != 1)} not sorted yet" if left else ""

    def sort(self, blocker_id: int, kind: str) -> None:
        pid = self.controller.current
        if pid is None or not self.controller.in_turn:
            return
        why = self.whys[blocker_id].text() if blocker_id in self.whys else ""
        edits.sort_blocker(self.doc, blocker_id, pid, kind, why)

    def why_changed(self, blocker_id: int) -> None:
        pid = self.controller.current
        mine = {s.blocker_id: s for s in store.list_sorts(self.doc.lib, self.doc.workshop_id) if s.participant_id == pid}
        s = mine.get(blocker_id)
        why = self.whys[blocker_id].text().strip()
        if s is not None and s.rationale != why:
            edits.sort_blocker(self.doc, blocker_id, pid, s.kind, why)

    def fill(self, running: bool, hidden: bool) -> None:
        lib, wid = self.doc.lib, self.doc.workshop_id
        self.kind_groups, self.whys, self.shown_sorts = {}, {}, []
        blockers = store.list_blockers(lib, wid)
        sorts = store.list_sorts(lib, wid)
        turn = self.controller.in_turn
        self.prompts_box.setVisible(not running and not hidden and bool(sorts))
        if running or hidden:
            done = len({s.participant_id for s in sorts})
            self.status.setText(f"{done} of {len(self.doc.participants())} have sorted. The sortings stay hidden "
                                "until the reveal.")
            if turn:
                self._fill_turn(blockers, [s for s in sorts if s.participant_id == self.controller.current])
            return
        if not blockers:
            self.status.setText("Name and reveal the blockers first.")
            return
        if not sorts:
            self.status.setText("Nobody has sorted yet. Each executive sorts every blocker, alone, with a why.")
            for b in blockers:
                self._add(_label(b.text, prop="blockerText"))
            return
        splits = alignment(blockers, sorts)
        disputed = sum(1 for s in splits if s.hidden_conflict)
        self.status.setText(f"Disagreements first: {disputed} blocker{'s' * (disputed != 1)} called behavioural by "
                            "some and structural by others.")
        names = self.names()
        for s in splits:
            self._fill_split(s, names)

    def _fill_turn(self, blockers, mine) -> None:
        by_blocker = {s.blocker_id: s for s in mine}
        for b in blockers:
            frame = QFrame()
            frame.setProperty("blockerRow", True)
            grid = QGridLayout(frame)
            grid.addWidget(_label(b.text, prop="blockerText"), 0, 0, 1, 4)
            group = QButtonGroup(frame)
            for n, kind in enumerate(KINDS):
                btn = QPushButton(KIND_TITLES[kind])
                btn.setObjectName(f"sort_{b.id}_{kind}")
                btn.setAccessibleName(f"{KIND_TITLES[kind]}: {b.text}")
                btn.setProperty("kindButton", True)
                btn.setCheckable(True)
                btn.setMinimumHeight(56)
                btn.setToolTip(KIND_HINTS[kind])
                group.addButton(btn, n)
                grid.addWidget(btn, 1, n)
            mine_ = by_blocker.get(b.id)
            if mine_ is not None:
                group.button(KINDS.index(mine_.kind)).setChecked(True)
                self.shown_sorts.append((mine_.participant_id, b.id))
            group.idClicked.connect(lambda n, bid=b.id: self.sort(bid, KINDS[n]))
            why = QLineEdit(mine_.rationale if mine_ else self._drafts.get(b.id, ""))
            why.setObjectName(f"why_{b.id}")
            why.setPlaceholderText("Why?")
            why.setMaxLength(LENGTHS["structure_sorts.rationale"])
            why.setMinimumHeight(48)
            why.editingFinished.connect(lambda bid=b.id: self.why_changed(bid))
            grid.addWidget(why, 1, 3)
            grid.setColumnStretch(3, 1)
            self.kind_groups[b.id] = group
            self.whys[b.id] = why
            self._add(frame)

    def _fill_split(self, split, names: dict[int, str]) -> None:
        b = split.element
        frame = QFrame()
        frame.setProperty("blockerRow", True)
        frame.setProperty("split", split.hidden_conflict)
        col = QVBoxLayout(frame)
        col.addWidget(_label(b.text, prop="blockerText"))
        marker = "Split: behavioural AND structural.  " if split.hidden_conflict else ""
        col.addWidget(_label(marker + split_label(split.counts), prop="secondary"))
        for card in split.cards:
            self.shown_sorts.append((card.participant_id, b.id))
            why = f": {card.rationale}" if card.rationale else ""
            col.addWidget(_label(f"{names.get(card.participant_id, '?')}: {KIND_TITLES[card.kind]}{why}",
                                 prop="secondary"))
        col.addWidget(_label("The room agrees it is:", prop="secondary"))
        agreed = QHBoxLayout()
        group = QButtonGroup(frame)
        for n, kind in enumerate(KINDS):
            btn = big_button(KIND_TITLES[kind], name=f"agree_{b.id}_{kind}")
            btn.setAccessibleName(f"The room agrees {KIND_TITLES[kind]}: {b.text}")
            btn.setProperty("kindButton", True)
            btn.setCheckable(True)
            btn.setChecked(b.agreed_kind == kind)
            group.addButton(btn, n)
            agreed.addWidget(btn)
        group.idClicked.connect(lambda n, bid=b.id, old=b.agreed_kind:
                                edits.agree(self.doc, bid, "" if KINDS[n] == old else KINDS[n]))
        agreed.addStretch(1)
        col.addLayout(agreed)
        flows = flows_for(b.agreed_kind)
        if flows:
            col.addWidget(_label("Turn it into, with one tap:", prop="secondary"))
            row = QHBoxLayout()
            for target in flows:
                btn = big_button(FLOW_TITLES[target], name=f"flow_{b.id}_{target}")
                btn.clicked.connect(lambda _c=False, bid=b.id, t=target: self._flow(bid, t))
                row.addWidget(btn)
            row.addStretch(1)
            col.addLayout(row)
        self._add(frame)

    def _flow(self, blocker_id: int, target: str) -> None:
        if edits.flow_on(self.doc, blocker_id, target):
            where = {"decision": "the covenant's decision rights", "threshold": "the covenant's thresholds (draft)",
                     "commitment": "the close's commitments", "target": "the readiness plan's targets"}[target]
            self.tab.flash(f"Added to {where}.")


class ScoreStep(_Step):
    """Each executive rates the three structural conditions 1-5, alone."""

    exercise = "structure_score"
    start_text = "Rate the scorecard: hand the screen round"
    action = "rating"
    verb = "rating"

    def add_above_body(self, layout: QVBoxLayout) -> None:
        self.groups: dict[str, QButtonGroup] = {}
        grid = QGridLayout()
        for row, (key, title) in enumerate(CONDITIONS.items()):
            label = _label(f"{title}\n{CONDITION_HINTS[key]}", prop="secondary")
            grid.addWidget(label, row, 0)
            group = QButtonGroup(self)
            box = QHBoxLayout()
            for value in range(1, 6):
                b = QPushButton(str(value))
                b.setObjectName(f"score_{key}_{value}")
                b.setProperty("kindButton", True)
                b.setCheckable(True)
                b.setMinimumSize(64, 64)
                group.addButton(b, value)
                box.addWidget(b)
            group.idClicked.connect(lambda _v: self._rated())
            self.groups[key] = group
            grid.addLayout(box, row, 1)
            grid.setColumnStretch(0, 1)
        self.rating = QWidget()
        self.rating.setObjectName("scoreRating")
        self.rating.setLayout(grid)
        layout.addWidget(self.rating)
        self.summary = _label("", prop="secondary")
        self.summary.setObjectName("scoreSummary")

    def _mine(self) -> Scorecard | None:
        pid = self.controller.current
        return next((s for s in store.list_scores(self.doc.lib, self.doc.workshop_id) if s.participant_id == pid), None)

    def remaining(self, _pid: int) -> str:
        left = [k for k, g in self.groups.items() if g.checkedId() <= 0]
        return f"{len(left)} condition{'s' * (len(left) != 1)} not rated yet" if left else ""

    def reset_view(self) -> None:
        for group in self.groups.values():
            group.setExclusive(False)
            for b in group.buttons():
                b.setChecked(False)
            group.setExclusive(True)

    def _rated(self) -> None:
        pid = self.controller.current
        values = {k: g.checkedId() for k, g in self.groups.items()}
        if pid is None or not self.controller.in_turn or min(values.values()) <= 0:
            return
        old = self._mine()
        if old is not None and all(getattr(old, k) == v for k, v in values.items()):
            return
        edits.rate(self.doc, Scorecard(participant_id=pid, **values))

    def fill(self, running: bool, hidden: bool) -> None:
        turn = self.controller.in_turn
        self.rating.setVisible(turn)
        self.summary = _label("", prop="secondary")
        self.summary.setObjectName("scoreSummary")
        self._add(self.summary)
        cards = store.list_scores(self.doc.lib, self.doc.workshop_id)
        if turn:
            mine = self._mine()
            for key, group in self.groups.items():
                value = getattr(mine, key) if mine is not None else 0
                if value and group.checkedId() != value:
                    group.button(value).setChecked(True)
        if running or hidden:
            self.status.setText(f"{len(cards)} of {len(self.doc.participants())} have rated. The ratings stay "
                                "hidden until the reveal.")
            return
        self.status.setText("The three structural conditions, as the room rates them (never who gave what).")
        self.summary.setText(scorecard_summary(cards))


class StructureView(ExerciseView):
    """The constraint diagnosis tab: three steps on one screen, one private round each."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(doc, parent)
        self.setObjectName("structureView")
        self.setStyleSheet(for_screen(STYLE))
        self.stack = QStackedWidget()
        self.step_group = QButtonGroup(self)
        steps_row = QHBoxLayout()
        self.steps: list[_Step] = []
        self.step_buttons: list[QPushButton] = []
        for n, cls in enumerate((BlockersStep, SortStep, ScoreStep)):
            step = cls(self)
            self.steps.append(step)
            self.stack.addWidget(step)
            btn = big_button(STEPS[n][1], name=f"step_{STEPS[n][0]}")
            btn.setProperty("stepButton", True)
            btn.setCheckable(True)
            self.step_group.addButton(btn, n)
            self.step_buttons.append(btn)
            steps_row.addWidget(btn)
        steps_row.addStretch(1)
        self.csv_btn = big_button("Export CSV…", name="exportDiagnosisCsv")
        self.csv_btn.clicked.connect(self._export_csv)
        steps_row.addWidget(self.csv_btn)
        self.step_group.idClicked.connect(self.show_step)
        self.blockers, self.sorting, self.score = self.steps
        self.message = _label("", prop="secondary")
        self.message.setObjectName("structureMessage")
        layout = QVBoxLayout(self)
        title = heading("Constraint diagnosis: behavioural or structural?")
        layout.addWidget(title)
        layout.addLayout(steps_row)
        layout.addWidget(self.message)
        self.message.hide()
        layout.addWidget(self.stack, 1)
        for step in self.steps:
            step.private.overlay.raise_()
        doc.privateRoundChanged.connect(self.refresh)
        running = next((n for n, s in enumerate(self.steps) if s.controller.active), None)
        self.show_step(running if running is not None else self._default_step())
        self.refresh()

    def shows(self, changes: Changes) -> bool:
        return changes.touches(*store.TABLES, rounds.KIND, "private_round_turns", "participants")

    def _default_step(self) -> int:
        lib, wid = self.doc.lib, self.doc.workshop_id
        if not store.list_blockers(lib, wid) or rounds.is_hidden(lib, wid, "structure_blockers"):
            return 0
        return 1

    def show_step(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.step_buttons[index].setChecked(True)

    def _export_csv(self) -> None:
        from tension_desktop.export.structure_csv import write_diagnosis_csv

        from ..output import export_csv

        export_csv(self, "Export the constraint diagnosis as CSV", "diagnosis.csv",
                   lambda path: write_diagnosis_csv(self.doc.lib, self.doc.workshop_id, path))

    def flash(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def refresh(self) -> None:
        running = next((n for n, s in enumerate(self.steps) if s.controller.active), None)
        if running is not None and self.stack.currentIndex() != running:
            self.show_step(running)
        for n, btn in enumerate(self.step_buttons):
            btn.setEnabled(running is None or n == running)
        self.csv_btn.setEnabled(running is None)
        for step in self.steps:
            step.refresh()
