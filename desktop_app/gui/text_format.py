"""How names, sizes and times read in the window."""
from __future__ import annotations

import time

from PySide6.QtCore import QLocale

from core.files.scanner import printable

__all__ = ["format_change", "format_size", "format_time", "printable"]


def format_size(size: int) -> str:
    """1.2 MB, 340 bytes ..."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def format_time(seconds: float) -> str:
    """Date and time, sortable and the same in every locale: 2024-03-18 14:05."""
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds))


def format_change(change: float) -> str:
    """A score change to 3 decimals with its sign: +0.012, -0.004, and ±0.000 when it rounds to nothing."""
    rounded = round(change, 3)
    return f"{rounded:+.3f}" if rounded else "±0.000"
