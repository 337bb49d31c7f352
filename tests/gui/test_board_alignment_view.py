"""Alignment view, card text wrapping and PNG export; assertions read the store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from tension_desktop.gui.board import BoardWidget
from tension_desktop.gui.board.items import block_lines
from tension_desktop.store import board
from tension_desktop.store.demo import BOARD


@pytest.fixture
def demo_board(qtbot, doc):
    widget = BoardWidget(doc)
    widget.resize(790, 580)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_alignment_lists_hidden_conflicts_first_with_the_split_and_who_said_what(qtbot, demo_board):
    w = demo_board
    qtbot.mouseClick(w.align_btn, Qt.MouseButton.LeftButton)
    assert w.pages.currentWidget() is w.alignment
    rows = list(w.alignment.rows.values())
    assert len(rows) == len(BOARD)
    flags = [r.split.hidden_conflict for r in rows]
    assert flags == sorted(flags, reverse=True) and flags[0]
    first = rows[0]
    from PySide6.QtWidgets import QLabel

    split = first.findChild(QLabel, "splitLabel").text()
    assert split == first.split.label and split.startswith("Must protect ")
    who = first.findChild(QLabel, "who_must_protect").text()
    card = first.split.cards_in("must_protect")[0]
    assert card.rationale in who
    assert first.findChild(QLabel, "conflictBadge") is not None


def test_agreeing_an_element_is_stored_and_undoable(qtbot, demo_board):
    w = demo_board
    w.show_page("alignment")
    eid, row = next(iter(w.alignment.rows.items()))
    qtbot.mouseClick(row.buttons["must_protect"], Qt.MouseButton.LeftButton)
    assert board.get_element(w.doc.lib, eid).agreed_column == "must_protect"
    # the view was rebuilt from the store and shows it agreed
    assert w.alignment.rows[eid].buttons["must_protect"].isChecked()
    qtbot.mouseClick(w.alignment.rows[eid].buttons["can_flex"], Qt.MouseButton.LeftButton)
    assert board.get_element(w.doc.lib, eid).agreed_column == "can_flex"
    w.doc.undo_stack.undo()
    assert board.get_element(w.doc.lib, eid).agreed_column == "must_protect"
    w.doc.undo_stack.undo()
    assert board.get_element(w.doc.lib, eid).agreed_column is None
    w.doc.undo_stack.redo()
    assert board.get_element(w.doc.lib, eid).agreed_column == "must_protect"
    # tapping the agreed column again clears it
    qtbot.mouseClick(w.alignment.rows[eid].buttons["must_protect"], Qt.MouseButton.LeftButton)
    assert board.get_element(w.doc.lib, eid).agreed_column is None


HARD_TEXTS = [
    ("200 characters", ("Keep the EU data residency promise for all metering data, including backups, "
                        "logs and the analytics copies, while the usage-based pricing pilot runs in three "
                        "regions with our anchor customers")[:200]),
    ("a 60-letter word", "Datenschutz" + "grundverordnungskonformitätsprüfungsverfahren" + "sordnung"),
    ("Greek", "Διατήρηση της διαθεσιμότητας του συστήματος τιμολόγησης στο 99,9% κατά τη μετάβαση"),
    ("Cyrillic", "Сохранить резидентность данных в ЕС для всех данных учёта во время пилотного проекта"),
    ("CJK", "在试点期间保持欧盟数据驻留，包括备份、日志和分析副本，不得有任何例外情况发生"),
    ("Arabic", "الحفاظ على إقامة البيانات في الاتحاد الأوروبي لجميع بيانات القياس أثناء التجربة"),
]


@pytest.mark.parametrize("label,text", HARD_TEXTS, ids=[t[0] for t in HARD_TEXTS])
def test_card_text_wraps_whole_inside_the_card_with_no_cut_off(qtbot, doc, label, text):
    doc.call(board.add_elements, doc.workshop_id, [text], None)
    w = BoardWidget(doc)
    w.set_scope(None)
    w.resize(790, 580)  # a narrow board: the hardest case
    w.show()
    qtbot.waitExposed(w)
    eid = board.elements_for(doc.lib, doc.workshop_id, None)[0].id
    for column in ("to_sort", "must_protect"):
        if column == "must_protect":
            w.move(eid, w.sorter, "must_protect", 0, "why")
        item = next(i for i in w.canvas.cards_in(column) if i.element_id == eid)
        lines = block_lines(item.block)
        assert "".join(t for t, _ in lines) == text, f"{label}: every character is laid out"
        assert all(width <= item.text_width + 0.5 for _, width in lines), f"{label}: no line is wider than the card"
        if len(text) == 200:
            assert len(lines) > 2
        assert item.card_h >= item.block.height + 2 * 10  # the card is as tall as its lines
        col = w.canvas.columns[column].rect
        card = item.sceneBoundingRect()
        assert col.left() <= card.left() and card.right() <= col.right(), "the card stays inside its column"
        # no word broken in the middle unless it alone is wider than the card
        for (line, _w), (nxt, _w2) in zip(lines, lines[1:], strict=False):
            if line and nxt and line[-1].isalpha() and nxt[0].isalpha() and " " in text:
                assert label in ("CJK", "a 60-letter word"), f"{label}: a word was split: {line!r}|{nxt!r}"


def test_columns_take_the_full_height(qtbot, demo_board):
    w = demo_board
    h = w.canvas.viewport().height()
    for col in w.canvas.columns.values():
        assert col.rect.bottom() >= h - 10


def test_export_png_of_the_board_and_of_the_alignment(qtbot, demo_board, tmp_path):
    w = demo_board
    path = w.export_png(tmp_path / "board.png")
    img = QImage(str(path))
    assert not img.isNull() and img.width() >= 700 and img.height() >= 400
    w.show_page("alignment")
    qtbot.wait(50)
    img2 = QImage(str(w.export_png(tmp_path / "alignment.png")))
    assert not img2.isNull() and img2.height() > img.height()  # the whole list, not only what is on screen
