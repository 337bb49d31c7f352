"""Bundled Unicode fonts for the PDFs, and safe markup for user text.

ReportLab's built-in Helvetica has no glyphs outside Latin-1 and prints Greek, Cyrillic,
Arabic, Hebrew and CJK as boxes without any error, so every PDF uses the TrueType fonts
in ``resources/fonts`` (embedded, subset):

* DejaVu Sans (regular, bold): Latin, Greek, Cyrillic, Hebrew, Arabic (presentation forms);
* Droid Sans Fallback: Chinese and Japanese;
* Nanum Gothic: Korean Hangul;
* Noto Sans Devanagari, Bengali, Tamil, Telugu, Gujarati, Gurmukhi, Kannada, Malayalam and
  Thai (regular, bold): scripts that need OpenType shaping (conjuncts, vowel signs that
  reorder or stack). Their runs are shaped by HarfBuzz through ReportLab (``uharfbuzz``;
  :func:`para` turns ``shaping`` on for any paragraph holding such text, and
  :func:`shaped_runs` shapes header/footer text drawn on the canvas); the other fonts are
  never shaped, so Latin, Greek, Cyrillic and CJK print exactly as before (:class:`_TTFont`).

Text layer of shaped runs: every shaped word is written inside a ``/Span`` with
``/ActualText`` (the typed text; :func:`text_object_class`), and glyphs HarfBuzz substituted
(ReportLab gives them private-use codes) get ToUnicode entries for the characters they show
(:func:`_private_glyph_text`), for readers that ignore ActualText.

Runs are chosen cluster by cluster (a base character with its combining marks, viramas and
zero-width joiners), and a character of an Indic or Thai block always goes to its script's
font, so a Hindi name in an English sentence never changes font inside a syllable. A word
holding runs in several fonts (``“राम”,``) is shaped font run by font run
(:func:`_shape_by_font`), since ReportLab shapes a whole word with its first font.

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

import re
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
#: Scripts that need shaping: Unicode block -> Noto Sans family name part.
SHAPED_SCRIPTS: dict[str, tuple[int, int]] = {
    "Devanagari": (0x0900, 0x097F), "Bengali": (0x0980, 0x09FF), "Gurmukhi": (0x0A00, 0x0A7F),
    "Gujarati": (0x0A80, 0x0AFF), "Tamil": (0x0B80, 0x0BFF), "Telugu": (0x0C00, 0x0C7F),
    "Kannada": (0x0C80, 0x0CFF), "Malayalam": (0x0D00, 0x0D7F), "Thai": (0x0E00, 0x0E7F),
}
_EXTRA_BLOCKS = {"Devanagari": ((0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF)),  # Devanagari Extended, Vedic
                 "Arabic": ((0x0750, 0x077F), (0x08A0, 0x08FF))}   # Arabic Supplement, Extended-A
#: Right-to-left scripts shaped by HarfBuzz (their words are handed to it in typed order).
RTL_SHAPED = ("Arabic",)
SHAPED_SCRIPTS["Arabic"] = (0x0600, 0x06FF)  # its presentation forms (typed as such) stay in DejaVu
for _script in SHAPED_SCRIPTS:
    _FILES[f"TD-{_script}"] = f"NotoSans{_script}-Regular.ttf"
    _FILES[f"TD-{_script}-Bold"] = f"NotoSans{_script}-Bold.ttf"
#: Fonts whose runs HarfBuzz shapes.
SHAPED_FONTS = frozenset(f"TD-{s}{b}" for s in SHAPED_SCRIPTS for b in ("", "-Bold"))
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
    _install_shaper()
    _font(SANS)
    _font(SANS_BOLD)
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS)
    addMapping(SANS, 1, 1, SANS_BOLD)


def _install_shaper() -> None:
    """Make ReportLab's paragraphs shape a word font run by font run (:func:`_shape_by_font`)."""
    from reportlab.platypus import paragraph

    if paragraph.shapeFragWord is not _shape_by_font:
        paragraph.shapeFragWord = _shape_by_font


