from tension_desktop.cli import main

raise SystemExit(main())
