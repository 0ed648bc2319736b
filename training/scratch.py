"""Building a new tokenizer and a new fused T5 from scratch (starter model, test fixtures)."""
from __future__ import annotations

import json
from collections.abc import Iterable

import torch
from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
from transformers import PreTrainedTokenizerFast

from core.describe.model import FusedT5Config, FusedT5ForConditionalGeneration

SPECIAL_TOKENS = ("<pad>", "</s>", "<unk>")


def train_tokenizer(texts: Iterable[str], vocab_size: int = 8000) -> PreTrainedTokenizerFast:
    """Train a T5-style Unigram tokenizer (<pad>=0, </s>=1, <unk>=2, `</s>` appended) on `texts`."""
    tokenizer = Tokenizer(models.Unigram())
    tokenizer.normalizer = normalizers.NFKC()
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace()
    tokenizer.decoder = decoders.Metaspace()
    trainer = trainers.UnigramTrainer(
        vocab_size=vocab_size, special_tokens=list(SPECIAL_TOKENS), unk_token="<unk>", show_progress=False
    )
    tokenizer.train_from_iterator(texts, trainer=trainer)
    tokenizer = with_byte_fallback(tokenizer)
    tokenizer.post_processor = processors.TemplateProcessing(
        single="$A </s>", pair="$A </s> $B </s>", special_tokens=[("</s>", tokenizer.token_to_id("</s>"))]
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer, pad_token="<pad>", eos_token="</s>", unk_token="<unk>", model_max_length=512
    )


def with_byte_fallback(trained: Tokenizer) -> Tokenizer:
    """Add the 256 byte pieces so that any text (CJK, rare symbols) round-trips instead of becoming <unk>."""
    vocab = [(piece, score) for piece, score in json.loads(trained.to_str())["model"]["vocab"]]
    known = {piece for piece, _ in vocab}
    floor = min(score for _, score in vocab) - 1.0
    vocab += [(f"<0x{byte:02X}>", floor) for byte in range(256) if f"<0x{byte:02X}>" not in known]
    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=SPECIAL_TOKENS.index("<unk>"), byte_fallback=True))
    tokenizer.normalizer = trained.normalizer
    tokenizer.pre_tokenizer = trained.pre_tokenizer
    tokenizer.decoder = decoders.Sequence([decoders.ByteFallback(), decoders.Metaspace()])
    return tokenizer


def new_fused_t5(
    tokenizer: PreTrainedTokenizerFast,
    *,
    d_model: int = 256,
    num_layers: int = 4,
    num_decoder_layers: int | None = None,
    num_heads: int = 4,
    d_kv: int = 64,
    d_ff: int = 640,
    lexical_dim: int = 384,
    fusion: str = "add",
    dropout_rate: float = 0.1,
) -> FusedT5ForConditionalGeneration:
    """A randomly initialised gated-GELU fused T5 (Flan-T5 style) sized for `tokenizer`."""
    config = FusedT5Config(
        vocab_size=len(tokenizer),
        d_model=d_model,
        d_kv=d_kv,
        d_ff=d_ff,
        num_layers=num_layers,
        num_decoder_layers=num_decoder_layers,
        num_heads=num_heads,
        feed_forward_proj="gated-gelu",
        dropout_rate=dropout_rate,
        tie_word_embeddings=False,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.pad_token_id,
        lexical_dim=lexical_dim,
        fusion=fusion,
    )
    model = FusedT5ForConditionalGeneration(config)
    with torch.no_grad():  # T5 initialises an untied head at std 1: initial logits so large the loss starts near 60
        model.lm_head.weight.normal_(mean=0.0, std=d_model**-0.5)
    return model
