"""The main window: home screen or an open workshop, menus, undo/redo, settings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from tension_desktop.store import Library, StoreError, workshops
from tension_desktop.store.rows import Snapshot

from .document import WorkshopDocument
from .forms import open_form
from .plain import window_title
from .qt import app_settings, remember_setting
from .theme import apply_theme
from .workshop_view import WorkshopView

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from .home import HomeScreen


class MainWindow(QMainWindow):
    """One window per library. Holds at most one open workshop at a time."""

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from .access_names import install_names_filter

        install_names_filter(self)  # every focusable control gets a name for screen readers
        self.lib = lib
        self.setObjectName("mainWindow")
        self.setWindowTitle("Tension Desktop")
        self.setMinimumSize(1024, 640)
        self.undo_group = QUndoGroup(self)
        self.doc: WorkshopDocument | None = None
        self.workshop_view: WorkshopView | None = None
        self._last_deleted: Snapshot | None = None
        #: the home screen's undo steps (renaming a workshop that is not open)
        self.home_undo = QUndoStack(self)
        self.undo_group.addStack(self.home_undo)
        self.undo_group.setActiveStack(self.home_undo)
        #: the dialog currently open (window-modal, no nested event loop)
        self.dialog: QDialog | None = None

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self._home: HomeScreen | None = None  # built when first needed (see :attr:`home`)
        self._build_menus()
        self.statusBar().showMessage("Every change is saved as you make it.")

    @property
    def home(self) -> HomeScreen:
        """The home screen (the library's workshops), built the first time it is needed: a
        start that reopens the last workshop does not build it before the first frame."""
        if self._home is None:
            from .home import HomeScreen

            home = self._home = HomeScreen(self.lib)
            self.stack.insertWidget(0, home)
            home.openRequested.connect(self.open_workshop)
            home.newRequested.connect(self.new_workshop)
            home.renameRequested.connect(self.rename_workshop)
            home.duplicateRequested.connect(self.duplicate_workshop)
            home.deleteRequested.connect(self.delete_workshop)
            home.importRequested.connect(self.import_workshop)
            home.exportRequested.connect(self.export_workshop)
        return self._home

    def _home_unless_open(self) -> None:
        """No workshop was opened: the window shows the home screen."""
        if self.stack.count() == 0:
            self.stack.setCurrentWidget(self.home)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self._home_unless_open()
        super().showEvent(event)

    # -- menus ---------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.act_new = file_menu.addAction("&New workshop…", lambda: self.new_workshop(self.home.selected_team_name()))
        self.act_new.setShortcut(QKeySequence.StandardKey.New)
        self.act_import = file_menu.addAction("&Import workshop…", self.import_workshop)
        self.act_export = file_menu.addAction("&Export workshop…", lambda: self.export_workshop(self._current_id()))
        self.export_menu = file_menu.addMenu("Export &handouts")
        self.export_menu.setObjectName("exportMenu")
        from .covenant.menu import add_menu_actions  # Covenant PDF, per participant, report

        add_menu_actions(self)
        file_menu.addSeparator()
        self.act_home = file_menu.addAction("&Workshops (home)", self.show_home)
        self.act_home.setShortcut(QKeySequence("Ctrl+Shift+H"))
        file_menu.addSeparator()
        act_quit = file_menu.addAction("&Quit", self.close)
        act_quit.setShortcut(QKeySequence.StandardKey.Quit)

        edit_menu = self.menuBar().addMenu("&Edit")
        self.act_undo = self.undo_group.createUndoAction(self, "&Undo")
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = self.undo_group.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addAction(self.act_undo)
        edit_menu.addAction(self.act_redo)
        self.act_undo_delete = edit_menu.addAction("Undo &delete workshop", self.undo_delete_workshop)
        self.act_undo_delete.setEnabled(False)

        view_menu = self.menuBar().addMenu("&View")
        self.act_whiteboard = QAction("&Whiteboard mode (fullscreen, large type)", self, checkable=True)
        self.act_whiteboard.setShortcut(QKeySequence("F11"))
        self.act_whiteboard.toggled.connect(self.set_whiteboard_mode)
        view_menu.addAction(self.act_whiteboard)
        self.act_panel_size = view_menu.addAction("Whiteboard &panel size…", self.ask_panel_size)
        self.act_start_session = view_menu.addAction("&Start session", self.start_session)
        self.act_start_session.setShortcut(QKeySequence("F5"))

        help_menu = self.menuBar().addMenu("&Help")
        self.act_about = help_menu.addAction("&About Tension Desktop", self.show_about)
        self.act_about.setMenuRole(QAction.MenuRole.AboutRole)  # macOS: in the application menu

    # -- workshops -------------------------------------------------------------------------
    def _current_id(self) -> int | None:
        if self.doc is not None and self.stack.currentWidget() is self.workshop_view:
            return self.doc.workshop_id
        return self.home.selected_workshop_id()

    def open_workshop(self, workshop_id: int) -> None:
        self._close_workshop()
        self.doc = WorkshopDocument(self.lib, workshop_id, self)
        self.doc.storeFailed.connect(self.show_store_error)
        self.doc.privateRoundChanged.connect(self._lock_for_private_round)
        self.undo_group.addStack(self.doc.undo_stack)
        self.undo_group.setActiveStack(self.doc.undo_stack)
        # made inside the stack: a view built outside and then added is restyled (app style sheet) twice
        self.workshop_view = WorkshopView(self.doc, self.stack)
        self.workshop_view.homeRequested.connect(self.show_home)
        self.stack.addWidget(self.workshop_view)
        self.stack.setCurrentWidget(self.workshop_view)
        self.setWindowTitle(window_title(f"{self.doc.workshop.title} - Tension Desktop"))
        remember_setting("lastWorkshop", workshop_id)

    def _lock_for_private_round(self) -> None:
        """No export, import or workshop switch while a private round runs: a file or
        another screen would show what the room must not see yet."""
        free = self.doc is None or self.doc.active_round() is None
        for act in (self.act_new, self.act_import, self.act_export, self.act_home, self.act_start_session):
            act.setEnabled(free)
        self.export_menu.setEnabled(free)

    def _close_workshop(self) -> None:
        if self.workshop_view is not None:
            self.stack.removeWidget(self.workshop_view)
            self.workshop_view.deleteLater()
            self.workshop_view = None
        if self.doc is not None:
            self.undo_group.removeStack(self.doc.undo_stack)
            self.doc.deleteLater()
            self.doc = None
            self._lock_for_private_round()
        self.undo_group.setActiveStack(self.home_undo)

    def show_home(self) -> None:
        selected = self.doc.workshop_id if self.doc else None
        self._close_workshop()
        self.home.refresh(selected)
        self.stack.setCurrentWidget(self.home)
        self.setWindowTitle("Tension Desktop")
        remember_setting("lastWorkshop", 0)

    def _open_dialog(self, dlg: QDialog, on_accept) -> None:
        """Show a dialog window-modally without a nested event loop; ``self.dialog`` while open."""
        open_form(self, dlg, on_accept)

    def new_workshop(self, team: str = "") -> None:
        from .dialogs import NewWorkshopDialog  # forms load when first opened (start-up)

        dlg = NewWorkshopDialog([t.name for t in workshops.list_teams(self.lib)], self, team)

        def accepted() -> None:
            team_name, title = dlg.values()
            ws = self._guard(workshops.create_workshop, self.lib, team_name, title, dlg.workshop_date())
            if ws is not None:
                from tension_desktop.store.session import ensure_agenda

                self._guard(ensure_agenda, self.lib, ws.id)  # starts from the 90-minute template
                self.home.refresh(ws.id)
                self.open_workshop(ws.id)
        self._open_dialog(dlg, accepted)

    def rename_workshop(self, workshop_id: int) -> None:
        """Rename through the workshop's document (the one, undoable rename): the open one's,
        or from the home screen one whose undo steps go on the home screen's stack."""
        ws = workshops.get_workshop(self.lib, workshop_id)
        from .dialogs import TextDialog

        dlg = TextDialog("Rename workshop", "Title", ws.title, self, field="workshop title")

        def accepted() -> None:
            doc = self.doc if self.doc is not None and self.doc.workshop_id == workshop_id else None
            if doc is None:
                doc = WorkshopDocument(self.lib, workshop_id, self, undo_stack=self.home_undo)
                doc.storeFailed.connect(self.show_store_error)
                doc.workshopChanged.connect(lambda: self.home.refresh(workshop_id))
            doc.rename_workshop(dlg.value())
            self.home.refresh(workshop_id)
        self._open_dialog(dlg, accepted)

    def duplicate_workshop(self, workshop_id: int) -> None:
        new = self._guard(workshops.duplicate_workshop, self.lib, workshop_id)
        if new is not None:
            self.home.refresh(new.id)

    def delete_workshop(self, workshop_id: int, *, confirm: bool = True) -> None:
        ws = workshops.get_workshop(self.lib, workshop_id)
        if confirm:
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(QMessageBox.Icon.Question, "Delete workshop",
                              f"Delete “{ws.title}” with all its placements, cards and covenant?\n\n"
                              "You can bring it back with Edit → Undo delete workshop until you close the app.",
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
            box.setObjectName("confirmDeleteBox")
            box.setTextFormat(Qt.TextFormat.PlainText)  # the title is the coach's text
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            box.button(QMessageBox.StandardButton.Yes).setText("Delete")
            for b in box.buttons():
                b.setMinimumSize(120, 48)

            def answered(_result: int) -> None:
                if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
                    self.delete_workshop(workshop_id, confirm=False)
            open_form(self, box, on_close=answered)
            return
        snap = self._guard(workshops.delete_workshop, self.lib, workshop_id)
        if snap is not None:
            self._last_deleted = snap
            self.act_undo_delete.setEnabled(True)
            self.home.refresh()
            self.statusBar().showMessage(f"Deleted “{ws.title}”. Edit → Undo delete workshop brings it back.")

    def undo_delete_workshop(self) -> None:
        if self._last_deleted is None:
            return
        snap, self._last_deleted = self._last_deleted, None
        self._guard(workshops.undelete, self.lib, snap)
        self.act_undo_delete.setEnabled(False)
        self.home.refresh(next(iter(snap.rows["workshops"])))

    def import_workshop(self, path: str | None = None) -> int | None:
        if not path:
            from .file_dialogs import open_file

            path = open_file(self, "workshop", "Import workshop", "Workshop files (*.tension *.json)")
        if not path:
            return None
        from tension_desktop.store import transfer  # loaded when needed: keeps start-up fast

        new_id = self._guard(transfer.import_workshop, self.lib, Path(path))
        if new_id is not None:
            self.home.refresh(new_id)
            self.statusBar().showMessage(f"Imported {Path(path).name}.")
        return new_id

    def offer_import(self, path: Path | str) -> None:
        """A workshop file the coach opened from outside (double-click, command line, the
        OS's open-file event): ask, then import it and open the new workshop."""
        path = Path(path)
        if self.dialog is not None or (self.doc is not None and self.doc.active_round() is not None):
            self.statusBar().showMessage(f"Finish what is open first, then use File → Import workshop for "
                                         f"{path.name}.", 15000)
            return
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, "Import workshop",
                          f"Import “{path.name}” into your library and open it?\n\n"
                          "The workshop is added as a new copy; the file itself is not changed.",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("offerImportBox")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the file name is anyone's text
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.button(QMessageBox.StandardButton.Yes).setText("Import and open")
        for b in box.buttons():
            b.setMinimumSize(120, 48)

        def answered(_result: int) -> None:
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
                new_id = self.import_workshop(str(path))
                if new_id is not None:
                    self.open_workshop(new_id)
        open_form(self, box, on_close=answered)

    def show_about(self) -> None:
        """Help → About: versions, the data folder (with a button to open it), the licences."""
        from .about import AboutDialog

        self._open_dialog(AboutDialog(Path(self.lib.path).parent, self), lambda: None)

    def export_workshop(self, workshop_id: int | None, path: str | None = None) -> None:
        if workshop_id is None:
            return
        if not path:
            ws = workshops.get_workshop(self.lib, workshop_id)
            from .file_dialogs import save_file

            path = save_file(self, "workshop", "Export workshop", f"{ws.title}.tension",
                             "Workshop file (*.tension);;JSON (*.json)")
        from tension_desktop.store import transfer

        if path and self._guard(transfer.export_workshop, self.lib, workshop_id, Path(path)) is not None:
            self.statusBar().showMessage(f"Exported to {path}.")

    def _guard(self, fn, *args):
        try:
            return fn(*args)
        except (StoreError, KeyError, ValueError) as exc:
            self.show_store_error(str(exc))
            return None

    def show_store_error(self, message: str) -> None:
        """A clear, non-fatal message; the app keeps running and nothing saved is lost."""
        self.statusBar().showMessage(message, 15000)
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, "Not saved" if "saved" in message else "Tension Desktop",
                          message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setObjectName("storeErrorBox")
        box.open()

    # -- modes and settings --------------------------------------------------------------
    def _agenda(self):
        """The Agenda tab of the open workshop (gui.session), if any."""
        return self.workshop_view.exercise_widgets.get("session") if self.workshop_view else None

    def start_session(self) -> None:
        agenda = self._agenda()
        if agenda is not None:
            agenda.start_session()

    def ask_panel_size(self) -> None:
        """The room panel's diagonal, for a panel that reports no size or a wrong one: the
        whiteboard's names are then 20 mm tall and secondary text 12 mm on it."""
        from PySide6.QtWidgets import QInputDialog

        from .legibility import panel_diagonal_setting, set_panel_diagonal

        dlg = QInputDialog(self)
        dlg.setWindowTitle("Whiteboard panel size")
        dlg.setLabelText("Diagonal of the room's panel in inches (0: use the size the screen reports):")
        dlg.setInputMode(QInputDialog.InputMode.DoubleInput)
        dlg.setDoubleRange(0.0, 200.0)
        dlg.setDoubleDecimals(0)
        dlg.setDoubleValue(panel_diagonal_setting() or 0.0)

        def chosen() -> None:
            set_panel_diagonal(dlg.doubleValue() or None)
            if QApplication.instance().property("tensionTheme") == "whiteboard":
                apply_theme(QApplication.instance(), "whiteboard")  # canvases re-read their sizes

        open_form(self, dlg, chosen)

    def set_whiteboard_mode(self, on: bool) -> None:
        agenda = self._agenda()
        if agenda is not None and getattr(agenda, "is_running", False):
            agenda.set_whiteboard_visible(on)  # during a session F11 shows/hides the whiteboard window
            return
        apply_theme(QApplication.instance(), "whiteboard" if on else "light")
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def restore_settings(self) -> None:
        settings = app_settings()
        geometry = settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        last = int(settings.value("lastWorkshop", 0) or 0)
        if last:
            try:
                workshops.get_workshop(self.lib, last)
            except KeyError:
                last = 0
        if last:
            self.open_workshop(last)
        self._home_unless_open()

    def closeEvent(self, event: QCloseEvent) -> None:
        app_settings().setValue("geometry", self.saveGeometry())
        super().closeEvent(event)
