"""`tension-desktop self-check`: proves a build (above all a packaged one) is complete.

Imports every exercise and export the registry (:mod:`tension_desktop.registry`) names as
``"module:attr"`` and checks the attribute is there and is what it promised (a screen
factory, a ``(configure, run)`` pair), reads the bundled fonts, forms and licences, and draws
the app icon through Qt's SVG plugin on an offscreen screen. Prints one ``ok:`` line (exit 0)
or one line per problem (exit 1). A module left out of the packaging spec fails here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tension_desktop import registry

RESOURCES = Path(__file__).resolve().parent / "resources"
UI = Path(__file__).resolve().parent / "ui"


def _load(kind: str, name: str, target: str, found: list[str]):
    """The registry entry's attribute, or None with one problem added to ``found``."""
    module, _, attr = target.partition(":")
    try:
        return registry.load(target)
    except AttributeError as exc:
        found.append(f"{kind} {name!r}: {module} has no {attr!r} ({exc})")
    except Exception as exc:  # noqa: BLE001 (every failure is one reported problem)
        found.append(f"{kind} {name!r}: module {module}: {type(exc).__name__}: {exc}")
    return None


def problems() -> tuple[list[str], dict[str, int]]:
    """(problems found, counts of what was checked)."""
    found: list[str] = []
    counts = {"exercises": 0, "exports": 0, "fonts": 0, "forms": 0}
    # exports first, with no Qt loaded (the CLI's promise)
    qt_before = "PySide6" in sys.modules
    for entry in registry.EXPORTS:
        pair = _load("export", entry.name, entry.command, found)
        if pair is None:
            continue
        if not (isinstance(pair, tuple) and len(pair) == 2 and all(callable(f) for f in pair)):
            found.append(f"export {entry.name!r}: {entry.command} is not a (configure, run) pair")
            continue
        counts["exports"] += 1
    if not qt_before and "PySide6" in sys.modules:
        found.append("an export module imports Qt (the command line must work without it)")
    fonts = sorted((RESOURCES / "fonts").glob("*.ttf"))
    if not fonts:
        found.append(f"no fonts in {RESOURCES / 'fonts'}")
    try:
        from reportlab.pdfbase.ttfonts import TTFont

        for path in fonts:
            TTFont(path.stem, str(path))
        counts["fonts"] = len(fonts)
    except Exception as exc:  # noqa: BLE001
        found.append(f"fonts: {type(exc).__name__}: {exc}")
    forms = sorted(UI.rglob("*.ui")) + sorted(UI.rglob("*.qss"))
    counts["forms"] = len(forms)
    if not (RESOURCES / "licenses" / "THIRD-PARTY-NOTICES.txt").is_file():
        found.append("the third-party notices are missing")
    found += _qt_checks(counts)
    return found, counts


def _qt_checks(counts: dict[str, int]) -> list[str]:
    found: list[str] = []
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window: works on any machine
    from PySide6.QtGui import QIcon, QImageReader
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 (widgets need it)
    for entry in registry.EXERCISES:
        screen = _load("exercise", entry.key, entry.screen, found)
        if screen is None:
            continue
        if not callable(screen):
            found.append(f"exercise {entry.key!r}: {entry.screen} is not a screen factory")
            continue
        counts["exercises"] += 1
    try:
        import tension_desktop.gui.about  # noqa: F401
        import tension_desktop.gui.main_window  # noqa: F401
    except Exception as exc:  # noqa: BLE001
        found.append(f"main window: {type(exc).__name__}: {exc}")
    if b"svg" not in [bytes(f) for f in QImageReader.supportedImageFormats()]:
        found.append("Qt cannot read SVG (the imageformats plugin is missing): icons would be blank")
    icon = QIcon(str(RESOURCES / "icons" / "tension-desktop.svg"))
    image = icon.pixmap(64, 64).toImage()
    if image.isNull() or len({image.pixel(x, y) for x in range(0, 64, 4) for y in range(0, 64, 4)}) < 2:
        found.append("the app icon draws blank")
    return found


def run() -> int:
    """Print the result; 0 when everything is there, 1 otherwise."""
    found, counts = problems()
    if found:
        for line in found:
            print(f"self-check: {line}", file=sys.stderr)
        return 1
    print(f"ok: {counts['exercises']} exercises, {counts['exports']} exports, {counts['fonts']} fonts, "
          f"{counts['forms']} forms and styles, icons and licences")
    return 0
