"""The allocation round's inputs: steppers for a split, a person's turn, and the dialogs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model.allocation import (
    CATEGORIES,
    PART_TITLES,
    SCHEME_KEYS,
    SCOPES,
    STEP,
    Split,
    check_shares,
    reference,
)
from tension_desktop.model.rules import LENGTHS
from tension_desktop.model.validation import ValidationError

from ..dialogs import FormDialog
from ..plain import plain_label
from ..theme import for_screen
from ..widgets import big_button, heading


class SharesStepper(QWidget):
    """One split: each part with − and + (steps of 5) and the running total."""

    changed = Signal()

    def __init__(self, name: str, keys: tuple[str, ...], titles: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.keys = keys
        self.values = {k: 0 for k in keys}
        self.labels: dict[str, QLabel] = {}
        self.minus: dict[str, object] = {}
        self.plus: dict[str, object] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for row, key in enumerate(keys):
            title = plain_label(titles.get(key, key))
            title.setWordWrap(True)
            minus = big_button("−", name=f"{name}_{key}_minus")
            plus = big_button("+", name=f"{name}_{key}_plus")
            minus.setAccessibleName(f"Less: {titles.get(key, key)}")
            plus.setAccessibleName(f"More: {titles.get(key, key)}")
            value = plain_label()
            value.setMinimumWidth(64)
            value.setStyleSheet(for_screen("font-size: 15pt; font-weight: 600;"))
            minus.clicked.connect(lambda _c=False, k=key: self.step(k, -STEP))
            plus.clicked.connect(lambda _c=False, k=key: self.step(k, STEP))
            grid.addWidget(title, row, 0)
            grid.addWidget(minus, row, 1)
            grid.addWidget(value, row, 2)
            grid.addWidget(plus, row, 3)
            self.labels[key], self.minus[key], self.plus[key] = value, minus, plus
        self.total = plain_label()
        self.total.setObjectName(f"{name}_total")
        grid.addWidget(self.total, len(keys), 0, 1, 4)
        grid.setColumnStretch(0, 1)
        self._show()

    def set_titles(self, titles: dict[str, str]) -> None:
        grid = self.layout()
        for row, key in enumerate(self.keys):
            grid.itemAtPosition(row, 0).widget().setText(titles.get(key, key))

    def step(self, key: str, delta: int) -> None:
        self.values[key] = max(0, min(100, self.values[key] + delta))
        self._show()
        self.changed.emit()

    def set_values(self, values: dict[str, int]) -> None:
        self.values = {k: int(values.get(k, 0)) for k in self.keys}
        self._show()

    def _show(self) -> None:
        for key, label in self.labels.items():
            label.setText(f"{self.values[key]} %")
        total = sum(self.values.values())
        self.total.setText(f"Total {total} %" + ("" if total == 100 else f": {'add' if total < 100 else 'take away'} "
                                                  f"{abs(100 - total)} to reach 100"))
        self.total.setStyleSheet("color: #2f855a;" if total == 100 else "color: #c53030; font-weight: 600;")

    @property
    def complete(self) -> bool:
        return sum(self.values.values()) == 100


class SplitForm(QWidget):
    """A turn: the portfolio as it should be, and my own time now and as it should be."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("allocationSplitForm")
        self.portfolio = SharesStepper("portfolio", CATEGORIES, {})
        self.scheme = "exec"
        self.scope = "function"
        self.scheme_group = QButtonGroup(self)
        self.scheme_btns = {}
        for key, text in (("exec", "Execution and innovation"), ("cto", "CTO: four parts")):
            b = big_button(text, name=f"scheme_{key}")
            b.setCheckable(True)
            b.clicked.connect(lambda _c=False, k=key: self.set_scheme(k))
            self.scheme_group.addButton(b)
            self.scheme_btns[key] = b
        self.scope_group = QButtonGroup(self)
        self.scope_btns = {}
        for key, (ex, inn) in SCOPES.items():
            b = big_button(f"{key.capitalize()} ({ex}/{inn})", name=f"scope_{key.replace(' ', '_')}")
            b.setCheckable(True)
            b.clicked.connect(lambda _c=False, k=key: self.set_scope(k))
            self.scope_group.addButton(b)
            self.scope_btns[key] = b
        self.time: dict[tuple[str, str], SharesStepper] = {}
        for scheme in ("exec", "cto"):
            for kind in ("time_now", "time_should"):
                self.time[(scheme, kind)] = SharesStepper(f"{kind}_{scheme}", SCHEME_KEYS[scheme], PART_TITLES)
        self.save_btn = big_button("Save my splits", primary=True, name="saveSplits")
        self.message = plain_label()
        self.message.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(heading("The portfolio as it should be", sub=True))
        left.addWidget(self.portfolio)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(heading("My own time", sub=True))
        schemes = QHBoxLayout()
        for b in self.scheme_btns.values():
            schemes.addWidget(b)
        right.addLayout(schemes)
        self.scope_row = QWidget()
        scopes = QHBoxLayout(self.scope_row)
        scopes.setContentsMargins(0, 0, 0, 0)
        for b in self.scope_btns.values():
            scopes.addWidget(b)
        right.addWidget(self.scope_row)
        times = QGridLayout()
        times.addWidget(plain_label("Now"), 0, 0)
        times.addWidget(plain_label("As it should be"), 0, 1)
        for (_scheme, kind), stepper in self.time.items():
            times.addWidget(stepper, 1, 0 if kind == "time_now" else 1)
        right.addLayout(times)
        top = QHBoxLayout()  # the save control first: it stays on screen on a 768-line panel
        top.addWidget(self.message, 1)
        row = QHBoxLayout()
        row.addLayout(left, 2)
        row.addLayout(right, 3)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addLayout(row)
        # added last, so it comes last in Tab order (a widget joins the focus chain when it
        # gets its parent): first on screen, but reached after the steppers it saves
        top.addWidget(self.save_btn)
        for stepper in (self.portfolio, *self.time.values()):
            stepper.changed.connect(self._check)

    def set_category_titles(self, names: dict[str, str]) -> None:
        self.portfolio.set_titles(names)

    def set_scheme(self, scheme: str) -> None:
        self.scheme = scheme
        self.scheme_btns[scheme].setChecked(True)
        self.scope_row.setVisible(scheme == "exec")
        for (s, _kind), stepper in self.time.items():
            stepper.setVisible(s == scheme)
        self._check()

    def set_scope(self, scope: str) -> None:
        self.scope = scope
        self.scope_btns[scope].setChecked(True)
        self._check()

    def reset(self, target: dict[str, int], splits: dict[str, Split] | None = None) -> None:
        """Start values: the person's saved splits, else the target and their scope's reference."""
        splits = splits or {}
        self.portfolio.set_values(splits["portfolio"].shares if "portfolio" in splits else target)
        first = splits.get("time_should") or splits.get("time_now")
        self.scheme = first.scheme if first else "exec"
        self.scope = (first.scope if first else "") or "function"
        for scheme in ("exec", "cto"):
            ref = reference(scheme, self.scope) or {}
            for kind in ("time_now", "time_should"):
                saved = splits.get(kind)
                self.time[(scheme, kind)].set_values(saved.shares if saved and saved.scheme == scheme else ref)
        self.set_scheme(self.scheme)
        self.set_scope(self.scope)

    def splits(self, participant_id: int) -> list[Split]:
        scope = self.scope if self.scheme == "exec" else ""
        return [Split(participant_id, "portfolio", "portfolio", dict(self.portfolio.values)),
                *[Split(participant_id, kind, self.scheme, dict(self.time[(self.scheme, kind)].values), scope)
                  for kind in ("time_now", "time_should")]]

    def complete(self) -> bool:
        return self.portfolio.complete and all(self.time[(self.scheme, k)].complete
                                               for k in ("time_now", "time_should"))

    def _check(self) -> None:
        ok = self.complete()
        self.save_btn.setEnabled(ok)
        self.message.setText("Your splits are hidden from everyone until the reveal." if ok
                             else "Each split has to add up to 100 % before you save.")


