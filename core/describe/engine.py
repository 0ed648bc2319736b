"""DescriptionEngine: the fused T5, its tokenizer and the lexical encoder, describing filenames in batches."""
from __future__ import annotations

import hashlib
import re
import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import torch
from transformers import LogitsProcessor, LogitsProcessorList

from core.describe.articles import agree_articles, no_article_before_dates
from core.describe.copy_decoding import (
    COMMON_WORDS,
    SHARE_FAMILIAR,
    SHARE_NEW,
    WORD,
    CopySource,
    NameWord,
    NeighbourCopy,
    Wording,
    blocked_positions,
    memory_share,
    name_copy_weight,
    neighbour_weight,
    own_words,
    shared_words,
    token_classes,
    token_words,
    word_forms,
    wording,
)
from core.describe.facts import name_facts, read_out, unstated_claims, unstated_quarters
from core.describe.lexical import LexicalEncoder, VectorBacking
from core.describe.memory import ExampleMemory, Neighbour
from core.describe.model_loading import AUTO_SPEC, ResolvedModel, load_fused_model, model_fingerprint, resolve_model
from core.describe.prompts import build_prompt, clean_filename
from core.describe.repetition import (
    RepeatedNgrams,
    RepeatedWords,
    RunLimit,
    content_word_starts,
    repeated_ngrams,
    repeated_starts,
)
from core.describe.surface import input_spellings, lowercases, written_form
from core.device import pick_device, pick_dtype

Progress = Callable[[int], None]


NUMBER = re.compile(r"[0-9]+")
NAME_COPY = 2.0  # the centre of the plateau 1.5-3 on the everyday dev set (capped for names the memory knows)


TEXT_FORM = "text2"  # how generated text is finished (one line, articles agreeing): part of every cache key


@dataclass(frozen=True)
class GenerationSettings:
    """How descriptions are generated; part of what a cached description depends on."""

    max_input_tokens: int = 128
    max_new_tokens: int = 32
    num_beams: int = 1
    copy_from_memory: bool = True  # mix the neighbours' continuations into decoding (core.describe.copy_decoding)
    memory_share: float | None = None  # fixed share of the copy mixture; None: from the model's familiarity
    no_repeat_ngram_size: int = 3  # repetition control: no n-gram of this size twice in a description (0: off) ...
    max_run: int = 2  # ... and no token more than this many times in a row ("line line line", "+ + +"; 0: off)
    repeated_words: bool = True  # ... and no content word twice; both unless the name or a neighbour says it twice
    name_copy: float = NAME_COPY  # the name's own words as a copy source, against the neighbours' total (0: off)

    def key(self) -> str:
        """Compact identity of these settings for cache keys."""
        if not self.copy_from_memory:
            copy = ""
        else:
            copy = "-copy16" if self.memory_share is None else f"-copy16@{self.memory_share:g}"  # 16: corrections end
        repeat = f"-norep{self.no_repeat_ngram_size}a" if self.no_repeat_ngram_size else ""  # a: with allowances
        repeat += f"-run{self.max_run}" if self.max_run else ""
        repeat += "-words" if self.repeated_words else ""
        name = f"-name{self.name_copy:g}" if self.name_copy else ""
        return (f"in{self.max_input_tokens}-new{self.max_new_tokens}-beams{self.num_beams}{copy}{repeat}{name}"
                f"-{TEXT_FORM}")


