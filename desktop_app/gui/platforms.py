"""Which desktop's conventions apply, read from sys.platform when asked (tests simulate another platform)."""
from __future__ import annotations

import sys


def free_desktop() -> bool:
    """Linux and the BSDs: freedesktop.org icon themes, a file manager on D-Bus, xdg-open (not Windows or macOS)."""
    return sys.platform not in ("win32", "cygwin", "darwin")
