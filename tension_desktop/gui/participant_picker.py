"""The participant picker shared by the exercises' forms (a risk's author and owner, a
gate decision's owner): a large combo box with a "nobody" entry first."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from tension_desktop.model import Participant


def participant_combo(participants: list[Participant], current: int | None, *, none_label: str,
                      name: str) -> QComboBox:
    """A touch-sized picker of ``participants`` (data: the id; ``none_label`` is None first),
    showing ``current`` (or the "nobody" entry when it is not among them)."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setMinimumHeight(48)
    combo.addItem(none_label, None)
    for p in participants:
        combo.addItem(p.label, p.id)
    idx = combo.findData(current)
    combo.setCurrentIndex(idx if idx >= 0 else 0)
    return combo
