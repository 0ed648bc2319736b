"""`python -m training harvest`: build the starter filename -> description corpus from material shipped on the machine.

Sources, in dedupe priority: hand-written well-known files, the freedesktop MIME database, desktop entries, and
the module docstrings of the Python standard library and site-packages (read with `ast`, never imported).
"""
from __future__ import annotations

import argparse
import ast
import json
import random
import re
import sys
import sysconfig
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

SOURCES = ("hand-written", "mime", "desktop-entry", "python-stdlib", "python-site-packages")  # dedupe priority
DEFAULT_CAPS: dict[str, int | None] = {
    "hand-written": None,
    "mime": None,
    "desktop-entry": 500,
    "python-stdlib": 3000,
    "python-site-packages": 4000,
}
DEFAULT_MIME_XML = Path("/usr/share/mime/packages/freedesktop.org.xml")
DEFAULT_WELL_KNOWN = Path(__file__).resolve().parents[2] / "resources" / "data" / "well_known_files.jsonl"
DEFAULT_MAX_PER_GROUP = 200  # so that one big package (transformers, torch) does not dominate its source
MAX_WORDS = 20
MIN_DOCSTRING_WORDS = 3
MAX_PYTHON_FILE_BYTES = 1 << 20
PYTHON_READ_BYTES = 64 * 1024
HARVEST_SKIP_DIRS = frozenset(
    {"site-packages", "dist-packages", "_vendor", "vendor", "vendored", "_vendored", "third_party", "extern", "_extern"}
)
MEANINGLESS_MODULES = frozenset({"__init__.py", "__main__.py"})

MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SIMPLE_EXTENSION_GLOB = re.compile(r"\*\.[^*?\[\]]+")
GLOB_CHARS = re.compile(r"[*?\[\]]")

