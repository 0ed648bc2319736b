"""How names, sizes and times read in the window."""
from __future__ import annotations

import time

from PySide6.QtCore import QLocale

from core.files.scanner import printable
from training.rouge import format_change

__all__ = ["format_change", "format_size", "format_time", "printable"]


def format_size(size: int) -> str:
    """1.2 MB, 340 bytes ..."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def format_time(seconds: float) -> str:
    """Date and time, sortable and the same in every locale: 2024-03-18 14:05."""
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds))
