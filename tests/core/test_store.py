"""The SQLite store: cache, corrections (by path, odd names too), durability across processes, JSONL."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from core.describe.examples import DataError
from core.errors import StoreError
from core.store import MIGRATIONS, STORE_FILENAME, Store, default_data_dir


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "data")


def test_default_data_dir_honours_the_environment(isolated_data_dir: Path) -> None:
    assert default_data_dir() == isolated_data_dir


def test_store_is_wal_and_at_the_latest_schema(store: Store) -> None:
    assert store.schema_version == len(MIGRATIONS)
    assert store._read("PRAGMA journal_mode")[0][0] == "wal"


def test_generated_cache_is_keyed_by_model_and_input(store: Store) -> None:
    store.save_generated("model-a", [("k1", "a.txt", "text A"), ("k2", "b.txt", "text B")])
    assert store.generated("model-a", ["k1", "k2", "k3"]) == {"k1": "text A", "k2": "text B"}
    assert store.generated("model-b", ["k1"]) == {}


def test_large_lookups_are_chunked(store: Store) -> None:
    store.save_generated("m", [(f"k{i}", f"{i}.txt", f"t{i}") for i in range(1500)])
    assert len(store.generated("m", [f"k{i}" for i in range(1500)])) == 1500


def test_corrections_by_path_update_move_delete(store: Store, tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    store.save_correction(first, "a.txt", "old text")
    store.save_correction(first, "a.txt", "new text")
    assert [c.description for c in store.corrections()] == ["new text"]
    assert store.move_correction(first, second, "b.txt")
    assert store.corrections_for([first, second]) == {os.fsencode(second): "new text"}
    assert store.delete_correction(second) and store.corrections() == []


def test_corrections_are_deleted_by_id_imported_ones_too(store: Store, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"filename": "a.txt", "file_desc": "imported a"}\n{"filename": "b.txt", "file_desc": "b"}\n')
    store.import_corrections(source)
    store.save_correction(tmp_path / "a.txt", "a.txt", "mine")
    imported_a, imported_b, mine = store.corrections()
    assert (imported_a.path, mine.path) == (None, str(tmp_path / "a.txt"))
    assert store.delete_corrections([imported_a.id, 999]) == 1
    assert store.corrections() == [imported_b, mine]
    assert store.delete_corrections([imported_b.id, mine.id]) == 2 and store.corrections() == []
    assert store.delete_corrections([]) == 0


def test_non_utf8_paths_round_trip(store: Store, tmp_path: Path) -> None:
    odd = os.path.join(os.fsdecode(tmp_path), os.fsdecode(b"caf\xe9\xff.txt"))
    store.save_correction(odd, "caf\ufffd\ufffd.txt", "a menu")
    assert store.corrections()[0].path == odd
    assert list(store.corrections_for([odd]).values()) == ["a menu"]


def test_correction_is_durable_across_processes(tmp_path: Path) -> None:
    data_dir = tmp_path / "shared"
    writer = (
        "import sys; from pathlib import Path; from core.store import Store;"
        "Store.open(Path(sys.argv[1])).save_correction('/x/report.pdf', 'report.pdf', 'quarterly report');"
        "import os; os._exit(0)"  # no clean close: the data must already be on disk
    )
    subprocess.run([sys.executable, "-c", writer, str(data_dir)], check=True, cwd=Path(__file__).parents[2])
    reader = "import sys; from pathlib import Path; from core.store import Store; " \
             "print(Store.open(Path(sys.argv[1])).corrections()[0].description)"
    out = subprocess.run([sys.executable, "-c", reader, str(data_dir)], check=True, capture_output=True,
                         text=True, cwd=Path(__file__).parents[2]).stdout
    assert out.strip() == "quarterly report"


def test_export_then_import_round_trips(store: Store, tmp_path: Path) -> None:
    store.save_correction(tmp_path / "a.yaml", "a.yaml", "settings for a")
    store.save_correction(tmp_path / "b.csv", "b.csv", "table of b")
    exported = tmp_path / "out.jsonl"
    assert store.export_corrections(exported) == 2
    lines = [json.loads(line) for line in exported.read_text().splitlines()]
    assert lines == [{"id": 1, "filename": "a.yaml", "file_desc": "settings for a"},
                     {"id": 2, "filename": "b.csv", "file_desc": "table of b"}]
    other = Store.open(tmp_path / "other")
    assert other.import_corrections(exported).kept == 2
    assert other.import_corrections(exported).kept == 0  # exact duplicates are not added twice
    assert [(c.path, c.filename) for c in other.corrections()] == [(None, "a.yaml"), (None, "b.csv")]


def test_import_reports_malformed_lines_with_file_and_line(store: Store, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"filename": "a.txt", "file_desc": "text a"}\n'
                      "not json\n"
                      '{"filename": "", "file_desc": "x"}\n'
                      "[1, 2]\n"
                      '{"filename": "b.txt", "file_desc": "text b"}\n')
    report = store.import_corrections(source)
    assert report.kept == 2
    assert [p.split(": ")[0] for p in report.problems] == [f"{source}:2", f"{source}:3", f"{source}:4"]
    with pytest.raises(DataError, match=f"{source}:2"):
        store.import_corrections(source, strict=True)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILENAME
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer FileScribe"):
        Store(path)


def test_unwritable_location_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="Cannot open"):
        Store.open(blocker / "data")
