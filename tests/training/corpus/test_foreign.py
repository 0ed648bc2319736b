"""Paperwork named in other languages, described in English (training/corpus/foreign.py)."""
from __future__ import annotations

from training.corpus.foreign import FOREIGN_KINDS, foreign_documents, state_only
from training.corpus.records import Record
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


def test_no_name_is_a_foreign_word_and_a_state_alone() -> None:
    records = foreign_documents(seed=0)
    kinds = {f"document:{k.names[0]}": k for k in FOREIGN_KINDS}
    assert not [r.filename for r in records if state_only(kinds[r.group.split("#")[0]], r)]
    assert len(records) > 0.9 * 12 * len(FOREIGN_KINDS)  # a few dropped, not a kind
    rekening = next(k for k in FOREIGN_KINDS if k.names == ("rekening",))
    assert state_only(rekening, Record("Rekening Draft.docx", "draft of a bill", "everyday", "document:rekening#0"))
    assert not state_only(rekening, Record("rekening_KPN_2024-03_final.pdf", "a bill", "everyday", "g"))
