"""Reliability fixtures: the desktop tests' windows and engines, shared rather than rebuilt."""
from __future__ import annotations

from tests.desktop_app.conftest import counting_engine, desktop_engine, folder, make_window, one_torch_thread

__all__ = ["counting_engine", "desktop_engine", "folder", "make_window", "one_torch_thread"]
