"""Whatever anyone types is shown as plain text on every screen: labels, tooltips, lists, scenes.

Every free-text field of the demo workshop (names, roles, titles, descriptions, board
elements and rationales, risks, covenant items, decisions, thresholds, commitments, agenda
phases, the map's labels) starts with markup. The home screen, the workshop and every
exercise screen are opened; then *every* widget, item model and graphics scene found is
checked generically, so a screen or widget added later is covered without changing this
test: nothing that holds the markup may be rendered as rich text, and a label that is
empty when shown (the code fills it later) must be plain text already. Every dialog class is
built from its signature with marked text, and a source rule covers message boxes, input
dialogs and ``QLabel(text)``, which Qt also reads as markup when the text looks like it.
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
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGraphicsTextItem,
    QGraphicsView,
    QGroupBox,
    QLabel,
    QMenu,
    QMessageBox,
    QTabBar,
    QTextEdit,
    QWidget,
)

from tension_desktop.store import library_path
from tension_desktop.store import tension_map as map_store
from tests.dialog_arguments import KEYS, dialog_arguments, dialog_classes
from tests.gui.shell import click, make_window

MARKUP = '<b>MARK</b><img src="file:///etc/passwd"><a href="https://example.com/">link</a> R&D [*] '
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


def rich_text_problems(*roots: QWidget) -> tuple[list[str], int]:
    """Every place in the windows ``roots`` (and all their widgets, menus, dialogs and
    secondary windows) that would render user markup as rich text or a typed ``&`` as a
    shortcut, and how many places holding user text were checked.

    The walk starts from the app's own windows rather than ``QApplication.allWidgets()``,
    so widgets other tests left behind (maybe half destroyed) are never touched."""
    problems, checked = [], 0

    def check(where: str, text: str, fmt=Qt.TextFormat.AutoText) -> None:
        nonlocal checked
        if "MARK" in text:
            checked += 1
        if not _shows_markup_literally(text, fmt):
            problems.append(f"{where}: {text[:70]!r}")

    def mnemonic(where: str, text: str) -> None:
        """Buttons, actions, tabs and group boxes read "&D" as a keyboard shortcut (Alt+D)."""
        nonlocal checked
        if "MARK" in text:
            checked += 1
        if "R&D" in text and "R&&D" not in text:
            problems.append(f"{where}: a typed & becomes a keyboard shortcut: {text[:70]!r}")

    for w in [w for root in roots for w in (root, *root.findChildren(QWidget))]:
        name = f"{type(w).__name__}({w.objectName() or '?'}) in {type(w.window()).__name__}"
        if isinstance(w, QLabel):
            check(f"label {name}", w.text(), w.textFormat())
            if (not w.text() and w.textFormat() != Qt.TextFormat.PlainText and w.pixmap().isNull()
                    and w.movie() is None and type(w.window()).__module__.startswith("tension_desktop")):
                problems.append(f"label {name}: empty, so filled later, but not plain text")
        if isinstance(w, QMessageBox):
            check(f"message box {name}", w.text(), w.textFormat())
            check(f"message box {name} informative", w.informativeText(), w.textFormat())
        if w.isWindow() and w.windowHandle() is not None and "MARK" in w.windowTitle():
            checked += 1
            if "[*]" not in w.windowHandle().title():
                problems.append(f"window title of {name}: {w.windowHandle().title()[:70]!r} hides a typed [*]")
        if isinstance(w, QAbstractButton):
            mnemonic(f"button {name}", w.text())
        if isinstance(w, QGroupBox):
            mnemonic(f"group box {name}", w.title())
        check(f"tooltip of {name}", w.toolTip())
        check(f"whatsThis of {name}", w.whatsThis())
        for action in w.actions():
            if isinstance(w, QMenu) and w.toolTipsVisible():  # otherwise the tooltip of the action's
                check(f"action tooltip in {name}", action.toolTip())  # button is checked as a widget
            mnemonic(f"action in {name}", action.text())
        if isinstance(w, QTabBar):
            for i in range(w.count()):
                check(f"tab tooltip {i} of {name}", w.tabToolTip(i))
                mnemonic(f"tab {i} of {name}", w.tabText(i))
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
    problems, _ = rich_text_problems(host)
    assert len([p for p in problems if "label QLabel" in p or "tooltip of QLabel" in p or "model of" in p]) >= 3
    from tension_desktop.gui.plain import plain_tooltip

    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setToolTip(plain_tooltip(label.toolTip()))
    item.setToolTip(plain_tooltip(item.toolTip()))
    assert rich_text_problems(host)[0] == []
    doc = QTextDocument()
    doc.setHtml(label.toolTip())
    assert doc.toPlainText() == MARKUP + "tip", "the escaped tooltip shows exactly what was typed"
    host.close()


def test_every_screen_shows_typed_markup_as_plain_text(qtbot, demo_lib, tmp_path):
    _mark_everything(demo_lib)
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    seen: list[str] = []
    problems, checked = rich_text_problems(window)  # the home screen
    seen += problems
    assert checked > 0, "the home screen lists marked teams and workshops"
    click(qtbot, window.home.open_btn)
    view = window.workshop_view
    first = view.doc.participants()[0]
    assert view.doc.edit_participant(first.id, role=MARKUP + "new role")  # Edit → "Undo Edit participant <name>"
    total = checked
    for index in range(view.tabs.count()):
        view.tabs.setCurrentIndex(index)
        qtbot.wait(1)
        for widget in [view.tabs.widget(index), *view.tabs.widget(index).findChildren(QTabBar)]:
            if isinstance(widget, QTabBar):  # inner tabs (e.g. the session's screens): visit each
                for inner in range(widget.count()):
                    widget.setCurrentIndex(inner)
                    problems, checked = rich_text_problems(window)
                    seen += problems
                    total += checked
        problems, checked = rich_text_problems(window)
        seen += problems
        total += checked
    from tension_desktop.gui.turns import TurnController

    controllers = window.findChildren(TurnController)
    assert controllers, "the exercises with private rounds were built"
    for controller in controllers:  # every private round's hand-over: "Pass to ...", "I am ..."
        controller.start()
        qtbot.wait(1)
        problems, checked = rich_text_problems(window)
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


def test_labels_message_boxes_input_dialogs_and_shown_tooltips_never_guess_markup_from_user_text():
    """QLabel, QMessageBox, QInputDialog labels and QToolTip.showText auto-detect rich text:
    their text must be a literal, or made plain (``gui.plain.plain_label``,
    ``gui.plain.message_box`` or ``setTextFormat(PlainText)`` in the same function). This
    covers dialogs, which only exist while shown, as well as screens."""
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
                if (isinstance(f, ast.Name) and f.id == "QLabel" and call.args
                        and not _is_fixed_text(call.args[0]) and "PlainText" not in source):
                    problems.append(f"{where}: QLabel(...) with non-literal text is not made plain "
                                    "(use tension_desktop.gui.plain.plain_label)")
                if (isinstance(f, ast.Name) and f.id == "QMessageBox" and len(call.args) > 2
                        and not _is_fixed_text(call.args[2]) and "PlainText" not in source):
                    problems.append(f"{where}: QMessageBox(...) with non-literal text is not made plain "
                                    "(use tension_desktop.gui.plain.message_box)")
    assert problems == [], "\n".join(problems)


def _dialog_classes() -> list[type]:
    """Every QDialog subclass of the app (each gui module imported)."""
    return dialog_classes()


def _arguments(doc, parent, lib) -> dict[str, object]:
    """A value holding the marked text for each parameter type a dialog takes."""
    plain = {"name": "text"}
    return dialog_arguments(doc, parent, lib, lambda role: MARKUP + plain.get(role, role))


#: Parameters that take a key of the model rather than free text.
_KEYS = {**KEYS, "max_length": 200}


def test_every_dialog_shows_typed_markup_as_plain_text(qtbot, demo_lib, tmp_path):
    """Each dialog class of the app is built with marked text in every text it takes (new
    dialogs are found automatically; one taking an unknown type fails until taught here)."""
    import inspect

    _mark_everything(demo_lib)
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    click(qtbot, window.home.open_btn)
    doc = window.workshop_view.doc
    values = _arguments(doc, window, demo_lib)
    problems, built = [], []
    for cls in _dialog_classes():
        args, kwargs = [], {}
        params = list(inspect.signature(cls.__init__).parameters.values())[1:]
        for p in params:
            if p.name in _KEYS:  # a parameter that is a key, not text
                value = _KEYS[p.name]
            elif p.annotation not in values:
                raise AssertionError(f"{cls.__name__}: teach this test to build a {p.annotation!r} for {p.name}")
            else:
                value = values[p.annotation]
            if p.kind == p.KEYWORD_ONLY:
                kwargs[p.name] = value
            else:
                args.append(value)
        dialog = cls(*args, **kwargs)
        qtbot.addWidget(dialog)
        dialog.show()
        found, checked = rich_text_problems(dialog)
        problems += found
        built.append((cls.__name__, checked))
        dialog.close()
    assert len(built) >= 15 and sum(c for _n, c in built) > 30, built
    assert sorted(set(problems)) == [], "\n".join(sorted(set(problems)))
