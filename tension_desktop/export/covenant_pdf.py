"""The covenant handouts: one team covenant, and a personal copy for each executive.

ReportLab platypus, no Qt. All user text goes through :func:`.fonts.para` (escaped, font
fallback, right-to-left handling). Text that no bundled font can print makes the export
fail with :class:`.fonts.UnprintableText` naming each field, unless ``missing="replace"``
is given (then the characters print as the base font's missing glyph, knowingly).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    TableStyle,
)

from tension_desktop.model import (
    Commitment,
    CovenantItem,
    DecisionRight,
    EscalationThreshold,
    Participant,
)
from tension_desktop.model.commitments import KIND_TITLES
from tension_desktop.model.covenant import (
    ITEM_TITLES,
    OWNER_LIMIT,
    CovenantWarning,
    covenant_warnings,
    open_points,
    overload_warnings,
    personal_part,
)
from tension_desktop.model.decision_rights import ROLE_TITLES, ROLES
from tension_desktop.store import Library, StoreError, covenant, people, session, workshops
from tension_desktop.store.safe_files import OutputFailed, portable_filename, refuse_library_path

from .fonts import SANS_BOLD, LaidOutOnce, Unprintable, UnprintableText, has_rtl, para
from .grid import Grid
from .layout import BOX_FILL, HEAD_FILL, INK, RULE, build_pdf, frame_width, styles

#: the mark of a row that breaks one of the covenant's rules (listed under "Open points")
OPEN_MARK = "Open point"

#: an empty closing commitment (no 'what' yet) on a handout
NOT_AGREED = "Not yet agreed"
NONE_AGREED = ("No closing commitments agreed yet. At the close the team agrees one experiment, one reliability "
               "safeguard and one communication step, each with an owner and a date.")


@dataclass
class CovenantData:
    """Everything a covenant handout prints, read from the store in one go."""

    team: str
    title: str
    date: str
    participants: list[Participant]
    items: list[CovenantItem]
    thresholds: list[EscalationThreshold]
    decisions: list[DecisionRight]
    commitments: list[Commitment]
    names: dict[int, str] = field(default_factory=dict)
    #: the team's limit of thresholds per owner (covenant:owner_limit)
    owner_limit: int = OWNER_LIMIT

    @classmethod
    def load(cls, lib: Library, workshop_id: int) -> CovenantData:
        ws = workshops.get_workshop(lib, workshop_id)
        ps = people.list_participants(lib, workshop_id)
        return cls(team=workshops.team_name(lib, ws.team_id), title=ws.title, date=ws.date, participants=ps,
                   items=covenant.list_items(lib, workshop_id), thresholds=covenant.list_thresholds(lib, workshop_id),
                   decisions=covenant.list_decisions(lib, workshop_id),
                   commitments=session.list_commitments(lib, workshop_id), names={p.id: p.name for p in ps},
                   owner_limit=covenant.owner_limit(lib, workshop_id))

    def who(self, ids) -> str:
        return ", ".join(self.names.get(i, "?") for i in ids)

    @cached_property
    def open_points(self) -> list[CovenantWarning]:
        """Rows that break one of the covenant's own rules (see :func:`model.covenant.open_points`)."""
        return open_points(covenant_warnings(participants=self.participants, items=self.items,
                                             thresholds=self.thresholds, decisions=self.decisions,
                                             commitments=self.commitments, owner_limit=self.owner_limit))

    def open_ids(self, section: str) -> set:
        return {w.subject_id for w in self.open_points if w.section == section}

    @property
    def footer(self) -> str:
        return " · ".join(x for x in (self.title, self.team, self.date) if x)