def _shape_by_font(word: list, *args, **kwargs) -> list:
    """ReportLab's ``shapeFragWord`` for a word whose fragments use several fonts.

    ReportLab shapes the whole word with the HarfBuzz font of its first fragment, so a word
    like ``“राम”,`` (quotes and comma in the sans, the name in Noto Sans Devanagari) would be
    shaped with the wrong font. Here each run of fragments in one font is shaped on its own
    and the results are joined; a word in one font goes to ReportLab unchanged."""
    from reportlab.pdfbase.ttfonts import ShapedFragWord, makeShapedFragWord

    if isinstance(word, ShapedFragWord):
        return word
    items = word[1:]
    names = {f.fontName for f, _ in items if not hasattr(f, "cbDefn")}
    if names.isdisjoint(SHAPED_FONTS):  # nothing to shape: Latin, CJK... print as before
        return word
    if len(names) <= 1:
        return _shape_word(word, *args, **kwargs)
    groups: list[list] = []
    for f, s in items:
        name = None if hasattr(f, "cbDefn") else f.fontName
        if groups and (name is None or groups[-1][0] in (name, None)):
            groups[-1][0] = groups[-1][0] or name
            groups[-1][1].append((f, s))
        else:
            groups.append([name, [(f, s)]])
    results = []
    for _, part in groups:
        width = sum(pdfmetrics.stringWidth(s, f.fontName, f.fontSize) for f, s in part if not hasattr(f, "cbDefn"))
        sub = word.__class__([width, *part])
        results.append(_shape_word(sub, *args, **kwargs))
    if not any(isinstance(r, ShapedFragWord) for r in results):
        return word
    return makeShapedFragWord(word)([sum(r[0] for r in results), *(item for r in results for item in r[1:])])


def _shape_word(word: list, *args, **kwargs) -> list:
    """ReportLab's ``shapeFragWord`` for one font, glyphs annotated with the text they print."""
    from reportlab.pdfbase.ttfonts import ShapedFragWord, makeShapedFragWord, shapeFragWord

    if len(word) == 2 and not hasattr(word[1][0], "cbDefn") and not args and not kwargs:
        frag, text = word[1]  # one fragment: the common case, cached (names repeat on every copy)
        cached = _shaped_text(frag.fontName, frag.fontSize, str(text))
        if cached is None:
            return word
        width, shaped_text = cached
        return makeShapedFragWord(word)([width, (frag, shaped_text)])  # keeps the word's own class
    shaped = shapeFragWord(word, *args, **kwargs)
    if isinstance(shaped, ShapedFragWord) and shaped is not word:
        _annotate("".join(s for f, s in word[1:] if not hasattr(f, "cbDefn")),
                  [s for _, s in shaped[1:]],  # one font: _shape_by_font splits words by font
                  next((f.fontName for f, _ in word[1:] if not hasattr(f, "cbDefn")), None))
    return shaped


@lru_cache(maxsize=4096)
def _shaped_text(font: str, size: float, text: str) -> tuple[float, str] | None:
    """One word in one font and size, shaped and annotated: (width, ShapedStr),
    or None when HarfBuzz changes nothing."""
    from reportlab.pdfbase.ttfonts import ShapedFragWord, ShapedStr, shapeFragWord
    from reportlab.platypus.paraparser import ParaFrag

    frag = ParaFrag(fontName=font, fontSize=size)
    shaped = shapeFragWord([pdfmetrics.stringWidth(text, font, size), (frag, text)])
    if not isinstance(shaped, ShapedFragWord) or len(shaped) != 2 or not isinstance(shaped[1][1], ShapedStr):
        return None
    _annotate(text, [shaped[1][1]], font)
    return shaped[0], shaped[1][1]


#: (font, private-use code point ReportLab gave a glyph HarfBuzz substituted) -> the typed
#: characters that glyph stands for, for the ToUnicode CMap (readers that ignore ActualText).
_GLYPH_TEXT: dict[tuple[str, int], str] = {}


def _private(ch: str) -> bool:
    return 0xE000 <= ord(ch) <= 0xF8FF


