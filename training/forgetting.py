"""ROUGE on the starter test split before and after a fine-tune: how much general knowledge was kept."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from core.describe.examples import load_examples
from training.replay import starter_split


def starter_check(model_dir: Path, base_spec: str, limit: int | None, memory_files: Sequence[Path] | None,
                  device: str = "auto", progress: Callable[[int, int], None] | None = None) -> dict[str, Any] | None:
    """The evaluate report of the run against its base on the first `limit` starter test examples (all if None).

    None when `limit` is 0 or no starter corpus is shipped; `memory_files` None means no memory.
    """
    from training.commands.evaluate import attach_memory, compare, open_engines

    path = starter_split("test")
    if limit == 0 or not path.is_file():
        return None
    examples = load_examples(path)[0][:limit]
    engines = open_engines(str(model_dir), base_spec, device=device)
    if memory_files is not None:
        attach_memory(engines, memory_files, examples)
    return compare(examples, *engines, progress)
