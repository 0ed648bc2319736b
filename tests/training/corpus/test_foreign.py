"""Paperwork named in other languages, described in English (training/corpus/foreign.py)."""
from __future__ import annotations

from training.corpus.foreign import FOREIGN_KINDS, foreign_documents
from training.quality import contradicting_type


def test_foreign_documents_cover_every_kind_in_english() -> None:
    records = foreign_documents(seed=0, per_kind=5)
    assert records == foreign_documents(seed=0, per_kind=5)
    assert {r.group.split("#")[0] for r in records} == {f"document:{k.names[0]}" for k in FOREIGN_KINDS}
    foreign_words = {name.lower() for kind in FOREIGN_KINDS for name in kind.names}
    for record in records:
        kind = next(k for k in FOREIGN_KINDS if record.group.startswith(f"document:{k.names[0]}#"))
        assert any(word.lower().replace("_", " ") in record.filename.lower().replace("_", " ").replace("-", " ")
                   or word.lower().replace("_", "") in record.filename.lower() for word in kind.names)
        assert not foreign_words & set(record.file_desc.lower().split()), record
        assert kind.phrase.split(" ", 1)[1] in record.file_desc
        assert contradicting_type(record.filename, record.file_desc) is None
