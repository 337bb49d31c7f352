"""Bundled Unicode fonts for the PDFs, and safe markup for user text.

ReportLab's built-in Helvetica has no glyphs outside Latin-1 and prints Greek, Cyrillic,
Arabic, Hebrew and CJK as boxes without any error, so every PDF uses the TrueType fonts
in ``resources/fonts`` (embedded, subset):

* DejaVu Sans (regular, bold): Latin, Greek, Cyrillic, Hebrew, Arabic (presentation forms);
* Droid Sans Fallback: Chinese and Japanese;
* Nanum Gothic: Korean Hangul.

Text is split into runs by the first font that has each character, and each run is
escaped (``xml.sax.saxutils.escape``) before it is wrapped in ``<font name=...>``, so
ReportLab's paragraph mini-markup never acts on what a participant typed.

Right-to-left: Arabic is shaped with ``arabic_reshaper`` (contextual forms and lam-alef
ligatures) and Arabic/Hebrew lines are put in visual order with ``python-bidi``; the
paragraph breaks lines itself in logical order first (:class:`BidiParagraph`), so a
multi-line paragraph reads top to bottom. ReportLab's own RTL support needs ``rlbidi``,
which is not published on PyPI, hence this route.

A character that no bundled font has is recorded as a :class:`Unprintable` (field and
text) instead of printing a silent box.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont
from reportlab.platypus import Flowable, Paragraph

from tension_desktop.terminal import summary

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"

SANS, SANS_BOLD, CJK, HANGUL = "TD-Sans", "TD-Sans-Bold", "TD-CJK", "TD-Hangul"
_FILES = {SANS: "DejaVuSans.ttf", SANS_BOLD: "DejaVuSans-Bold.ttf", CJK: "DroidSansFallbackFull.ttf",
          HANGUL: "NanumGothic.ttf"}
#: Every font name a handout may embed.
FONT_NAMES = tuple(_FILES)


@dataclass(frozen=True, slots=True)
class Unprintable:
    """Text that holds characters no bundled font can print."""

    field: str
    text: str
    characters: str

    def __str__(self) -> str:
        codes = summary((f"U+{ord(c):04X}" for c in self.characters), first=5, sep=", ")
        text = " ".join(self.text.split())  # one line, whatever the field holds
        return f"{self.field}: “{text[:80]}” has characters no bundled font can print ({codes})"


class UnprintableText(ValueError):
    """Raised when an export would print boxes; ``problems`` lists every field and text concerned.

    Its message is one line naming the first fields and counting the rest (the command line
    prints errors as one line); :meth:`details` gives one line per field for a dialog."""

    def __init__(self, problems: list[Unprintable]) -> None:
        self.problems = problems
        super().__init__("Some text cannot be printed with the bundled fonts: " + summary(problems))

    def details(self) -> str:
        """Every field concerned, one per line."""
        return "\n".join(map(str, self.problems))


@cache
def register_fonts() -> None:
    """Register the Latin/Greek/Cyrillic/Arabic/Hebrew fonts with ReportLab (once per process).

    The CJK and Hangul fonts (4-5 MB each) are registered on first need (:func:`_font`), so
    a workshop without such text does not pay for loading them."""
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping

    rl_config.useA85 = 0  # binary compressed streams: smaller files, no ASCII85 pass
    _font(SANS)
    _font(SANS_BOLD)
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS)
    addMapping(SANS, 1, 1, SANS_BOLD)


def _utf16_hex(cp: int) -> str:
    """A code point as the UTF-16BE hex a ToUnicode CMap needs (a surrogate pair beyond U+FFFF)."""
    return chr(cp).encode("utf-16-be", "surrogatepass").hex().upper()


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap for one subset, with characters beyond U+FFFF written as
    UTF-16 surrogate pairs (ReportLab writes their code point as is, so copy, search and
    screen readers get other characters)."""
    from reportlab.pdfbase.ttfonts import makeToUnicodeCMap

    cmap = makeToUnicodeCMap(fontname, subset)
    lines = cmap.split("\n")
    start = lines.index(f"{len(subset)} beginbfchar") + 1
    lines[start:start + len(subset)] = [f"<{i:02X}> <{_utf16_hex(cp)}>" for i, cp in enumerate(subset)]
    return "\n".join(lines)


class _TTFont(TTFont):
    """A TrueType font whose text layer extracts right beyond U+FFFF (emoji, 𝐀)."""

    def addObjects(self, doc) -> None:  # noqa: N802 - ReportLab's name
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            if max(subset, default=0) <= 0xFFFF:
                continue
            base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            doc.idToObject["toUnicodeCMap:" + base].content = to_unicode_cmap(base, subset)


@cache
def _font(name: str) -> TTFont:
    font = _TTFont(name, str(FONT_DIR / _FILES[name]))
    pdfmetrics.registerFont(font)
    return font


@cache
def _coverage(name: str) -> frozenset[int]:
    return frozenset(_font(name).face.charToGlyph)


def _chain(base: str) -> tuple[str, ...]:
    return (SANS_BOLD, SANS, CJK, HANGUL) if base == SANS_BOLD else (SANS, CJK, HANGUL)


def _font_for(ch: str, base: str) -> str | None:
    cp = ord(ch)
    for name in _chain(base):
        if cp in _coverage(name):
            return name
    return None


def _ignorable(ch: str) -> bool:
    """Control and format characters (zero-width joiners, bidi marks) print nothing."""
    return unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\n\t"


def clean(text: str) -> str:
    """User text without control/format characters; tabs become spaces."""
    return "".join(ch for ch in str(text) if not _ignorable(ch)).replace("\t", "    ")


