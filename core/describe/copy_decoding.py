"""Decoding with the memory: the model's next-token distribution mixed with what its neighbours' descriptions say next.

A kNN-LM style mixture at each step: p = share * p_copy + (1 - share) * p_model, where p_copy spreads over the
tokens that follow, in each neighbour's description, the longest stretch matching the end of the text generated so
far (weighted by the neighbour's similarity). Descriptions and the generated text both begin with the decoder's
start token, so a match anchored at the start outranks a common word found elsewhere. The share given to the memory
is larger when the model cannot reproduce the neighbours itself (new knowledge, such as a user's corrections) than
when it already knows them (its own training examples), and halved when no neighbour is of the query's file type:
another type's description is weak evidence ("an OpenOffice Math formula" for budget_2025.xlsx). Copying never puts
a neighbour's own words in place of the query's: the words that the neighbour's name says and the query's does not
(its subject, its date, its number) are never copied, so the model writes the query's own words there; nor is a
neighbour's end copied while the query's name says more than the neighbour's ("Huurcontract_Utrecht.pdf" is more
than HUURCONTRACT.pdf's "a tenancy agreement"; a user's correction may end it as written), and a neighbour's whole
description says the words its name shares with the query's, however it writes them ("tenancy agreement" for
"Huurcontract"), so that they are not copied again from the name. The query's name is a source too
(GenerationSettings.name_copy): where nothing else continues, its words not yet written are offered in the name's
order, so that descriptions say what the name says ("Rechnung_Telekom_03-2024.pdf" -> "... from Telekom ..."); a
word once begun continues piece by piece and is finished from the name, not with the model's own pieces ("e2scrub",
never "e2scrubject"). A word counts as written in its singular or plural too ("photos" writes "photo"), and a
written word is not copied again ("an invoice from car service", not "... car service invoices"): the copy moves on
past it. Its version comes with the words; its date, as descriptions write it ("16 September 2023 at 14:27"), is
offered from its first word only, so that it is copied whole, and a date without a time gets none ("1 May 2024",
never "... at 05"), even where a neighbour's description goes on with its own; no description ends before it. The
name ends a description only once all its words are written and something beyond them is said: the name alone is no
description. Where the memory holds (all but) the query's own name, the name's weight is capped: the memory's
description of a well-known file ("Makefile", ".profile") explains it, where the name alone would be echoed; so it
is where the neighbours are new to the model (the user's corrections), which must carry over to their look-alikes.
The name's type is a source too, anchored: it continues only a text ending in ", a" or ", an", the slot where
descriptions name the type after their subject, so that the type named there is the file's own ("a recipe, a plain
text document", not "... a Word document"); it never begins a description or adds the type elsewhere.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import torch
from transformers import LogitsProcessor

from core.describe.facts import name_facts, read_out
from core.describe.memory import Neighbour
from core.describe.prompts import clean_filename

COPY_TEMPERATURE = 0.1  # neighbour weight exp(similarity / T): 0.1 apart in similarity = e times the weight
SAME_TYPE_WEIGHT = 1.0  # added to the similarity of neighbours of the query's file type: they all but decide
OTHER_TYPE_FACTOR = 0.5  # the memory's share when no neighbour is of the query's type (starter valid: -0.4 R1)
SHARE_FAMILIAR = 0.5  # memory share when the model knows the neighbours (chosen on the starter valid split)
SHARE_NEW = 0.9  # memory share when the neighbours are new to the model
FAMILIAR_LOGPROB = -1.0  # mean token log-probability at or above which the model knows an example
NEW_LOGPROB = -3.0  # ... and at or below which the example is new to it
MIN_PROBABILITY = 1e-12  # floor before the log, so that no token becomes -inf by rounding
WORD = re.compile(r"\w+")
NAME_PART = re.compile(r"[^\W_]+")  # a word as names join them: "DSC_8125" is "DSC" and "8125"
DIGITS = re.compile(r"\d+")
PARTICLES = ("up", "down", "out", "off", "in", "over")  # end a compound of verb and particle ("backup", "login")
MIN_PHRASAL_VERB = 3  # the shortest verb read before a particle ("log" of "login"; not "be" of "begin")
MIN_DOER = 6  # the shortest doer's name read as a verb ("loader", "sender"; not "order" or "paper")
MIN_NUMBER_PART = 3  # the shortest part of a code's digits counted as its number ("number 3902" of P1823902)
START_DECAY = 0.5  # the name's unwritten words in their order, each offered half as much as the one before
MIN_UNSAID = 3  # the shortest word of the query that keeps a neighbour's description from ending it (not "D")
KNOWN_NAME_COSINE = 0.95  # a neighbour this close has (all but) the query's name: the memory knows the file
COMMON_WORDS = (  # what any description may write: joining words, marks, ordinals; every other word the input gives
    "a", "an", "the", "of", "for", "from", "with", "on", "in", "at", "by", "to", "and", "or", "as", "its", "it", "is",
    "are", "be", "that", "this", "which", "one", "each", "all", "their", "s", "first", "second", "third", "fourth",
    "fifth", "half", "quarter", "number", ",", ".", ":", ";", "-", "(", ")", "'", "/", "&",
)
KNOWN_NAME_COPY = 0.5  # the name's weight then at most: well-known names explained, not echoed (everyday dev set)


@dataclass(frozen=True)
class NameWord:
    """A word of the name in its copy source: where it starts and the token spellings that count as writing it."""

    position: int
    forms: frozenset[tuple[int, ...]]  # the word and its other forms (see `word_forms`), each as token ids
    rank: int = 1  # written once the description holds this many of its forms ("Duran Duran": the second needs 2)
    letters: bool = True  # a word of letters (False: a number or code)
    date: bool = False  # the first word of a naming convention's date ("4" of IMG_20230704_201533: 4 July 2023 ...)
    stated_date: bool = False  # the first word of the name's date, any name's: written before the description ends
    text: str = ""  # the word in lower case


@dataclass(frozen=True)
class CopySource:
    """One neighbour's description as token ids, with its weight and the positions never copied."""

    token_ids: tuple[int, ...]
    weight: float
    blocked: frozenset[int] = field(default_factory=frozenset)  # positions in token_ids of the neighbour's own words
    words: tuple[NameWord, ...] = ()  # the name's words, offered when nothing matches (the name source only)
    numbers: frozenset[int] = frozenset()  # the number tokens the name states (the name source only)
    untimed_date: tuple[int, ...] = ()  # the name's date as token ids where it has no time (the name source only)
    anchored: bool = False  # continues the text only where it ends in this source's beginning (the type source)
    unstated: frozenset[int] = frozenset()  # words never written: quarters the name does not state (the name source)
    stated: frozenset[str] = frozenset()  # the query's words that this neighbour's name states: its whole description
    # says them ("a tenancy agreement" says "Huurcontract")
    unsaid: frozenset[str] = frozenset()  # the query's words that this neighbour's name does not state: the end of
    # its description is not copied while one of them is not written (a neighbour, not a correction; `shared_words`)
    numbered: bool = False  # the name has a version or counter with a number ("v3.1", "(1)", "draft2"; the name source)
    claims: frozenset[int] = frozenset()  # words of a state, version or quarter the name does not state: written only
    # where a neighbour's copy offers them (the name source; see facts.unstated_claims)


