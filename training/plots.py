"""Matplotlib without a display, and figures saved atomically as PNG."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from core.atomic import write_atomically


def pyplot() -> Any:
    """matplotlib.pyplot on the Agg backend (no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def save_figure(figure: Any, path: Path) -> None:
    """Save `figure` as a PNG that replaces `path` in one rename, and close it."""
    try:
        write_atomically(path, lambda out: figure.savefig(out, format="png", dpi=120))
    finally:
        pyplot().close(figure)
