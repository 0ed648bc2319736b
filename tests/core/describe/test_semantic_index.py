"""Semantic search ranks descriptions by meaning with MiniLM, embedding each text once."""
from __future__ import annotations

from core.describe.semantic_index import DescriptionIndex


def test_descriptions_are_ranked_by_meaning(lexical_encoder) -> None:
    index = DescriptionIndex(lexical_encoder)
    texts = {"/r/bill.pdf": "an invoice from the plumber", "/r/cat.jpg": "a photo of a cat on a sofa",
             "/r/main.py": "Python source code", "/r/empty": ""}
    ranked = index.rank("files about invoices and payments", texts)
    assert ranked[0][0] == "/r/bill.pdf"
    assert all(score >= 0.2 for _, score in ranked) and "/r/empty" not in dict(ranked)
    assert index.missing(texts) == []
    assert index.rank("   ", texts) == []
