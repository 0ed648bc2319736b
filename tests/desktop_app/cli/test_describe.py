"""`filescribe describe` and `filescribe corrections` end to end on temp folders with the tiny model."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli.main import main

ROOT = Path(__file__).parents[3]


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    root.mkdir()
    for name in ("app_config.yaml", "README.md", "invoice_2024.pdf"):
        (root / name).write_text("x")
    (root / "sub").mkdir()
    (root / "sub" / "notes.txt").write_text("x")
    return root


def run_jsonl(capsys, *args: str) -> list[dict]:
    assert main(["describe", "--format", "jsonl", "-q", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_describes_a_folder_one_level_then_from_cache(folder: Path, tiny_model_dir: Path, capsys) -> None:
    first = run_jsonl(capsys, "--model", str(tiny_model_dir), str(folder))
    assert [r["filename"] for r in first] == ["README.md", "app_config.yaml", "invoice_2024.pdf"]
    assert {r["source"] for r in first} == {"generated"}
    assert {r["model"] for r in first} == {tiny_model_dir.name}
    assert set(first[0]) == {"path", "filename", "description", "source", "model"}
    second = run_jsonl(capsys, "--model", str(tiny_model_dir), str(folder))
    assert {r["source"] for r in second} == {"cached"}
    assert [r["description"] for r in second] == [r["description"] for r in first]


def test_recursive_listing(folder: Path, tiny_model_dir: Path, capsys) -> None:
    records = run_jsonl(capsys, "--model", str(tiny_model_dir), "-r", str(folder))
    assert "notes.txt" in [r["filename"] for r in records] and len(records) == 4


def test_corrections_win_and_are_exported(folder: Path, tiny_model_dir: Path, tmp_path: Path, capsys) -> None:
    from core.store import Store

    Store.open().save_correction(folder / "README.md", "README.md", "the project's front page")
    records = {r["filename"]: r for r in run_jsonl(capsys, "--model", str(tiny_model_dir), str(folder))}
    assert records["README.md"]["source"] == "corrected"
    assert records["README.md"]["description"] == "the project's front page"
    exported = tmp_path / "corrections.jsonl"
    assert main(["corrections", "export", str(exported), "-q"]) == 0
    assert json.loads(exported.read_text()) == {"id": 1, "filename": "README.md",
                                                "file_desc": "the project's front page"}


def test_csv_format_has_the_exports_columns(folder: Path, tiny_model_dir: Path, capsys) -> None:
    import csv

    from core.store import Store

    Store.open().save_correction(folder / "README.md", "README.md", 'front page, "start here"')
    assert main(["describe", "--format", "csv", "-q", "--model", str(tiny_model_dir), str(folder)]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines(keepends=True)))
    assert [(r["path"], r["filename"], r["state"]) for r in rows] == [
        (str(folder / "README.md"), "README.md", "corrected"),
        (str(folder / "app_config.yaml"), "app_config.yaml", "generated"),
        (str(folder / "invoice_2024.pdf"), "invoice_2024.pdf", "generated")]
    assert rows[0]["description"] == 'front page, "start here"' and rows[1]["description"]


def test_names_from_file_never_touch_the_disk(tiny_model_dir: Path, tmp_path: Path, capsys) -> None:
    listing = tmp_path / "names.txt"
    listing.write_text("does_not_exist.iso\n\nreport.docx\n")
    records = run_jsonl(capsys, "--model", str(tiny_model_dir), "--names-from", str(listing))
    assert [(r["path"], r["filename"]) for r in records] == [(None, "does_not_exist.iso"), (None, "report.docx")]


def test_text_output_aligns_names(folder: Path, tiny_model_dir: Path, capsys) -> None:
    assert main(["describe", "-q", "--model", str(tiny_model_dir), str(folder / "README.md")]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(str(folder / "README.md") + "  ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--model", "/no/such/model/folder"], "No model folder at /no/such/model/folder"),
        (["--device", "cuda"], "not available"),
        ([], "give folders or files"),
    ],
)
def test_bad_input_gives_a_clear_message_and_exit_2(args, message, tiny_model_dir: Path, capsys) -> None:
    extra = [] if not args else ["--names-from", os.devnull]
    if "--model" not in args:
        args = [*args, "--model", str(tiny_model_dir)]
    assert main(["describe", *args, *extra]) == 1
    assert message in capsys.readouterr().err


def test_missing_path_is_reported(tiny_model_dir: Path, tmp_path: Path, capsys) -> None:
    assert main(["describe", "--model", str(tiny_model_dir), str(tmp_path / "gone")]) == 1
    assert "no such file or folder" in capsys.readouterr().err


def test_stdin_names_in_a_real_process_import_no_qt(tiny_model_dir: Path, tmp_path: Path) -> None:
    probe = (
        "import sys, runpy; sys.argv = ['filescribe'] + sys.argv[1:];"
        "from desktop_app.cli.main import main; code = main();"
        "heavy = [m for m in ('PySide6', 'training.commands.train', 'training.commands.evaluate', 'matplotlib')"
        " if m in sys.modules];"
        "print('HEAVY', heavy, file=sys.stderr); sys.exit(code)"
    )
    env = {**os.environ, "FILESCRIBE_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", probe, "describe", "--model", str(tiny_model_dir), "--names-from", "-",
         "--format", "jsonl"],
        input="ls_output.txt\nphoto.jpg\n", capture_output=True, text=True, cwd=ROOT, env=env, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["filename"] for line in result.stdout.splitlines()] == ["ls_output.txt", "photo.jpg"]
    assert "HEAVY []" in result.stderr
    assert "model: " in result.stderr


def test_memory_files_reach_the_model_input_and_output_and_no_memory_turns_them_off(
        tiny_model_dir: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    from core.describe.engine import DescriptionEngine

    seen: list[str] = []
    original = DescriptionEngine.model_inputs

    def model_inputs(self, names):
        inputs = original(self, names)
        seen.extend(i.prompt for i in inputs)
        return inputs

    monkeypatch.setattr(DescriptionEngine, "model_inputs", model_inputs)
    memory = tmp_path / "memory.jsonl"
    memory.write_text('{"filename": "invoice_march.pdf", "file_desc": "an invoice from the landlord"}\n')
    listing = tmp_path / "names.txt"
    listing.write_text("invoice_april.pdf\n")
    (row,) = run_jsonl(capsys, "--model", str(tiny_model_dir), "--names-from", str(listing), "--memory", str(memory))
    assert any("an invoice from the landlord" in prompt for prompt in seen)
    assert "landlord" in row["description"]  # the untrained tiny model copies its neighbour (and spells the name)
    seen.clear()
    (row,) = run_jsonl(capsys, "--model", str(tiny_model_dir), "--names-from", str(listing), "--memory", str(memory),
                       "--no-memory")
    assert seen and not any("landlord" in prompt for prompt in seen)
    assert "landlord" not in row["description"]


def test_the_engine_keeps_filename_vectors_in_the_store(folder: Path, tiny_model_dir: Path, capsys) -> None:
    import contextlib
    import sqlite3

    from core.store import Store

    run_jsonl(capsys, "--model", str(tiny_model_dir), "--no-memory", str(folder))
    with contextlib.closing(sqlite3.connect(Store.open().path)) as db:
        stored = {text for (text,) in db.execute("SELECT text FROM vectors")}
    assert {"README.md", "app_config.yaml", "invoice_2024.pdf"} <= stored
