"""DescriptionEngine: batching, dedup, clean lines, fingerprints, OOM back-off."""
from __future__ import annotations

import pytest

from core.describe.engine import DescriptionEngine, clean_description

NAMES = ["app_config.yaml", "README.md", "main.py", "invoice_2024.pdf", "a" * 300, "notes.txt",
         "résumé.docx", "bad\udcffname.txt", "tab\there", "new\nline.md", "", "😀.png"]


def test_batched_equals_one_at_a_time(tiny_engine: DescriptionEngine) -> None:
    batched = tiny_engine.describe(NAMES)
    single = [tiny_engine.describe([name])[0] for name in NAMES]
    assert batched == single


def test_output_is_one_clean_line_per_name(tiny_engine: DescriptionEngine) -> None:
    texts = tiny_engine.describe(NAMES)
    assert len(texts) == len(NAMES)
    for text in texts:
        assert "\n" not in text and text == text.strip()


def test_duplicates_are_generated_once(tiny_engine: DescriptionEngine, monkeypatch) -> None:
    seen: list[int] = []
    original = tiny_engine._generate
    monkeypatch.setattr(tiny_engine, "_generate", lambda ids, *rest: seen.append(len(ids)) or original(ids, *rest))
    texts = tiny_engine.describe(["x.py", "y.py", "x.py", "x.py"])
    assert sum(seen) == 2 and texts[0] == texts[2] == texts[3]


def test_progress_counts_distinct_names(tiny_engine: DescriptionEngine) -> None:
    ticks: list[int] = []
    tiny_engine.describe([f"file_{i}.txt" for i in range(20)] + ["file_0.txt"], progress=ticks.append)
    assert sum(ticks) == 20


def test_empty_input(tiny_engine: DescriptionEngine) -> None:
    assert tiny_engine.describe([]) == []


def test_out_of_memory_halves_the_batch(tiny_engine: DescriptionEngine, monkeypatch) -> None:
    sizes: list[int] = []
    original = tiny_engine._generate

    def flaky(ids, *rest):
        sizes.append(len(ids))
        if len(ids) > 2:
            raise RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return original(ids, *rest)

    expected = tiny_engine.describe([f"doc_{i}.txt" for i in range(7)])
    monkeypatch.setattr(tiny_engine, "_generate", flaky)
    monkeypatch.setattr(tiny_engine, "batch_size", tiny_engine.batch_size)  # the session's engine: restored after
    assert tiny_engine.describe([f"doc_{i}.txt" for i in range(7)]) == expected
    assert sizes[:3] == [7, 4, 2] and max(sizes[3:]) <= 2


def test_other_errors_propagate(tiny_engine: DescriptionEngine, monkeypatch) -> None:
    monkeypatch.setattr(tiny_engine, "_generate", lambda *args: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError, match="boom"):
        tiny_engine.describe(["a.txt"])


def test_fingerprint_and_input_key(tiny_engine: DescriptionEngine) -> None:
    assert tiny_engine.fingerprint.startswith(tiny_engine.model_fingerprint)
    assert "float32" in tiny_engine.fingerprint
    assert tiny_engine.input_key("a.txt") == tiny_engine.input_key("a.txt") != tiny_engine.input_key("b.txt")


def test_the_lexical_vector_reaches_generation(tiny_engine: DescriptionEngine, monkeypatch) -> None:
    import torch

    names = [f"report_{i}.pdf" for i in range(6)]
    normal = tiny_engine.describe(names)
    with torch.no_grad():
        tiny_engine.model.lexical_proj.weight.mul_(40.0)
    try:
        boosted = tiny_engine.describe(names)
    finally:
        with torch.no_grad():
            tiny_engine.model.lexical_proj.weight.div_(40.0)
    assert boosted != normal


def test_clean_description() -> None:
    assert clean_description("  a\nb\t c  ") == "a b c"