class Story:
    """Builds flowables and collects unprintable text as it goes."""

    def __init__(self, data: CovenantData, width: float) -> None:
        self.data = data
        self.width = width
        self.st = styles()
        self.problems: list[Unprintable] = []

    def p(self, text: str, style: str = "body", field: str = "text") -> Flowable:
        return para(text, self.st[style], field, self.problems)

    def fixed(self, text: str, style: str = "body") -> Paragraph:
        """Our own wording (no user text), so markup is ours."""
        return LaidOutOnce(text, self.st[style])

    #: heading level of the covenant's sections ("h3" when the covenant sits inside the report)
    section_level = "h2"

    def heading(self, text: str, level: str | None = None) -> list[Flowable]:
        """A heading that is never left alone at the foot of a page: it starts a new page
        unless there is room for it and the first lines (or rows) of what follows. Unlike
        keepWithNext, a long table after it still starts on this page and breaks."""
        return [CondPageBreak(38 * mm), self.fixed(text, level or self.section_level)]

    def people(self, ids, field: str, none: str = "—") -> list[Flowable]:
        """A table cell listing people, one name per line so each name keeps its own direction."""
        names = [self.data.names.get(i, "?") for i in ids]
        if not names:
            return [self.fixed(none, "cell")]
        if any(has_rtl(n) for n in names):
            return [self.p(n, "cell", field) for n in names]
        # one paragraph, one name per line: far cheaper to lay out than a list of paragraphs
        return [self.p("\n".join(names), "cell", field)]

    def empty(self, text: str = "Nothing recorded yet.") -> Paragraph:
        return self.fixed(text, "note")

    def table(self, header: list[str], rows: list[list[Flowable]], widths: list[float]) -> Grid:
        """A full-width table whose header row repeats on every page it spans."""
        head = [self.fixed(h, "cellhead") for h in header]
        t = Grid([head, *rows], colWidths=[w * self.width for w in widths], repeatRows=1, splitInRow=1,
                  hAlign="LEFT")
        t.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 1, INK),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]))
        return t

    # -- sections -------------------------------------------------------------------------------
    def title_block(self, kind: str, person: Participant | None = None) -> list[Flowable]:
        d = self.data
        out: list[Flowable] = [self.fixed(kind, "title")]
        line = " · ".join(x for x in (d.team, d.title, d.date) if x)
        out.append(self.p(line, "subtitle", "workshop"))
        if person is not None:
            out.append(self.p(f"Personal copy for {person.label}", "h3", "participant name"))
        return out

    def protected(self) -> list[Flowable]:
        items = [i for i in self.data.items if i.kind == "protected"]
        out: list[Flowable] = [*self.heading("1. " + ITEM_TITLES["protected"])]
        if not items:
            return [*out, self.empty()]
        open_ids = self.data.open_ids("items")
        for n, item in enumerate(items, 1):
            if item.id in open_ids:
                out.append(self.fixed(f"<b>{OPEN_MARK}</b>: also listed as allowed to degrade (see Open points).",
                                      "note"))
            if not has_rtl(item.text):
                out.append(para(item.text, self.st["item"], "protected item", self.problems, bullet=f"{n}."))
                continue
            row = Grid([[self.fixed(f"{n}.", "body"), self.p(item.text, "body", "protected item")]],
                        colWidths=[9 * mm, self.width - 9 * mm], hAlign="LEFT")
            row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                     ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
            out.append(row)
        return out

    def degradable(self) -> list[Flowable]:
        items = [i for i in self.data.items if i.kind == "degradable"]
        out: list[Flowable] = [*self.heading("2. " + ITEM_TITLES["degradable"])]
        if not items:
            return [*out, self.empty()]
        rows = [[self.p(i.text, "cell", "degradable item"), self.p(i.limit or "—", "cell", "degradable limit")]
                for i in items]
        return [*out, self.table(["What may degrade", "Within which limit"], rows, [0.45, 0.55])]

    def marked(self, text: str, field: str, is_open: bool) -> list[Flowable]:
        """A row's first cell; a row that breaks one of the covenant's rules is marked."""
        cell = [self.p(text, "cell", field)]
        return [self.fixed(f"<b>{OPEN_MARK}</b>", "cell"), *cell] if is_open else cell

    def rule_note(self, rule: str, section: str, rest: str = "") -> Paragraph:
        """The section's rule; while some row breaks it, the note says so instead of claiming it holds."""
        n = sum(1 for w in self.data.open_points if w.section == section)
        if not n:
            return self.fixed(f"{rule}{rest}", "note")
        rows = "1 row marked" if n == 1 else f"{n} findings on rows marked"
        return self.fixed(f"Our rule: {rule[0].lower()}{rule[1:]} Not yet met: {rows} “{OPEN_MARK}” "
                          "(see Open points).", "note")

    def lever_cell(self, t: EscalationThreshold) -> list[Flowable]:
        """The lever, and who may ignore the other numbers when this one goes red."""
        cell = [self.p(t.lever or "—", "cell", "threshold lever")]
        if t.overrides:
            cell += [self.fixed("If this goes red, may ignore the other numbers:", "small"),
                     self.p(t.overrides, "cell", "threshold overrides")]
        return cell

    def thresholds(self) -> list[Flowable]:
        limit = self.data.owner_limit
        over = len(overload_warnings(self.data.thresholds, limit=limit))
        watch = (f" Each owner watches at most {limit} threshold{'s' * (limit != 1)}." if not over else
                 f" Our limit is {limit} threshold{'s' * (limit != 1)} per owner; {over} owner"
                 f"{' holds' if over == 1 else 's hold'} more.")
        out: list[Flowable] = [*self.heading("3. Escalation thresholds"),
                               self.rule_note("One metric, one owner.", "thresholds",
                                              " When the threshold is reached, the owner may pull the lever "
                                              "without asking." + watch), Spacer(1, 4)]
        if not self.data.thresholds:
            return [*out, self.empty()]
        open_ids = self.data.open_ids("thresholds")
        rows = [[self.marked(t.title, "threshold metric", t.id in open_ids),
                 self.people(t.owner_ids, "threshold owner", "— no owner —"),
                 self.p(t.threshold or "—", "cell", "threshold"),
                 self.lever_cell(t)] for t in self.data.thresholds]
        return [*out, self.table(["Metric", "Owner", "Threshold", "Pre-approved lever"], rows,
                                 [0.22, 0.17, 0.25, 0.36])]

    def decisions(self) -> list[Flowable]:
        out: list[Flowable] = [*self.heading("4. Decision rights"),
                               self.rule_note("Exactly one person approves each decision.", "decisions"),
                               Spacer(1, 4)]
        if not self.data.decisions:
            return [*out, self.empty()]
        open_ids = self.data.open_ids("decisions")
        rows = [[self.marked(d.decision, "decision", d.id in open_ids),
                 *[self.people(d.holders(r), f"decision {ROLE_TITLES[r].lower()}") for r in ROLES]]
                for d in self.data.decisions]
        return [*out, self.table(["Decision", *[ROLE_TITLES[r] for r in ROLES]], rows,
                                 [0.28, 0.18, 0.18, 0.18, 0.18])]

    def commitments(self) -> list[Flowable]:
        """The closing commitments. The Close tab creates all three empty: one without its
        'what' prints as not yet agreed, and while none is agreed the section says so."""
        out: list[Flowable] = [*self.heading("5. Closing commitments")]
        if not any(c.text for c in self.data.commitments):
            return [*out, self.empty(NONE_AGREED)]
        rows = []
        for c in self.data.commitments:
            owner = [c.owner_id] if c.owner_id is not None else []
            if c.text:
                rows.append([self.fixed(KIND_TITLES[c.kind], "cellhead"), self.p(c.text, "cell", "commitment"),
                             self.people(owner, "commitment owner"), self.fixed(c.due_date or "—", "cell")])
            else:  # an owner or date picked before the 'what' is still shown; no dashes
                rows.append([self.fixed(KIND_TITLES[c.kind], "cellhead"), self.fixed(NOT_AGREED, "note"),
                             self.people(owner, "commitment owner", none=""), self.fixed(c.due_date, "cell")])
        return [*out, self.table(["Commitment", "What", "Owner", "By"], rows, [0.2, 0.46, 0.2, 0.14])]

    def signatures(self) -> list[Flowable]:
        """The heading, the agreement line and one signature line per person, kept together on
        one page (a block longer than a page still breaks, between two people)."""
        out: list[Flowable] = [self.fixed("Signatures", self.section_level),
                               self.fixed("We agree to this covenant and will review it at our next session.",
                                          "note"), Spacer(1, 8)]
        for p in self.data.participants:
            t = Grid([[self.p(p.label, "cell", "participant name"), Spacer(1, 1), Spacer(1, 1)],
                       [Spacer(1, 1), self.fixed("Signature", "small"), self.fixed("Date", "small")]],
                      colWidths=[0.36 * self.width, 0.44 * self.width, 0.2 * self.width],
                      rowHeights=[None, None], hAlign="LEFT")
            t.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, 0), 0.7, INK), ("LINEBELOW", (2, 0), (2, 0), 0.7, INK),
                                   ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("TOPPADDING", (0, 0), (-1, 0), 14),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 8)]))
            out.append(KeepTogether([t, Spacer(1, 4)]))
        if not self.data.participants:
            out.append(self.empty("No participants recorded."))
        return [KeepTogether(out)]

    def _pairs(self, rows: list[tuple[str, str, str]]) -> Grid:
        """Label (our words) beside value (their words), so each keeps its own direction."""
        inner_w = self.width - 26
        t = Grid([[self.fixed(label, "small"), self.p(value, "body", field)] for label, value, field in rows],
                  colWidths=[34 * mm, inner_w - 34 * mm], hAlign="LEFT")
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                               ("TOPPADDING", (0, 0), (0, -1), 3)]))
        return t

    def personal_box(self, person: Participant) -> list[Flowable]:
        d = self.data
        part = personal_part(person.id, d.thresholds, d.decisions, d.commitments)
        inner: list[Flowable] = [self.fixed("Your part in this covenant", "h3")]
        if part.empty:
            inner.append(self.fixed("You hold no threshold, decision or commitment in this covenant.", "body"))
        if part.thresholds:
            inner.append(self.fixed("Thresholds you own", "cellhead"))
            for t in part.thresholds:
                inner += [self._pairs([("Metric", t.metric, "threshold metric"),
                                       ("Threshold", t.threshold or "—", "threshold"),
                                       ("Your lever", t.lever or "— none agreed yet —", "threshold lever")]),
                          Spacer(1, 5)]
        if part.decisions:
            inner.append(self.fixed("Your decision rights", "cellhead"))
            inner += [self._pairs([(" · ".join(ROLE_TITLES[r] for r in roles), dec.decision, "decision")
                                   for dec, roles in part.decisions]), Spacer(1, 5)]
        if part.commitments:
            inner.append(self.fixed("Your commitments", "cellhead"))
            inner.append(self._pairs([(KIND_TITLES[c.kind] + (f"<br/>by {c.due_date}" if c.due_date else ""),
                                       c.text or f"— {NOT_AGREED.lower()} —", "commitment")
                                      for c in part.commitments]))
        box = Grid([[inner]], colWidths=[self.width], hAlign="LEFT", splitInRow=1)
        box.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), BOX_FILL), ("BOX", (0, 0), (-1, -1), 0.8, INK),
                                 ("LINEBEFORE", (0, 0), (0, -1), 4, INK),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 12), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                                 ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
        return [box, Spacer(1, 6)]

    def open_points(self) -> list[Flowable]:
        """Every finding that breaks one of the covenant's rules, read as a sentence; nothing
        when the covenant keeps them all."""
        points = self.data.open_points
        if not points:
            return []
        out: list[Flowable] = [*self.heading("Open points"),
                               self.fixed("This covenant does not yet keep all of its own rules. Settle these "
                                          "before signing, or sign knowing they are open.", "note"), Spacer(1, 4)]
        out += [para(w.message, self.st["item"], "open point", self.problems, bullet="•") for w in points]
        return out

    def covenant_body(self, open_points: bool = True) -> list[Flowable]:
        """The covenant's sections; ``open_points=False`` where the caller lists them itself (the report)."""
        return [*self.protected(), *self.degradable(), *self.thresholds(), *self.decisions(),
                *self.commitments(), *(self.open_points() if open_points else [])]


