"""File → Export handouts: the menu entries of the covenant's exports.

A module of its own, with nothing but the actions: the menu is built with the window, while
the exports themselves (forms, file dialogs, PDF writers) load when one is chosen.
"""

from __future__ import annotations

from PySide6.QtGui import QAction


def add_menu_actions(window) -> list[QAction]:
    """File → Export handouts: the three covenant exports for the open workshop.

    The Covenant tab is built on first use, so the actions ask the workshop view for it
    when triggered; with no workshop open they are disabled."""
    menu = window.export_menu

    def run(method: str) -> None:
        view = getattr(window, "workshop_view", None)
        if getattr(window, "doc", None) is None or view is None:
            return
        getattr(view.exercise_widgets["covenant"].export, method)()

    actions = []
    for text, method, name in (("Covenant PDF (team)…", "export_team", "menuCovenantTeam"),
                               ("Covenant PDF, one per participant…", "export_each", "menuCovenantEach"),
                               ("Session report PDF…", "export_report", "menuSessionReport")):
        act = QAction(text, window)
        act.setObjectName(name)
        act.triggered.connect(lambda _c=False, m=method: run(m))
        menu.addAction(act)
        actions.append(act)

    def enable() -> None:
        for act in actions:
            act.setEnabled(getattr(window, "doc", None) is not None)

    menu.aboutToShow.connect(enable)
    return actions
