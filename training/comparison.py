"""Is a fine-tuned model better than its base? The verdict of an evaluation report, in plain words.

The verdict goes by ROUGE-1 on the report's examples. With per-example scores (reports of `evaluate` since they
carry `per_example`), a paired bootstrap gives the 95 % interval of the change: the new model is better or worse
only when the whole interval is above or below zero; otherwise the difference may be chance and the verdict is
"unclear" (the app then keeps the model in use by default). Older reports without per-example scores are judged
by their means alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from training.rouge import ROUGE_NAMES, format_change

BETTER, WORSE, UNCLEAR = "better", "worse", "unclear"
METRIC = "rouge1"


@dataclass(frozen=True)
class Verdict:
    """How the new model compares with its base on METRIC: the means, the change and its 95 % interval if known."""

    outcome: str  # BETTER, WORSE or UNCLEAR
    base: float
    new: float
    n: int
    low: float | None = None
    high: float | None = None

    @property
    def change(self) -> float:
        return self.new - self.base

    def headline(self, new_name: str, base_name: str, examples: str) -> str:
        """The verdict as the first sentence of a report, e.g. "The new model does worse than starter: ..."."""
        scores = (f"{ROUGE_NAMES[METRIC]} {self.new:.3f} against {self.base:.3f} ({format_change(self.change)}) "
                  f"on {self.n} {examples}")
        interval = ("" if self.low is None else
                    f" (95 % interval of the change: {format_change(self.low)} to {format_change(self.high)})")
        if self.outcome == BETTER:
            return f"{new_name} does better than {base_name}: {scores}{interval}."
        if self.outcome == WORSE:
            return f"{new_name} does worse than {base_name}: {scores}{interval}."
        if round(self.change, 3) == 0:
            return f"{new_name} scores the same as {base_name}: {scores}."
        direction = "lower" if self.change < 0 else "slightly higher"
        return (f"{new_name} scored {direction} than {base_name}, but on so few examples the difference may be "
                f"chance: {scores}{interval}. It is no clear improvement.")


def judge(report: dict[str, Any]) -> Verdict:
    """The verdict of an `evaluate` report (its `base`, `finetuned`, `n` and, if present, `per_example`)."""
    from training.rouge import bootstrap_difference

    base, new, n = float(report["base"][METRIC]), float(report["finetuned"][METRIC]), int(report["n"])
    pairs = report.get("per_example") or {}
    base_scores = [float(scores[METRIC]) for scores in pairs.get("base", [])]
    new_scores = [float(scores[METRIC]) for scores in pairs.get("finetuned", [])]
    if not base_scores or len(base_scores) != len(new_scores):
        change = round(new - base, 3)
        return Verdict(BETTER if change > 0 else WORSE if change < 0 else UNCLEAR, base, new, n)
    _, low, high = bootstrap_difference(new_scores, base_scores)
    return Verdict(BETTER if low > 0 else WORSE if high < 0 else UNCLEAR, base, new, n, low, high)