class CategoriesDialog(FormDialog):
    """The categories' names and the agreed target split."""

    def __init__(self, names: dict[str, str], target: dict[str, int], parent: QWidget | None = None) -> None:
        super().__init__("Categories and target", parent)
        self.names, self.shares = {}, {}
        for c in CATEGORIES:
            edit = QLineEdit(names[c])
            edit.setObjectName(f"category_{c}")
            edit.setMaxLength(LENGTHS["setting.category_name"])
            spin = QSpinBox()
            spin.setObjectName(f"target_{c}")
            spin.setRange(0, 100)
            spin.setSingleStep(STEP)
            spin.setSuffix(" %")
            spin.setValue(target[c])
            spin.setMinimumHeight(48)
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(spin)
            self.form.addRow(row)
            self.names[c], self.shares[c] = edit, spin

    def values(self) -> tuple[dict[str, str], dict[str, int]]:
        return ({c: e.text().strip() for c, e in self.names.items()},
                {c: s.value() for c, s in self.shares.items()})

    def validate(self) -> None:
        names, target = self.values()
        if not all(names.values()):
            raise ValidationError("category name", "may not be empty")
        check_shares("target", "portfolio", target)


class RequestDialog(FormDialog):
    """A new request: what, which category, how much effort."""

    def __init__(self, names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__("Place a new request", parent)
        self.title = QLineEdit()
        self.title.setObjectName("requestTitle")
        self.title.setMaxLength(LENGTHS["portfolio_items.title"])
        self.title.setPlaceholderText("e.g. Carbon reporting")
        self.category = QComboBox()
        self.category.setObjectName("requestCategory")
        self.category.setMinimumHeight(48)
        for c in CATEGORIES:
            self.category.addItem(names[c], c)
        self.category.setCurrentIndex(2)
        self.effort = QSpinBox()
        self.effort.setObjectName("requestEffort")
        self.effort.setRange(1, 100000)
        self.effort.setValue(3)
        self.effort.setMinimumHeight(48)
        self.form.addRow("Request", self.title)
        self.form.addRow("Category", self.category)
        self.form.addRow("Effort (people or budget)", self.effort)

    def values(self) -> tuple[str, str, int]:
        return self.title.text().strip(), self.category.currentData(), self.effort.value()

    def validate(self) -> None:
        if not self.values()[0]:
            raise ValidationError("request", "may not be empty")


class CommitDialog(FormDialog):
    """A commitment straight from the reveal: what, which of the three, for whom."""

    def __init__(self, text: str, kind: str, parent: QWidget | None = None) -> None:
        super().__init__("Commit from the reveal", parent)
        from tension_desktop.model.commitments import KIND_TITLES, KINDS

        self.text = QLineEdit(text)
        self.text.setObjectName("commitText")
        self.text.setMaxLength(LENGTHS["commitments.text"])
        self.kind = QComboBox()
        self.kind.setObjectName("commitKind")
        self.kind.setMinimumHeight(48)
        for k in KINDS:
            self.kind.addItem(KIND_TITLES[k], k)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.form.addRow("Commitment", self.text)
        self.form.addRow("Counts as", self.kind)

    def values(self) -> tuple[str, str]:
        return self.kind.currentData(), self.text.text().strip()

    def validate(self) -> None:
        if not self.values()[1]:
            raise ValidationError("commitment", "may not be empty")
