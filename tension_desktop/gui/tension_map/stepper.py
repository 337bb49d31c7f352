"""Step through the disagreement after the reveal, and the person view.

Two finger-sized buttons stand in the toolbar's row or at the foot of the initiatives tray
(they belong to the map, so they work on the whiteboard without the side panel):

* **Next most disputed ▶** shows one initiative at a time, most disputed first: the map
  zooms to its group, everyone else's initiatives are dimmed, each person's marker carries
  their role or name, the group's outline is filled and the person furthest from the group
  is ringed. Each tap moves to the next; **Show all** ends it.
* **Person ▾** highlights one person's placements and dims everyone else's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QMenu, QWidget

from ..widgets import big_button
from .items import MAP_VIEW_RECT, to_scene
from .tray import TrayChip
from .view import TRAY_MARGIN

if TYPE_CHECKING:  # pragma: no cover
    from .widget import TensionMapWidget


class DisagreementStepper(QWidget):
    """The floating step-through and person-view controls of one map widget."""

    def __init__(self, widget: TensionMapWidget) -> None:
        # a child of the map widget (not of the view): it may stand in the toolbar's row
        super().__init__(widget)
        self.setObjectName("mapStepper")
        self.w = widget
        self.index = -1
        self.next_btn = big_button("Next most disputed ▶", primary=True, name="nextDisputed")
        self.all_btn = big_button("Show all", name="stepShowAll")
        self.person_btn = big_button("Person ▾", name="personView")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        # Person and Show all side by side above Next in the tray's foot (two rows of finger
        # targets, not three), one beside the other in the toolbar's row
        self.pair = QHBoxLayout()
        self.pair.addWidget(self.person_btn)
        self.pair.addWidget(self.all_btn)
        row.addLayout(self.pair)
        row.addWidget(self.next_btn)
        self.next_btn.clicked.connect(self.next)
        self.all_btn.clicked.connect(self.show_all)
        self.person_btn.clicked.connect(self._person_menu)
        widget.view.viewChanged.connect(self._place)
        widget.controller.changed.connect(self.refresh)
        widget.doc.changed.connect(lambda _changes: self.refresh())
        self.refresh()

    # -- what shows ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Shown after a reveal (never during a private round, which must show nobody else)."""
        m = self.w.map
        private = self.w.controller.active
        self.setVisible(not private and bool(m.disputes))
        stepping = m.stepping and m.focus is not None
        self.all_btn.setVisible(stepping or m.person is not None)
        who = m.people.get(m.person) if m.person is not None else None
        self.person_btn.setText(f"{(who.role or who.name) if who else 'Person'} ▾")
        if private and (m.stepping or m.person is not None):
            m.stepping, m.person = False, None
        state = (self.isHidden(), self.all_btn.isHidden(), self.person_btn.text())
        if state == self._shown:
            return  # a drop changed nothing here: no new size, no new place (the view's changes place it)
        self._shown = state
        self.adjustSize()
        self._place()

    _shown: tuple | None = None  # (hidden, "Show all" hidden, person caption) last placed

    _placing = False

    def _place(self) -> None:
        if self._placing:
            return  # the refit below emits viewChanged: placed once per change
        self._placing = True
        try:
            self._place_now()
        finally:
            self._placing = False

    def _place_now(self) -> None:
        """Where the buttons take no room from the map: in the toolbar row's free right end
        when it has room for them (a laptop's coach view), else at the foot of the tray, in a
        column as wide as the tray (the whiteboard: its toolbar row has no room left, and the
        buttons keep their finger size low on the panel, where a hand reaches), else in a
        column beside the map where the map leaves room at its side (a wide, short window),
        else top-right over the map (which then leaves a band free for them)."""
        view, w = self.w.view, self.w
        hidden = self.w.map.placer.hidden_at_last_layout
        self.next_btn.setToolTip(f"{hidden} initiative names have no room on this map: step through them here"
                                 if hidden else "Show the most disputed initiatives one at a time")
        shown = not self.isHidden()
        vp = view.viewport().geometry()
        row = self.layout()
        row.setDirection(QBoxLayout.Direction.LeftToRight)
        self.pair.setDirection(QBoxLayout.Direction.LeftToRight)
        self.adjustSize()
        wide_w, wide_h = self.width(), self.height()
        bar = w.toolbar
        in_bar = (shown and bar.isVisible() and not bar.two_rows and wide_h <= bar.height() + 4
                  and bar.width() - bar.needed_width() >= wide_w + 16)
        side = foot = False
        origin = view.mapTo(w, view.rect().topLeft())
        margin = round(TRAY_MARGIN * view.tray_scale())
        if in_bar:
            self.resize(wide_w, wide_h)
            corner = bar.mapTo(w, bar.rect().topRight())
            self.move(corner.x() - wide_w - 4, corner.y() + (bar.height() - wide_h) // 2)
        else:
            row.setDirection(QBoxLayout.Direction.TopToBottom)
            # a one-column tray's width (not the tray's width now, which may follow the foot: a
            # coach's two-column tray): the choice never flips the tray that decides it
            tray_w = int(view.tray_scale() * (TrayChip.W + 2 * TRAY_MARGIN))
            for pair in (QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.TopToBottom):
                self.pair.setDirection(pair)
                self.adjustSize()
                column_w, column_h = self.sizeHint().width(), self.sizeHint().height()
                foot = (shown and view.tray_visible and column_w <= tray_w - 2 * margin
                        and column_h + 2 * margin <= vp.height() / 2)
                if foot:
                    break
            if foot:
                self.resize(tray_w - 2 * margin, column_h)
                self.move(origin.x() + vp.x() + margin, origin.y() + vp.y() + vp.height() - column_h - margin)
            else:
                rect = view.whole_map_rect()
                map_w = (vp.height() - 16) / rect.height() * rect.width()
                slack = vp.width() - view.tray_width() - 16 - map_w
                side = shown and slack >= column_w + 16
                if not side:
                    row.setDirection(QBoxLayout.Direction.LeftToRight)
                    self.pair.setDirection(QBoxLayout.Direction.LeftToRight)
                    self.resize(wide_w, self.sizeHint().height())
                else:
                    self.resize(column_w, self.sizeHint().height())
                self.move(origin.x() + max(int(view.tray_width()) + 8, view.width() - self.width() - 12),
                          origin.y() + 8)
        self.raise_()
        over_map = shown and not in_bar and not foot
        if over_map:
            at = view.viewport().mapFrom(w, self.geometry().topLeft())
            view.reserved_rects = [QRectF(at.x(), at.y(), self.width(), self.height()).adjusted(-6, -6, 6, 6)]
        else:
            view.reserved_rects = []
        top = float(self.height() + 12) if over_map and not side else 0.0
        right = float(self.width() + 16) if over_map and side else 0.0
        tray_foot = float(self.height() + 2 * margin) if foot else 0.0
        if (top, right, tray_foot) != (view.top_reserve, view.right_reserve, view.tray_foot):
            view.top_reserve, view.right_reserve, view.tray_foot = top, right, tray_foot
            if self.w.map.focus is None:
                view.fit_all()  # the tray's columns (and so its width) may change with its foot
            else:
                view.place_tray()

    # -- the step-through --------------------------------------------------------------------------
    def next(self) -> None:
        """The next most disputed initiative (after the last one, the first again)."""
        m = self.w.map
        ranked = m.ranked_disputes()
        if not ranked:
            return
        self.index = (self.index + 1) % len(ranked)
        iid = ranked[self.index].initiative_id
        m.stepping = True
        self.w.set_focus(iid)
        self._zoom_to(iid)
        self.refresh()

    def _zoom_to(self, initiative_id: int) -> None:
        """Zoom to the group (big on the whiteboard), never closer than a third of the map."""
        pts = [to_scene(p.x, p.y) for p in self.w.map.group_members(initiative_id)]
        if not pts:
            return
        xs, ys = [p.x() for p in pts], [p.y() for p in pts]
        rect = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        w = max(rect.width() + 360, MAP_VIEW_RECT.width() / 3)
        h = max(rect.height() + 260, MAP_VIEW_RECT.height() / 3)
        self.w.view.fit_rect(QRectF(rect.center().x() - w / 2, rect.center().y() - h / 2, w, h))

    def show_all(self) -> None:
        m = self.w.map
        m.stepping = False
        self.index = -1
        m.set_person(None)
        self.w.set_focus(None)
        self.w.view.fit_all()
        self.refresh()

    # -- the person view ---------------------------------------------------------------------------
    def _person_menu(self) -> None:
        menu = QMenu(self)
        menu.setStyleSheet("QMenu { font-size: 15pt; } QMenu::item { padding: 14px 28px; }")
        menu.addAction("Everyone", lambda: self.set_person(None))
        for p in self.w.map.people.values():
            menu.addAction(f"{p.role} · {p.name}" if p.role else p.name, lambda pid=p.id: self.set_person(pid))
        menu.exec(self.person_btn.mapToGlobal(self.person_btn.rect().bottomLeft()))

    def set_person(self, participant_id: int | None) -> None:
        """Highlight one person's placements (None: everyone)."""
        self.w.map.set_person(participant_id)
        self.refresh()
