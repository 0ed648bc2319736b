"""DescriptionEngine: batching, dedup, clean lines, fingerprints, OOM back-off."""
from __future__ import annotations

from pathlib import Path

import pytest
import torch

from core.describe.engine import DescriptionEngine, GenerationSettings, clean_description
from tests.tiny_models import build_tiny_model

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
    (a,), (again,), (b,) = (tiny_engine.model_inputs([name]) for name in ("a.txt", "a.txt", "b.txt"))
    assert a.key == again.key != b.key


def test_the_lexical_vector_reaches_generation(tiny_engine: DescriptionEngine, monkeypatch) -> None:
    import torch

    names = [f"report_{i}.pdf" for i in range(6)]
    monkeypatch.setattr(tiny_engine, "settings", GenerationSettings(name_copy=0))  # the model's own words only
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


@pytest.fixture(scope="module")
def repeating_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny model trained for a few steps to answer every name with one word over and over."""
    from core.describe.model_loading import load_fused_model
    from core.describe.prompts import build_prompt

    folder = build_tiny_model(tmp_path_factory.mktemp("repeating"))
    model, tokenizer = load_fused_model(folder)
    torch.manual_seed(0)
    inputs = tokenizer([build_prompt(n) for n in ("a.txt", "b.pdf", "c.py", "d.md")], return_tensors="pt",
                       padding=True)
    labels = tokenizer(["notes notes notes notes notes notes notes notes notes notes"] * 4, return_tensors="pt")
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    for _ in range(60):
        optimizer.zero_grad()
        model(**inputs, labels=labels["input_ids"]).loss.backward()
        optimizer.step()
    model.save_pretrained(folder)
    return folder


def repeats_an_ngram(text: str, size: int = 3) -> bool:
    """Whether some run of `size` words occurs twice in `text`."""
    words = text.split()
    grams = [tuple(words[i : i + size]) for i in range(len(words) - size + 1)]
    return len(grams) != len(set(grams))


def test_repetition_control_on_a_model_that_repeats(repeating_model_dir: Path, lexical_encoder) -> None:
    engine = DescriptionEngine(str(repeating_model_dir), device="cpu", lexical=lexical_encoder,
                               settings=GenerationSettings(no_repeat_ngram_size=0, max_run=0, name_copy=0,
                                                           repeated_words=False))
    (loose,) = engine.describe(["e.txt"])
    assert repeats_an_ngram(loose) and "notes notes notes" in loose  # the model does repeat
    engine.settings = GenerationSettings(max_run=0, name_copy=0, repeated_words=False)
    (no_trigram,) = engine.describe(["e.txt"])
    assert not repeats_an_ngram(no_trigram) and "notes notes notes" in no_trigram  # a run is no repeated trigram
    engine.settings = GenerationSettings(name_copy=0, repeated_words=False)
    (controlled,) = engine.describe(["e.txt"])
    assert controlled and not repeats_an_ngram(controlled) and "notes notes notes" not in controlled
    keys = {GenerationSettings().key(), GenerationSettings(no_repeat_ngram_size=0).key(),
            GenerationSettings(max_run=0).key(), GenerationSettings(repeated_words=False).key()}
    assert len(keys) == 4  # cached descriptions of other settings are never reused


def test_an_ngram_is_said_once_unless_the_name_says_it_twice(repeating_model_dir: Path, lexical_encoder) -> None:
    engine = DescriptionEngine(str(repeating_model_dir), device="cpu", lexical=lexical_encoder,
                               settings=GenerationSettings(max_run=0, name_copy=0, repeated_words=False))
    (once, allowed) = engine.describe(["e.txt", "notes notes notes notes.txt"])
    assert "notes notes notes" in once and "notes notes notes notes" not in once
    assert "notes notes notes notes" in allowed  # the name holds the trigram twice
    assert GenerationSettings().key() != GenerationSettings(no_repeat_ngram_size=0).key()


def test_a_content_word_is_said_once_unless_the_name_says_it_twice(repeating_model_dir: Path,
                                                                    lexical_encoder) -> None:
    engine = DescriptionEngine(str(repeating_model_dir), device="cpu", lexical=lexical_encoder,
                               settings=GenerationSettings(no_repeat_ngram_size=0, max_run=0, name_copy=0))
    (once, twice) = engine.describe(["e.txt", "notes notes.txt"])
    assert once.split().count("notes") == 1
    assert twice.split().count("notes") >= 2
    engine.settings = GenerationSettings(no_repeat_ngram_size=0, max_run=0, name_copy=0, repeated_words=False)
    assert engine.describe(["e.txt"])[0].split().count("notes") > 2  # the model itself repeats it
