"""Registry of `tension-desktop export WHAT` subcommands contributed by export features.

Each feature adds an entry to :data:`EXPORTERS`: name -> (configure(parser), run(args, open_library)).
``open_library`` returns a read-only :class:`~tension_desktop.store.Library` so exports work
while the app has the library open.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

EXPORTERS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[..., int]]] = {}


def register(subparsers) -> None:
    """Add each registered exporter as ``export NAME``."""
    _load_features()
    for name, (help_text, configure, _run) in EXPORTERS.items():
        configure(subparsers.add_parser(name, help=help_text))


def run(args: argparse.Namespace, open_library: Callable) -> int:
    return EXPORTERS[args.what][2](args, open_library)


def _load_features() -> None:
    """Import the export modules that register themselves (kept optional while they are built)."""
    import importlib

    for module in ("tension_desktop.export.covenant_cli", "tension_desktop.export.map_cli",
                   "tension_desktop.export.board_cli", "tension_desktop.export.structure_cli"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
