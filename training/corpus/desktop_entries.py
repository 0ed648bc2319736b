"""Desktop entries (`*.desktop`): "desktop launcher for <Name>: <Comment>"."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from training.corpus.cleaning import lower_initial
from training.corpus.records import Record


def desktop_records(directories: Iterable[Path]) -> list[Record]:
    """One record per described `*.desktop` file of `directories`."""
    records = []
    for directory in directories:
        for path in sorted(directory.glob("*.desktop")) if directory.is_dir() else ():
            description = desktop_description(read_desktop_entry(path))
            if description:
                records.append(Record(path.name, description, "desktop-entry", path.stem))
    return records


def read_desktop_entry(path: Path) -> dict[str, str]:
    """The keys of the [Desktop Entry] group of `path` (first value wins); empty if unreadable."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return {}
    entry: dict[str, str] = {}
    in_group = False
    for line in (raw.strip() for raw in lines):
        if line.startswith("["):
            in_group = line == "[Desktop Entry]"
        elif in_group and "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            entry.setdefault(key.strip(), value.strip())
    return entry


def desktop_description(entry: dict[str, str]) -> str | None:
    """ "desktop launcher for <Name>: <Comment or GenericName>"; None if unnamed, or hidden without a comment."""
    name, comment = entry.get("Name"), entry.get("Comment") or entry.get("GenericName")
    hidden = any(entry.get(key, "").lower() == "true" for key in ("NoDisplay", "Hidden"))
    if not name or (hidden and not entry.get("Comment")):
        return None
    return f"desktop launcher for {name}: {lower_initial(comment)}" if comment else f"desktop launcher for {name}"

