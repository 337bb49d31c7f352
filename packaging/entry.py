"""Entry script of the packaged app (PyInstaller): the same `main` as `tension-desktop`."""

import sys

from tension_desktop.cli import main

sys.exit(main())
