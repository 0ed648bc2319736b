"""The description column's state colours come from the palette and stay readable on light and dark themes."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyleFactory

from benchmarks.offscreen import dark_palette
from core.describe.states import CORRECTED, GENERATED
from desktop_app.gui.colors import TEXT_CONTRAST, contrast, hint_color
from desktop_app.gui.files.table_model import DESCRIPTION, FileTableModel
from tests.desktop_app.gui.files.test_table_model import entry

pytestmark = pytest.mark.usefixtures("qapp")


def light_palette() -> QPalette:
    return QStyleFactory.create("Fusion").standardPalette()


def foregrounds(palette: QPalette) -> dict[str, QColor]:
    """The description's text colour of a row in each state, under `palette`."""
    model = FileTableModel()
    model.set_palette(palette)
    model.add([entry(name) for name in ("waiting.txt", "empty.txt", "corrected.txt", "failed.txt", "plain.txt")])
    model.set_descriptions([("/r/empty.txt", "", GENERATED), ("/r/corrected.txt", "mine", CORRECTED),
                            ("/r/plain.txt", "a text file", GENERATED)])
    model.set_failed([("/r/failed.txt", "out of memory")])
    colors = {}
    for row in range(model.rowCount()):
        color = model.data(model.index(row, DESCRIPTION), Qt.ItemDataRole.ForegroundRole)
        colors[model.row_at(row).entry.name.removesuffix(".txt")] = color or palette.color(QPalette.ColorRole.Text)
    return colors


@pytest.mark.parametrize("palette", [light_palette, dark_palette], ids=["light", "dark"])
def test_every_state_reads_well_on_the_base_colour(palette) -> None:
    palette = palette()
    colors = foregrounds(palette)
    base = palette.color(QPalette.ColorRole.Base)
    assert {name: contrast(color, base) >= TEXT_CONTRAST for name, color in colors.items()} == dict.fromkeys(
        ("waiting", "empty", "corrected", "failed", "plain"), True)
    assert len({colors[name].name() for name in ("waiting", "corrected", "failed", "plain")}) == 4  # told apart
    assert contrast(QColor(hint_color(palette)), palette.color(QPalette.ColorRole.Window)) >= TEXT_CONTRAST


def test_the_colours_follow_the_palette() -> None:
    light, dark = foregrounds(light_palette()), foregrounds(dark_palette())
    assert all(light[name] != dark[name] for name in ("waiting", "corrected", "failed"))
