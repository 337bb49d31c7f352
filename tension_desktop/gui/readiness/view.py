"""The 90-day readiness plan tab: set at the close, reviewed at every follow-up.

The plan (three behaviour targets, three leading indicators with owner, baseline and
target, one reinforcement mechanism, the operating cadence with owners) is written once
and carried by Continue. At each follow-up the coach enters the weekly indicator values
since the last session, marks each target held or slipping and records whether the team
moved or only the leader; the chart shows each indicator against its baseline and target.
From week 12 the closing question: is coaching the lever, or is structure missing?
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model.readiness import (
    ANSWER_TITLES,
    CLOSING_QUESTION,
    MECHANISM_EXAMPLES,
    MOVED_TITLES,
    PHASES,
    TARGET_EXAMPLES,
    WEEKS,
    PlanItem,
    WeekValue,
    closing_due,
    evidence,
    gaps,
    phase_of,
    series,
    suggested_answer,
)
from tension_desktop.model.rules import LENGTHS
from tension_desktop.store import readiness as store
from tension_desktop.store.changes import Changes

from ..date_field import DateField
from ..document import WorkshopDocument
from ..exercise_view import ExerciseView
from ..room_type import clear_layout, room_type
from ..theme import for_screen
from ..widgets import big_button, heading
from . import edits

STYLE = """
QPushButton[choice="true"]:checked { background: #0b4f8a; color: white; }
QLabel[section="true"] { font-size: 14pt; font-weight: 700; }
QLabel[secondary="true"] { font-size: 12pt; color: #334e68; }
"""
COLOURS = ("#0b4f8a", "#c05621", "#2f855a")


def _number(text: str) -> float | None:
    try:
        value = float(text.replace(",", ".").strip())
    except ValueError:
        return None
    return value if value == value and abs(value) <= 1e9 else None


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class IndicatorChart(QWidget):
    """Small multiples: one panel per indicator, on its own scale, weeks 1-12 across; the
    readings as a line, the baseline (grey) and target (green) as dashed lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("indicatorChart")
        self.items: list[PlanItem] = []
        self.values: list[WeekValue] = []
        self.week = 0
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_data(self, items: list[PlanItem], values: list[WeekValue], week: int) -> None:
        self.items, self.values, self.week = list(items), list(values), week
        self.update()

    def panels(self) -> list[QRectF]:
        n = max(1, len(self.items))
        w = (self.width() - 16) / n
        return [QRectF(8 + i * w, 4, w - 12, self.height() - 8) for i in range(n)]

    def points(self, index: int) -> list[QPointF]:
        """Where the readings of indicator ``index`` are drawn (what a test can check)."""
        item = self.items[index]
        plot, lo, hi = self._plot(index)
        out = []
        for week, value in series(self.values, item.id):
            x = plot.left() + (week - 1) / (WEEKS - 1) * plot.width()
            y = plot.bottom() - (value - lo) / (hi - lo) * plot.height()
            out.append(QPointF(x, y))
        return out

    def _plot(self, index: int) -> tuple[QRectF, float, float]:
        item = self.items[index]
        fm = QFontMetrics(self._font())
        r = self.panels()[index]
        plot = QRectF(r.left() + 8, r.top() + 2.2 * fm.height(), r.width() - 16, r.height() - 3.6 * fm.height())
        numbers = [v for _w, v in series(self.values, item.id)] + \
            [x for x in (item.baseline, item.goal) if x is not None]
        lo, hi = (min(numbers), max(numbers)) if numbers else (0.0, 1.0)
        if hi - lo < 1e-9:
            lo, hi = lo - 1, hi + 1
        pad = (hi - lo) * 0.1
        return plot, lo - pad, hi + pad

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(9.0, font.pointSizeF() * 0.9))
        return font

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setFont(self._font())
        fm = QFontMetrics(self._font())
        if not self.items:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No indicators yet.")
            return
        for n, item in enumerate(self.items):
            r = self.panels()[n]
            plot, lo, hi = self._plot(n)
            p.setPen(QColor("#102a43"))
            title = fm.elidedText(item.text or f"Indicator {n + 1}", Qt.TextElideMode.ElideRight, int(r.width()))
            p.drawText(QRectF(r.left(), r.top(), r.width(), fm.height() * 1.2), Qt.AlignmentFlag.AlignLeft, title)
            p.setPen(QPen(QColor("#bcccdc"), 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(plot)
            for value, colour, label in ((item.baseline, "#829ab1", "baseline"), (item.goal, "#2f855a", "target")):
                if value is None:
                    continue
                y = plot.bottom() - (value - lo) / (hi - lo) * plot.height()
                p.setPen(QPen(QColor(colour), 2, Qt.PenStyle.DashLine))
                p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
                p.drawText(QPointF(plot.left() + 4, y - 3), f"{label} {value:g}")
            if self.week:
                x = plot.left() + (min(self.week, WEEKS) - 1) / (WEEKS - 1) * plot.width()
                p.setPen(QPen(QColor("#f0b429"), 2))
                p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            pts = self.points(n)
            p.setPen(QPen(QColor(COLOURS[n % len(COLOURS)]), 3))
            for a, b in zip(pts, pts[1:], strict=False):
                p.drawLine(a, b)
            p.setBrush(QColor(COLOURS[n % len(COLOURS)]))
            for pt in pts:
                p.drawEllipse(pt, 4, 4)
            p.setPen(QColor("#486581"))
            p.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), fm.height()),
                       Qt.AlignmentFlag.AlignLeft, "week 1")
            p.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), fm.height()),
                       Qt.AlignmentFlag.AlignRight, f"week {WEEKS}")


