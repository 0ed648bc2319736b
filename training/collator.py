"""The fusion-aware collator: pads each batch to its own longest example, labels with -100."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import torch

LABEL_PAD = -100  # ignored by T5's cross-entropy


def padded_width(longest: int, multiple: int | None) -> int:
    """`longest` rounded up to a multiple of `multiple` (when given)."""
    return longest if not multiple else -(-longest // multiple) * multiple


def pad_rows(rows: Sequence[Sequence[int]], value: int, multiple: int | None) -> torch.Tensor:
    """Right-pad integer rows with `value` into one (batch, width) tensor."""
    out = torch.full((len(rows), padded_width(max(map(len, rows)), multiple)), value, dtype=torch.long)
    for index, row in enumerate(rows):
        out[index, : len(row)] = torch.as_tensor(row, dtype=torch.long)
    return out


class FusionCollator:
    """Batches `input_ids` (pad id), `attention_mask`, `labels` (-100) and stacked `lexical_embeds`."""

    def __init__(self, pad_token_id: int, pad_to_multiple_of: int | None = None) -> None:
        self.pad_token_id = pad_token_id
        self.pad_to_multiple_of = pad_to_multiple_of

    def __call__(self, features: Sequence[dict[str, Any]]) -> dict[str, torch.Tensor]:
        """Dynamic padding: every batch is as wide as its longest input and its longest label."""
        inputs = [feature["input_ids"] for feature in features]
        batch = {
            "input_ids": pad_rows(inputs, self.pad_token_id, self.pad_to_multiple_of),
            "attention_mask": pad_rows([[1] * len(row) for row in inputs], 0, self.pad_to_multiple_of),
            "labels": pad_rows([feature["labels"] for feature in features], LABEL_PAD, self.pad_to_multiple_of),
        }
        if "lexical_embeds" in features[0]:
            vectors = np.stack([feature["lexical_embeds"] for feature in features]).astype(np.float32, copy=False)
            batch["lexical_embeds"] = torch.from_numpy(vectors)
        return batch
