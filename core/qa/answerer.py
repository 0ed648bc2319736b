"""The Python Q&A answerer: retrieve passages, then generate an answer from question + context, or extract one.

Generation needs a model trained for Q&A: its config.json lists "qa" in `filescribe_tasks` (models fine-tuned
with `train --task qa` do), or it is a known instruction-tuned hub model (google/flan-t5-*). Any other model
(the starter) and a missing model lead to extractive answers: the passage sentences closest to the question.
Before the vector index exists, `quick_answer` extracts one from the passages found by word match instead.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from core.describe.model_loading import TASKS_KEY, model_tasks
from core.errors import FileScribeError, ModelError
from core.qa.extract import extract_answer
from core.qa.index import Cancelled, Hit, QAIndex, ShouldStop, TextEncoder, open_index
from core.qa.passages import DocSource, passage_text

if TYPE_CHECKING:
    from core.describe.model_loading import ResolvedModel
    from core.qa.words import WordIndex

GENERATED, EXTRACTIVE, QUICK = "generated", "extractive", "quick"
QA_TASK = "qa"
QA_HUB_MODEL = re.compile(r"^google/flan-t5-[\w.-]+$")
EXTRACTIVE_NOTICE = "No Q&A model is available; these are the most relevant passages from the Python documentation."
EMPTY_NOTICE = "The Q&A model gave no answer; these are the most relevant passages from the Python documentation."
NOTHING_FOUND = "The local documentation has nothing on this question."
QUICK_NOTICE = ("A quick answer by word match: the index that finds passages by meaning, for the full answer, "
                "is not built yet.")
NO_WORD_MATCH = "No passage of the local documentation shares a word with this question."
WEAK_MATCH = 0.5  # best cosine below which MiniLM found only loosely related text
WEAK_NOTICE = "Nothing in the local documentation matches this question closely."
DEFAULT_K = 5
MAX_INPUT_TOKENS = 512  # Flan-T5's context length
MAX_QUESTION_CHARS = 1000
CONTEXT_SLACK_TOKENS = 8  # tokenizing pieces apart can differ slightly from tokenizing the whole prompt
MIN_CONTEXT_TOKENS = 16

Stop = ShouldStop | threading.Event | None


@dataclass(frozen=True)
class Source:
    """A passage an answer drew on, as shown to the user: `text` is light Markdown (fenced code)."""

    id: str
    title: str
    text: str
    score: float


@dataclass(frozen=True)
class Answer:
    """An answer, how it was made ("generated" or "extractive"), its numbered sources and a notice if any."""

    text: str
    mode: str
    sources: list[Source]
    notice: str | None = None
    model: str | None = None


def qa_prompt(question: str, contexts: Sequence[str]) -> str:
    """The Q&A model input, for training and inference alike."""
    return f"Answer the Python question using the context. Context: {' '.join(contexts)} Question: {question} Answer:"


def clean_question(question: str) -> str:
    """A question as the answerer reads it (and the retriever encodes it): one line, at most MAX_QUESTION_CHARS."""
    return " ".join(question.split())[:MAX_QUESTION_CHARS]


def hit_contexts(tokenizer: Any, question: str, hits: Sequence[Hit], max_tokens: int) -> list[str]:
    """The texts of the retrieved passages that fit in a `max_tokens` model input with the question, best first."""
    return fit_contexts(tokenizer, question, [passage_text(hit.passage) for hit in hits], max_tokens)


def fit_contexts(tokenizer: Any, question: str, contexts: Sequence[str], max_tokens: int) -> list[str]:
    """The leading contexts that fit in `max_tokens` with the question, the last one cut at a token boundary."""
    budget = max_tokens - len(tokenizer(qa_prompt(question, []))["input_ids"]) - CONTEXT_SLACK_TOKENS
    fitted: list[str] = []
    for text in contexts:
        if budget < MIN_CONTEXT_TOKENS:
            break
        ids = tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"]  # long ones are cut below
        if len(ids) > budget:
            text = tokenizer.decode(ids[:budget], skip_special_tokens=True)
        fitted.append(text)
        budget -= len(ids) + 1
    return fitted


def stop_check(stop: Stop) -> ShouldStop:
    """A should-stop callable from a callable, a threading.Event or None."""
    if stop is None:
        return lambda: False
    return stop.is_set if isinstance(stop, threading.Event) else stop


def is_qa_model(spec: str, config: dict[str, Any]) -> bool:
    """True when the model was trained for Q&A (config `filescribe_tasks`) or is a Flan-T5 from the hub."""
    return QA_TASK in model_tasks(config) or bool(QA_HUB_MODEL.match(spec))


class QAModel:
    """A seq2seq model that answers from question + context; one generation at a time."""

    def __init__(self, resolved: ResolvedModel, *, device: str = "auto", precision: str = "auto",
                 allow_pickle: bool = False, max_new_tokens: int = 128) -> None:
        from core.describe.engine import GenerationSettings
        from core.describe.model_loading import load_fused_model
        from core.device import pick_device, pick_dtype

        self.resolved = resolved
        self.device = pick_device(device)
        self.dtype = pick_dtype(self.device, precision)
        model, self.tokenizer = load_fused_model(resolved.path, allow_pickle=allow_pickle)
        self.model = model.to(device=self.device, dtype=self.dtype).eval()
        self.settings = GenerationSettings(max_input_tokens=MAX_INPUT_TOKENS, max_new_tokens=max_new_tokens)

    @property
    def name(self) -> str:
        """Short human name of the model."""
        return self.resolved.name

    def contexts(self, question: str, hits: Sequence[Hit]) -> list[str]:
        """The passage texts that fit in the model input, best first."""
        return hit_contexts(self.tokenizer, question, hits, self.settings.max_input_tokens)

    def generate(self, question: str, contexts: Sequence[str], question_vector: np.ndarray,
                 should_stop: ShouldStop) -> str:
        """The model's answer; `should_stop` is checked after every generated token."""
        import torch
        from transformers import StoppingCriteria, StoppingCriteriaList

        from core.describe.engine import clean_description

        class StopWhenAsked(StoppingCriteria):
            def __call__(self, input_ids: torch.Tensor, scores: torch.Tensor, **kwargs: Any) -> torch.Tensor:
                return torch.full((input_ids.shape[0],), should_stop(), dtype=torch.bool, device=input_ids.device)

        batch = self.tokenizer([qa_prompt(question, contexts)], truncation=True,
                               max_length=self.settings.max_input_tokens, return_tensors="pt").to(self.device)
        lexical = torch.from_numpy(question_vector[None, :]).to(self.device) if self.model.uses_fusion else None
        with torch.inference_mode():
            output = self.model.generate(
                input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], lexical_embeds=lexical,
                max_new_tokens=self.settings.max_new_tokens, num_beams=self.settings.num_beams, do_sample=False,
                no_repeat_ngram_size=3, stopping_criteria=StoppingCriteriaList([StopWhenAsked()]),
            )
        if should_stop():
            raise Cancelled("The question was cancelled.")
        return clean_description(self.tokenizer.decode(output[0], skip_special_tokens=True))


