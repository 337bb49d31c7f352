"""Makes the platform icons from the one app icon (resources/icons/tension-desktop.svg).

Writes build/icons/: PNGs (16..1024 px, for Linux's hicolor theme), tension-desktop.ico
(Windows) and tension-desktop.icns (macOS), drawn by Qt's SVG renderer and packed by Pillow.
Usage: python packaging/make_icons.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "tension_desktop" / "resources" / "icons" / "tension-desktop.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)


def main(out: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (needed for painting)
    out.mkdir(parents=True, exist_ok=True)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot read {SVG}")
    pngs: dict[int, Path] = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        pngs[size] = out / f"tension-desktop-{size}.png"
        image.save(str(pngs[size]))
    big = Image.open(pngs[1024])
    big.save(out / "tension-desktop.ico", sizes=[(s, s) for s in SIZES if s <= 256])
    big.save(out / "tension-desktop.icns")
    print(f"icons: {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "icons")
