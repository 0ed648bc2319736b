"""The project and data-work names of the corpus: fixed role names once each, components, models, migrations."""
from __future__ import annotations

import random
import re
from collections import Counter

from core.describe.facts import name_facts
from training.corpus import everyday, projects, task_scripts
from training.quality import contradicting_type


def test_projects_are_deterministic_and_the_fixed_names_come_once() -> None:
    records = projects.project_records(seed=0)
    assert records == projects.project_records(seed=0)
    assert records != projects.project_records(seed=1)
    fixed = [r for r in records if r.source == projects.FIXED]
    counts = Counter(r.filename.lower() for r in fixed)
    assert len(fixed) > 300 and max(counts.values()) == 1
    assert {"main.py", "utils.ts", "styles.css", "app.jsx", "iris.csv", "model.pkl", "deploy.sh"} <= set(counts)
    assert all(r.source == everyday.SOURCE for r in records if r not in fixed)


def test_descriptions_name_the_language_and_never_a_contradicting_type() -> None:
    records = {r.filename: r.file_desc for r in projects.project_records(seed=0)}
    assert records["main.go"].startswith("entry point of a Go program")
    assert records["utils.rb"].startswith("Ruby ")
    assert records["deploy.ps1"].startswith("PowerShell ")
    assert records["model.pkl"].endswith("pickle") and records["model.onnx"].endswith("ONNX")
    assert records["db.sqlite3"] == "Django's default SQLite database file"
    assert not [(name, text) for name, text in records.items() if contradicting_type(name, text)]


def test_components_migrations_and_installers_keep_the_names_words() -> None:
    rng = random.Random(3)
    for _ in range(200):
        record = projects.component(rng)
        part = record.file_desc.rsplit(" for the ", 1)[1]
        assert record.file_desc.split()[0] in ("React", "Vue", "Svelte", "Angular")
        assert part.replace(" ", "").lower() == record.filename.split(".")[0].replace("-", "").lower()
    for _ in range(200):
        record = projects.model_file(rng)
        if record.filename[0].isdigit() and record.filename.endswith(".py"):
            assert record.filename[:4] in record.file_desc  # the migration's number is said, not dropped
        if record.filename.endswith(".rb"):
            assert name_facts(record.filename).date  # a real timestamp, read as a date
    for _ in range(50):
        record = projects.installer_script(rng)
        assert record.filename.endswith(".sh") and "installer" in record.file_desc


def test_capitalised_jsx_names_are_components_not_classes() -> None:
    rng = random.Random(0)
    records = [everyday.code_file(rng) for _ in range(3000)]
    jsx = [r for r in records if r.group.startswith("code:{X}#") or r.group == "code:{X}"]
    jsx = [r for r in jsx if r.filename.endswith((".tsx", ".jsx"))]
    assert jsx and all(r.file_desc.startswith("React component for") for r in jsx)


def test_data_in_model_formats_is_described_by_its_stem_then_its_type() -> None:
    rng = random.Random(1)
    for _ in range(100):
        record = projects.binary_data(rng)
        comment = name_facts(record.filename).type
        assert comment and record.file_desc.endswith(f" {comment}") and "model" not in record.file_desc
    exports = [projects.data_export(rng) for _ in range(200)]
    assert {r.filename.rsplit(".", 1)[1] for r in exports} >= {"vcf", "ics", "mbox", "kdbx", "geojson"}
    assert not [r for r in exports if contradicting_type(r.filename, r.file_desc)]


def test_code_things_take_their_plurals_in_names_and_descriptions() -> None:
    assert [everyday.things(t) for t in ("user", "matrix", "address", "auth", "weather")] == [
        "users", "matrices", "addresses", "auth", "weather"]
    rng = random.Random(2)
    records = [everyday.code_file(rng) for _ in range(3000)]
    text = " ".join(f"{r.filename} {r.file_desc}" for r in records)
    assert "matrices" in text and "addresses" in text
    assert not {"matrixs", "addresss", "auths", "weathers"} & set(re.findall(r"[a-z]+", text))
    tables = [r for r in records if r.group.startswith("code:create_")]
    assert tables and all(r.filename.split("_table")[0].removeprefix("create_") in r.file_desc for r in tables)


def test_installers_claim_a_bitness_or_chip_only_where_their_names_state_one() -> None:
    rng = random.Random(3)
    records = [everyday.installer(rng) for _ in range(2000)]
    claims = [r for r in records if re.search(r"\b(?:32|64)-bit\b|Apple silicon", r.file_desc)]
    assert claims and all(re.search(r"32|64|arm", r.filename, re.IGNORECASE) for r in claims)
    assert any(r.file_desc.endswith(" for Windows") and " Setup " in r.filename for r in records)


def test_generic_module_names_are_described_by_their_role_not_by_one_librarys_docstring() -> None:
    records = {r.filename: r for r in projects.project_records(seed=0)}
    for name in ("exceptions.py", "parser.py", "dataset.py", "train.py", "errors.go", "client.ts", "attention.py",
                 "vocab.py", "rnn.py"):
        assert records[name].source == projects.FIXED
    assert records["exceptions.py"].file_desc.startswith("Python exception classes the project defines")
    assert records["errors.go"].file_desc.startswith("Go error types")
    assert records["rnn.py"].file_desc == "Python recurrent neural network model"  # not torch's quantized module


def test_task_scripts_say_what_they_do_in_the_names_words_and_language() -> None:
    records = task_scripts.task_scripts(seed=0, count=600)
    assert records == task_scripts.task_scripts(seed=0, count=600)
    verbs = {verb: (does, objects) for verb, does, objects in task_scripts.TASKS}
    for record in (r for r in records if r.group.startswith("project:task:")):
        stem, extension = record.filename.rsplit(".", 1)
        words = re.findall(r"[a-z]+|[A-Z][a-z]*", stem)
        does, objects = verbs[words[0]]
        assert "_".join(w.lower() for w in words[1:]) in objects  # each verb only with its own objects
        language = task_scripts.SCRIPT_LANGUAGES[extension]
        assert record.file_desc.startswith(f"{language} script that {does} ")
        assert not contradicting_type(record.filename, record.file_desc)
    described = {r.filename: r.file_desc for r in records}
    assert described["backup_db.py"] == "Python script that backs up the database"
    assert described["video_downloader.py"] == "Python script that downloads videos"  # a tool by what it does
    assert described["password_generator.py"] == "Python script that generates passwords"
    camel = [r for r in records if re.search(r"[a-z][A-Z]", r.filename)]
    assert camel and all(r.filename.endswith((".js", ".ts")) for r in camel)
