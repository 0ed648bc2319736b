"""How names, sizes and times read in the window."""
from __future__ import annotations

import time

from PySide6.QtCore import QLocale

CONTROL_SYMBOLS = {code: 0x2400 + code for code in range(32)} | {127: 0x2421}  # \n -> ␊, \t -> ␉ ...


def printable(text: str) -> str:
    """A name on one line: control characters (a newline in a file name) shown as their symbols."""
    return text.translate(CONTROL_SYMBOLS)


def format_size(size: int) -> str:
    """1.2 MB, 340 bytes ..."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def format_time(seconds: float) -> str:
    """Date and time, sortable and the same in every locale: 2024-03-18 14:05."""
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds))
