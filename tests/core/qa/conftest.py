"""Q&A test fixtures."""
from __future__ import annotations

import pytest


@pytest.fixture()
def qa_encoder(lexical_encoder, monkeypatch: pytest.MonkeyPatch):
    """The session's MiniLM, never writing vectors to a store while these tests use it."""
    monkeypatch.setattr(lexical_encoder, "backing", None)
    return lexical_encoder
