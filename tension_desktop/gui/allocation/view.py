"""The allocation round's screen: the portfolio (initiatives by category, new requests), the
private round of splits, and the reveal: stacked bars beside the target and the actual,
disagreements ranked, the trade-off a request forces, each leader's time now vs as it
should be, and commitments made straight from it.

The private round uses the shared :class:`~tension_desktop.gui.turns.PrivateRound`
(exercise ``allocation``): during a turn only that person's own splits are on screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model.allocation import (
    CATEGORIES,
    PART_TITLES,
    actual_shares,
    persistent_imbalances,
    portfolio_reveal,
    time_readings,
    trade_off,
)
from tension_desktop.store import allocation as store
from tension_desktop.store import rounds
from tension_desktop.store.changes import Changes

from ..document import WorkshopDocument
from ..exercise_view import ExerciseView
from ..forms import open_form
from ..plain import plain_label
from ..turns import PrivateRound
from ..widgets import big_button, heading
from . import edits
from .bars import StackedBars
from .forms import CategoriesDialog, CommitDialog, RequestDialog, SplitForm

EXERCISE = "allocation"
#: what the screen draws: the portfolio, the splits, the people, the initiatives, the close
TABLES = (edits.ITEMS, edits.SPLITS, rounds.KIND, "participants", "initiatives", "commitments")


def _label(text: str = "", name: str = "") -> QLabel:
    label = plain_label(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class AllocationView(ExerciseView):
    """The allocation tab."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(doc, parent)
        self.lib, self.wid = doc.lib, doc.workshop_id
        self.setObjectName("allocationView")
        self.dialog = None
        self.private = PrivateRound(doc, EXERCISE, self, kind=edits.SPLITS, action="splits", verb="splitting",
                                    hint="Only your own splits are shown.", reveal_text="Reveal the splits",
                                    remaining=self._remaining, reset_view=self._reset_turn_view)
        self.controller = self.private.controller
        self.categories_btn = big_button("Categories and target…", name="allocationCategories")
        self.categories_btn.clicked.connect(self.edit_categories)
        self.request_btn = big_button("Place a new request…", name="addRequest")
        self.request_btn.clicked.connect(self.add_request)
        self.private_btn = big_button("Private round: splits", primary=True, name="startAllocationRound")
        self.private_btn.clicked.connect(lambda: self.private.start())
        self.reveal_btn = big_button("Reveal the splits", primary=True, name="revealSplits")
        self.reveal_btn.clicked.connect(lambda: self.private.reveal())
        self.private.start_button, self.private.reveal_button = self.private_btn, self.reveal_btn
        self.status = _label(name="allocationStatus")
        self.form = SplitForm()
        self.form.save_btn.clicked.connect(self.save_splits)
        # a CTO's four parts, now and as it should be, need more lines than 768 leave: it scrolls
        self.form_area = QScrollArea()
        self.form_area.setObjectName("allocationFormArea")
        self.form_area.setWidgetResizable(True)
        self.form_area.setFrameShape(QFrame.Shape.NoFrame)
        self.form_area.setWidget(self.form)
        # the portfolio: one row per initiative (category buttons, effort), then the requests
        self.portfolio_box = QWidget()
        self.portfolio_grid = QGridLayout(self.portfolio_box)
        self.portfolio_grid.setContentsMargins(0, 0, 0, 0)
        self.category_groups: dict[int, QButtonGroup] = {}
        self.effort_labels: dict[int, QLabel] = {}
        self.requests_box = QVBoxLayout()
        # the reveal
        self.bars = StackedBars()
        self.ranking = _label(name="allocationRanking")
        self.tradeoffs = _label(name="allocationTradeoffs")
        self.time_bars = StackedBars()
        self.time_bars.setObjectName("timeBars")
        self.cto_bars = StackedBars()
        self.cto_bars.setObjectName("ctoBars")
        self.time_notes = QVBoxLayout()
        self.commit_btns: dict[int, object] = {}
        left = QVBoxLayout()
        left.addWidget(heading("The portfolio", sub=True))
        left.addWidget(self.portfolio_box)
        left.addLayout(self.requests_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(heading("How we split it", sub=True))
        right.addWidget(self.bars)
        right.addWidget(self.ranking)
        right.addWidget(self.tradeoffs)
        right.addWidget(heading("Our time: now and as it should be", sub=True))
        right.addWidget(_label("Reference by scope, execution/innovation: team 90/10, function 80/20, business "
                               "unit 75/25, enterprise 60/40; rarely 50/50. A CTO: strategy 30, people and "
                               "organisation 30, operational oversight 20, cross-functional collaboration 20.",
                               name="timeReference"))
        right.addWidget(self.time_bars)
        right.addWidget(self.cto_bars)
        right.addLayout(self.time_notes)
        right.addStretch(1)
        inner = QWidget()
        body = QHBoxLayout(inner)
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        self.body = QScrollArea()
        self.body.setObjectName("allocationBody")
        self.body.setWidgetResizable(True)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setWidget(inner)
        top = QHBoxLayout()
        top.addWidget(heading("Allocation: the portfolio and our time"), 1)
        self.csv_btn = big_button("Export as CSV…", name="allocationCsv")
        self.csv_btn.clicked.connect(self.export_csv)
        for b in (self.csv_btn, self.categories_btn, self.request_btn, self.private_btn, self.reveal_btn):
            top.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.private.bar)
        layout.addWidget(self.private.note)
        layout.addWidget(self.status)
        layout.addWidget(self.form_area, 1)
        layout.addWidget(self.body, 1)
        self.private.overlay.raise_()
        self.controller.changed.connect(self.refresh)
        self.refresh()
        self.private.note.refresh()

    def shows(self, changes: Changes) -> bool:
        """The portfolio and splits, the people and initiatives, the close's commitments, the
        categories' names and the target."""
        return changes.touches(*TABLES) or changes.touches_setting(store.CATEGORIES_KEY, store.TARGET_KEY)

    # -- the private round ----------------------------------------------------------------------
    def _remaining(self, pid: int) -> str:
        saved = store.splits_of(self.lib, self.wid, pid)
        if len(saved) < 3:
            return "Your splits are not saved yet"
        mine = {s.kind: (s.scheme, s.scope, s.shares) for s in self.form.splits(pid)}
        if mine != {k: (s.scheme, s.scope, s.shares) for k, s in saved.items()}:
            return "Your latest changes are not saved yet"
        return ""

    def _reset_turn_view(self) -> None:
        pid = self.controller.current
        self.form.reset(store.target(self.lib, self.wid),
                        store.splits_of(self.lib, self.wid, pid) if pid is not None else None)

    def save_splits(self) -> None:
        pid = self.controller.current
        if pid is None or not self.controller.in_turn or not self.form.complete():
            return
        edits.save_splits(self.doc, pid, self.form.splits(pid))

    # -- the portfolio --------------------------------------------------------------------------
    def _open(self, dialog, on_accept) -> None:
        open_form(self, dialog, lambda: on_accept(dialog))

    def edit_categories(self) -> None:
        dlg = CategoriesDialog(store.category_names(self.lib, self.wid), store.target(self.lib, self.wid), self)
        self._open(dlg, lambda d: edits.set_categories_and_target(self.doc, *d.values()))

    def add_request(self) -> None:
        dlg = RequestDialog(store.category_names(self.lib, self.wid), self)
        self._open(dlg, lambda d: edits.add_request(self.doc, *d.values()))

    def set_category(self, initiative_id: int, category: str) -> None:
        item = store.item_for(self.lib, self.wid, initiative_id)
        if item is not None and item.category == category:
            edits.set_initiative(self.doc, initiative_id, None, 0)  # tapped again: out
            return
        edits.set_initiative(self.doc, initiative_id, category, item.effort if item else 1)

    def step_effort(self, initiative_id: int, delta: int) -> None:
        item = store.item_for(self.lib, self.wid, initiative_id)
        if item is None:
            return
        effort = max(0, item.effort + delta)
        if effort != item.effort:
            edits.set_initiative(self.doc, initiative_id, item.category, effort)

    def commit(self, participant_id: int, text: str, kind: str) -> None:
        dlg = CommitDialog(text, kind, self)
        self._open(dlg, lambda d: edits.commit_from_reveal(self.doc, *d.values(), participant_id))

    def export_csv(self) -> Path | None:
        """*Export as CSV…*: the exercise through the one CSV writer."""
        from tension_desktop.export.exercise_csv import write_allocation_csv

        from ..output import export_csv

        return export_csv(self, "Export as CSV", "allocation.csv", lambda path: write_allocation_csv(self.lib, self.wid, path))

    # -- drawing --------------------------------------------------------------------------------
    @staticmethod
    def _clear(layout) -> None:
        while layout.count():
            item = layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
            elif item.layout() is not None:
                AllocationView._clear(item.layout())

    def refresh(self) -> None:
        running, turn = self.controller.active, self.controller.in_turn
        hidden = rounds.is_hidden(self.lib, self.wid, EXERCISE)
        names = store.category_names(self.lib, self.wid)
        self.form.set_category_titles(names)
        self.form_area.setVisible(turn)
        self.body.setVisible(not turn)
        for b in (self.categories_btn, self.request_btn, self.private_btn, self.csv_btn):
            b.setVisible(not running)
        self.reveal_btn.setVisible(not running and hidden)
        if running or hidden:
            answered = len({s.participant_id for s in store.list_splits(self.lib, self.wid)})
            self.status.setText(f"Private round: {answered} of {len(self.doc.participants())} have saved their "
                                "splits. They stay hidden until the reveal.")
        else:
            self.status.setText("Tap a category to place an initiative (tap it again to take it out); − and + "
                                "change its effort.")
        if turn:
            return
        self._portfolio(names)
        self._reveal(names, [] if (running or hidden) else store.list_splits(self.lib, self.wid))

    def _portfolio(self, names: dict[str, str]) -> None:
        self._clear(self.portfolio_grid)
        self._clear(self.requests_box)
        self.category_groups, self.effort_labels = {}, {}
        items = {i.initiative_id: i for i in store.list_items(self.lib, self.wid) if not i.request}
        for row, ini in enumerate(self.doc.initiatives()):
            item = items.get(ini.id)
            self.portfolio_grid.addWidget(_label(ini.title), row, 0)
            group = QButtonGroup(self)
            group.setExclusive(False)
            for col, c in enumerate(CATEGORIES, start=1):
                b = big_button(names[c].split()[0] if len(names[c]) > 14 else names[c], name=f"cat_{ini.id}_{c}")
                b.setToolTip(names[c])
                b.setAccessibleName(f"{names[c]}: {ini.title}")
                b.setCheckable(True)
                b.setChecked(item is not None and item.category == c)
                b.clicked.connect(lambda _c=False, i=ini.id, k=c: self.set_category(i, k))
                group.addButton(b)
                self.portfolio_grid.addWidget(b, row, col)
            self.category_groups[ini.id] = group
            minus = big_button("−", name=f"effort_{ini.id}_minus")
            plus = big_button("+", name=f"effort_{ini.id}_plus")
            minus.setAccessibleName(f"Less effort: {ini.title}")
            plus.setAccessibleName(f"More effort: {ini.title}")
            minus.clicked.connect(lambda _c=False, i=ini.id: self.step_effort(i, -1))
            plus.clicked.connect(lambda _c=False, i=ini.id: self.step_effort(i, 1))
            effort = _label(str(item.effort) if item else "—")
            effort.setMinimumWidth(36)
            for b in (minus, plus):
                b.setEnabled(item is not None)
            self.portfolio_grid.addWidget(minus, row, 4)
            self.portfolio_grid.addWidget(effort, row, 5)
            self.portfolio_grid.addWidget(plus, row, 6)
            self.effort_labels[ini.id] = effort
        self.portfolio_grid.setColumnStretch(0, 1)
        for req in (i for i in store.list_items(self.lib, self.wid) if i.request):
            row = QHBoxLayout()
            row.addWidget(_label(f"New request: {req.title} ({names[req.category]}, effort {req.effort})"), 1)
            remove = big_button("Take out", name=f"removeRequest_{req.id}")
            remove.clicked.connect(lambda _c=False, i=req.id: edits.remove_request(self.doc, i))
            row.addWidget(remove)
            self.requests_box.addLayout(row)

    def _reveal(self, names: dict[str, str], splits) -> None:
        items = store.list_items(self.lib, self.wid)
        target = store.target(self.lib, self.wid)
        people = {p.id: p for p in self.doc.participants()}
        actual = actual_shares(items)
        rows = [("Agreed target", [target[c] for c in CATEGORIES], True)]
        if any(actual.values()):
            rows.append(("On the table now", [actual[c] for c in CATEGORIES], True))
        rows += [(people[s.participant_id].name, [s.shares[c] for c in CATEGORIES], False)
                 for s in splits if s.kind == "portfolio" and s.participant_id in people]
        self.bars.set_rows([names[c] for c in CATEGORIES], rows)
        spreads = [c for c in portfolio_reveal(splits, items, target) if c.shares]
        self.ranking.setText("Most disputed first: " + "; ".join(
            f"{names[c.category]}: {c.spread} points apart ({people[c.highest].name} {c.shares[c.highest]} %, "
            f"{people[c.lowest].name} {c.shares[c.lowest]} %)" for c in spreads
            if c.highest in people and c.lowest in people) if spreads else "")
        titles = {i.id: i.title for i in self.doc.initiatives()}
        lines = []
        for req in (i for i in items if i.request):
            t = trade_off(req, items, target)
            freed = ", ".join(titles.get(c, "?") for c in t.candidates) or "nothing on the table yet"
            lines.append(f"{req.title}: {names[req.category]} goes from {t.before[req.category]:.0f} % to "
                         f"{t.after[req.category]:.0f} %. To stay on target, effort {t.effort_to_free} has to leave "
                         f"{names[t.gives]}: {freed}.")
        self.tradeoffs.setText("\n".join(lines))
        self._time(splits, people)

    def _time(self, splits, people) -> None:
        self._clear(self.time_notes)
        self.commit_btns = {}
        readings = [r for r in time_readings(splits) if r.participant_id in people]
        for scheme, bars in (("exec", self.time_bars), ("cto", self.cto_bars)):
            mine = [r for r in readings if r.scheme == scheme]
            keys = ("execution", "innovation") if scheme == "exec" else ("strategy", "people", "operations",
                                                                         "collaboration")
            rows = []
            for r in mine:
                name = people[r.participant_id].name
                for label, shares in (("now", r.now), ("should", r.should)):
                    if shares:
                        rows.append((f"{name}: {label}", [shares[k] for k in keys], label == "now"))
            bars.set_rows([PART_TITLES[k] for k in keys], rows)
            bars.setVisible(bool(rows))
        lasting = persistent_imbalances(store.earlier_readings(self.lib, self.wid),
                                        {people[r.participant_id].name: r for r in readings})
        for r in readings:
            person = people[r.participant_id]
            notes = [*r.warnings, *([lasting[person.name]] if person.name in lasting else [])]
            if not notes:
                continue
            row = QHBoxLayout()
            note = _label(f"{person.name}: " + "; ".join(notes), name=f"timeNote_{person.id}")
            if person.name in lasting:
                note.setStyleSheet("color: #c53030; font-weight: 600;")
            row.addWidget(note, 1)
            short = PART_TITLES.get(r.short, "").lower()
            text = (f"Book {short} time in the calendar every week" if r.short in ("innovation", "strategy")
                    else f"Delegate operational decisions to free time for {short or 'what matters'}")
            btn = big_button("Commit…", name=f"commit_{person.id}")
            btn.setAccessibleName(f"Commit: {person.name}: {text}")
            btn.clicked.connect(lambda _c=False, pid=person.id, t=text: self.commit(pid, t, "experiment"))
            row.addWidget(btn)
            self.time_notes.addLayout(row)
            self.commit_btns[person.id] = btn