def _annotate(text: str, pieces: list, font: str | None = None) -> None:
    """Give each shaped glyph the typed text it stands for (``actual``): the first glyph of a
    HarfBuzz cluster gets the cluster's characters, the others none. ``ActualTextObject``
    writes these into the PDF so copy and search give the typed text, not glyph names.

    A substituted glyph (a conjunct, a half form: ReportLab gives it a private-use code) is
    also recorded with the cluster's characters that no other glyph of the cluster shows, for
    the font's ToUnicode CMap."""
    from reportlab.pdfbase.ttfonts import ShapedStr

    glyphs = [(ch, sd) for s in pieces if isinstance(s, ShapedStr) for ch, sd in zip(s, s.__shapeData__,
                                                                                     strict=False)]
    starts = sorted({sd.cluster for _, sd in glyphs if 0 <= sd.cluster <= len(text)})
    if not starts:
        return
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    # right to left (Arabic): glyphs come in display order, so each cluster's characters are
    # given in display order too; the whole span then reads as the line is drawn, which is
    # what readers reorder (as they do for unshaped Hebrew)
    rtl = has_rtl(text)
    members: dict[int, list[str]] = {}
    for ch, sd in glyphs:
        if sd.cluster in ends:
            typed = text[sd.cluster:ends[sd.cluster]]
            sd.actual = "" if sd.cluster in members else typed[::-1] if rtl else typed
            members.setdefault(sd.cluster, []).append(ch)
    if starts[0] > 0:  # characters before the first cluster (never seen; kept for safety)
        first = next(sd for _, sd in glyphs if sd.cluster == starts[0])
        first.actual = first.actual + text[:starts[0]][::-1] if rtl else text[:starts[0]] + first.actual
    if font is None or not any(_private(ch) for ch, _ in glyphs):
        return
    # substituted glyphs are matched to whole syllables (clusters()): HarfBuzz's own clusters
    # may cut one (ে of সৌ goes with স, its ৗ part on its own)
    bounds, at = [], 0
    for syllable in clusters(text):
        bounds.append((at, at + len(syllable)))
        at += len(syllable)
    for lo, hi in bounds:
        chars = "".join(ch for ch, sd in glyphs if lo <= sd.cluster < hi)
        if any(_private(ch) for ch in chars):
            for cp, typed in _private_glyph_text(font, text[lo:hi], chars).items():
                _GLYPH_TEXT.setdefault((font, cp), typed)


@lru_cache(maxsize=4096)
def _private_glyph_text(font: str, cluster: str, glyphs: str) -> dict[int, str]:
    """What each substituted glyph of one HarfBuzz cluster stands for.

    The cluster is shaped prefix by prefix: a glyph stands for the characters added between
    the prefix where the glyph that came before it (in that order) appeared for good and the
    prefix where it appears for good. ``प्रि`` (glyphs: the ि sign, the प्र conjunct) gives
    प्र to the conjunct and ि to the sign, so the sign maps to ि wherever else it is used.
    Glyphs that show a character of their own (a cmap glyph) keep that character."""
    import uharfbuzz as hb

    ttf = _font(font)
    hb_font = hb.Font(ttf.hbFace)
    shapes = []
    for k in range(1, len(cluster) + 1):
        buf = hb.Buffer()
        buf.add_str(cluster[:k])
        buf.guess_segment_properties()
        hb.shape(hb_font, buf, {"kern": True, "liga": True, "dlig": True})
        shapes.append({info.codepoint for info in buf.glyph_infos})
    arrival: dict[str, int] = {}
    for ch in glyphs:
        gid = ttf.face.charToGlyph.get(ord(ch))
        k = len(cluster)
        while k > 1 and gid in shapes[k - 2]:
            k -= 1
        arrival[ch] = k
    out: dict[int, str] = {}
    done = 0
    for k in sorted(set(arrival.values())):
        typed = unicodedata.normalize("NFD", cluster[done:k])  # ৌ is drawn as its parts ে ৗ
        for ch in (c for c in glyphs if arrival[c] == k and not _private(c)):
            typed = typed.replace(ch, "", 1)
        private = [c for c in glyphs if arrival[c] == k and _private(c)]
        if len(private) == 1 and typed:  # two appearing together: which shows what is unknown
            out[ord(private[0])] = typed
        done = k
    return out


def actual_text(text: str) -> str | None:
    """The typed text behind a shaped string (None when it is not shaped)."""
    from reportlab.pdfbase.ttfonts import ShapedStr

    if not isinstance(text, ShapedStr) or not any(hasattr(sd, "actual") for sd in text.__shapeData__):
        return None
    return "".join(getattr(sd, "actual", ch) for ch, sd in zip(text, text.__shapeData__, strict=False))


