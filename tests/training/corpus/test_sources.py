"""The corpus sources added for descriptions that use the names: lexicon, conventions, Python API, Debian, casing."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

from core.describe.facts import find_date, name_facts
from core.describe.memory import NOT_FILES
from training.corpus import conventions, everyday
from training.corpus.casing import sentence_case
from training.corpus.debian import clean_short_description, debian_records, parse_packages
from training.corpus.python_docs import API_SOURCE, api_records, snake_case

CONTENT = re.compile(r"[A-Za-z]{3,}")


def test_everyday_is_deterministic_and_varied() -> None:
    first, again = everyday.everyday_records(seed=3, per_kind=2), everyday.everyday_records(seed=3, per_kind=2)
    assert first == again and everyday.everyday_records(seed=4, per_kind=2) != first
    assert len({r.filename for r in first}) > 0.9 * len(first)


def test_everyday_descriptions_use_the_names_words_and_read_dates() -> None:
    records = everyday.everyday_records(seed=0, per_kind=3)
    uses_words, dated, read = 0, 0, 0
    for record in records:
        facts = name_facts(record.filename)
        words = {w.lower() for w in CONTENT.findall(facts.words)}
        uses_words += bool(words & {w.lower() for w in CONTENT.findall(record.file_desc)}) or not words
        if find_date(record.filename) and facts.date and facts.date.split(",")[0].count(" ") == 2:  # a full date
            dated += 1
            read += facts.date.split(",")[0] in record.file_desc
    assert uses_words / len(records) > 0.85  # abbreviations (INV, CV) and other languages (Rechnung) aside
    assert dated > 100 and read / dated > 0.99  # "interview 07 February 2 2015" reads two ways


def test_everyday_weights_the_types_people_have() -> None:
    counts = Counter(r.filename.rsplit(".", 1)[-1].lower() for r in everyday.everyday_records(seed=0))
    common = sum(
        counts[e]
        for e in (
            "pdf",
            "docx",
            "xlsx",
            "pptx",
            "jpg",
            "jpeg",
            "png",
            "heic",
            "mp3",
            "m4a",
            "mp4",
            "mov",
            "zip",
            "csv",
            "json",
            "exe",
            "dmg",
            "py",
            "js",
            "ts",
        )
    )
    assert common > 0.6 * sum(counts.values())
    assert (
        counts["pdf"] > 5 * counts["odt"] and counts["docx"] > 3 * counts["odt"] and counts["mp3"] > 5 * counts["ogg"]
    )


def test_copies_say_so() -> None:
    record = everyday.with_copy_mark(everyday.Record("budget.xlsx", "the budget", "everyday", "g"), random.Random(1))
    assert record.filename != "budget.xlsx" and record.file_desc.endswith("the budget")
    assert name_facts(record.filename).version is not None
    assert record.file_desc.startswith(("copy of", "duplicate"))


def test_named_stems_never_name_a_format() -> None:
    rng = random.Random(0)
    for category in (
        "documents",
        "images",
        "audio",
        "video",
        "archives",
        "code",
        "config",
        "data",
        "fonts",
        "programs",
    ):
        for _ in range(30):
            stem, meaning = everyday.named_stem(category, rng)
            assert stem and meaning and not re.search(r"\b(PDF|Word|CSV|JSON|zipped|Python|as a)\b", meaning), meaning


def test_conventions_are_the_ones_the_facts_recognise() -> None:
    records = conventions.convention_records(seed=0)
    assert len(records) > 2000
    unread = [
        r.filename
        for r in records
        if not r.filename.startswith("WhatsApp Chat") and name_facts(r.filename).origin is None
    ]
    assert not unread
    dated = [r for r in records if name_facts(r.filename).date]
    assert all(
        name_facts(r.filename).date.split(",")[0] in r.file_desc for r in dated if r.group not in ("pixel", "zoom")
    ), "a convention's date must be read as the facts read it"


def test_python_api_reads_functions_and_classes_without_running_them(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    (root / "pkg").mkdir(parents=True)
    marker = tmp_path / "ran"
    (root / "pkg" / "tools.py").write_text(
        f'open({str(marker)!r}, "w")\n'
        'def parse_args(argv):\n    """Parse the command-line arguments of the tool."""\n\n'
        'class HTTPServer:\n    """A small HTTP server for tests."""\n\n'
        'def _private():\n    """Never listed."""\n\n'
        'def run():\n    """Too short a name."""\n\n'
        "def nodoc():\n    pass\n",
        encoding="utf-8",
    )
    records = api_records([root], seed=0)
    found = {r.filename.removesuffix(".py"): r.file_desc for r in records}
    assert found == {
        "parse_args": "parse the command-line arguments of the tool",
        "http_server" if "http_server" in found else "HTTPServer": "a small HTTP server for tests",
    }
    assert not marker.exists() and {r.group for r in records} == {"python:pkg"}
    assert snake_case("HTTPServer") == "http_server"
    assert {r.source for r in records} == {API_SOURCE} <= NOT_FILES  # trained on, never in the app's memory


def test_debian_parsing_and_cleaning(tmp_path: Path) -> None:
    text = (
        "Package: foo\nVersion: 1:2.0-1\nDescription: Foo tool -- command line\n more text\n\n"
        "Package: foo-dbgsym\nVersion: 1\nDescription: debug symbols for foo\n\n"
        "Package: bar\nVersion: 3\nDescription: transitional dummy package\n"
    )
    assert list(parse_packages(text))[0] == ("foo", "1:2.0-1", "Foo tool -- command line")
    assert clean_short_description("Foo tool -- command line") == "Foo tool, command line"
    assert clean_short_description("transitional dummy package") is None
    lists = tmp_path / "x_Packages"
    lists.write_text(text, encoding="utf-8")
    assert {r.filename.split("_")[0] for r in debian_records([lists], seed=0)} == {"foo"}


def test_sentence_case_lowers_only_ordinary_words() -> None:
    case = sentence_case(
        ["Library for parsing", "a small library", "Turkish dictionary", "the Turkish words", "an extra library"]
    )
    assert case("Library for parsing") == "library for parsing"
    assert case("Turkish dictionary") == "Turkish dictionary"


def test_a_raw_photo_is_described_by_the_maker_its_format_belongs_to() -> None:
    makers = {"NEF": "Nikon", "ARW": "Sony", "RAF": "Fujifilm", "RW2": "Panasonic", "CR2": "Canon", "CR3": "Canon",
              "ORF": "Olympus", "DNG": "DNG"}
    raw = [r for r in conventions.convention_records(seed=0)
           if r.filename.rpartition(".")[2] in makers and not r.group.startswith("dji")]  # a drone's aerial photo
    assert len(raw) > 150
    assert all(r.file_desc.startswith("a raw photo") and makers[r.filename.rpartition(".")[2]] in r.file_desc
               for r in raw)
