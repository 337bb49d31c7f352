"""Page layout shared by the handouts and the report: paper, styles, header and footer.

Grayscale-safe by design: black text on white, table headers on light gray, highlighted
boxes drawn with a thick rule (not colour alone), so office printers keep the meaning.
"""

from __future__ import annotations

import io
import locale
import os
from collections.abc import Callable
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from .fonts import FONT_NAMES, SANS, SANS_BOLD, register_fonts, shaped_runs, text_object_class

PAPERS = {"a4": A4, "letter": LETTER}
#: Territories that use US Letter (ISO 216 everywhere else).
LETTER_TERRITORIES = {"US", "CA", "MX", "PH", "PR", "CL", "CO", "VE", "CR", "GT", "SV", "NI", "PA", "DO", "BZ"}

INK = colors.black
MUTED = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.55, 0.55, 0.55)
HEAD_FILL = colors.Color(0.86, 0.86, 0.86)
BOX_FILL = colors.Color(0.94, 0.94, 0.94)
MARGIN = 18 * mm


def default_paper(env: dict[str, str] | None = None) -> str:
    """'letter' when the locale's territory uses Letter (US, Canada, Mexico...), else 'a4'."""
    env = dict(os.environ) if env is None else env
    for var in ("LC_ALL", "LC_PAPER", "LANG"):
        value = env.get(var, "")
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            territory = value.split(".")[0].split("@")[0].partition("_")[2].upper()
            return "letter" if territory in LETTER_TERRITORIES else "a4"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "letter" if loc.partition("_")[2].upper() in LETTER_TERRITORIES else "a4"


def page_size(paper: str | None) -> tuple[float, float]:
    key = (paper or default_paper()).lower()
    if key not in PAPERS:
        raise ValueError(f"paper: must be a4 or letter, got {paper!r}")
    return PAPERS[key]


def styles() -> dict[str, ParagraphStyle]:
    """The type scale: one family, clear hierarchy, generous leading for print."""
    register_fonts()
    body = ParagraphStyle("body", fontName=SANS, fontSize=10, leading=14, textColor=INK, spaceAfter=0)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=SANS_BOLD, fontSize=22, leading=27, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=12, leading=16, textColor=MUTED, spaceAfter=14),
        "h2": ParagraphStyle("h2", parent=body, fontName=SANS_BOLD, fontSize=14, leading=18, spaceBefore=16,
                             spaceAfter=6, keepWithNext=0),
        "h3": ParagraphStyle("h3", parent=body, fontName=SANS_BOLD, fontSize=11, leading=15, spaceBefore=8,
                             spaceAfter=3, keepWithNext=0),
        "body": body,
        "item": ParagraphStyle("item", parent=body, leftIndent=9 * mm, bulletIndent=0, spaceAfter=5,
                               bulletFontName=SANS),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=12),
        "cellhead": ParagraphStyle("cellhead", parent=body, fontName=SANS_BOLD, fontSize=9, leading=12),
        "note": ParagraphStyle("note", parent=body, fontSize=9, leading=12, textColor=MUTED),
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=MUTED),
    }


def _draw_text(canv: Canvas, x: float, y: float, text: str, size: float, *, right: bool = False,
               base: str = SANS) -> None:
    """Header/footer text with the same font fallback as paragraphs (no markup involved)."""
    from .fonts import clean, has_rtl, text_width, visual

    text = clean(text).replace("\n", " ")
    if has_rtl(text):
        text = visual(text, False)
    if right:
        x -= text_width(text, base, size)
    for font, chunk, width in shaped_runs(text, base, size):  # Indic and Thai runs shaped
        canv.setFont(font, size)
        canv.drawString(x, y, chunk)
        x += width


def _fit(text: str, size: float, width: float) -> str:
    from .fonts import clusters, text_width

    if text_width(text, SANS, size) <= width:
        return text
    parts = clusters(text)  # never cut a syllable in two
    while parts and text_width("".join(parts) + "…", SANS, size) > width:
        parts.pop()
    return "".join(parts) + "…"


def numbered_canvas(footer: str, header: str = "") -> type[Canvas]:
    """A canvas class that writes 'Page N of M', the footer text and an optional header."""

    class _Canvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            # the doc template passes initialFontName=None: without this the canvas starts in
            # Helvetica, which every PDF would then list as a font that is not embedded
            kwargs["initialFontName"] = kwargs.get("initialFontName") or SANS
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None:  # noqa: N802
            """Only bundled (embedded) fonts: ReportLab's own defaults (a table cell's
            Helvetica, for one) become the bundled sans, so a print shop's preflight never
            finds a font that is not embedded."""
            if psfontname not in FONT_NAMES:
                psfontname = SANS_BOLD if "bold" in psfontname.lower() else SANS
            super().setFont(psfontname, size, leading)

        def beginText(self, x=0, y=0, direction=None):  # noqa: N802 - ReportLab's name
            """Text objects that tag shaped (Indic, Thai) runs with the typed text."""
            return text_object_class()(self, x, y, direction=direction)

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            w, h = self._pagesize
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, 14 * mm, w - MARGIN, 14 * mm)
            self.setFillColor(MUTED)
            page = f"Page {self._pageNumber} of {total}"
            _draw_text(self, w - MARGIN, 9 * mm, page, 8, right=True)
            _draw_text(self, MARGIN, 9 * mm, _fit(footer, 8, w - 2 * MARGIN - 30 * mm), 8)
            if header:
                self.setFillColor(INK)
                _draw_text(self, w - MARGIN, h - 11 * mm, _fit(header, 9, w - 2 * MARGIN), 9, right=True,
                           base=SANS_BOLD)
            self.restoreState()

    return _Canvas


def build_pdf(path: Path | str, story: list, *, paper: str | None, title: str, footer: str,
              header: str = "", author: str = "Tension Desktop",
              on_page: Callable | None = None) -> int:
    """Lay out ``story`` on A4/Letter with margins, footer and page numbers. Returns the page count.

    The PDF is made in memory and written through the one output writer: whole or not at all,
    never over the library (:func:`~tension_desktop.store.safe_files.write_atomically`)."""
    from tension_desktop.store.safe_files import refuse_library_path, write_atomically

    refuse_library_path(path)  # before the work of laying out
    register_fonts()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=page_size(paper), leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm, title=title, author=author,
                            creator="Tension Desktop", initialFontName=SANS)
    doc.build(story, canvasmaker=numbered_canvas(footer, header))
    write_atomically(path, buf.getvalue())
    return doc.page


def frame_width(paper: str | None) -> float:
    return page_size(paper)[0] - 2 * MARGIN