def _pdf_text_string(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be", "surrogatepass").hex().upper() + ">"


@cache
def text_object_class() -> type:
    """ReportLab's text object, writing each shaped string inside a marked-content span with
    ``/ActualText`` (PDF 1.5, 14.9.4): readers that honour it (Acrobat, pdf.js, poppler's
    pdftotext) copy and search the typed text of Indic and Thai runs."""
    from reportlab.pdfgen.textobject import PDFTextObject

    class ActualTextObject(PDFTextObject):
        def _formatText(self, text):  # noqa: N802 - ReportLab's name
            code = super()._formatText(text)
            actual = actual_text(text)
            if actual is None:
                return code
            return f"/Span <</ActualText {_pdf_text_string(actual)}>> BDC {code} EMC"

    return ActualTextObject


def _utf16_hex(cp: int) -> str:
    """A code point as the UTF-16BE hex a ToUnicode CMap needs (a surrogate pair beyond U+FFFF)."""
    return chr(cp).encode("utf-16-be", "surrogatepass").hex().upper()


def to_unicode_cmap(fontname: str, subset: list[int], glyph_text: dict[int, str] | None = None) -> str:
    """ReportLab's ToUnicode CMap for one subset, with characters beyond U+FFFF written as
    UTF-16 surrogate pairs (ReportLab writes their code point as is, so copy, search and
    screen readers get other characters), and the private-use codes of shaped glyphs in
    ``glyph_text`` mapped to the characters they stand for."""
    return _to_unicode_cmap(fontname, tuple(subset), tuple(sorted((glyph_text or {}).items())))


@lru_cache(maxsize=512)
def _to_unicode_cmap(fontname: str, subset: tuple[int, ...], glyph_items: tuple[tuple[int, str], ...]) -> str:
    """:func:`to_unicode_cmap`, cached: every copy of a handout run prints the same subsets."""
    from reportlab.pdfbase.ttfonts import makeToUnicodeCMap

    glyph_text = dict(glyph_items)
    cmap = makeToUnicodeCMap(fontname, list(subset))
    lines = cmap.split("\n")
    start = lines.index(f"{len(subset)} beginbfchar") + 1
    lines[start:start + len(subset)] = [
        f"<{i:02X}> <{''.join(_utf16_hex(ord(c)) for c in glyph_text.get(cp, chr(cp)))}>"
        for i, cp in enumerate(subset)]
    return "\n".join(lines)


class _TTFont(TTFont):
    """A TrueType font whose text layer extracts right beyond U+FFFF (emoji, 𝐀).

    Only the fonts in :data:`SHAPED_FONTS` shape: the others report themselves shapable (so a
    paragraph in the bundled sans still shapes its Indic and Thai runs) but decline to give
    ReportLab a HarfBuzz font, and ReportLab then keeps their words exactly as unshaped text."""

    def hbFont(self, fontSize=10):  # noqa: N802 - ReportLab's name
        if self.fontName not in SHAPED_FONTS:
            raise AttributeError("not shaped")  # what ReportLab's shapeFragWord expects
        return super().hbFont(fontSize)

    def addObjects(self, doc) -> None:  # noqa: N802 - ReportLab's name
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            cmap = doc.idToObject["toUnicodeCMap:" + base]
            if doc.compression:  # the font program and its CMap: compressed once per run of documents
                cmap.filters = doc.idToObject[f"fontFile:{self.face.filename}({base})"].filters = [_FLATE]
            glyph_text = {cp: _GLYPH_TEXT[self.fontName, cp] for cp in subset if (self.fontName, cp) in _GLYPH_TEXT}
            if max(subset, default=0) <= 0xFFFF and not glyph_text:
                continue
            cmap.content = to_unicode_cmap(base, subset, glyph_text)


class _CachedFlate:
    """ReportLab's FlateDecode stream filter, remembering what it compressed: the same font
    subsets are embedded in each of a team's handouts, and compressing them is a good part
    of writing one."""

    pdfname = "FlateDecode"

    def encode(self, content: bytes | str) -> bytes:
        return _deflate(content.encode("utf8") if isinstance(content, str) else bytes(content))

    def decode(self, encoded: bytes) -> bytes:
        import zlib

        return zlib.decompress(encoded)


@lru_cache(maxsize=128)
def _deflate(content: bytes) -> bytes:
    import zlib

    return zlib.compress(content)


_FLATE = _CachedFlate()


@cache
def _font(name: str) -> TTFont:
    font = _TTFont(name, str(FONT_DIR / _FILES[name]))
    # the same subsets come back document after document (a team covenant and its twelve
    # personal copies print the same rows): each subset's font program is built once
    make_subset = lru_cache(maxsize=64)(lambda codes: font.face.__class__.makeSubset(font.face, list(codes)))
    font.face.makeSubset = lambda subset: make_subset(tuple(subset))
    pdfmetrics.registerFont(font)
    return font


@cache
def _coverage(name: str) -> frozenset[int]:
    return frozenset(_font(name).face.charToGlyph)


def _chain(base: str) -> tuple[str, ...]:
    return (SANS_BOLD, SANS, CJK, HANGUL) if base == SANS_BOLD else (SANS, CJK, HANGUL)


@cache
def script_of(ch: str) -> str | None:
    """The shaped script (``"Devanagari"``...) whose block holds ``ch``, else None."""
    cp = ord(ch)
    if cp < 0x0600:
        return None
    for script, (lo, hi) in SHAPED_SCRIPTS.items():
        if lo <= cp <= hi or any(a <= cp <= b for a, b in _EXTRA_BLOCKS.get(script, ())):
            return script
    return None


def _font_for(ch: str, base: str) -> str | None:
    cp = ord(ch)
    script = script_of(ch)
    if script in RTL_SHAPED and not _rtl_shaped(ch):
        script = None  # Arabic-Indic digits: in the sans, never inside a word HarfBuzz reverses
    if script is not None:
        name = f"TD-{script}-Bold" if base == SANS_BOLD else f"TD-{script}"
        if cp in _coverage(name):
            return name
        if script not in RTL_SHAPED:
            return None
    for name in _chain(base):
        if cp in _coverage(name):
            return name
    return None


_JOINERS = "\u200c\u200d"  # ZWNJ, ZWJ: they select half forms and conjuncts in Indic text


def _joins(ch: str) -> bool:
    """True for characters that belong to the cluster before them (marks, viramas, joiners)."""
    return ch in _JOINERS or unicodedata.category(ch) in ("Mn", "Mc", "Me")


#: Thai vowels written after their consonant but not marks (ะ า ำ ๅ), and those written
#: before it (เ แ โ ใ ไ): a line never starts with the first nor ends with the second
_THAI_FOLLOWING = "\u0e30\u0e32\u0e33\u0e45"
_THAI_LEADING = "\u0e40\u0e41\u0e42\u0e43\u0e44"


def clusters(text: str) -> list[str]:
    """``text`` cut into clusters: a base character followed by its combining marks, viramas,
    zero-width joiners (and the consonant a virama or joiner links)."""
    out: list[str] = []
    for ch in text:
        prev = out[-1][-1] if out else ""
        if out and (_joins(ch) or prev in _JOINERS or ch in _THAI_FOLLOWING or prev in _THAI_LEADING
                    or (unicodedata.combining(prev) == 9 and script_of(ch) == script_of(prev))):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _ignorable(ch: str) -> bool:
    """Control and format characters (bidi marks, soft hyphens) print nothing; the zero-width
    joiners stay (they change Indic shaping)."""
    return unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\n\t" and ch not in _JOINERS


def clean(text: str) -> str:
    """User text without control/format characters; tabs become spaces."""
    text = str(text)
    if text.isascii() and text.isprintable():
        return text
    return _clean(text)


@lru_cache(maxsize=8192)
def _clean(text: str) -> str:
    return "".join(ch for ch in text if not _ignorable(ch)).replace("\t", "    ")


def runs(text: str, base: str = SANS, field: str = "text",
         problems: list[Unprintable] | None = None) -> list[tuple[str, str]]:
    """Split ``text`` into (font name, text) runs; unprintable characters are reported
    to ``problems`` and kept in the base font's run."""
    if text.isascii():  # the common case: DejaVu (regular and bold) has every ASCII glyph
        return [(base, text)] if text else []
    out, missing = _runs(text, base)
    if missing and problems is not None:
        problems.append(Unprintable(field, text, missing))
    return list(out)


@lru_cache(maxsize=8192)
def _runs(text: str, base: str) -> tuple[tuple[tuple[str, str], ...], str]:
    """Font runs of non-ASCII text and its unprintable characters (cached: a handout run
    prints each name and row many times)."""
    out: list[tuple[str, str]] = []
    missing: list[str] = []
    for cluster in clusters(text):
        if cluster == " " and out and out[-1][0] in SHAPED_FONTS:
            font = out[-1][0]  # a space inside a run of one script stays in it (fewer font changes)
        elif cluster in (" ", "\n"):
            font = base
        else:
            font = _cluster_font(cluster, base, out[-1][0] if out else None)
        if font is None:
            missing.extend([ch for ch in cluster if _font_for(ch, base) is None and ch not in _JOINERS]
                           or cluster)
            font = base
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + cluster)
        else:
            out.append((font, cluster))
    return tuple(out), "".join(dict.fromkeys(missing))


