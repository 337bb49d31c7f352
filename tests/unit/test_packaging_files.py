"""The packaging files agree with each other and with the app: the file type every system
registers, the desktop entry, and what the trimmed bundle keeps."""

from __future__ import annotations

import configparser
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))

import packaging_trim  # noqa: E402

MIME = "application/x-tension-workshop"


def test_the_desktop_entry_opens_a_file_and_registers_the_workshop_type():
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(ROOT / "tension_desktop" / "resources" / "tension-desktop.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"].split()[0] == "tension-desktop" and "%f" in section["Exec"].split()
    assert MIME in section["MimeType"].split(";")
    assert section["Icon"] == "tension-desktop"
    xml = (PACKAGING / "linux" / "tension-desktop-mime.xml").read_text(encoding="utf-8")
    assert f'type="{MIME}"' in xml and 'pattern="*.tension"' in xml


def test_windows_and_macos_register_tension_files_with_the_app():
    iss = (PACKAGING / "windows" / "tension-desktop.iss").read_text(encoding="utf-8")
    assert 'Subkey: "Software\\Classes\\.tension"' in iss
    assert '"{app}\\tension-desktop.exe"" ""%1"""' in iss
    assert "PrivilegesRequired=lowest" in iss  # per user: no administrator password
    spec = (PACKAGING / "tension-desktop.spec").read_text(encoding="utf-8")
    assert '"CFBundleTypeExtensions": ["tension"]' in spec
    assert f'"public.mime-type": ["{MIME}"]' in spec
    assert 'name="tension-desktop-cli", console=True' in spec  # the console twin on Windows


@pytest.mark.parametrize("dest, dropped", [
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
    ("PySide6/Qt/translations/qtbase_de.qm", True),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", True),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", True),
    ("PySide6/Qt/plugins/platforms/libqlinuxfb.so", True),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", False),      # the X11 window
    ("PySide6/Qt/plugins/platforms/libqwayland.so", False),  # the Wayland window
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),  # self-check, headless exports
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),   # every icon is SVG
    ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", False),
    ("PySide6/Qt/plugins/platforms/qwindows.dll", False),
    ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", False),
    ("PySide6/Qt/lib/libQt6Network.so.6", False),  # QNetworkInterface (the room link's addresses)
    ("PySide6/QtNetwork.abi3.so", False),
    ("PySide6/Qt6Network.dll", False),
])
def test_the_bundle_drops_what_no_coach_needs_and_keeps_the_windows_and_icons(dest, dropped):
    assert packaging_trim.drop(dest) is dropped


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux system libraries")
def test_libraries_needing_a_newer_glibc_come_from_the_system():
    for name in ("libstdc++.so.6", "libexpat.so.1", "libgcc_s.so.1"):
        assert packaging_trim.drop(name)
    assert not packaging_trim.drop("libpython3.11.so.1.0")
    assert not packaging_trim.drop("libxcb-cursor.so.0")


def test_the_version_resource_carries_the_app_version(tmp_path):
    import version_info

    from tension_desktop import __version__

    out = tmp_path / "version_info.txt"
    version_info.main(out)
    text = out.read_text(encoding="utf-8")
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
    nums = re.search(r"filevers=\((\d+), (\d+), (\d+), (\d+)\)", text).groups()
    assert ".".join(nums[:3]) == __version__