@dataclass(frozen=True)
class Wording:
    """The words one description may write (where the memory gives neighbours): the tokens of letters a word may
    begin with, and after a word's first tokens, the pieces that go on with it."""

    starts: frozenset[int]
    following: Mapping[tuple[int, ...], frozenset[int]]


def wording(words: Iterable[Sequence[int]]) -> Wording:
    """The `Wording` of these words, each as its token ids."""
    starts: set[int] = set()
    following: dict[tuple[int, ...], set[int]] = defaultdict(set)
    for word in words:
        if word:
            starts.add(word[0])
            for end in range(1, len(word)):
                following[tuple(word[:end])].add(word[end])
    return Wording(frozenset(starts), {begun: frozenset(pieces) for begun, pieces in following.items()})


def token_words(token_ids: Sequence[int], pieces: frozenset[int], skip: frozenset[int] = frozenset()
                ) -> list[tuple[int, ...]]:
    """The words of a token sequence, each a token and the pieces after it, but those that begin at `skip`."""
    words: list[tuple[int, ...]] = []
    begun: list[int] = []
    for position, token in enumerate([*token_ids, -1]):  # -1: the end, which closes the last word
        if token in pieces and begun:
            begun.append(token)
            continue
        if begun and position - len(begun) not in skip:
            words.append(tuple(begun))
        begun = [token]
    return words


