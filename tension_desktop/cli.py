"""Command line: with no command it opens the window; subcommands work headless.

Imports no Qt unless it opens a window. Exit codes: 0 success, 1 failure (one line on
stderr), 2 usage error. Text that came from the user (titles, names, file names) is printed
through :func:`tension_desktop.terminal.printable`, and while a command runs the standard
streams escape terminal controls in anything else (:func:`tension_desktop.terminal.guard_streams`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from tension_desktop import __version__
from tension_desktop.terminal import guard_streams, json_safe, one_line, printable

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # usage errors exit 2 with one line
        self.print_usage(sys.stderr)
        print(f"tension-desktop: {one_line(message)}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


#: suffixes of the workshop files the app opens (double-click, or a path on the command line)
WORKSHOP_SUFFIXES = (".tension", ".json")

DESCRIPTION = """\
Tension Desktop: the tension map, three-column board and covenant handouts for
leadership team workshops. Works offline; nothing leaves this computer.

Without a command it opens the window. With a workshop file it opens the window and
offers to import the file (what double-clicking a .tension file does):
  tension-desktop offsite.tension

The commands below work without a window (on a laptop with no screen attached, or to
print handouts in a batch). Type `tension-desktop COMMAND --help` for one command."""


def _epilog() -> str:
    from tension_desktop.store.paths import default_data_dir

    return f"""\
where your workshops are kept:
  {default_data_dir()}
  (another folder with --data-dir; a portable copy of the app with a portable.txt file
  beside it keeps them in the tension-desktop-data folder next to it)

exit codes:
  0  done
  1  it did not work: one line on stderr says why (nothing was changed)
  2  the command was typed wrong: the usage line shows how to type it

examples:
  tension-desktop demo
  tension-desktop list
  tension-desktop export covenant 3 --out covenant.pdf
  tension-desktop --data-dir /media/usb/workshops list"""


class _Version(argparse.Action):
    """``--version``: the app's version with the Qt, PySide6 and Python it runs on."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(version_text())
        parser.exit()


def version_text() -> str:
    """One line: the app's version and the versions of Qt, PySide6 and Python under it."""
    import platform

    try:
        import PySide6
        from PySide6.QtCore import qVersion

        qt = f"Qt {qVersion()}, PySide6 {PySide6.__version__}, "
    except ImportError:  # pragma: no cover (a broken install: still say what we know)
        qt = "Qt not found, "
    return f"tension-desktop {__version__} ({qt}Python {platform.python_version()})"