@dataclass
class QAOptions:
    """How to set up a QAEngine: the model spec and its loading, the imported Q&A files, the index cache."""

    model_spec: str = "auto"
    device: str = "auto"
    precision: str = "auto"
    allow_download: bool = False
    allow_pickle: bool = False
    data_files: Sequence[Path] = ()
    cache_dir: Path | None = None
    rebuild_index: bool = False
    max_answer_tokens: int = 128


def load_qa_model(options: QAOptions) -> tuple[QAModel | None, str | None]:
    """(model, its notice) for a Q&A-capable model; (None, why not) when `auto` finds none or it is not for Q&A."""
    from core.describe.model_loading import AUTO_SPEC, read_config, resolve_model

    try:
        resolved = resolve_model(options.model_spec, allow_download=options.allow_download)
    except ModelError as exc:
        if options.model_spec.strip() != AUTO_SPEC:
            raise
        return None, f"No Q&A model found ({exc})"
    if not is_qa_model(resolved.spec, read_config(resolved.path)):
        return None, f"{resolved.name} is not trained for Q&A (its config.json has no {TASKS_KEY} with {QA_TASK!r})"
    model = QAModel(resolved, device=options.device, precision=options.precision,
                    allow_pickle=options.allow_pickle, max_new_tokens=options.max_answer_tokens)
    return model, resolved.notice