def _cluster_font(cluster: str, base: str, previous: str | None) -> str | None:
    """One font for a whole cluster: its base character's font when that font has every
    character of it; a joiner or mark alone stays in the font before it when it can."""
    head = cluster[0]
    if _joins(head) and previous is not None and all(ord(c) in _coverage(previous) for c in cluster):
        return previous
    font = _font_for(head, base)
    if font is None:
        return None
    if all(ord(c) in _coverage(font) for c in cluster[1:]):
        return font
    for name in (previous, *_chain(base)):  # a font that has the whole cluster
        if name is not None and all(ord(c) in _coverage(name) for c in cluster):
            return name
    return None


def markup(text: str, base: str = SANS, field: str = "text", problems: list[Unprintable] | None = None) -> str:
    """Paragraph markup for user text: escaped, with a font per script run, newlines as <br/>."""
    parts = []
    for font, chunk in runs(clean(text), base, field, problems):
        body = escape(chunk).replace("\n", "<br/>")
        parts.append(body if font == base else f'<font name="{font}">{body}</font>')
    return "".join(parts)


@lru_cache(maxsize=8192)
def shaped_runs(text: str, base: str, size: float) -> tuple[tuple[str, str, float], ...]:
    """(font, text to draw, width in points) for plain text drawn straight on a canvas
    (headers, footers, map labels): Indic and Thai runs come back shaped by HarfBuzz (a
    ReportLab ``ShapedStr``, which ``drawString`` positions glyph by glyph)."""
    register_fonts()
    out: list[tuple[str, str, float]] = []
    for font, chunk in runs(text, base):
        if font not in SHAPED_FONTS:
            out.append((font, chunk, pdfmetrics.stringWidth(chunk, font, size)))
        elif font.removeprefix("TD-").removesuffix("-Bold") in RTL_SHAPED:
            # word by word: each Arabic word stands in its display place in typed order
            # (:func:`visual`) and HarfBuzz lays it out right to left
            for word in re.split("( +)", chunk):
                if word:
                    out.append(_shaped_piece(word, font, size) if word.strip() else
                               (font, word, pdfmetrics.stringWidth(word, font, size)))
        else:
            out.append(_shaped_piece(chunk, font, size))
    return tuple(out)


