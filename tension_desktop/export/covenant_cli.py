"""`tension-desktop export covenant ID` and `tension-desktop export report ID`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tension_desktop.terminal import one_line, printable


def _configure_covenant(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", type=int, help="workshop id (see `tension-desktop list`)")
    p.add_argument("--out", type=Path, help="the team covenant PDF")
    p.add_argument("--per-participant", type=Path, metavar="DIR",
                   help="also write one personal handout per participant into DIR")
    p.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: from the locale)")
    p.add_argument("--replace-missing", action="store_true",
                   help="print even if some characters have no glyph in the bundled fonts")
    p.add_argument("--allow-open-points", action="store_true",
                   help="print even if some rows break the covenant's rules (they are marked and listed)")


def _run_covenant(args: argparse.Namespace, open_library) -> int:
    from .covenant_pdf import HandoutsFailed, OpenPoints, export_covenant
    from .fonts import UnprintableText

    if args.out is None and args.per_participant is None:
        print("tension-desktop: give --out FILE.pdf and/or --per-participant DIR", file=sys.stderr)
        return 2
    with open_library() as lib:
        try:
            results = export_covenant(lib, args.id, args.out, per_participant=args.per_participant,
                                      paper=args.paper, missing="replace" if args.replace_missing else "error",
                                      allow_open_points=args.allow_open_points)
        except UnprintableText as exc:
            print(f"tension-desktop: {one_line(exc)} (use --replace-missing to print anyway)", file=sys.stderr)
            return 1
        except OpenPoints as exc:
            print(f"tension-desktop: {one_line(exc)} (use --allow-open-points to print them marked)",
                  file=sys.stderr)
            return 1
        except HandoutsFailed as exc:  # the handouts that were written, then exactly which were not
            for r in exc.written:
                print(f"{r.path}\t{r.pages} pages")
            print(f"tension-desktop: {exc}", file=sys.stderr)
            return 1
    for r in results:
        print(f"{printable(r.path)}\t{r.pages} pages")
    return 0


def _configure_report(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", type=int, help="workshop id (see `tension-desktop list`)")
    p.add_argument("--out", type=Path, required=True, help="the session report PDF")
    p.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: from the locale)")
    p.add_argument("--replace-missing", action="store_true",
                   help="print even if some characters have no glyph in the bundled fonts")


def _run_report(args: argparse.Namespace, open_library) -> int:
    from .fonts import UnprintableText
    from .report_pdf import export_report

    with open_library() as lib:
        try:
            r = export_report(lib, args.id, args.out, paper=args.paper,
                              missing="replace" if args.replace_missing else "error")
        except UnprintableText as exc:
            print(f"tension-desktop: {one_line(exc)} (use --replace-missing to print anyway)", file=sys.stderr)
            return 1
    print(f"{printable(r.path)}\t{r.pages} pages")
    return 0


def _configure_memo(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", type=int, help="workshop id (see `tension-desktop list`)")
    p.add_argument("--decision", type=int, required=True, metavar="N",
                   help="which decision right, counting from 1 in the covenant's order")
    p.add_argument("--out", type=Path, required=True, help="the memo PDF")
    p.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: from the locale)")
    p.add_argument("--replace-missing", action="store_true",
                   help="print even if some characters have no glyph in the bundled fonts")


def _run_memo(args: argparse.Namespace, open_library) -> int:
    from .fonts import UnprintableText
    from .memo_pdf import export_memo

    with open_library() as lib:
        try:
            r = export_memo(lib, args.id, args.decision, args.out, paper=args.paper,
                            missing="replace" if args.replace_missing else "error")
        except UnprintableText as exc:
            print(f"tension-desktop: {one_line(exc)} (use --replace-missing to print anyway)", file=sys.stderr)
            return 1
    print(f"{printable(r.path)}\t{r.pages} pages")
    return 0


#: the commands' (configure, run) pairs, named in :data:`tension_desktop.registry.EXPORTS`
MEMO = (_configure_memo, _run_memo)
COVENANT = (_configure_covenant, _run_covenant)
REPORT = (_configure_report, _run_report)
