"""Where the keyboard is shows on every button: the themes draw a ring on the focused button
(plain, primary, a chosen option) that stands out at 3:1 (WCAG's non-text contrast) against
the button it surrounds, and is not there without the focus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QWidget

from tension_desktop.gui.theme import apply_theme
from tension_desktop.model.colours import contrast_ratio
from tests.gui.shell import restore_app_state


def _button(kind: str) -> QPushButton:
    b = QPushButton("Save my answers")
    if kind == "primary":
        b.setProperty("primary", True)
    if kind == "checked":
        b.setCheckable(True)
        b.setChecked(True)
    return b


def _edge_and_inside(button: QPushButton) -> tuple[str, str]:
    image = button.grab().toImage()
    y = image.height() // 2
    return image.pixelColor(1, y).name(), image.pixelColor(12, y).name()


@pytest.mark.parametrize("theme", ["light", "whiteboard"])
@pytest.mark.parametrize("kind", ["plain", "primary", "checked"])
def test_a_focused_button_has_a_ring_that_stands_out(qtbot, request, theme, kind):
    request.addfinalizer(restore_app_state)
    apply_theme(QApplication.instance(), theme)
    host = QWidget()
    qtbot.addWidget(host)
    row = QHBoxLayout(host)
    other, button = QPushButton("Other"), _button(kind)
    row.addWidget(other)
    row.addWidget(button)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    other.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(other.hasFocus)
    edge_without, _ = _edge_and_inside(button)
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    edge, inside = _edge_and_inside(button)
    assert edge != edge_without
    assert contrast_ratio(edge, inside) >= 3, (edge, inside)


@pytest.mark.parametrize("theme", ["light", "whiteboard"])
@pytest.mark.parametrize("factor", [1.0, 2.0])
@pytest.mark.parametrize("prop", [None, "primary", "arrow", "placingChip", "flowTab"])
def test_the_ring_never_cuts_a_caption(qtbot, request, theme, factor, prop):
    """The ring is wider than the usual border: what it takes comes out of the padding, so a
    button laid out at its own size still has room for its whole caption when the focus
    arrives (at 1x and on a 4K panel's 2x)."""
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    from tension_desktop.gui.theme import UI_DIR, scale_style_sheet

    request.addfinalizer(restore_app_state)
    QApplication.instance().setStyleSheet(scale_style_sheet((UI_DIR / f"{theme}.qss").read_text(), factor))
    host = QWidget()
    qtbot.addWidget(host)
    row = QHBoxLayout(host)
    other, button = QPushButton("Other"), QPushButton("▶" if prop == "arrow" else "◀ Workshops")
    if prop:
        button.setProperty(prop, True)
    row.addWidget(other)
    row.addWidget(button)
    host.show()
    qtbot.waitExposed(host)

    def room() -> int:
        opt = QStyleOptionButton()
        button.initStyleOption(opt)
        return button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, opt, button).width()

    caption = button.fontMetrics().horizontalAdvance(button.text())
    other.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(other.hasFocus)
    assert room() >= caption
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    assert room() >= caption
