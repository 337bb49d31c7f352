"""The one rule: model/, store/ and export/ never import Qt."""

import subprocess
import sys


def test_core_packages_import_without_loading_pyside6():
    code = (
        "import sys, pkgutil, importlib\n"
        "import tension_desktop.model, tension_desktop.store, tension_desktop.export, tension_desktop.cli\n"
        "for pkg in (tension_desktop.model, tension_desktop.store, tension_desktop.export):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "import tension_desktop.cli as c; c.build_parser()\n"
        "print(sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
