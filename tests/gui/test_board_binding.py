"""The Qt binding must not eat references to None: the board calls setPos thousands of times.

PySide6 6.12.0 decrements None's reference count on every call of a method returning void;
on Python 3.11 (None not immortal) the app aborts with "none_dealloc" after a few thousand
calls, i.e. while a board of 480 cards is built or after a minute of dragging.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QFont

from tension_desktop.gui.board.items import CardItem


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_moving_a_card_a_thousand_times_keeps_none_alive(qtbot):
    item = CardItem(1, 1, QFont())
    before = sys.getrefcount(None)
    for n in range(1000):
        item.setPos(n, n)
    assert sys.getrefcount(None) >= before - 50
