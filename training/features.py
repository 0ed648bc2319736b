"""Model features of examples: batched tokenisation of the app's prompt, one lexical vector per distinct filename."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from core.describe.examples import Example
    from core.describe.lexical import LexicalEncoder


@dataclass
class EncodedExamples:
    """Unpadded token ids per example and, with fusion, a row of `lexical` per example (shared by equal names)."""

    input_ids: list[list[int]]
    labels: list[list[int]]
    lexical: np.ndarray | None = None
    lexical_rows: list[int] | None = None

    def __len__(self) -> int:
        return len(self.input_ids)

    def __getitem__(self, index: int) -> dict[str, Any]:
        """One example as the collator takes it: `input_ids`, `labels` and, with fusion, `lexical_embeds`."""
        item: dict[str, Any] = {"input_ids": self.input_ids[index], "labels": self.labels[index]}
        if self.lexical is not None and self.lexical_rows is not None:
            item["lexical_embeds"] = self.lexical[self.lexical_rows[index]]
        return item


def lexical_vectors(filenames: Sequence[str], lexical: LexicalEncoder) -> tuple[np.ndarray, list[int]]:
    """Unit-norm vectors of the distinct cleaned filenames (computed in batches) and each name's row."""
    from core.describe.prompts import clean_filename

    cleaned = [clean_filename(name) for name in filenames]
    distinct = list(dict.fromkeys(cleaned))
    row_of = {name: row for row, name in enumerate(distinct)}
    return lexical.encode(distinct), [row_of[name] for name in cleaned]


def encode_examples(
    examples: Sequence[Example],
    tokenizer: Any,
    lexical: LexicalEncoder | None,
    *,
    max_input_tokens: int,
    max_target_tokens: int,
    neighbours: Sequence[Sequence[tuple[str, str]]] | None = None,
    vectors: tuple[np.ndarray, list[int]] | None = None,
) -> EncodedExamples:
    """Tokenise prompts (with each example's `neighbours`, if given) and targets in one batched call each.

    No padding. Lexical vectors: `vectors` (as lexical_vectors gives them) if given, else computed with
    `lexical`; none when both are None.
    """
    from core.describe.prompts import build_prompt

    filenames = [example.filename for example in examples]
    similar = neighbours if neighbours is not None else [()] * len(filenames)
    prompts = [build_prompt(name, pairs) for name, pairs in zip(filenames, similar, strict=True)]
    input_ids = tokenizer(prompts, truncation=True, max_length=max_input_tokens)
    labels = tokenizer(
        text_target=[example.description for example in examples], truncation=True, max_length=max_target_tokens
    )
    encoded = EncodedExamples(input_ids["input_ids"], labels["input_ids"])
    if vectors is None and lexical is not None:
        vectors = lexical_vectors(filenames, lexical)
    if vectors is not None:
        encoded.lexical, encoded.lexical_rows = vectors
    return encoded
