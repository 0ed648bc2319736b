"""The Type column says what the model's input says the type is (core.describe.file_types), not Qt's comment."""
from __future__ import annotations

import pytest

from core.describe.file_types import type_comment
from core.files.scanner import FileEntry
from desktop_app.gui.files.table_model import TYPE, FileTableModel

pytestmark = pytest.mark.usefixtures("qapp")

# .m and .pm are where Qt's database and shared-mime-info's own matching disagree (MATLAB / Objective-C,
# PageMaker / Perl): the column must follow the model's input, whatever Qt says.
NAMES = ("Tax_Return_2023.pdf", "IMG_20240612_183022.jpg", "analysis.m", "Helpers.pm", "docker-compose.yml",
         "AppDelegate.swift", "Passwords.kdbx")  # the last two: types the project adds to shared-mime-info


def shown_type(name: str, kind: str = "file") -> str:
    model = FileTableModel()
    model.add([FileEntry(f"/r/{name}", name, name, 1, 0.0, kind)])
    return model.index(0, TYPE).data()


@pytest.mark.parametrize("name", NAMES)
def test_the_type_column_shows_the_comment_of_the_model_input(name: str) -> None:
    comment = type_comment(name)
    assert comment is not None
    assert shown_type(name) == comment[:1].upper() + comment[1:]


def test_a_type_the_project_adds_is_shown() -> None:
    assert shown_type("model.pkl") == "Python pickle"


def test_unknown_types_links_and_special_files() -> None:
    assert type_comment("notes.zzqx") is None and shown_type("notes.zzqx") == "File"
    assert shown_type("to-photo.jpg", "link") == "Link"
    assert shown_type("fifo", "special") == "Special file"

