"""The pre-mortem's edits: each one undo command through the document (kind ``"risks"``).

A mixin of :class:`~tension_desktop.gui.premortem.view.PremortemView`: it expects ``doc``,
``lib``, ``wid``, ``initiative_id``, ``chip`` and ``dialog`` on the view.
"""

from __future__ import annotations

from tension_desktop.model import Risk
from tension_desktop.store import premortem

from ..document import FnCommand, WorkshopDocument
from ..forms import open_form
from .dialogs import LanesDialog, OwnerDialog, RiskDialog

KIND = "risks"
#: the pre-mortem's own settings: lanes, dots each, anonymity, what was revealed
SETTINGS = (premortem.LANES_KEY, premortem.DOTS_KEY, premortem.ANONYMOUS_KEY, premortem.REVEALED_KEY)


def write_draft(doc: WorkshopDocument, scope: int | None, participant_id: int, lane: str, text: str) -> bool:
    """One hidden card of a card round, written by the person on turn (one undo step)."""
    wid = doc.workshop_id
    slot: dict = {"id": None}
    return doc.push(FnCommand(
        "Write a failure mode",
        lambda: doc.call(premortem.add_draft, wid, scope, participant_id, lane, text, slot),
        lambda: doc.call(premortem.remove_draft, slot)))


def take_back_draft(doc: WorkshopDocument, draft_id: int) -> bool:
    """Take back one hidden card of the person on turn (one undo step)."""
    slot: dict = {"id": draft_id}

    def take() -> None:
        slot["row"] = doc.call(premortem.remove_draft, slot["id"])

    return doc.push(FnCommand("Take back a failure mode", take,
                              lambda: doc.call(premortem.restore_draft, slot.get("row"))))


class PremortemEdits:
    """Capture, edit, delete, move, merge, vote, owner and mitigation, lanes, settings."""

    def remember_initiative(self) -> None:
        """Which initiative is shown (bookkeeping kept with the workshop, no undo step)."""
        self.doc.call(premortem.set_current_initiative, self.wid, self.initiative_id, quiet=True)

    def _open(self, dialog, on_accept) -> None:
        open_form(self, dialog, lambda: on_accept(dialog), delete=False)

    def add_risk(self) -> None:
        if self.initiative_id is None:
            return
        anon = premortem.anonymous(self.lib, self.wid)
        lanes = premortem.lanes(self.lib, self.wid)
        dlg = RiskDialog(lanes, self.doc.participants(), author_id=self.chip.participant_id, anonymous=anon,
                         lane=lanes[0].key, parent=self)
        self._open(dlg, lambda d: self._add(d.values()))

    def _add(self, values: dict) -> None:
        risk = Risk(initiative_id=self.initiative_id, **values)
        self.doc.add_row(KIND, "Add failure mode", lambda: premortem.add_risk(self.lib, self.wid, risk))

    def edit_risk(self, risk_id: int) -> None:
        # the card as shown (with the texts merged into it), not just its own row
        risk = next((r for r in premortem.list_cards(self.lib, self.wid, self.initiative_id) if r.id == risk_id),
                    None) or premortem.get_risk(self.lib, risk_id)
        dlg = RiskDialog(premortem.lanes(self.lib, self.wid), self.doc.participants(), risk=risk, parent=self)
        self._open(dlg, lambda d: self._edited(risk, d))

    def _edited(self, old: Risk, dlg: RiskDialog) -> None:
        if dlg.split_requested:
            self.split(old.id)
            return
        if dlg.delete_requested:
            self.doc.remove_row(KIND, "Delete failure mode", lambda: premortem.remove_risk(self.lib, old.id))
            return
        new = dlg.values()
        if (new["text"], new["author_id"], new["category"]) == (old.text, old.author_id, old.category):
            return
        lane, index = premortem.lane_position(self.lib, old.id)
        self.doc.apply(
            "Edit failure mode",
            lambda: self.doc.call(premortem.edit_card, old.id, **new),
            lambda: (self.doc.call(premortem.edit_card, old.id, text=old.text, author_id=old.author_id,
                                   category=old.category, quiet=True),
                     self.doc.call(premortem.move_risk, old.id, lane, index)),
        )

    def move(self, risk_id: int, lane: str, index: int) -> None:
        old_lane, old_index = premortem.lane_position(self.lib, risk_id)
        if (old_lane, old_index) == (lane, index):  # dropped where it was
            self.refresh()
            return
        self.doc.apply("Move failure mode",
                       lambda: self.doc.call(premortem.move_risk, risk_id, lane, index),
                       lambda: self.doc.call(premortem.move_risk, risk_id, old_lane, old_index))

    def merge(self, survivor_id: int, merged_id: int) -> None:
        if not self.doc.apply("Merge failure modes",
                              lambda: self.doc.call(premortem.merge_risks, survivor_id, merged_id),
                              lambda: self.doc.call(premortem.unmerge_risk, merged_id)):
            self.refresh()

    def split(self, survivor_id: int) -> None:
        """Undo a grouping later on: every card merged into this one stands alone again."""
        merged = premortem.merged_ids(self.lib, survivor_id)
        if merged:
            self.doc.apply("Split merged failure modes",
                           lambda: self.doc.call(premortem.split_risk, survivor_id),
                           lambda: self.doc.call(premortem.remerge, survivor_id, merged))

    def vote(self, risk_id: int, participant_id: int | None, delta: int) -> None:
        if participant_id is None:
            return
        self.doc.apply("Add a dot" if delta > 0 else "Take a dot back",
                       lambda: self.doc.call(premortem.add_dot, self.wid, risk_id, participant_id, delta),
                       lambda: self.doc.call(premortem.add_dot, self.wid, risk_id, participant_id, -delta))

    def edit_owner(self, risk_id: int) -> None:
        risk = premortem.get_risk(self.lib, risk_id)
        dlg = OwnerDialog(risk, self.doc.participants(), parent=self)
        self._open(dlg, lambda d: self._owner(risk, d.values()))

    def _owner(self, old: Risk, new: dict) -> None:
        if (new["owner_id"], new["mitigation"]) == (old.owner_id, old.mitigation):
            return
        self.doc.apply("Set owner and mitigation",
                       lambda: self.doc.call(premortem.update_risk, old.id, **new),
                       lambda: self.doc.call(premortem.update_risk, old.id, owner_id=old.owner_id,
                                             mitigation=old.mitigation))

    def edit_lanes(self) -> None:
        stored = premortem.lanes(self.lib, self.wid)
        dlg = LanesDialog(stored, parent=self)
        self._open(dlg, lambda d: self.doc.apply(
            "Edit lanes",
            lambda: self.doc.call(premortem.set_lanes, self.wid, d.lanes()),
            lambda: self.doc.call(premortem.set_lanes, self.wid, stored)))

    def _toggle_anonymous(self) -> None:
        old = premortem.anonymous(self.lib, self.wid)
        self.doc.apply("Anonymous cards" if not old else "Named cards",
                       lambda: self.doc.call(premortem.set_anonymous, self.wid, not old),
                       lambda: self.doc.call(premortem.set_anonymous, self.wid, old))

    def _change_allowance(self, delta: int) -> None:
        old = premortem.dots_allowance(self.lib, self.wid)
        new = max(1, min(20, old + delta))
        if new != old:
            self.doc.apply("Dots per participant",
                           lambda: self.doc.call(premortem.set_dots_allowance, self.wid, new),
                           lambda: self.doc.call(premortem.set_dots_allowance, self.wid, old))
