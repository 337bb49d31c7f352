"""Two forms of the stage-gate screen: the team's own gate criteria (its definition of
ready, stage by stage) and the current phase of one initiative (where it runs, how its
success is measured)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QTabWidget, QWidget

from tension_desktop.model import Initiative
from tension_desktop.model.rules import LENGTHS
from tension_desktop.model.stage_gate import (
    EDITABLE,
    GATE_CRITERIA,
    SCOPE_KINDS,
    STAGE_TITLES,
    STAGES,
)

from ..dialogs import FormDialog


def _line(text: str, placeholder: str, length: int, name: str) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(length)
    edit.setMinimumHeight(48)
    edit.setClearButtonEnabled(True)
    return edit


class CriteriaDialog(FormDialog):
    """The bar of each stage in the team's own words; a blank field keeps the playbook's
    wording (shown as the placeholder)."""

    def __init__(self, own: dict[str, dict[str, str]] | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Our gate criteria", parent)
        own = own or {}
        self.setMinimumWidth(760)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("gateCriteriaStages")
        self.fields: dict[tuple[str, str], QLineEdit] = {}
        for stage in STAGES:
            page = QWidget()
            form = QFormLayout(page)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for key, title in EDITABLE.items():
                edit = _line((own.get(stage) or {}).get(key, ""), getattr(GATE_CRITERIA[stage], key),
                             LENGTHS["setting.gate_criterion"], f"criterion_{stage}_{key}")
                form.addRow(title, edit)
                self.fields[stage, key] = edit
            self.tabs.addTab(page, f"To enter {STAGE_TITLES[stage]}")
        self.form.addRow(self.tabs)

    def values(self) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for (stage, key), edit in self.fields.items():
            if edit.text().strip():
                out.setdefault(stage, {})[key] = edit.text().strip()
        return out


class PhaseDialog(FormDialog):
    """Where the initiative's current phase runs and how its success is measured."""

    def __init__(self, initiative: Initiative, parent: QWidget | None = None) -> None:
        super().__init__(f"{STAGE_TITLES[initiative.stage]} phase: {initiative.title}", parent)
        scope_kind, scope, metric = initiative.phase_scope_kind, initiative.phase_scope, initiative.phase_metric
        self.kind = QComboBox()
        self.kind.setObjectName("phaseScopeKind")
        self.kind.setMinimumHeight(48)
        self.kind.addItem("(not said)", "")
        for key, name in SCOPE_KINDS.items():
            self.kind.addItem(name, key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(scope_kind)))
        self.scope = _line(scope, "e.g. Lyon, SMEs, dispatch", LENGTHS["initiatives.phase_scope"],
                           "phaseScope")
        self.success = _line(metric, "e.g. on-time rate ≥ 95 % for 4 weeks",
                            LENGTHS["initiatives.phase_metric"], "phaseMetric")
        self.form.addRow("Scope", self.kind)
        self.form.addRow("Where exactly", self.scope)
        self.form.addRow("Success metric", self.success)
        self.kind.setFocus()

    def values(self) -> tuple[str, str, str]:
        return self.kind.currentData(), self.scope.text().strip(), self.success.text().strip()
