"""Writes build/version_info.txt: the Windows version resource of both exes (PyInstaller format)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TEMPLATE = """# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(filevers={nums}, prodvers={nums}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'Tension Desktop'),
      StringStruct('FileDescription', 'Tension Desktop: offline facilitation for leadership teams'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'tension-desktop'),
      StringStruct('LegalCopyright', 'Tension Desktop; third-party licences in the licenses folder'),
      StringStruct('OriginalFilename', 'tension-desktop.exe'),
      StringStruct('ProductName', 'Tension Desktop'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def main(out: Path) -> None:
    from tension_desktop import __version__

    parts = [int(p) for p in __version__.split(".")[:3] if p.isdigit()]
    nums = tuple((parts + [0, 0, 0, 0])[:4])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(TEMPLATE.format(nums=nums, version=__version__), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "version_info.txt")