def covenant_story(data: CovenantData, width: float, person: Participant | None = None) -> Story:
    """The flowables of a team covenant, or of a personal copy when ``person`` is given."""
    s = Story(data, width)
    s.flowables = [*s.title_block("Reliability covenant", person)]
    if person is not None:
        s.flowables += s.personal_box(person)
    s.flowables += [*s.covenant_body(), *s.signatures()]
    return s


@dataclass(frozen=True)
class PdfResult:
    path: Path
    pages: int
    seconds: float
    problems: tuple[Unprintable, ...] = ()


def _check(story: Story, missing: str) -> None:
    if story.problems and missing != "replace":
        raise UnprintableText(story.problems)


def write_covenant(data: CovenantData, out: Path | str, *, paper: str | None = None,
                   person: Participant | None = None, missing: str = "error") -> PdfResult:
    """Write the team covenant (or one person's copy) to ``out``."""
    return _write_story(data, covenant_story(data, frame_width(paper), person), out, paper=paper, person=person,
                        missing=missing)


def _write_story(data: CovenantData, s: Story, out: Path | str, *, paper: str | None,
                 person: Participant | None, missing: str) -> PdfResult:
    """Lay out an already built story (each story is laid out once: its flowables keep state)."""
    start = time.perf_counter()
    out = Path(out)
    _check(s, missing)
    header = f"Personal copy: {person.label}" if person else ""
    pages = build_pdf(out, s.flowables, paper=paper, title=f"Reliability covenant – {data.title}",
                      footer=data.footer, header=header)
    return PdfResult(out, pages, time.perf_counter() - start, tuple(s.problems))