@dataclass(frozen=True)
class ModelInput:
    """One filename's model input: the similar examples it carries, the prompt text and its cache key."""

    filename: str
    neighbours: tuple[Neighbour, ...]
    prompt: str
    key: str  # changes when the memory gives the file other neighbours

    @classmethod
    def of(cls, filename: str, neighbours: tuple[Neighbour, ...]) -> ModelInput:
        """The input of `filename` with these neighbours: its prompt built, and hashed for the key."""
        prompt = build_prompt(filename, [(n.filename, n.description) for n in neighbours])
        key = hashlib.sha256(prompt.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        return cls(filename, neighbours, prompt, key)


@dataclass(frozen=True)
class AllowedRepeats:
    """What one input's description may say twice: content-word start tokens and n-grams of token ids."""

    words: frozenset[int]
    ngrams: frozenset[tuple[int, ...]]


def clean_description(text: str) -> str:
    """Generated text as one tidy line."""
    return " ".join(text.split())


def is_out_of_memory(exc: BaseException) -> bool:
    """True for accelerator out-of-memory errors, which a smaller batch can avoid."""
    return isinstance(exc, torch.OutOfMemoryError) or "out of memory" in str(exc).lower()


class DescriptionEngine:
    """Loads a model once and describes filenames; one caller thread at a time (guarded by a lock).

    The lexical encoder it loads keeps its filename vectors in `vectors` (the Store), so that a folder seen
    before needs no encoding; an encoder given as `lexical` comes with its own.
    """

    def __init__(
        self,
        model_spec: str = AUTO_SPEC,
        *,
        device: str = "auto",
        precision: str = "auto",
        allow_download: bool = False,
        allow_pickle: bool = False,
        lexical: LexicalEncoder | None = None,
        vectors: VectorBacking | None = None,
        memory: ExampleMemory | None = None,
        batch_size: int = 32,
        settings: GenerationSettings | None = None,
    ) -> None:
        self.resolved: ResolvedModel = resolve_model(model_spec, allow_download=allow_download)
        self.device = pick_device(device)
        self.dtype = pick_dtype(self.device, precision)
        model, self.tokenizer = load_fused_model(self.resolved.path, allow_pickle=allow_pickle)
        self.model = model.to(device=self.device, dtype=self.dtype).eval()
        self.settings = settings or GenerationSettings()
        self.batch_size = batch_size
        self.model_fingerprint = model_fingerprint(self.resolved.path)
        self.lexical = lexical or LexicalEncoder(
            self.model.config.lexical_model, device=self.device.type, allow_download=allow_download, backing=vectors
        )
        self.memory = memory
        surface = getattr(self.model.config, "surface_forms", None)
        self.surface = surface if surface and lowercases(self.tokenizer) else None  # see core.describe.surface
        self._familiarity: dict[tuple[str, str], float] = {}  # example -> the model's mean token log-prob of it
        vocabulary = self.tokenizer.get_vocab()
        self._tokens = token_classes(vocabulary)  # what the name copy's rules tell apart
        self._word_starts = content_word_starts(vocabulary)  # what RepeatedWords bans once written
        common = [form for word in COMMON_WORDS for form in (word, word.capitalize())]
        self._common = [tuple(ids) for ids in self.tokenizer(common, add_special_tokens=False)["input_ids"]]
        self._lock = threading.Lock()

    @property
    def fingerprint(self) -> str:
        """Identity of everything a generated description depends on besides its input."""
        return f"{self.model_fingerprint}-{self.dtype}-{self.settings.key()}".replace("torch.", "")

    @property
    def uses_memory(self) -> bool:
        """True when inputs carry similar examples from a non-empty memory."""
        return self.memory is not None and len(self.memory) > 0

    def lexical_vectors(self, filenames: Sequence[str]) -> np.ndarray:
        """Unit-norm MiniLM vectors of the (cleaned) filenames."""
        return self.lexical.encode([clean_filename(name) for name in filenames])

    def neighbours(self, filenames: Sequence[str]) -> list[list[Neighbour]]:
        """The memory's similar examples for each filename (none, and nothing encoded, without a memory)."""
        if self.memory is None or not len(self.memory):
            return [[] for _ in filenames]
        return self.memory.neighbours(self.lexical_vectors(filenames), filenames)

    def model_inputs(self, filenames: Sequence[str]) -> list[ModelInput]:
        """Each filename's model input (prompt with the memory's similar examples, cache key), built once here."""
        found = self.neighbours(filenames)
        return [ModelInput.of(name, tuple(row)) for name, row in zip(filenames, found, strict=True)]

    def describe(self, filenames: Sequence[str], progress: Progress | None = None) -> list[str]:
        """One description per filename (duplicates computed once), batched by similar length."""
        unique = list(dict.fromkeys(filenames))
        by_name = dict(zip(unique, self.describe_inputs(self.model_inputs(unique), progress), strict=True))
        return [by_name[name] for name in filenames]

    def describe_inputs(self, inputs: Sequence[ModelInput], progress: Progress | None = None) -> list[str]:
        """One description per model input, as `model_inputs` built them (nothing of them is built again)."""
        with self._lock:
            return self._describe_unique(inputs, progress)

    def _describe_unique(self, inputs: Sequence[ModelInput], progress: Progress | None) -> list[str]:
        """Describe distinct inputs, longest first so each batch pads little."""
        if not inputs:
            return []
        names = [i.filename for i in inputs]
        neighbours = [i.neighbours for i in inputs]
        prompts = [i.prompt for i in inputs]
        copying = bool(self.settings.name_copy) or (self.settings.copy_from_memory and any(neighbours))
        if copying and self.settings.memory_share is None:
            self._learn_familiarity([n for row in neighbours for n in row])
        encoded = self.tokenizer(prompts, truncation=True, max_length=self.settings.max_input_tokens)["input_ids"]
        order = sorted(range(len(names)), key=lambda i: -len(encoded[i]))
        lexical = torch.from_numpy(self.lexical_vectors(names)) if self.model.uses_fusion else None
        spellings = [self._spellings(name, row) for name, row in zip(names, neighbours, strict=True)] \
            if self.surface else None
        repeats = [self._allowed_repeats(name, row) for name, row in zip(names, neighbours, strict=True)]
        results: list[str] = [""] * len(names)
        start, batch_size = 0, self.batch_size
        while start < len(order):
            batch = order[start : start + batch_size]
            try:
                copy = self._copy_processor([names[i] for i in batch], [neighbours[i] for i in batch]) \
                    if copying else None
                texts = self._generate([encoded[i] for i in batch], None if lexical is None else lexical[batch],
                                       [repeats[i] for i in batch], copy,
                                       None if spellings is None else [spellings[i] for i in batch])
            except RuntimeError as exc:
                if not is_out_of_memory(exc) or batch_size == 1:
                    raise
                batch_size = self.batch_size = max(1, batch_size // 2)  # later batches start where it fitted
                continue
            for index, text in zip(batch, texts, strict=True):
                results[index] = text
            start += len(batch)
            if progress is not None:
                progress(len(batch))
        return results

    @staticmethod
    def _spellings(name: str, neighbours: Sequence[Neighbour]) -> dict[str, str]:
        """The spellings a lower-casing model's description takes from its input: facts, neighbours, telling words."""
        facts = name_facts(clean_filename(name))
        return input_spellings(facts.name, [facts.type or "", facts.origin or "", facts.date or ""],
                               [n.description for n in neighbours])

    def _allowed_repeats(self, name: str, neighbours: Sequence[Neighbour]) -> AllowedRepeats:
        """The content words and n-grams one description may say twice: those the name says twice ("Duran Duran")
        or a neighbour's description does, which it may copy ("browser bookmarks ..., which other browsers can
        import")."""
        if not (self.settings.repeated_words or self.settings.no_repeat_ngram_size):
            return AllowedRepeats(frozenset(), frozenset())
        texts = [name_facts(clean_filename(name)).words, *(n.description for n in neighbours)]
        encoded = self.tokenizer(texts, add_special_tokens=False)["input_ids"]
        size = self.settings.no_repeat_ngram_size
        return AllowedRepeats(frozenset().union(*(repeated_starts(ids, self._word_starts) for ids in encoded)),
                              frozenset().union(*(repeated_ngrams(ids, size) for ids in encoded)) if size else
                              frozenset())

    def _copy_processor(self, names: Sequence[str], neighbours: Sequence[Sequence[Neighbour]]) -> NeighbourCopy:
        """The copy mixture for one batch: each row's neighbours as copy sources and the memory's share."""
        sources, shares, wordings = [], [], []
        for name, row in zip(names, neighbours, strict=True):
            row = row if self.settings.copy_from_memory else []
            weights = [neighbour_weight(n.similarity, n.same_type) for n in row]
            sources.append(self._copy_sources(name, row, weights) if row else [])
            shares.append(self._memory_share(name, row, weights) if row else 0.0)
            weight = name_copy_weight(self.settings.name_copy, row, shares[-1])
            dated = not any(n.own for n in row)  # a correction's form is followed: no date forced into it
            source = self._name_source(name, weight * (sum(weights) if row else 1.0), dated) if weight else None
            if source is not None and source.words:  # a name with words: the same part of the mixture either way
                sources[-1] += [source, *self._type_sources(name, source.weight)]
                shares[-1] = shares[-1] or SHARE_FAMILIAR * weight / (1 + weight)
            wordings.append(self._wording(name, sources[-1]) if row else None)
        return NeighbourCopy(sources, shares, self.tokenizer.eos_token_id, self.model.config.decoder_start_token_id,
                             self._tokens, wordings)

    def _wording(self, name: str, sources: Sequence[CopySource]) -> Wording:
        """The words one description may write where the memory gives neighbours: its copy sources' (the name's
        words in all their forms, the neighbours' words but their own, the type), the origin's and COMMON_WORDS;
        the model invents no subject ("an insurance policy ... car repair")."""
        pieces = self._tokens.pieces
        words = [*self._common]
        for source in sources:
            words += token_words(source.token_ids, pieces, source.blocked)
            words += [form for word in source.words for form in word.forms]
        origin = name_facts(clean_filename(name)).origin
        if origin:
            words += token_words(self.tokenizer(origin, add_special_tokens=False)["input_ids"], pieces)
        return wording(words)

    def _type_sources(self, name: str, weight: float) -> list[CopySource]:
        """The name's type as descriptions name it after their subject (", a plain text document"), so that a
        description naming a type names the file's own: sources that continue only the text ", a" or ", an"."""
        kind = name_facts(clean_filename(name)).type
        if not kind:
            return []
        encoded = self.tokenizer([f", a {kind}", f", an {kind}"], add_special_tokens=False)["input_ids"]
        return [CopySource(tuple(ids), weight, anchored=True) for ids in encoded]

    def _copy_sources(self, name: str, row: Sequence[Neighbour], weights: Sequence[float]) -> list[CopySource]:
        """The neighbours' descriptions as token ids, each with the tokens of its own words (not `name`'s) blocked and
        the words of `name` it states and does not (`shared_words`)."""
        texts = [n.description for n in row]
        encoded = self.tokenizer(texts, add_special_tokens=False, return_offsets_mapping=True)
        shared = [(stated, frozenset() if n.own else unsaid) for n in row  # a correction is followed as written
                  for stated, unsaid in [shared_words(n.filename, name)]]
        return [CopySource(tuple(ids), weight, blocked_positions(text, offsets, own_words(n.filename, name)),
                           stated=stated, unsaid=unsaid)
                for n, text, ids, offsets, weight, (stated, unsaid) in zip(
                    row, texts, encoded["input_ids"], encoded["offset_mapping"], weights, shared, strict=True)]

    def _name_source(self, name: str, weight: float, dated: bool = True) -> CopySource:
        """The name's own words (quarters read out), version and date as a copy source whose words are offered
        anywhere, with the number tokens the name states, the quarters it does not and the words of a state,
        version or quarter that it does not claim (`unstated_claims`).

        The date is written as descriptions write it ("16 September 2023 at 14:27") and offered from its
        first word only, so that it is copied whole; a date without a time is kept as `untimed_date`; `dated`: the
        description may not end before the date (`NameWord.stated_date`).
        """
        facts = name_facts(clean_filename(name))
        words = " ".join(part for part in (read_out(facts.words), facts.version) if part)
        date = facts.date.replace(", ", " at ") if facts.date else ""
        text = " ".join(part for part in (words, date) if part)
        encoded = self.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
        date_word = WORD.search(text, text.index(date)) if date else None
        matches = [*WORD.finditer(words), *([date_word] if date_word else [])]
        offsets = encoded["offset_mapping"]
        seen: Counter[str] = Counter()
        name_words = []
        for match in matches:  # each word from its first token (SentencePiece's may begin at the space before it)
            first = next((i for i, (start, end) in enumerate(offsets) if start <= match.start() < end), None)
            if first is not None:
                seen[match.group().lower()] += 1
                name_words.append(NameWord(first, self._word_forms(match.group()), seen[match.group().lower()],
                                           match.group().isalpha(), date=match is date_word and bool(facts.origin),
                                           stated_date=dated and match is date_word, text=match.group().lower()))
        stated = {number for run in NUMBER.findall(f"{clean_filename(name)} {text}") for number in (run, str(int(run)))}
        numbers = {i for ids in self.tokenizer(sorted(stated), add_special_tokens=False)["input_ids"] for i in ids
                   } if stated else set()
        ids = tuple(encoded["input_ids"])
        untimed_date = tuple(i for i, (_, end) in zip(ids, offsets, strict=True) if end > text.index(date)) \
            if date and " at " not in date else ()  # "1 May 2024", the end of the text: no time may follow it
        ordinals = [form for ordinal in unstated_quarters(facts.words) for form in (ordinal, ordinal.capitalize())]
        claims = [form for claim in unstated_claims(facts) for form in (claim, claim.capitalize())]
        return CopySource(ids, weight, words=tuple(name_words), numbers=frozenset(numbers & self._tokens.numbers),
                          untimed_date=untimed_date, unstated=self._whole_words(ordinals),
                          claims=self._whole_words(claims),
                          numbered=any(c.isdigit() for c in facts.version or ""))

    def _whole_words(self, words: Sequence[str]) -> frozenset[int]:
        """The tokens of those `words` that are one token each (never a bare "▁" or a piece of a longer word)."""
        encoded = self.tokenizer(list(words), add_special_tokens=False)["input_ids"] if words else []
        return frozenset(pieces[0] for pieces in encoded if len(pieces) == 1)

    def _word_forms(self, word: str) -> frozenset[tuple[int, ...]]:
        """The token ids of `word`'s forms (see `word_forms`), lower-case and capitalised."""
        forms = sorted({variant for form in word_forms(word) for variant in (form, form.capitalize())})
        return frozenset(tuple(ids) for ids in self.tokenizer(forms, add_special_tokens=False)["input_ids"] if ids)

    def _memory_share(self, name: str, row: Sequence[Neighbour], weights: Sequence[float]) -> float:
        """The memory's share for one input: the fixed setting; SHARE_NEW where the memory holds the name itself, whose
        description is the answer ("image_utils.py"); else from how well the model knows the neighbours."""
        if self.settings.memory_share is not None:
            return self.settings.memory_share
        if any(n.filename.casefold() == name.casefold() for n in row):
            return SHARE_NEW
        known = [self._familiarity[(n.filename, n.description)] for n in row]
        return memory_share(float(np.average(known, weights=weights)), any(n.same_type for n in row))

    @torch.inference_mode()
    def _learn_familiarity(self, examples: Sequence[Neighbour]) -> None:
        """Score, once per example, the model's mean token log-probability of its description without a memory."""
        todo = list({(n.filename, n.description) for n in examples} - self._familiarity.keys())
        for start in range(0, len(todo), self.batch_size):
            chunk = todo[start : start + self.batch_size]
            names = [name for name, _ in chunk]
            inputs = self.tokenizer([build_prompt(name) for name in names], truncation=True, padding=True,
                                    max_length=self.settings.max_input_tokens, return_tensors="pt").to(self.device)
            labels = self.tokenizer(text_target=[text for _, text in chunk], truncation=True, padding=True,
                                    max_length=self.settings.max_new_tokens, return_tensors="pt")["input_ids"]
            labels = labels.masked_fill(labels == self.tokenizer.pad_token_id, -100).to(self.device)
            lexical = torch.from_numpy(self.lexical_vectors(names)).to(self.device) if self.model.uses_fusion else None
            logits = self.model(**inputs, lexical_embeds=lexical, labels=labels).logits.float()
            mask = labels != -100
            picked = logits.log_softmax(-1).gather(-1, labels.clamp_min(0).unsqueeze(-1)).squeeze(-1) * mask
            for key, value in zip(chunk, (picked.sum(-1) / mask.sum(-1).clamp_min(1)).tolist(), strict=True):
                self._familiarity[key] = value

    def _repetition_control(self, repeats: Sequence[AllowedRepeats]) -> list[LogitsProcessor]:
        """The repetition processors the settings ask for, each row with its input's allowances."""
        processors: list[LogitsProcessor] = []
        if self.settings.no_repeat_ngram_size:
            processors.append(RepeatedNgrams(self.settings.no_repeat_ngram_size, [r.ngrams for r in repeats]))
        if self.settings.max_run:
            processors.append(RunLimit(self.settings.max_run))
        if self.settings.repeated_words:
            processors.append(RepeatedWords(self._word_starts, [r.words for r in repeats]))
        return processors

    @torch.inference_mode()
    def _generate(self, input_ids: list[list[int]], lexical: torch.Tensor | None, repeats: Sequence[AllowedRepeats],
                  copy: NeighbourCopy | None = None, spellings: Sequence[Mapping[str, str]] | None = None) -> list[str]:
        """Pad one batch dynamically, generate with the fusion (each row saying an n-gram or content word once, but
        for its `repeats`), decode to clean lines (in their written form when the model lower-cases: `spellings`
        per row) whose articles agree with their words."""
        batch = self.tokenizer.pad({"input_ids": input_ids}, return_tensors="pt").to(self.device)
        if lexical is not None:
            lexical = lexical.to(self.device)
        output = self.model.generate(
            input_ids=batch["input_ids"],
            attention_mask=batch["attention_mask"],
            lexical_embeds=lexical,
            max_new_tokens=self.settings.max_new_tokens,
            num_beams=self.settings.num_beams,
            do_sample=False,
            logits_processor=LogitsProcessorList([*self._repetition_control(repeats),
                                                  *([copy] if copy is not None else [])]),
        )
        if spellings is None or self.surface is None:
            texts = self.tokenizer.batch_decode(output, skip_special_tokens=True)
        else:
            special = set(self.tokenizer.all_special_ids)
            rows = [self.tokenizer.convert_ids_to_tokens([i for i in row if i not in special])
                    for row in output.tolist()]
            texts = [written_form(tokens, spelling, self.surface)
                     for tokens, spelling in zip(rows, spellings, strict=True)]
        return [agree_articles(no_article_before_dates(clean_description(text))) for text in texts]
