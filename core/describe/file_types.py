"""File types from names alone: the shared-mime-info glob rules and English comments ("PDF document").

The desktop's own database (globs2 and the per-type XML files of the XDG data dirs) is used where it
exists, as on Linux; elsewhere (Windows, macOS) the table shipped in resources/data/file_types.json,
made from the same database. Both are completed by resources/data/extra_file_types.json, the project's own
rules for common types the database lacks (Swift, Parquet, KeePass, PowerShell, INI, lockfiles), added after
the database's rules as a package of its own would be; a few outrank a tie of the database's whose first rule is
the rare type (*.ts: TypeScript, not a Qt Linguist catalog). Matching follows the shared-mime-info spec: literal
names first, then the globs of highest weight, the longest pattern breaking ties; case-insensitive unless a
glob says `cs`.
No file is ever opened: the name decides.
"""
from __future__ import annotations

import json
import os
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path

from resources import resource_path

MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
WILDCARDS = re.compile(r"[*?\[]")
SIMPLE_SUFFIX = re.compile(r"\*(\.[^*?\[\]]+)")


@dataclass(frozen=True)
class Glob:
    """One shared-mime-info glob rule: `weight:type:pattern[:cs]`."""

    weight: int
    mime_type: str
    pattern: str
    case_sensitive: bool = False


class TypeTable:
    """Glob rules and the English comment of each MIME type; answers "what type does this name have?"."""

    def __init__(self, globs: Sequence[Glob], comment_of: Callable[[str], str | None], origin: str) -> None:
        self.globs = list(globs)
        self.origin = origin  # "shared-mime-info" or "shipped table"
        self._comment_of = comment_of
        self._literals: dict[str, list[tuple[int, Glob]]] = {}
        self._suffixes: dict[str, list[tuple[int, Glob]]] = {}
        self._patterns: list[tuple[int, Glob]] = []
        for order, glob in enumerate(self.globs):
            suffix = SIMPLE_SUFFIX.fullmatch(glob.pattern)
            keys = {glob.pattern, glob.pattern.lower()}
            if not WILDCARDS.search(glob.pattern):
                for key in keys:
                    self._literals.setdefault(key, []).append((order, glob))
            elif suffix:
                for key in keys:
                    self._suffixes.setdefault(key[1:], []).append((order, glob))
            else:
                self._patterns.append((order, glob))
        self._comments: dict[str, str | None] = {}
        self._lock = threading.Lock()

    def mime_type(self, filename: str) -> str | None:
        """The MIME type the name's globs give, or None when no glob matches."""
        name = filename.rsplit("/", 1)[-1]
        best = self._best(self._matches(name))
        return best.mime_type if best else None

    def comment(self, filename: str) -> str | None:
        """The English comment of the name's type ("PDF document"), or None when unknown."""
        mime_type = self.mime_type(filename)
        return None if mime_type is None else self.type_comment(mime_type)

    def type_comment(self, mime_type: str) -> str | None:
        """The English comment of a MIME type, or None when the database has none."""
        with self._lock:
            if mime_type not in self._comments:
                self._comments[mime_type] = self._comment_of(mime_type)
            return self._comments[mime_type]

    def _matches(self, name: str) -> list[tuple[int, Glob]]:
        """The rules matching `name` with its exact case if any (as xdgmime looks first), else without case."""
        for exact in (True, False):
            found = self._candidates(name, exact)
            if found:
                return found
        return []

    def _candidates(self, name: str, exact: bool) -> list[tuple[int, Glob]]:
        """Literal names if any match, else suffix and pattern rules; `exact`: patterns must match case too."""
        key = name if exact else name.lower()
        fits = (lambda g: fnmatchcase(name, g.pattern)) if exact else (
            lambda g: not g.case_sensitive and fnmatchcase(key, g.pattern.lower()))
        literal = [m for m in self._literals.get(key, []) if fits(m[1])]
        if literal:
            return literal
        found = [m for start in (i for i, ch in enumerate(key) if ch == ".")
                 for m in self._suffixes.get(key[start:], []) if fits(m[1])]
        return found + [m for m in self._patterns if fits(m[1])]

    @staticmethod
    def _best(matches: Iterable[tuple[int, Glob]]) -> Glob | None:
        """Highest weight, then longest pattern, then the first rule in the database's order."""
        ranked = sorted(set(matches), key=lambda m: (-m[1].weight, -len(m[1].pattern), m[0]))
        return ranked[0][1] if ranked else None


