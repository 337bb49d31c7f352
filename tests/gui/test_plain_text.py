"""Whatever anyone types is shown as plain text on every screen: labels, tooltips, lists, scenes.

Every free-text field of the demo workshop (names, roles, titles, descriptions, board
elements and rationales, risks, covenant items, decisions, thresholds, commitments, agenda
phases, the map's labels) starts with markup. The home screen, the workshop and every
exercise screen are opened; then *every* widget, item model and graphics scene found is
checked generically, so a screen or widget added later is covered without changing this
test: nothing that holds the markup may be rendered as rich text.
"""

from __future__ import annotations

import ast
import json
import sqlite3
from pathlib import Path

from PySide6 import QtGui
from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGraphicsTextItem,
    QGraphicsView,
    QLabel,
    QMessageBox,
    QTabBar,
    QTextEdit,
    QWidget,
)

from tension_desktop.store import library_path
from tension_desktop.store import tension_map as map_store
from tests.gui.shell import click, make_window

MARKUP = '<b>MARK</b><img src="file:///etc/passwd"><a href="https://example.com/">link</a> '
#: What the markup shows when Qt renders it as rich text instead of literally.
RENDERED = "MARK\ufffclink"

#: Every free-text column of the workshop's tables (enums, dates, colours and JSON excluded).
FREE_TEXT = {
    "teams": ["name"], "workshops": ["title"], "participants": ["name", "role"],
    "initiatives": ["title", "description"], "board_elements": ["text"], "board_cards": ["rationale"],
    "risks": ["text", "mitigation"], "gate_decisions": ["evidence", "rollback"], "decisions": ["decision"],
    "covenant_items": ["text", "limit_text"], "thresholds": ["metric", "threshold", "lever"],
    "commitments": ["text"], "agenda_phases": ["title", "notes"],
    "opening_round": ["risk", "opportunity"],
}


def _mark_everything(lib) -> None:
    """Prefix every free-text value of the library with the markup (raw SQL, as an import could)."""
    conn = sqlite3.connect(library_path(lib.path.parent))
    try:
        for table, columns in FREE_TEXT.items():
            for column in columns:
                conn.execute(f"UPDATE {table} SET {column} = ? || {column}", [MARKUP])
        for row_id, prompts in conn.execute("SELECT id, prompts FROM agenda_phases").fetchall():  # JSON list
            marked = json.dumps([MARKUP + p for p in json.loads(prompts or "[]")])
            conn.execute("UPDATE agenda_phases SET prompts = ? WHERE id = ?", [marked, row_id])
        conn.commit()
    finally:
        conn.close()
    quadrants = map_store.quadrant_labels(lib, lib.demo_id)
    map_store.set_labels(lib, lib.demo_id, axes={"x": MARKUP + "x", "y": MARKUP + "y"},
                         quadrants={q: MARKUP + v for q, v in quadrants.items()},
                         governance={q: MARKUP + q for q in quadrants})


