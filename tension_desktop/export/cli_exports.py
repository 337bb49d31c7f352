"""The `tension-desktop export WHAT` subcommands, as :data:`tension_desktop.registry.EXPORTS` names them.

Each export module offers a ``(configure(parser), run(args, open_library))`` pair.
``open_library`` returns a read-only :class:`~tension_desktop.store.Library` so exports work
while the app has the library open.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from tension_desktop import registry


def register(subparsers) -> None:
    """Add each registered export as ``export NAME``."""
    for entry in registry.EXPORTS:
        configure, _run = registry.load(entry.command)
        configure(subparsers.add_parser(entry.name, help=entry.help))


def run(args: argparse.Namespace, open_library: Callable) -> int:
    entry = next(e for e in registry.EXPORTS if e.name == args.what)
    _configure, run_export = registry.load(entry.command)
    return run_export(args, open_library)