def runs(text: str, base: str = SANS, field: str = "text",
         problems: list[Unprintable] | None = None) -> list[tuple[str, str]]:
    """Split ``text`` into (font name, text) runs; unprintable characters are reported
    to ``problems`` and kept in the base font's run."""
    if text.isascii():  # the common case: DejaVu (regular and bold) has every ASCII glyph
        return [(base, text)] if text else []
    out: list[tuple[str, str]] = []
    missing: list[str] = []
    for ch in text:
        font = base if ch in " \n" else _font_for(ch, base)
        if font is None:
            missing.append(ch)
            font = base
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + ch)
        else:
            out.append((font, ch))
    if missing and problems is not None:
        problems.append(Unprintable(field, text, "".join(dict.fromkeys(missing))))
    return out


def markup(text: str, base: str = SANS, field: str = "text", problems: list[Unprintable] | None = None) -> str:
    """Paragraph markup for user text: escaped, with a font per script run, newlines as <br/>."""
    parts = []
    for font, chunk in runs(clean(text), base, field, problems):
        body = escape(chunk).replace("\n", "<br/>")
        parts.append(body if font == base else f'<font name="{font}">{body}</font>')
    return "".join(parts)


def text_width(text: str, base: str, size: float) -> float:
    """Width of plain text in points, measured run by run in the fonts that will print it."""
    return sum(pdfmetrics.stringWidth(chunk, font, size) for font, chunk in runs(text, base))


# -- scripts -------------------------------------------------------------------------------------
def _is_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


def has_rtl(text: str) -> bool:
    return any(_is_rtl(c) for c in text)


def is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (0x2E80 <= cp <= 0x9FFF or 0xAC00 <= cp <= 0xD7AF or 0xF900 <= cp <= 0xFAFF
            or 0xFF00 <= cp <= 0xFFEF or 0x20000 <= cp <= 0x2FFFF or 0x1100 <= cp <= 0x11FF)


def has_cjk(text: str) -> bool:
    return any(is_cjk(c) for c in text)


def base_direction_rtl(text: str) -> bool:
    """Paragraph direction from the first strong character (Unicode bidi rule P2)."""
    for ch in text:
        d = unicodedata.bidirectional(ch)
        if d in ("R", "AL"):
            return True
        if d == "L":
            return False
    return False


@lru_cache(maxsize=4096)
def visual(line: str, rtl: bool) -> str:
    """One line of logical text in visual order, Arabic shaped."""
    import arabic_reshaper
    from bidi.algorithm import get_display  # the reference implementation: it mirrors brackets

    return get_display(arabic_reshaper.reshape(line), base_dir="R" if rtl else "L")


class BidiParagraph(Flowable):
    """A paragraph of user text with right-to-left runs (Arabic, Hebrew).

    Lines are broken in logical order at the width the layout offers, then each line is
    shaped and reordered for display; the result is an ordinary Paragraph of escaped
    lines, aligned right when the paragraph's first strong character is right-to-left.
    """

    def __init__(self, text: str, style: ParagraphStyle, field: str = "text",
                 problems: list[Unprintable] | None = None) -> None:
        super().__init__()
        self.text = clean(text)
        self.style = style
        self.field = field
        self.problems = problems
        self._para: Paragraph | None = None
        self._width = None
        runs(self.text, style.fontName, field, problems)  # report unprintable characters once

    def _lines(self, width: float) -> list[str]:
        size = self.style.fontSize
        base = self.style.fontName
        lines: list[str] = []
        for block in self.text.split("\n"):
            line = ""
            for word in block.split(" "):
                trial = f"{line} {word}" if line else word
                if not line or text_width(visual(trial, False), base, size) <= width:
                    line = trial
                    if text_width(visual(line, False), base, size) <= width:
                        continue
                else:
                    lines.append(line)
                    line = word
                # a word longer than the line: cut it by characters
                while text_width(visual(line, False), base, size) > width and len(line) > 1:
                    cut = len(line) - 1
                    while cut > 1 and text_width(visual(line[:cut], False), base, size) > width:
                        cut -= 1
                    lines.append(line[:cut])
                    line = line[cut:]
            lines.append(line)
        return lines

    def _build(self, width: float) -> Paragraph:
        if self._para is None or self._width != width:
            rtl = base_direction_rtl(self.text)
            body = "<br/>".join(markup(visual(line, rtl), self.style.fontName) for line in self._lines(width))
            style = ParagraphStyle(f"{self.style.name}-bidi", parent=self.style,
                                   alignment=TA_RIGHT if rtl else (self.style.alignment or TA_LEFT))
            self._para = Paragraph(body, style)
            self._width = width
        return self._para

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        para = self._build(availWidth)
        w, h = para.wrap(availWidth, availHeight)
        self.width, self.height = w, h
        return w, h

    def split(self, availWidth, availHeight):  # noqa: N803
        return self._build(availWidth).split(availWidth, availHeight)

    def draw(self) -> None:
        self._para.drawOn(self.canv, 0, 0)

    def getKeepWithNext(self) -> bool:  # noqa: N802
        return bool(getattr(self.style, "keepWithNext", False))


def para(text: str, style: ParagraphStyle, field: str = "text",
         problems: list[Unprintable] | None = None, bullet: str | None = None) -> Flowable:
    """The flowable for one piece of user text: always escaped, with font fallback; CJK
    text may break between any two characters; RTL text goes through :class:`BidiParagraph`."""
    register_fonts()
    text = clean(text)
    if has_rtl(text):
        return BidiParagraph(text, style, field, problems)
    if has_cjk(text):
        style = ParagraphStyle(f"{style.name}-cjk", parent=style, wordWrap="CJK")
    return Paragraph(markup(text, style.fontName, field, problems), style, bulletText=bullet)