STEMS: dict[str, tuple[str, ...]] = {
    "documents": (
        "report", "meeting_notes", "thesis_draft", "invoice_2023-04", "user_manual", "cover_letter",
        "project_proposal", "Q3_summary", "contract_signed", "resume", "lecture_notes", "annual_report_2022",
        "budget", "chapter_01", "minutes", "syllabus",
    ),
    "images": (
        "IMG_2041", "screenshot_2023-06-12", "logo", "banner", "profile_photo", "DSC_0192", "vacation_beach",
        "diagram", "background", "icon_64", "scan_001", "thumbnail", "wallpaper", "floor_plan",
    ),
    "audio": (
        "track01", "podcast_episode_12", "voice_memo", "ringtone", "intro_music", "interview_recording",
        "01_opening_theme", "sample_kick", "lecture_audio", "song_demo", "bird_song", "mixdown_final",
    ),
    "video": (
        "holiday_2019", "VID_20230101_120000", "tutorial_part1", "trailer", "screen_recording",
        "wedding_highlights", "movie_1080p", "clip_003", "lecture_recording", "gopro_ride", "timelapse",
    ),
    "archives": (
        "backup_2023-01-15", "project_src", "release-1.4.2", "photos", "logs_archive", "dataset",
        "website_backup", "assets", "dist", "old_files", "firmware_update", "sources",
    ),
    "code": (
        "main", "utils", "parser", "server", "app", "helpers", "matrix_ops", "http_client", "game_loop",
        "lexer", "models", "hello_world", "build_index", "fibonacci",
    ),
    "config": (
        "config", "app_config", "settings", "values", "defaults", "local_settings", "production", "docker-compose",
        "pipeline", "dev", "logging",
    ),
    "data": (
        "data", "export_2023", "measurements", "customers", "results", "records", "dump", "inventory",
        "sensor_log", "sample_data", "train_set", "catalog", "contacts",
    ),
    "fonts": (
        "Roboto-Regular", "OpenSans-Bold", "DejaVuSans", "Inter-Italic", "SourceCodePro-Medium",
        "LiberationSerif", "NotoSans-Light", "FiraCode-Retina", "Ubuntu-Mono",
    ),
    "programs": (
        "setup", "installer", "game", "tool", "launcher", "tetris", "homebrew_demo", "update", "puzzle_quest",
        "space_shooter",
    ),
}
# Category choice, first match wins: file extension, top-level media type, generic icon, then words of the comment.
EXTENSION_CATEGORIES = {
    **dict.fromkeys(("yaml", "yml", "toml", "ini", "conf", "cfg", "desktop", "service", "properties"), "config"),
    **dict.fromkeys(("json", "xml", "csv", "tsv", "jsonld", "geojson"), "data"),
}
MEDIA_CATEGORIES = {"image": "images", "audio": "audio", "video": "video", "font": "fonts"}
ICON_CATEGORIES = {
    "image-x-generic": "images", "audio-x-generic": "audio", "video-x-generic": "video",
    "font-x-generic": "fonts", "package-x-generic": "archives", "x-office-document": "documents",
    "x-office-spreadsheet": "documents", "x-office-presentation": "documents", "text-html": "documents",
    "text-x-script": "code", "application-x-executable": "programs",
}
COMMENT_CATEGORIES = (
    (re.compile(r"\b(source code|script|program|header|code|class|bytecode|patch|shader)\b"), "code"),
    (re.compile(r"\b(archive|package|bundle)\b"), "archives"),
    (re.compile(r"\b(ROM|executable|library)\b"), "programs"),
    (re.compile(r"\b(image|drawing|icon|cursor|texture)\b"), "images"),
    (re.compile(r"\b(document|spreadsheet|presentation|template|book|page|help|message|email|calendar)\b"),
     "documents"),
)
# Head nouns that take no article: the phrase becomes "... <noun> file" instead.
MASS_NOUNS = frozenset({"audio", "code", "data", "software", "firmware", "bytecode", "history", "notation", "video"})
COMMON_LEADING_WORDS = frozenset(
    {"compressed", "partially", "manual", "raw", "floppy", "font", "media", "multi-page", "video", "picture",
     "internet", "mobile"}
)
PROPER_NOUNS = frozenset(
    {"python", "windows", "linux", "unix", "apple", "microsoft", "google", "mozilla", "debian", "java", "git",
     "unicode", "english", "tk", "tcl", "tkinter", "qt", "sphinx", "django", "jinja", "matplotlib", "pillow",
     "jupyter", "cython", "perl", "ruby", "rust", "emacs", "vim", "docker", "sun", "intel",
     "mercurial", "numpy", "pytorch", "hypothesis", "mac", "macos", "gnu", "idle", "pip", "pypi", "lisp"}
)
VOWELS = frozenset("aeiou")
LETTER_NAMES_WITH_VOWEL_SOUND = frozenset("AEFHILMNORSX")
WORD_ONSETS = frozenset({"bl", "br", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "pl", "pr", "sc", "sk", "sl", "sm",
                         "sn", "sp", "st", "sw", "tr", "th", "sh", "ch", "wh"})

BOILERPLATE = re.compile(
    r"copyright|\blicen[cs]ed?\b|all rights reserved|auto-?generated|generated (by|from|with)|do not edit|"
    r"-\*-|spdx|\$id|@generated|this file is part of|permission is hereby granted|\bauthors?\s*:|"
    r"^\s*created (on|by)\b|^\s*@?author\b|\bvim?:",
    re.IGNORECASE,
)
CODE_START = re.compile(r"^(>>>|\$ |#|import |from \S+ import |def |class |@|[{\[<%]|\w+\s*=[^=]|\w+\(.*\)$)")
DIRECTIVE_START = re.compile(r"^(\.\.|:[\w -]+:\s)")
UNDERLINE = re.compile(r"^\s*([=\-~^*#+`'\"])\1{2,}\s*$", re.MULTILINE)
MARKUP = (
    (re.compile(r":[\w:+-]+:`([^`<]+?)\s*<[^`>]+>`"), r"\1"),  # :role:`title <target>` -> title
    (re.compile(r":[\w:+-]+:`~([^`]+)`"), lambda m: m.group(1).rsplit(".", 1)[-1]),  # :role:`~a.b` -> b
    (re.compile(r":[\w:+-]+:`([^`]+)`"), r"\1"),
    (re.compile(r"`([^`<]+?)\s*<[^`>]+>`_{1,2}"), r"\1"),  # `text <url>`_ -> text
    (re.compile(r"\[([^\]]+)\]\([^)]+\)"), r"\1"),  # [text](url) -> text
    (re.compile(r"`{1,2}([^`]+)`{1,2}_{0,2}"), r"\1"),
    (re.compile(r"(?<![\w*])\*{1,2}([^*\s][^*]*?)\*{1,2}(?![\w*])"), r"\1"),
)
NAME_PREFIX = re.compile(r"^(module\s+)?[\w.]+\s+(--|-|\u2014)\s+")  # "csv.py - read CSV files" -> "read CSV files"
URL = re.compile(r"https?://|www\.|[\w.+-]+@[\w-]+\.\w")  # URLs and email addresses
SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)(?<!\bcf)[.!?](?=\s|$)")
CLAUSE_BREAK = re.compile(r"[,;:](?=\s)|\s[-\u2013\u2014]+\s|\s\(")


