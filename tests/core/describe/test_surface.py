"""The written form of a lower-casing model's descriptions: spacing and spelling learnt from a corpus."""
from __future__ import annotations

import pytest

from core.describe.surface import (
    detokenize,
    input_spellings,
    learn_spellings,
    learn_surface,
    lowercases,
    plain,
    restore_case,
    written_form,
)
from training.scratch import minilm_folder, train_tokenizer, wordpiece_tokenizer

CORPUS = [
    "Node.js version that nvm uses for this project", "Jane Doe's résumé as a PDF document",
    "a photo taken on 12 May 2024 at 18:30", "a 7-Zip archive of the photos", "Python 3.12.2 installer for Windows",
    "track 3 of an album: Karma Police", "settings for docker-compose.yml", "a résumé for a job at Google",
    "notes from the meeting on 3 May 2023 at 09:15", "the Docker Compose file of the app",
    "Python 3.11.8 installer for macOS", "an album: Abbey Road", "a PDF document", "a 7-Zip archive of music",
    "Node.js packages", "version 1.2.3 of the tool", "Jane Doe's notes", "Anna's photos", "a list: apples",
    "an installer for Windows", "a plan for May", "photos since May 2020", "a letter to Jane", "for Jane and Tom",
    "forms in PDF", "PDF files", "signed by Doe", "Doe family photos", "the Doe house", "with 7-Zip", "7-Zip files",
    "code in Python", "a Python script", "runs on Windows", "the Windows registry",
]


@pytest.fixture(scope="module")
def tokenizer():
    return wordpiece_tokenizer(CORPUS, minilm_folder())


def test_a_wordpiece_tokenizer_lowercases_and_a_unigram_one_does_not(tokenizer) -> None:
    assert lowercases(tokenizer)
    assert not lowercases(train_tokenizer(CORPUS * 5, vocab_size=120))


def test_the_corpus_round_trips_through_lowercased_tokens(tokenizer) -> None:
    surface = learn_surface(tokenizer, CORPUS)
    for text in ("a photo taken on 12 May 2024 at 18:30", "Jane Doe's résumé as a PDF document",
                 "a 7-Zip archive of the photos", "Python 3.12.2 installer for Windows",
                 "track 3 of an album: Karma Police"):
        tokens = tokenizer.convert_ids_to_tokens(tokenizer(text, add_special_tokens=False)["input_ids"])
        assert tokens == [t.lower() for t in tokens]  # what the model writes
        assert written_form(tokens, {"karma": "Karma", "police": "Police"}, surface) == text


def test_spacing_backs_off_to_token_classes(tokenizer) -> None:
    surface = learn_surface(tokenizer, CORPUS)
    text = "a note: pears at 10:45 of version 7.8.9"  # pairs never seen as such: decided by their classes
    tokens = tokenizer.convert_ids_to_tokens(tokenizer(text, add_special_tokens=False)["input_ids"])
    assert detokenize(tokens, surface["spacing"]) == text


def test_spelling_is_the_most_frequent_written_form() -> None:
    table = learn_spellings(["a PDF", "the PDF", "pdf", "in PDF", "a résumé", "résumé", "may be", "may", "on 3 May",
                             "Apple", "Autumn Leaves", "Autumn Leaves again", "it leaves"])
    # "may" is lower case as often; "Apple" seen once only; "Leaves" only ever in one title
    assert table == {"pdf": "PDF", "resume": "résumé"}
    assert plain("Lefèvre") == "lefevre"


def test_capitals_are_learnt_only_where_they_clearly_outnumber_lower_case() -> None:
    api = ["a REST API", "the REST client", "REST calls"]
    rest = ["the rest of a project", "rest of the files"]
    assert "rest" not in learn_spellings([*api, *rest, "REST endpoints"])  # 4 to 2: "the REST of a project"
    assert learn_spellings([*api, *rest, "REST endpoints", "REST routes"])["rest"] == "REST"  # 5 to 2


def test_a_word_beside_a_number_has_its_own_spelling_where_it_differs() -> None:
    texts = ["on 3 May 2024", "in May 2023", "1 May 2022", "it may be used", "what may change", "may be empty",
             "a PDF", "the PDF 2", "PDF 1.7"] * 7
    table = learn_spellings(texts)
    assert table == {"#may": "May", "pdf": "PDF"}  # "may" apart from numbers stays as written; PDF is PDF anywhere
    # under 20 writings in a context: as a whole, where the capitals clearly outnumber lower case
    assert "may" not in learn_spellings([*texts[:18], "May 2021"])  # 7 to 6
    assert learn_spellings([*texts[:18], *["May 2021"] * 7])["may"] == "May"  # 13 to 6
    assert restore_case("may be shared, taken on 1 may 2024 as a pdf", {}, table) == \
        "may be shared, taken on 1 May 2024 as a PDF"
    assert restore_case("may 2024", {"may": "MAY"}, table) == "MAY 2024"  # the input still has the last word
    assert restore_case("spring i allegro, i think", {}, table) == "spring I allegro, I think"  # "I" is always "I"


def test_the_input_has_the_last_word_and_title_case_names_say_nothing() -> None:
    telling = input_spellings("scan_passport_Camille.pdf", ["PDF document"], ["a photo of Mont Blanc"])
    assert telling == {"camille": "Camille", "pdf": "PDF", "mont": "Mont", "blanc": "Blanc"}
    assert input_spellings("Lesson Plan Week 12 - Photosynthesis.docx", [], []) == {}  # Title Case throughout
    assert input_spellings("CV_Camille_Lefèvre.pdf", [], []) == {"cv": "CV", "lefevre": "Lefèvre"}  # accents tell
    spelling = {"cv": "CV", "resume": "résumé"}
    assert restore_case("camille lefevre's cv and resume", {"lefevre": "Lefèvre", "camille": "Camille"}, spelling) \
        == "Camille Lefèvre's CV and résumé"


def test_a_dotted_name_stays_apart_from_the_word_before_it_as_the_input_writes_it() -> None:
    neighbours = ["local environment variables that override .env on this machine", "settings kept in .npmrc"]
    spellings = input_spellings(".env.local", [], neighbours)
    assert spellings["override.env"] == "override .env" and spellings["in.npmrc"] == "in .npmrc"
    assert restore_case("variables that override.env here", spellings, {}) == "variables that override .env here"
    assert restore_case("settings of config.env", spellings, {}) == "settings of config.env"  # not in the input
    assert "settings.env" not in input_spellings("a.txt", [], ["reads settings.env first"])  # written joined


def test_the_engine_writes_a_lowercasing_models_descriptions_in_their_written_form(tokenizer, tmp_path,
                                                                                    lexical_encoder) -> None:
    import torch

    from core.describe.engine import DescriptionEngine
    from training.scratch import new_fused_t5

    model = new_fused_t5(tokenizer, d_model=32, num_layers=1, num_heads=2, d_kv=16, d_ff=32)
    model.config.surface_forms = learn_surface(tokenizer, CORPUS)
    model.save_pretrained(tmp_path)
    tokenizer.save_pretrained(tmp_path)
    engine = DescriptionEngine(str(tmp_path), device="cpu", lexical=lexical_encoder)
    assert engine.surface is not None
    written = tokenizer("jane doe ' s resume as a pdf document", add_special_tokens=False)["input_ids"]
    start = [model.config.decoder_start_token_id]
    engine.model.generate = lambda **_: torch.tensor([start + written + [tokenizer.eos_token_id]])
    assert engine.describe(["CV_jane_Doe.pdf"]) == ["Jane Doe's résumé as a PDF document"]
