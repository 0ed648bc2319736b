"""Driving the real window offscreen from a script: wait for a state, let it settle, save a picture of it.

Shared by the desktop benchmarks and docs/screenshots/make_screenshots.py.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def wait_until(app: Any, condition: Callable[[], Any], timeout: float = 600) -> float:
    """Process events until `condition()` holds; the seconds it took (TimeoutError after `timeout`)."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the window did not reach the awaited state")
        app.processEvents()
        time.sleep(0.001)
    return time.perf_counter() - start


def settle(app: Any, seconds: float = 0.4) -> None:
    """Let timers (status bar, filter) fire and the window repaint."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def save_small(image: Any, path: Path) -> None:
    """A 256-colour PNG without dithering: a quarter of the size, no visible difference on a window."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    flags = Qt.ImageConversionFlag.AvoidDither | Qt.ImageConversionFlag.ThresholdDither
    image.convertToFormat(QImage.Format.Format_Indexed8, flags).save(str(path), "PNG")
    print(f"{path} ({path.stat().st_size // 1024} KB)")


def save(widget: Any, out: Path, name: str) -> None:
    """A picture of `widget` as `out/name` (see `save_small`)."""
    save_small(widget.grab().toImage(), out / name)


def dark_palette() -> Any:
    """A dark QPalette (Fusion's roles with dark greys, light text, a blue highlight), as a dark desktop theme has."""
    from PySide6.QtGui import QColor, QPalette

    role, group = QPalette.ColorRole, QPalette.ColorGroup
    palette = QPalette()
    colors = {role.Window: "#2b2b2b", role.WindowText: "#e6e6e6", role.Base: "#1e1e1e", role.AlternateBase: "#262626",
              role.Text: "#e6e6e6", role.Button: "#333333", role.ButtonText: "#e6e6e6", role.Highlight: "#3d7ac7",
              role.HighlightedText: "#ffffff", role.Link: "#6ea8fe", role.LinkVisited: "#b39ddb",
              role.ToolTipBase: "#333333", role.ToolTipText: "#e6e6e6", role.PlaceholderText: "#8a8a8a",
              role.BrightText: "#ff6b6b", role.Light: "#4a4a4a", role.Midlight: "#3c3c3c", role.Mid: "#2f2f2f",
              role.Dark: "#191919", role.Shadow: "#0a0a0a"}
    for name, value in colors.items():
        palette.setColor(name, QColor(value))
    for name in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, name, QColor("#7a7a7a"))
    return palette


def use_dark_theme(app: Any) -> None:
    """The Fusion style with `dark_palette()`: the window as on a dark desktop."""
    app.setStyle("Fusion")
    app.setPalette(dark_palette())
