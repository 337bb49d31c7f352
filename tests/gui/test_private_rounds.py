"""One contract for every private exercise (map, board, dot vote, pulse), tested the same way.

While it is someone's turn the screen shows only that person's inputs; the next person
can neither see, undo nor move them; undo texts name nothing of an earlier turn; the view
starts fresh for each person; what must not be touched is locked; a new round starts
empty and the earlier one is kept; the reveal shows exactly the round's inputs.
Real clicks, drags and key presses on a real window; assertions on the SQLite file.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from tension_desktop.model.board import COLUMNS
from tension_desktop.store import board, people, premortem, rounds
from tension_desktop.store import session as session_store
from tension_desktop.store import tension_map as map_store
from tests.gui.private import pass_on
from tests.gui.shell import click, make_window, show_header
from tests.input import mouse_drag


class MapExercise:
    key, exercise = "tension_map", "tension_map"

    def open(self, qtbot, window):
        window.workshop_view.open_exercise(self.key)
        w = window.workshop_view.exercise_widgets[self.key]
        qtbot.waitExposed(w)
        w.view.fit_all()
        return w

    def start(self, qtbot, w):
        click(qtbot, w.private_btn)

    def act(self, qtbot, w, n: int = 0):
        from tests.gui.test_tension_map import at, chip_point

        iid = w.doc.initiatives()[n].id
        mouse_drag(qtbot, w.view.viewport(), chip_point(w, iid), at(w, 0.2 + 0.15 * n, 0.3 + 0.1 * n))

    def shown(self, w) -> set[int]:
        return {pid for (_iid, pid, _rnd) in w.map.cards if pid is not None}

    def stored(self, w) -> dict[int, list]:
        out: dict[int, list] = {}
        for p in map_store.list_placements(w.doc.lib, w.doc.workshop_id, ("private", "revealed")):
            out.setdefault(p.participant_id, []).append((p.initiative_id, round(p.x, 3), round(p.y, 3)))
        return out

    def stir_view(self, qtbot, w):
        """Leave the view as a person might: tray on its last page, zoomed in."""
        w.view.tray_page = 99
        w.view.place_tray()
        w.view.zoom_by(2.0)

    def view_is_fresh(self, w) -> bool:
        return w.view.tray_page == 0 and w.chip.participant_id == w.controller.current


class BoardExercise:
    key, exercise = "board", "board"

    def open(self, qtbot, window):
        doc = window.doc
        doc.call(board.add_elements, doc.workshop_id, ["EU data residency", "Launch in Q2", "Vendor choice"], None)
        window.workshop_view.open_exercise(self.key)
        w = window.workshop_view.exercise_widgets[self.key]
        w.set_scope(None)
        qtbot.waitExposed(w)
        w.refresh()
        return w

    def start(self, qtbot, w):
        click(qtbot, w.private_btn)

    def act(self, qtbot, w, n: int = 0):
        from tests.gui.test_board_sorting import column_point, to_sort_item

        text = ["EU data residency", "Launch in Q2", "Vendor choice"][n]
        item = to_sort_item(w, text)
        mouse_drag(qtbot, w.canvas.viewport(), w.canvas.mapFromScene(item.sceneBoundingRect().center()),
                   column_point(w, "must_protect", 400))
        dlg = w.dialog
        qtbot.keyClicks(dlg.why, "because")
        qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    def shown(self, w) -> set[int]:
        return {i.participant_id for col in COLUMNS for i in w.canvas.cards_in(col)}

    def stored(self, w) -> dict[int, list]:
        out: dict[int, list] = {}
        for c in board.cards_for(w.doc.lib, w.doc.workshop_id, None):
            out.setdefault(c.participant_id, []).append((c.element_id, c.column, c.rationale))
        return out

    def stir_view(self, qtbot, w):
        click(qtbot, w.everyone_btn) if w.everyone_btn.isVisible() else None
        w.canvas.scale(1.5, 1.5)
        w.canvas.verticalScrollBar().setValue(w.canvas.verticalScrollBar().maximum())

    def view_is_fresh(self, w) -> bool:
        return (w.canvas.transform().m11() == pytest.approx(w.canvas.whiteboard_scale)
                and w.canvas.verticalScrollBar().value() == 0 and w.sorter == w.turns.current)


class DotVoteExercise:
    key, exercise = "premortem", "premortem_vote"

    def open(self, qtbot, window):
        window.workshop_view.open_exercise(self.key)
        w = window.workshop_view.exercise_widgets[self.key]
        qtbot.waitExposed(w)
        return w

    def start(self, qtbot, w):
        click(qtbot, w.vote_btn)

    def _risks(self, w):
        return [r.id for r in premortem.list_cards(w.doc.lib, w.doc.workshop_id, w.initiative_id)]

    def act(self, qtbot, w, n: int = 0):
        card = w.cards[self._risks(w)[n]]
        r = card.sceneBoundingRect()
        pos = w.view.mapFromScene(r.center().x(), r.top() + 30)
        qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)

    def shown(self, w) -> set[int]:
        by_colour = {p.colour: p.id for p in w.doc.participants()}
        return {by_colour[c] for card in w.cards.values() for c in card.dots}

    def stored(self, w) -> dict[int, list]:
        out: dict[int, list] = {}
        for v in premortem.list_votes(w.doc.lib, w.doc.workshop_id, w.initiative_id, fold=False):
            out.setdefault(v.participant_id, []).append((v.risk_id, v.dots))
        return out

    def stir_view(self, qtbot, w):
        w.view.scale(1.7, 1.7)
        w.view.verticalScrollBar().setValue(w.view.verticalScrollBar().maximum())

    def zoom(self, w) -> float:
        return w.view.transform().m11()

    def view_is_fresh(self, w) -> bool:
        return w.view.verticalScrollBar().value() == 0


class PulseExercise:
    key, exercise = "closing", "pulse"

    def open(self, qtbot, window):
        window.workshop_view.open_exercise(self.key)
        closing = window.workshop_view.exercise_widgets[self.key]
        click(qtbot, closing.pulse_btn)
        dlg = closing.pulse_dialog
        qtbot.waitExposed(dlg)
        return dlg.view

    def start(self, qtbot, w):
        click(qtbot, w.start_btn)

    def act(self, qtbot, w, n: int = 0):
        for key, value in zip(("rationale", "fairness", "escalation"), (2 + n, 3, 4 + n % 2), strict=True):
            click(qtbot, w.groups[key].button(value))

    def shown(self, w) -> set[int]:
        mine = any(g.checkedId() > 0 for g in w.groups.values()) and w.rating.isVisible()
        return ({w.controller.current} if mine else set()) | ({-1} if w.summary.text() else set())

    def stored(self, w) -> dict[int, list]:
        return {p.participant_id: [(p.rationale, p.fairness, p.escalation)]
                for p in session_store.list_pulse(w.doc.lib, w.doc.workshop_id)}

    def stir_view(self, qtbot, w):
        click(qtbot, w.groups["rationale"].button(1))  # half-answered, then handed on

    def view_is_fresh(self, w) -> bool:
        return all(g.checkedId() <= 0 for g in w.groups.values())


class PolarityExercise:
    key, exercise = "polarity", "polarity"

    def open(self, qtbot, window):
        window.workshop_view.open_exercise(self.key)
        w = window.workshop_view.exercise_widgets[self.key]
        qtbot.waitExposed(w)
        return w

    def start(self, qtbot, w):
        click(qtbot, w.private_btn)

    def act(self, qtbot, w, n: int = 0):
        form = w.form
        qtbot.mouseClick(form.preserve.viewport(), Qt.MouseButton.LeftButton)
        qtbot.keyClicks(form.preserve, f"Dispatch that works {n}")
        qtbot.mouseClick(form.fear.viewport(), Qt.MouseButton.LeftButton)
        qtbot.keyClicks(form.fear, "We launch faster than we can support")
        click(qtbot, form.pole_btns["ab"[n % 2]])
        click(qtbot, form.share_btns[30 + 10 * n])
        click(qtbot, form.save_btn)

    def shown(self, w) -> set[int]:
        out = {pid for pid, card in w.voice_cards.items() if card.isVisible()}
        if w.form.isVisible() and not w.form.is_blank():
            out.add(w.controller.current)
        return out

    def stored(self, w) -> dict[int, list]:
        from tension_desktop.store import polarity

        return {v.participant_id: [(v.preserve, v.fear, v.pole, v.share_a)]
                for v in polarity.list_voices(w.doc.lib, w.doc.workshop_id)}

    def stir_view(self, qtbot, w):
        qtbot.keyClicks(w.form.preserve, "half a thought, not saved")  # typed, then handed on

    def view_is_fresh(self, w) -> bool:
        return w.form.is_blank()


class AllocationExercise:
    key, exercise = "allocation", "allocation"

    def open(self, qtbot, window):
        window.workshop_view.open_exercise(self.key)
        w = window.workshop_view.exercise_widgets[self.key]
        qtbot.waitExposed(w)
        return w

    def start(self, qtbot, w):
        click(qtbot, w.private_btn)

    def act(self, qtbot, w, n: int = 0):
        form = w.form
        for _ in range(n + 1):  # more innovation, less operations: still 100 %
            click(qtbot, form.portfolio.plus["innovate"])
            click(qtbot, form.portfolio.minus["operate"])
        click(qtbot, form.scheme_btns["exec"])
        click(qtbot, form.scope_btns["business unit"])
        click(qtbot, form.time[("exec", "time_now")].plus["execution"])
        click(qtbot, form.time[("exec", "time_now")].minus["innovation"])
        click(qtbot, form.save_btn)

    def shown(self, w) -> set[int]:
        by_name = {p.name: p.id for p in w.doc.participants()}
        out = {by_name[label] for label, _s, _b in w.bars.rows if label in by_name} if w.body.isVisible() else set()
        if w.form.isVisible() and w.form.portfolio.values != store_target(w):
            out.add(w.controller.current)
        return out

    def stored(self, w) -> dict[int, list]:
        from tension_desktop.store import allocation

        out: dict[int, list] = {}
        for s in allocation.list_splits(w.doc.lib, w.doc.workshop_id):
            out.setdefault(s.participant_id, []).append((s.kind, s.scheme, s.scope, sorted(s.shares.items())))
        return out

    def stir_view(self, qtbot, w):
        click(qtbot, w.form.portfolio.plus["improve"])  # changed, not saved, then handed on

    def view_is_fresh(self, w) -> bool:
        return w.form.portfolio.values == store_target(w)


def store_target(w) -> dict:
    from tension_desktop.store import allocation

    return allocation.target(w.doc.lib, w.doc.workshop_id)




class _StructureStep:
    """A step of the constraint diagnosis (its tab holds three private rounds)."""

    key, step = "structure", 0

    def open(self, qtbot, window):
        window.workshop_view.open_exercise(self.key)
        tab = window.workshop_view.exercise_widgets[self.key]
        qtbot.waitExposed(tab)
        click(qtbot, tab.step_buttons[self.step])
        return tab.steps[self.step]

    def start(self, qtbot, w):
        click(qtbot, w.start_btn)


class BlockersExercise(_StructureStep):
    exercise, step = "structure_blockers", 0

    def act(self, qtbot, w, n: int = 0):
        qtbot.keyClicks(w.entry, ["Sales paid on volume, Ops on margin", "Nobody may stop a release"][n % 2])
        click(qtbot, w.add_btn)

    def shown(self, w) -> set[int]:
        return {pid for pid in w.shown_owners if pid is not None}

    def stored(self, w) -> dict[int, list]:
        from tension_desktop.store import structure

        out: dict[int, list] = {}
        for b in structure.list_blockers(w.doc.lib, w.doc.workshop_id):
            out.setdefault(b.participant_id, []).append(b.text)
        return out

    def stir_view(self, qtbot, w):
        qtbot.keyClicks(w.entry, "half a thought")  # typed, never added, then handed on

    def view_is_fresh(self, w) -> bool:
        return w.entry.text() == ""


class SortExercise(_StructureStep):
    exercise, step = "structure_sort", 1

    def open(self, qtbot, window):
        from tension_desktop.store import structure

        doc = window.doc
        for text in ("Sales paid on volume, Ops on margin", "Nobody may stop a release"):
            doc.call(structure.add_blocker, doc.workshop_id, text, None)
        return super().open(qtbot, window)

    def act(self, qtbot, w, n: int = 0):
        from tension_desktop.store import structure

        bid = structure.list_blockers(w.doc.lib, w.doc.workshop_id)[n % 2].id
        click(qtbot, w.kind_groups[bid].button(n % 2))

    def shown(self, w) -> set[int]:
        return {pid for pid, _bid in w.shown_sorts}

    def stored(self, w) -> dict[int, list]:
        from tension_desktop.store import structure

        out: dict[int, list] = {}
        for s in structure.list_sorts(w.doc.lib, w.doc.workshop_id):
            out.setdefault(s.participant_id, []).append((s.blocker_id, s.kind, s.rationale))
        return out

    def stir_view(self, qtbot, w):
        w.scroll.verticalScrollBar().setValue(w.scroll.verticalScrollBar().maximum())

    def view_is_fresh(self, w) -> bool:
        return w.scroll.verticalScrollBar().value() == 0 and not w.shown_sorts


class ScoreExercise(_StructureStep):
    exercise, step = "structure_score", 2

    def act(self, qtbot, w, n: int = 0):
        for key, value in zip(("decision_authority", "feedback_loops", "accountability"), (2 + n, 3, 4), strict=True):
            click(qtbot, w.groups[key].button(value))

    def shown(self, w) -> set[int]:
        mine = any(g.checkedId() > 0 for g in w.groups.values()) and w.rating.isVisible()
        return ({w.controller.current} if mine else set()) | ({-1} if w.summary.text() else set())

    def stored(self, w) -> dict[int, list]:
        from tension_desktop.store import structure

        return {c.participant_id: [(c.decision_authority, c.feedback_loops, c.accountability)]
                for c in structure.list_scores(w.doc.lib, w.doc.workshop_id)}

    def stir_view(self, qtbot, w):
        click(qtbot, w.groups["feedback_loops"].button(1))  # half-rated, then handed on

    def view_is_fresh(self, w) -> bool:
        return all(g.checkedId() <= 0 for g in w.groups.values())


class OpeningExercise:
    """The opening round answered alone (in turns here; on phones in tests/gui/test_room_writing.py)."""

    key, exercise = "opening", "opening"

    def open(self, qtbot, window):
        window.workshop_view.open_exercise(self.key)
        w = window.workshop_view.exercise_widgets[self.key]
        qtbot.waitExposed(w)
        return w

    def start(self, qtbot, w):
        click(qtbot, w.round_btn)

    def act(self, qtbot, w, n: int = 0):
        qtbot.mouseClick(w.risk.viewport(), Qt.MouseButton.LeftButton)
        qtbot.keyClicks(w.risk, f"We copy too slowly {n}")
        qtbot.mouseClick(w.opportunity.viewport(), Qt.MouseButton.LeftButton)
        qtbot.keyClicks(w.opportunity, "Partners' data")
        click(qtbot, w.save_btn)

    def shown(self, w) -> set[int]:
        by_label = {p.label: p.id for p in w.doc.participants()}
        out = {by_label[lst.item(i).text().rsplit("\n— ", 1)[-1]]
               for lst in (w.risks, w.opportunities) for i in range(lst.count())}
        if w.risk.toPlainText() or w.opportunity.toPlainText():
            out.add(w.controller.current)
        return out

    def stored(self, w) -> dict[int, list]:
        return {pid: [a] for pid, a in session_store.list_opening(w.doc.lib, w.doc.workshop_id).items()}

    def stir_view(self, qtbot, w):
        qtbot.keyClicks(w.risk, "half a thought, not saved")  # typed, then handed on

    def view_is_fresh(self, w) -> bool:
        return not w.risk.toPlainText() and not w.opportunity.toPlainText()


#: every private round of the app (a test below checks none is missing)
EXERCISES = [MapExercise(), BoardExercise(), DotVoteExercise(), PulseExercise(), PolarityExercise(),
             AllocationExercise(), BlockersExercise(), SortExercise(), ScoreExercise(), OpeningExercise()]

#: private rounds held to their own tests, and why
ELSEWHERE = {
    # cards accumulate: a revealed round's cards stay pre-mortem cards, so "the reveal shows
    # exactly the round's inputs" does not apply; its hiding, undo scope, lock and reopen are
    # tested in tests/gui/test_room_writing.py
    "premortem_cards",
}


def test_every_private_round_of_the_app_is_held_to_this_contract():
    assert {e.exercise for e in EXERCISES} | ELSEWHERE == set(rounds.EXERCISES)


@pytest.fixture(params=EXERCISES, ids=[e.exercise for e in EXERCISES])
def setup(request, qtbot, demo_lib, tmp_path):
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    window.resize(1600, 1000)
    window.open_workshop(demo_lib.demo_id)
    ex = request.param
    w = ex.open(qtbot, window)
    return window, ex, w


def begin(qtbot, w):
    assert w.private.overlay.isVisible()
    qtbot.mouseClick(w.private.overlay.start_btn, Qt.MouseButton.LeftButton)
    assert not w.private.overlay.isVisible() and w.private.bar.isVisible()


def skip_rest(qtbot, w):
    while not w.private.controller.round.finished:
        qtbot.mouseClick(w.private.overlay.skip_btn, Qt.MouseButton.LeftButton)


def test_the_next_person_cannot_undo_see_or_move_the_previous_persons_inputs(qtbot, setup):
    window, ex, w = setup
    doc = w.doc
    first, second = [p.id for p in doc.participants()][:2]
    ex.start(qtbot, w)
    assert ex.shown(w) == set()
    begin(qtbot, w)
    ex.act(qtbot, w, 0)
    assert ex.shown(w) == {first}
    theirs = ex.stored(w)[first]
    assert doc.undo_stack.canUndo()  # a person may undo their own step
    pass_on(qtbot, w.private)
    # the hand-over closed the undo scope: nothing to undo or redo, and no text naming it
    group = QUndoGroup()
    group.addStack(doc.undo_stack)
    group.setActiveStack(doc.undo_stack)
    undo, redo = group.createUndoAction(group, "Undo"), group.createRedoAction(group, "Redo")
    assert not doc.undo_stack.canUndo() and not doc.undo_stack.canRedo()
    assert (doc.undo_stack.undoText(), doc.undo_stack.redoText()) == ("", "")
    assert (undo.text(), redo.text(), window.act_undo.text(), window.act_undo.isEnabled()) == \
        ("Undo", "Redo", "&Undo", False)
    assert ex.shown(w) == set()  # the hand-over screen shows nobody's input
    begin(qtbot, w)
    assert w.private.controller.current == second
    assert ex.shown(w) == set()  # the second person sees none of the first person's inputs
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Z: nothing of theirs
    ex.act(qtbot, w, 1)
    assert ex.shown(w) == {second}
    assert doc.undo_stack.count() >= 1
    names = {p.name for p in doc.participants()} | {p.role for p in doc.participants()}
    assert not any(n and n in doc.undo_stack.undoText() for n in names)
    doc.undo_stack.undo()  # undo takes back the second person's own step only
    assert ex.stored(w).get(first) == theirs and second not in ex.stored(w)
    doc.undo_stack.redo()
    assert ex.stored(w)[first] == theirs and ex.stored(w).get(second)


def test_each_person_starts_with_a_fresh_view_and_the_window_is_locked_during_a_turn(qtbot, setup):
    window, ex, w = setup
    view = window.workshop_view
    ex.start(qtbot, w)
    begin(qtbot, w)
    zoom = getattr(ex, "zoom", lambda _w: None)(w)
    ex.stir_view(qtbot, w)
    stray = QMessageBox(QMessageBox.Icon.Information, "Details", "an open dialog", parent=w)
    stray.open()
    # locked while a turn runs: other tabs, the way home, exports and imports
    here = view.tabs.currentIndex()
    assert [view.tabs.isTabEnabled(i) for i in range(view.tabs.count())] == \
        [i == here for i in range(view.tabs.count())]
    show_header(qtbot, view)  # a short window folds the tabs into a strip: open it, as the coach would
    bar = view.tabs.tabBar()  # the tabs the room taps are the flow bar's buttons: tap every other one
    assert len(bar.buttons) == view.tabs.count()
    for i, button in enumerate(bar.buttons):
        if i != here and button.isVisible():
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            assert view.tabs.currentIndex() == here, f"tab {view.tabs.tabText(i)!r} opened during a turn"
            qtbot.waitUntil(lambda b=button: not b.isEnabled(), timeout=2000)
    assert not view.home_btn.isEnabled()
    assert not any(a.isEnabled() for a in (window.act_export, window.act_import, window.act_new, window.act_home))
    assert not window.export_menu.isEnabled()
    text = pass_on(qtbot, w.private)  # nothing (or not all) done: the Done control says what is open
    assert "not" in text and "yet" in text
    assert not stray.isVisible()  # dialogs of the previous person are closed
    begin(qtbot, w)
    assert ex.view_is_fresh(w) and getattr(ex, "zoom", lambda _w: None)(w) == pytest.approx(zoom)
    pass_on(qtbot, w.private)
    skip_rest(qtbot, w)
    qtbot.mouseClick(w.private.overlay.start_btn, Qt.MouseButton.LeftButton)  # Reveal to everyone
    assert not w.private.controller.active
    assert all(view.tabs.isTabEnabled(i) for i in range(view.tabs.count()))
    assert view.home_btn.isEnabled() and window.act_export.isEnabled()


def test_a_new_round_starts_empty_keeps_the_old_one_and_marks_who_was_skipped(qtbot, setup):
    _window, ex, w = setup
    doc = w.doc
    lib, wid = doc.lib, doc.workshop_id
    first, second = [p.id for p in doc.participants()][:2]
    # round A: the first person's turn; everyone else skipped
    ex.start(qtbot, w)
    begin(qtbot, w)
    ex.act(qtbot, w, 0)
    pass_on(qtbot, w.private)
    skip_rest(qtbot, w)
    qtbot.mouseClick(w.private.overlay.start_btn, Qt.MouseButton.LeftButton)  # Reveal to everyone
    round_a = rounds.latest(lib, wid, ex.exercise, w.private.controller.scope())
    assert round_a.revealed and round_a.done == (first,) and second in round_a.skipped
    kept_a = rounds.round_inputs(lib, round_a.id)
    assert {e.participant_id for e in kept_a} == {first}
    # round B: the first person is skipped, the second one places
    ex.start(qtbot, w)
    assert ex.stored(w) == {}  # a new round starts empty
    qtbot.mouseClick(w.private.overlay.skip_btn, Qt.MouseButton.LeftButton)
    begin(qtbot, w)
    assert ex.shown(w) == set()
    ex.act(qtbot, w, 1)
    pass_on(qtbot, w.private)
    skip_rest(qtbot, w)
    qtbot.mouseClick(w.private.overlay.start_btn, Qt.MouseButton.LeftButton)
    # the reveal shows exactly round B's inputs: the skipped first person has no old positions
    assert set(ex.stored(w)) == {second}
    if ex.exercise not in ("pulse", "structure_score"):  # these show averages, never who gave what
        assert ex.shown(w) == {second}
    history = rounds.history(lib, wid, ex.exercise, w.private.controller.scope())
    round_b = history[-1]
    assert round_b.number == round_a.number + 1 and first in round_b.skipped and round_b.done == (second,)
    assert rounds.round_inputs(lib, round_a.id) == kept_a  # round A is kept as it was
    assert {e.participant_id for e in rounds.round_inputs(lib, round_b.id)} == {second}
    assert round_b.label == f"Round {round_b.number} (private, revealed)"
    # the screen says which round it shows and who was skipped
    first_name = doc.participants()[0].name
    said = {"tension_map": lambda: w.panel.status.text(), "pulse": lambda: w.status.text(),
            "structure_score": lambda: w.private.note.text()}.get(
        ex.exercise, lambda: w.private.note.text() if w.private.note.isVisible() else "")()
    assert f"round {round_b.number}" in said.lower() and "skipped" in said and first_name in said
    # one step undoes the reveal: hidden again, nobody's inputs on screen
    doc.undo_stack.undo()
    assert rounds.is_hidden(lib, wid, ex.exercise, w.private.controller.scope())
    assert ex.shown(w) == set() and w.private.overlay.isVisible()
    doc.undo_stack.redo()
    assert set(ex.stored(w)) == {second}


def test_the_pulse_shows_the_room_averages_and_spread_never_who_gave_what(qtbot, demo_lib, tmp_path):
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    window.open_workshop(demo_lib.demo_id)
    w = PulseExercise().open(qtbot, window)
    ps = people.list_participants(demo_lib, demo_lib.demo_id)
    click(qtbot, w.start_btn)
    for n, _p in enumerate(ps[:3]):
        begin(qtbot, w)
        for key, value in zip(("rationale", "fairness", "escalation"), (n + 2, 4, 5), strict=True):
            click(qtbot, w.groups[key].button(value))
        pass_on(qtbot, w.private)
    skip_rest(qtbot, w)
    qtbot.mouseClick(w.private.overlay.start_btn, Qt.MouseButton.LeftButton)
    text = w.summary.text()
    assert "average 3.0, spread 2-4" in text and "3 answers" in text
    assert not any(p.name in text or (p.role and p.role in text) for p in ps)
    assert "skipped" in w.status.text()


def test_during_a_session_the_whiteboard_loses_its_agenda_controls_and_the_coach_sees_progress_only(
        qtbot, setup):
    window, ex, w = setup
    view = window.workshop_view
    agenda = view.exercise_widgets["session"]
    if isinstance(ex, PulseExercise):
        w.window().accept()  # the pulse is opened again once the session runs
    view.tabs.setCurrentWidget(agenda)
    click(qtbot, agenda.editor.start_btn)
    wb, presenter = agenda.whiteboard, agenda.presenter
    controls = (wb.prev_btn, wb.pause_btn, wb.minus_btn, wb.plus_btn, wb.next_btn)
    assert not any(b.isHidden() for b in controls)
    if isinstance(ex, PulseExercise):
        w = ex.open(qtbot, window)
    else:
        view.tabs.setCurrentWidget(getattr(w, "tab", w))  # a step of a tab shows with its tab
    ex.start(qtbot, w)
    begin(qtbot, w)
    ex.act(qtbot, w, 0)
    first = w.doc.participants()[0]
    assert all(b.isHidden() for b in controls)  # the turn bar replaces them: nothing advances the agenda
    assert not presenter.next_btn.isEnabled() and not presenter.prev_btn.isEnabled()
    assert wb.coach_btn.isHidden()
    progress = presenter.progress.text()
    assert f"0 of {len(w.doc.participants())} done, {first.name} is {w.private.controller.verb}" in progress
    assert wb.progress.text().startswith("Private round: 0 of")
    # progress, never content: no initiative, element, risk or rating is named
    content = [i.title for i in w.doc.initiatives()] + ["EU data residency", "must_protect", "Must protect"]
    assert not any(c in progress or c in wb.progress.text() for c in content)
    pass_on(qtbot, w.private)
    assert "1 of" in presenter.progress.text()
    skip_rest(qtbot, w)
    qtbot.mouseClick(w.private.overlay.start_btn, Qt.MouseButton.LeftButton)
    assert not any(b.isHidden() for b in controls) and presenter.next_btn.isEnabled()
    agenda.end_session()


def test_a_workshop_reopened_mid_round_opens_on_that_round_locked(qtbot, setup):
    window, ex, w = setup
    ex.start(qtbot, w)
    begin(qtbot, w)
    wid = w.doc.workshop_id
    window.show_home()
    window.open_workshop(wid)
    view = window.workshop_view
    qtbot.waitUntil(lambda: window.doc.active_round() is not None)
    active = window.doc.active_round()
    assert active.exercise == ex.exercise and active.in_turn
    enabled = [i for i in range(view.tabs.count()) if view.tabs.isTabEnabled(i)]
    assert enabled == [view.tabs.currentIndex()] and not window.act_export.isEnabled()