@dataclass(frozen=True)
class Record:
    """One filename -> description pair and where it came from."""

    filename: str
    file_desc: str
    source: str
    group: str


# ----- cleaning -----


def strip_markup(text: str) -> str:
    """Remove reST and Markdown inline markup: ``x``, :mod:`x`, *x*, [x](url) -> x."""
    for pattern, replacement in MARKUP:
        text = pattern.sub(replacement, text)
    return text


def first_sentence(text: str) -> str:
    """The first sentence of `text`, whitespace normalised, without its final full stop or colon."""
    text = " ".join(text.split())
    match = SENTENCE_END.search(text)
    return (text[: match.start()] if match else text).strip().rstrip(".:")


def shorten(text: str, max_words: int = MAX_WORDS) -> str | None:
    """`text` if it has at most `max_words` words, else cut at the last clause break that fits; None if none does."""
    if len(text.split()) <= max_words:
        return text
    cuts = [m.start() for m in CLAUSE_BREAK.finditer(text) if len(text[: m.start()].split()) <= max_words]
    head = text[: cuts[-1]].strip() if cuts else ""
    return head if len(head.split()) >= MIN_DOCSTRING_WORDS else None


def lower_initial(text: str, keep: Iterable[str] = ()) -> str:
    """Lower-case the first word when it is a plain capitalised word, not a proper noun or one of `keep`."""
    word = text.split(" ", 1)[0]
    plain = word[:1].isupper() and (word[1:].islower() or len(word) == 1)
    if not plain or word.lower() in PROPER_NOUNS or word.lower() in {k.lower() for k in keep}:
        return text
    return text[0].lower() + text[1:]


def clean_description(text: str, filename: str) -> str | None:
    """One short sentence of at most MAX_WORDS words, or None if nothing usable or only the filename is left."""
    sentence = shorten(first_sentence(strip_markup(text)))
    if not sentence or sentence.lower() in {filename.lower(), Path(filename).stem.lower()}:
        return None
    return sentence


# ----- source: hand-written well-known files -----


def well_known_records(path: Path) -> list[Record]:
    """Records of the hand-written JSONL data file of well-known fixed filenames."""
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            records.append(Record(item["filename"], item["file_desc"], "hand-written", item["filename"]))
    return records


# ----- source: freedesktop shared-mime-info -----


def mime_records(xml_path: Path, seed: int) -> list[Record]:
    """Filenames made from each MIME type's simple globs, described by its English comment."""
    records = []
    for element in ET.parse(xml_path).getroot().iter(f"{MIME_NS}mime-type"):
        mime_type = element.get("type", "")
        comment = next((c.text for c in element.iter(f"{MIME_NS}comment") if XML_LANG not in c.attrib), None)
        patterns = [g.get("pattern", "") for g in element.iter(f"{MIME_NS}glob")]
        if not comment or not mime_type:
            continue
        icon = element.find(f"{MIME_NS}generic-icon")
        category = mime_category(mime_type, comment, patterns, None if icon is None else icon.get("name"))
        rng = random.Random(f"{seed}:mime:{mime_type}")
        description = mime_description(comment)
        for filename in mime_filenames(patterns, category, rng):
            records.append(Record(filename, description, "mime", mime_type))
    return records