def _command(sub, name: str, help_text: str, example: str, more: str = ""):
    """A subcommand with its one-line help, a description and an example."""
    text = help_text[0].upper() + help_text[1:] + "." + (f"\n\n{more}" if more else "")
    return sub.add_parser(name, help=help_text, description=text, epilog=f"example:\n  {example}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tension-desktop", description=DESCRIPTION, epilog=_epilog(),
                     usage="tension-desktop [--data-dir DIR] [FILE.tension | COMMAND ...]")
    parser.add_argument("--version", action=_Version, help="print the version (with Qt's) and stop")
    parser.add_argument("--data-dir", type=Path, metavar="DIR",
                        help="use the library in DIR instead of the usual folder (see below)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser, prog="tension-desktop")

    _command(sub, "demo", "add a copy of the demo workshop and print its number",
             "tension-desktop demo",
             "Each run adds one more copy (to try things on without touching real workshops);\n"
             "delete the copies you do not need in the window.")
    p = _command(sub, "list", "show the teams and their workshops, with each workshop's number",
                 "tension-desktop list --json")
    p.add_argument("--json", action="store_true", help="print JSON (for a spreadsheet or a script)")

    p = _command(sub, "export", "write a workshop file, a PDF handout or a CSV table",
                 "tension-desktop export covenant 3 --out covenant.pdf",
                 "WHAT says what to write; each takes the workshop's number (see `list`).")
    esub = p.add_subparsers(dest="what", metavar="WHAT", required=True, parser_class=_Parser)
    w = _command(esub, "workshop", "a workshop file to take to another computer (.tension, or .json to read)",
                 "tension-desktop export workshop 3 --out offsite.tension",
                 "The file holds the whole workshop: people, initiatives, every exercise.\n"
                 "Import it on the other computer with `tension-desktop import FILE` or File > Import.")
    w.add_argument("id", type=int, help="workshop number (see `tension-desktop list`)")
    w.add_argument("--out", type=Path, required=True, help="the file to write (.tension or .json)")
    from tension_desktop.export import cli_exports  # no Qt: export/ is part of the core

    cli_exports.register(esub)

    p = _command(sub, "import", "add a workshop from a .tension or .json file and print its new number",
                 "tension-desktop import offsite.tension",
                 "All or nothing: a damaged file adds nothing. The file itself is not changed.")
    p.add_argument("file", type=Path, help="the workshop file")
    _command(sub, "check", "check that the library is sound (run it if something looks wrong)",
             "tension-desktop check")
    p = _command(sub, "continue", "start the next session of a workshop's team and print its number",
                 "tension-desktop continue 3 --title \"Offsite, day 2\" --date 2026-03-14",
                 "The new session takes over the people, initiatives and open commitments.")
    p.add_argument("id", type=int, help="workshop number (see `tension-desktop list`)")
    p.add_argument("--title", help="title of the new session (default: the old title + ' - follow-up')")
    p.add_argument("--date", default="", help="date of the new session (YYYY-MM-DD)")
    _command(sub, "self-check", "check that this copy of the app is complete (every exercise and handout)",
             "tension-desktop self-check",
             "Prints `ok: ...` when everything is there; otherwise names what is missing (exit 1).")
    return parser


def _library(args: argparse.Namespace, *, readonly: bool):
    from tension_desktop.store import library_path, open_library

    return open_library(library_path(args.data_dir), readonly=readonly)


def _cmd_self_check(args: argparse.Namespace) -> int:
    from tension_desktop.selfcheck import run

    return run()


def _cmd_demo(args: argparse.Namespace) -> int:
    from tension_desktop.store.demo import create_demo

    with _library(args, readonly=False) as lib:
        print(create_demo(lib))
    return EXIT_OK


def _cmd_list(args: argparse.Namespace) -> int:
    from tension_desktop.store import library_path, workshops

    if not library_path(args.data_dir).exists():
        print("[]" if args.json else "No library yet: start the app or run `tension-desktop demo`.")
        return EXIT_OK
    with _library(args, readonly=True) as lib:
        rows = workshops.list_workshops(lib)
    if args.json:
        teams: dict[int, dict] = {}
        for r in rows:
            team = teams.setdefault(r.team_id, {"id": r.team_id, "name": r.team_name, "workshops": []})
            team["workshops"].append({"id": r.id, "title": r.title, "date": r.date, "updated_at": r.updated_at,
                                      "participants": r.participants, "initiatives": r.initiatives})
        print(json_safe(json.dumps(list(teams.values()), ensure_ascii=False, indent=2)))
        return EXIT_OK
    current = None
    for r in rows:
        if r.team_id != current:
            print(printable(r.team_name))
            current = r.team_id
        print(f"  {r.id:>4}  {printable(r.date or '----------')}  {printable(r.title)}  ({r.participants} "
              f"participants, {r.initiatives} initiatives)")
    if not rows:
        print("No workshops yet.")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    if args.what == "workshop":
        from tension_desktop.store import transfer

        with _library(args, readonly=True) as lib:
            out = transfer.export_workshop(lib, args.id, args.out)
        print(printable(out))
        return EXIT_OK
    from tension_desktop.export import cli_exports

    return cli_exports.run(args, lambda: _library(args, readonly=True))


def _cmd_import(args: argparse.Namespace) -> int:
    from tension_desktop.store import transfer

    with _library(args, readonly=False) as lib:
        print(transfer.import_workshop(lib, args.file))
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from tension_desktop.store.identity import describe_problems

    with _library(args, readonly=True) as lib:
        problems = lib.integrity_check()
        version = lib.schema_version
        count = lib.query("SELECT count(*) AS n FROM workshops")[0]["n"]
    if problems == ["ok"]:
        print(f"ok: {printable(lib.path)} (library version {version}, {count} workshop{'' if count == 1 else 's'})")
        return EXIT_OK
    fail(f"{lib.path} is damaged: {describe_problems(problems)}")
    return EXIT_FAIL


def _cmd_continue(args: argparse.Namespace) -> int:
    from tension_desktop.store import session, workshops

    with _library(args, readonly=False) as lib:
        title = args.title or f"{workshops.get_workshop(lib, args.id).title} - follow-up"
        print(session.continue_workshop(lib, args.id, title, args.date).id)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": _cmd_demo, "list": _cmd_list, "export": _cmd_export, "import": _cmd_import, "check": _cmd_check,
    "continue": _cmd_continue, "self-check": _cmd_self_check,
}


def _window_only(argv: list[str]) -> tuple[Path | None, Path | None] | None:
    """``(data dir, workshop file)`` when ``argv`` only opens the window: nothing,
    ``--data-dir DIR``, and at most one ``.tension``/``.json`` file (what double-clicking a
    workshop file runs). None otherwise: then the full parser reads it (help, version,
    commands, usage errors)."""
    data_dir: Path | None = None
    file: Path | None = None
    # macOS adds -psn_0_NNN (a process serial number) when Finder starts an app
    rest = [a for a in argv if not a.startswith("-psn_")]
    i = 0
    while i < len(rest):
        arg = rest[i]
        if data_dir is None and arg == "--data-dir" and i + 1 < len(rest) and not rest[i + 1].startswith("-"):
            data_dir, i = Path(rest[i + 1]), i + 2
        elif data_dir is None and arg.startswith("--data-dir=") and len(arg) > len("--data-dir="):
            data_dir, i = Path(arg.split("=", 1)[1]), i + 1
        elif (file is None and not arg.startswith("-") and arg not in COMMANDS
              and Path(arg).suffix.lower() in WORKSHOP_SUFFIXES):
            file, i = Path(arg), i + 1
        else:
            return None
    return data_dir, file


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``tension-desktop`` and ``python -m tension_desktop``."""
    from tension_desktop.portable import data_dir

    window = _window_only(sys.argv[1:] if argv is None else argv)
    if window is not None:  # no command: skip building the full parser (start-up)
        from tension_desktop.gui.app import run_app

        return run_app(data_dir(window[0]), open_file=window[1])
    with guard_streams():
        args = build_parser().parse_args(argv)
        args.data_dir = data_dir(args.data_dir)
        if args.command is not None:
            return _run_command(args)
    from tension_desktop.gui.app import run_app  # the only path that imports Qt

    return run_app(args.data_dir)


def _run_command(args: argparse.Namespace) -> int:
    """Run a subcommand; a failure it reports is one line on stderr (exit 1)."""
    from tension_desktop.model import ValidationError
    from tension_desktop.store import StoreError

    run = COMMANDS[args.command]
    try:
        return run(args)
    except (StoreError, ValidationError, KeyError, OSError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
        fail(message)
        return EXIT_FAIL


def fail(message: object) -> None:
    """Print a failure as the one line on stderr the README promises (escaped, line breaks joined)."""
    print(f"tension-desktop: {one_line(message)}", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
