"""The one edit path, checked on the source (no Qt, nothing imported).

A store function *writes* when its body opens a transaction (``with lib.edit():``) or
calls a store function that writes. Outside the sanctioned modules (the document, the
private-round component, and each exercise's ``edits.py``/``commands.py``), a gui module
must not name a writing store function (neither call it nor hand it to ``doc.call``),
open a transaction itself, nor define an undo command: a view only translates input into
a command from its exercise's edits module.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tension_desktop"
STORE = "tension_desktop.store"

#: gui modules that may write through the store, besides every ``edits.py`` and ``commands.py``
SANCTIONED = {
    "tension_desktop.gui.document": "the document: the ordered-row helpers, participants, initiatives, rename",
    "tension_desktop.gui.turns": "the one component that owns every private round (turns, the reveal)",
    "tension_desktop.gui.tables_edit": "the diagnosis tables' shared edit (one state before and after)",
    # the shell's library actions: not edits of an open workshop (no workshop's undo stack holds them)
    "tension_desktop.gui.main_window": "create, duplicate, delete/undelete, import and export a workshop",
    "tension_desktop.gui.app": "the first start's demo workshop",
    # the room link's own state (secret, address, each phone's token hash): quiet bookkeeping
    # of the open room, no edit of the workshop; the phones' edits go through the exercises' commands
    "tension_desktop.gui.room": "keep and forget the room link and the phones' tokens",
}
SANCTIONED_NAMES = {"edits", "commands"}

#: the undo command base classes (a class deriving from one of them is a command)
COMMAND_BASES = {"QUndoCommand"}


@dataclass(frozen=True)
class Violation:
    module: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line}: {self.what}"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: str) -> Iterator[tuple[str, ast.Module]]:
    root = PACKAGE.parent.joinpath(*package.split("."))
    for path in sorted(root.rglob("*.py")):
        yield module_name(path), ast.parse(path.read_text(encoding="utf-8"), str(path))


def imported_names(module: str, tree: ast.Module, is_package: bool = False) -> dict[str, str]:
    """Every name bound by an import anywhere in the module -> the dotted thing it names."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                names[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            level_base = module if is_package else module.rpartition(".")[0]
            if node.level:
                parts = level_base.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                source = ".".join([*parts, node.module] if node.module else parts)
            else:
                source = node.module or ""
            for a in node.names:
                names[a.asname or a.name] = f"{source}.{a.name}"
    return names


def _is_transaction(node: ast.AST) -> bool:
    """``X.edit()`` used as a context manager or called: the library's one write transaction."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "edit"
            and not node.args and not node.keywords)


def _dotted(node: ast.AST, names: dict[str, str], local: str) -> str | None:
    """The dotted name an expression refers to (``covenant.add_item`` -> its full name)."""
    if isinstance(node, ast.Name):
        return names.get(node.id, f"{local}.{node.id}")
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value, names, local)
        return f"{base}.{node.attr}" if base else None
    return None


@functools.cache
def store_writers() -> frozenset[str]:
    """Every store function that writes: it opens ``lib.edit()`` or calls one that does."""
    bodies: dict[str, ast.AST] = {}
    scopes: dict[str, dict[str, str]] = {}
    for mod, tree in modules(STORE):
        is_package = PACKAGE.parent.joinpath(*mod.split("."), "__init__.py").exists()
        names = imported_names(mod, tree, is_package)
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                bodies[f"{mod}.{node.name}"] = node
                scopes[f"{mod}.{node.name}"] = names
    writers = {name for name, fn in bodies.items()
               if any(_is_transaction(item.context_expr) for w in ast.walk(fn) if isinstance(w, ast.With)
                      for item in w.items)}
    calls = {name: {_dotted(c.func, scopes[name], name.rpartition(".")[0])
                    for c in ast.walk(fn) if isinstance(c, ast.Call)} for name, fn in bodies.items()}
    return frozenset(_closure(writers, calls))


def _closure(found: set[str], links: dict[str, set]) -> set[str]:
    """``found`` with every name that links (calls, derives from) one found, until none is added."""
    grew = True
    while grew:
        grew = False
        for name, linked in links.items():
            if name not in found and linked & found:
                found.add(name)
                grew = True
    return found


def sanctioned(module: str) -> bool:
    return module in SANCTIONED or module.rpartition(".")[2] in SANCTIONED_NAMES


def command_classes(trees: Iterable[tuple[str, ast.Module]]) -> set[str]:
    """The names of every class that derives (through any chain) from QUndoCommand."""
    bases: dict[str, set[str]] = {}
    for _mod, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(
                    b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "") for b in node.bases)
    return _closure(set(COMMAND_BASES), bases)


def violations(module: str, tree: ast.Module, writers: frozenset[str], commands: set[str],
               is_package: bool = False) -> list[Violation]:
    """What in one gui module bypasses the edit path."""
    if sanctioned(module):
        return []
    names = imported_names(module, tree, is_package)
    found: list[Violation] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for b in node.bases:
                base = b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "")
                if base in commands:
                    found.append(Violation(module, node.lineno, f"class {node.name} is an undo command ({base})"))
        elif _is_transaction(node):
            found.append(Violation(module, node.lineno, "opens a write transaction (.edit())"))
        elif isinstance(node, ast.Attribute | ast.Name) and not isinstance(getattr(node, "ctx", None), ast.Store):
            target = _dotted(node, names, module)
            if target in writers and (isinstance(node, ast.Attribute) or node.id in names):
                found.append(Violation(module, node.lineno, f"names the store write {target}"))
    return found


def gui_violations() -> list[Violation]:
    writers = store_writers()
    trees = list(modules("tension_desktop.gui"))
    commands = command_classes(trees)
    out = []
    for mod, tree in trees:
        is_package = PACKAGE.parent.joinpath(*mod.split("."), "__init__.py").exists()
        out += violations(mod, tree, writers, commands, is_package)
    return out


#: gui modules that may run a nested event loop (``x.exec()``), and why
NESTED_LOOPS = {
    "tension_desktop.gui.app": "the application's own loop, and the one message before any window exists",
    "tension_desktop.gui.covenant.export": "the confirmation before printing open points (answered at once)",
}


#: Qt's static convenience forms: each runs its own event loop (file dialogs are left to the platform)
STATIC_FORMS = {("QMessageBox", name) for name in ("information", "question", "warning", "critical", "about")}


def nested_loops(module: str, tree: ast.Module) -> list[Violation]:
    """Forms opened with ``exec()`` (a nested event loop: a second finger, a screen reader or a
    test cannot reach the window until it closes) instead of ``forms.open_form``."""
    if module in NESTED_LOOPS:
        return []
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner = node.func.value.id if isinstance(node.func.value, ast.Name) else ""
        if node.func.attr == "exec" and not node.args and not node.keywords:
            found.append(Violation(module, node.lineno, "opens a form with exec() (use forms.open_form)"))
        elif (owner, node.func.attr) in STATIC_FORMS or (owner == "QInputDialog" and node.func.attr.startswith("get")):
            found.append(Violation(module, node.lineno, f"opens {owner}.{node.func.attr} (a nested event loop; "
                                                        "use forms.open_form)"))
    return found


def gui_nested_loops() -> list[Violation]:
    return [v for mod, tree in modules("tension_desktop.gui") for v in nested_loops(mod, tree)]