def safe_filename(text: str) -> str:
    """A file name stem from a participant's name (or a title) that works on every file system."""
    return portable_filename(text, fallback="participant", max_bytes=120)


def handout_filename(n: int, person: Participant) -> str:
    """``NN Name.pdf``: unique by its number, naming the person, at most 255 bytes in UTF-8
    and free of characters and device names some file system refuses."""
    return portable_filename(person.name, ".pdf", prefix=f"{n:02d} ", fallback="participant")


class HandoutsFailed(StoreError):
    """Some personal handouts could not be written; ``written`` holds those that were."""

    def __init__(self, written: list[PdfResult], failed: list[tuple[Path, str]], total: int) -> None:
        self.written = written
        self.failed = failed
        shown = "; ".join(f"{path.name} ({why})" for path, why in failed[:3])
        more = f"; and {len(failed) - 3} more" if len(failed) > 3 else ""
        ok = total - len(failed)
        rest = "none was written" if ok == 0 else f"the other {ok} {'was' if ok == 1 else 'were'} written"
        super().__init__(f"{len(failed)} of {total} personal handouts could not be written: {shown}{more}; {rest}.")


def _why(exc: Exception) -> str:
    if isinstance(exc, OutputFailed):
        return exc.reason
    return exc.strerror or str(exc) if isinstance(exc, OSError) else str(exc)


