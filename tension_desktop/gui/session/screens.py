"""Which screen is the whiteboard: the rule as plain code, and Qt's screens fed into it.

The coach's laptop shows the presenter view; the room's panel shows the whiteboard.
With two screens the whiteboard defaults to the largest screen that is not the
laptop's; the coach's choice (by screen name) is remembered in QSettings.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QGuiApplication, QScreen

from ..qt import app_settings

SETTING = "session/whiteboardScreen"


@dataclass(frozen=True, slots=True)
class ScreenInfo:
    """What the rule needs to know about a screen."""

    name: str
    x: int
    y: int
    width: int
    height: int

    @property
    def area(self) -> int:
        return self.width * self.height

    def label(self) -> str:
        return f"{self.name} ({self.width}×{self.height})"


def pick_whiteboard(screens: list[ScreenInfo], laptop: str | None, preferred: str | None = None) -> str | None:
    """The name of the whiteboard screen, or None for one-screen mode.

    ``preferred`` (the coach's choice) wins if that screen is connected and is not the
    laptop's; otherwise the largest other screen (ties: the leftmost).
    """
    others = [s for s in screens if s.name != laptop]
    if len(screens) < 2 or not others:
        return None
    if preferred and any(s.name == preferred for s in others):
        return preferred
    return sorted(others, key=lambda s: (-s.area, s.x, s.y))[0].name


def info(screen: QScreen) -> ScreenInfo:
    g = screen.geometry()
    return ScreenInfo(screen.name() or f"screen@{g.x()},{g.y()}", g.x(), g.y(), g.width(), g.height())


def screens() -> list[QScreen]:
    return list(QGuiApplication.screens())


def screen_named(name: str | None) -> QScreen | None:
    for s in screens():
        if info(s).name == name:
            return s
    return None


def preferred_name() -> str | None:
    value = app_settings().value(SETTING, "")
    return str(value) if value else None


def remember(name: str | None) -> None:
    app_settings().setValue(SETTING, name or "")


def whiteboard_screen(laptop: QScreen | None) -> QScreen | None:
    """Qt's screen for the whiteboard given the laptop's screen; None with one screen."""
    name = pick_whiteboard([info(s) for s in screens()], info(laptop).name if laptop else None, preferred_name())
    return screen_named(name)
