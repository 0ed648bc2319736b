"""Configuration files named by what they configure: config.yaml, app_config.yaml, db-settings.json, .env.staging."""
from __future__ import annotations

import json

from core.describe.file_types import type_comment
from tests.training.corpus.drawn_sources import assert_fixed_then_drawn
from training.corpus import config_files
from training.corpus.harvest import DEFAULT_WELL_KNOWN
from training.quality import contradicting_type, uses_name_words


def test_the_drawn_configs_are_deterministic_and_from_their_own_stream() -> None:
    assert_fixed_then_drawn(config_files.config_records, config_files.fixed_configs(), drawn=450)


def test_the_names_of_the_brief_read_as_the_settings_of_their_subject() -> None:
    fixed = {r.filename: r.file_desc for r in config_files.fixed_configs()}
    assert fixed["app_config.yaml"] == "configuration settings for an app"
    assert fixed["db_config.yaml"] == "configuration settings for the database"
    assert fixed["config.prod.json"] == "configuration settings for the production environment"
    assert fixed[".env.staging"] == "environment variables for the staging environment"


def test_every_description_names_its_subject_and_never_another_type() -> None:
    records = config_files.config_records(seed=0)
    subject_groups = {f"config:{word}" for word, _ in config_files.SUBJECTS}
    with_subject = [r for r in records if r.group.split("#")[0] in subject_groups]
    assert len(with_subject) > 400
    misses = [r.filename for r in with_subject if not uses_name_words(r.filename, r.file_desc)]
    assert len(misses) <= len(with_subject) // 5  # "db" read as "the database", "smtp" as its server: not the word
    assert [r.filename for r in records if contradicting_type(r.filename, r.file_desc)] == []
    assert all(type_comment(f"x.{extension}") for extension in config_files.FORMATS)


def test_no_generated_name_is_a_well_known_one_of_a_single_tool() -> None:
    well_known = {json.loads(line)["filename"].lower() for line in DEFAULT_WELL_KNOWN.read_text().splitlines()
                  if line.strip()}
    assert {r.filename.lower() for r in config_files.fixed_configs()}.isdisjoint(well_known)
