"""The `tension-desktop export WHAT` subcommands, as :data:`tension_desktop.registry.EXPORTS` names them.

Each export module offers a ``(configure(parser), run(args, open_library))`` pair.
``open_library`` returns a read-only :class:`~tension_desktop.store.Library` so exports work
while the app has the library open.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from tension_desktop import registry

#: An example command line per exporter, shown by ``export NAME --help``.
EXAMPLES: dict[str, str] = {
    "covenant": "tension-desktop export covenant 3 --out covenant.pdf --per-participant handouts/",
    "report": "tension-desktop export report 3 --out session-report.pdf",
    "memo": "tension-desktop export memo 3 --decision 1 --out decision-memo.pdf",
    "map": "tension-desktop export map 3 --out tension-map.csv",
    "board": "tension-desktop export board 3 --out board.csv",
}


def register(subparsers) -> None:
    """Add each registered export as ``export NAME`` (help, description and an example)."""
    for entry in registry.EXPORTS:
        configure, _run = registry.load(entry.command)
        example = EXAMPLES.get(entry.name, f"tension-desktop export {entry.name} 3 --out FILE")
        description = entry.help[0].upper() + entry.help[1:] + ". The number is the workshop's (see `list`)."
        configure(subparsers.add_parser(entry.name, help=entry.help, description=description,
                                        epilog=f"example:\n  {example}"))


def run(args: argparse.Namespace, open_library: Callable) -> int:
    entry = next(e for e in registry.EXPORTS if e.name == args.what)
    _configure, run_export = registry.load(entry.command)
    return run_export(args, open_library)
