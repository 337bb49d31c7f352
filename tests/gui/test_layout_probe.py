"""Every screen fits every room: the layout probe finds nothing at any of the four sizes.

Each size runs the whole walk (home, every tab, every dialog, whiteboard mode, a session in
coach view and on the whiteboard) in its own process with an offscreen screen of that size.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from tension_desktop.gui import layout_probe
from tests.layout_probe import SIZES, run


def test_the_probe_finds_a_clipped_label_a_squeezed_button_and_a_small_target(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    row = QHBoxLayout(host)
    label = QLabel("A label far too long for the room it is given on this row")
    label.setObjectName("longLabel")
    label.setMinimumWidth(1)  # a layout may squeeze it below its text
    button = QPushButton("A button with a long caption")
    button.setObjectName("squeezed")
    button.setMaximumWidth(60)
    tiny = QPushButton("x")
    tiny.setObjectName("tiny")
    tiny.setFixedSize(30, 30)
    for w in (label, button, tiny):
        row.addWidget(w)
    host.resize(200, 60)
    host.show()
    qtbot.waitExposed(host)
    found = "\n".join(layout_probe.problems(host, whiteboard=True))
    assert "longLabel: label text" in found
    assert "squeezed: button" in found
    assert "tiny: touch target" in found
    label.setWordWrap(True)
    host.resize(700, 300)
    button.setMaximumWidth(10000)
    button.setMinimumHeight(60)
    tiny.setFixedSize(60, 60)
    qtbot.wait(1)
    assert layout_probe.problems(host, whiteboard=True) == []


@pytest.mark.parametrize("size", SIZES)
def test_every_screen_fits(size):
    found = run(size)
    assert found == [], f"{len(found)} findings at {size}:\n" + "\n".join(found)


def test_the_probe_finds_a_row_cut_off_by_a_page_sized_by_hand(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    page = QWidget(host)  # sized by hand, like the pre-mortem's page: its layout cannot grow it
    row = QHBoxLayout(page)
    button = QPushButton("Start dot vote")
    button.setObjectName("startVote")
    button.setMinimumHeight(90)
    row.addWidget(button)
    host.resize(400, 300)
    host.show()
    qtbot.waitExposed(host)
    page.setGeometry(0, 0, 400, 40)
    qtbot.wait(1)
    assert any("startVote: cut by its parent" in f for f in layout_probe.problems(host))
    page.setGeometry(0, 0, 400, 120)
    qtbot.wait(1)
    assert layout_probe.problems(host) == []
