"""The forms stop typing where the model's rules stop (one definition: model/rules.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit

from tension_desktop.model.premortem import DEFAULT_LANES
from tension_desktop.model.rules import LENGTHS


def _participant():
    from tension_desktop.gui.dialogs import ParticipantDialog

    d = ParticipantDialog()
    return d, [(d.name, "participants.name"), (d.role, "participants.role")]


def _initiative():
    from tension_desktop.gui.dialogs import InitiativeDialog

    d = InitiativeDialog()
    return d, [(d.title, "initiatives.title")]


def _workshop():
    from tension_desktop.gui.dialogs import NewWorkshopDialog

    d = NewWorkshopDialog(["Leadership team"])
    return d, [(d.title, "workshops.title"), (d.team.lineEdit(), "teams.name")]


def _phase():
    from tension_desktop.gui.session.editor import PhaseDialog

    d = PhaseDialog()
    return d, [(d.title, "agenda_phases.title")]


def _lanes():
    from tension_desktop.gui.premortem.dialogs import LanesDialog

    d = LanesDialog(list(DEFAULT_LANES))
    return d, [(d.extra, "setting.lane_title"), (d.edits[0], "setting.lane_title")]


def _rationale():
    from tension_desktop.gui.board.dialogs import RationaleDialog

    d = RationaleDialog("EU data residency", "must_protect", "Amara", required=False)
    return d, [(d.why, "board_cards.rationale")]


@pytest.mark.parametrize("make", [_participant, _initiative, _workshop, _phase, _lanes, _rationale])
def test_typing_stops_at_the_rules_length_limit(qtbot, make):
    dialog, fields = make()
    qtbot.addWidget(dialog)
    for edit, key in fields:
        assert isinstance(edit, QLineEdit)
        edit.clear()
        qtbot.keyClicks(edit, "ab" * (LENGTHS[key] // 2 + 5))
        assert len(edit.text()) == LENGTHS[key], key
