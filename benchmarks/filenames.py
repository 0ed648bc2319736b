"""Realistic, distinct synthetic filenames for benchmarks (deterministic)."""
from __future__ import annotations

import itertools
import random

STEMS = ["report", "invoice", "app_config", "holiday_photo", "meeting_notes", "backup", "main", "utils",
         "docker-compose", "README", "budget", "thesis_draft", "screenshot", "setup", "test_models",
         "client_list", "presentation", "song", "archive", "dataset", "logo", "index", "styles", "schema"]
SUFFIXES = ["", "_v2", "_final", "_2024", "-old", "_copy", "_march", "_draft", "_backup", "_01"]
EXTENSIONS = [".pdf", ".docx", ".yaml", ".jpg", ".md", ".tar.gz", ".py", ".csv", ".xlsx", ".png", ".mp3",
              ".json", ".html", ".css", ".sql", ".txt", ".zip", ".ipynb", ".svg", ".log"]


def synthetic_filenames(count: int, seed: int = 0) -> list[str]:
    """`count` distinct filenames in a shuffled, reproducible order."""
    names = ["".join(parts) for parts in itertools.product(STEMS, SUFFIXES, EXTENSIONS)]
    random.Random(seed).shuffle(names)
    if count > len(names):
        raise ValueError(f"at most {len(names)} distinct synthetic filenames")
    return names[:count]
