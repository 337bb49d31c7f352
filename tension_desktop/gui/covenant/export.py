"""Export → Covenant PDF from the window: team covenant, one per participant, session report.

The PDFs are made by :mod:`tension_desktop.export` (no Qt); this module only asks where
to save, reports what was written, and asks before printing text that has no glyph.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from tension_desktop.store import StoreError

from ..document import WorkshopDocument
from ..file_dialogs import choose_folder, save_file
from ..flow import FlowLayout
from ..output import show_output_error
from ..qt import TOUCH_TARGET
from ..widgets import big_button


class ExportPanel(QWidget):
    """Paper choice and three export buttons (also reached from File → Export handouts)."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("covenantExport")
        self.paper = QComboBox()
        self.paper.setObjectName("paperChoice")
        self.paper.setMinimumHeight(TOUCH_TARGET)
        self.paper.addItem("A4", "a4")
        self.paper.addItem("US Letter", "letter")
        # ReportLab loads when the tab is first shown, not at start-up
        from tension_desktop.export.layout import default_paper

        self.paper.setCurrentIndex(self.paper.findData(default_paper()))
        self.team_btn = big_button("Covenant PDF…", primary=True, name="exportTeam")
        self.each_btn = big_button("One per participant…", name="exportEach")
        self.report_btn = big_button("Session report…", name="exportReport")
        self.team_btn.clicked.connect(lambda: self.export_team())
        self.each_btn.clicked.connect(lambda: self.export_each())
        self.report_btn.clicked.connect(lambda: self.export_report())
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setObjectName("exportResult")
        self.team_btn.setText("Covenant PDF…")
        self.each_btn.setText("Per participant…")
        buttons = FlowLayout()  # as many per row as fit beside the covenant: no caption is cut
        for w in (self.team_btn, self.each_btn, self.report_btn, self.paper):
            buttons.addWidget(w)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 6, 0, 0)
        column.addLayout(buttons)
        column.addWidget(self.result)
        self.paper.setToolTip("Paper size of the PDFs")

    # -- exports ---------------------------------------------------------------------------------
    def _paper(self) -> str:
        return self.paper.currentData()

    def _default_name(self, what: str) -> str:
        from tension_desktop.export.covenant_pdf import safe_filename

        return str(Path.home() / f"{safe_filename(self.doc.workshop.title)} - {what}.pdf")

    def _run(self, make, missing: str = "error", allow_open_points: bool = False) -> list | None:
        """Run an export (``make(missing, allow_open_points)``); on open points or unprintable
        text, say what and ask before printing anyway."""
        from tension_desktop.export.covenant_pdf import HandoutsFailed, OpenPoints
        from tension_desktop.export.fonts import UnprintableText

        try:
            return make(missing, allow_open_points)
        except OpenPoints as exc:
            lines = "\n".join(f"• {w.message}" for w in exc.points[:8])
            more = f"\n… and {len(exc.points) - 8} more" if len(exc.points) > 8 else ""
            box = QMessageBox(QMessageBox.Icon.Warning, "The covenant has open points",
                              "Some rows break the covenant's own rules:\n" + lines + more
                              + "\n\nPrint anyway? Those rows are marked “Open point” and listed at the end.",
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setObjectName("openPointsBox")
            if self._ask(box) != QMessageBox.StandardButton.Yes:
                self._say("Not printed: the covenant has open points.")
                return None
            return self._run(make, missing, True)
        except UnprintableText as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, "Some text cannot be printed",
                              "Some text cannot be printed with the bundled fonts:\n" + exc.details()
                              + "\n\nPrint anyway? Those characters will show as empty boxes.",
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setObjectName("unprintableBox")
            if self._ask(box) != QMessageBox.StandardButton.Yes:
                return None
            return self._run(make, "replace", allow_open_points)
        except HandoutsFailed as exc:  # the others were written: say exactly which were not
            self._say(str(exc))
            show_output_error(self, str(exc))
            return None
        except (OSError, StoreError) as exc:  # refused (the library's own file) or not written
            self._say(f"Could not write the PDF: {exc}")
            show_output_error(self, str(exc))
            return None

    def _ask(self, box: QMessageBox):  # tests replace this
        return box.exec()

    def _say(self, text: str) -> None:
        self.result.setText(text)
        status = getattr(self.window(), "statusBar", None)
        if callable(status):
            status().showMessage(text, 15000)

    def export_team(self, path: str | None = None) -> Path | None:
        from tension_desktop.export.covenant_pdf import export_covenant

        if path is None:
            path = save_file(self, "pdf", "Save the covenant", self._default_name("covenant"), "PDF (*.pdf)")
        if not path:
            return None
        res = self._run(lambda missing, allow: export_covenant(self.doc.lib, self.doc.workshop_id, path,
                                                               paper=self._paper(), missing=missing,
                                                               allow_open_points=allow))
        if res:
            self._say(f"Saved the covenant ({res[0].pages} pages) to {res[0].path}.")
            return res[0].path
        return None

    def export_each(self, folder: str | None = None) -> list[Path]:
        from tension_desktop.export.covenant_pdf import export_covenant

        if folder is None:
            folder = choose_folder(self, "pdf", "Folder for the personal handouts")
        if not folder:
            return []
        res = self._run(lambda missing, allow: export_covenant(self.doc.lib, self.doc.workshop_id, None,
                                                               per_participant=folder, paper=self._paper(),
                                                               missing=missing, allow_open_points=allow))
        if res is None:
            return []
        self._say(f"Saved {len(res)} personal handouts to {folder}.")
        return [r.path for r in res]

    def export_memo(self, number: int, path: str | None = None) -> Path | None:
        """The one-page memo of decision right ``number`` (1-based)."""
        from tension_desktop.export.memo_pdf import export_memo

        if path is None:
            path = save_file(self, "pdf", "Save the decision memo", self._default_name(f"decision {number} memo"),
                             "PDF (*.pdf)")
        if not path:
            return None
        res = self._run(lambda missing, _allow: [export_memo(self.doc.lib, self.doc.workshop_id, number, path,
                                                             paper=self._paper(), missing=missing)])
        if res:
            self._say(f"Saved the decision memo to {res[0].path}.")
            return res[0].path
        return None

    def export_report(self, path: str | None = None) -> Path | None:
        from tension_desktop.export.report_pdf import export_report

        if path is None:
            path = save_file(self, "pdf", "Save the session report", self._default_name("report"), "PDF (*.pdf)")
        if not path:
            return None
        res = self._run(lambda missing, _allow: [export_report(self.doc.lib, self.doc.workshop_id, path,
                                                       paper=self._paper(), missing=missing)])
        if res:
            self._say(f"Saved the session report ({res[0].pages} pages) to {res[0].path}.")
            return res[0].path
        return None