def word_forms(word: str) -> frozenset[str]:
    """`word` in lower case with its plural or singular ("photo"/"photos", "copies"/"copy") and its -ed and -ing
    forms ("export"/"exported"/"exporting"); numbers as they are."""
    word = word.lower()
    if not word.isalpha():
        return frozenset({word})
    forms = {word, f"{word}s", f"{word}ed", f"{word}ing"}
    if word.endswith("s"):
        forms |= {word[:-1], f"{word}es"}
    if word.endswith("es"):
        forms.add(word[:-2])
    if word.endswith(("x", "ch", "sh", "z")):
        forms.add(f"{word}es")
    if word.endswith("ies"):
        forms.add(f"{word[:-3]}y")
    if word.endswith("y"):
        forms.add(f"{word[:-1]}ies")
    if word.endswith("e"):
        forms |= {f"{word}d", f"{word[:-1]}ing"}
    for ending in ("ed", "ing"):
        stem = word.removesuffix(ending)
        if stem != word and len(stem) >= 3:
            forms |= {stem, f"{stem}e", f"{stem}s", f"{stem}ed", f"{stem}ing"}
    return frozenset(form for form in forms | doer_verbs(word) | phrasal_verbs(word) if form)


def doer_verbs(word: str) -> set[str]:
    """The verb of a doer's name and its forms ("downloader" -> "download", "downloads"; "generator" ->
    "generate", "generates"; "planner" -> "plan"), so that "video_downloader.py" is written by "downloads videos"."""
    stem = word[:-2] if word.endswith(("er", "or")) and len(word) >= MIN_DOER else ""
    if not stem:
        return set()
    if stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
        stem = stem[:-1]
    verbs = {stem, f"{stem}e"} if stem[-1] not in "aeiou" else {stem}
    return verbs | {f"{verb}s" for verb in verbs} | {f"{stem}es", f"{stem}ed", f"{stem}ing"}


def phrasal_verbs(word: str) -> set[str]:
    """The verb and particle that a compound noun writes as one word, in their forms ("backup" -> "back up", "backs
    up", "backed up"; "login" -> "log in"), so that "backup-db.sh" is written by "backs up the database"."""
    particle = next((p for p in PARTICLES if word.endswith(p) and len(word) - len(p) >= MIN_PHRASAL_VERB), "")
    if not particle:
        return set()
    verb = word.removesuffix(particle)
    forms = (verb, f"{verb}s", f"{verb}ed", f"{verb}ing", f"{verb}{verb[-1]}ed", f"{verb}{verb[-1]}ing")  # "set up"
    return {f"{form} {particle}" for form in forms}  # ... "sets up", "setting up"; the rest are never written


@dataclass(frozen=True)
class TokenClasses:
    """The tokenizer's tokens that the name copy's rules tell apart."""

    pieces: frozenset[int] = frozenset()  # continue a word: WordPiece's "##" pieces, SentencePiece's tokens without "▁"
    numbers: frozenset[int] = frozenset()  # begin a number as a word of their own ("125", "▁2010"), not "mp3"'s 3
    joiners: frozenset[int] = frozenset()  # join numbers: the point of "3.0.18", the colon of "14:27"
    bare: frozenset[int] = frozenset()  # SentencePiece's lone word boundary "▁"
    time_words: frozenset[int] = frozenset()  # begin a time after a date: "at" ("... 1 May 2024 at 14:27")
    digits: frozenset[int] = frozenset()  # all digits, beginning a word or not ("▁339", "1", "##91")
    announcers: frozenset[int] = frozenset()  # words that announce a number: "number", "version"
    words: frozenset[int] = frozenset()  # begin a word of letters ("invoice", "▁photo"; not "##s", "2024" or ",")
    marks: frozenset[int] = frozenset()  # punctuation and symbols ("{", "_", "▁("), never a piece


def token_classes(vocabulary: dict[str, int]) -> TokenClasses:
    """The classes of a WordPiece or SentencePiece vocabulary (token -> id)."""
    joiners = frozenset(vocabulary[token] for token in (".", ":", "▁.", "▁:") if token in vocabulary)
    digits = frozenset(i for token, i in vocabulary.items()
                       if (bare := token.removeprefix("▁").removeprefix("##")).isascii() and bare.isdigit())
    time_words = frozenset(vocabulary[token] for token in ("at", "▁at") if token in vocabulary)
    marks = frozenset(i for token, i in vocabulary.items() if not token.startswith("##")
                      and (bare := token.removeprefix("▁")) and not any(c.isalnum() for c in bare))
    announcers = frozenset(vocabulary[token] for token in ("number", "version", "▁number", "▁version")
                           if token in vocabulary)
    if any(token.startswith("▁") for token in vocabulary):
        return TokenClasses(
            pieces=frozenset(i for token, i in vocabulary.items() if token[:1].isalnum()),
            numbers=frozenset(i for token, i in vocabulary.items()
                              if token.startswith("▁") and token[1:].isascii() and token[1:].isdigit()),
            joiners=joiners, bare=frozenset({vocabulary["▁"]}) if "▁" in vocabulary else frozenset(),
            time_words=time_words, digits=digits, announcers=announcers, marks=marks,
            words=frozenset(i for token, i in vocabulary.items() if token.startswith("▁") and token[1:].isalpha()))
    return TokenClasses(pieces=frozenset(i for token, i in vocabulary.items() if token.startswith("##")),
                        numbers=frozenset(i for token, i in vocabulary.items() if token.isascii() and token.isdigit()),
                        joiners=joiners, time_words=time_words, digits=digits, announcers=announcers, marks=marks,
                        words=frozenset(i for token, i in vocabulary.items() if token.isalpha()))


