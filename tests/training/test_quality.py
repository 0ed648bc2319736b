"""What ROUGE does not show: the name's words used, and types the extension rules out."""
from __future__ import annotations

from training.quality import content_words, contradicting_type, distinctive_words, uses_name_words, word_stems


def test_content_words_leave_out_extension_dates_numbers_and_stop_words() -> None:
    assert content_words("Tax_Return_2023.pdf") == {"tax", "return"}
    assert content_words("IMG_20240501_120000.jpg") == set()
    assert content_words("final_draft_v2 (1).docx") == set()


def test_a_description_uses_the_names_words_by_stem() -> None:
    assert uses_name_words("meeting_notes_2024-05-13.md", "notes from a meeting on 13 May 2024")
    assert uses_name_words("holiday_photo_lisbon.jpg", "a photo of Lisbon")
    assert not uses_name_words("podcast_episode_42.mp3", "an MP3 audio file")


def test_words_split_in_one_and_joined_in_the_other_count() -> None:
    assert uses_name_words("googlechrome.dmg", "Google Chrome installer for macOS")
    assert uses_name_words("TeamViewer_Setup_x64.exe", "TeamViewer installer for 64-bit Windows")
    assert uses_name_words("Team Viewer.exe", "Teamviewer installer")
    assert not uses_name_words("Makefile", "build rules read by make")  # a compound's part is no use of the word


def test_word_stems_hold_each_pair_written_as_one() -> None:
    assert word_stems(["Google", "Chrome", "installer"]) >= {"googl", "chrome", "googlechrom", "chromeinstal"}


def test_a_type_the_extension_rules_out_is_found_and_the_own_type_is_not() -> None:
    assert contradicting_type("podcast_episode_42.mp3", "a FastTracker II audio file") is not None
    assert contradicting_type("podcast_episode_42.mp3", "episode 42 of a podcast, an MP3 audio file") is None
    assert contradicting_type("notes", "a FastTracker II audio file") is None  # no extension settles a type


def test_distinctive_words_have_a_capital_or_a_digit() -> None:
    assert distinctive_words("Excel 2007 spreadsheet") == {"excel", "2007"}
    assert distinctive_words("plain text document") == set()
    assert distinctive_words(None) == set()
