"""Input fuzzing: any filename and any data line goes through the scanner, prompts, store and data loading,
and the only exceptions are the project's own clear errors (FileScribeError and its kinds)."""
from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from core.describe.examples import load_examples
from core.describe.prompts import build_prompt, clean_filename
from core.errors import FileScribeError
from core.files.folder_listing import FolderListing
from core.files.scanner import scan, valid_text
from core.store import Store, path_key
from training.commands.qa_prepare import PrepareReport, prepare
from training.data import load_data

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def legal_name(raw: bytes) -> bytes:
    """A byte string the kernel accepts as a file name: no slash, no NUL, not `.` or `..`, at most 255 bytes."""
    name = raw.replace(b"/", b"_").replace(b"\0", b"_")[:255]
    return name if name not in (b"", b".", b"..") else b"_" + name


# Arbitrary bytes, and arbitrary text encoded (lone surrogates included) then cut at 255 bytes mid-character.
FILE_NAMES = st.one_of(
    st.binary(min_size=1, max_size=255),
    st.text(min_size=1, max_size=120).map(lambda text: text.encode("utf-8", "surrogatepass")),
).map(legal_name)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
RECORDS = st.fixed_dictionaries({}, optional={"filename": JSON_VALUES | st.text(), "file_desc": JSON_VALUES | st.text(),
                                              "question": st.text(), "answer": JSON_VALUES, "source": JSON_VALUES})
LINES = st.one_of(
    RECORDS.map(lambda record: json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    RECORDS.map(lambda record: json.dumps(record).encode()),  # \ud800 escapes decode to lone surrogates
    st.text().map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(),
).map(lambda line: line.replace(b"\n", b" "))


def is_valid_text(text: str) -> bool:
    """True for text that can be written as UTF-8 (no lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@FUZZ
@given(names=st.lists(FILE_NAMES, min_size=1, max_size=12, unique=True))
@example(names=[b"caf\xe9.txt", b"-rf", b"--help", b"a\nb\tc", "\u202eexe.txt".encode(), "🦆.png".encode(),
                b"x" * 255, b"..hidden", b"~", b"C:\\Windows\\x.dll", b"a\\..\\b", b" lead and trail "])
def test_any_file_name_is_listed_shown_and_prompted(names: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = os.fsencode(folder)
        for name in names:
            with open(os.path.join(root, name), "wb"):
                pass
        entries = list(scan(folder, show_hidden=True))
        assert sorted(os.path.basename(os.fsencode(e.path)) for e in entries) == sorted(names)
        listing = FolderListing(folder, show_hidden=True)
        listed = [entry for change in listing.scan() for entry in change.added]
        assert len(listed) == len(names)
        for entry in entries:
            assert is_valid_text(entry.name) and is_valid_text(entry.relative)
            assert listing.entry_at(entry.path) == entry
            prompt = build_prompt(entry.name, [(entry.name, entry.name)])
            assert is_valid_text(prompt) and "\n" not in prompt and "\r" not in prompt


@FUZZ
@given(name=FILE_NAMES, filename=st.text(), description=st.text(min_size=1), generated=st.text())
@example(name=b"\xff\xfe", filename="\ud800", description="a \udcff description", generated="\udfff")
def test_any_name_and_text_round_trip_through_the_store(
    tmp_path: Path, name: bytes, filename: str, description: str, generated: str
) -> None:
    store = Store.open(tmp_path / "fuzz-store")
    path = os.fsdecode(os.path.join(os.fsencode(tmp_path), name))
    try:
        store.save_correction(path, filename, description)
        store.save_generated("model", [(clean_filename(filename), filename, generated)])
        stored = store.corrections_for([path]).get(path_key(path))
        cached = store.generated("model", [clean_filename(filename)])
    finally:
        store.close()
    assert stored == valid_text(description) and is_valid_text(stored)  # valid text is kept as it is
    assert list(cached.values()) == [valid_text(generated)]


def check_examples(examples, problems, path: Path) -> None:
    """Kept examples are valid single-line text; every problem names the file and a line number."""
    for kept in examples:
        for text in (kept.filename, kept.description):
            assert text and is_valid_text(text) and "\n" not in text and "\r" not in text
    for problem in problems:
        where, line, _ = problem.split(":", 2)
        assert where == str(path) and int(line) > 0


@FUZZ
@given(lines=st.lists(LINES, max_size=8))
@example(lines=[b"[" * 100_000, b"1" * 5000, json.dumps({"filename": "\ud800.txt", "file_desc": "odd"}).encode(),
                b"\xef\xbb\xbf" + json.dumps({"filename": "bom.txt", "file_desc": "first line"}).encode()])
def test_any_jsonl_line_loads_or_is_reported(tmp_path: Path, lines: list[bytes]) -> None:
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(b"\n".join(lines))
    examples, report = load_examples(path)
    check_examples(examples, report.problems, path)
    try:
        loaded = load_data(path)
    except FileScribeError as error:
        assert str(path) in str(error)
    else:
        check_examples(loaded.examples, loaded.report.problems, path)
    store = Store.open(tmp_path / "import-store")
    try:
        assert store.import_corrections(path).kept <= len(examples)
        assert all(is_valid_text(c.filename) and is_valid_text(c.description) for c in store.corrections())
    finally:
        store.close()


@FUZZ
@given(questions=st.binary(max_size=400), answers=st.binary(max_size=400))
@example(questions=b"Id,OwnerUserId,CreationDate,Score,Title,Body\n1,2,3,4,\"t\",\"b\"\n",
         answers=b"Id,OwnerUserId,CreationDate,ParentId,Score,Body\n5,6,7,1,9,\"<p>" + b"\xff" * 3 + b"\n")
def test_any_csv_bytes_prepare_or_are_reported(tmp_path: Path, questions: bytes, answers: bytes) -> None:
    (tmp_path / "Questions.csv").write_bytes(questions)
    (tmp_path / "Answers.csv").write_bytes(answers)
    args = argparse.Namespace(questions=tmp_path / "Questions.csv", answers=tmp_path / "Answers.csv",
                              out=tmp_path / "out.jsonl", min_score=2, top_answers=2, split="0.9,0.05,0.05",
                              seed=0, encoding="auto")
    report = PrepareReport()
    try:
        prepare(args, report)
    except FileScribeError:
        return
    for problem in report.problems:
        where, line, _ = problem.split(":", 2)
        assert where in (str(args.questions), str(args.answers)) and int(line) > 0
    for line in args.out.read_text(encoding="utf-8").splitlines():
        assert isinstance(json.loads(line)["answer"], str)