def parse_globs2(text: str) -> list[Glob]:
    """The rules of a globs2 file (`weight:type:pattern[:flags]`), in file order; __NOGLOBS__ lines skipped."""
    globs = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split(":")
        if len(parts) < 3 or not parts[0].isdigit() or parts[2] == "__NOGLOBS__":
            continue
        flags = parts[3].split(",") if len(parts) > 3 else []
        globs.append(Glob(int(parts[0]), parts[1], parts[2], "cs" in flags))
    return globs


def english_comment(xml_text: str | bytes) -> str | None:
    """The comment without xml:lang of a MIME type's XML, whitespace normalised."""
    root = ET.fromstring(xml_text)
    for element in root.iter(f"{MIME_NS}comment"):
        if XML_LANG not in element.attrib and element.text:
            return " ".join(element.text.split())
    return None


def mime_dirs() -> list[Path]:
    """The `mime` folders of the XDG data dirs that hold a globs2 file, most important first."""
    home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    system = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
    dirs = [Path(home), *(Path(d) for d in system.split(os.pathsep) if d)]
    return [d / "mime" for d in dirs if (d / "mime" / "globs2").is_file()]


def system_table(dirs: Sequence[Path]) -> TypeTable:
    """The desktop's database: the globs2 files of `dirs` and their per-type XML comments (read on demand)."""
    globs = []
    for folder in dirs:
        globs += parse_globs2((folder / "globs2").read_text(encoding="utf-8", errors="replace"))

    def comment_of(mime_type: str) -> str | None:
        for folder in dirs:
            path = folder / f"{mime_type}.xml"
            if path.is_file():
                try:
                    return english_comment(path.read_bytes())
                except (OSError, ET.ParseError):
                    continue
        return None

    return TypeTable(globs, comment_of, "shared-mime-info")


def shipped_table_path() -> Path:
    """The table shipped for platforms without shared-mime-info."""
    return resource_path("data", "file_types.json")


def shipped_table(path: Path | None = None) -> TypeTable:
    """The shipped table: {"globs": [[weight, type, pattern, case_sensitive], ...], "comments": {type: comment}}."""
    data = json.loads((path or shipped_table_path()).read_text(encoding="utf-8"))
    globs = [Glob(int(w), t, p, bool(cs)) for w, t, p, cs in data["globs"]]
    comments: dict[str, str] = data["comments"]
    return TypeTable(globs, comments.get, "shipped table")


def extra_table_path() -> Path:
    """The project's rules for common types shared-mime-info lacks."""
    return resource_path("data", "extra_file_types.json")


def with_extra_types(table: TypeTable, extra: TypeTable) -> TypeTable:
    """`table` completed by `extra`: its rules after the table's (which win ties), its comments where the table
    has none."""

    def comment_of(mime_type: str) -> str | None:
        return table.type_comment(mime_type) or extra.type_comment(mime_type)

    return TypeTable([*table.globs, *extra.globs], comment_of, table.origin)


def table_as_json(table: TypeTable) -> dict:
    """A table in the shipped form, with the comment of every type it names."""
    types = sorted({g.mime_type for g in table.globs})
    comments = {t: c for t in types if (c := table.type_comment(t))}
    return {"globs": [[g.weight, g.mime_type, g.pattern, g.case_sensitive] for g in table.globs], "comments": comments}


@lru_cache(maxsize=1)
def default_table() -> TypeTable:
    """The desktop's shared-mime-info database where there is one, else the shipped table; both with the extra types."""
    dirs = mime_dirs()
    return with_extra_types(system_table(dirs) if dirs else shipped_table(), shipped_table(extra_table_path()))


NUMBERED_COPY = re.compile(r"^(?P<base>.+\.(?P<extension>[A-Za-z][A-Za-z0-9]{0,7}))\.\d{1,3}$")


def unnumbered(filename: str) -> str:
    """The name that logrotate or wget numbered after its own extension ("error.log.1", "photo.jpg.2" -> "error.log",
    "photo.jpg"), whose type it has; any other name as it is. Man pages ("ls.1") have no extension before their
    number, and a library's ("libc.so.6") is its version."""
    match = NUMBERED_COPY.match(filename)
    if match is None or match["extension"].lower() == "so" or default_table().mime_type(match["base"]) is None:
        return filename
    return match["base"]


def type_comment(filename: str) -> str | None:
    """The type of a name as the Type column shows it ("PDF document"), or None when unknown."""
    return default_table().comment(unnumbered(filename))