class OpenPoints(StoreError):
    """The covenant breaks some of its own rules; it is printed only when that is accepted
    (``allow_open_points=True``: the rows are then marked and listed under "Open points")."""

    def __init__(self, points: list[CovenantWarning]) -> None:
        self.points = points
        n = len(points)
        super().__init__(f"The covenant has {n} open point{'' if n == 1 else 's'} (first: {points[0].message}); "
                         "settle them or print them as open points.")


def export_covenant(lib: Library, workshop_id: int, out: Path | str | None = None, *,
                    per_participant: Path | str | None = None, paper: str | None = None,
                    missing: str = "error", allow_open_points: bool = False) -> list[PdfResult]:
    """The team covenant to ``out`` and/or one personal copy per participant into a folder.

    A covenant whose rows break its own rules raises :class:`OpenPoints` before anything is
    written, unless ``allow_open_points``. Every handout is attempted: if some cannot be
    written, :class:`HandoutsFailed` names each of them (and carries those that were).
    Unprintable text is reported before any file is written."""
    data = CovenantData.load(lib, workshop_id)
    if not allow_open_points and data.open_points:
        raise OpenPoints(data.open_points)
    # every story is built once, before any file is written: all or nothing for unprintable text
    width = frame_width(paper)
    team = covenant_story(data, width) if out is not None else None
    personal = [covenant_story(data, width, p) for p in data.participants] if per_participant is not None else []
    if missing != "replace":
        problems: list[Unprintable] = []
        for s in ([team] if team is not None else []) + personal:
            problems += [p for p in s.problems if p not in problems]
        if problems:
            raise UnprintableText(problems)
    results = []
    if team is not None:
        results.append(_write_story(data, team, out, paper=paper, person=None, missing=missing))
    if per_participant is not None:
        folder = Path(per_participant)
        refuse_library_path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        failed: list[tuple[Path, str]] = []
        for n, (p, story) in enumerate(zip(data.participants, personal, strict=True), 1):
            path = folder / handout_filename(n, p)
            try:
                results.append(_write_story(data, story, path, paper=paper, person=p, missing=missing))
            except (OSError, StoreError) as exc:
                failed.append((path, _why(exc)))
        if failed:
            raise HandoutsFailed(results, failed, len(data.participants))
    return results


__all__ = ["CovenantData", "HandoutsFailed", "OpenPoints", "PdfResult", "SANS_BOLD", "export_covenant", "write_covenant", "covenant_story"]