@dataclass
class QAEngine:
    """Answers Python questions from an index (and a Q&A model if any); load once, ask many times, any thread."""

    index: QAIndex
    encoder: TextEncoder
    model: QAModel | None = None
    notices: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def open(cls, options: QAOptions | None = None, *, encoder: TextEncoder | None = None,
             docs: DocSource | None = None, progress: Callable[[int, int], None] | None = None,
             stop: Stop = None) -> QAEngine:
        """Load the model, then open (or build, with `progress`) the index; `stop` cancels the build.

        The question encoder is the model's own (its fusion reads its vector); pass one only if it persists
        nothing (a LexicalEncoder without a `backing` store).
        """
        from core.describe.lexical import LexicalEncoder
        from core.describe.model import DEFAULT_LEXICAL_MODEL

        options = options or QAOptions()
        model, notice = load_qa_model(options)
        lexical_model = model.model.config.lexical_model if model is not None else DEFAULT_LEXICAL_MODEL
        encoder = encoder or LexicalEncoder(lexical_model, cache_size=0, allow_download=options.allow_download)
        opened = open_index(encoder, docs=docs, data_files=options.data_files, cache_dir=options.cache_dir,
                            rebuild=options.rebuild_index, progress=progress, should_stop=stop_check(stop))
        return cls(opened.index, encoder, model, [n for n in [notice, *opened.notices] if n])

    @property
    def mode(self) -> str:
        """How questions are answered: "generated" with a Q&A model, else "extractive"."""
        return GENERATED if self.model is not None else EXTRACTIVE

    def ask(self, question: str, k: int = DEFAULT_K, stop: Stop = None) -> Answer:
        """Answer `question` from its `k` best passages; `stop` (callable or Event) cancels with Cancelled."""
        should_stop = stop_check(stop)
        question = clean_question(question)
        if not question:
            raise FileScribeError("The question is empty.")
        with self._lock:
            vector = self.encoder.encode([question])[0]
            hits = self.index.search(vector, k)
            if should_stop():
                raise Cancelled("The question was cancelled.")
            weak = WEAK_NOTICE if not hits or hits[0].score < WEAK_MATCH else None
            if self.model is not None:
                contexts = self.model.contexts(question, hits)
                text = self.model.generate(question, contexts, vector, should_stop)
                if text:
                    return Answer(text, GENERATED, sources_of(hits[: len(contexts)]), weak, self.model.name)
            notice = EMPTY_NOTICE if self.model is not None else EXTRACTIVE_NOTICE
            text = extract_answer(hits)
            return Answer(text or NOTHING_FOUND, EXTRACTIVE, sources_of(hits), " ".join(filter(None, [notice, weak])))


def quick_answer(words: WordIndex, question: str, k: int = DEFAULT_K) -> Answer:
    """An answer quoted from the `k` passages that share the most words with `question` (mode "quick")."""
    question = clean_question(question)
    if not question:
        raise FileScribeError("The question is empty.")
    hits = words.search(question, k)
    return Answer(extract_answer(hits) or NO_WORD_MATCH, QUICK, sources_of(hits), QUICK_NOTICE)


def sources_of(hits: Sequence[Hit]) -> list[Source]:
    """Sources in rank order (the answer's [n] cites sources[n - 1])."""
    return [Source(h.passage.id, h.passage.title, h.passage.text, h.score) for h in hits]