def mime_category(mime_type: str, comment: str, patterns: Sequence[str], icon: str | None) -> str:
    """The STEMS category whose stems make realistic names for files of this type."""
    for pattern in patterns:
        if SIMPLE_EXTENSION_GLOB.fullmatch(pattern) and pattern[2:].lower() in EXTENSION_CATEGORIES:
            return EXTENSION_CATEGORIES[pattern[2:].lower()]
    media = mime_type.split("/", 1)[0]
    if media in MEDIA_CATEGORIES:
        return MEDIA_CATEGORIES[media]
    if icon in ICON_CATEGORIES:
        return ICON_CATEGORIES[icon]
    return next((category for pattern, category in COMMENT_CATEGORIES if pattern.search(comment)), "data")


def mime_filenames(patterns: Sequence[str], category: str, rng: random.Random) -> list[str]:
    """Literal globs as they are, plus 2-4 names with varied stems spread over the `*.ext` globs."""
    literals = [p for p in patterns if p and not GLOB_CHARS.search(p)]
    extensions = [p[1:] for p in patterns if SIMPLE_EXTENSION_GLOB.fullmatch(p)]
    if not extensions:
        return literals
    count = min(max(rng.randint(2, 4), len(extensions)), 4)
    stems = rng.sample(STEMS[category], count)
    return literals + [stem + extensions[i % len(extensions)] for i, stem in enumerate(stems)]


def mime_description(comment: str) -> str:
    """Turn a MIME comment into a phrase with an article: "YAML document" -> "a YAML document"."""
    main, paren, rest = " ".join(comment.split()).partition(" (")
    words = main.split(" ")
    if words[0].lower() in COMMON_LEADING_WORDS:
        words[0] = words[0].lower()
    head = words[-1]
    if head.lower() in MASS_NOUNS or (head.endswith("s") and not head.endswith(("ss", "us", "is"))):
        words.append("file")
    phrase = " ".join(words)
    return f"{indefinite_article(phrase)} {phrase}{paren}{rest}"


def indefinite_article(phrase: str) -> str:
    """ "a" or "an" for `phrase`, reading acronyms letter by letter ("an HTML", "a JSON", "an MP3")."""
    word = re.split(r"[\s/.\-]", phrase, maxsplit=1)[0]
    if word[:1].isdigit():
        return "an" if word.startswith(("8", "11", "18")) else "a"
    if word.isupper() or len(word) == 1 or word[:2].isupper():
        return "an" if _spelled_with_vowel_sound(word) else "a"
    lower = word.lower()
    if lower.startswith(("uni", "use", "usu", "uti", "uu", "one", "eu")):
        return "a"
    return "an" if lower[:1] in VOWELS else "a"


def _spelled_with_vowel_sound(acronym: str) -> bool:
    """Whether an upper-case word starts with a vowel sound, whether read as a word (FLAC) or spelled (MPEG)."""
    lower = acronym.lower()
    second, third = lower[1:2], lower[2:3]
    read_as_word = len(lower) > 2 and (second in VOWELS or (lower[:2] in WORD_ONSETS and third in VOWELS))
    if read_as_word:
        return lower[0] in VOWELS and lower[0] != "u"
    return acronym[0] in LETTER_NAMES_WITH_VOWEL_SOUND


# ----- source: desktop entries -----


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


# ----- source: Python module docstrings -----


def python_records(roots: Iterable[Path]) -> list[Record]:
    """The first sentence of each module docstring under `roots`, read with `ast` and never imported.

    A root named site-packages or dist-packages gives source "python-site-packages", any other "python-stdlib".
    """
    from core.qa.pydocs import iter_python_files, parse_python_file

    records = []
    for root in roots:
        source = "python-site-packages" if root.name in ("site-packages", "dist-packages") else "python-stdlib"
        for path in iter_python_files(root, HARVEST_SKIP_DIRS):
            if path.name in MEANINGLESS_MODULES or not _small_file(path):
                continue
            tree = parse_python_file(path, PYTHON_READ_BYTES)
            summary = docstring_summary(ast.get_docstring(tree) or "", path.stem) if tree else None
            if summary:
                group = path.relative_to(root).parts[0].removesuffix(".py")
                records.append(Record(path.name, lower_initial(summary, keep=(group,)), source, group))
    return records


