"""The one table class of every PDF: a row may be taller than a page, and layout always ends.

ReportLab's ``Table`` splits a row across pages only with ``splitInRow``, and then asks each
cell's flowables to split. When one of them cannot split at the height left (a nested table
that splits only between rows, a row of one word taller than the frame), ReportLab keeps the
cell's content for the next piece and, in a cell not aligned to the top, returns a first
piece that holds nothing. Placing that empty piece uses up height, the rest is the same
table again, and the document grows empty boxes page after page: the export never ends (a
personal handout with a lever of 1,800 "W" hung this way).

:class:`Grid` closes that loop:

* every row may split inside itself (``splitInRow``), nested grids included, so a cell of
  paragraphs breaks line by line at the foot of the page;
* cells are aligned to the top unless a style says otherwise;
* a cell's flowables split at the width they are drawn in (inside the padding);
* a split whose first piece holds nothing is refused, so ReportLab moves the table to the
  next frame instead of placing empty pieces (on a fresh page the split then succeeds, or
  ReportLab raises its ``LayoutError``: an error, never a hang).
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, Table


def _holds_content(value) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple)):
        return any(_holds_content(v) for v in value)
    return isinstance(value, Flowable)


def _in_two(split):
    """A flowable's ``split`` that gives two pieces or none (a whole one is followed by nothing)."""
    def two(availWidth, availHeight):  # noqa: N803 - ReportLab's names
        parts = split(availWidth, availHeight)
        return [parts[0], Spacer(0, 0)] if len(parts) == 1 else parts
    return two


class Grid(Table):
    """A ``Table`` whose rows split inside themselves, top-aligned, whose splits always make
    progress (see the module docstring)."""

    def __init__(self, data, *args, **kwargs) -> None:
        kwargs.setdefault("splitInRow", 1)
        style = kwargs.pop("style", None)
        copied = "cellStyles" in kwargs  # ReportLab's own split pieces keep their cells' styles
        super().__init__(data, *args, **kwargs)
        if not copied:
            self.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP")])
        if style is not None:
            self.setStyle(style)

    def _header_rows(self) -> int:
        rows = self.repeatRows
        return rows if isinstance(rows, int) else max(rows, default=-1) + 1

    def _splitCell(self, value, style, oldHeight, newHeight, width):  # noqa: N802, N803
        """ReportLab splits a cell's flowables at the column's whole width, where they are
        laid out (and drawn) inside its padding: a paragraph that breaks its own lines (right
        to left, shaped) then came out a little too wide and wrapped again past the height
        measured. Split them at the width they are drawn in.

        ReportLab also expects a flowable it splits to come back in two pieces or none; one
        that fits after all (measured at another width before) comes back whole, as one
        piece, and ReportLab failed on it (IndexError). Such a flowable goes whole into the
        first piece."""
        if isinstance(value, (list, tuple)):
            for flowable in value:
                if isinstance(flowable, Flowable) and "split" not in vars(flowable):
                    flowable.split = _in_two(flowable.split)
        return super()._splitCell(value, style, oldHeight, newHeight,
                                  width - style.leftPadding - style.rightPadding)

    def split(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        parts = super().split(availWidth, availHeight)
        if len(parts) > 1 and not any(_holds_content(row) for row in parts[0]._cellvalues[self._header_rows():]):
            return []  # a first piece with nothing in it: no progress, try the next frame
        return parts
