"""`python -m desktop_app`: the `filescribe` command (what the desktop entry runs without the script)."""
import sys

from desktop_app.cli.main import main

sys.exit(main())
