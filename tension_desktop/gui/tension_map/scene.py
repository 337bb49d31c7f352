"""The map's scene content: which cards exist, where they sit, how they are grouped and dimmed.

:class:`MapScene` holds no truth of its own: it is told which placements are visible
(:meth:`show`) or that one placement changed (:meth:`update_one`) and draws them. Cards on
(nearly) the same spot are fanned out by a few pixels (``fan_offsets``): with 10 people and
20 initiatives every card stays tellable apart without a tap, and nothing moves under a
finger the way a fanning stack would.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGraphicsScene

from tension_desktop.model import Initiative, Participant, Placement
from tension_desktop.model.tension_map import (
    Dispute,
    dispute_of,
    dispute_order,
    fan_cell,
    fan_offsets,
    furthest_participant,
)

from .items import (
    MAP_H,
    MAP_W,
    GroupLabel,
    GroupOverlay,
    MapBackground,
    MarkerLayer,
    PlacementCard,
    read_pixel_ratio,
    to_scene,
)
from .labels import LabelPlacer

Key = tuple[int, int | None, str]
FAN_GAP = 0.03    # normalized: cards this close share a cell
FAN_STEP = 12.0   # pixels per card already on that spot
DIMMED = 0.14
COMPACT_ABOVE = 400  # more cards than this (20 people x 20 initiatives) are drawn compact


def key_of(p: Placement) -> Key:
    return (p.initiative_id, p.participant_id, p.round)


class MapScene:
    """Draws placements into ``scene``; the widget decides what is visible and draggable."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self.scene = scene
        self.background = MapBackground()
        scene.addItem(self.background)
        scene.addItem(self.background.names)
        self._cards: dict[Key, PlacementCard] = {}
        # every plain marker drawn by one cached item (see MarkerLayer)
        self.markers = MarkerLayer(lambda: self._cards.values())
        scene.addItem(self.markers)
        self.placements: dict[Key, Placement] = {}
        # indexes kept in step with ``placements`` (same relative order), so one drop touches
        # one initiative and one or two fan cells instead of scanning all 2,000 placements
        self._by_initiative: dict[int, dict[Key, Placement]] = {}
        self._by_cell: dict[tuple, dict[Key, Placement]] = {}
        self.groups: dict[int, GroupOverlay] = {}
        # the group view: one label per initiative at its group position, placed by the label
        # layout in view pixels (see labels.py; the view calls layout_labels on zoom and fit)
        self.labels: dict[int, GroupLabel] = {}
        self.placer = LabelPlacer(self)
        self.person: int | None = None  # the person view: their placements stand out
        self.stepping = False  # the step-through: the focused group's markers carry names
        self.tag_px = 22
        self.disputes: dict[int, Dispute] = {}
        self.titles: dict[int, str] = {}
        self.people: dict[int, Participant] = {}
        self.governance: dict[str, str] = {}
        self.focus: int | None = None
        self.group_rounds: tuple[str, ...] = ("revealed",)
        self.draggable_rounds: set[str] = set()
        self.compact = False
        self.card_scale = lambda: 1.0  # the view sets its own (cards shrink a little on small windows)

    # -- content ------------------------------------------------------------------------------
    def set_context(self, initiatives: list[Initiative], participants: list[Participant],
                    governance: dict[str, str]) -> None:
        self.titles = {i.id: i.title for i in initiatives}
        self.people = {p.id: p for p in participants}
        self.governance = dict(governance)

    def _make_card(self, p: Placement, offset: tuple[float, float] = (0.0, 0.0),
                   scale: float | None = None) -> PlacementCard:
        """One placement's card; ``scale``: the view's card scale when the caller knows it
        (asked once for 2,000 cards, not once per card)."""
        who = self.people.get(p.participant_id)
        colour = who.colour if who else "#111827"
        gov = ""
        if p.round == "agreed":
            from tension_desktop.model.tension_map import quadrant_of

            gov = self.governance.get(quadrant_of(p.x, p.y), "").split(":")[0]
        card = PlacementCard(key_of(p), self.titles.get(p.initiative_id, "?"), colour,
                             (who.role or who.name) if who else "group", gov, compact=self.compact,
                             scale=self.card_scale() if scale is None else scale, offset=offset)
        card.setZValue(200 if p.round == "agreed" else 100)
        card.setPos(p.x * MAP_W, (1.0 - p.y) * MAP_H)  # to_scene's point, without building a QPointF
        if p.round not in self.draggable_rounds:  # (True is the class default)
            card.draggable = False
        return card

    def show(self, placements: list[Placement]) -> None:
        """Replace every card with the given (visible) placements. While the map has never
        been shown, the cards wait (:meth:`ensure_cards`): built before the first fit they
        would be built again at the scale the fit gives them (2,000 cards twice)."""
        for card in self._cards.values():
            self.scene.removeItem(card)
        for group in self.groups.values():
            self.scene.removeItem(group)
        for label in self.labels.values():
            self.scene.removeItem(label)
        self._cards, self.groups, self.disputes, self.labels = {}, {}, {}, {}
        self.markers.update()
        self.placements = {key_of(p): p for p in placements}
        self._by_initiative, self._by_cell = {}, {}
        for key, p in self.placements.items():
            self._index(key, p)
        self.compact = len(placements) > COMPACT_ABOVE
        self._cards_pending = True
        views = self.scene.views()
        if not views or views[0].isVisible() or not self.wait_for_view:
            self.ensure_cards()
        for iid in {p.initiative_id for p in placements}:
            self._update_group(iid)
        # fresh cards are undimmed, untagged: only a focus, a person or the step-through
        # needs a pass over all of them
        self.apply_focus(cards_too=self.focus is not None or self.person is not None or self.stepping)
        self.layout_labels()

    #: True until the map is first shown (the widget sets it; see ``show``)
    wait_for_view = False
    _cards_pending = False

    @property
    def cards(self) -> dict[Key, PlacementCard]:
        """Every card on the map, by (initiative, participant, round) (built on first use)."""
        if self._cards_pending:
            self.ensure_cards()
        return self._cards

    def ensure_cards(self) -> None:
        """Build the cards ``show`` left waiting, each once, at its place and fanned out."""
        if not self._cards_pending:
            return
        self._cards_pending = False
        self.wait_for_view = False
        read_pixel_ratio()
        # (the placements' keys are their key_of: sorted with them, not worked out again)
        fanned = sorted((kp for kp in self.placements.items() if kp[1].round != "agreed"),
                        key=lambda kp: kp[1].id or 0)
        offsets = dict(zip((k for k, _p in fanned),
                           fan_offsets([(p.x, p.y) for _k, p in fanned], FAN_GAP, FAN_STEP), strict=True))
        layer = self.markers
        scale = self.card_scale()
        for key, p in self.placements.items():
            if p.initiative_id in self.titles:
                card = self._make_card(p, offsets.get(key, (0.0, 0.0)), scale)
                self._cards[key] = card
                self.scene.addItem(card)
                card.layer = layer
        layer.update()
        if self.focus is not None or self.person is not None or self.stepping:
            self.apply_focus()
        self.layout_labels()

    def update_one(self, key: Key, placement: Placement | None) -> None:
        """One placement was stored, moved or removed (``None``): redraw just that card,
        the cards sharing its old and new spot, and its initiative's group."""
        old = self.cards.pop(key, None)
        if old is not None:
            self.scene.removeItem(old)
        before = self.placements.pop(key, None)
        if before is not None:
            self._unindex(key, before)
        cells = {fan_cell(p.x, p.y, FAN_GAP) for p in (before, placement) if p is not None}
        if placement is not None and placement.initiative_id in self.titles:
            self.placements[key] = placement
            self._index(key, placement)
            card = self._make_card(placement)
            self.cards[key] = card
            self.scene.addItem(card)
            card.layer = self.markers
        self.markers.update()
        if len(cells) == 1:
            near = list(self._by_cell.get(next(iter(cells)), {}).values())
        else:  # keep the order of ``placements`` across both cells
            at = {k: n for n, k in enumerate(self.placements)}
            ordered = sorted(((k, p) for c in cells for k, p in self._by_cell.get(c, {}).items()),
                             key=lambda kp: at[kp[0]])
            near = [p for _k, p in ordered]
        self._layout_cards(near)
        self._update_group(key[0])
        self.apply_focus(only=key[0])
        self.placer.request(key[0])  # its label moves (once, later); the others stay where they are

    def layout_labels(self) -> None:
        """Ask for every initiative's label (and agreed card) to be put where no two overlap
        (view pixels); it runs once on the next event loop turn (see labels.py)."""
        self.placer.request()

    def _index(self, key: Key, p: Placement) -> None:
        self._by_initiative.setdefault(p.initiative_id, {})[key] = p
        self._by_cell.setdefault(fan_cell(p.x, p.y, FAN_GAP), {})[key] = p

    def _unindex(self, key: Key, p: Placement) -> None:
        for index, at in ((self._by_initiative, p.initiative_id), (self._by_cell, fan_cell(p.x, p.y, FAN_GAP))):
            bucket = index.get(at)
            if bucket is not None:
                bucket.pop(key, None)
                if not bucket:
                    del index[at]

    def _layout_cards(self, placements) -> None:
        # agreed cards are moved by the label layout, not fanned
        ordered = sorted((p for p in placements if p.round != "agreed"), key=lambda p: p.id or 0)
        for p in placements:
            card = self.cards.get(key_of(p))
            if p.round == "agreed" and card is not None:
                card.setPos(to_scene(p.x, p.y))
                card.draggable = p.round in self.draggable_rounds
        offsets = fan_offsets([(p.x, p.y) for p in ordered], FAN_GAP, FAN_STEP)
        for p, (dx, dy) in zip(ordered, offsets, strict=True):
            card = self.cards.get(key_of(p))
            if card is None:
                continue
            card.setPos(to_scene(p.x, p.y))
            card.set_offset(dx, dy)
            card.draggable = p.round in self.draggable_rounds
        self.markers.update()

    def ranked_disputes(self) -> list[Dispute]:
        """The "Most disputed" list of what is on the map (kept per initiative, so one drop
        re-ranks without recomputing every group)."""
        return sorted(self.disputes.values(), key=dispute_order)

    def set_draggable_rounds(self, rounds: set[str]) -> None:
        self.draggable_rounds = set(rounds)
        for card in self.cards.values():
            card.draggable = card.round in rounds

    # -- grouping and focus ---------------------------------------------------------------------
    def group_members(self, initiative_id: int) -> list[Placement]:
        return [p for p in self._by_initiative.get(initiative_id, {}).values() if p.round in self.group_rounds]

    def _update_label(self, initiative_id: int) -> None:
        """The initiative's one label, at the centroid of the markers shown for it."""
        shown = [p for p in self._by_initiative.get(initiative_id, {}).values() if p.round != "agreed"]
        label = self.labels.get(initiative_id)
        if not shown or initiative_id not in self.titles:
            if label is not None:
                self.scene.removeItem(label)
                del self.labels[initiative_id]
            return
        if label is None:
            label = GroupLabel(initiative_id, self.titles[initiative_id])
            self.labels[initiative_id] = label
            self.scene.addItem(label)
        n = len(shown)
        label.setPos(to_scene(sum(p.x for p in shown) / n, sum(p.y for p in shown) / n))

    def _update_group(self, initiative_id: int) -> None:
        self._update_label(initiative_id)
        members = self.group_members(initiative_id)
        group = self.groups.get(initiative_id)
        dispute = dispute_of(initiative_id, members)
        if dispute is None:
            self.disputes.pop(initiative_id, None)
        else:
            self.disputes[initiative_id] = dispute
        if len(members) < 2:
            if group is not None:
                self.scene.removeItem(group)
                del self.groups[initiative_id]
            return
        if group is None:
            group = GroupOverlay(initiative_id)
            group.setVisible(not self.compact or initiative_id == self.focus)
            self.groups[initiative_id] = group
            self.scene.addItem(group)
        group.set_members(members)

    def live_move(self, card: PlacementCard) -> None:
        """A card is being dragged: its group's lines follow (one initiative; skipped on a
        crowded map, where repainting the group's area under the finger would cost frames)."""
        group = self.groups.get(card.initiative_id)
        if group is None or card.round not in self.group_rounds or self.compact:
            return
        pts = []
        for p in self.group_members(card.initiative_id):
            other = self.cards.get(key_of(p))
            pts.append(other.pos() if other is not None else to_scene(p.x, p.y))
        group.set_points(pts)

    def set_focus(self, initiative_id: int | None) -> None:
        self.focus = initiative_id if initiative_id in self.titles else None
        self.apply_focus()

    def furthest_of(self, initiative_id: int) -> tuple[int | None, float]:
        return furthest_participant(self.group_members(initiative_id))

    def apply_focus(self, only: int | None = None, cards_too: bool = True) -> None:
        """Dim everything but the focused initiative (``only``: just that initiative's cards;
        ``cards_too=False``: groups and labels only, the cards being fresh and undimmed)."""
        focus = self.focus
        far = self.furthest_of(focus)[0] if focus is not None else None
        if not cards_too:
            cards = []
        elif only is None:
            cards = self._cards.values()
        else:
            cards = [c for c in (self._cards.get(k) for k in self._by_initiative.get(only, {})) if c is not None]
        person = self.person
        for card in cards:
            on = (focus is None or card.initiative_id == focus) and (
                person is None or card.participant_id == person or card.agreed)
            self._tag(card, focus, far)
            card.setOpacity(1.0 if on else DIMMED)
            card.set_furthest(focus is not None and card.initiative_id == focus and card.participant_id == far
                              and card.round in self.group_rounds)
            card.set_raised(focus is not None and on)
        if cards:
            self.markers.update()  # dimmed or lit: the layer draws them again, once
        for iid, group in self.groups.items():
            if only is not None and iid != only:
                continue
            group.set_focused(iid == focus)
            group.setOpacity(1.0 if focus is None or iid == focus else DIMMED)
            # a crowded map shows only the focused group: hundreds of line fans are a hairball
            # (and cost a frame on every pan)
            group.setVisible(not self.compact or iid == focus)
        for iid, label in self.labels.items():
            if only is not None and iid != only:
                continue
            label.setOpacity(1.0 if focus is None or iid == focus else DIMMED)
            label.setZValue(450 if iid == focus else 400)

    def _tag(self, card: PlacementCard, focus: int | None, far: int | None) -> None:
        """In the step-through each marker of the shown initiative carries its person."""
        who = self.people.get(card.participant_id) if card.participant_id is not None else None
        if self.stepping and focus is not None and card.initiative_id == focus and who is not None \
                and card.marker_mode:
            text = who.role or who.name
            if who.role and who.name:
                text = f"{who.role} · {who.name.split()[0]}"
            card.set_name_tag(text + ("  ← furthest" if card.participant_id == far else ""),
                              max(6, round(self.tag_px / max(0.1, card.scale()))))
        elif card.name_tag:
            card.set_name_tag("")
            card.set_tag_offset(None)

    def set_person(self, participant_id: int | None) -> None:
        """The person view: one person's placements stand out, everyone else's are dimmed."""
        self.person = participant_id if participant_id in self.people else None
        self.apply_focus()
