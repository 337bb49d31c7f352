"""The map's side panel: what the round is doing, "Most disputed", agreed governance, legend."""

from __future__ import annotations

import re

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model import Participant, Placement
from tension_desktop.model.colours import marker_for
from tension_desktop.model.tension_map import Dispute, quadrant_of

from ..markers import marker_icon
from ..plain import set_tooltip
from ..theme import screen_factor
from ..widgets import big_button, enable_touch_scrolling, heading


def _scaled(css: str, k: float) -> str:
    """``css`` with every pt/px size times ``k``."""
    return re.sub(r"(\d+(?:\.\d+)?)(pt|px)\b", lambda m: f"{float(m.group(1)) * k:g}{m.group(2)}", css)


def _plain(text: str = "", *, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # participants' text is never markup
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class MapPanel(QFrame):
    """Right-hand panel. ``focusRequested(initiative_id or None)`` when a row is tapped."""

    focusRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapPanel")
        self.setMinimumWidth(260)
        self.setMaximumWidth(340)
        self.type_scale = 1.0
        self.status = _plain(name="mapStatus")
        self.disputed_title = heading("Most disputed", sub=True)
        self.disputed = QListWidget()
        self.disputed.setObjectName("mostDisputed")
        self.disputed.setWordWrap(True)
        self.disputed.setMinimumHeight(140)
        enable_touch_scrolling(self.disputed)
        self.disputed.itemClicked.connect(self._clicked)
        self.show_all = big_button("Show all initiatives", name="showAll")
        self.show_all.clicked.connect(lambda: self.focusRequested.emit(None))
        self.focus_note = _plain(name="focusNote")
        self.agreed_title = heading("Agreed positions and governance", sub=True)
        self.agreed = _plain(name="agreedList")
        self.legend = QWidget()
        self.legend_layout = QGridLayout(self.legend)
        self.legend_layout.setContentsMargins(0, 0, 0, 0)
        self.legend_layout.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.disputed_title)
        layout.addWidget(self.disputed, 3)
        layout.addWidget(self.focus_note)
        layout.addWidget(self.show_all)
        layout.addWidget(self.agreed_title)
        layout.addWidget(self.agreed)
        self.legend_title = heading("Who is who", sub=True)
        layout.addWidget(self.legend_title)
        layout.addWidget(self.legend)
        layout.addStretch(0)
        self._ids: list[int] = []
        self._legend_people: list[Participant] = []
        self._styles = [(self.status, "font-size: 13pt;"),
                        (self.disputed, "QListWidget { font-size: 13pt; } QListWidget::item { padding: 4px; }"),
                        (self.focus_note, "font-size: 13pt; color: #7c2d12;"), (self.agreed, "font-size: 12pt;")]
        for widget, css in self._styles:
            widget.setStyleSheet(css)
        self.set_type_scale(screen_factor())  # an unscaled large panel: type grows like the theme's

    def set_type_scale(self, k: float, frame: QWidget | None = None) -> None:
        """The session's whiteboard on a big screen (``k`` = its screen factor): the panel's
        type and width grow with it (its own sizes would stay 1080-line small). ``frame``:
        the scroll area around the panel, sized along."""
        k = max(screen_factor(), k)  # never smaller than the theme's type on this screen
        if abs(k - self.type_scale) < 0.01:
            return
        self.type_scale = k
        self.setMinimumWidth(int(260 * k))
        self.setMaximumWidth(int(340 * k))
        for widget, css in self._styles:
            widget.setStyleSheet(_scaled(css, k))
        self.set_legend(self._legend_people)  # the markers are drawn at the new size
        for n in range(self.disputed.count()):
            self.disputed.item(n).setSizeHint(QSize(200, int(64 * k)))
        if frame is not None:
            frame.setMinimumWidth(self.minimumWidth() + 16)
            frame.setMaximumWidth(self.maximumWidth() + 16)

    def _clicked(self, item: QListWidgetItem) -> None:
        self.focusRequested.emit(item.data(Qt.ItemDataRole.UserRole))

    def set_analysis_visible(self, on: bool) -> None:
        """Hidden during a private round: nothing about the others' placements shows."""
        for w in (self.disputed_title, self.disputed, self.show_all, self.focus_note, self.agreed_title,
                  self.agreed):
            w.setVisible(on)

    def set_disputes(self, disputes: list[Dispute], titles: dict[int, str], who: dict[int, Participant],
                     focus: int | None) -> None:
        self.disputed.blockSignals(True)
        texts = []
        for n, d in enumerate(disputes, start=1):
            far = who.get(d.furthest_participant_id)
            far_text = f"furthest: {far.role or far.name}" if far else ""
            texts.append(f"{n}. {titles.get(d.initiative_id, '?')}\nspread {d.spread:.2f} · {far_text}")
        ids = [d.initiative_id for d in disputes]
        if disputes and len(self._ids) == len(ids) and self.disputed.count() == len(ids):
            # one drop re-ranks: rewrite only the rows whose text, initiative or selection changed
            for n, (text, iid) in enumerate(zip(texts, ids, strict=True)):
                item = self.disputed.item(n)
                if item.text() != text:
                    item.setText(text)
                if self._ids[n] != iid:
                    item.setData(Qt.ItemDataRole.UserRole, iid)
                if item.isSelected() != (iid == focus):
                    item.setSelected(iid == focus)
            self._ids = ids
            self.disputed.blockSignals(False)
            return
        self.disputed.clear()
        self._ids = []
        for text, iid in zip(texts, ids, strict=True):
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, iid)
            item.setSizeHint(QSize(200, int(64 * self.type_scale)))
            self.disputed.addItem(item)
            self._ids.append(iid)
            if iid == focus:
                item.setSelected(True)
        if not disputes:
            item = QListWidgetItem("Nothing to compare yet: reveal placements first.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.disputed.addItem(item)
        self.disputed.blockSignals(False)

    def set_focus_note(self, text: str) -> None:
        self.focus_note.setText(text)
        self.focus_note.setVisible(bool(text))
        self.show_all.setEnabled(bool(text))

    def set_agreed(self, agreed: dict[int, Placement], titles: dict[int, str], labels: dict[str, str],
                   governance: dict[str, str]) -> None:
        """``titles``: initiative id -> title, in the workshop's order."""
        lines = []
        for iid, title in titles.items():
            p = agreed.get(iid)
            if p is None:
                continue
            q = quadrant_of(p.x, p.y)
            lines.append(f"• {title}: {labels[q]}, {governance[q].split(':')[0]}")
        self.agreed.setText("\n".join(lines) if lines else "None yet. In Agree mode, drag an initiative "
                            "from the tray to where the group settles it.")

    def set_legend(self, participants: list[Participant]) -> None:
        """Who is who: each person's marker (shape and fill, as on the map and in print) with
        their role and first name."""
        self._legend_people = list(participants)
        while self.legend_layout.count():
            w = self.legend_layout.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        k = self.type_scale
        for n, p in enumerate(participants):
            first = p.name.split()[0] if p.name.split() else p.name
            # made inside the legend (not reparented by the layout: one style pass per chip, not two)
            chip = QFrame(self.legend)
            chip.setObjectName("legendChip")
            row = QHBoxLayout(chip)
            row.setContentsMargins(4, 1, 4, 1)
            row.setSpacing(4)
            icon = QLabel()
            side = int(26 * k)
            icon.setPixmap(marker_icon(marker_for(p.colour), p.colour, side).pixmap(side, side))
            text = _plain(f"{p.role} · {first}" if p.role else p.name)
            text.setWordWrap(True)  # a long role wraps inside its chip instead of being cut
            row.addWidget(icon)
            row.addWidget(text, 1)
            set_tooltip(chip, p.label)
            css = (f"QFrame#legendChip {{ background: #ffffff; border: 2px solid {QColor(p.colour).name()}; "
                   "border-radius: 6px; } QLabel { border: none; background: transparent; color: #111827; "
                   "font-size: 12pt; }")
            chip.setProperty("baseStyle", css)
            chip.setStyleSheet(_scaled(css, k))
            self.legend_layout.addWidget(chip, n, 0)  # one column: whole names

    def row_of(self, initiative_id: int) -> int:
        return self._ids.index(initiative_id)
