"""Builders of tiny models for tests: a Unigram tokenizer and a 2-layer fused T5, saved to a folder."""
from __future__ import annotations

from pathlib import Path

import torch

TINY_TEXTS = [
    "app_config.yaml configuration settings for an application",
    "README.md documentation that introduces a project",
    "invoice_2024.pdf a PDF document with an invoice",
    "holiday_photo.jpg a JPEG image",
    "main.py Python source code",
    "Makefile build rules for make",
    "data.csv comma separated values table",
    "notes.txt plain text notes",
    "résumé.docx a word processor document with a résumé",
    "archive.tar.gz a compressed tar archive",
    "describe the file filename words",
] * 20


def build_tiny_model(folder: Path, *, fusion: str = "add", seed: int = 0, d_model: int = 32) -> Path:
    """Save a tiny fused T5 and its tokenizer in `folder`; returns the folder."""
    from training.scratch import new_fused_t5, train_tokenizer

    torch.manual_seed(seed)
    tokenizer = train_tokenizer(TINY_TEXTS, vocab_size=200)
    model = new_fused_t5(tokenizer, d_model=d_model, num_layers=2, num_heads=2, d_kv=16, d_ff=64, fusion=fusion)
    with torch.no_grad():  # a non-zero projection, so that fusion visibly matters in tests
        model.lexical_proj.weight.normal_(std=0.05)
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
