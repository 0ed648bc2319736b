"""Colours derived from the palette, so that a dark theme stays as readable as a light one: a hue is moved toward
the palette's text colour until it stands out from the background (WCAG contrast ratio)."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette

TEXT_CONTRAST = 4.5  # WCAG AA for text
LINE_CONTRAST = 3.0  # WCAG AA for graphics
RED, GREEN, AMBER = QColor(220, 38, 38), QColor(30, 150, 70), QColor(229, 165, 10)
Role = QPalette.ColorRole


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`a` moved `amount` (0 to 1) of the way toward `b`, opaque."""
    return QColor(*(round(x + (y - x) * amount) for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True)))


def luminance(color: QColor) -> float:
    """WCAG relative luminance of an opaque colour."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = color.getRgb()[:3]
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two opaque colours, 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(color: QColor, palette: QPalette, minimum: float = TEXT_CONTRAST, background: Role = Role.Base) -> QColor:
    """`color` (its transparency laid over the background) moved toward the palette's text colour until its contrast
    with `background` reaches `minimum`."""
    back, text = palette.color(background), palette.color(Role.Text)
    start = mix(back, color, color.alphaF())
    for step in range(11):
        candidate = mix(start, text, step / 10)
        if contrast(candidate, back) >= minimum:
            return candidate
    return text


def hint_color(palette: QPalette | None = None) -> str:
    """The colour of hints and notes beside other text (the palette's placeholder text, readable), as #rrggbb."""
    palette = palette or QGuiApplication.palette()
    return readable(palette.color(Role.PlaceholderText), palette, background=Role.Window).name()


def tinted(palette: QPalette, hue: QColor, amount: float = 0.18) -> QColor:
    """A background of `hue` faint enough for the palette's text to stay readable on it."""
    return mix(palette.color(Role.Base), hue, amount)


@dataclass(frozen=True)
class StateColors:
    """The description column's text colours: waiting (and empty), corrected by the user, failed."""

    waiting: QColor
    corrected: QColor
    failed: QColor

    @classmethod
    def of(cls, palette: QPalette) -> StateColors:
        """The colours for `palette`: placeholder text, the link colour, a red; each readable on the base colour."""
        return cls(waiting=readable(palette.color(Role.PlaceholderText), palette),
                   corrected=readable(palette.color(Role.Link), palette), failed=readable(RED, palette))


def gain_color(palette: QPalette | None = None) -> QColor:
    """Green for what got better, readable on the base colour."""
    return readable(GREEN, palette or QGuiApplication.palette())


def loss_color(palette: QPalette | None = None) -> QColor:
    """Red for what got worse or failed, readable on the base colour."""
    return readable(RED, palette or QGuiApplication.palette())


def shade(amount: float, palette: QPalette | None = None) -> QColor:
    """The base colour moved `amount` toward the text colour: code boxes, grid lines."""
    palette = palette or QGuiApplication.palette()
    return mix(palette.color(Role.Base), palette.color(Role.Text), amount)
