"""The values every dialog class of the app is built with, by parameter type: shared by the
plain-text walk (tests/gui/test_plain_text.py) and the layout probe (tests/layout_probe.py)."""

from __future__ import annotations

from collections.abc import Callable

#: Parameters that take a key of the model rather than free text.
KEYS = {"column": "must_protect", "to_stage": "pilot", "kind": "protected", "lane": None}


def dialog_arguments(doc, parent, lib, text: Callable[[str], str]) -> dict[str, object]:
    """A value for each parameter type a dialog takes, from the open workshop; ``text(role)``
    gives the text for each role ("name", "question", "team", "field", "value")."""
    from tension_desktop.store import covenant, premortem, session

    wid = doc.workshop_id
    participants, initiatives = doc.participants(), doc.initiatives()
    return {
        "str": text("name"), "bool": False, "dt.date | None": None, "set[str] | None": None,
        "QWidget | None": parent, "WorkshopDocument": doc,
        "list[str] | None": [text("question")], "list[str]": [text("team")],
        "list[Participant]": participants, "Participant | None": participants[0],
        "Initiative": initiatives[0], "Initiative | None": initiatives[0],
        "list[Lane]": premortem.lanes(lib, wid), "Risk": premortem.list_risks(lib, wid)[0],
        "Risk | None": premortem.list_risks(lib, wid)[0], "int | None": participants[0].id,
        "CovenantItem | None": covenant.list_items(lib, wid)[0],
        "EscalationThreshold | None": covenant.list_thresholds(lib, wid)[0],
        "DecisionRight | None": covenant.list_decisions(lib, wid)[0],
        "AgendaPhase | None": session.list_phases(lib, wid)[0],
        "list[tuple[str, str]]": [(text("field"), text("value"))], "list[Candidate]": [],
    }


def dialog_classes() -> list[type]:
    """Every QDialog subclass of the app (each gui module imported first)."""
    import importlib
    import pkgutil

    from PySide6.QtWidgets import QDialog

    import tension_desktop.gui as gui

    for m in pkgutil.walk_packages(gui.__path__, gui.__name__ + "."):
        importlib.import_module(m.name)

    def below(cls: type):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    return sorted({c for c in below(QDialog) if c.__module__.startswith("tension_desktop.")},
                  key=lambda c: (c.__module__, c.__name__))
