"""Registry of `tension-desktop export WHAT` subcommands contributed by export features.

Each feature adds an entry to :data:`EXPORTERS`: name -> (configure(parser), run(args, open_library)).
``open_library`` returns a read-only :class:`~tension_desktop.store.Library` so exports work
while the app has the library open.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

EXPORTERS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[..., int]]] = {}


#: An example command line per exporter, shown by ``export NAME --help``.
EXAMPLES: dict[str, str] = {
    "covenant": "tension-desktop export covenant 3 --out covenant.pdf --per-participant handouts/",
    "report": "tension-desktop export report 3 --out session-report.pdf",
    "memo": "tension-desktop export memo 3 --decision 1 --out decision-memo.pdf",
    "map": "tension-desktop export map 3 --out tension-map.csv",
    "board": "tension-desktop export board 3 --out board.csv",
}


def register(subparsers) -> None:
    """Add each registered exporter as ``export NAME`` (help, description and an example)."""
    _load_features()
    for name, (help_text, configure, _run) in EXPORTERS.items():
        example = EXAMPLES.get(name, f"tension-desktop export {name} 3 --out FILE")
        description = help_text[0].upper() + help_text[1:] + ". The number is the workshop's (see `list`)."
        configure(subparsers.add_parser(name, help=help_text, description=description,
                                        epilog=f"example:\n  {example}"))


def run(args: argparse.Namespace, open_library: Callable) -> int:
    return EXPORTERS[args.what][2](args, open_library)


def _load_features() -> None:
    """Import the export modules that register themselves (kept optional while they are built)."""
    import importlib

    from tension_desktop.registry import EXPORT_MODULES

    for module in EXPORT_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
