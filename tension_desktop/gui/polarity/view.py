"""The polarity map's screen: the private round of voices, the reveal under the poles, the
2x2 with its action steps and early warnings, and the anti-pattern warnings.

The private round uses the shared :class:`~tension_desktop.gui.turns.PrivateRound`
(exercise ``polarity``): during a turn only that person's own answers are on screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model.covenant import normal_text
from tension_desktop.model.polarity import (
    FEAR_QUESTION,
    POLES,
    PRESERVE_QUESTION,
    SHARE_QUESTION,
    SHARE_STEP,
    PolarityItem,
    PolarityVoice,
    anti_patterns,
    share_summary,
    voices_by_pole,
)
from tension_desktop.model.rules import LENGTHS
from tension_desktop.store import covenant, rounds
from tension_desktop.store import polarity as store
from tension_desktop.store.changes import Changes
from tension_desktop.store.tension_map import AXIS_LABELS_KEY

from ..document import WorkshopDocument
from ..exercise_view import ExerciseView
from ..forms import open_form
from ..plain import plain_label
from ..theme import for_screen
from ..turns import PrivateRound
from ..widgets import big_button, heading
from . import edits
from .chart import PolarityChart
from .dialogs import ItemDialog, PolesDialog

EXERCISE = "polarity"
#: what the screen draws: the map, the voices, the owners, the thresholds made from warnings
TABLES = (edits.ITEMS, edits.VOICES, rounds.KIND, "participants", "thresholds")


class VoiceForm(QWidget):
    """A turn: what I preserve, what I fear, which side I speak for, the share of attention."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("polarityVoiceForm")
        self.preserve = QPlainTextEdit()
        self.preserve.setObjectName("voicePreserve")
        self.fear = QPlainTextEdit()
        self.fear.setObjectName("voiceFear")
        for edit in (self.preserve, self.fear):  # three lines or so, on every screen
            edit.setStyleSheet(for_screen("font-size: 15pt; min-height: 96px;"))
        self.pole_group = QButtonGroup(self)
        self.pole_btns: dict[str, QPushButton] = {}
        self.share_group = QButtonGroup(self)
        self.share_btns: dict[int, QPushButton] = {}
        self.side_label = plain_label("I speak mostly for:")
        self.share_label = plain_label()
        self.share_label.setWordWrap(True)
        poles_row = QHBoxLayout()
        for pole in POLES:
            b = big_button("", name=f"voicePole_{pole}")
            b.setCheckable(True)
            self.pole_group.addButton(b)
            self.pole_btns[pole] = b
            poles_row.addWidget(b)
        poles_row.addStretch(1)
        shares = QHBoxLayout()
        shares.setSpacing(4)
        for value in range(0, 101, SHARE_STEP):
            b = big_button(str(value), name=f"voiceShare_{value}")
            b.setCheckable(True)
            self.share_group.addButton(b, value)
            self.share_btns[value] = b
            shares.addWidget(b)
        self.save_btn = big_button("Save my answers", primary=True, name="saveVoice")
        grid = QGridLayout(self)
        grid.addWidget(plain_label(PRESERVE_QUESTION + ":"), 0, 0)
        grid.addWidget(self.preserve, 1, 0)
        grid.addWidget(plain_label(FEAR_QUESTION + ":"), 0, 1)
        grid.addWidget(self.fear, 1, 1)
        grid.addWidget(self.side_label, 2, 0)
        grid.addLayout(poles_row, 3, 0)
        grid.addWidget(self.share_label, 2, 1)
        grid.addLayout(shares, 3, 1)
        grid.addWidget(self.save_btn, 4, 1, Qt.AlignmentFlag.AlignRight)

    def set_poles(self, poles: dict[str, str]) -> None:
        for pole, b in self.pole_btns.items():
            b.setText(poles[pole])
        self.share_label.setText(SHARE_QUESTION.format(pole=poles["a"]) + f" (the rest goes to {poles['b']})")

    def clear(self) -> None:
        self.preserve.setPlainText("")
        self.fear.setPlainText("")
        for group in (self.pole_group, self.share_group):
            group.setExclusive(False)
            for b in group.buttons():
                b.setChecked(False)
            group.setExclusive(True)

    def show_voice(self, voice: PolarityVoice | None) -> None:
        self.clear()
        if voice is None:
            return
        self.preserve.setPlainText(voice.preserve)
        self.fear.setPlainText(voice.fear)
        if voice.pole:
            self.pole_btns[voice.pole].setChecked(True)
        if voice.share_a is not None and voice.share_a in self.share_btns:
            self.share_btns[voice.share_a].setChecked(True)

    def voice(self, participant_id: int) -> PolarityVoice:
        pole = next((p for p, b in self.pole_btns.items() if b.isChecked()), "")
        share = self.share_group.checkedId()
        return PolarityVoice(participant_id=participant_id,
                             preserve=self.preserve.toPlainText().strip()[: LENGTHS["polarity_voices.preserve"]],
                             fear=self.fear.toPlainText().strip()[: LENGTHS["polarity_voices.fear"]],
                             pole=pole, share_a=share if share >= 0 else None)

    def is_blank(self) -> bool:
        return not (self.preserve.toPlainText().strip() or self.fear.toPlainText().strip()
                    or self.pole_group.checkedButton() or self.share_group.checkedButton())


