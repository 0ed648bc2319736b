"""Everyday files of the types the other generators leave out: fonts, e-books, emails, shortcuts, subtitles."""
from __future__ import annotations

from collections import Counter

from core.describe.file_types import type_comment
from training.corpus import everyday, everyday_types
from training.quality import contradicting_type, uses_name_words


def test_the_examples_are_deterministic_and_drawn_from_their_own_stream() -> None:
    records = everyday_types.everyday_type_records(seed=0)
    assert records == everyday_types.everyday_type_records(seed=0)
    assert records != everyday_types.everyday_type_records(seed=1)
    assert len(records) == sum(count for _, count in everyday_types.GENERATORS)
    assert all(r.source == everyday.SOURCE for r in records)


def test_every_description_says_what_the_name_says_and_never_another_type() -> None:
    records = everyday_types.everyday_type_records(seed=0)
    misses = [r.filename for r in records if not uses_name_words(r.filename, r.file_desc)]
    assert len(misses) <= len(records) // 100  # a foreign word read in English ("quittung": a receipt), the film "Up"
    assert [r.filename for r in records if contradicting_type(r.filename, r.file_desc)] == []


def test_the_types_people_have_are_all_there_and_known_to_the_type_column() -> None:
    extensions = Counter(r.filename.rsplit(".", 1)[1].lower() for r in everyday_types.everyday_type_records(seed=0))
    common = {"ttf", "otf", "epub", "mobi", "eml", "msg", "pst", "lnk", "url", "srt", "torrent", "stl", "gcode", "gpx",
              "pages", "numbers", "key"}
    assert common <= set(extensions)
    assert all(type_comment(f"x.{extension}") for extension in common)


def test_names_are_read_as_their_programs_write_them() -> None:
    records = {r.filename: r.file_desc for r in everyday_types.everyday_type_records(seed=0)}
    fonts = {name: text for name, text in records.items() if name.endswith(".ttf") and "-Bold." in name}
    assert fonts and all(text.endswith("font, bold") for text in fonts.values())
    assert any(name.startswith("Re_ ") and text.startswith("a reply about") for name, text in records.items())
    assert any(name.endswith(" - Shortcut.lnk") and text.startswith("Windows shortcut to") for name, text in
               records.items())
    episodes = [text for name, text in records.items() if ".S0" in name and name.endswith(".srt")]
    assert episodes and all("season" in text and "episode" in text for text in episodes)
