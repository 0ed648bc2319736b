"""Decoding with the memory: neighbour continuations, the mixture, the memory's share, and the engine using them."""
from __future__ import annotations

import math
from dataclasses import replace

import pytest
import torch

from core.describe.copy_decoding import (
    KNOWN_NAME_COPY,
    KNOWN_NAME_COSINE,
    NEW_LOGPROB,
    OTHER_TYPE_FACTOR,
    SHARE_FAMILIAR,
    SHARE_NEW,
    CopySource,
    NameWord,
    NeighbourCopy,
    TokenClasses,
    blocked_positions,
    continuations,
    memory_share,
    name_copy_weight,
    neighbour_weight,
    number_parts,
    own_words,
    shared_words,
    times_written,
    token_classes,
    token_words,
    word_forms,
    wording,
)
from core.describe.engine import DescriptionEngine, GenerationSettings
from core.describe.examples import Example
from core.describe.facts import CLAIM_WORDS
from core.describe.memory import Neighbour, build_memory

EOS, START = 1, 0


def banned(processor: NeighbourCopy, generated: list[int], copy: dict[int, float]) -> set[int]:
    """The tokens the processor rules out after `generated` (input 0) in a vocabulary of 3,000."""
    mask = processor.banned_mask(0, generated, copy, 3000)
    return set() if mask is None else set(mask.nonzero().flatten().tolist())


def name_source(*words: tuple[int, ...]) -> CopySource:
    """The name source of words given as token ids, each written only in its own spelling."""
    ids = [token for word in words for token in word]
    positions = [sum(map(len, words[:i])) for i in range(len(words))]
    pairs = zip(positions, words, strict=True)
    return CopySource(tuple(ids), 1.0, words=tuple(NameWord(position, frozenset({word})) for position, word in pairs))


def test_continuations_follow_the_longest_match() -> None:
    assert continuations([START, 5, 6, 7], [START]) == (1, [5])  # nothing generated yet: the first token
    assert continuations([START, 5, 6, 7, 5, 8], [9, 5]) == (1, [6, 8])  # "5" occurs twice: both continuations
    assert continuations([START, 5, 6, 7, 5, 8], [START, 5]) == (2, [6])  # anchored at the start: it wins
    assert continuations([START, 5, 6, 7, 5, 8], [6, 7, 5]) == (3, [8])  # the longer match wins
    assert continuations([START, 5, 6, 7], [9]) == (0, [])  # the model went its own way
    assert continuations([], []) == (0, [])


def test_memory_share_grows_as_the_neighbours_are_new_to_the_model() -> None:
    assert memory_share(-0.1) == SHARE_FAMILIAR and memory_share(NEW_LOGPROB - 5) == SHARE_NEW
    assert SHARE_FAMILIAR < memory_share(-2.0) < SHARE_NEW
    assert memory_share(-9.0, any_same_type=False) == SHARE_NEW * OTHER_TYPE_FACTOR  # other types: weak evidence
    assert neighbour_weight(0.9, False) / neighbour_weight(0.8, False) == pytest.approx(math.e)
    assert neighbour_weight(0.5, True) > 100 * neighbour_weight(0.9, False)  # the query's own type all but decides


def test_the_mixture_is_a_distribution_and_beams_share_their_input_neighbours() -> None:
    processor = NeighbourCopy([[CopySource((4, 5), 3.0), CopySource((6,), 1.0)], []], shares=[0.8, 0.0],
                              eos_token_id=EOS, decoder_start_token_id=START)
    scores = torch.zeros(4, 10)  # 2 inputs x 2 beams, a uniform model
    start = torch.full((4, 1), START)
    mixed = processor(start, scores).exp()
    assert torch.allclose(mixed.sum(-1), torch.ones(4))
    assert mixed[0, 4] == pytest.approx(0.8 * 0.75 + 0.02) and mixed[0, 6] == pytest.approx(0.8 * 0.25 + 0.02)
    assert torch.equal(mixed[0], mixed[1]) and torch.allclose(mixed[2], torch.full((10,), 0.1))
    after = processor(torch.tensor([[START, 4, 5], [START, 4, 5], [START, 7, 7], [START, 7, 7]]), scores).exp()
    assert after[0, EOS] == pytest.approx(0.8 + 0.02)  # the neighbour's description ends here
    assert torch.allclose(after[2], torch.full((10,), 0.1))