class PolarityView(ExerciseView):
    """The polarity map tab."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(doc, parent)
        self.lib, self.wid = doc.lib, doc.workshop_id
        self.setObjectName("polarityView")
        self.dialog = None
        self.private = PrivateRound(doc, EXERCISE, self, kind=edits.VOICES, action="answers", verb="answering",
                                    hint="Only your own answers are shown.", reveal_text="Reveal the voices",
                                    remaining=self._remaining, reset_view=self._reset_turn_view)
        self.controller = self.private.controller
        self.title = heading("")
        self.title.setObjectName("polarityTitle")
        self.poles_btn = big_button("Name the poles…", name="namePoles")
        self.poles_btn.clicked.connect(self.name_poles)
        self.private_btn = big_button("Private round: preserve and fear", primary=True, name="startPolarityRound")
        self.private_btn.clicked.connect(lambda: self.private.start())
        self.reveal_btn = big_button("Reveal the voices", primary=True, name="revealVoices")
        self.reveal_btn.clicked.connect(lambda: self.private.reveal())
        self.private.start_button, self.private.reveal_button = self.private_btn, self.reveal_btn
        self.status = plain_label()
        self.status.setObjectName("polarityStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.form = VoiceForm()
        self.form.save_btn.clicked.connect(self.save_voice)
        self.chart = PolarityChart()
        self.chart.cellTapped.connect(self.add_item)
        self.chart.itemTapped.connect(self.edit_item)
        self.chart.chipTapped.connect(self.to_covenant)
        self.chart.moreTapped.connect(self.show_cell)
        # the side panel: anti-pattern warnings, then the revealed voices under their poles
        self.warnings = plain_label()
        self.warnings.setObjectName("polarityWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings.setStyleSheet(for_screen("background: #fff4dc; border: 2px solid #b7791f; border-radius: 8px;"
                                               "padding: 8px; font-size: 13pt;"))
        self.voices_box = QWidget()
        self.voices_layout = QVBoxLayout(self.voices_box)
        self.voices_layout.setContentsMargins(0, 0, 0, 0)
        self.voice_cards: dict[int, QLabel] = {}
        side_inner = QWidget()
        side_col = QVBoxLayout(side_inner)
        side_col.addWidget(self.warnings)
        side_col.addWidget(self.voices_box)
        side_col.addStretch(1)
        self.side = QScrollArea()
        self.side.setObjectName("polaritySide")
        self.side.setWidgetResizable(True)
        self.side.setFrameShape(QFrame.Shape.NoFrame)
        self.side.setWidget(side_inner)
        self.side.setMinimumWidth(300)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        self.csv_btn = big_button("Export as CSV…", name="polarityCsv")
        self.csv_btn.clicked.connect(self.export_csv)
        top.addWidget(self.csv_btn)
        top.addWidget(self.poles_btn)
        top.addWidget(self.private_btn)
        top.addWidget(self.reveal_btn)
        body = QHBoxLayout()
        body.addWidget(self.chart, 2)
        body.addWidget(self.side, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.private.bar)
        layout.addWidget(self.private.note)
        layout.addWidget(self.status)
        layout.addWidget(self.form)
        layout.addLayout(body, 1)
        self.private.overlay.raise_()
        self.controller.changed.connect(self.refresh)
        self.refresh()
        self.private.note.refresh()

    def shows(self, changes: Changes) -> bool:
        """The map, its voices and owners, the thresholds its warnings became, the poles' names
        (their own, or the tension map's axes)."""
        return changes.touches(*TABLES) or changes.touches_setting(store.POLES_KEY, AXIS_LABELS_KEY)

    # -- the private round ----------------------------------------------------------------------
    def _remaining(self, pid: int) -> str:
        saved = store.voice_of(self.lib, self.wid, pid)
        if saved is None:
            return "Your answers are not saved yet"
        if not self.form.is_blank() and self.form.voice(pid) != PolarityVoice(
                participant_id=pid, preserve=saved.preserve, fear=saved.fear, pole=saved.pole, share_a=saved.share_a):
            return "Your latest changes are not saved yet"
        missing = saved.missing()
        return f"{len(missing)} question{'s' * (len(missing) != 1)} not answered yet" if missing else ""

    def _reset_turn_view(self) -> None:
        self.form.clear()
        pid = self.controller.current
        if pid is not None:
            self.form.show_voice(store.voice_of(self.lib, self.wid, pid))

    def save_voice(self) -> None:
        pid = self.controller.current
        if pid is None or not self.controller.in_turn:
            return
        voice = self.form.voice(pid)
        saved = store.voice_of(self.lib, self.wid, pid)
        if saved is not None and (saved.preserve, saved.fear, saved.pole, saved.share_a) == \
                (voice.preserve, voice.fear, voice.pole, voice.share_a):
            return
        edits.save_voice(self.doc, voice)

    # -- the map --------------------------------------------------------------------------------
    def _open(self, dialog, on_accept) -> None:
        open_form(self, dialog, lambda: on_accept(dialog))

    def name_poles(self) -> None:
        self._open(PolesDialog(store.poles(self.lib, self.wid), self),
                   lambda d: d.values() != store.poles(self.lib, self.wid)
                   and edits.rename_poles(self.doc, d.values()))

    def add_item(self, pole: str, kind: str) -> None:
        if self.controller.active:
            return
        dlg = ItemDialog(pole, kind, store.poles(self.lib, self.wid), self.doc.participants(), parent=self)
        self._open(dlg, lambda d: edits.add_item(
            self.doc, PolarityItem(pole=pole, kind=kind, text=d.values()[0], owner_id=d.values()[1])))

    def edit_item(self, item_id: int) -> None:
        if self.controller.active:
            return
        item = store.get_item(self.lib, item_id)
        dlg = ItemDialog(item.pole, item.kind, store.poles(self.lib, self.wid), self.doc.participants(), item, self)

        def done(d: ItemDialog) -> None:
            if d.delete_requested:
                edits.remove_item(self.doc, item_id)
            elif d.values() != (item.text, item.owner_id if item.kind in ("action", "warning") else None):
                edits.edit_item(self.doc, item_id, *d.values())
        self._open(dlg, done)

    def show_cell(self, pole: str, kind: str) -> None:
        """Every entry of a cell that holds more than fit: tap one to edit it."""
        from .dialogs import CellDialog

        items = [i for i in store.list_items(self.lib, self.wid) if (i.pole, i.kind) == (pole, kind)]
        dlg = CellDialog(pole, kind, store.poles(self.lib, self.wid), items, self)
        self._open(dlg, lambda d: d.chosen is not None and QTimer.singleShot(0, lambda c=d.chosen: self.edit_item(c)))

    def to_covenant(self, item_id: int) -> None:
        if not self.controller.active:
            edits.warning_to_threshold(self.doc, item_id)

    def in_covenant(self) -> set[int]:
        """Early warnings whose text is already a threshold's metric."""
        metrics = {normal_text(t.metric) for t in covenant.list_thresholds(self.lib, self.wid)}
        return {i.id for i in store.list_items(self.lib, self.wid)
                if i.kind == "warning" and normal_text(i.text) in metrics}

    def export_csv(self) -> Path | None:
        """*Export as CSV…*: the exercise through the one CSV writer."""
        from tension_desktop.export.exercise_csv import write_polarity_csv

        from ..output import export_csv

        return export_csv(self, "Export as CSV", "polarity.csv", lambda path: write_polarity_csv(self.lib, self.wid, path))

    # -- drawing --------------------------------------------------------------------------------
    def refresh(self) -> None:
        poles = store.poles(self.lib, self.wid)
        running, turn = self.controller.active, self.controller.in_turn
        hidden = rounds.is_hidden(self.lib, self.wid, EXERCISE)
        self.title.setText(f"Polarity map: {poles['a']} and {poles['b']}")
        self.form.set_poles(poles)
        self.form.setVisible(turn)
        if turn and self.form.is_blank():
            self.form.show_voice(store.voice_of(self.lib, self.wid, self.controller.current))
        for b in (self.poles_btn, self.private_btn, self.csv_btn):
            b.setVisible(not running)
        self.reveal_btn.setVisible(not running and hidden)
        self.chart.setVisible(not turn)
        self.side.setVisible(not turn)
        items = store.list_items(self.lib, self.wid)
        owners = {p.id: p.name for p in self.doc.participants()}
        self.chart.set_data(poles, items, self.in_covenant(), owners)
        voices = [] if (running or hidden) else store.list_voices(self.lib, self.wid)
        if running or hidden:
            answered = len(store.list_voices(self.lib, self.wid))
            self.status.setText(f"Private round: {answered} of {len(owners)} have answered. "
                                "The voices stay hidden until the reveal.")
        else:
            summary = share_summary(voices)
            self.status.setText("Tap a box to add to it; tap an entry to edit it; ⚑ Covenant makes an early "
                                "warning a threshold draft." + (
                                    f"  Attention for {poles['a']}: median {summary[0]} % "
                                    f"(from {summary[1]} to {summary[2]})." if summary else ""))
        found = anti_patterns(items, voices, poles)
        self.warnings.setText("\n\n".join(f"⚠ {a.title}. {a.why}\nFrom your answers: " +
                                          "; ".join(f"“{e}”" for e in a.evidence[:3]) for a in found))
        self.warnings.setVisible(bool(found))
        self._show_voices(voices, poles, owners)

    def _show_voices(self, voices: list[PolarityVoice], poles: dict[str, str], owners: dict[int, str]) -> None:
        while self.voices_layout.count():
            w = self.voices_layout.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.voice_cards = {}
        if not voices:
            return
        for pole, group in voices_by_pole(voices).items():
            if not group:
                continue
            title = heading(f"Speaking for {poles[pole]}" if pole else "Speaking for both", sub=True)
            self.voices_layout.addWidget(title)
            title.show()
            for v in group:
                card = plain_label(f"{owners.get(v.participant_id, '?')}\nPreserve: {v.preserve or '—'}\n"
                              f"Fear: {v.fear or '—'}")
                card.setObjectName("voiceCard")
                card.setTextFormat(Qt.TextFormat.PlainText)
                card.setWordWrap(True)
                card.setStyleSheet(for_screen("background: #f0f4f8; border-radius: 8px; padding: 8px; font-size: 13pt;"))
                self.voices_layout.addWidget(card)
                card.show()  # a layout shows a new child only later: the reveal is on screen now
                self.voice_cards[v.participant_id] = card
