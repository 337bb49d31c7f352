"""The pre-mortem screen: capture in lanes, group by dragging, dot-vote in turns, own the top three.

Every edit is an undo command through the document (kind ``"risks"``); a drag writes
once, on drop. The dot vote reuses the shared private-round mechanism
(:class:`~tension_desktop.gui.turns.TurnController`, exercise ``premortem_vote``): during a
turn only the current participant's own dots are drawn, between turns the hand-over
screen covers everything, and nobody sees totals until the coach reveals. Cards may also be
written alone first (:class:`~.writing.CardWriting`, exercise ``premortem_cards``): hidden
drafts until the coach reveals them, on phones or in turns.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from tension_desktop.model import Risk
from tension_desktop.model.premortem import PROMPT, dots_left, merged_text, top_three_status
from tension_desktop.store import premortem
from tension_desktop.store.changes import Changes

from ..document import WorkshopDocument
from ..flow import FlowLayout
from ..lane_canvas import LaneCanvas
from ..lane_cards import CARD_W, GAP, HEADER_H, LANE_W, LaneItem, TextCard, card_at, lane_at
from ..placing_as import PlacingAsChip
from ..plain import plain_tooltip
from ..turns import PrivateRound
from ..widgets import big_button, heading
from .edits import KIND, SETTINGS, PremortemEdits
from .ranking import RankingPanel
from .writing import CardWriting


class PremortemView(PremortemEdits, QWidget):
    """One initiative's pre-mortem."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("premortemView")
        # the shared private-round component: hand-over, turn bar, undo scope, reveal
        self.private = PrivateRound(doc, "premortem_vote", self, kind=KIND, action="dot vote", verb="voting",
                                    reveal_text="Reveal votes", remaining=self._dots_unspent,
                                    scope=lambda: self.initiative_id, room=True)
        self.controller = self.private.controller
        self.overlay = self.private.overlay
        self.cards: dict[int, TextCard] = {}
        self._card_cache: dict[tuple, TextCard] = {}
        self.lanes: list[LaneItem] = []
        self._lane_spec: list[tuple[str, str]] | None = None
        self.dialog = None
        self.initiative_id: int | None = None

        self.prompt = heading(PROMPT)
        self.prompt.setObjectName("premortemPrompt")
        self.initiative = QComboBox()
        self.initiative.setAccessibleName("Initiative of the pre-mortem")
        self.initiative.setObjectName("premortemInitiative")
        self.initiative.setMinimumHeight(52)
        self.initiative.setMinimumWidth(280)
        self.initiative.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        # as wide as 32 characters of the current type (grows with the theme); a 200-character
        # title must not squeeze the prompt
        self.initiative.setMinimumContentsLength(32)
        self.initiative.activated.connect(self._initiative_chosen)
        top = QHBoxLayout()
        top.addWidget(self.prompt, 1)
        top.addWidget(self.initiative)

        self.add_btn = big_button("＋ Failure mode", primary=True, name="addRisk")
        self.add_btn.clicked.connect(self.add_risk)
        self.anon_btn = big_button("", name="attribution")
        self.anon_btn.setCheckable(True)
        self.anon_btn.clicked.connect(self._toggle_anonymous)
        self.chip = PlacingAsChip(doc, verb="Writing as")
        self.lanes_btn = big_button("Lanes…", name="editLanes")
        self.lanes_btn.clicked.connect(self.edit_lanes)
        self.fewer_btn = big_button("−", name="fewerDots")
        self.more_btn = big_button("+", name="moreDots")
        self.fewer_btn.setAccessibleName("One dot fewer each")
        self.more_btn.setAccessibleName("One dot more each")
        self.dots_label = QLabel()
        self.dots_label.setObjectName("dotsAllowance")
        self.fewer_btn.clicked.connect(lambda: self._change_allowance(-1))
        self.more_btn.clicked.connect(lambda: self._change_allowance(+1))
        self.vote_btn = big_button("Start dot vote", name="startVote")
        self.vote_btn.clicked.connect(self.start_vote)
        self.reveal_btn = big_button("Reveal votes", name="revealVotes")
        self.private.start_button, self.private.reveal_button = self.vote_btn, self.reveal_btn
        self.reveal_btn.clicked.connect(self.reveal)
        # cards written alone (on phones or in turns), hidden until their own reveal
        self.writing = CardWriting(doc, lambda: self.initiative_id, KIND)
        self.write_btn = big_button("Write alone (private round)", name="startWriting")
        self.write_btn.setToolTip("Everyone writes their failure modes alone, on their phone or in turns; "
                                  "nobody sees a card until you reveal them")
        self.write_btn.clicked.connect(lambda: self.writing.private.start())
        self.reveal_cards_btn = big_button("Reveal the cards", name="revealCards")
        self.reveal_cards_btn.setToolTip("Show the cards written alone in a round that ended early")
        self.reveal_cards_btn.clicked.connect(self.writing.private.reveal)
        self.writing.controller.changed.connect(self.refresh)
        tools = FlowLayout()  # wraps onto a second row on a narrow screen: no caption is cut
        for w in (self.add_btn, self.write_btn, self.reveal_cards_btn, self.anon_btn, self.chip, self.lanes_btn):
            tools.addWidget(w)
        tools.addStretch(1)
        for w in (self.fewer_btn, self.dots_label, self.more_btn, self.vote_btn, self.reveal_btn):
            tools.addWidget(w)
        self.tools = QWidget()
        self.tools.setLayout(tools)

        self.vote_info = QLabel()
        self.vote_info.setObjectName("voteInfo")
        self.vote_info.setTextFormat(Qt.TextFormat.PlainText)
        self.vote_info.setWordWrap(True)
        self.done_btn = self.private.bar.done_btn
        vote_row = QHBoxLayout()
        vote_row.addWidget(self.vote_info, 1)
        self.vote_bar = QWidget()
        self.vote_bar.setObjectName("voteBar")
        self.vote_bar.setLayout(vote_row)

        self.view = LaneCanvas()
        self.view.setObjectName("premortemCanvas")
        self.view.setAccessibleName("Pre-mortem")
        self.view.itemKey.connect(self._key)
        self.merge_source: int | None = None
        self.view.itemDropped.connect(self._dropped)
        self.view.itemTapped.connect(self._tapped)
        self.view.itemLongPressed.connect(lambda item, _p: self._details(item))
        self.view.contextMenuAt.connect(lambda item, _p: self._details(item))
        self.ranking = RankingPanel()
        self.ranking.ownerRequested.connect(self.edit_owner)
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addWidget(self.ranking)

        # The screen sits on a page that this widget sizes by hand (no layout link upwards):
        # a label or button whose text changes re-lays out the page only. Through a layout
        # the request would climb to the tab widget, which repaints the whole window for it.
        self.page = QWidget(self)
        self.page.setObjectName("premortemPage")
        layout = QVBoxLayout(self.page)
        layout.addLayout(top)
        layout.addWidget(self.private.bar)
        layout.addWidget(self.tools)
        layout.addWidget(self.vote_bar)
        layout.addWidget(self.private.note)
        layout.addWidget(self.writing, 1)
        layout.addLayout(body, 1)
        self._page_layout, self._body = layout, body

        self.overlay.raise_()
        self.controller.changed.connect(self.refresh)
        doc.changed.connect(self._doc_changed)
        doc.storeFailed.connect(self.vote_info.setText)
        self._load_initiatives()
        self.writing.refresh()  # its scope (the initiative) is known now
        self.refresh()
        self.private.note.refresh()

    # -- reading state -----------------------------------------------------------------------
    @property
    def lib(self):
        return self.doc.lib

    @property
    def wid(self) -> int:
        return self.doc.workshop_id

    def in_turn(self) -> bool:
        r = self.controller.round
        return r is not None and r.phase == "turn"

    def is_revealed(self) -> bool:
        return self.controller.round is None and premortem.revealed(self.lib, self.wid, self.initiative_id)

    def _load_initiatives(self) -> None:
        items = self.doc.initiatives()
        stored = premortem.current_initiative(self.lib, self.wid)
        ids = [i.id for i in items]
        self.initiative_id = stored if stored in ids else (ids[0] if ids else None)
        self.initiative.blockSignals(True)
        self.initiative.clear()
        for i in items:
            self.initiative.addItem(i.title, i.id)
            self.initiative.setItemData(self.initiative.count() - 1, plain_tooltip(i.title),
                                        Qt.ItemDataRole.ToolTipRole)
        self.initiative.setCurrentIndex(max(0, self.initiative.findData(self.initiative_id)))
        self.initiative.blockSignals(False)

    def _initiative_chosen(self, index: int) -> None:
        self.initiative_id = self.initiative.itemData(index)
        self.remember_initiative()
        self.private.note.refresh()
        self.refresh()

    def _doc_changed(self, changes: Changes) -> None:
        if changes.touches("initiatives", "participants"):
            self._load_initiatives()
        if (changes.touches(KIND, "risk_votes", "initiatives", "participants", "workshops", "risk_drafts")
                or changes.touches_setting(*SETTINGS)):
            self.refresh()

    # -- drawing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        lanes = premortem.lanes(self.lib, self.wid)
        people = {p.id: p for p in self.doc.participants()}
        cards = premortem.list_cards(self.lib, self.wid, self.initiative_id) if self.initiative_id else []
        votes = premortem.list_votes(self.lib, self.wid, self.initiative_id)
        ranked = premortem.rank_risks(cards, votes)
        status = top_three_status(ranked)
        revealed, turn = self.is_revealed(), self.in_turn()
        rank_of = {r.risk.id: r for r in ranked}
        current = self.controller.current
        scene = self.view.scene()
        # Cards whose content did not change are reused (not rebuilt, cached painting kept):
        # one edit then costs one card, not thirty.
        cache, fresh = self._card_cache, {}
        self.cards = {}
        keys = [ln.key for ln in lanes]
        heights = []
        columns: dict[str, list[Risk]] = {k: [] for k in keys}
        for c in cards:
            columns[c.category if c.category in columns else keys[0]].append(c)
        for n, ln in enumerate(lanes):
            x, y = n * LANE_W, HEADER_H
            for risk in columns[ln.key]:
                author = people.get(risk.author_id)
                footer = [f"— {author.role or author.name}" if author else "— anonymous"]
                owner = people.get(risk.owner_id)
                if owner:
                    footer.append(f"Owner: {owner.role or owner.name}")
                if risk.mitigation:
                    footer.append(f"Mitigation: {risk.mitigation}")
                missing = status.missing.get(risk.id) if revealed else None
                if missing:
                    footer.append(f"⚠ needs {' and '.join(missing)}")
                r = rank_of.get(risk.id)
                badge = f"#{r.rank}   ●{r.dots}" if revealed and r and r.dots else ""
                stripe = author.colour if author else "#9aa5b1"
                key = (risk.id, risk.text, risk.merged, tuple(footer), badge, stripe, bool(missing))
                card = cache.get(key) or TextCard(risk.id, merged_text(risk.text, list(risk.merged)), footer=footer,
                                                  badge=badge, stripe=stripe, warn=bool(missing))
                fresh[key] = card
                card.draggable = not turn
                dots: list[str] = []
                for v in votes:
                    if v.risk_id == risk.id and (revealed or (turn and v.participant_id == current)):
                        dots += [people[v.participant_id].colour if v.participant_id in people else "#9aa5b1"] * v.dots
                card.set_dots(dots, controls=turn)
                card.setPos(x + (LANE_W - GAP - CARD_W) / 2, y)
                if card.scene() is None:
                    scene.addItem(card)
                self.cards[risk.id] = card
                y += card.rect().height() + GAP
            heights.append(y)
        for key, card in cache.items():  # cards that changed or went away
            if key not in fresh and card.scene() is scene:
                scene.removeItem(card)
        self._card_cache = fresh
        height = max([*heights, 400.0]) + 120  # room below the last card to drop into
        self._update_lanes(lanes, columns, height)
        self.view.set_lanes(self.lanes, len(lanes) * LANE_W, height)
        self._refresh_controls(votes, people, revealed, turn, ranked)

    def _update_lanes(self, lanes, columns: dict[str, list[Risk]], height: float) -> None:
        """Keep the lane items while the lanes are the same, changing only their counts:
        re-creating them (they span the whole canvas) would repaint all of it on every edit."""
        spec = [(ln.key, ln.title) for ln in lanes]
        subtitles = [f"{len(columns[ln.key])} card{'s' * (len(columns[ln.key]) != 1)}" for ln in lanes]
        if spec == self._lane_spec:
            for lane, subtitle in zip(self.lanes, subtitles, strict=True):
                if lane.subtitle.toPlainText() != subtitle:
                    lane.subtitle.setPlainText(subtitle)
            return
        scene = self.view.scene()
        for lane in self.lanes:
            scene.removeItem(lane)
        self.lanes = []
        for n, ((key, title), subtitle) in enumerate(zip(spec, subtitles, strict=True)):
            lane = LaneItem(key, title, n * LANE_W, height, subtitle=subtitle)
            scene.addItem(lane)
            self.lanes.append(lane)
        self._lane_spec = spec

    def _refresh_controls(self, votes, people, revealed, turn, ranked) -> None:
        anon = premortem.anonymous(self.lib, self.wid)
        self.anon_btn.setChecked(anon)
        self.anon_btn.setText("Cards: anonymous" if anon else "Cards: named")
        running = self.controller.round is not None
        writing = self.writing.controller.active
        self.chip.setVisible(not anon and not running and not writing)
        self.anon_btn.setVisible(not running and not writing)
        # while cards are written alone the panel takes the canvas's place: nobody is steered
        # by the cards already on it, and the panel has room on a small screen
        self.view.setVisible(not writing)
        self.ranking.setVisible(not writing)
        self._page_layout.setStretchFactor(self._body, 0 if writing else 1)
        # a card round ended early keeps its cards hidden until they are revealed
        self.reveal_cards_btn.setVisible(not writing and self.initiative_id is not None and bool(
            premortem.list_drafts(self.lib, self.wid, self.initiative_id)))
        allowance = premortem.dots_allowance(self.lib, self.wid)
        self.dots_label.setText(f"{allowance} dots each")
        for w in (self.fewer_btn, self.more_btn, self.add_btn, self.lanes_btn, self.vote_btn, self.write_btn):
            w.setEnabled(not running and not writing and self.initiative_id is not None)
        self.initiative.setEnabled(not running and not writing)
        # one round at a time: the vote's keys rest while cards are written (no ambiguous shortcut)
        for shortcut in self.findChildren(QShortcut, options=Qt.FindChildOption.FindDirectChildrenOnly):
            shortcut.setEnabled(not writing)
        # revealing mid-round would show the current voter everyone's dots
        unfinished = running and not self.controller.round.finished
        self.reveal_btn.setEnabled(not revealed and not unfinished and not writing and any(v.dots for v in votes))
        self.vote_bar.setVisible(turn)
        if turn:
            person = people.get(self.controller.current)
            left = dots_left(votes, self.controller.current, allowance)
            name = person.label if person else "?"
            self.vote_info.setText(f"Voting as {name}: {left} of {allowance} dots left. Tap a card or + to add a "
                                   "dot, − to take one back. Only your own dots are shown.")
        if revealed:
            self.ranking.show_ranked(ranked, people)
        else:
            voters = {v.participant_id for v in votes if v.dots}
            self.ranking.show_hidden(len(voters), len(people), running)

    # -- gestures ----------------------------------------------------------------------------
    def _tapped(self, item, pos: QPointF) -> None:
        if not isinstance(item, TextCard):
            return
        if self.in_turn():
            local = item.mapFromScene(pos)
            delta = -1 if item.minus_rect().contains(local) else 1
            self.vote(item.row_id, self.controller.current, delta)
        else:
            self._details(item)

    def _dropped(self, item, start: QPointF, drop: QPointF) -> None:
        if not isinstance(item, TextCard) or self.in_turn():
            self.refresh()
            return
        target = card_at(self.view.scene(), drop, exclude=item)
        if target is not None:
            self.merge(target.row_id, item.row_id)
            return
        lane = lane_at(self.lanes, drop.x())
        if lane is None:
            self.refresh()
            return
        others = [c for c in self.cards.values() if c is not item and lane.rect().contains(c.sceneBoundingRect().center())]
        index = sum(1 for c in others if c.sceneBoundingRect().center().y() < drop.y())
        self.move(item.row_id, lane.key, index)

    def _key(self, item, key: int, _modifiers: int) -> None:
        """Keys on the focused card: + / - add or take back a dot during a voting turn; M marks
        a card to merge, M on a second card merges the first into it (as dropping one card on
        another does); Escape forgets the mark."""
        if not isinstance(item, TextCard):
            return
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus) and self.in_turn():
            self.vote(item.row_id, self.controller.current, -1 if key == Qt.Key.Key_Minus else 1)
        elif key == Qt.Key.Key_M and not self.in_turn():
            if self.merge_source is None or self.merge_source == item.row_id:
                self.merge_source = None if self.merge_source == item.row_id else item.row_id
            else:
                source, self.merge_source = self.merge_source, None
                self.merge(item.row_id, source)
            self.view.mark(item if self.merge_source is not None else None,
                           "marked to merge: press M on the card to merge it into")
        elif key == Qt.Key.Key_Escape:
            self.merge_source = None
            self.view.mark(None)

    def _details(self, item) -> None:
        if isinstance(item, TextCard) and not self.in_turn():
            self.edit_risk(item.row_id)

    # -- the dot vote -------------------------------------------------------------------------
    def start_vote(self) -> None:
        """A new dot vote (a new round: the earlier vote stays in the history) handed to the
        first person."""
        self.private.start()

    def _dots_unspent(self, pid: int) -> str:
        """What the voter on turn has not spent yet ("2 of 3 dots not placed yet")."""
        allowance = premortem.dots_allowance(self.lib, self.wid)
        left = dots_left(premortem.list_votes(self.lib, self.wid, self.initiative_id), pid, allowance)
        return f"{left} of {allowance} dots not placed yet" if left else ""

    def reveal(self) -> None:
        """Show every dot and the ranked list to the room (ends the private round; one undo step)."""
        if not premortem.revealed(self.lib, self.wid, self.initiative_id) or self.controller.round is not None:
            self.private.reveal()

    def sizeHint(self) -> QSize:  # noqa: D102 (Qt)
        return self.page.sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: D102 (Qt)
        return self.page.minimumSizeHint()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.page.setGeometry(self.rect())
        # the lanes get the room: the ranked list takes about a quarter of the width
        self.ranking.setFixedWidth(max(280, min(420, int(self.width() * 0.24))))
        self.overlay.setGeometry(self.rect())