def test_the_names_own_words_are_offered_where_nothing_else_continues() -> None:
    name = name_source((7, 8), (9,))  # two words: pieces 7 8, then 9
    processor = NeighbourCopy([[name]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START)
    # the two words' first pieces, in the name's order: the second offered half as much as the first
    assert processor.copy_distribution(0, [START, 3]) == pytest.approx({7: 2 / 3, 9: 1 / 3})
    assert processor.copy_distribution(0, [START, 3, 7]) == {8: 1.0}  # a word once begun continues with its next piece
    assert processor.copy_distribution(0, [START, 7, 8, 3]) == {9: 1.0}  # not offered twice
    mixed = processor(torch.tensor([[START, 3]]), torch.zeros(1, 10)).exp()[0]  # a uniform model: 0.1 each
    assert mixed[7] == pytest.approx((0.05 + 0.5 * 2 / 3) / 0.95)  # "3" twice in a row is ruled out: 0.05 less
    assert mixed[3] < 1e-9 and mixed.sum() == pytest.approx(1.0)


def test_the_names_weight_is_capped_where_the_memory_knows_the_name() -> None:
    def near(score: float) -> Neighbour:
        return Neighbour("Makefile", "build rules read by make", "starter", score)

    assert name_copy_weight(1.5, []) == 1.5 and name_copy_weight(1.5, [near(0.80)]) == 1.5
    assert name_copy_weight(1.5, [near(0.80), near(KNOWN_NAME_COSINE)]) == KNOWN_NAME_COPY < 1.5
    assert name_copy_weight(0.2, [near(1.0)]) == 0.2  # a cap, never a raise
    assert name_copy_weight(1.5, [near(0.80)], share=SHARE_NEW) == KNOWN_NAME_COPY  # corrections new to the model
    assert name_copy_weight(1.5, [near(0.80)], share=SHARE_FAMILIAR) == 1.5


def test_the_name_ends_the_description_only_once_all_its_words_are_written_and_more_is_said() -> None:
    name = name_source((7, 8), (9,))  # two words: pieces 7 8, then 9
    processor = NeighbourCopy([[name]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START)
    assert processor.copy_distribution(0, [START, 3, 7, 8, 9]) == {EOS: 1.0}
    assert processor.copy_distribution(0, [START, 7, 8, 9]) == {}  # the name alone: the model decides
    assert processor.copy_distribution(0, [START, 3, 9]) == {7: 1.0}  # the last word first: the first still due


def test_a_word_has_its_singular_plural_and_verb_forms() -> None:
    assert {"photo", "photos"} <= word_forms("Photos") and {"invoice", "invoices"} <= word_forms("invoices")
    assert "copy" in word_forms("copies") and "copies" in word_forms("copy") and "boxes" in word_forms("box")
    assert {"exported", "exporting"} <= word_forms("export") and "export" in word_forms("Exported")
    assert {"record", "recorded"} <= word_forms("recording") and "edit" in word_forms("edited")
    assert "share" in word_forms("shared") and "b" not in word_forms("bed")  # stems of three letters at least
    assert word_forms("2022") == {"2022"} and word_forms("v2") == {"v2"}  # numbers and codes as they are


def test_a_doers_name_has_its_verb_so_a_tool_is_described_by_what_it_does() -> None:
    assert {"download", "downloads"} <= word_forms("downloader")
    assert {"generate", "generates"} <= word_forms("generator")
    assert {"resize", "resizes"} <= word_forms("Resizer") and {"plan", "plans"} <= word_forms("planner")
    assert {"watch", "watches"} <= word_forms("watcher")
    assert "ord" not in word_forms("order") and "pap" not in word_forms("paper")  # short words stay nouns


def test_a_compound_of_verb_and_particle_is_written_by_the_phrasal_verb() -> None:
    assert {"back up", "backs up", "backed up", "backing up"} <= word_forms("backup")
    assert {"set up", "sets up", "setting up"} <= word_forms("Setup") and "logs in" in word_forms("login")
    assert not any(" " in form for form in word_forms("in") | word_forms("bin"))  # no verb before the particle


def test_the_name_is_not_written_again_after_its_phrasal_verb(tiny_engine: DescriptionEngine) -> None:
    name = tiny_engine._name_source("backup_db.sh", 1.0)
    written = tiny_engine.tokenizer("backs up the", add_special_tokens=False)["input_ids"]
    assert times_written(name.words[0].forms, written, tiny_engine._tokens.pieces) == 1


def test_word_pieces_are_told_from_word_starts_in_both_vocabularies() -> None:
    assert token_classes({"photo": 5, "##s": 6, "[SEP]": 7}).pieces == {6}  # WordPiece
    sentencepiece = token_classes({"\u2581photo": 5, "s": 6, "\u2581": 7, ".": 8})
    assert sentencepiece.pieces == {6} and sentencepiece.bare == {7}


def test_a_form_counts_only_as_a_whole_word() -> None:
    photo, piece = 5, 6  # "photo", and a piece continuing it ("photo" "##graph")
    assert times_written(frozenset({(photo,)}), [START, photo, piece], frozenset({piece})) == 0
    assert times_written(frozenset({(photo,)}), [START, photo, 3, photo], frozenset({piece})) == 2
    assert times_written(frozenset({(photo,), (4,)}), [START, 4, 3], frozenset({piece})) == 1  # its plural


def test_a_name_word_written_in_its_plural_is_neither_offered_nor_copied_again() -> None:
    car, service, invoices, invoice = 10, 11, 12, 13
    name = CopySource((car, service, invoices), 1.0, words=(
        NameWord(0, frozenset({(car,)})), NameWord(1, frozenset({(service,)})),
        NameWord(2, frozenset({(invoices,), (invoice,)}))))
    processor = NeighbourCopy([[name]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START)
    # "an invoice from car service": the name's continuation "invoices" is written already; the name may end
    assert processor.copy_distribution(0, [START, 3, invoice, 4, car, service]) == {EOS: 1.0}
    assert processor.copy_distribution(0, [START, 3, 4, car, service]) == {invoices: 1.0}  # not yet written: copied


def test_a_written_number_of_the_name_is_not_copied_again_and_not_skipped() -> None:
    four, dot, firefox = 30, 31, 32  # "firefox 4.4": the copy after "." would be a 4 written twice already
    name = CopySource((firefox, four, dot, four), 1.0, words=(
        NameWord(0, frozenset({(firefox,)})), NameWord(1, frozenset({(four,)}), letters=False),
        NameWord(3, frozenset({(four,)}), rank=2, letters=False)))
    processor = NeighbourCopy([[name]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START)
    assert processor.copy_distribution(0, [START, 9, firefox, four, dot, four, dot]) == {}  # the model decides


def test_a_word_the_name_repeats_is_offered_until_written_as_often() -> None:
    duran, rio = 20, 21
    name = CopySource((duran, duran, rio), 1.0, words=(NameWord(0, frozenset({(duran,)})),
                                                       NameWord(1, frozenset({(duran,)}), rank=2),
                                                       NameWord(2, frozenset({(rio,)}))))
    processor = NeighbourCopy([[name]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START)
    assert processor.copy_distribution(0, [START, 3, duran]) == {duran: 0.5, rio: 0.5}  # the second still due
    assert processor.copy_distribution(0, [START, 3, duran, duran]) == {rio: 1.0}


def test_a_begun_name_word_is_finished_from_the_name_not_with_the_models_pieces() -> None:
    e, two, scrub, conf, other_piece = 10, 11, 12, 13, 14  # "e2scrub" is e ##2 ##scrub, then "conf"
    name = name_source((e, two, scrub), (conf,))
    processor = NeighbourCopy([[name]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START,
                              tokens=TokenClasses(pieces=frozenset({two, scrub, other_piece})))
    assert processor.next_pieces(0, [START, 3, e]) is None  # one token: it may be the model's own word
    assert processor.next_pieces(0, [START, 3, e, two]) == {scrub}  # only the name's next piece
    assert processor.next_pieces(0, [START, 3, e, two, scrub]) == frozenset()  # whole: no piece of the model's
    assert processor.next_pieces(0, [START, 3, conf]) == frozenset()
    assert processor.next_pieces(0, [START, 3, 4]) is None  # no word of the name being written
    mixed = processor(torch.tensor([[START, 3, e, two]]), torch.zeros(1, 20)).exp()[0]
    assert mixed[other_piece] < 1e-9 and mixed[scrub] > 0.5 and mixed.sum() == pytest.approx(1.0)
    assert mixed[4] == pytest.approx(float(mixed[5])) and mixed[4] > 0.01  # words (not pieces): the model's choice
    hibernation = NeighbourCopy([[name, CopySource((9, e, two, other_piece), 1.0)]], shares=[0.5], eos_token_id=EOS,
                                decoder_start_token_id=START, tokens=processor.tokens)
    assert hibernation.next_pieces(0, [START, 9, e, two]) == {scrub, other_piece}  # as a neighbour's word goes on


def test_number_tokens_are_those_that_begin_a_number() -> None:
    wordpiece = {"125": 1, "##64": 2, "mp": 3, "2010": 4, "\u00b9": 5, ".": 6, ":": 7}
    assert (token_classes(wordpiece).numbers, token_classes(wordpiece).joiners) == ({1, 4}, {6, 7})
    sentencepiece = token_classes({"\u25812010": 1, "5": 2, "\u2581mp3": 3, "\u2581": 4})
    assert (sentencepiece.numbers, sentencepiece.joiners) == ({1}, set())
    assert (token_classes(wordpiece).digits, sentencepiece.digits) == ({1, 2, 4}, {1, 2})


def test_numbers_neither_the_name_states_nor_the_copy_offers_are_never_written() -> None:
    episode, sixty_seven, invented, year = 40, 67, 158, 2012  # "hardcore_history_67.mp3"
    name = CopySource((episode, sixty_seven), 1.0, words=(NameWord(0, frozenset({(episode,)})),),
                      numbers=frozenset({sixty_seven}))
    film = CopySource((episode, year), 1.0)  # a neighbour's description that goes on with a year
    processor = NeighbourCopy([[name, film], [film]], shares=[0.5, 0.5], eos_token_id=EOS, decoder_start_token_id=START,
                              tokens=TokenClasses(numbers=frozenset({sixty_seven, invented, year})))
    mixed = processor(torch.tensor([[START, 3, 3], [START, 3, 3]]), torch.zeros(2, 3000)).exp()
    assert mixed[0, invented] < 1e-9 and mixed[0, year] < 1e-9 and mixed[0, sixty_seven] > 1e-4
    assert mixed[0].sum() == pytest.approx(1.0)
    after = processor(torch.tensor([[START, 3, episode], [START, 3, episode]]), torch.zeros(2, 3000)).exp()
    assert after[0, year] > 0.1 and after[0, invented] < 1e-9  # the neighbour's year, where its text goes on
    assert after[1, invented] == pytest.approx(after[1, 5])  # no name source: no rule


def test_a_number_of_the_name_once_begun_is_written_whole() -> None:
    photo, n339, one, edited = 40, 339, 1, 41  # "IMG_E3391": 3391 as "339" "1"; a neighbour's photo is 339
    name = CopySource((n339, one), 1.0, words=(NameWord(0, frozenset({(n339, one)}), letters=False),),
                      numbers=frozenset({n339}))
    classes = TokenClasses(numbers=frozenset({n339}), pieces=frozenset({one}), digits=frozenset({n339, one}))
    processor = NeighbourCopy([[name]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START, tokens=classes)
    assert banned(processor, [START, photo, n339], {edited: 1.0}) == set(range(3000)) - {one}
    assert edited not in banned(processor, [START, photo, n339, one], {edited: 1.0})  # written whole: free again
    assert edited not in banned(processor, [START, photo], {edited: 1.0})
    both = CopySource((n339, n339, one), 1.0, words=(NameWord(0, frozenset({(n339,)}), letters=False),
                                                     NameWord(1, frozenset({(n339, one)}), letters=False)))
    processor = NeighbourCopy([[both]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START, tokens=classes)
    assert edited not in banned(processor, [START, photo, n339], {edited: 1.0})  # the name states 339 too
    seven, z2404, zip_ = 7, 42, 43  # "7z2404-x64.exe": a code, not a number; "7" may begin "7-Zip"
    code = CopySource((seven, z2404), 1.0, words=(NameWord(0, frozenset({(seven, z2404)}), letters=False),))
    processor = NeighbourCopy([[code]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START,
                              tokens=TokenClasses(numbers=frozenset({seven}), digits=frozenset({seven})))
    assert zip_ not in banned(processor, [START, seven], {zip_: 1.0})


def test_a_date_without_a_time_gets_none_even_where_a_neighbour_goes_on_with_its_own() -> None:
    one, may, year, at, five, on = 1, 60, 2024, 61, 5, 62  # "screenshot_2024-05-01.png": 1 May 2024
    name = CopySource((one, may, year), 1.0, words=(NameWord(0, frozenset({(one,)}), letters=False),),
                      numbers=frozenset({one, year, five}), untimed_date=(one, may, year))
    classes = TokenClasses(numbers=frozenset({one, year, five}), time_words=frozenset({at}))
    processor = NeighbourCopy([[name]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START, tokens=classes)
    assert at in banned(processor, [START, on, one, may, year], {at: 1.0})  # a neighbour's "at 05:59" is its own
    assert at not in banned(processor, [START, on, one, may], {})  # not before the date is whole
    timed = CopySource((one, may, year, at, five), 1.0, words=name.words, numbers=name.numbers)  # with a time
    timed_processor = NeighbourCopy([[timed]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START,
                                    tokens=classes)
    assert at not in banned(timed_processor, [START, on, one, may, year], {})
    assert token_classes({"at": 7, "▁at": 8, "x": 9}).time_words == {7, 8}



def test_a_quarter_the_name_does_not_state_is_never_written_even_where_a_neighbour_says_it() -> None:
    q3, budget, first, third = 30, 31, 32, 33  # "Q3 budget" read out "third quarter budget"
    name = CopySource((third, q3, budget), 1.0, words=(NameWord(0, frozenset({(third,)})),),
                      unstated=frozenset({first}))
    processor = NeighbourCopy([[name]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START)
    assert first in banned(processor, [START, 5], {first: 1.0})  # a "Q1 budget" neighbour's "first quarter"
    assert third not in banned(processor, [START, 5], {})


def test_a_conventions_date_fills_the_place_of_a_neighbours_own_date() -> None:
    photo, on, hdr, four, july, twentyeight, in_ = 70, 71, 72, 4, 73, 28, 74  # IMG_20230704_201533_HDR.jpg
    name = CopySource((hdr, four, july), 1.0, words=(NameWord(0, frozenset({(hdr,)})),
                                                     NameWord(1, frozenset({(four,)}), letters=False, date=True)))
    neighbour = CopySource((photo, on, twentyeight, july, in_, hdr), 1.0, blocked=frozenset({2, 3}))  # its own date
    digits = TokenClasses(digits=frozenset({four, twentyeight}))
    processor = NeighbourCopy([[neighbour, name]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START,
                              tokens=digits)
    copy = processor.copy_distribution(0, [START, photo, on])
    assert copy[four] > copy[hdr]  # "... on 4 July 2023", not "... on HDR"
    document = replace(name, words=(name.words[0], replace(name.words[1], date=False)))  # a document's words first
    processor = NeighbourCopy([[neighbour, document]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START,
                              tokens=digits)
    copy = processor.copy_distribution(0, [START, photo, on])
    assert copy[hdr] > copy[four]


def test_only_a_naming_conventions_date_is_marked_to_fill_a_date_slot(tiny_engine: DescriptionEngine) -> None:
    photo = tiny_engine._name_source("IMG_20230704_201533_HDR.jpg", 1.0)
    assert [tiny_engine.tokenizer.decode([photo.token_ids[w.position]]) for w in photo.words if w.date] == ["4"]
    assert not any(w.date for w in tiny_engine._name_source("invoice_acme_2024-02-01.pdf", 1.0).words)


def test_a_claim_the_name_does_not_make_is_written_only_where_a_neighbour_offers_it() -> None:
    minutes, final, version = 40, 41, 42  # "Protokoll_Teammeeting" states no version
    name = CopySource((minutes,), 1.0, words=(NameWord(0, frozenset({(minutes,)})),),
                      claims=frozenset({final, version}))
    processor = NeighbourCopy([[name]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START)
    assert {final, version} <= banned(processor, [START, minutes], {})  # the model's own "final version"
    assert version not in banned(processor, [START, minutes], {version: 1.0})  # ".nvmrc": "Node.js version ..."


def test_a_neighbours_version_and_quarters_are_its_own_words() -> None:
    assert {"final", "version"} <= own_words("Book_club_Protokoll_2024-11-07_Final_Final.docx",
                                             "20240228_Protokoll_Teammeeting.docx")
    assert {"first", "quarter"} <= own_words("Q1_budget.xlsx", "budget_2026.xlsx")  # "a budget for the first quarter"
    assert "version" not in own_words("report_v2.docx", "report_v3.docx")  # both have one: only the "2" is its own


def test_the_name_source_reads_quarters_out_and_rules_out_the_others(tiny_engine: DescriptionEngine) -> None:
    decode = tiny_engine.tokenizer.decode
    source = tiny_engine._name_source("Q3_budget.xlsx", 1.0)
    assert decode(list(source.token_ids)) == "third quarter budget"
    unstated = {decode([token]).strip().lower() for token in source.unstated}
    assert unstated <= {"first", "second", "fourth"}  # whole words only (this tokenizer splits them: none)
    assert tiny_engine._name_source("budget.xlsx", 1.0).unstated == frozenset()
    claims = {decode([token]).strip().lower() for token in tiny_engine._name_source("notes.txt", 1.0).claims}
    assert claims <= set(CLAIM_WORDS)  # whole words only
    assert "final" not in {decode([t]).strip().lower() for t in tiny_engine._name_source("notes_final.txt", 1.0).claims}

def test_after_a_number_only_the_joiners_the_name_puts_there() -> None:
    version, three, point, eighteen, installer, colon = 50, 3, 6, 18, 51, 7  # "vlc-3.0.18": version 3 . 18
    name = CopySource((version, three, point, eighteen, installer), 1.0, words=(
        NameWord(0, frozenset({(version,)})), NameWord(1, frozenset({(three,)}), letters=False),
        NameWord(3, frozenset({(eighteen,)}), letters=False), NameWord(4, frozenset({(installer,)}))))
    processor = NeighbourCopy([[name]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START,
                              tokens=TokenClasses(numbers=frozenset({three, eighteen}),
                                                                    joiners=frozenset({point, colon})))
    after_three = banned(processor, [START, 9, version, three], {})
    assert point not in after_three and colon in after_three  # the name goes on with its point, has no time
    assert {point, colon} <= banned(processor, [START, 9, version, three, point, eighteen], {})  # no ".9.9"
    assert point in banned(processor, [START, 9, version, three, point, eighteen], {point: 1.0})  # a neighbour's
    # point after its own number ("Python 1.19" for "python-3.12.1") joins nothing of this name's
    assert not {point, colon} & banned(processor, [START, 9, version], {})  # after a word: no rule
    one, eightynine = 1, 89  # "vscode-1.89.1": the last 1 ends the version though the first goes on with a point
    repeated = CopySource((version, one, point, eightynine, point, one), 1.0, words=(
        NameWord(0, frozenset({(version,)})), NameWord(1, frozenset({(one,)}), letters=False)))
    processor = NeighbourCopy([[repeated]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START,
                              tokens=TokenClasses(numbers=frozenset({one, eightynine}), joiners=frozenset({point})))
    assert point not in banned(processor, [START, version, one], {})
    assert point in banned(processor, [START, version, one, point, eightynine, point, one], {})  # never "1.89.1.js"


def test_a_name_word_the_model_finished_its_own_way_is_not_offered_again() -> None:
    gs, s_piece, sa_piece, tool = 60, 61, 62, 63  # "gss" is gs ##s; the model wrote gs ##sa
    name = name_source((gs, s_piece), (tool,))
    processor = NeighbourCopy([[name]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START,
                              tokens=TokenClasses(pieces=frozenset({s_piece, sa_piece})))
    assert processor.copy_distribution(0, [START, gs, sa_piece, 3, gs, sa_piece, 4]) == {tool: 1.0}  # not a third
    assert gs in processor.copy_distribution(0, [START, gs, sa_piece, 3])  # once may be a word of its own ("INV")
    assert processor.copy_distribution(0, [START, 3, 4]) == {gs: 2 / 3, tool: 1 / 3}  # before: in the name's order


def test_no_word_twice_in_a_row_unless_the_name_says_it_twice() -> None:
    exported, data, duran, rio = 70, 71, 20, 21
    export_name = NeighbourCopy([[name_source((data,))]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START)
    assert exported in banned(export_name, [START, exported], {})  # "exported exported"
    assert exported not in banned(export_name, [START, exported], {exported: 1.0})  # a neighbour says so
    song = NeighbourCopy([[name_source((duran,), (duran,), (rio,))]], shares=[0.5], eos_token_id=EOS,
                         decoder_start_token_id=START)
    assert duran not in banned(song, [START, duran], {})  # "Duran Duran"


def test_the_rules_never_leave_no_token_at_all() -> None:
    exported = 70
    processor = NeighbourCopy([[name_source((71,))]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START)
    scores = torch.full((1, 80), -math.inf)
    scores[0, exported] = 0.0  # an earlier processor left one token only, the one the name's rules rule out
    mixed = processor(torch.tensor([[START, exported]]), scores)[0]
    assert mixed.argmax() == exported and torch.isfinite(mixed[exported])  # "exported" twice, as the only way on


def test_the_engine_counts_a_names_plural_written_in_its_singular(tiny_engine: DescriptionEngine) -> None:
    decode = tiny_engine.tokenizer.decode
    source = tiny_engine._name_source("car_service_invoices.pdf", 1.0)
    spellings = [{decode(list(form)).replace(" ", "") for form in word.forms} for word in source.words]
    assert all(pair <= forms for pair, forms in
               zip([{"car", "cars"}, {"service", "services"}, {"invoice", "invoices"}], spellings, strict=True))
    again = tiny_engine._name_source("Duran Duran - Rio.mp3", 1.0)
    assert [w.rank for w in again.words] == [1, 2, 1]


def test_the_name_source_offers_the_date_whole_as_descriptions_write_it(tiny_engine: DescriptionEngine) -> None:
    decode = tiny_engine.tokenizer.decode
    source = tiny_engine._name_source("IMG_20230916_142755.jpg", 1.0)
    assert decode(list(source.token_ids)) == "16 September 2023 at 14:27"
    last_start = max(word.position for word in source.words)
    assert decode(list(source.token_ids[: last_start + 1])).strip() in {"", "1", "16"}  # no start past "16" ("▁" first)
    version = tiny_engine._name_source("rufus-4.4.exe", 1.0)
    assert decode(list(version.token_ids)) == "rufus version 4.4"  # the version is copied too
    assert source.untimed_date == ()  # it has a time
    untimed = tiny_engine._name_source("screenshot_2024-05-01.png", 1.0)
    assert decode(list(untimed.untimed_date)).strip() == "1 May 2024"
    assert untimed.token_ids[-len(untimed.untimed_date):] == untimed.untimed_date


def test_no_description_ends_before_the_names_date() -> None:
    run, date = (5,), (7, 8, 9)  # "morning run", "4 May 2024"
    source = CopySource((*run, *date), 1.0, words=(NameWord(0, frozenset({run})),
                                                   NameWord(1, frozenset({(7,)}), stated_date=True)))
    processor = NeighbourCopy([[source]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START)
    assert EOS in banned(processor, [START, 5], {EOS: 1.0})  # a neighbour ending there does not end it
    assert EOS not in banned(processor, [START, 5, 7, 8, 9], {})  # the date written: it may end
    undated = replace(source, words=(source.words[0], replace(source.words[1], stated_date=False)))
    assert EOS not in banned(NeighbourCopy([[undated]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START),
                             [START, 5], {})


def test_the_name_source_marks_the_first_word_of_any_names_date(tiny_engine: DescriptionEngine) -> None:
    decode = tiny_engine.tokenizer.decode
    track = tiny_engine._name_source("morning_run_2024-05-04.gpx", 1.0)
    assert [decode([track.token_ids[w.position]]).strip() for w in track.words if w.stated_date] == ["4"]
    assert not any(w.stated_date for w in tiny_engine._name_source("morning_run.gpx", 1.0).words)


def test_an_anchored_source_continues_only_a_match_of_its_beginning() -> None:
    comma, a, plain, text = 20, 21, 22, 23
    kind = CopySource((comma, a, plain, text), 1.0, anchored=True)  # ", a plain text"
    processor = NeighbourCopy([[kind]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START)
    assert processor.copy_distribution(0, [START, 5, comma, a]) == {plain: 1.0}  # the type slot: its own type
    assert processor.copy_distribution(0, [START, 5, comma, a, plain]) == {text: 1.0}
    assert processor.copy_distribution(0, [START, a]) == {}  # "a" at the start is no type slot
    assert processor.copy_distribution(0, [START, 5, plain]) == {}  # nor a word of the type elsewhere
    assert processor.copy_distribution(0, [START]) == {}  # a description never begins with its type


def test_the_type_sources_give_the_names_type_after_either_article(tiny_engine: DescriptionEngine) -> None:
    decode = tiny_engine.tokenizer.decode
    sources = tiny_engine._type_sources("recipes.txt", 2.0)
    assert [decode(list(s.token_ids)) for s in sources] == [", a plain text document", ", an plain text document"]
    assert all(s.anchored and s.weight == 2.0 for s in sources)
    assert tiny_engine._type_sources("zzz", 1.0) == []  # no type known: none


def test_an_untrained_model_writes_the_names_words_through_the_name_source(tiny_model_dir, lexical_encoder) -> None:
    engine = DescriptionEngine(str(tiny_model_dir), device="cpu", lexical=lexical_encoder)
    assert engine.describe(["zebra_budget.xlsx"])[0].startswith("zebra budget")  # no memory: the name, in its order
    engine.settings = GenerationSettings(name_copy=0)
    assert "zebra" not in engine.describe(["zebra_budget.xlsx"])[0]
    assert GenerationSettings(name_copy=0).key() != GenerationSettings().key()  # so caches are apart


@pytest.fixture()
def corrected_engine(tiny_model_dir, lexical_encoder) -> DescriptionEngine:
    """The tiny (untrained) model with a memory of one correction, copying from the memory only."""
    memory = build_memory(lexical_encoder, [Example("quarterly_report_2023.pdf", "sales figures of one quarter")])
    return DescriptionEngine(str(tiny_model_dir), device="cpu", lexical=lexical_encoder, memory=memory,
                             settings=GenerationSettings(name_copy=0))


def test_a_correction_takes_effect_on_its_look_alikes(corrected_engine: DescriptionEngine) -> None:
    assert corrected_engine.describe(["quarterly_report_2024.pdf"]) == ["sales figures of one quarter"]
    (known,) = corrected_engine._familiarity.values()
    assert known < NEW_LOGPROB  # new to the untrained model, so the memory gets SHARE_NEW


def test_without_copying_the_untrained_model_ignores_the_correction(corrected_engine: DescriptionEngine) -> None:
    corrected_engine.settings = GenerationSettings(copy_from_memory=False, name_copy=0)
    assert corrected_engine.describe(["quarterly_report_2024.pdf"]) != ["sales figures of one quarter"]
    assert GenerationSettings(copy_from_memory=False).key() != GenerationSettings().key()  # so caches are apart


def test_the_memorys_entry_of_the_name_itself_gets_the_new_share(corrected_engine: DescriptionEngine) -> None:
    corrected_engine._familiarity[("quarterly_report_2023.pdf", "sales figures of one quarter")] = 0.0  # known
    names = ["quarterly_report_2024.pdf", "Quarterly_Report_2023.PDF"]
    processor = corrected_engine._copy_processor(names, corrected_engine.neighbours(names))
    assert processor.shares == [SHARE_FAMILIAR, SHARE_NEW]  # a look-alike mixes in; the name's own entry decides


def test_a_correction_is_followed_as_written_and_no_date_is_forced_into_it(tiny_model_dir, lexical_encoder) -> None:
    memory = build_memory(lexical_encoder, [Example("Invoice_2024-03.pdf", "a bill")], own=True)
    engine = DescriptionEngine(str(tiny_model_dir), device="cpu", lexical=lexical_encoder, memory=memory)
    assert engine.describe(["Invoice_2024-04.pdf"]) == ["a bill"]  # not "a bill, a" waiting for "April 2024"
    assert not any(w.stated_date for w in engine._name_source("Invoice_2024-04.pdf", 1.0, dated=False).words)


def test_beam_search_copies_too(corrected_engine: DescriptionEngine) -> None:
    corrected_engine.settings = GenerationSettings(num_beams=3, name_copy=0)
    assert corrected_engine.describe(["quarterly_report_2024.pdf"]) == ["sales figures of one quarter"]


def test_a_neighbours_own_words_are_never_copied() -> None:
    processor = NeighbourCopy([[CopySource((4, 5, 6), 1.0, blocked=frozenset({1}))]], shares=[1.0],
                              eos_token_id=EOS, decoder_start_token_id=START)
    scores = torch.zeros(1, 10)
    assert torch.allclose(processor(torch.tensor([[START, 4]]), scores).exp(), torch.full((1, 10), 0.1))  # model's
    assert processor(torch.tensor([[START, 4, 5]]), scores).exp()[0, 6] == pytest.approx(1.0)


def test_own_words_are_what_the_neighbours_name_says_and_the_querys_does_not() -> None:
    assert own_words("gcloud-compute-disks-list", "gcloud-compute-instances-list") == {"disks"}
    assert own_words("YouTube.url", "Netflix.url") == {"you", "tube", "youtube"}  # as its description writes it
    assert own_words("YouTube.url", "youtube_export.csv") == {"you", "tube"}  # the query states "YouTube" too
    assert own_words("invoice_2023-04.pdf", "invoice_2023-05.pdf") == {"april", "2023"}  # "May 2023" from the name
    assert own_words("quarterly_report_2023.pdf", "quarterly_reports_2024.pdf") == {"2023", "023"}
    assert own_words("IMG_0076.MOV", "IMG_0093.MOV") == {"0076", "76", "007", "076"}  # "number 76" is its own too
    # another date is the neighbour's own as a whole, even the words it shares with the query's date
    assert own_words("PXL_20221215_084027.jpg", "PXL_20231120_081503.jpg") == {"15", "december", "2022", "08", "8",
                                                                              "40", "022"}
    # a part of a code's digits is its own unless the query's digits hold it: "a photo ..., number 3902"
    assert {"3902", "1823902"} <= own_words("P1823902.jpg", "P1040233.JPG")
    assert "3902" not in own_words("P1823902.jpg", "P1043902.JPG")
    parts = number_parts(frozenset({"p1800092"}))
    assert {"180", "0092", "800092", "1800092"} <= parts and {"92", "18", "p1800092"}.isdisjoint(parts)  # 3 digits up
    assert "32" in own_words("firefox_win32.exe", "Firefox Installer.exe")  # "... for 32-bit Windows" is its own
    assert "64" not in own_words("vlc-win64.exe", "python-3.12.3-win64.exe")  # both say 64
    assert {"6", "10"} <= own_words("Breaking.Bad.S06E10.mkv", "Breaking.Bad.S02E05.mkv")  # "season 6, episode 10"
    text = "list Compute Engine disks"
    offsets = [(0, 4), (5, 12), (13, 19), (20, 24), (24, 25)]  # "disks" in two tokens
    assert blocked_positions(text, offsets, frozenset({"disks"})) == {3, 4}
    joined = "Finder data of DSC_8125.JPG"  # a name in a description: its words joined by "_" are its own too
    assert blocked_positions(joined, [(0, 6), (7, 11), (12, 14), (15, 18), (18, 19), (19, 23)],
                             frozenset({"dsc", "8125"})) == {3, 5}
    plural = "Python tests for invoices"  # "test_invoice.py": its own word in the plural is its own too
    assert blocked_positions(plural, [(0, 6), (7, 12), (13, 16), (17, 25)], frozenset({"invoice"})) == {3}


def test_banned_tokens_stay_banned_after_the_mixture() -> None:
    processor = NeighbourCopy([[CopySource((4, 5), 1.0)]], shares=[0.9], eos_token_id=EOS,
                              decoder_start_token_id=START)
    scores = torch.zeros(1, 10)
    scores[0, 4] = -math.inf  # a repeated n-gram, banned before the memory mixes in
    assert processor(torch.tensor([[START]]), scores)[0, 4] == -math.inf


def test_a_correction_replaces_only_what_the_names_share(lexical_encoder, tiny_model_dir) -> None:
    memory = build_memory(lexical_encoder, [Example("gcloud-compute-disks-list", "list the disks of Compute")])
    engine = DescriptionEngine(str(tiny_model_dir), device="cpu", lexical=lexical_encoder, memory=memory,
                               settings=GenerationSettings(name_copy=0))  # the neighbour the only copy source
    (text,) = engine.describe(["gcloud-compute-instances-list"])
    assert "disks" not in text and text.startswith("list the")  # the shared words copied, the neighbour's own not


def test_a_number_of_the_name_is_written_as_often_as_the_name_states_it_and_then_not_announced() -> None:
    version, three, point, eleven, eight, installer = 50, 3, 6, 11, 8, 51  # "python-3.11.8": version 3.11.8
    numbers = frozenset({three, eleven, eight})
    name = CopySource((version, three, point, eleven, point, eight), 1.0,
                      words=(NameWord(0, frozenset({(version,)})),), numbers=numbers, numbered=True)
    classes = TokenClasses(numbers=numbers, joiners=frozenset({point}), announcers=frozenset({version}))
    processor = NeighbourCopy([[name]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START, tokens=classes)
    ruled_out = banned(processor, [START, three, point, eleven], {})
    assert three in ruled_out and eight not in ruled_out and version not in ruled_out
    assert three not in banned(processor, [START, three, point, eleven], {three: 1.0})  # a neighbour's "64-bit"
    written = banned(processor, [START, three, point, eleven, point, eight], {})
    assert numbers | {version} <= written and installer not in written  # all written: "version" announces nothing
    assert version in banned(processor, [START, three, point, eleven, point, eight], {version: 1.0})  # not even so
    unnumbered = NeighbourCopy([[CopySource(name.token_ids, 1.0, words=name.words, numbers=numbers)]], shares=[0.5],
                               eos_token_id=EOS, decoder_start_token_id=START, tokens=classes)
    assert version not in banned(unnumbered, [START, three, point, eleven, point, eight], {})  # "2024 final version"
    twice = CopySource((three, three), 1.0, words=(NameWord(0, frozenset({(three,)}), letters=False),
                                                   NameWord(1, frozenset({(three,)}), rank=2, letters=False)),
                       numbers=frozenset({three}))
    processor = NeighbourCopy([[twice]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START, tokens=classes)
    assert three not in banned(processor, [START, three], {})  # the name states it twice
    assert three in banned(processor, [START, three, 5, three], {})
    assert token_classes({"number": 7, "▁version": 8, "versions": 9}).announcers == {7, 8}


def test_a_wording_holds_the_words_of_its_sources_but_those_skipped() -> None:
    spread, sheet, of, acme = 10, 11, 12, 13  # "spread ##sheet of acme", "acme" the neighbour's own word
    words = token_words((spread, sheet, of, acme), frozenset({sheet}), skip=frozenset({3}))
    assert words == [(spread, sheet), (of,)]
    assert wording(words).starts == {spread, of} and wording(words).following == {(spread,): {sheet}}


def test_letters_and_marks_are_told_from_pieces_and_numbers_in_both_vocabularies() -> None:
    wordpiece = token_classes({"invoice": 1, "##s": 2, "2024": 3, "{": 4, "_": 5, ",": 6, "mp3": 7})
    assert (wordpiece.words, wordpiece.marks) == ({1}, {4, 5, 6})
    sentencepiece = token_classes({"\u2581photo": 1, "s": 2, "\u2581(": 3, "\u2581": 4, "\u25812024": 5})
    assert (sentencepiece.words, sentencepiece.marks) == ({1}, {3})


def test_no_word_or_mark_that_nothing_in_the_input_gives_and_no_piece_glued_on_another() -> None:
    policy, car, vaccines, the, rl, spread, sheet, brace = 20, 21, 22, 23, 24, 25, 26, 27
    tokens = TokenClasses(pieces=frozenset({rl, sheet}), words=frozenset({policy, car, vaccines, the, spread}),
                          marks=frozenset({brace}))
    given = wording([(policy,), (car,), (the,), (spread, sheet)])
    name = name_source((car,), (policy,))
    processor = NeighbourCopy([[name]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START, tokens=tokens,
                              wordings=[given])
    assert {vaccines, brace} <= banned(processor, [START, car], {})  # no "car insurance on vaccines {"
    assert not {policy, the, spread} & banned(processor, [START, car], {})
    assert rl in banned(processor, [START, car, the], {})  # no "therl..."
    assert sheet not in banned(processor, [START, car, spread], {})  # "spreadsheet" goes on as the input writes it
    assert vaccines not in banned(processor, [START, car], {vaccines: 1.0})  # a neighbour's copy offers it
    memory_off = NeighbourCopy([[name]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START, tokens=tokens)
    assert not {vaccines, rl, brace} & banned(memory_off, [START, car, the], {})


def test_the_engine_words_are_the_names_the_neighbours_but_their_own_and_the_common_ones(
        tiny_engine: DescriptionEngine) -> None:
    row = [Neighbour("acme_invoice_march.pdf", "an invoice from acme for march", "everyday", 0.9, 0.5, 1.0, True)]
    name = "invoice_april.pdf"
    given = tiny_engine._wording(name, [*tiny_engine._copy_sources(name, row, [1.0]),
                                        tiny_engine._name_source(name, 1.0)])

    def writes(word: str) -> bool:
        ids = tiny_engine.tokenizer(word, add_special_tokens=False)["input_ids"]
        return ids[0] in given.starts and all(ids[k] in given.following.get(tuple(ids[:k]), ()) for k in
                                              range(1, len(ids)))

    assert all(writes(word) for word in ("invoice", "april", "from", "the", "number"))
    assert not writes("photo")  # a kind of file that nothing in the input names
    assert not writes("acme")  # the neighbour's own word
    assert tiny_engine._copy_processor(["invoice_april.pdf"], [[]]).wordings == [None]  # no neighbours: no rule


def test_the_querys_words_a_neighbours_name_states_and_those_it_does_not() -> None:
    assert shared_words("HUURCONTRACT.pdf", "Huurcontract_Utrecht_getekend.pdf") == (
        {"huurcontract"}, {"utrecht", "signed"})  # "getekend" read as the state it is
    assert shared_words("backup.ps1", "cleanup_old_backups.ps1") == ({"backups"}, {"cleanup", "old"})  # in any form
    assert shared_words("Bolletta Luce 2024.pdf", "Bolletta_luce_marzo_2024.pdf") == ({"bolletta", "luce"}, set())
    assert shared_words("Note.md", "Notes May 2024.md") == ({"notes"}, set())  # the date is none of its words
    assert shared_words("report.docx", "report_for_the_board.docx") == ({"report"}, {"board"})  # no joining word
    assert shared_words("trip.jpg", "trip_b.jpg") == ({"trip"}, set())  # nor a letter
    assert shared_words("Contrato.pdf", "Contrato_firmado_v2.pdf") == ({"contrato"}, {"signed"})  # its state, read out


def unsaid_row() -> NeighbourCopy:
    """A query "Huurcontract Utrecht" (tokens 7, 8) whose neighbour HUURCONTRACT says "a tenancy agreement" (4 5 6)."""
    neighbour = CopySource((4, 5, 6), 1.0, stated=frozenset({"huurcontract"}), unsaid=frozenset({"utrecht"}))
    name = CopySource((7, 8), 1.0, words=(NameWord(0, frozenset({(7,)}), text="huurcontract"),
                                          NameWord(1, frozenset({(8,)}), text="utrecht")))
    return NeighbourCopy([[neighbour, name]], shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START)


def test_a_neighbours_whole_description_says_the_words_its_name_states() -> None:
    processor = unsaid_row()
    assert processor.written(0, [START, 4, 5]) == set()  # not yet whole
    assert processor.written(0, [START, 4, 5, 6]) == {1}  # "Huurcontract" said ("a tenancy agreement")
    assert processor.written(0, [START, 4, 5, 6, 3, 8]) == {1, 2}  # ... and "Utrecht" written
    assert processor.copy_distribution(0, [START, 4, 5, 6, 3]) == {8: 1.0}  # only the unsaid word is offered


def test_a_neighbours_end_is_not_copied_while_the_query_says_more_than_its_name() -> None:
    processor = unsaid_row()
    ended = [START, 4, 5, 6]  # "a tenancy agreement": the query's "Utrecht" is not written yet
    assert processor.copy_distribution(0, ended) == {8: 1.0}  # the neighbour's end is not offered; the name goes on
    whole = NeighbourCopy([[CopySource((4, 5, 6), 1.0, stated=frozenset({"huurcontract"})),
                            CopySource((7,), 1.0, words=(NameWord(0, frozenset({(7,)}), text="huurcontract"),))]],
                          shares=[0.5], eos_token_id=EOS, decoder_start_token_id=START)
    assert whole.copy_distribution(0, ended) == {EOS: 1.0}  # a neighbour whose name says all the query's words ends it


def test_the_engine_marks_what_each_neighbours_name_states(tiny_engine: DescriptionEngine) -> None:
    row = [Neighbour("HUURCONTRACT.pdf", "a tenancy agreement", "everyday", 0.9, 0.5, 1.0, True)]
    name = "Huurcontract_Utrecht.pdf"
    source, = tiny_engine._copy_sources(name, row, [1.0])
    assert source.stated == {"huurcontract"} and source.unsaid == {"utrecht"}
    correction = replace(row[0], own=True)  # the user's own description is followed as written: it may end one
    source, = tiny_engine._copy_sources(name, [correction], [1.0])
    assert source.stated == {"huurcontract"} and source.unsaid == set()
    assert [w.text for w in tiny_engine._name_source(name, 1.0).words] == ["huurcontract", "utrecht"]