def _shaped_piece(chunk: str, font: str, size: float) -> tuple[str, str, float]:
    from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr

    shaped = shapeStr(chunk, font, size, force=True)
    if isinstance(shaped, ShapedStr):
        _annotate(chunk, [shaped], font)
        return font, shaped, sum(d.x_advance for d in shaped.__shapeData__) * size / 1000
    return font, chunk, pdfmetrics.stringWidth(chunk, font, size)


def text_width(text: str, base: str, size: float) -> float:
    """Width of plain text in points, measured run by run in the fonts that will print it
    (shaped where it will be printed shaped)."""
    if text.isascii() or not needs_shaping(text):
        return sum(pdfmetrics.stringWidth(chunk, font, size) for font, chunk in runs(text, base))
    return sum(width for _, _, width in shaped_runs(text, base, size))


# -- scripts -------------------------------------------------------------------------------------
def _is_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


def has_rtl(text: str) -> bool:
    return not text.isascii() and any(_is_rtl(c) for c in text)


def is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (0x2E80 <= cp <= 0x9FFF or 0xAC00 <= cp <= 0xD7AF or 0xF900 <= cp <= 0xFAFF
            or 0xFF00 <= cp <= 0xFFEF or 0x20000 <= cp <= 0x2FFFF or 0x1100 <= cp <= 0x11FF)


def has_cjk(text: str) -> bool:
    return not text.isascii() and any(is_cjk(c) for c in text)


def needs_shaping(text: str) -> bool:
    """True when ``text`` holds a character of a script printed through HarfBuzz."""
    return not text.isascii() and any(script_of(c) for c in text)


def base_direction_rtl(text: str) -> bool:
    """Paragraph direction from the first strong character (Unicode bidi rule P2)."""
    for ch in text:
        d = unicodedata.bidirectional(ch)
        if d in ("R", "AL"):
            return True
        if d == "L":
            return False
    return False


