"""Real input events for GUI tests: mouse drags and touch gestures on a view's viewport."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputDevice, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

_TOUCH: QPointingDevice | None = None


def touch_device() -> QPointingDevice:
    """A registered touchscreen device (QTest needs one for touch events)."""
    global _TOUCH
    if _TOUCH is None:
        _TOUCH = QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen,
                                         QInputDevice.Capability.Position)
    return _TOUCH


def mouse_drag(qtbot, widget: QWidget, start: QPoint, end: QPoint, steps: int = 8) -> None:
    """Press, move in steps, release with the left button (real QMouseEvents)."""
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, steps + 1):
        p = start + (end - start) * (i / steps)
        qtbot.mouseMove(widget, QPoint(int(p.x()), int(p.y())))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)


def touch_drag(widget: QWidget, start: QPoint, end: QPoint, steps: int = 8, point_id: int = 0) -> None:
    """One finger: press, move in steps, release (real QTouchEvents on ``widget``)."""
    dev = touch_device()
    QTest.touchEvent(widget, dev).press(point_id, start, widget)
    for i in range(1, steps + 1):
        p = start + (end - start) * (i / steps)
        QTest.touchEvent(widget, dev).move(point_id, QPoint(int(p.x()), int(p.y())), widget)
    QTest.touchEvent(widget, dev).release(point_id, end, widget)


def touch_tap(widget: QWidget, pos: QPoint, point_id: int = 0) -> None:
    dev = touch_device()
    QTest.touchEvent(widget, dev).press(point_id, pos, widget)
    QTest.touchEvent(widget, dev).release(point_id, pos, widget)


def pinch(widget: QWidget, centre: QPoint, start_gap: int, end_gap: int, steps: int = 8) -> None:
    """Two fingers moving apart (zoom in) or together (zoom out) around ``centre``."""
    dev = touch_device()
    a0, b0 = centre - QPoint(start_gap // 2, 0), centre + QPoint(start_gap // 2, 0)
    QTest.touchEvent(widget, dev).press(0, a0, widget).press(1, b0, widget)
    for i in range(1, steps + 1):
        gap = start_gap + (end_gap - start_gap) * i / steps
        a, b = centre - QPoint(int(gap / 2), 0), centre + QPoint(int(gap / 2), 0)
        QTest.touchEvent(widget, dev).move(0, a, widget).move(1, b, widget)
    a1, b1 = centre - QPoint(end_gap // 2, 0), centre + QPoint(end_gap // 2, 0)
    QTest.touchEvent(widget, dev).release(0, a1, widget).release(1, b1, widget)
