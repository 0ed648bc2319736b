"""The one prompt function: stable, single-line, safe for any filename."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.describe.prompts import MAX_FILENAME_CHARS, build_prompt, clean_filename, filename_words


def test_words_split_on_case_and_separators() -> None:
    assert filename_words("appConfig_v2.yaml") == "app config v2 yaml"
    assert filename_words("docker-compose.override.yml") == "docker compose override yml"


def test_prompt_holds_the_name_and_its_facts() -> None:
    prompt = build_prompt("meeting_notes_2024-05-13.md")
    assert prompt == ("Describe the file: meeting_notes_2024-05-13.md | type: Markdown document | "
                      "date: 13 May 2024 | words: meeting notes")


def test_prompt_holds_similar_files_last() -> None:
    prompt = build_prompt("ps", [("top", "display Linux processes"), ("kill", "send a signal to a process")])
    assert prompt.startswith("Describe the file: ps | type: none | words: ps | similar files: ")
    assert prompt.endswith("top = display Linux processes; kill = send a signal to a process")


def test_control_characters_and_bad_bytes_are_neutralised() -> None:
    assert clean_filename("a\nb\tc") == "a b c"
    assert clean_filename("bad\udcffname") == "bad\ufffdname"


@given(st.text())
def test_any_text_gives_a_valid_single_line_prompt(name: str) -> None:
    prompt = build_prompt(name)
    prompt.encode("utf-8")  # never a lone surrogate
    assert "\n" not in prompt and "\r" not in prompt
    assert len(clean_filename(name)) <= MAX_FILENAME_CHARS
