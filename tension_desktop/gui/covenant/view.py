"""The covenant editor: four sections, the checks read aloud, suggestions and PDF export.

Every edit is an undo command of :mod:`.edits` through the document; the store writes it at
once. The view only turns taps and forms into those edits, reads the store and redraws when
the document says something changed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QScroller,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model.covenant import ITEM_TITLES, OWNER_LIMITS, covenant_warnings, open_points
from tension_desktop.model.decision_rights import ROLE_TITLES, ROLES
from tension_desktop.store import covenant, session
from tension_desktop.store.changes import Changes

from ..document import WorkshopDocument
from ..exercise_view import ExerciseView
from ..flow import FlowTabWidget
from ..forms import open_form
from ..theme import for_screen
from ..widgets import big_button, enable_touch_scrolling, heading
from . import edits
from .candidates import CandidatesDialog, candidates
from .dialogs import DecisionDialog, ItemDialog, ThresholdDialog
from .export import ExportPanel

#: document change kinds this view redraws on
#: what the covenant shows: its own tables, the people, the commitments, the close's answers
TABLES = ("covenant_items", "thresholds", "threshold_owners", "decisions", "decision_roles", "participants",
          "commitments")
SETTINGS = ("final_question_answer", "close_done", "commitment_review_notes", covenant.OWNER_LIMIT_KEY)


class SectionTable(QWidget):
    """A read-only table of one section with big Add / Edit / Remove / Up / Down buttons.

    Rows are edited in a large dialog, never inline (on-screen keyboards, fingers)."""

    addRequested = Signal()
    editRequested = Signal(int)
    removeRequested = Signal(int)
    moveRequested = Signal(int, int)

    def __init__(self, key: str, headers: list[str], stretch: list[int], extra: QWidget | None = None) -> None:
        super().__init__()
        self.key = key
        self.ids: list[int] = []
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName(f"{key}Table")
        self.table.setAccessibleName(" / ".join(h for h in headers if h != "#"))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setMinimumSectionSize(48)
        for col in range(len(headers)):
            mode = QHeaderView.ResizeMode.Stretch if col in stretch else QHeaderView.ResizeMode.ResizeToContents
            self.table.horizontalHeader().setSectionResizeMode(col, mode)
        self.table.setStyleSheet(for_screen("QTableWidget { font-size: 12pt; } QTableWidget::item { padding: 6px; }"))
        enable_touch_scrolling(self.table)
        self.table.doubleClicked.connect(lambda _i: self._edit())
        self.empty = QLabel("")
        self.empty.setProperty("subheading", True)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.add_btn = big_button("Add…", primary=True, name=f"add_{key}")
        self.edit_btn = big_button("Edit…", name=f"edit_{key}")
        self.remove_btn = big_button("Remove", name=f"remove_{key}")
        self.up_btn = big_button("Move up", name=f"up_{key}")
        self.down_btn = big_button("Move down", name=f"down_{key}")
        self.add_btn.clicked.connect(self.addRequested.emit)
        self.edit_btn.clicked.connect(self._edit)
        self.remove_btn.clicked.connect(lambda: self.current_id() is not None
                                        and self.removeRequested.emit(self.current_id()))
        self.up_btn.clicked.connect(lambda: self._move(-1))
        self.down_btn.clicked.connect(lambda: self._move(+1))
        buttons = QHBoxLayout()
        for b in (self.add_btn, self.edit_btn, self.remove_btn, self.up_btn, self.down_btn):
            buttons.addWidget(b)
        if extra is not None:
            buttons.addWidget(extra)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)

    def current_id(self) -> int | None:
        row = self.table.currentRow()
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def select_id(self, row_id: int | None) -> None:
        if row_id in self.ids:
            self.table.selectRow(self.ids.index(row_id))

    def _edit(self) -> None:
        if self.current_id() is not None:
            self.editRequested.emit(self.current_id())

    def _move(self, step: int) -> None:
        row, rid = self.table.currentRow(), self.current_id()
        if rid is not None and 0 <= row + step < len(self.ids):
            self.moveRequested.emit(rid, row + step)

    def fill(self, rows: list[tuple[int, list[str]]], empty_text: str) -> None:
        keep = self.current_id()
        self.ids = [rid for rid, _ in rows]
        self.table.setRowCount(len(rows))
        for r, (_rid, cells) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)  # plain text: participants' words are never markup
                item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        self.empty.setText(empty_text if not rows else "")
        self.empty.setVisible(not rows)
        self.select_id(keep)


class CheckLabel(QLabel):
    """One check, as a sentence to read out; a tap shows the row it is about."""

    tapped = Signal(str, object)

    def __init__(self, text: str, section: str = "", subject_id: object = None) -> None:
        super().__init__(text)
        self.section, self.subject_id = section, subject_id
        self.setTextFormat(Qt.TextFormat.PlainText)  # participants' words are never markup
        self.setWordWrap(True)
        self.setMinimumHeight(48)
        self.setProperty("covenantCheck", True)
        self.setStyleSheet(for_screen("QLabel { font-size: 12pt; padding: 6px 4px; border-bottom: 1px solid #d0d5db; }"
                                      " QLabel:focus { border: 3px solid #0b3d91; border-radius: 4px; }"))
        # a keyboard reaches every check, and Enter or Space jumps to its row as a tap does
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(text.lstrip("⚠✓ "))
        if section:
            self.setAccessibleDescription("Enter: show the row it is about")

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.section:
            self.tapped.emit(self.section, self.subject_id)
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().mouseReleaseEvent(event)
        if self.section:
            self.tapped.emit(self.section, self.subject_id)


class CheckList(QScrollArea):
    """The non-blocking checks, each a full sentence, in a touch-scrollable column."""

    jumpRequested = Signal(str, object)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("covenantChecks")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.host = QWidget()
        self.box = QVBoxLayout(self.host)
        self.box.setContentsMargins(2, 2, 2, 2)
        self.box.setSpacing(2)
        self.setWidget(self.host)
        self.labels: list[CheckLabel] = []

    def show_warnings(self, warnings: list) -> None:
        for label in self.labels:
            label.deleteLater()
        self.box.takeAt(self.box.count() - 1) if self.box.count() else None
        self.labels = [CheckLabel("⚠  " + w.message, w.section, w.subject_id) for w in warnings]
        if not warnings:
            self.labels = [CheckLabel("✓  Every threshold and decision has exactly one owner, "
                                      "and everyone owns something.")]
        for label in self.labels:
            label.tapped.connect(self.jumpRequested.emit)
            self.box.addWidget(label)
        self.box.addStretch(1)

    def texts(self) -> list[str]:
        return [label.text() for label in self.labels]


class CovenantView(ExerciseView):
    """Protected, may degrade, escalation thresholds, decision rights; checks on the right."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(doc, parent)
        self.setObjectName("covenantView")
        self.dialog = None
        self.suggest_btn = big_button("Suggestions from board && map…", name="suggestButton")
        self.suggest_btn.clicked.connect(lambda: self.add_suggestions())
        self.export = ExportPanel(doc, self)

        self.protected = SectionTable("protected", ["#", "Protected at all costs"], [1])
        self.degradable = SectionTable("degradable", ["What may degrade", "Within which limit"], [0, 1])
        self.thresholds = SectionTable("thresholds", ["Metric", "Owner", "Threshold", "Pre-approved lever"], [0, 2, 3])
        self.memo_btn = big_button("Decision memo…", name="decisionMemo")
        self.memo_btn.setToolTip("A one-page memo of the selected decision right (PDF)")
        self.decisions = SectionTable("decisions", ["Decision", *[ROLE_TITLES[r] for r in ROLES]], [0, 1, 2, 3, 4],
                                      extra=self.memo_btn)
        self.memo_btn.clicked.connect(lambda: self.export_memo())
        self.sections = FlowTabWidget()
        self.sections.setObjectName("covenantSections")
        self.sections.setAccessibleName("Covenant sections")
        self.sections.addTab(self.protected, "1 · Protected")
        self.sections.addTab(self.degradable, "2 · May degrade")
        self.sections.addTab(self.thresholds, "3 · Escalation thresholds")
        self.sections.addTab(self.decisions, "4 · Decision rights")
        for kind, sec in (("protected", self.protected), ("degradable", self.degradable)):
            sec.addRequested.connect(lambda k=kind: self.add_item(k))
            sec.editRequested.connect(self.edit_item)
            sec.removeRequested.connect(self.remove_item)
            sec.moveRequested.connect(self.move_item)
        self.thresholds.addRequested.connect(lambda: self.add_threshold())
        self.thresholds.editRequested.connect(self.edit_threshold)
        self.thresholds.removeRequested.connect(self.remove_threshold)
        self.thresholds.moveRequested.connect(self.move_threshold)
        self.decisions.addRequested.connect(lambda: self.add_decision())
        self.decisions.editRequested.connect(self.edit_decision)
        self.decisions.removeRequested.connect(self.remove_decision)
        self.decisions.moveRequested.connect(self.move_decision)

        self.checks_title = heading("Checks", sub=True)
        # the team's own overload limit: how many thresholds one owner can watch
        self.owner_limit = QSpinBox()
        self.owner_limit.setObjectName("ownerLimit")
        self.owner_limit.setRange(*OWNER_LIMITS)
        self.owner_limit.setMinimumHeight(48)
        self.owner_limit.setAccessibleName("Most thresholds one owner may hold")
        self.owner_limit.setToolTip("More thresholds than this for one owner is flagged as overload "
                                    "(in the checks and the printed covenant)")
        self.owner_limit.setKeyboardTracking(False)  # typing 12 is one edit, not 1 then 12
        self.owner_limit.valueChanged.connect(self.set_owner_limit)
        limit_row = QHBoxLayout()
        limit_label = QLabel("Most thresholds per owner")
        limit_label.setBuddy(self.owner_limit)
        limit_row.addWidget(limit_label)
        limit_row.addWidget(self.owner_limit)
        limit_row.addStretch(1)
        self.checks = CheckList()
        self.checks.jumpRequested.connect(self._go_to_check)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.suggest_btn)
        side_layout.addWidget(self.checks_title)
        side_layout.addLayout(limit_row)
        side_layout.addWidget(self.checks, 1)
        side_layout.addWidget(self.export)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.sections)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addWidget(split, 1)
        self.refresh()

    # -- reading -------------------------------------------------------------------------------
    def shows(self, changes: Changes) -> bool:
        return changes.touches(*TABLES) or changes.touches_setting(*SETTINGS)

    def refresh(self) -> None:
        lib, wid = self.doc.lib, self.doc.workshop_id
        participants = self.doc.participants()
        names = {p.id: p.name for p in participants}
        items = covenant.list_items(lib, wid)
        thresholds = covenant.list_thresholds(lib, wid)
        decisions = covenant.list_decisions(lib, wid)
        commitments = session.list_commitments(lib, wid)

        def who(ids) -> str:
            return "\n".join(names.get(i, "?") for i in ids)

        prot = [i for i in items if i.kind == "protected"]
        self.protected.fill([(i.id, [str(n), i.text]) for n, i in enumerate(prot, 1)],
                            "Nothing protected yet. What do we protect at all costs? Add it, or take the "
                            "suggestions from the board.")
        self.degradable.fill([(i.id, [i.text, i.limit or "— no limit yet —"]) for i in items if i.kind == "degradable"],
                             "Nothing may degrade yet. What may get worse for a while during an experiment, "
                             "and within which limit?")
        self.thresholds.fill([(t.id, [t.title, who(t.owner_ids) or "— no owner —", t.threshold or "—",
                                      t.lever or "—"]) for t in thresholds],
                             "No escalation thresholds yet: one metric, one owner, the threshold and the lever.")
        self.decisions.fill([(d.id, [d.decision, *[who(d.holders(r)) or "—" for r in ROLES]]) for d in decisions],
                            "No decisions yet. For each major decision: who recommends, who approves (one "
                            "person), who implements, who is informed.")
        limit = covenant.owner_limit(lib, wid)
        if self.owner_limit.value() != limit:
            self.owner_limit.blockSignals(True)
            self.owner_limit.setValue(limit)
            self.owner_limit.blockSignals(False)
        warnings = covenant_warnings(participants=participants, items=items, thresholds=thresholds,
                                     decisions=decisions, commitments=commitments, owner_limit=limit)
        self.checks.show_warnings(warnings)
        points = len(open_points(warnings))
        title = f"Checks ({len(warnings)})" if warnings else "Checks"
        if points:  # rows that break one of the covenant's own rules: the printed covenant lists them
            title += f" · {points} open point{'' if points == 1 else 's'}"
        self.checks_title.setText(title)
        self.warnings = warnings

    def set_owner_limit(self, limit: int) -> bool:
        """The team's overload limit, as one undo step (stored with the workshop, carried to
        its follow-ups)."""
        return edits.set_owner_limit(self.doc, limit)

    def _go_to_check(self, section: str, sid: object) -> None:
        """Tapping a check shows the row it is about."""
        if section == "thresholds":
            self.sections.setCurrentWidget(self.thresholds)
            self.thresholds.select_id(sid)
        elif section == "decisions":
            self.sections.setCurrentWidget(self.decisions)
            self.decisions.select_id(sid)
        elif section == "items":
            self.sections.setCurrentWidget(self.protected)
            self.protected.select_id(sid)

    # -- dialogs ---------------------------------------------------------------------------------
    def _open(self, dlg, on_ok) -> bool:
        """Show a form without a nested event loop; ``on_ok(values)`` runs when it is accepted.
        The open form is ``self.dialog`` (tests type into it)."""
        values = getattr(dlg, "values", lambda: None)
        open_form(self, dlg, lambda: on_ok(values()))
        return False

    # -- items -----------------------------------------------------------------------------------
    def add_item(self, kind: str, values: dict | None = None) -> bool:
        if values is None:
            return self._open(ItemDialog(self, kind=kind), lambda v: self.add_item(kind, v))
        return edits.add_item(self.doc, values)

    def edit_item(self, item_id: int, values: dict | None = None) -> bool:
        if values is None:
            old = covenant.get_item(self.doc.lib, item_id)
            return self._open(ItemDialog(self, old), lambda v: self.edit_item(item_id, v))
        ok = edits.edit_item(self.doc, item_id, values)
        self._section_of(values["kind"]).select_id(item_id)
        return ok

    def _section_of(self, kind: str) -> SectionTable:
        return self.protected if kind == "protected" else self.degradable

    def remove_item(self, item_id: int) -> bool:
        return edits.remove_item(self.doc, item_id)

    def move_item(self, item_id: int, new_index: int) -> bool:
        kind = covenant.get_item(self.doc.lib, item_id).kind
        ok = edits.move_item(self.doc, item_id, new_index)
        self._section_of(kind).select_id(item_id)
        return ok

    # -- thresholds -----------------------------------------------------------------------------
    def add_threshold(self, values: dict | None = None) -> bool:
        if values is None:
            return self._open(ThresholdDialog(self.doc.participants(), self), self.add_threshold)
        return edits.add_threshold(self.doc, values)

    def edit_threshold(self, threshold_id: int, values: dict | None = None) -> bool:
        if values is None:
            old = covenant.get_threshold(self.doc.lib, threshold_id)
            return self._open(ThresholdDialog(self.doc.participants(), self, old),
                              lambda v: self.edit_threshold(threshold_id, v))
        ok = edits.edit_threshold(self.doc, threshold_id, values)
        self.thresholds.select_id(threshold_id)
        return ok

    def remove_threshold(self, threshold_id: int) -> bool:
        return edits.remove_threshold(self.doc, threshold_id)

    def move_threshold(self, threshold_id: int, new_index: int) -> bool:
        ok = edits.move_threshold(self.doc, threshold_id, new_index)
        self.thresholds.select_id(threshold_id)
        return ok

    # -- decisions ------------------------------------------------------------------------------
    def add_decision(self, values: dict | None = None) -> bool:
        if values is None:
            return self._open(DecisionDialog(self.doc.participants(), self), self.add_decision)
        return edits.add_decision(self.doc, values)

    def edit_decision(self, decision_id: int, values: dict | None = None) -> bool:
        if values is None:
            old = covenant.get_decision(self.doc.lib, decision_id)
            return self._open(DecisionDialog(self.doc.participants(), self, old),
                              lambda v: self.edit_decision(decision_id, v))
        ok = edits.edit_decision(self.doc, decision_id, values)
        self.decisions.select_id(decision_id)
        return ok

    def remove_decision(self, decision_id: int) -> bool:
        return edits.remove_decision(self.doc, decision_id)

    def move_decision(self, decision_id: int, new_index: int) -> bool:
        ok = edits.move_decision(self.doc, decision_id, new_index)
        self.decisions.select_id(decision_id)
        return ok

    def export_memo(self, path: str | None = None):
        """The one-page decision memo of the selected decision right (the first if none is selected)."""
        ids = self.decisions.ids
        if not ids:
            return None
        rid = self.decisions.current_id()
        number = ids.index(rid) + 1 if rid is not None else 1
        return self.export.export_memo(number, path)

    # -- suggestions ----------------------------------------------------------------------------
    def add_suggestions(self, chosen: list | None = None) -> int:
        """Add suggestions (chosen in a dialog unless given) as one undo step; returns how many."""
        if chosen is None:
            dlg = CandidatesDialog(candidates(self.doc.lib, self.doc.workshop_id), self)
            self._open(dlg, lambda _v: self.add_suggestions(dlg.chosen()))
            return 0
        return edits.add_suggestions(self.doc, chosen)


__all__ = ["CovenantView", "ITEM_TITLES"]
