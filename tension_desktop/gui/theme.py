"""Themes: Qt style sheets under tension_desktop/ui/ (editable without Python)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

UI_DIR = Path(__file__).resolve().parent.parent / "ui"
THEMES = ("light", "whiteboard")


def apply_theme(app: QApplication, name: str = "light") -> None:
    """Apply ``ui/<name>.qss`` to the whole application."""
    app.setStyleSheet((UI_DIR / f"{name}.qss").read_text(encoding="utf-8"))
    app.setProperty("tensionTheme", name)