def times_written(forms: frozenset[tuple[int, ...]], generated: Sequence[int], pieces: frozenset[int]) -> int:
    """How often `generated` holds one of `forms` as a whole word (not followed by a piece of a longer word)."""
    count = 0
    for start in range(len(generated)):
        for form in forms:
            end = start + len(form)
            if tuple(generated[start:end]) == form and (end == len(generated) or generated[end] not in pieces):
                count += 1
                break
    return count


def holds(generated: Sequence[int], part: Sequence[int]) -> bool:
    """True when `generated` holds `part` (not empty) as a run of tokens."""
    return bool(part) and any(tuple(generated[start:start + len(part)]) == tuple(part)
                              for start in range(len(generated) - len(part) + 1))


def reading(text: str) -> frozenset[str]:
    """The lower-case words of `text`; numbers also without their leading zeros ("0076" and "76")."""
    words = {w.lower() for w in WORD.findall(text)}
    return frozenset(words | {str(int(w)) for w in words if w.isascii() and w.isdigit()})


def name_reading(filename: str) -> frozenset[str]:
    """The words a name states: its words (with quarters read out) and two of them that the name writes as one, as
    descriptions write a CamelCase name ("YouTube": "you", "tube", "youtube"), its date read out and its version
    as descriptions write it ("final version", "version 2"; see `reading`)."""
    facts = name_facts(clean_filename(filename))
    version = f"{facts.version} version" if facts.version else ""
    words = [word.lower() for word in WORD.findall(facts.words)]
    written = {part.lower() for part in NAME_PART.findall(clean_filename(filename))}  # as the name joins them
    joined = " ".join({a + b for a, b in zip(words, words[1:], strict=False)} & written)
    return reading(" ".join((facts.words, read_out(facts.words), joined, facts.date or "", version)))


def number_parts(words: frozenset[str]) -> frozenset[str]:
    """The digits of `words` ("win32" -> "32", "s06e10" -> "6", "10") and every run of at least MIN_NUMBER_PART
    digits within them ("p1823902" -> "182", ..., "3902"), with and without leading zeros: a description may write
    a part of a code as its number ("32-bit" for win32, "number 3902" for P1823902)."""
    runs = [run for word in words for run in DIGITS.findall(word)]
    parts = {run[start:end] for run in runs for start in range(len(run))
             for end in range(start + MIN_NUMBER_PART, len(run) + 1)}
    return frozenset({*runs, *(str(int(run)) for run in runs)}) | parts | {
        str(int(part)) for part in parts if len(str(int(part))) >= MIN_NUMBER_PART}


def own_words(neighbour: str, query: str) -> frozenset[str]:
    """Words of the neighbour's name that the query's name does not state (with their plural/singular forms);
    all of the neighbour's date unless it is the query's, so that a date is never copied in pieces; and the parts
    of its numbers that the query's numbers do not hold ("P1823902.jpg" -> "... number 3902" is its own)."""
    stated = name_reading(query)
    query_words = frozenset().union(*(word_forms(word) for word in stated))
    own = name_reading(neighbour) - query_words
    neighbour_date = name_facts(clean_filename(neighbour)).date
    if neighbour_date and neighbour_date != name_facts(clean_filename(query)).date:
        own |= reading(neighbour_date)
    return own | (number_parts(own) - number_parts(stated))


