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
    def error(self, message: str) -> None:  # usage errors exit 2 with one line
        self.print_usage(sys.stderr)
        print(f"tension-desktop: {one_line(message)}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tension-desktop", description="Offline facilitation for leadership teams.")
    parser.add_argument("--version", action="version", version=f"tension-desktop {__version__}")
    parser.add_argument("--data-dir", type=Path, help="folder of the library (default: the app-data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    sub.add_parser("demo", help="create the demo workshop and print its id")
    p = sub.add_parser("list", help="print teams and workshops")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")

    p = sub.add_parser("export", help="export a workshop (or, with features, a handout)")
    esub = p.add_subparsers(dest="what", metavar="WHAT", required=True, parser_class=_Parser)
    w = esub.add_parser("workshop", help="a portable .tension or .json file (by suffix)")
    w.add_argument("id", type=int)
    w.add_argument("--out", type=Path, required=True)
    from tension_desktop.export import cli_exports  # no Qt: export/ is part of the core

    cli_exports.register(esub)

    p = sub.add_parser("import", help="import a .tension or .json workshop file; prints the new id")
    p.add_argument("file", type=Path)
    sub.add_parser("check", help="integrity check of the library")
    p = sub.add_parser("continue", help="start the next session of a workshop's team; prints the new id")
    p.add_argument("id", type=int)
    p.add_argument("--title", help="title of the new session (default: the old title + ' - follow-up')")
    p.add_argument("--date", default="", help="date of the new session (YYYY-MM-DD)")
    return parser


def _library(args: argparse.Namespace, *, readonly: bool):
    from tension_desktop.store import library_path, open_library

    return open_library(library_path(args.data_dir), readonly=readonly)


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
    "continue": _cmd_continue,
}


def _window_only(argv: list[str]) -> Path | None | bool:
    """The data dir when ``argv`` only opens the window (nothing, or ``--data-dir DIR``),
    else False: then the full parser reads it (help, version, commands, usage errors)."""
    if not argv:
        return None
    if len(argv) == 2 and argv[0] == "--data-dir" and not argv[1].startswith("-"):
        return Path(argv[1])
    if len(argv) == 1 and argv[0].startswith("--data-dir=") and len(argv[0]) > len("--data-dir="):
        return Path(argv[0].split("=", 1)[1])
    return False


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``tension-desktop`` and ``python -m tension_desktop``."""
    window_dir = _window_only(sys.argv[1:] if argv is None else argv)
    if window_dir is not False:  # no command: skip building the full parser (start-up)
        from tension_desktop.gui.app import run_app

        return run_app(window_dir)
    with guard_streams():
        args = build_parser().parse_args(argv)
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
