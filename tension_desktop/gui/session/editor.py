"""The agenda editor: phases in order with their minutes, the total live, templates."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model.agenda import EXERCISE_TITLES, AgendaPhase, format_minutes, total_minutes
from tension_desktop.model.agenda_templates import block_minutes, too_short
from tension_desktop.model.rules import LENGTHS, MAX_PHASE_MINUTES

from ..dialogs import FormDialog
from ..theme import for_screen
from ..widgets import big_button, enable_touch_scrolling, heading

COLUMNS = ("#", "Phase", "Opens", "Minutes", "Actual")


class PhaseDialog(FormDialog):
    """Title, minutes, the exercise it opens, the script (one line per prompt), private notes."""

    def __init__(self, parent: QWidget | None = None, phase: AgendaPhase | None = None) -> None:
        super().__init__("Edit phase" if phase else "Add phase", parent)
        self.setMinimumWidth(720)
        self.title = QLineEdit(phase.title if phase else "")
        self.title.setObjectName("phaseTitle")
        self.title.setMaxLength(LENGTHS["agenda_phases.title"])
        self.minutes = QSpinBox()
        self.minutes.setObjectName("phaseMinutes")
        self.minutes.setRange(0, MAX_PHASE_MINUTES)
        self.minutes.setSingleStep(5)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(phase.minutes if phase else 10)
        self.exercise = QComboBox()
        self.exercise.setObjectName("phaseExercise")
        for key, title in EXERCISE_TITLES.items():
            self.exercise.addItem(title, key)
        self.exercise.setCurrentIndex(max(0, self.exercise.findData(phase.exercise if phase else "")))
        self.prompts = QPlainTextEdit("\n".join(phase.prompts) if phase else "")
        self.prompts.setObjectName("phasePrompts")
        self.prompts.setPlaceholderText("What you read aloud: one prompt per line.")
        self.notes = QPlainTextEdit(phase.notes if phase else "")
        self.notes.setObjectName("phaseNotes")
        self.notes.setPlaceholderText("Private notes (never on the whiteboard).")
        self.form.addRow("Title", self.title)
        self.form.addRow("Minutes", self.minutes)
        self.form.addRow("Opens", self.exercise)
        self.form.addRow("Script", self.prompts)
        self.form.addRow("Notes", self.notes)
        self.title.setFocus()

    def values(self) -> dict:
        return {"title": self.title.text().strip(), "minutes": self.minutes.value(),
                "exercise": self.exercise.currentData(),
                "prompts": tuple(line.strip() for line in self.prompts.toPlainText().splitlines() if line.strip()),
                "notes": self.notes.toPlainText().strip()}

    def validate(self) -> None:
        AgendaPhase(**self.values())


class AgendaEditor(QWidget):
    """Reorder, add, remove and retime phases; pick or save templates; start the session.

    Actions are signals carrying phase ids; the session tab turns them into undo commands.
    """

    addRequested = Signal(int)            # insert position
    editRequested = Signal(int)           # phase id
    removeRequested = Signal(int)
    moveRequested = Signal(int, int)      # phase id, new position
    retimeRequested = Signal(int, int)    # phase id, delta minutes
    templateRequested = Signal(str)       # display name
    saveTemplateRequested = Signal()
    startRequested = Signal(int)          # phase index to start at
    clearTimesRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaEditor")
        self.phases: list[AgendaPhase] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("agendaTable")
        self.table.setAccessibleName("Agenda phases")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(52)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self._emit_selected(self.editRequested))
        enable_touch_scrolling(self.table)

        self.preview = QLabel("")
        self.preview.setObjectName("phasePreview")
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview.setStyleSheet(for_screen("QLabel#phasePreview { font-size: 13pt; padding: 8px; background: #ffffff;"
                                              " border: 1px solid #d9e2ec; }"))
        self.total = heading("", sub=True)
        self.total.setObjectName("agendaTotal")
        self.short_warning = heading("", sub=True)  # an exercise planned under its floor
        self.short_warning.setObjectName("agendaTooShort")
        self.short_warning.setProperty("warning", True)
        self.short_warning.hide()
        self.add_btn = big_button("Add phase…", name="addPhase")
        self.edit_btn = big_button("Edit…", name="editPhase")
        self.remove_btn = big_button("Remove", name="removePhase")
        self.up_btn = big_button("▲ Earlier", name="phaseEarlier")
        self.down_btn = big_button("▼ Later", name="phaseLater")
        self.minus_btn = big_button("−5 min", name="phaseMinus")
        self.plus_btn = big_button("+5 min", name="phasePlus")
        self.add_btn.clicked.connect(self._add)
        self.edit_btn.clicked.connect(lambda: self._emit_selected(self.editRequested))
        self.remove_btn.clicked.connect(lambda: self._emit_selected(self.removeRequested))
        self.up_btn.clicked.connect(lambda: self._move(-1))
        self.down_btn.clicked.connect(lambda: self._move(1))
        self.minus_btn.clicked.connect(lambda: self._retime(-5))
        self.plus_btn.clicked.connect(lambda: self._retime(5))

        self.template_pick = QComboBox()
        self.template_pick.setObjectName("templatePick")
        self.use_template_btn = big_button("Use this agenda", name="useTemplate")
        self.save_template_btn = big_button("Save as my template…", name="saveTemplate")
        self.use_template_btn.clicked.connect(lambda: self.templateRequested.emit(self.template_pick.currentText()))
        self.save_template_btn.clicked.connect(self.saveTemplateRequested.emit)
        self.start_btn = big_button("▶ Start session", primary=True, name="startSession")
        self.start_here_btn = big_button("Start at this phase", name="startHere")
        self.clear_times_btn = big_button("Clear times", name="clearTimes")
        self.clear_times_btn.setToolTip("Forget the recorded times, e.g. after a rehearsal")
        self.clear_times_btn.clicked.connect(self.clearTimesRequested.emit)
        self.start_btn.clicked.connect(lambda: self.startRequested.emit(0))
        self.start_here_btn.clicked.connect(lambda: self.startRequested.emit(max(0, self.selected_index())))

        top = QHBoxLayout()
        top.addWidget(heading("Agenda"))
        top.addStretch(1)
        top.addWidget(self.template_pick)
        top.addWidget(self.use_template_btn)
        top.addWidget(self.save_template_btn)
        edit_row = QHBoxLayout()
        for b in (self.add_btn, self.edit_btn, self.remove_btn, self.up_btn, self.down_btn,
                  self.minus_btn, self.plus_btn):
            edit_row.addWidget(b)
        edit_row.addStretch(1)
        start_row = QHBoxLayout()
        start_row.addWidget(self.total, 1)
        start_row.addWidget(self.clear_times_btn)
        start_row.addWidget(self.start_here_btn)
        start_row.addWidget(self.start_btn)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        preview_scroll = QScrollArea()  # a long script scrolls instead of being cut
        preview_scroll.setObjectName("phasePreviewScroll")
        preview_scroll.setWidgetResizable(True)
        preview_scroll.setFrameShape(QFrame.Shape.NoFrame)
        preview_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        preview_scroll.setWidget(self.preview)
        body.addWidget(preview_scroll, 2)
        layout.addLayout(body, 1)
        layout.addLayout(edit_row)
        layout.addWidget(self.short_warning)
        layout.addLayout(start_row)
        self._update_buttons()

    # -- display ------------------------------------------------------------------------
    def set_templates(self, names: list[str]) -> None:
        current = self.template_pick.currentText()
        self.template_pick.clear()
        self.template_pick.addItems(names)
        if current in names:
            self.template_pick.setCurrentText(current)

    def set_phases(self, phases: list[AgendaPhase], select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.selected_id()
        self.phases = phases
        self.table.setRowCount(len(phases))
        for row, p in enumerate(phases):
            actual = "" if p.actual_seconds is None else f"{p.actual_seconds // 60}:{p.actual_seconds % 60:02d}"
            cells = (str(row + 1), p.title, EXERCISE_TITLES.get(p.exercise, p.exercise), f"{p.minutes}", actual)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, p.id)
                if col in (0, 3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, col, item)
        ids = [p.id for p in phases]
        if keep in ids:
            self.table.selectRow(ids.index(keep))
        elif ids:
            self.table.selectRow(0)  # the script preview always shows something
        total = total_minutes(phases)
        blocks = block_minutes(phases)
        parts = [f"{name} {blocks[name]}" for name in ("opening", "middle", "close", "breaks") if blocks[name]]
        actual = sum(p.actual_seconds or 0 for p in phases)
        ran = f"  ·  ran {format_minutes(round(actual / 60))}" if actual else ""
        self.total.setText(f"Total {total} min ({format_minutes(total)})  ·  " + " · ".join(parts) + ran)
        short = too_short(phases)
        self.short_warning.setText("Too little time: " + " ".join(short) if short else "")
        self.short_warning.setVisible(bool(short))
        self.start_btn.setEnabled(bool(phases))
        self.clear_times_btn.setVisible(bool(actual))
        self._update_buttons()

    def selected_index(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def selected_id(self) -> int | None:
        i = self.selected_index()
        return self.phases[i].id if 0 <= i < len(self.phases) else None

    def _update_buttons(self) -> None:
        i = self.selected_index()
        if 0 <= i < len(self.phases):
            p = self.phases[i]
            lines = [f"{p.title}  ·  {p.minutes} min"]
            for line in p.prompts:
                lines += ["", f"“{line}”"]
            if p.notes:
                lines += ["", f"Private notes: {p.notes}"]
            self.preview.setText("\n".join(lines))
        else:
            self.preview.setText("Select a phase to see the script you will read.")
        has = i >= 0
        for b in (self.edit_btn, self.remove_btn, self.minus_btn, self.plus_btn, self.start_here_btn):
            b.setEnabled(has)
        self.up_btn.setEnabled(has and i > 0)
        self.down_btn.setEnabled(has and i < len(self.phases) - 1)

    # -- actions ------------------------------------------------------------------------
    def _emit_selected(self, signal) -> None:
        pid = self.selected_id()
        if pid is not None:
            signal.emit(pid)

    def _add(self) -> None:
        i = self.selected_index()
        self.addRequested.emit(i + 1 if i >= 0 else len(self.phases))

    def _move(self, step: int) -> None:
        i = self.selected_index()
        if i >= 0:
            self.moveRequested.emit(self.phases[i].id, i + step)

    def _retime(self, delta: int) -> None:
        pid = self.selected_id()
        if pid is not None:
            self.retimeRequested.emit(pid, delta)
