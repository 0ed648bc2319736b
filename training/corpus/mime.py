"""The freedesktop shared-mime-info source: every MIME type's English comment, on realistic names.

Each type's comment becomes a phrase ("YAML document" -> "a YAML document"); its `*.ext` globs get names
from the everyday lexicon of the type's category, described with the name's own words and then the type
("invoice_2023-04.abw" -> "an invoice for April 2023, an AbiWord document"). Literal globs
(`GNUmakefile`) are kept as they are. Common types are covered far more by the everyday source; here
every type gets the same few examples, so rare types stay rare.
"""
from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from core.describe.articles import indefinite_article
from core.describe.file_types import default_table
from training.corpus import everyday
from training.corpus.records import Record

MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SIMPLE_EXTENSION_GLOB = re.compile(r"\*\.[^*?\[\]]+")
GLOB_CHARS = re.compile(r"[*?\[\]]")
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


def mime_records(xml_path: Path, seed: int) -> list[Record]:
    """Literal globs with the type's phrase, and lexicon names on its `*.ext` globs with their meaning and the type."""
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
        phrase = mime_description(comment)
        records += [Record(literal, phrase, "mime", mime_type) for literal in literal_globs(patterns)
                    if default_table().mime_type(literal) == mime_type]
        for extension, (stem, meaning) in named_examples(patterns, category, rng, mime_type):
            records.append(Record(f"{stem}{extension}", f"{meaning}, {phrase}", "mime", mime_type))
    return records


def mime_category(mime_type: str, comment: str, patterns: Sequence[str], icon: str | None) -> str:
    """The everyday category whose names fit files of this type (everyday.named_stem)."""
    for pattern in patterns:
        if SIMPLE_EXTENSION_GLOB.fullmatch(pattern) and pattern[2:].lower() in EXTENSION_CATEGORIES:
            return EXTENSION_CATEGORIES[pattern[2:].lower()]
    media = mime_type.split("/", 1)[0]
    if media in MEDIA_CATEGORIES:
        return MEDIA_CATEGORIES[media]
    if icon in ICON_CATEGORIES:
        return ICON_CATEGORIES[icon]
    return next((category for pattern, category in COMMENT_CATEGORIES if pattern.search(comment)), "data")


def literal_globs(patterns: Sequence[str]) -> list[str]:
    """The globs that are whole names (`GNUmakefile`, `CMakeLists.txt`)."""
    return [p for p in patterns if p and not GLOB_CHARS.search(p)]


def named_examples(patterns: Sequence[str], category: str, rng: random.Random,
                   mime_type: str | None = None) -> list[tuple[str, tuple[str, str]]]:
    """2-4 (extension, (stem, meaning)) pairs spread over the `*.ext` globs, the stems from the everyday lexicon.

    With `mime_type`, only extensions that the type table gives to this type are used (`*.iso` is a CD image,
    not a Sega Pico ROM), so that an example never contradicts the type its input states.
    """
    extensions = [p[1:] for p in patterns if SIMPLE_EXTENSION_GLOB.fullmatch(p)]
    if mime_type is not None:
        table = default_table()
        extensions = [e for e in extensions if table.mime_type(f"x{e}") == mime_type]
    if not extensions:
        return []
    count = min(max(rng.randint(2, 4), len(extensions)), 4)
    return [(extensions[i % len(extensions)], everyday.named_stem(category, rng)) for i in range(count)]


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