def _small_file(path: Path) -> bool:
    """Whether `path` is a readable file of at most MAX_PYTHON_FILE_BYTES."""
    try:
        return path.stat().st_size <= MAX_PYTHON_FILE_BYTES
    except OSError:
        return False


def docstring_summary(doc: str, stem: str) -> str | None:
    """The first sentence of a module docstring, or None for boilerplate, code, directives and name-only text."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", UNDERLINE.sub("", doc)) if p.strip()]
    if paragraphs and _is_module_name(paragraphs[0], stem):
        paragraphs = paragraphs[1:]
    if not paragraphs or any(p.match(paragraphs[0]) for p in (CODE_START, DIRECTIVE_START)):
        return None
    if BOILERPLATE.search(paragraphs[0]):
        return None
    sentence = _cut_before_url(NAME_PREFIX.sub("", first_sentence(strip_markup(paragraphs[0]))))
    if len(sentence.split()) < MIN_DOCSTRING_WORDS or _is_module_name(sentence, stem):
        return None
    return sentence


def _cut_before_url(text: str) -> str:
    """`text` up to the clause break before its first URL or email ("tools, based on https://x" -> "tools")."""
    match = URL.search(text)
    if not match:
        return text
    cuts = [m.start() for m in CLAUSE_BREAK.finditer(text, 0, match.start())]
    return text[: cuts[-1]].strip() if cuts else ""


def _is_module_name(text: str, stem: str) -> bool:
    """Whether `text` is only the module's (dotted) name, maybe followed by "module" or "package"."""
    name = re.sub(r"\s+(module|package)$", "", text.strip().strip(".:").lower())
    return name.rsplit(".", 1)[-1] in {stem.lower(), stem.lower().replace("_", " ")}


# ----- corpus -----


def build_corpus(
    records: Iterable[Record], caps: dict[str, int | None], seed: int, max_per_group: int = DEFAULT_MAX_PER_GROUP
) -> list[Record]:
    """Clean the records, dedupe on lower-case filename in SOURCES priority, cap each group and source, sort."""
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
        kept = [record for group in groups.values() for record in _sample(group, max_per_group, group_rng)]
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
    parser.add_argument("--well-known", type=Path, default=DEFAULT_WELL_KNOWN, help="hand-written JSONL data file")
    parser.add_argument("--max-per-group", type=int, default=DEFAULT_MAX_PER_GROUP, metavar="N",
                        help=f"cap on the records kept per group (package, MIME type...) of a source "
                        f"(default {DEFAULT_MAX_PER_GROUP})")
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


def collect(args: argparse.Namespace) -> list[Record]:
    """Read every source the arguments ask for."""
    if not args.well_known.is_file():
        raise HarvestError(f"well-known files data not found: {args.well_known}")
    records = well_known_records(args.well_known)
    records += _mime_source(args.mime_xml, args.seed)
    records += desktop_records(default_desktop_dirs() if args.desktop_dirs is None else args.desktop_dirs)
    return records + python_records(default_python_roots() if args.python_roots is None else args.python_roots)


def _mime_source(xml_path: Path | None, seed: int) -> list[Record]:
    """MIME records; a missing default file is skipped with a warning, a missing requested one is an error."""
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


def run(args: argparse.Namespace) -> int:
    """Harvest, build and write the corpus; print the count per source to stderr."""
    try:
        records = collect(args)
    except HarvestError as error:
        print(f"harvest: error: {error}", file=sys.stderr)
        return 2
    corpus = build_corpus(records, {**DEFAULT_CAPS, **dict(args.max_per_source)}, args.seed, args.max_per_group)
    write_jsonl(args.out, corpus)
    for source in SOURCES:
        print(f"harvest: {source}: {sum(r.source == source for r in corpus)}", file=sys.stderr)
    print(f"harvest: total: {len(corpus)} -> {args.out}", file=sys.stderr)
    return 0
