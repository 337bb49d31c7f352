"""On a short window the workshop's header and its tab rows fold into one thin strip.

A 1366x768 laptop (or 1280x800, or 1536x864 at 125 %) has little height: the header (Home
button, workshop title and team, the session clock) and the two rows of exercise tabs took
some 210 px of it, and the exercise on screen (the tension map above all) got what was left.
On a window shorter than :data:`FOLD_BELOW` px they fold into one strip,
"▾ Workshop title · Tension map", which sits in the menu bar's free corner (no height of its
own; in its own row where the menu bar is the platform's). One tap (or F9) brings the header
and the tabs back; "▴ Fold" in the header (or F9 again) folds them. The coach's choice holds
across resizes; a window made tall enough unfolds by itself. With a screen reader on
(QAccessible active) nothing folds: the tabs stay where it can read them.

While a session runs its clock moves into the strip, so the phase and countdown stay in
sight on every tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QWidget,
)
from shiboken6 import isValid

from .qt import TOUCH_TARGET
from .theme import scale_style_sheet, screen_factor, whiteboard_factor
from .widgets import big_button

if TYPE_CHECKING:  # pragma: no cover
    from .workshop_view import WorkshopView

#: a window shorter than this folds the header and the tab rows
FOLD_BELOW = 900
#: ... and so does any window where they would take more than this share of its height (the
#: whiteboard's large type: about a third of a 1080p or 4K panel, at the exercise's expense)
FOLD_SHARE = 0.25
#: the key that shows or folds them
SHORTCUT = "F9"
#: the strip's look: a tab-like chip, as tall as the menu bar (``height``: a minimum, for touch)
STRIP_STYLE = ("QPushButton#headerStrip {{ min-height: {height}px; padding: 1px 12px; border-radius: 4px; "
               "border: 1px solid #bcccdc; background: #f0f4f8; color: #243b53; font-weight: 600; }}")
#: the strip's caption is cut (with "…") beyond this many pixels of 1x type (more with larger type)
STRIP_TEXT_PX = 640


class HeaderFold(QObject):
    """Folds and unfolds a :class:`WorkshopView`'s header and tab rows; ``folded`` says which."""

    def __init__(self, view: WorkshopView, header: QWidget) -> None:
        super().__init__(view)
        self.view = view
        self.header = header
        self.folded = False
        self._chosen: bool | None = None  # what the coach asked for last (None: follow the window)
        self._heights: dict[tuple, int] = {}  # (theme, screen) -> the header's height, measured shown
        self.corner = QWidget()
        self.corner.setObjectName("headerStripCorner")
        row = QHBoxLayout(self.corner)
        row.setContentsMargins(0, 0, 4, 0)
        row.setSpacing(6)
        self.strip = QPushButton()
        self.strip.setObjectName("headerStrip")
        self.strip.setCursor(Qt.CursorShape.PointingHandCursor)
        # F9 is the keyboard's way; a focusable strip would take Tab (and Ctrl+Tab) out of the tabs
        self.strip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.strip.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.strip.setToolTip(f"Show the workshop's header and its tabs ({SHORTCUT})")
        self.strip.clicked.connect(lambda: self.set_folded(False))
        row.addWidget(self.strip)
        self.corner.hide()
        self.fold_btn = big_button("▴ Fold", name="foldHeader")
        self.fold_btn.setToolTip(f"Fold the header and the tabs into one line, so the exercise gets the room "
                                 f"({SHORTCUT})")
        self.fold_btn.clicked.connect(lambda: self.set_folded(True))
        self.fold_btn.hide()
        QShortcut(QKeySequence(SHORTCUT), view, self.toggle, context=Qt.ShortcutContext.WindowShortcut)
        view.tabs.currentChanged.connect(self._tab_changed)
        view.destroyed.connect(self.corner.deleteLater)  # the menu bar holds it: it goes with the view
        # (no Python event filter on the corner: the menu bar owns it and may delete it after
        # this object's Python side is gone at exit, which crashed; the clock says when it changes)
        view.installEventFilter(self)

    # -- folding ----------------------------------------------------------------------------------
    def short(self) -> bool:
        """Is the window too short for the header and the tab rows (under :data:`FOLD_BELOW`
        px, or they would take more than :data:`FOLD_SHARE` of it)? Never while a screen
        reader is on: folded tabs would be out of its reach (hidden widgets are not read)."""
        height = self.view.window().height()
        if not (height < FOLD_BELOW or self.header_height() > FOLD_SHARE * height):
            return False
        # asked only when it would fold: its types and enums cost milliseconds at start-up
        from PySide6.QtGui import QAccessible

        return not QAccessible.isActive()

    def header_height(self) -> int:
        """The height the header and the tab rows take when shown, at the view's width.

        A folded header is not restyled until it is shown again (Qt polishes hidden widgets
        lazily), so its size hint may be the other theme's: what was measured while it was
        shown in this theme on this screen is used then."""
        key = (QApplication.instance().property("tensionTheme"), self.view.screen().name())
        if self.folded and key in self._heights:
            return self._heights[key]
        bar = self.view.tabs.tabBar()
        tabs = bar.heightForWidth(self.view.width()) if bar.hasHeightForWidth() else -1
        height = self.header.sizeHint().height() + (tabs if tabs >= 0 else bar.sizeHint().height())
        if not self.folded:
            self._heights[key] = height
        return height

    def toggle(self) -> None:
        self.set_folded(not self.folded)

    def set_folded(self, on: bool, chosen: bool = True) -> None:
        """Fold (True) or unfold the header and the tabs; ``chosen``: the coach asked for it."""
        if chosen:
            self._chosen = on
        self.folded = on
        view = self.view
        self._place_corner()
        self.header.setVisible(not on)
        view.tabs.tabBar().setVisible(not on)
        clock = view.session_clock
        hidden = clock.isHidden()  # shown by the agenda while a session runs
        if on:  # the session's clock stays in sight, in the strip
            self.corner.layout().insertWidget(0, clock)
        else:
            view.header_row.insertWidget(view.header_row.indexOf(self.fold_btn), clock)
        clock.setHidden(hidden)
        margins = view.layout().contentsMargins()
        view.layout().setContentsMargins(margins.left(), 2 if on else 8, margins.right(), 2 if on else 8)
        self.corner.setVisible(on)
        self.fold_btn.setVisible(not on and self.short())
        self.refresh_text()
        for widget in (view, view.window()):
            if widget.layout() is not None:
                widget.layout().activate()  # the exercise gets its room before the next paint

    def fit_to_window(self) -> None:
        """Fold on a short window, unfold on a tall one, unless the coach chose otherwise on
        this short window (their choice holds until the window is tall again)."""
        short = self.short()
        if not short:
            self._chosen = None
        fold = short if self._chosen is None else self._chosen
        if fold != self.folded:
            self.set_folded(fold, chosen=False)
        self.fold_btn.setVisible(not self.folded and short)

    def _tab_changed(self, _index: int) -> None:
        self.refresh_text()
        QTimer.singleShot(0, self, self._keep_focus)  # once the old page is hidden and the new one built

    def _keep_focus(self) -> None:
        focus = QApplication.focusWidget()
        if self.folded and (focus is None or not focus.isVisible()) and self.view.isVisible():
            # the page that had the keyboard was hidden and the folded tab bar (the tabs' focus
            # proxy) cannot take it: the new page keeps it, so Ctrl+Tab walks on to the next tab
            page = self.view.tabs.currentWidget()
            if page is not None:
                page.setFocus(Qt.FocusReason.OtherFocusReason)

    def _restyled(self) -> None:
        if self.folded:
            self.refresh_text()
        if self.view.isVisible():
            self.fit_to_window()

    # -- the strip ------------------------------------------------------------------------------
    def refresh_text(self) -> None:
        """"▾ Workshop title · current tab": where the coach is, with one tap to see more."""
        view = self.view
        tab = view.tabs.tabText(view.tabs.currentIndex()).replace("&&", "&")
        text = " · ".join(t for t in (view.title.text(), tab) if t)
        whiteboard = QApplication.instance().property("tensionTheme") == "whiteboard"
        # as tall as the menu bar it sits in on the coach's screen; a finger's size on the whiteboard
        factor = whiteboard_factor() if whiteboard else screen_factor()
        height = round(TOUCH_TARGET * max(1.0, factor)) if whiteboard else 0  # never under a finger's size
        style = scale_style_sheet(STRIP_STYLE, factor).format(height=height)
        if self.strip.styleSheet() != style:
            self.strip.setStyleSheet(style)
            self.strip.ensurePolished()  # measured below in the type it now has
        bold = QFont(self.strip.font())
        bold.setWeight(QFont.Weight.DemiBold)  # as the strip's style draws it
        fm = QFontMetrics(bold)
        # the room grows with the type (a 4K whiteboard's strip cut a short title at 640 px)
        shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, round(STRIP_TEXT_PX * max(1.0, factor)))
        self.strip.setText(f"▾  {shown}".replace("&", "&&"))
        self.strip.setAccessibleName(f"Show the header and the tabs: {text}")
        self._relayout_bar()

    def clock_changed(self) -> None:
        """The session clock's caption changed (every second while a session runs): in the
        strip, the menu bar's corner gets the width it now needs."""
        if self.folded:
            self._relayout_bar()

    def _relayout_bar(self) -> None:
        """The menu bar places its corner widget only when it is resized: after the strip's
        caption (or the session clock's) changed, the corner gets the width it now needs."""
        bar = self._menu_bar()
        if bar is None or bar.cornerWidget(Qt.Corner.TopRightCorner) is not self.corner:
            return
        self.corner.adjustSize()
        bar.updateGeometry()  # the clock may make it taller
        QApplication.sendEvent(bar, QResizeEvent(bar.size(), bar.size()))

    def _menu_bar(self):
        window = self.view.window()
        return window.menuBar() if isinstance(window, QMainWindow) else None

    def _place_corner(self) -> None:
        """The strip goes into the menu bar's free corner; into the view's own layout where
        there is no menu bar of ours (the platform's native one, a bare view in a test)."""
        bar = self._menu_bar()
        if bar is not None and not bar.isNativeMenuBar():
            if bar.cornerWidget(Qt.Corner.TopRightCorner) is not self.corner:
                bar.setCornerWidget(self.corner, Qt.Corner.TopRightCorner)
        elif self.view.layout().indexOf(self.corner) < 0:
            self.view.layout().insertWidget(0, self.corner, 0, Qt.AlignmentFlag.AlignLeft)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if obj is not self.view:
            return False
        kind = event.type()
        if kind in (QEvent.Type.Resize, QEvent.Type.Show):
            self.fit_to_window()
            if kind == QEvent.Type.Show:
                self.corner.setVisible(self.folded)
        elif kind == QEvent.Type.Hide:
            # the home screen (the view leaves the window) has no strip; when the window is
            # torn down the menu bar may have deleted the strip already (an exception raised
            # here then, during PySide's clean-up at exit, crashed the interpreter)
            if isValid(self.corner):
                self.corner.hide()
        elif kind == QEvent.Type.StyleChange:
            # the whiteboard's type (or back): the header's height changed, fold or unfold for it
            QTimer.singleShot(0, self, self._restyled)
        return False
