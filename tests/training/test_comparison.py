"""The verdict of an evaluation report: better or worse only beyond chance, said in plain words."""
from __future__ import annotations

from training.comparison import BETTER, UNCLEAR, WORSE, judge


def report(base: list[float], new: list[float]) -> dict:
    """A report with these per-example ROUGE-1 scores (the other types left out)."""
    return {"n": len(base), "base": {"rouge1": sum(base) / len(base)}, "finetuned": {"rouge1": sum(new) / len(new)},
            "per_example": {"base": [{"rouge1": s} for s in base], "finetuned": [{"rouge1": s} for s in new]}}


def test_a_model_worse_on_every_example_is_worse_and_said_first() -> None:
    verdict = judge(report([0.5, 0.4, 0.6, 0.5, 0.3] * 4, [0.3, 0.3, 0.4, 0.4, 0.2] * 4))
    assert verdict.outcome == WORSE and verdict.high < 0 and verdict.n == 20
    assert verdict.headline("The new model", "starter", "held-out corrections").startswith(
        "The new model does worse than starter: ROUGE-1 0.320 against 0.460 (-0.140) on 20 held-out corrections "
        "(95 % interval of the change: -0.")


def test_a_model_better_on_every_example_is_better() -> None:
    verdict = judge(report([0.1, 0.2, 0.0, 0.3] * 5, [0.4, 0.3, 0.2, 0.5] * 5))
    assert verdict.outcome == BETTER and verdict.low > 0
    assert verdict.headline("It", "starter", "examples").startswith("It does better than starter: ROUGE-1 0.350")


def test_a_change_within_chance_is_unclear_whichever_its_sign() -> None:
    lower = judge(report([0.5, 0.0, 0.5, 0.0, 0.4], [0.0, 0.5, 0.0, 0.5, 0.3]))
    assert lower.outcome == UNCLEAR and lower.low < 0 < lower.high and lower.change < 0
    assert "scored lower than starter, but on so few examples the difference may be chance" in lower.headline(
        "It", "starter", "examples")
    higher = judge(report([0.0, 0.5, 0.0, 0.5, 0.3], [0.5, 0.0, 0.5, 0.0, 0.4]))
    assert higher.outcome == UNCLEAR and "scored slightly higher than" in higher.headline("It", "starter", "examples")
    same = judge(report([0.2, 0.4], [0.4, 0.2]))
    assert same.headline("It", "starter", "examples") == (
        "It scores the same as starter: ROUGE-1 0.300 against 0.300 (±0.000) on 2 examples.")


def test_a_report_without_per_example_scores_is_judged_by_its_means() -> None:
    old = {"n": 40, "base": {"rouge1": 0.120}, "finetuned": {"rouge1": 0.094}}
    verdict = judge(old)
    assert verdict.outcome == WORSE and verdict.low is None
    assert verdict.headline("It", "starter", "examples") == (
        "It does worse than starter: ROUGE-1 0.094 against 0.120 (-0.026) on 40 examples.")
