"""Shared fixtures: tiny models built here, never downloaded; every test gets its own data and log folders."""
from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# The example memory's starter part: 2,936 of the 29,356 starter training examples (every tenth), so that each
# test process encodes seconds of MiniLM, not minutes; child processes inherit it.
os.environ["FILESCRIBE_STARTER_MEMORY"] = str(Path(__file__).resolve().parent / "data" / "starter_memory_slice.jsonl")

import pytest

from tests.tiny_models import build_tiny_model


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh FILESCRIBE_DATA_DIR for each test, so no test sees another's store."""
    data_dir = tmp_path / "filescribe-data"
    monkeypatch.setenv("FILESCRIBE_DATA_DIR", str(data_dir))
    return data_dir


@pytest.fixture(autouse=True)
def isolated_log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh FILESCRIBE_LOG_DIR for each test; a log file a test set up is closed after it."""
    from core.logs import log_file_handler

    log_dir = tmp_path / "filescribe-logs"
    monkeypatch.setenv("FILESCRIBE_LOG_DIR", str(log_dir))
    yield log_dir
    handler = log_file_handler()
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A saved tiny fused T5 (d_model 32, 2 layers) with its tokenizer; random weights, fusion on."""
    return build_tiny_model(tmp_path_factory.mktemp("tiny-model"))


@pytest.fixture(scope="session")
def lexical_encoder():
    """The packaged MiniLM sentence encoder, loaded once per test session."""
    from core.describe.lexical import LexicalEncoder

    return LexicalEncoder()


@pytest.fixture(scope="session")
def tiny_engine(tiny_model_dir: Path, lexical_encoder):
    """A DescriptionEngine on the tiny model, on CPU."""
    from core.describe.engine import DescriptionEngine

    return DescriptionEngine(str(tiny_model_dir), device="cpu", lexical=lexical_encoder, batch_size=8)
