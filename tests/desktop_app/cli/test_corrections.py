"""`filescribe corrections delete`: by path, by filename for imported examples, or all with --yes."""
from __future__ import annotations

from pathlib import Path

import pytest

from core.store import Store
from desktop_app.cli.main import main


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    """Two corrections of files and two imported examples (no path), one of them named like a file."""
    store = Store.open()
    store.save_correction(tmp_path / "report.pdf", "report.pdf", "the quarterly report")
    store.save_correction(tmp_path / "notes.md", "notes.md", "meeting notes")
    source = tmp_path / "examples.jsonl"
    source.write_text('{"filename": "report.pdf", "file_desc": "an imported report"}\n'
                      '{"filename": "budget.xlsx", "file_desc": "a budget"}\n')
    store.import_corrections(source)
    yield store
    store.close()


def remaining(store: Store) -> list[tuple[str | None, str]]:
    return [(c.path and Path(c.path).name, c.description) for c in store.corrections()]


def test_delete_by_path_leaves_the_imported_example_of_that_name(store: Store, tmp_path: Path, capsys) -> None:
    assert main(["corrections", "delete", str(tmp_path / "report.pdf")]) == 0
    assert "deleted 1 correction" in capsys.readouterr().err
    assert remaining(store) == [("notes.md", "meeting notes"), (None, "an imported report"), (None, "a budget")]


def test_delete_imported_examples_by_name(store: Store, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["corrections", "delete", "notes.md", "--name", "report.pdf", "--name", "budget.xlsx", "-q"]) == 0
    assert remaining(store) == [("report.pdf", "the quarterly report")]


def test_nothing_is_deleted_when_a_target_matches_none(store: Store, tmp_path: Path, capsys) -> None:
    code = main(["corrections", "delete", str(tmp_path / "notes.md"), str(tmp_path / "nowhere.txt"),
                 "--name", "notes.md"])
    assert code != 0
    error = capsys.readouterr().err
    assert f"no correction of {tmp_path / 'nowhere.txt'}, --name notes.md; nothing was deleted" in error
    assert len(store.corrections()) == 4


def test_delete_all_needs_yes(store: Store, capsys) -> None:
    with pytest.raises(SystemExit) as usage:
        main(["corrections", "delete", "--all"])
    assert usage.value.code == 2 and "add --yes to confirm" in capsys.readouterr().err
    assert len(store.corrections()) == 4
    assert main(["corrections", "delete", "--all", "--yes"]) == 0
    assert "deleted 4 corrections" in capsys.readouterr().err and store.corrections() == []


@pytest.mark.parametrize("argv", [["delete"], ["delete", "--all", "--yes", "a.txt"], ["export"],
                                  ["export", "a.jsonl", "--all"], ["import", "a.jsonl", "b.jsonl"]])
def test_misused_options_are_usage_errors(argv: list[str], store: Store) -> None:
    with pytest.raises(SystemExit) as usage:
        main(["corrections", *argv])
    assert usage.value.code == 2 and len(store.corrections()) == 4