def _bidi_order(line: str, rtl: bool) -> list[tuple[int, int, str]]:
    """(typed index, embedding level, character as displayed) of each character of one line,
    in display order: the Unicode bidi algorithm of python-bidi's reference implementation
    (rules X1-X10, W, N, I, L1, L2, and L4 mirroring of brackets at right-to-left levels)."""
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    uba.get_embedding_levels(line, storage)
    for n, ch in enumerate(storage["chars"]):
        ch["index"] = n
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    uba.reorder_resolved_levels(storage, False)
    uba.apply_mirroring(storage, False)
    return [(ch["index"], ch["level"], ch["ch"]) for ch in storage["chars"]]


def _rtl_shaped(ch: str) -> bool:
    """A letter, mark or punctuation sign of a right-to-left script HarfBuzz shapes (not its
    digits: numbers read left to right, and they print in the sans)."""
    return script_of(ch) in RTL_SHAPED and unicodedata.bidirectional(ch) not in ("AN", "EN")


@lru_cache(maxsize=4096)
def visual(line: str, rtl: bool) -> str:
    """One line of typed text in display order, for drawing left to right.

    Characters are reordered by the bidi algorithm (:func:`_bidi_order`), except the words of
    a shaped right-to-left script (Arabic): each stays in typed order, in its display place, so
    HarfBuzz shapes it (joining forms, lam-alef) and lays its glyphs out right to left
    itself. Hebrew needs no shaping and comes out reversed, brackets mirrored."""
    if not has_rtl(line):
        return line
    order = _bidi_order(line, rtl)
    out: list[str] = []
    i = 0
    while i < len(order):
        index, level, shown = order[i]
        if level % 2 and _rtl_shaped(line[index]):
            j = i
            while (j + 1 < len(order) and order[j + 1][1] == level and order[j + 1][0] == order[j][0] - 1
                   and _rtl_shaped(line[order[j + 1][0]])):
                j += 1
            out.append(line[order[j][0]:index + 1])
            i = j + 1
        else:
            out.append(shown)
            i += 1
    return "".join(out)


class LaidOutOnce(Paragraph):
    """ReportLab's Paragraph, its lines broken once per width: a table asks each cell for its
    height several times at the same width (to size the row, to split it, to draw it), and
    breaking lines is most of what a handout costs. Asked again at the width it was last laid
    out for, with those lines still held (a split that gave up drops them), it answers from them."""

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        if self.__dict__.get("_laid_out_at") == availWidth and "blPara" in self.__dict__:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._laid_out_at = availWidth
        return size


class _LaidOutParagraph(Flowable):
    """A flowable that lays its text out as a Paragraph built for the width it is given
    (``_build(width)``); wrapping, splitting and drawing go to that Paragraph."""

    style: ParagraphStyle
    _para: Paragraph | None

    def _build(self, width: float) -> Paragraph:  # pragma: no cover - overridden
        raise NotImplementedError

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        w, h = self._build(availWidth).wrap(availWidth, availHeight)
        self.width, self.height = w, h
        return w, h

    def split(self, availWidth, availHeight):  # noqa: N803
        return self._build(availWidth).split(availWidth, availHeight)

    def draw(self) -> None:
        self._para.drawOn(self.canv, 0, 0)

    def getKeepWithNext(self) -> bool:  # noqa: N802
        return bool(getattr(self.style, "keepWithNext", False))


