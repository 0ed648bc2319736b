"""`python -m training harvest`: build the starter filename -> description corpus from real material and a lexicon.

Sources, in dedupe priority: hand-written well-known files, the names code projects and data work give
files by role (`main.py`, `styles.css`, `model.pkl`), the naming conventions of cameras, phones and apps,
everyday files from the hand-written lexicon, the freedesktop MIME database, desktop entries, the module
docstrings of the Python standard library and site-packages, their public functions and classes, and Debian
package names with their short descriptions (apt's package lists). Python files are read with `ast`, never
imported. Names of the held-out evaluation domains (--exclude) are left out.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import sysconfig
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from pathlib import Path

from training.corpus.cleaning import clean_description
from training.corpus.records import Record

SOURCES = ("hand-written", "project-names", "conventions", "everyday", "mime", "desktop-entry", "python-stdlib",
           "python-site-packages", "python-api", "debian")  # dedupe priority
DEFAULT_CAPS: dict[str, int | None] = {
    "hand-written": None,
    "project-names": None,
    "conventions": None,
    "everyday": None,
    "mime": None,
    "desktop-entry": 500,
    "python-stdlib": 3000,
    "python-site-packages": 2500,
    "python-api": 6000,
    "debian": 7000,
}
GROUP_CAPPED = frozenset({"python-stdlib", "python-site-packages", "python-api"})  # big packages would dominate
REPO = Path(__file__).resolve().parents[2]
DEFAULT_MIME_XML = Path("/usr/share/mime/packages/freedesktop.org.xml")
DEFAULT_WELL_KNOWN = REPO / "resources" / "data" / "well_known_files.jsonl"
DEFAULT_EXCLUDE = tuple(sorted((REPO / "benchmarks" / "data" / "memory_domains").glob("*.jsonl")))
DEFAULT_MAX_PER_GROUP = 200  # so that one big package (transformers, torch) does not dominate its source


# ----- source: hand-written well-known files -----


def well_known_records(path: Path) -> list[Record]:
    """Records of the hand-written JSONL data file of well-known fixed filenames."""
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            records.append(Record(item["filename"], item["file_desc"], "hand-written", item["filename"]))
    return records


# ----- corpus -----


def build_corpus(
    records: Iterable[Record], caps: dict[str, int | None], seed: int, max_per_group: int = DEFAULT_MAX_PER_GROUP
) -> list[Record]:
    """Clean the records, dedupe on lower-case filename in SOURCES priority, cap groups (Python) and sources, sort."""
    by_source: dict[str, list[Record]] = {source: [] for source in SOURCES}
    for record in records:
        by_source[record.source].append(record)
    seen: set[str] = set()
    corpus: list[Record] = []
    for source in SOURCES:
        groups: dict[str, list[Record]] = {}
        for record in _clean_unique(by_source[source], seen):
            groups.setdefault(record.group, []).append(record)
        group_rng = random.Random(f"{seed}:group-cap:{source}")
        group_cap = max_per_group if source in GROUP_CAPPED else None
        kept = [record for group in groups.values() for record in _sample(group, group_cap, group_rng)]
        kept = _sample(kept, caps.get(source), random.Random(f"{seed}:cap:{source}"))
        seen.update(record.filename.lower() for record in kept)
        corpus += sorted(kept, key=lambda r: (r.group, r.filename, r.file_desc))
    return corpus


def _sample(records: list[Record], cap: int | None, rng: random.Random) -> list[Record]:
    """`records` if within `cap` (None: no cap), else `cap` of them drawn with `rng`."""
    return records if cap is None or len(records) <= cap else rng.sample(records, cap)


def _clean_unique(records: Iterable[Record], seen: set[str]) -> list[Record]:
    """Records with cleaned descriptions, dropping unusable ones and filenames in `seen` or seen earlier here."""
    kept: dict[str, Record] = {}
    for record in records:
        key = record.filename.lower()
        if key in seen or key in kept:
            continue
        description = clean_description(record.file_desc, record.filename)
        if description:
            kept[key] = Record(record.filename, description, record.source, record.group)
    return list(kept.values())


def write_jsonl(path: Path, corpus: Sequence[Record]) -> None:
    """Write the corpus atomically (core.atomic: a new file beside `path`, then one rename)."""
    from core.atomic import write_text_atomically

    write_text_atomically(path, (json.dumps({"id": i, **asdict(record)}, ensure_ascii=False) + "\n"
                                 for i, record in enumerate(corpus)))


# ----- command line -----


class HarvestError(Exception):
    """A requested input is missing or unreadable."""


def parse_cap(text: str) -> tuple[str, int | None]:
    """Parse SOURCE=N (N a count, or "none" for no cap)."""
    source, _, value = text.partition("=")
    if source not in SOURCES or not (value == "none" or value.isdigit()):
        raise argparse.ArgumentTypeError(f"expected SOURCE=N or SOURCE=none with SOURCE in {', '.join(SOURCES)}")
    return source, None if value == "none" else int(value)


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `harvest` command."""
    from training.corpus.debian import DEFAULT_LISTS_DIR

    caps = ", ".join(f"{source}={cap or 'none'}" for source, cap in DEFAULT_CAPS.items())
    parser = subparsers.add_parser(
        "harvest", help="build the starter filename -> description corpus", description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--out", type=Path, required=True, help="output JSONL file")
    parser.add_argument("--seed", type=int, default=0, help="seed of filename stems and caps (default 0)")
    parser.add_argument("--mime-xml", type=Path, help=f"freedesktop MIME XML (default {DEFAULT_MIME_XML}, "
                        "skipped with a warning if missing)")
    parser.add_argument("--python-roots", type=Path, nargs="*", metavar="DIR",
                        help="dirs of .py files (default: stdlib and site-packages of this interpreter); "
                        "a dir named site-packages or dist-packages is python-site-packages, others python-stdlib")
    parser.add_argument("--desktop-dirs", type=Path, nargs="*", metavar="DIR",
                        help="dirs of .desktop files (default /usr/share/applications, ~/.local/share/applications)")
    parser.add_argument("--apt-lists", type=Path, nargs="*", metavar="FILE",
                        help=f"apt Packages files (default: those in {DEFAULT_LISTS_DIR}; none: skip Debian)")
    parser.add_argument("--well-known", type=Path, default=DEFAULT_WELL_KNOWN, help="hand-written JSONL data file")
    parser.add_argument("--no-lexicon", action="store_true",
                        help="leave out the generated sources (project names, conventions, everyday files)")
    parser.add_argument("--exclude", type=Path, nargs="*", default=list(DEFAULT_EXCLUDE), metavar="JSONL",
                        help="held-out evaluation data: their filenames (and names without extension) are left out "
                             "of every source (default: benchmarks/data/memory_domains/*.jsonl)")
    parser.add_argument("--types-out", type=Path, metavar="JSON",
                        help="also write this machine's shared-mime-info type table (resources/data/file_types.json)")
    parser.add_argument("--max-per-group", type=int, default=DEFAULT_MAX_PER_GROUP, metavar="N",
                        help=f"cap on the records kept per Python package (default {DEFAULT_MAX_PER_GROUP})")
    parser.add_argument("--max-per-source", type=parse_cap, nargs="+", default=[], metavar="SOURCE=N",
                        help=f"cap on the records kept per source (defaults: {caps})")
    return parser


def default_python_roots() -> list[Path]:
    """The running interpreter's stdlib and site-packages dirs."""
    paths = sysconfig.get_paths()
    return list(dict.fromkeys(Path(paths[key]) for key in ("stdlib", "purelib", "platlib")))


def default_desktop_dirs() -> list[Path]:
    """System and per-user application dirs."""
    return [Path("/usr/share/applications"), Path.home() / ".local" / "share" / "applications"]


def excluded_names(paths: Iterable[Path]) -> set[str]:
    """Lower-case filenames of held-out JSONL files, and the same names without any extension."""
    names: set[str] = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                name = json.loads(line)["filename"].lower()
                names |= {name, name.split(".", 1)[0]}
    return names


def collect(args: argparse.Namespace) -> list[Record]:
    """Read every source the arguments ask for, held-out names left out."""
    from training.corpus.app_code import app_code_records
    from training.corpus.config_files import config_records
    from training.corpus.conventions import convention_records
    from training.corpus.debian import DEFAULT_LISTS_DIR, debian_records, package_lists
    from training.corpus.desktop_entries import desktop_records
    from training.corpus.everyday import everyday_records
    from training.corpus.everyday_types import everyday_type_records
    from training.corpus.foreign import foreign_documents
    from training.corpus.logs import log_records
    from training.corpus.projects import project_records
    from training.corpus.python_docs import api_records, python_records

    if not args.well_known.is_file():
        raise HarvestError(f"well-known files data not found: {args.well_known}")
    records = well_known_records(args.well_known)
    if not args.no_lexicon:
        records += convention_records(args.seed) + everyday_records(args.seed) + project_records(args.seed)
        records += foreign_documents(args.seed) + log_records(args.seed) + everyday_type_records(args.seed)
        records += config_records(args.seed) + app_code_records(args.seed)
    records += _mime_source(args.mime_xml, args.seed)
    records += desktop_records(default_desktop_dirs() if args.desktop_dirs is None else args.desktop_dirs)
    roots = default_python_roots() if args.python_roots is None else args.python_roots
    records += python_records(roots) + api_records(roots, args.seed)
    excluded = excluded_names(args.exclude)
    lists = package_lists(DEFAULT_LISTS_DIR) if args.apt_lists is None else args.apt_lists
    records += debian_records(lists, args.seed, exclude=excluded)
    return [r for r in records if r.filename.lower() not in excluded and r.filename.split(".", 1)[0].lower()
            not in excluded]


def _mime_source(xml_path: Path | None, seed: int) -> list[Record]:
    """MIME records; a missing default file is skipped with a warning, a missing requested one is an error."""
    from training.corpus.mime import mime_records

    path = xml_path or DEFAULT_MIME_XML
    if not path.is_file():
        if xml_path is not None:
            raise HarvestError(f"MIME XML not found: {path}")
        print(f"harvest: warning: {path} not found (apt-get install shared-mime-info); skipping the mime source",
              file=sys.stderr)
        return []
    try:
        return mime_records(path, seed)
    except ET.ParseError as error:
        raise HarvestError(f"cannot parse MIME XML {path}: {error}") from error


def write_type_table(path: Path) -> None:
    """The shared-mime-info type table of this machine, in the shipped form."""
    from core.describe.file_types import mime_dirs, system_table, table_as_json

    dirs = mime_dirs()
    if not dirs:
        raise HarvestError("no shared-mime-info database (globs2) on this machine: apt-get install shared-mime-info")
    text = json.dumps(table_as_json(system_table(dirs)), ensure_ascii=False, indent=0, sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    """Harvest, build and write the corpus; print the count per source to stderr."""
    try:
        records = collect(args)
        if args.types_out is not None:
            write_type_table(args.types_out)
    except HarvestError as error:
        print(f"harvest: error: {error}", file=sys.stderr)
        return 2
    corpus = build_corpus(records, {**DEFAULT_CAPS, **dict(args.max_per_source)}, args.seed, args.max_per_group)
    write_jsonl(args.out, corpus)
    for source in SOURCES:
        print(f"harvest: {source}: {sum(r.source == source for r in corpus)}", file=sys.stderr)
    print(f"harvest: total: {len(corpus)} -> {args.out}", file=sys.stderr)
    return 0