class ReadinessView(ExerciseView):
    """Write the plan, enter the weeks, mark the targets, answer the closing question."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(doc, parent)
        self.setObjectName("readinessView")
        self.setStyleSheet(for_screen(STYLE))
        self.summary = heading("", sub=True)
        self.summary.setObjectName("readinessSummary")
        self.start_btn = big_button("Start the 90-day plan", primary=True, name="startPlan")
        self.start_btn.clicked.connect(lambda: edits.start_plan(self.doc))
        self.start_date = DateField(name="planStart", placeholder="plan start (week 1)")
        self.start_date.dateCommitted.connect(lambda iso: edits.set_check(self.doc, start_date=iso))
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel("Week 1 starts:"))
        top.addWidget(self.start_date)
        top.addWidget(self.start_btn)
        self.csv_btn = big_button("Export CSV…", name="exportPlanCsv")
        self.csv_btn.clicked.connect(self._export_csv)
        top.addWidget(self.csv_btn)
        self.body = QWidget()
        self.body.setObjectName("readinessBody")
        self.grid = QVBoxLayout(self.body)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("90-day readiness plan: can the structure absorb the new behaviour?"))
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        # widgets keyed by item id, rebuilt when the plan's items change
        self.texts: dict[int, QLineEdit] = {}
        self.owners: dict[int, QComboBox] = {}
        self.baselines: dict[int, QLineEdit] = {}
        self.goals: dict[int, QLineEdit] = {}
        self.status_groups: dict[int, QButtonGroup] = {}
        self.table = QTableWidget()
        self.table.setObjectName("weeklyValues")
        self.table.setAccessibleName("Weekly values of the indicators")
        self.table.itemChanged.connect(self._cell_changed)
        self.chart = IndicatorChart()
        self.moved_group = QButtonGroup(self)
        self.answer_group = QButtonGroup(self)
        self.evidence = QLineEdit()
        self._built_for: tuple = ()
        self._filling = False
        self.refresh()

    def shows(self, changes: Changes) -> bool:
        return changes.touches(*store.TABLES, "participants", "workshops")

    # -- building -------------------------------------------------------------------------
    def _owner_combo(self, item: PlanItem) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"owner_{item.id}")
        combo.setAccessibleName(f"Owner of {_item_name(item)}")
        combo.setMinimumHeight(48)
        combo.addItem("(owner)", None)
        for p in self.doc.participants():
            combo.addItem(p.label, p.id)
        combo.setCurrentIndex(max(0, combo.findData(item.owner_id)))
        combo.activated.connect(lambda _i, iid=item.id, c=combo: self._owner(iid, c.currentData()))
        return combo

    def _text_edit(self, item: PlanItem, placeholder: str) -> QLineEdit:
        edit = QLineEdit(item.text)
        edit.setObjectName(f"text_{item.id}")
        edit.setProperty("blockerText", True)  # what the room reads from the back: sizes from physics
        edit.setMaxLength(LENGTHS["readiness_items.text"])
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(_item_name(item))
        edit.setMinimumHeight(48)
        edit.editingFinished.connect(lambda iid=item.id, e=edit: self._text(iid, e.text().strip()))
        return edit

    def _number_edit(self, item: PlanItem, field: str) -> QLineEdit:
        edit = QLineEdit(_fmt(getattr(item, field)))
        edit.setObjectName(f"{field}_{item.id}")
        edit.setPlaceholderText("baseline" if field == "baseline" else "target")
        edit.setAccessibleName(f"{'Baseline' if field == 'baseline' else 'Target'} of {_item_name(item)}")
        edit.setMinimumHeight(48)
        edit.setMaximumWidth(110)
        edit.editingFinished.connect(lambda iid=item.id, e=edit, f=field: self._num(iid, f, e.text()))
        return edit

    def _section(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setProperty("section", True)
        label.setWordWrap(True)
        return label

    def _choice(self, text: str, name: str) -> QPushButton:
        btn = big_button(text, name=name)
        btn.setProperty("choice", True)
        btn.setCheckable(True)
        return btn

    def _build(self, items: list[PlanItem]) -> None:
        clear_layout(self.grid)
        self.texts, self.owners, self.baselines, self.goals, self.status_groups = {}, {}, {}, {}, {}
        by_kind = {k: [i for i in items if i.kind == k] for k in ("target", "indicator", "mechanism", "cadence")}
        titles = {p[2]: p for p in PHASES}
        g = QGridLayout()
        row = 0
        g.addWidget(self._section(f"{titles['Weeks 1-2'][2]}: {titles['Weeks 1-2'][3]}"), row, 0, 1, 5)
        row += 1
        for n, item in enumerate(by_kind["target"]):
            self.texts[item.id] = self._text_edit(item, TARGET_EXAMPLES[n % 3])
            g.addWidget(self.texts[item.id], row, 0, 1, 2)
            self.owners[item.id] = self._owner_combo(item)
            g.addWidget(self.owners[item.id], row, 2)
            group = QButtonGroup(self)
            group.setExclusive(False)
            for k, (status, title) in enumerate((("held", "Held"), ("slipping", "Slipping"))):
                btn = self._choice(title, f"status_{item.id}_{status}")
                btn.setAccessibleName(f"{title}: {_item_name(item)}")
                group.addButton(btn, k)
                g.addWidget(btn, row, 3 + k)
            group.idClicked.connect(lambda k, iid=item.id: self._status(iid, ("held", "slipping")[k]))
            self.status_groups[item.id] = group
            row += 1
        g.addWidget(self._section(f"{titles['Weeks 3-4'][2]}: {titles['Weeks 3-4'][3]} "
                                  "(name, owner, baseline, target)"), row, 0, 1, 5)
        row += 1
        for item in by_kind["indicator"]:
            self.texts[item.id] = self._text_edit(item, "e.g. decisions closed with a written memo per week")
            g.addWidget(self.texts[item.id], row, 0, 1, 2)
            self.owners[item.id] = self._owner_combo(item)
            g.addWidget(self.owners[item.id], row, 2)
            self.baselines[item.id] = self._number_edit(item, "baseline")
            self.goals[item.id] = self._number_edit(item, "goal")
            g.addWidget(self.baselines[item.id], row, 3)
            g.addWidget(self.goals[item.id], row, 4)
            row += 1
        g.addWidget(self._section(f"{titles['Weeks 5-8'][2]}: {titles['Weeks 5-8'][3]}"), row, 0, 1, 5)
        row += 1
        for item in by_kind["mechanism"]:
            self.texts[item.id] = self._text_edit(item, " / ".join(MECHANISM_EXAMPLES))
            g.addWidget(self.texts[item.id], row, 0, 1, 2)
            self.owners[item.id] = self._owner_combo(item)
            g.addWidget(self.owners[item.id], row, 2)
            row += 1
        g.addWidget(self._section("Operating cadence, each with its owner"), row, 0, 1, 5)
        row += 1
        for item in by_kind["cadence"]:
            self.texts[item.id] = self._text_edit(item, "a meeting of the cadence")
            g.addWidget(self.texts[item.id], row, 0, 1, 2)
            self.owners[item.id] = self._owner_combo(item)
            g.addWidget(self.owners[item.id], row, 2)
            row += 1
        g.setColumnStretch(0, 1)
        plan = QWidget()
        plan.setLayout(g)
        self.grid.addWidget(plan)
        # the follow-up: weekly values, who moved, the chart, the closing question
        self.grid.addWidget(self._section(f"{titles['Weeks 9-12'][2]}: {titles['Weeks 9-12'][3]}. "
                                          "At each follow-up: the weekly values since the last session"))
        self.table = QTableWidget(len(by_kind["indicator"]), WEEKS)
        self.table.setObjectName("weeklyValues")
        self.table.setAccessibleName("Weekly values of the indicators")
        # one tap on a week opens it for typing (touch first: no double tap needed)
        self.table.setEditTriggers(QTableWidget.EditTrigger.AllEditTriggers)
        self.table.setHorizontalHeaderLabels([f"W{w}" for w in range(1, WEEKS + 1)])
        self.table.setVerticalHeaderLabels([f"Indicator {n + 1}" for n in range(len(by_kind["indicator"]))])
        self.table.verticalHeader().setMinimumSectionSize(44)
        self.table.horizontalHeader().setMinimumSectionSize(52)
        self.table.setMinimumHeight(60 + 48 * len(by_kind["indicator"]))
        self.table.itemChanged.connect(self._cell_changed)
        self.indicator_ids = [i.id for i in by_kind["indicator"]]
        self.grid.addWidget(self.table)
        moved = QHBoxLayout()
        moved.addWidget(QLabel("Whose behaviour moved?"))
        self.moved_group = QButtonGroup(self)
        self.moved_group.setExclusive(False)
        for k, key in enumerate(("team", "leader_only")):
            btn = self._choice(MOVED_TITLES[key], f"moved_{key}")
            self.moved_group.addButton(btn, k)
            moved.addWidget(btn)
        self.moved_group.idClicked.connect(lambda k: self._moved(("team", "leader_only")[k]))
        moved.addStretch(1)
        box = QWidget()
        box.setLayout(moved)
        self.grid.addWidget(box)
        self.chart = IndicatorChart()
        self.chart.setMinimumHeight(220)
        self.grid.addWidget(self.chart)
        self.closing = QFrame()
        self.closing.setObjectName("closingQuestion")
        self.closing.setStyleSheet("QFrame#closingQuestion { background: #fffbea; border: 1px solid #f0b429; "
                                   "border-radius: 8px; }")
        col = QVBoxLayout(self.closing)
        self.closing_title = self._section(f"Week {WEEKS}: {CLOSING_QUESTION}")
        col.addWidget(self.closing_title)
        self.suggestion = QLabel()
        self.suggestion.setTextFormat(Qt.TextFormat.PlainText)
        self.suggestion.setProperty("secondary", True)
        self.suggestion.setWordWrap(True)
        col.addWidget(self.suggestion)
        answers = QHBoxLayout()
        self.answer_group = QButtonGroup(self)
        self.answer_group.setExclusive(False)
        for k, key in enumerate(("coaching", "structure")):
            btn = self._choice(ANSWER_TITLES[key], f"answer_{key}")
            self.answer_group.addButton(btn, k)
            answers.addWidget(btn)
        self.answer_group.idClicked.connect(lambda k: self._answer(("coaching", "structure")[k]))
        answers.addStretch(1)
        col.addLayout(answers)
        self.evidence = QLineEdit()
        self.evidence.setObjectName("closingEvidence")
        self.evidence.setMaxLength(LENGTHS["readiness_checks.evidence"])
        self.evidence.setPlaceholderText("The evidence: what the indicators and the targets show")
        self.evidence.setMinimumHeight(48)
        self.evidence.editingFinished.connect(lambda: self._evidence(self.evidence.text().strip()))
        col.addWidget(self.evidence)
        self.grid.addWidget(self.closing)
        self.grid.addStretch(1)
        for w in self.body.findChildren(QWidget):
            if w.parent() is self.body:
                w.show()

    # -- filling ---------------------------------------------------------------------------
    def refresh(self) -> None:
        lib, wid = self.doc.lib, self.doc.workshop_id
        items = store.list_items(lib, wid)
        values = store.list_values(lib, wid)
        check = store.get_check(lib, wid)
        week = store.current_week(lib, wid)
        self.start_btn.setVisible(not items)
        self.start_date.set_text(check.start_date)
        key = (tuple(i.id for i in items), tuple(p.id for p in self.doc.participants()))
        if key != self._built_for:
            self._build(items)
            self._built_for = key
        if not items:
            self.summary.setText("No plan yet. At the close: three behaviour targets, three leading indicators, one "
                                 "reinforcement mechanism, the operating cadence.")
            return
        phase = phase_of(week)
        left = gaps(items)
        where = ("Before week 1" if not week else f"Week {week}, past the {WEEKS} weeks" if week > WEEKS
                 else f"Week {week} of {WEEKS}" + (f" ({phase[2]}: {phase[3].lower()})" if phase else ""))
        self.summary.setText(where + (". Still open: " + ", ".join(left[:3]) + ("…" if len(left) > 3 else "")
                                      if left else ". The plan is complete."))
        self._filling = True
        try:
            for item in items:
                edit = self.texts.get(item.id)
                if edit is not None and not edit.hasFocus() and edit.text() != item.text:
                    edit.setText(item.text)
                combo = self.owners.get(item.id)
                if combo is not None:
                    combo.setCurrentIndex(max(0, combo.findData(item.owner_id)))
                for field, edits_ in (("baseline", self.baselines), ("goal", self.goals)):
                    e = edits_.get(item.id)
                    if e is not None and not e.hasFocus():
                        e.setText(_fmt(getattr(item, field)))
                group = self.status_groups.get(item.id)
                if group is not None:
                    group.button(0).setChecked(item.status == "held")
                    group.button(1).setChecked(item.status == "slipping")
            for row, iid in enumerate(self.indicator_ids):
                readings = dict(series(values, iid))
                for col in range(WEEKS):
                    cell = self.table.item(row, col)
                    if cell is None:  # made once; later only its text changes (it may be the one being edited)
                        cell = QTableWidgetItem()
                        cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                        self.table.setItem(row, col, cell)
                    text = _fmt(readings.get(col + 1))
                    if cell.text() != text:
                        cell.setText(text)
                    missing = week and col + 1 <= week and col + 1 not in readings
                    # a week since the start still without a value is marked
                    cell.setBackground(QColor("#fff3c4") if missing else QColor("#ffffff"))
            self.moved_group.button(0).setChecked(check.moved == "team")
            self.moved_group.button(1).setChecked(check.moved == "leader_only")
            self.answer_group.button(0).setChecked(check.answer == "coaching")
            self.answer_group.button(1).setChecked(check.answer == "structure")
            if not self.evidence.hasFocus():
                self.evidence.setText(check.evidence)
        finally:
            self._filling = False
        self.chart.set_data([i for i in items if i.kind == "indicator"], values, week)
        hint = suggested_answer(check)
        self.suggestion.setText(evidence(items, values, check) + (
            f" The rule of the test suggests: {ANSWER_TITLES[hint].lower()}." if hint else
            " Record whose behaviour moved first: if only the leader's did, the constraint is structural."))
        self.closing.setVisible(closing_due(week) or bool(check.answer))
        room_type(self.body)

    def _export_csv(self) -> None:
        from tension_desktop.export.structure_csv import write_plan_csv

        from ..output import export_csv

        export_csv(self, "Export the readiness plan as CSV", "readiness.csv",
                   lambda path: write_plan_csv(self.doc.lib, self.doc.workshop_id, path))

    # -- edits -------------------------------------------------------------------------------
    def _item(self, item_id: int) -> PlanItem | None:
        return next((i for i in store.list_items(self.doc.lib, self.doc.workshop_id) if i.id == item_id), None)

    def _text(self, item_id: int, text: str) -> None:
        item = self._item(item_id)
        if item is not None and item.text != text:
            edits.update_item(self.doc, item_id, text=text)

    def _owner(self, item_id: int, owner_id: int | None) -> None:
        item = self._item(item_id)
        if item is not None and item.owner_id != owner_id:
            edits.update_item(self.doc, item_id, owner_id=owner_id)

    def _num(self, item_id: int, field: str, text: str) -> None:
        item = self._item(item_id)
        value = _number(text) if text.strip() else None
        if item is None or (text.strip() and value is None):
            return
        if getattr(item, field) != value:
            edits.update_item(self.doc, item_id, **{field: value})

    def _status(self, item_id: int, status: str) -> None:
        item = self._item(item_id)
        if item is not None:
            edits.update_item(self.doc, item_id, status="" if item.status == status else status)

    def _cell_changed(self, cell: QTableWidgetItem) -> None:
        if self._filling or cell.tableWidget() is not self.table:
            return
        row, col = cell.row(), cell.column()
        if row >= len(self.indicator_ids):
            return
        text = cell.text()
        value = _number(text) if text.strip() else None
        if text.strip() and value is None:
            return
        old = dict(series(store.list_values(self.doc.lib, self.doc.workshop_id), self.indicator_ids[row]))
        if old.get(col + 1) != value:
            edits.set_value(self.doc, self.indicator_ids[row], col + 1, value)

    def _moved(self, key: str) -> None:
        check = store.get_check(self.doc.lib, self.doc.workshop_id)
        edits.set_check(self.doc, moved="" if check.moved == key else key)

    def _answer(self, key: str) -> None:
        check = store.get_check(self.doc.lib, self.doc.workshop_id)
        if check.answer == key:
            edits.set_check(self.doc, answer="")
            return
        edits.set_check(self.doc, answer=key)
        if not check.evidence:  # the evidence starts from what the plan shows
            items = store.list_items(self.doc.lib, self.doc.workshop_id)
            values = store.list_values(self.doc.lib, self.doc.workshop_id)
            edits.set_check(self.doc, evidence=evidence(items, values, check))

    def _evidence(self, text: str) -> None:
        check = store.get_check(self.doc.lib, self.doc.workshop_id)
        if check.evidence != text:
            edits.set_check(self.doc, evidence=text)


def _item_name(item: PlanItem) -> str:
    """What a screen reader says for one line of the plan: its kind and place ("Indicator 2")."""
    kind = {"target": "Behaviour target", "indicator": "Indicator", "mechanism": "Mechanism"}.get(item.kind, "Cadence meeting")
    return f"{kind} {item.position + 1}"