class BidiParagraph(_LaidOutParagraph):
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
        """The text's lines in typed order, each at most ``width`` wide: words wrap at spaces,
        a word wider than the line is cut between clusters (never inside one). Widths add
        up word by word (nothing joins across a space), so a long text costs one measure
        per word and per cluster of a cut word."""
        size, base = self.style.fontSize, self.style.fontName
        space = text_width(" ", base, size)
        lines: list[str] = []
        for block in self.text.split("\n"):
            line, used = "", 0.0
            for word in block.split(" "):
                w = text_width(word, base, size)
                if line and used + space + w <= width:
                    line, used = f"{line} {word}", used + space + w
                    continue
                if line:
                    lines.append(line)
                line, used = word, w
                if w > width:  # a word longer than the line: cut it between clusters
                    pieces = self._cut(word, width)
                    lines.extend(pieces[:-1])
                    line, used = pieces[-1], text_width(pieces[-1], base, size)
            lines.append(line)
        return lines

    def _cut(self, word: str, width: float) -> list[str]:
        """``word`` in pieces that fit ``width``, cut between clusters: filled by the clusters'
        own widths, then each piece measured once as it will print (joined forms differ)."""
        size, base = self.style.fontSize, self.style.fontName
        parts = clusters(word)
        widths = [text_width(c, base, size) for c in parts]
        out, i = [], 0
        while i < len(parts):
            j, used = i, 0.0
            while j < len(parts) and (j == i or used + widths[j] <= width):
                used += widths[j]
                j += 1
            while j - i > 1 and text_width("".join(parts[i:j]), base, size) > width:
                j -= 1
            out.append("".join(parts[i:j]))
            i = j
        return out or [word]

    def _build(self, width: float) -> Paragraph:
        if self._para is None or self._width != width:
            rtl = base_direction_rtl(self.text)
            # the room ReportLab gives a line, less a hair: widths summed cluster by cluster must
            # never come out a rounding error wider, or ReportLab wraps again and lines drawn
            # past the height measured run over the footer
            room = max(width - self.style.leftIndent - self.style.rightIndent - 0.5, self.style.fontSize)
            body = "<br/>".join(markup(visual(line, rtl), self.style.fontName) for line in self._lines(room))
            style = ParagraphStyle(f"{self.style.name}-bidi", parent=self.style,
                                   alignment=TA_RIGHT if rtl else (self.style.alignment or TA_LEFT))
            self._para = LaidOutOnce(body, style)
            self._width = width
        return self._para



class ShapedParagraph(_LaidOutParagraph):
    """A paragraph with Indic or Thai text whose words may be longer than the line (Thai
    writes no spaces between words).

    ReportLab cuts such a word between any two characters, which splits syllables and prints
    the pieces unshaped. Here a word wider than the line is cut between clusters (never inside
    a syllable) into pieces that fit, one per line; everything else wraps as usual."""

    def __init__(self, text: str, style: ParagraphStyle, field: str = "text",
                 problems: list[Unprintable] | None = None, bullet: str | None = None) -> None:
        super().__init__()
        self.text, self.style, self.bullet = text, style, bullet
        self._para: Paragraph | None = None
        self._width: float | None = None
        self._cut_text = text
        runs(text, style.fontName, field, problems)  # report unprintable characters once

    def _build(self, width: float) -> Paragraph:
        if self._para is None or self._width != width:
            room = max(width - self.style.leftIndent - self.style.rightIndent, self.style.fontSize)
            text = _cut_long_words(self.text, self.style.fontName, self.style.fontSize, room)
            if self._para is None or text != self._cut_text:  # most widths cut nothing: reuse
                self._para = LaidOutOnce(markup(text, self.style.fontName), self.style, bulletText=self.bullet)
                self._cut_text = text
            self._width = width
        return self._para



@lru_cache(maxsize=4096)
def _cut_long_words(text: str, base: str, size: float, width: float) -> str:
    """``text`` with each word wider than ``width`` cut between clusters into lines that fit
    (cached: a handout run lays out the same names and rows in every copy)."""
    def cut(word: str) -> str:
        if text_width(word, base, size) <= width:
            return word
        lines, line = [], ""
        for cluster in clusters(word):
            if line and text_width(line + cluster, base, size) > width:
                lines.append(line)
                line = ""
            line += cluster
        return "\n".join([*lines, line])

    return "\n".join(" ".join(cut(w) for w in line.split(" ")) for line in text.split("\n"))


def para(text: str, style: ParagraphStyle, field: str = "text",
         problems: list[Unprintable] | None = None, bullet: str | None = None) -> Flowable:
    """The flowable for one piece of user text: always escaped, with font fallback; CJK
    text may break between any two characters; RTL text goes through :class:`BidiParagraph`;
    Indic and Thai text is shaped (:class:`ShapedParagraph`)."""
    register_fonts()
    text = clean(text)
    if not getattr(style, "shaping", 0) and needs_shaping(text):
        # only then: a paragraph with shaping on skips ReportLab's fast path for plain text
        style = ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)
    if has_rtl(text):
        return BidiParagraph(text, style, field, problems)
    if has_cjk(text):
        style = ParagraphStyle(f"{style.name}-cjk", parent=style, wordWrap="CJK")
    elif style.shaping:
        return ShapedParagraph(text, style, field, problems, bullet)
    return LaidOutOnce(markup(text, style.fontName, field, problems), style, bulletText=bullet)
