"""The "Placing as" chip: the current participant in their colour."""

from __future__ import annotations


def test_the_chip_is_restyled_only_when_its_colours_change(qtbot, doc):
    """A new style sheet restyles the chip; it is refreshed on every turn and every change of
    the participants, so it sets one only when the colours differ."""
    from tension_desktop.gui.placing_as import PlacingAsChip

    class Counting(PlacingAsChip):
        sheets: list[str] = []

        def setStyleSheet(self, sheet: str) -> None:  # noqa: N802 (Qt name)
            Counting.sheets.append(sheet)
            super().setStyleSheet(sheet)

    people = doc.participants()
    assert len({p.colour for p in people[:2]}) == 2
    chip = Counting(doc)
    qtbot.addWidget(chip)
    assert chip.styleSheet().startswith(f"background: {people[0].colour}")
    made = len(Counting.sheets)
    chip.set_participant(people[0].id)
    chip.set_locked(True)
    chip.set_locked(False)
    assert len(Counting.sheets) == made, "same participant, same colours: no restyle"
    chip.set_participant(people[1].id)
    assert Counting.sheets[made:] == [chip.styleSheet()] and people[1].colour in chip.styleSheet()
    chip.set_participant(None)
    assert chip.styleSheet() == ""
