"""Edit the map's words: axis names, quadrant labels and the governance each quadrant implies."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from tension_desktop.model.rules import LENGTHS
from tension_desktop.model.tension_map import (
    DEFAULT_AXIS_LABELS,
    DEFAULT_GOVERNANCE,
    DEFAULT_QUADRANT_LABELS,
    QUADRANTS,
)
from tension_desktop.store import tension_map as store

from ..dialogs import FormDialog
from ..document import WorkshopDocument

_WHERE = {"routine": "bottom left", "safe_to_experiment": "bottom right",
          "protect_and_run": "top left", "bet_with_guardrails": "top right"}


class LabelsDialog(FormDialog):
    """One form for every label; an emptied field goes back to its default."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__("Map labels", parent)
        self.setMinimumWidth(820)
        lib, wid = doc.lib, doc.workshop_id
        axes, quads, gov = store.axis_labels(lib, wid), store.quadrant_labels(lib, wid), store.governance_names(lib, wid)
        self.fields: dict[tuple[str, str], QLineEdit] = {}

        def add(group: str, key: str, label: str, value: str, default: str) -> None:
            edit = QLineEdit(value)
            edit.setObjectName(f"{group}_{key}")
            edit.setMaxLength(LENGTHS["setting.map_label"])
            edit.setPlaceholderText(default)
            edit.setMinimumHeight(48)
            edit.setCursorPosition(0)  # long governance names show their beginning
            self.fields[(group, key)] = edit
            self.form.addRow(label, edit)

        add("axes", "x", "Horizontal axis (left → right)", axes["x"], DEFAULT_AXIS_LABELS["x"])
        add("axes", "y", "Vertical axis (bottom → top)", axes["y"], DEFAULT_AXIS_LABELS["y"])
        for q in QUADRANTS:
            add("quadrants", q, f"Quadrant, {_WHERE[q]}", quads[q], DEFAULT_QUADRANT_LABELS[q])
        for q in QUADRANTS:
            add("governance", q, f"Governance, {_WHERE[q]}", gov[q], DEFAULT_GOVERNANCE[q])

    def values(self) -> dict[str, dict[str, str]]:
        """Only what differs from the defaults (so a later change of a default still shows)."""
        defaults = {"axes": DEFAULT_AXIS_LABELS, "quadrants": DEFAULT_QUADRANT_LABELS,
                    "governance": DEFAULT_GOVERNANCE}
        out: dict[str, dict[str, str]] = {"axes": {}, "quadrants": {}, "governance": {}}
        for (group, key), edit in self.fields.items():
            text = edit.text().strip()[:LENGTHS["setting.map_label"]]
            if text and text != defaults[group][key]:
                out[group][key] = text
        return out