def _shows_markup_literally(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> bool:
    """Does a label/tooltip with ``text`` in format ``fmt`` show the markup as typed?"""
    if "<b>MARK" not in text:  # no raw markup: escaped (rich) text, or no user text at all
        return RENDERED not in text
    if fmt == Qt.TextFormat.PlainText:
        return True
    if fmt == Qt.TextFormat.RichText:
        return False
    return not QtGui.Qt.mightBeRichText(text)


def _model_problems(where: str, model, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    out = []
    for row in range(model.rowCount(parent)):
        try:
            columns = model.columnCount(parent)
        except TypeError:  # a list model: one column
            columns = 1
        for col in range(max(1, columns)):
            index = model.index(row, col, parent)
            for role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.WhatsThisRole):
                value = model.data(index, role)
                if isinstance(value, str) and not _shows_markup_literally(value):
                    out.append(f"{where} row {row} {role.name}: {value[:60]!r}")
            if col == 0 and not isinstance(model, QAbstractTableModel | QAbstractListModel) and model.rowCount(index):
                out += _model_problems(where, model, index)
    return out


def rich_text_problems() -> tuple[list[str], int]:
    """Every place on screen that would render user markup as rich text, and how many
    places holding user text were checked."""
    problems, checked = [], 0

    def check(where: str, text: str, fmt=Qt.TextFormat.AutoText) -> None:
        nonlocal checked
        if "MARK" in text:
            checked += 1
        if not _shows_markup_literally(text, fmt):
            problems.append(f"{where}: {text[:70]!r}")

    for w in QApplication.allWidgets():
        name = f"{type(w).__name__}({w.objectName() or '?'}) in {type(w.window()).__name__}"
        if isinstance(w, QLabel):
            check(f"label {name}", w.text(), w.textFormat())
        if isinstance(w, QMessageBox):
            check(f"message box {name}", w.text(), w.textFormat())
            check(f"message box {name} informative", w.informativeText(), w.textFormat())
        check(f"tooltip of {name}", w.toolTip())
        check(f"whatsThis of {name}", w.whatsThis())
        for action in w.actions():
            check(f"action tooltip in {name}", action.toolTip())
        if isinstance(w, QTabBar):
            for i in range(w.count()):
                check(f"tab tooltip {i} of {name}", w.tabToolTip(i))
        if isinstance(w, QTextEdit):  # a text edit holding rendered markup shows the residue
            check(f"text edit {name}", w.toPlainText(), Qt.TextFormat.PlainText)
        models = []
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            models.append(w.model())
        if isinstance(w, QComboBox):
            models.append(w.model())
        for model in models:
            if model.rowCount() and "MARK" in str([model.data(model.index(r, 0)) for r in range(model.rowCount())]):
                checked += 1
            problems += _model_problems(f"model of {name}", model)
        if isinstance(w, QGraphicsView) and w.scene() is not None:
            for item in w.scene().items():
                check(f"graphics item {type(item).__name__} tooltip in {name}", item.toolTip())
                if isinstance(item, QGraphicsTextItem):
                    check(f"graphics text {type(item).__name__} in {name}", item.toPlainText(),
                          Qt.TextFormat.PlainText)
    return problems, checked


def test_the_check_itself_catches_rich_text(qtbot):
    """The generic walk fails on a label, a tooltip and a model tooltip that render markup."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QListView, QVBoxLayout

    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    label = QLabel(MARKUP + "name")
    layout.addWidget(label)
    label.setToolTip(MARKUP + "tip")
    view = QListView()
    model = QStandardItemModel(view)
    item = QStandardItem("row")
    item.setToolTip(MARKUP + "item")
    model.appendRow(item)
    view.setModel(model)
    layout.addWidget(view)
    problems, _ = rich_text_problems()
    assert len([p for p in problems if "label QLabel" in p or "tooltip of QLabel" in p or "model of" in p]) >= 3
    from tension_desktop.gui.plain import plain_tooltip

    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setToolTip(plain_tooltip(label.toolTip()))
    item.setToolTip(plain_tooltip(item.toolTip()))
    assert rich_text_problems()[0] == []
    doc = QTextDocument()
    doc.setHtml(label.toolTip())
    assert doc.toPlainText() == MARKUP + "tip", "the escaped tooltip shows exactly what was typed"
    host.close()


def test_every_screen_shows_typed_markup_as_plain_text(qtbot, demo_lib, tmp_path):
    _mark_everything(demo_lib)
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    seen: list[str] = []
    problems, checked = rich_text_problems()  # the home screen
    seen += problems
    assert checked > 0, "the home screen lists marked teams and workshops"
    click(qtbot, window.home.open_btn)
    view = window.workshop_view
    total = checked
    for index in range(view.tabs.count()):
        view.tabs.setCurrentIndex(index)
        qtbot.wait(1)
        for widget in [view.tabs.widget(index), *view.tabs.widget(index).findChildren(QTabBar)]:
            if isinstance(widget, QTabBar):  # inner tabs (e.g. the session's screens): visit each
                for inner in range(widget.count()):
                    widget.setCurrentIndex(inner)
                    problems, checked = rich_text_problems()
                    seen += problems
                    total += checked
        problems, checked = rich_text_problems()
        seen += problems
        total += checked
    print(f"places with typed text checked: {total}")
    assert total > 30, f"only {total} places with typed text were found: is the walk still reaching them?"
    assert sorted(set(seen)) == [], "\n".join(sorted(set(seen)))


# -- dialogs made on demand: checked in the source, since they only exist while shown ---------------

_STATIC_TEXT_ARG = {("QMessageBox", m): 2 for m in ("critical", "warning", "information", "question", "about")}
_STATIC_TEXT_ARG |= {("QInputDialog", m): 2 for m in ("getText", "getItem", "getInt", "getDouble",
                                                       "getMultiLineText")}
_STATIC_TEXT_ARG[("QToolTip", "showText")] = 1


def _is_fixed_text(node: ast.AST) -> bool:
    """A literal, or text already made safe by a helper of tension_desktop.gui.plain."""
    if isinstance(node, ast.Constant):
        return True
    return isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "plain_tooltip"


def test_message_boxes_input_dialogs_and_shown_tooltips_never_guess_markup_from_user_text():
    """QMessageBox, QInputDialog labels and QToolTip.showText auto-detect rich text: their text
    must be a literal, or the box must be made plain (``gui.plain.message_box`` or
    ``setTextFormat(PlainText)`` in the same function)."""
    root = Path(__file__).resolve().parents[2] / "tension_desktop" / "gui"
    problems = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]:
            source = ast.unparse(func)
            for call in [n for n in ast.walk(func) if isinstance(n, ast.Call)]:
                f = call.func
                where = f"{path.relative_to(root.parent)}:{call.lineno}"
                if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
                    pos = _STATIC_TEXT_ARG.get((f.value.id, f.attr))
                    if pos is not None and len(call.args) > pos and not _is_fixed_text(call.args[pos]):
                        problems.append(f"{where}: {f.value.id}.{f.attr} shows non-literal text")
                if (isinstance(f, ast.Name) and f.id == "QMessageBox" and len(call.args) > 2
                        and not _is_fixed_text(call.args[2]) and "PlainText" not in source):
                    problems.append(f"{where}: QMessageBox(...) with non-literal text is not made plain "
                                    "(use tension_desktop.gui.plain.message_box)")
    assert problems == []
