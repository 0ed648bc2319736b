"""Log files of the corpus: named by what wrote them, described with the name's words (training/corpus/logs.py)."""
from __future__ import annotations

import random

from core.describe.facts import name_facts
from core.describe.file_types import type_comment
from training.corpus import logs
from training.quality import contradicting_type, uses_name_words


def test_logs_are_deterministic_and_the_generic_names_come_once() -> None:
    records = logs.log_records(seed=0)
    assert records == logs.log_records(seed=0) and records != logs.log_records(seed=1)
    fixed = [r for r in records if r.source == logs.FIXED_SOURCE]
    assert [r.filename for r in fixed] == [name for name, _ in logs.FIXED]
    assert {r.source for r in records if r not in fixed} == {logs.SOURCE}
    assert {"error.log", "debug.log", "app.log"} <= {r.filename for r in fixed}


def test_drawn_logs_use_their_names_words_and_are_typed_as_logs() -> None:
    rng = random.Random(2)
    for _ in range(300):
        record = logs.log_file(rng)
        assert uses_name_words(record.filename, record.file_desc), record
        assert type_comment(record.filename) == "application log", record  # rotated ones too ("api.log.3")
        assert contradicting_type(record.filename, record.file_desc) is None
        if name_facts(record.filename).date:
            assert name_facts(record.filename).date in record.file_desc  # the date read out as the facts read it
        if not record.filename.endswith(".log"):
            number = record.filename.rsplit(".", 1)[1]  # "api.log.3": the rotation's number is not said
            assert record.file_desc.startswith("older ") and number not in record.file_desc.split(), record


def test_only_programs_that_answer_requests_keep_access_logs() -> None:
    rng = random.Random(5)
    records = [logs.log_file(rng) for _ in range(2000)]
    access = [r for r in records if "requests to" in r.file_desc]
    assert access and all(r.group.split(":")[1].split("#")[0] in logs.WEB_WRITERS for r in access)
