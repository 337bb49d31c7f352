"""Entry script of the packaged app (PyInstaller): the same `main` as `tension-desktop`."""

import os
import sys

# A windowed exe (Windows' tension-desktop.exe, the macOS .app) has no standard streams:
# give them a sink so a message printed for a terminal cannot crash the app.
for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (lives as long as the app)

from tension_desktop.cli import main  # noqa: E402

sys.exit(main())
