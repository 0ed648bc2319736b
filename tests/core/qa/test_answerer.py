"""The Q&A answerer: extractive answers that cite sources, the generative path on a tiny model, cancelling."""
from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from core.errors import FileScribeError, ModelError
from core.qa.answerer import (
    EXTRACTIVE,
    EXTRACTIVE_NOTICE,
    GENERATED,
    WEAK_NOTICE,
    QAEngine,
    QAOptions,
    fit_contexts,
    is_qa_model,
    load_qa_model,
    qa_prompt,
)
from core.qa.index import Cancelled, open_index
from tests.core.qa.test_index import fixture_docs


def copy_as_qa_model(model_dir: Path, folder: Path) -> Path:
    """A copy of a model folder whose config says it was trained for Q&A."""
    shutil.copytree(model_dir, folder)
    config = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**config, "filescribe_tasks": ["qa"]}))
    return folder


@pytest.fixture(scope="module")
def tiny_qa_model_dir(tiny_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny model marked as trained for Q&A (its answers are noise, but the pipeline runs)."""
    return copy_as_qa_model(tiny_model_dir, tmp_path_factory.mktemp("tiny-qa") / "model")


@pytest.fixture()
def encoder(lexical_encoder, monkeypatch: pytest.MonkeyPatch):
    """The session's MiniLM, never writing vectors to a store while these tests use it."""
    monkeypatch.setattr(lexical_encoder, "backing", None)
    return lexical_encoder


@pytest.fixture()
def extractive_engine(encoder, tmp_path: Path) -> QAEngine:
    """An engine without a model over the fixture documentation."""
    return QAEngine(open_index(encoder, docs=fixture_docs(), cache_dir=tmp_path).index, encoder)


@pytest.fixture()
def generative_engine(encoder, tiny_qa_model_dir: Path, tmp_path: Path) -> QAEngine:
    """An engine with the tiny Q&A model, answers cut at 8 tokens to keep the tests fast."""
    options = QAOptions(str(tiny_qa_model_dir), device="cpu", cache_dir=tmp_path, max_answer_tokens=8)
    return QAEngine.open(options, encoder=encoder, docs=fixture_docs())


def test_which_models_answer_questions() -> None:
    assert is_qa_model("google/flan-t5-small", {}) and is_qa_model("google/flan-t5-base", {"model_type": "t5"})
    assert is_qa_model("/models/mine", {"filescribe_tasks": ["describe", "qa"]})
    assert not is_qa_model("starter", {"filescribe_tasks": ["describe"]}) and not is_qa_model("t5-small", {})


def test_auto_without_a_qa_model_answers_extractively(tiny_model_dir: Path, monkeypatch) -> None:
    import core.describe.model_loading
    from core.describe.model_loading import ResolvedModel

    def missing(spec: str, **_: object) -> ResolvedModel:
        raise ModelError("The bundled starter model is missing")

    monkeypatch.setattr(core.describe.model_loading, "resolve_model", missing)
    model, notice = load_qa_model(QAOptions())
    assert model is None and "No Q&A model found" in notice
    with pytest.raises(ModelError):
        load_qa_model(QAOptions("some/model"))
    monkeypatch.setattr(core.describe.model_loading, "resolve_model",
                        lambda spec, **_: ResolvedModel("starter", tiny_model_dir, "starter"))
    model, notice = load_qa_model(QAOptions())
    assert model is None and "starter is not trained for Q&A" in notice


def test_prompt_and_contexts_fit_the_model_input(tiny_qa_model_dir: Path) -> None:
    from core.describe.model_loading import load_tokenizer

    tokenizer = load_tokenizer(tiny_qa_model_dir)
    assert qa_prompt("Why?", ["A.", "B."]) == "Answer the Python question using the context. Context: A. B. " \
                                              "Question: Why? Answer:"
    contexts = ["list " * 200, "tuple " * 200, "never reached"]
    fitted = fit_contexts(tokenizer, "How do I sort?", contexts, max_tokens=128)
    assert len(fitted) == 1 and fitted[0].startswith("list list")  # the first context is cut to fit
    assert len(tokenizer(qa_prompt("How do I sort?", fitted))["input_ids"]) <= 128
    assert fit_contexts(tokenizer, "Short?", ["a b c", "d e"], max_tokens=128) == ["a b c", "d e"]


def test_extractive_answers_quote_the_best_sentences_and_cite_them(extractive_engine: QAEngine) -> None:
    answer = extractive_engine.ask("How do I remove an item from a list?", k=3)
    assert answer.mode == EXTRACTIVE and answer.notice == EXTRACTIVE_NOTICE and answer.model is None
    assert answer.text.startswith("Mutable Sequence Types: The operations in the following table are defined on "
                                  'mutable sequence types such as lists. "s.remove(x)" — remove the first item from s '
                                  'where "s[i]" is equal to x [1]')
    assert [s.title for s in answer.sources][0] == "pydoc:topic:typesseq-mutable" and len(answer.sources) == 3
    assert answer.sources[0].id == "pydoc:topic:typesseq-mutable#1" and "s.remove(x)" in answer.sources[0].text
    assert answer.sources[0].score >= answer.sources[1].score


def test_a_question_the_documentation_does_not_cover_says_so(extractive_engine: QAEngine) -> None:
    answer = extractive_engine.ask("What is the capital of France?")
    assert answer.notice == f"{EXTRACTIVE_NOTICE} {WEAK_NOTICE}" and answer.sources


def test_extractive_answers_show_the_code_of_their_passage(extractive_engine: QAEngine) -> None:
    answer = extractive_engine.ask("How do I convert a dictionary to a JSON string?")
    assert answer.sources[0].title == "stdlib:json.dumps"
    assert "[1]\n\n```\n>>> json.dumps(" in answer.text


def test_the_generative_path_runs_end_to_end_and_cites_its_context(generative_engine: QAEngine) -> None:
    assert generative_engine.mode == GENERATED
    answer = generative_engine.ask("How do I remove an item from a list?", k=2)
    assert answer.mode == GENERATED and answer.text and answer.notice is None
    assert answer.model == "model" and 1 <= len(answer.sources) <= 2
    assert answer.sources[0].title == "pydoc:topic:typesseq-mutable"


def test_a_question_can_be_cancelled(generative_engine: QAEngine) -> None:
    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        generative_engine.ask("How do I sort a list?", stop=stop)
    calls: list[int] = []

    def during_generation() -> bool:  # False for the check after retrieval, True once generating
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(Cancelled):
        generative_engine.ask("How do I sort a list?", stop=during_generation)
    assert len(calls) >= 2


def test_one_engine_serves_several_threads(extractive_engine: QAEngine) -> None:
    answers: list[str] = []
    threads = [threading.Thread(target=lambda q=q: answers.append(extractive_engine.ask(q).sources[0].title))
               for q in ("How do I pause for two seconds?", "How do I shuffle a list?")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == ["stdlib:random.shuffle", "stdlib:time.sleep"]


def test_an_empty_question_is_an_error(extractive_engine: QAEngine) -> None:
    with pytest.raises(FileScribeError, match="empty"):
        extractive_engine.ask("   ")