def shared_words(neighbour: str, query: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words of the query's name and its state (of letters, not COMMON_WORDS; no date) that the neighbour's name
    states in some form, and those of MIN_UNSAID letters or more that it does not: "Huurcontract_Utrecht_getekend.pdf"
    says "utrecht" and its state "signed" beyond "HUURCONTRACT.pdf", whose description ("a tenancy agreement") is
    therefore no whole description of it."""
    forms = frozenset().union(*(word_forms(word) for word in name_reading(neighbour)))
    facts = name_facts(clean_filename(query))
    words = {word.lower() for word in WORD.findall(f"{facts.words} {facts.version or ''}") if word.isalpha()}
    words -= {"version", "copy", "number", *COMMON_WORDS}
    stated = frozenset(word for word in words if word_forms(word) & forms)
    return stated, frozenset(word for word in words - stated if len(word) >= MIN_UNSAID)


def blocked_positions(description: str, offsets: Sequence[tuple[int, int]], words: frozenset[str]) -> frozenset[int]:
    """Positions of the tokens (given by their character offsets) that fall in one of `words` of the description, in
    any of its forms (`word_forms`: "test_invoice.py" -> "Python tests for invoices" blocks "invoices")."""
    forms = frozenset().union(*(word_forms(word) for word in words))
    spans = [m.span() for m in NAME_PART.finditer(description) if m.group().lower() in forms]
    return frozenset(i for i, (start, end) in enumerate(offsets)
                     if end > start and any(start < s_end and end > s_start for s_start, s_end in spans))


def neighbour_weight(similarity: float, same_type: bool) -> float:
    """The copy weight of a neighbour of this similarity (cosine plus word overlap) and type match."""
    return math.exp((similarity + SAME_TYPE_WEIGHT * same_type) / COPY_TEMPERATURE)


def memory_share(familiarity: float, any_same_type: bool = True) -> float:
    """The memory's share given how well the model predicts the neighbours (mean token log-prob) and their types."""
    newness = (FAMILIAR_LOGPROB - familiarity) / (FAMILIAR_LOGPROB - NEW_LOGPROB)
    share = SHARE_FAMILIAR + (SHARE_NEW - SHARE_FAMILIAR) * min(1.0, max(0.0, newness))
    return share if any_same_type else share * OTHER_TYPE_FACTOR


def name_copy_weight(name_copy: float, neighbours: Sequence[Neighbour], share: float = SHARE_FAMILIAR) -> float:
    """The name's weight as a copy source: `name_copy`, at most KNOWN_NAME_COPY where the memory knows the name or
    brings what the model does not know (its `share` nearer SHARE_NEW than SHARE_FAMILIAR: corrections)."""
    known = any(n.score >= KNOWN_NAME_COSINE for n in neighbours)
    new = share >= (SHARE_FAMILIAR + SHARE_NEW) / 2
    return min(name_copy, KNOWN_NAME_COPY) if known or new else name_copy


def continuations(sequence: Sequence[int], generated: Sequence[int]) -> tuple[int, list[int]]:
    """The tokens of `sequence` that follow its longest match of the end of `generated`, and that match's length."""
    best, positions = continuation_positions(sequence, generated)
    return best, [sequence[position] for position in positions]


def continuation_positions(sequence: Sequence[int], generated: Sequence[int]) -> tuple[int, list[int]]:
    """Positions in `sequence` that follow its longest match of the end of `generated`, and that match's length."""
    best, following = 0, []
    for end in range(len(sequence) - 1):
        length = 0
        while length < len(generated) and length <= end and sequence[end - length] == generated[-1 - length]:
            length += 1
        if length > best:
            best, following = length, [end + 1]
        elif length == best and length > 0:
            following.append(end + 1)
    return best, following


def skip_written(position: int, source: CopySource, written: set[int]) -> int | None:
    """`position`, or past the name's written words that start there, to the next or the end (None at a number)."""
    words = {word.position: word for word in source.words}
    while position in written:
        if not words[position].letters:
            return None
        later = [start for start in words if start > position]
        position = later[0] if later else len(source.token_ids) - 1
    return position


class NeighbourCopy(LogitsProcessor):
    """Mixes each row's next-token distribution with its neighbours' continuations; returns log-probabilities."""

    def __init__(self, sources: Sequence[Sequence[CopySource]], shares: Sequence[float], eos_token_id: int,
                 decoder_start_token_id: int, tokens: TokenClasses | None = None,
                 wordings: Sequence[Wording | None] | None = None) -> None:
        self.sources = [[replace(s, token_ids=(decoder_start_token_id, *s.token_ids, eos_token_id),
                                 blocked=frozenset(p + 1 for p in s.blocked),
                                 words=tuple(replace(w, position=w.position + 1) for w in s.words))
                         for s in row]
                        for row in sources]  # positions shifted past the start token; every other field kept
        self.shares = list(shares)
        self.tokens = tokens or TokenClasses()  # see `token_classes`
        self.wordings = list(wordings) if wordings is not None else [None] * len(self.sources)  # see `banned_mask`
        self._input_masks: dict[tuple[int, int], torch.Tensor] = {}  # (input, vocabulary size) -> what it rules out
        self._piece_masks: dict[int, torch.Tensor] = {}  # vocabulary size -> all pieces

    def reworded(self, name: CopySource, word: NameWord, generated: Sequence[int]) -> bool:
        """True when the text has twice begun the name's word and gone on with a piece of its own ("gss" as "gs ##sa"):
        the word is not offered again, or the name would be begun over and over ("gssa gssa gssa")."""
        first, following = name.token_ids[word.position], name.token_ids[word.position + 1]
        pieces = self.tokens.pieces
        return sum(token == first and (token not in pieces or before in self.tokens.bare)  # where a word begins
                   and after in pieces and after != following
                   for before, token, after in zip([-1, *generated], generated, generated[1:], strict=False)) >= 2

    def copy_distribution(self, row: int, generated: Sequence[int]) -> dict[int, float]:
        """Row `row`'s copy distribution after `generated` (token -> probability); empty if no neighbour continues.

        A continuation at a blocked position (the neighbour's own words) gets no mass; one at a word of the name
        written already (or reworded, see `reworded`) moves on past it (none at a number); the end of the name gets
        none while some of its words are not written yet or nothing but its words is. Where a neighbour would go on
        with a number of its own (its date), the name of a naming convention offers its date first:
        "IMG_20230704_201533_HDR.jpg" -> "a photo taken with a phone camera on 4 July 2023 at 20:15", not "... on
        HDR" (a document's words stay first: "an invoice from Acme 1 February 2024").
        """
        mass: dict[int, float] = {}
        number_slot = False  # a neighbour's own number is next: the name's date fills its place (the neighbours come
        # before the name source in every row, as engine._copy_processor builds them)
        written = self.written(row, generated)
        name = self.name_source(row)
        open_words = {w.text for w in name.words if w.position not in written} if name else set()
        for source in self.sources[row]:
            done = written if source.words else set()  # positions of the name source
            unwritten = [w.position for w in source.words if w.position not in done]
            length, positions = continuation_positions(source.token_ids, generated)
            if source.anchored:
                positions = [p for p in positions if p - length == 1]  # the match begins at the first token
            positions = sorted({q for q in (skip_written(p, source, done) for p in positions) if q is not None})
            echo = bool(source.words) and set(generated[1:]) <= set(source.token_ids)
            if unwritten or echo or source.unsaid & open_words:  # the name ends a description once all its words
                # are written and more is said; a neighbour's, once the query's words it does not state are written
                positions = [p for p in positions if p != len(source.token_ids) - 1]
            number_slot |= any(p in source.blocked and source.token_ids[p] in self.tokens.digits for p in positions)
            parts = [1 / len(positions)] * len(positions) if positions else []
            if not positions and unwritten:  # the name's words not written yet, in their order
                dates = {w.position for w in source.words if w.date}
                length, positions = 1, sorted(unwritten, key=lambda p: number_slot and p not in dates)
                parts = [START_DECAY**k for k in range(len(positions))]
                parts = [part / sum(parts) for part in parts]
            for position, part in zip(positions, parts, strict=True):
                if position not in source.blocked:
                    token = source.token_ids[position]
                    mass[token] = mass.get(token, 0.0) + source.weight * length * part
        total = sum(mass.values())
        return {token: value / total for token, value in mass.items()} if total else {}

    def name_source(self, row: int) -> CopySource | None:
        """Row `row`'s name source (the one with words), if it has one."""
        return next((source for source in self.sources[row] if source.words), None)

    def written(self, row: int, generated: Sequence[int]) -> set[int]:
        """Positions of the name's words that the text has written, reworded (see `reworded`) or said by holding whole
        the description of a neighbour whose name states the word ("a tenancy agreement" says "Huurcontract")."""
        name = self.name_source(row)
        if name is None:
            return set()
        said = {word for source in self.sources[row] if source.stated and holds(generated, source.token_ids[1:-1])
                for word in source.stated}
        return {w.position for w in name.words if w.text in said
                or times_written(w.forms, generated, self.tokens.pieces) >= w.rank or self.reworded(name, w, generated)}

    @staticmethod
    def copied_words(name: CopySource, generated: Sequence[int]) -> list[tuple[NameWord, int]] | None:
        """The name's word whose copy the text ends in, with the position the name goes on at, for each match of
        the text's end; None unless every match reaches back to the start of one of the name's words."""
        length, positions = continuation_positions(name.token_ids, generated)
        copied = []
        for position in positions:
            word = max((w for w in name.words if w.position < position), key=lambda w: w.position, default=None)
            if word is None or position - length > word.position:
                return None
            copied.append((word, position))
        return copied or None

    def next_pieces(self, row: int, generated: Sequence[int]) -> frozenset[int] | None:
        """The word pieces allowed next while a word of the name is copied (two of its tokens written, or all): its
        own next piece, or one a neighbour's description continues with ("e2scrub", never "e2scrubject"; "hi ber"
        goes on as "hibernation" where the memory says so); None (any) elsewhere."""
        name = self.name_source(row)
        copied = None if name is None else self.copied_words(name, generated)
        if name is None or copied is None:
            return None
        allowed: set[int] = set()
        for word, position in copied:
            if name.token_ids[position] in self.tokens.pieces:
                if position - word.position < 2:  # one token of a word: maybe the model's own word
                    return None
                allowed.add(name.token_ids[position])
        for source in self.sources[row]:
            if not source.words:
                allowed |= set(continuations(source.token_ids, generated)[1]) & self.tokens.pieces
        return frozenset(allowed)

    def foreign_joiners(self, name: CopySource, generated: Sequence[int]) -> frozenset[int]:
        """After a number, the joiners the name does not put after it there: a version ends where the name's does
        ("3.0.18", never "3.0.18.9.9"; "1.89.1", never "1.89.1.js" for its first "1"'s point), and a date without a
        time gets none ("1 May 2024", never "... at 05:05")."""
        if not generated or generated[-1] not in self.tokens.numbers:
            return frozenset()
        _, positions = continuation_positions(name.token_ids, generated)  # where the name's text goes on from here
        return self.tokens.joiners - {name.token_ids[p] for p in positions}

    def banned_mask(self, row: int, generated: Sequence[int], copy: Mapping[int, float], vocabulary: int
                    ) -> torch.Tensor | None:
        """What the name rules out next (True) unless the copy offers it: the model's own pieces in a name word (see
        `next_pieces`), a word that nothing in the input gives (the row's `Wording`: the name's words, its facts,
        the neighbours' words but their own and COMMON_WORDS; no "on vaccines" or "for the conference" the name
        does not say; within a word, see `continuing_pieces`),
        numbers the name does not state (no invented years, episodes or versions) or has written as
        often as it states them (`spent_numbers`), a word twice in a row (`doubled`) and a state, version or quarter
        the name does not state (`claims`: no "final version" for a name that says none); and even if a neighbour
        offers it, a time after a date that has none (`invented_time`), joiners after a number that the name does
        not join (`foreign_joiners`), the words that announce a number once a numbered name has written all of its
        numbers ("IMG 2041 copy 1", never "..., number 2041"; "final version" where the name's version has no
        number), a quarter the name does not state (`unstated`) or anything but the rest of a number of the name
        begun (`unfinished_number`), nor the end while the name's date is not written. None without a name source."""
        name = self.name_source(row)
        if name is None:
            return None
        following = self.unfinished_number(name, generated)
        if following is not None:  # "photo 339" for the name's 3391: the number goes on as the name writes it
            mask = torch.ones(vocabulary, dtype=torch.bool)
            mask[following] = False
            return mask
        key = (row, vocabulary)
        if key not in self._input_masks:  # built once per input: the numbers its name does not state, the words and
            wording = self.wordings[row]  # marks nothing in the input begins
            unworded = (self.tokens.words | self.tokens.marks) - wording.starts if wording else frozenset()
            self._input_masks[key] = self._mask((self.tokens.numbers - name.numbers) | unworded, vocabulary)
        mask = self._input_masks[key].clone()
        continuing = self.continuing_pieces(row, generated)
        if continuing is not None:  # within a word: only pieces that go on as an input's word does
            mask |= self._pieces_mask(vocabulary)
            mask[list(continuing)] = False
        spent = self.spent_numbers(name, generated)
        mask[list(spent | self.doubled(name, generated) | name.claims)] = True
        mask[list(copy)] = False
        allowed = self.next_pieces(row, generated)
        if allowed is not None:
            mask |= self._pieces_mask(vocabulary)
            mask[list(allowed)] = False
        mask[list(self.invented_time(name, generated))] = True  # even where a neighbour's own time goes on
        mask[list(self.foreign_joiners(name, generated))] = True  # ... or its own number ("1" "." of "1.19")
        stated = name.numbers & set(name.token_ids)
        if name.numbered and stated and spent >= stated:  # all its numbers written: none announced again
            mask[list(self.tokens.announcers)] = True
        mask[list(name.unstated)] = True  # "Q3 budget": never the first quarter, whatever a neighbour says
        if any(w.stated_date and times_written(w.forms, generated, self.tokens.pieces) < w.rank for w in name.words):
            mask[name.token_ids[-1]] = True  # no end before the date ("GPS track of a morning run on 4 May 2024")
        return mask

    def continuing_pieces(self, row: int, generated: Sequence[int]) -> frozenset[int] | None:
        """The pieces that may go on with the word of letters the text ends in, as one of the row's `Wording` goes
        on ("##sheet" after "spread"; none after "the", so no "therlcasn"); None outside such a word or without a
        wording."""
        wording = self.wordings[row]
        start = len(generated) - 1
        while start > 0 and generated[start] in self.tokens.pieces:
            start -= 1
        if wording is None or start < 0 or generated[start] not in self.tokens.words:
            return None
        return wording.following.get(tuple(generated[start:]), frozenset())

    def _pieces_mask(self, vocabulary: int) -> torch.Tensor:
        """All pieces of the vocabulary (True), built once per vocabulary size."""
        if vocabulary not in self._piece_masks:
            self._piece_masks[vocabulary] = self._mask(self.tokens.pieces, vocabulary)
        return self._piece_masks[vocabulary]

    def unfinished_number(self, name: CopySource, generated: Sequence[int]) -> int | None:
        """The next token of a number of the name that the text has begun and not finished (the "1" after "339" for
        3391), else None: a number the name states is written whole, never cut short to a neighbour's. Codes of
        letters and digits are left alone."""
        forms = [form for word in name.words if not word.letters for form in word.forms
                 if set(form) <= self.tokens.digits]  # numbers only: "7" may begin "7-Zip" for "7z2404"
        for form in forms:
            for length in range(min(len(form) - 1, len(generated)), 0, -1):
                begun = tuple(generated[-length:])
                if begun == form[:length] and begun[0] in self.tokens.numbers and begun not in forms:
                    return form[length]
        return None

    @staticmethod
    def _mask(tokens: frozenset[int], vocabulary: int) -> torch.Tensor:
        """A boolean vector over the vocabulary, True at `tokens`."""
        mask = torch.zeros(vocabulary, dtype=torch.bool)
        mask[sorted(tokens)] = True
        return mask

    def doubled(self, name: CopySource, generated: Sequence[int]) -> frozenset[int]:
        """The last word again, unless the name says it twice in a row ("Duran Duran"): "exported exported"."""
        last = generated[-1] if len(generated) > 1 else None
        if last is None or last in self.tokens.pieces or any(
                a == b == last for a, b in zip(name.token_ids, name.token_ids[1:], strict=False)):
            return frozenset()
        return frozenset({last})

    def spent_numbers(self, name: CopySource, generated: Sequence[int]) -> frozenset[int]:
        """The name's numbers the text holds as often as the name states them (at least once): not written again
        unless a neighbour goes on with one ("Python 3.12.1 installer", never "... version 3.3.1"; "x86_64 ...
        64-bit" where a neighbour says "64-bit")."""
        stated = Counter(token for token in name.token_ids if token in name.numbers)
        written = Counter(token for token in generated if token in name.numbers)
        return frozenset(token for token, count in written.items() if count >= max(1, stated[token]))

    def invented_time(self, name: CopySource, generated: Sequence[int]) -> frozenset[int]:
        """After the name's date written whole, the words that begin a time if the name has none: "1 May 2024",
        never "1 May 2024 at 05"."""
        date = name.untimed_date
        if not date or tuple(generated[-len(date):]) != date:
            return frozenset()
        return self.tokens.time_words

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.Tensor:
        """Mixed log-probabilities for every row (beams of one input share its neighbours).

        Tokens that earlier processors banned (-inf, e.g. a repeated n-gram) stay banned.
        """
        beams = len(input_ids) // len(self.sources)
        banned = torch.isneginf(scores)
        probabilities = scores.float().softmax(dim=-1)
        for row, generated in enumerate(input_ids.tolist()):
            copy = self.copy_distribution(row // beams, generated)
            if copy:
                share = self.shares[row // beams]
                probabilities[row] *= 1 - share
                probabilities[row, list(copy)] += share * torch.tensor(list(copy.values()), device=probabilities.device)
            ruled_out = self.banned_mask(row // beams, generated, copy, probabilities.shape[-1])
            if ruled_out is not None:
                kept = probabilities[row].masked_fill(ruled_out.to(probabilities.device) | banned[row], 0.0)
                if kept.sum() > 0:  # never rule out every token an earlier processor left
                    probabilities[row] = kept / kept.sum()
        mixed = probabilities.clamp_min(MIN_PROBABILITY).log()
        return mixed.masked_fill(banned, -math.inf).to(scores.dtype)
