"""Themes: Qt style sheets under tension_desktop/ui/ (editable without Python)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

UI_DIR = Path(__file__).resolve().parent.parent / "ui"
ICONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
THEMES = ("light", "whiteboard")

_SIZE = re.compile(r"(\d+(?:\.\d+)?)(pt|px)\b")


def screen_factor() -> float:
    """How much larger than a 1080-line panel the primary screen is, in logical pixels.

    A 4K panel that Qt does not scale (device pixel ratio 1) reports 2160 logical lines and
    gets 2.0, so whiteboard type is as readable from the back of the room as on a 1080 panel.
    A panel Qt already scales reports 1080 logical lines and gets 1.0. Never below 1."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return 1.0
    return max(1.0, screen.geometry().height() / 1080)


def whiteboard_factor() -> float:
    """The whiteboard theme's size against a 1080-line panel: like :func:`screen_factor`, but a
    768-line screen gets 0.71 (as the session's whiteboard window does), so the exercise keeps
    its share of the height; its controls stay above 48 px."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return 1.0
    return max(0.7, screen.geometry().height() / 1080)


def scale_style_sheet(text: str, factor: float) -> str:
    """Every pt and px size in a style sheet multiplied by ``factor`` (borders of 1-2 px stay)."""
    if abs(factor - 1.0) < 1e-3:
        return text

    def grow(match: re.Match) -> str:
        value, unit = float(match.group(1)), match.group(2)
        if unit == "px" and value <= 2:
            return match.group(0)
        scaled = value * factor
        return f"{scaled:.0f}{unit}" if unit == "px" else f"{scaled:.1f}{unit}"

    return _SIZE.sub(grow, text)


def for_screen(text: str) -> str:
    """A widget's own style sheet, grown like the theme on an unscaled large panel (see
    :func:`screen_factor`): type set in pt or px stays as readable on a 4K panel at 100 %
    as on a 1080 one."""
    return scale_style_sheet(text, screen_factor())


def apply_theme(app: QApplication, name: str = "light") -> None:
    """Apply ``ui/<name>.qss`` to the whole application; both themes grow with the screen
    (an unscaled 4K panel gets twice the type and controls of a 1080 one)."""
    text = (UI_DIR / f"{name}.qss").read_text(encoding="utf-8")
    text = text.replace("url(icons:", f"url({ICONS_DIR.as_posix()}/")
    text = scale_style_sheet(text, whiteboard_factor() if name == "whiteboard" else screen_factor())
    app.setStyleSheet(text)
    app.setProperty("tensionTheme", name)
