"""The shipped starter model (resources/models/starter): loads offline, describes sensibly, float16 on disk."""
from __future__ import annotations

import json
import struct
import unicodedata

import pytest

from core.describe.engine import DescriptionEngine
from core.describe.model_loading import load_fused_model, resolve_model, starter_path
from core.describe.prompts import build_prompt

NAMES = [
    "app_config.yaml", "README.md", "Makefile", "report_2024.pdf", "holiday photo.jpg", "main.py", "styles.css",
    "index.html", "backup.tar.gz", "budget.xlsx", "notes.txt", "song.mp3", "video.mp4", "Dockerfile",
    "package.json", "data.csv", "setup.cfg", ".gitignore", "résumé.docx", "logo.svg",
]


@pytest.fixture(scope="module")
def starter_engine(lexical_encoder) -> DescriptionEngine:
    return DescriptionEngine("starter", device="cpu", lexical=lexical_encoder)


def test_starter_is_shipped_small_and_float16() -> None:
    folder = starter_path()
    weights = folder / "model.safetensors"
    assert weights.is_file() and not list(folder.glob("*.bin"))
    assert sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) <= 40 * 1024 * 1024
    header_size = struct.unpack("<Q", weights.read_bytes()[:8])[0]
    header = json.loads(weights.read_bytes()[8 : 8 + header_size])
    assert {entry["dtype"] for name, entry in header.items() if name != "__metadata__"} == {"F16"}
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    assert config["model_type"] == "fused_t5" and config["fusion"] == "add"
    assert config["feed_forward_proj"] == "gated-gelu"


def test_starter_spec_resolves_to_the_shipped_folder() -> None:
    resolved = resolve_model("starter")
    assert resolved.origin == "starter" and resolved.path == starter_path()


def test_starter_describes_twenty_names_sensibly(starter_engine: DescriptionEngine) -> None:
    descriptions = starter_engine.describe(NAMES)
    for name, text in zip(NAMES, descriptions, strict=True):
        assert text.strip() and "\n" not in text, name
        assert "Describe the file" not in text and text != build_prompt(name), name
    assert len(set(descriptions)) >= 10  # names of different kinds get different descriptions


def folded(text: str) -> str:
    """What MiniLM's WordPiece normaliser keeps of a Latin-script name: lower case, accents dropped, no spaces."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c)
                   and not c.isspace())


def test_starter_tokenizer_keeps_latin_names_and_describes_any_script(starter_engine: DescriptionEngine) -> None:
    """The starter reads MiniLM's lower-casing WordPiece vocabulary: Latin names survive folded (the written-form
    tables put accents and capitals back in descriptions); other scripts may lose characters to [UNK] but still
    get a description."""
    _, tokenizer = load_fused_model(starter_path())
    for name in ("résumé.docx", "Über_größe.txt", "naïve café.md", "Tax_Return_2023.pdf"):
        ids = tokenizer(name)["input_ids"]
        assert tokenizer.unk_token_id not in ids, name
        assert tokenizer.decode(ids, skip_special_tokens=True).replace(" ", "") == folded(name)
    odd = ["東京の写真.jpg", "😀 party.png", "ملف.pdf"]
    for name, text in zip(odd, starter_engine.describe(odd), strict=True):
        assert text.strip() and "\n" not in text, name


def test_starter_claims_no_state_version_or_quarter_that_the_name_does_not(starter_engine: DescriptionEngine) -> None:
    """Without the claims rule the starter writes "a sales report for the first quarter of 2023" (measured)."""
    names = ["sales_report_2023.pptx", "20240228_Protokoll_Teammeeting.docx", "budget_2026.xlsx"]
    for name, text in zip(names, starter_engine.describe(names), strict=True):
        assert not set(text.lower().split()) & {"quarter", "first", "final", "version", "draft"}, (name, text)
    claimed = starter_engine._name_source("sales_report_2023.pptx", 1.0).claims
    assert {"quarter", "first", "final", "version"} <= {starter_engine.tokenizer.decode([t]) for t in claimed}

