"""The example memory: add, look up by cosine, exclude the example itself, floor, duplicates, removal."""
from __future__ import annotations

import numpy as np
import pytest

from core.describe.examples import Example
from core.describe.memory import OWN_BONUS, ExampleMemory, name_words, type_key, word_overlap


def unit_rows(*rows: list[float]) -> np.ndarray:
    matrix = np.asarray(rows, dtype=np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


EXAMPLES = [Example("a.yaml", "config a", "corrections"), Example("b.yaml", "config b", "starter"),
            Example("c.jpg", "a photo", "starter")]
VECTORS = unit_rows([1, 0, 0], [0.9, 0.1, 0], [0, 0, 1])


@pytest.fixture()
def memory() -> ExampleMemory:
    memory = ExampleMemory(dimension=3, k=2, floor=0.5)
    assert memory.add(EXAMPLES, VECTORS) == 3
    return memory


def test_nearest_first_above_the_floor(memory: ExampleMemory) -> None:
    (found,) = memory.neighbours(unit_rows([1, 0.05, 0]))
    assert [n.filename for n in found] == ["a.yaml", "b.yaml"]
    assert found[0].score > found[1].score >= 0.5 and found[0].source == "corrections"
    (far,) = memory.neighbours(unit_rows([0, 1, 0]))
    assert far == []  # nothing reaches the floor


def test_the_example_itself_is_excluded(memory: ExampleMemory) -> None:
    (found,) = memory.neighbours(VECTORS[:1], exclude=[EXAMPLES[0]])
    assert [n.filename for n in found] == ["b.yaml"]


def test_duplicates_are_skipped_and_removal_works(memory: ExampleMemory) -> None:
    assert memory.add([EXAMPLES[0], EXAMPLES[0]], VECTORS[:1].repeat(2, axis=0)) == 0
    signature = memory.signature()
    assert memory.remove("a.yaml", "config a") and len(memory) == 2
    assert memory.signature() != signature
    (found,) = memory.neighbours(VECTORS[:1])
    assert [n.filename for n in found] == ["b.yaml"]
    assert not memory.remove("a.yaml", "config a")


def test_many_queries_are_chunked_and_empty_memory_answers_empty() -> None:
    memory = ExampleMemory(dimension=3, k=1, floor=0.0)
    assert memory.neighbours(unit_rows([1, 0, 0])) == [[]]
    memory.add(EXAMPLES, VECTORS)
    queries = np.repeat(unit_rows([0, 0, 1]), 700, axis=0)
    found = memory.neighbours(queries)
    assert len(found) == 700 and all(row[0].filename == "c.jpg" for row in found)


def test_real_minilm_neighbours_make_sense(lexical_encoder) -> None:
    examples = [Example("invoice_march.pdf", "an invoice"), Example("holiday.jpg", "a holiday photo"),
                Example("docker-compose.yml", "services of a Docker application")]
    memory = ExampleMemory(lexical_encoder.dimension, k=1, floor=0.3)
    memory.add(examples, lexical_encoder.encode([e.filename for e in examples]))
    found = memory.neighbours(lexical_encoder.encode(["invoice_april.pdf", "docker-compose.override.yml"]))
    assert [row[0].filename for row in found] == ["invoice_march.pdf", "docker-compose.yml"]


def test_type_key_is_the_last_suffix_or_a_kind_without_extension() -> None:
    assert [type_key(n) for n in ("Report.PDF", "backup.tar.gz", "Makefile", "ps", ".gitignore", ".bashrc",
                                  "notes.")] == [".pdf", ".gz", "", "", ".", ".", ""]
    assert [type_key(n) for n in ("error.log.1", "ls.1", "libc.so.6")] == [".log", ".1", ".6"]  # a rotated log
    assert type_key("._IMG_4821.HEIC") == type_key("._report.pdf") != type_key("IMG_4821.HEIC")  # AppleDouble
    assert type_key("~$invoice.xlsx") == type_key(".~lock.invoice.xlsx#") != type_key("invoice_template.xlsx")


def test_test_code_is_a_kind_of_its_own_per_language() -> None:
    tests = ("test_parser.py", "tests-api.py", "parser_test.py", "App.test.py", "Button.spec.py", "UserServiceTest.py",
             "TestUserService.py", "test_address (2).py")
    assert {type_key(n) for n in tests} == {"tests.py"}
    assert [type_key(n) for n in ("parser_test.go", "user_spec.rb", "ApiTests.cs")] == ["tests.go", "tests.rb",
                                                                                         "tests.cs"]
    not_tests = ("_parser.py", "latest.py", "contest.py", "Attest.py", "test.py", "testing.py", "protest_data.py")
    assert {type_key(n) for n in not_tests} == {".py"}
    assert [type_key(n) for n in ("test_results.csv", "test_plan.docx")] == [".csv", ".docx"]  # data, documents


def test_test_code_finds_tests_before_the_code_it_tests(lexical_encoder) -> None:
    examples = [Example("_parser.py", "internal support module for sre"),
                Example("test_account.py", "Python tests for accounts")]
    memory = ExampleMemory(lexical_encoder.dimension, k=2, floor=0.0)
    memory.add(examples, lexical_encoder.encode([e.filename for e in examples]))
    query = "test_parser.py"
    assert memory.neighbours(lexical_encoder.encode([query]))[0][0].filename == "_parser.py"  # by cosine alone
    (row,) = memory.neighbours(lexical_encoder.encode([query]), [query])
    assert [(n.filename, n.same_type) for n in row] == [("test_account.py", True), ("_parser.py", False)]


def test_names_without_extension_are_one_kind_in_the_memory(lexical_encoder) -> None:
    examples = [Example("gcloud-compute-instances-list", "list Compute Engine instances"),
                Example("gcloud-compute-disks-delete", "delete Compute Engine disks"),
                Example("compute_report.pdf", "a report on compute costs")]
    memory = ExampleMemory(lexical_encoder.dimension, k=2, floor=0.45)
    memory.add(examples, lexical_encoder.encode([e.filename for e in examples]))
    query = "gcloud-compute-disks-list"
    (row,) = memory.neighbours(lexical_encoder.encode([query]), [query])
    assert {n.filename for n in row} == {"gcloud-compute-disks-delete", "gcloud-compute-instances-list"}
    assert all(n.same_type for n in row)  # another program is the query's own kind, not "another type"


def test_examples_of_the_same_type_rank_first_and_always_qualify(lexical_encoder) -> None:
    examples = [Example("holiday_photo.png", "a PNG image"), Example("holiday_photo.tiff", "a TIFF image"),
                Example("IMG_2041.jpg", "a JPEG photo"), Example("scan.jpg", "a scanned JPEG image")]
    memory = ExampleMemory(lexical_encoder.dimension, k=3, floor=0.45)
    memory.add(examples, lexical_encoder.encode([e.filename for e in examples]))
    query = lexical_encoder.encode(["holiday_photo.jpg"])
    by_cosine = [n.filename for n in memory.neighbours(query)[0]]
    assert by_cosine[0].startswith("holiday_photo.")  # the stem dominates MiniLM's similarity
    (typed,) = memory.neighbours(query, ["holiday_photo.jpg"])
    assert {n.filename for n in typed[:2]} == {"IMG_2041.jpg", "scan.jpg"}
    assert all(-1 <= n.score <= 1 for n in typed)  # scores stay cosines
    assert [n.same_type for n in typed] == [True, True, False]


def test_shared_filename_words_refine_the_order() -> None:
    examples = [Example("gcloud_sql_instances_list.1.gz", "list Cloud SQL instances"),
                Example("gcloud_filestore_backups_delete.1.gz", "delete a Filestore backup")]
    memory = ExampleMemory(dimension=3, k=2, floor=0.0)
    memory.add(examples, unit_rows([1, 0, 0], [1, 0, 0]))  # equally close by cosine
    (found,) = memory.neighbours(unit_rows([1, 0, 0]), ["gcloud_filestore_backups_create.1.gz"])
    assert [n.description for n in found] == ["delete a Filestore backup", "list Cloud SQL instances"]
    assert found[0].overlap == pytest.approx(5 / 7) and found[1].overlap == pytest.approx(3 / 9)
    assert found[0].similarity == pytest.approx(found[0].score + 0.5 * 5 / 7)  # OVERLAP_WEIGHT 0.5
    (plain,) = memory.neighbours(unit_rows([1, 0, 0]))  # without the query's name: cosine only
    assert all(n.overlap == 0.0 for n in plain)


def test_the_users_own_examples_outrank_general_knowledge_at_nearly_the_same_cosine() -> None:
    memory = ExampleMemory(dimension=3, k=2, floor=0.5)
    memory.add([Example("xzcat", "XZ-format compression utilities", "debian")], unit_rows([1, 0, 0]))
    memory.add([Example("unxz", "compress or decompress .xz files", "correction")], unit_rows([1, 0.4, 0]), own=True)
    memory.add([Example("far", "a far correction", "correction")], unit_rows([0.3, 1, 0]), own=True)
    (found,) = memory.neighbours(unit_rows([1, 0, 0]))
    assert [n.filename for n in found] == ["unxz", "xzcat"]  # cosine 0.93 + OWN_BONUS before 1.0
    assert found[0].similarity == pytest.approx(found[0].score + OWN_BONUS) and found[1].similarity == found[1].score
    assert all(type(n.similarity) is float for n in found)  # plain floats, as the decoding and the logs expect
    assert [n.own for n in found] == [True, False]  # which is the user's, for the decoding
    (only,) = memory.neighbours(unit_rows([0, 1, 0]))
    assert [n.filename for n in only] == ["far"]  # cosine 0.96 reaches the floor; the bonus never lets one in
    (none,) = memory.neighbours(unit_rows([0, 0.35, 1]))
    assert none == []  # "far" at cosine 0.32 + 0.3 would pass the floor if the bonus counted
    assert memory.remove("unxz", "compress or decompress .xz files")
    (rest,) = memory.neighbours(unit_rows([1, 0, 0]))
    assert [n.filename for n in rest] == ["xzcat"]


def test_names_that_share_one_description_take_one_place() -> None:
    examples = [Example(f"Presentation{i}.pptx", "a presentation under PowerPoint's default name") for i in (1, 2, 3)]
    examples.append(Example("Board_Review.pptx", "slides for the board's review"))
    memory = ExampleMemory(dimension=3, k=3, floor=0.0)
    memory.add(examples, unit_rows([1, 0, 0], [1, 0.01, 0], [1, 0.02, 0], [1, 0.3, 0]))
    for names in (None, ["Board_Presentation.pptx"]):  # cosine alone, and re-ranked by the names' words
        (found,) = memory.neighbours(unit_rows([1, 0, 0]), names)
        assert {n.filename for n in found} == {"Presentation1.pptx", "Board_Review.pptx"}


def test_word_overlap_and_name_words() -> None:
    assert name_words("appConfig_v2.yaml") == {"app", "config", "v2", "yaml"}
    assert word_overlap(frozenset({"a", "b"}), frozenset({"b", "c"})) == pytest.approx(1 / 3)
    assert word_overlap(frozenset(), frozenset()) == 0.0
