"""Whiteboard type grows with an unscaled 4K panel; hairline borders do not."""

from tension_desktop.gui.theme import UI_DIR, scale_style_sheet


def test_sizes_double_on_a_panel_twice_as_tall():
    out = scale_style_sheet("QWidget { font-size: 16pt; min-height: 72px; border: 2px solid #000; }", 2.0)
    assert "font-size: 32.0pt" in out and "min-height: 144px" in out and "border: 2px" in out


def test_a_1080_panel_keeps_the_style_sheet_as_written():
    text = (UI_DIR / "whiteboard.qss").read_text(encoding="utf-8")
    assert scale_style_sheet(text, 1.0) == text


def test_every_icon_a_style_sheet_names_exists():
    import re

    from tension_desktop.gui.theme import ICONS_DIR

    for qss in UI_DIR.glob("*.qss"):
        for name in re.findall(r"url\(icons:([^)]+)\)", qss.read_text(encoding="utf-8")):
            assert (ICONS_DIR / name).is_file(), f"{qss.name} names a missing icon {name}"
