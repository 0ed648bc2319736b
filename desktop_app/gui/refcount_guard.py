"""A guard against a PySide6 6.12 bug on Python 3.11 and older.

Every signal emitted from Python releases a reference to True that it never took, and every Python slot
the event loop calls releases one to None. After some ten thousand of them (a long session, a big
folder described) Python frees the singleton and aborts ("deallocating None"). Python 3.12 made these
objects immortal; on older versions they are made effectively immortal here the same way: by giving
them a reference count no session can use up.
"""
from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40  # a trillion stray releases away from zero


def refcount_cell(obj: object) -> ctypes.c_ssize_t | None:
    """The object's reference count field, if this interpreter keeps it where CPython does."""
    cell = ctypes.c_ssize_t.from_address(id(obj))
    return cell if cell.value == sys.getrefcount(obj) - 1 else None  # getrefcount counts its argument


def protect_singletons() -> bool:
    """Make None, True and False immortal where the interpreter does not (idempotent); True if it did."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    for singleton in (None, True, False):
        cell = refcount_cell(singleton)
        if cell is not None and cell.value < RESERVE:
            cell.value += RESERVE
    return True
