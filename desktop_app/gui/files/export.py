"""File > Export…: where the open folder's descriptions go, as CSV or JSON lines (core.describe.export writes)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from core.describe.export import export_format

FILTERS = {"CSV (*.csv)": ".csv", "JSON lines (*.jsonl)": ".jsonl"}


def choose_export_file(parent: QWidget, folder: str) -> Path | None:
    """Ask where to export (None if cancelled); a name without .csv or .jsonl gets the chosen filter's."""
    start = Path.home() / f"{Path(folder).name or 'folder'} descriptions.csv"
    target, chosen = QFileDialog.getSaveFileName(parent, "Export descriptions", str(start), ";;".join(FILTERS))
    if not target:
        return None
    path = Path(target)
    return path if export_format(path) else path.with_name(path.name + FILTERS.get(chosen, ".csv"))
