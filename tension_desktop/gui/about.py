"""Help → About: the version, the Qt and PySide6 under it, the data folder, the licences."""

from __future__ import annotations

import platform
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tension_desktop import __version__

from .plain import plain_label
from .qt import TOUCH_TARGET

LICENSES_DIR = Path(__file__).resolve().parent.parent / "resources" / "licenses"
NOTICES = LICENSES_DIR / "THIRD-PARTY-NOTICES.txt"


def versions() -> str:
    """One line: the app's version and the versions of what it runs on."""
    return (f"Version {__version__} · Qt {qVersion()} · PySide6 {PySide6.__version__} · "
            f"Python {platform.python_version()}")


def notices() -> str:
    """The third-party notices shipped with the app (its licences in full are beside them)."""
    try:
        return NOTICES.read_text(encoding="utf-8")
    except OSError:
        return "The third-party notices are missing from this copy of the app."


class AboutDialog(QDialog):
    """Versions, the data folder with a button to open it, and the third-party licences."""

    def __init__(self, data_dir: Path | None = None, parent: QWidget | None = None) -> None:
        """``data_dir``: the folder of the open library (default: the usual app-data folder)."""
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About Tension Desktop")
        if data_dir is None:
            from tension_desktop.store.paths import default_data_dir

            data_dir = default_data_dir()
        self.data_dir = Path(data_dir)
        layout = QVBoxLayout(self)
        title = plain_label("Tension Desktop")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        layout.addWidget(plain_label("Offline facilitation for leadership teams. Nothing leaves this computer."))
        self.versions_label = plain_label(versions())
        self.versions_label.setObjectName("aboutVersions")
        layout.addWidget(self.versions_label)

        row = QHBoxLayout()
        self.folder_label = plain_label(f"Your workshops are kept in: {self.data_dir}")
        self.folder_label.setObjectName("aboutDataFolder")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.folder_label, 1)
        self.open_folder = QPushButton("Open data folder")
        self.open_folder.setObjectName("openDataFolder")
        self.open_folder.setMinimumHeight(TOUCH_TARGET)
        self.open_folder.clicked.connect(self.open_data_folder)
        row.addWidget(self.open_folder)
        layout.addLayout(row)

        layout.addWidget(plain_label("Third-party software and licences:"))
        self.licences = QPlainTextEdit(notices())
        self.licences.setObjectName("aboutLicences")
        self.licences.setReadOnly(True)
        self.licences.setMinimumSize(640, 280)
        layout.addWidget(self.licences, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        for b in buttons.buttons():
            b.setMinimumSize(120, TOUCH_TARGET)
        layout.addWidget(buttons)

    def open_data_folder(self) -> bool:
        """Show the data folder in the system's file manager."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))
