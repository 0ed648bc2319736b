"""Training speed on CPU: `train`'s defaults vs the seed notebook's settings, flan-t5-small-shaped fused T5.

Run: python -m benchmarks.bench_training [--seed-steps 12] [--steps 30] [--eval-every 3] [--model MODEL]

Every configuration starts from the same random initialisation (by default d_model 512, 8+8 layers, 6 heads,
d_ff 1024, d_kv 64, vocab 32128: random-flan-t5-small of benchmarks/models.py) and trains through the real
pipeline (features.py, the collator, Seq2SeqTrainer) with its own learning-rate schedule over 10 epochs of 1,700
examples, stopped after a few steps; the validation loss is measured every --eval-every steps. "seed" = max_length
128 padding of inputs and labels, batch 8, fp32, lr 5e-5, linear decay, no length grouping, no example memory;
"train" = the command's defaults (dynamic padding, group_by_length, batch 16, the base's recommended rate or 3e-4,
cosine with 5% warm-up, bf16 autocast where the CPU has native bf16, similar examples in the prompts); "train
fp32" = the same in fp32.
The machine is shared, so time is the median step time (evaluation excluded), measured by default as this
process's CPU time with one torch thread (--clock wall --threads 2 for wall time on an idle machine), and time
to a validation loss is steps needed x median step time; wall-clock totals are printed on stderr.
Data: resources/data/starter_descriptions.jsonl (synthetic pairs if missing), shuffled with seed 0.
"""
from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import torch
import transformers
from transformers import TrainerCallback

from benchmarks.bench_features import CLOCKS, add_clock_options, benchmark_examples
from benchmarks.models import model_spec
from benchmarks.smoke import parse_args
from core.describe.lexical import LexicalEncoder
from core.describe.prompts import build_prompt
from training.cancel import CancelGuard
from training.cli import build_parser
from training.collator import FusionCollator
from training.data import Splits
from training.progress import ProgressCallback
from training.runtime import pick_precision
from training.trainer_setup import build_trainer, kept_epoch, learning_rate, load_base, trainer_arguments

SEED_MAX_LENGTH = 128
SEED_OPTIONS = ["--no-memory", "--batch-size", "8", "--lr", "5e-5", "--schedule", "linear", "--warmup", "0",
                "--precision", "float32", "--max-input-tokens", str(SEED_MAX_LENGTH),
                "--max-target-tokens", str(SEED_MAX_LENGTH)]


class StepClock(TrainerCallback):
    """Times every step (evaluation excluded), evaluates every `every` steps and stops after `steps`."""

    def __init__(self, steps: int, every: int, clock) -> None:
        self.steps, self.every, self.clock = steps, every, clock
        self.mark = 0.0
        self.durations: list[float] = []
        self.points: list[tuple[int, float]] = []  # (step, validation loss)
        self.train_losses: dict[int, float] = {}

    def on_train_begin(self, args, state, control, **kwargs) -> None:
        self.mark = self.clock()

    def on_step_end(self, args, state, control, **kwargs) -> None:
        now = self.clock()
        self.durations.append(now - self.mark)
        self.mark = now
        control.should_evaluate = state.global_step % self.every == 0 or state.global_step >= self.steps
        control.should_training_stop = state.global_step >= self.steps

    def on_log(self, args, state, control, logs=None, **kwargs) -> None:
        if logs and "loss" in logs:
            self.train_losses[state.global_step] = logs["loss"]

    def on_evaluate(self, args, state, control, metrics=None, **kwargs) -> None:
        self.points.append((state.global_step, metrics["eval_loss"]))
        self.mark = self.clock()

    @property
    def median_step(self) -> float:
        """Median seconds per training step."""
        return statistics.median(self.durations)


def run_config(name: str, options: list[str], model_dir: str, splits: Splits, lexical: LexicalEncoder,
               steps: int, every: int, clock, work: Path) -> dict:
    """Train one configuration through train's trainer for `steps` steps; returns its measurements."""
    args = build_parser().parse_args(["train", "--train", "-", "--base", model_dir, "--out", str(work / name),
                                      "--early-stopping", "0", *options])
    model, tokenizer, _ = load_base(args)
    args.lr, args.keep = learning_rate(args.lr, model), kept_epoch(args.keep, model)
    device = torch.device("cpu")
    precision = pick_precision(args.precision, device)
    training_args = dataclasses.replace(
        trainer_arguments(args, precision, device, len(splits.train)),
        eval_strategy="no", save_strategy="no", load_best_model_at_end=False, logging_steps=1,
        logging_first_step=False, weight_decay=0.0 if name == "seed" else 0.01,
        train_sampling_strategy="random" if name == "seed" else "group_by_length",
    )
    trainer = build_trainer(args, CancelGuard(), model, tokenizer, splits, lexical, training_args)
    if name == "seed":
        trainer.data_collator = FusionCollator(tokenizer.pad_token_id, pad_to_multiple_of=SEED_MAX_LENGTH)
    timer = StepClock(steps, every, clock)
    trainer.remove_callback(ProgressCallback)
    trainer.add_callback(timer)
    start_loss = trainer.evaluate()["eval_loss"]  # also a warm-up
    timer.points.clear()
    started = time.perf_counter()
    trainer.train()
    return {"name": name, "precision": precision, "batch": args.batch_size, "steps": trainer.state.global_step,
            "median_step": timer.median_step, "wall": time.perf_counter() - started, "start_loss": start_loss,
            "points": timer.points, "train_losses": timer.train_losses}


def steps_to(points: list[tuple[int, float]], target: float) -> int | None:
    """The first evaluated step with a validation loss at or below `target`."""
    return next((step for step, loss in points if loss <= target), None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed-steps", type=int, default=12, help="steps of the seed's settings (default 12)")
    parser.add_argument("--steps", type=int, default=30, help="steps of train's settings, bf16 and fp32 (default 30)")
    parser.add_argument("--eval-every", type=int, default=3, help="steps between validation losses (default 3)")
    parser.add_argument("--train", type=int, default=1700)
    parser.add_argument("--valid", type=int, default=100)
    parser.add_argument("--model", default="random-flan-t5-small",
                        help="where training starts: random-SHAPE (benchmarks/models.py) or a model spec")
    add_clock_options(parser)
    args = parse_args(parser, {"seed_steps": 2, "steps": 2, "eval_every": 1, "train": 32, "valid": 8,
                               "model": "random-tiny"})
    torch.set_num_threads(args.threads)
    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    examples = benchmark_examples(args.train + args.valid)
    random.Random(0).shuffle(examples)
    splits = Splits(examples[: args.train], examples[args.train :], [])
    lexical = LexicalEncoder()
    configs = (("seed", SEED_OPTIONS, args.seed_steps), ("train", [], args.steps),
               ("train fp32", ["--precision", "float32"], args.steps))
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        model_dir = model_spec(args.model, Path(tmp), lambda: [f"{build_prompt(e.filename)} {e.description}"
                                                               for e in examples])
        for name, options, steps in configs:
            runs.append(run_config(name, options, model_dir, splits, lexical, steps, args.eval_every,
                                   CLOCKS[args.clock], Path(tmp)))
            print(f"{name}: {runs[-1]['steps']} steps in {runs[-1]['wall']:.0f} s wall, median step "
                  f"{runs[-1]['median_step']:.2f} s", file=sys.stderr)
    print(f"{args.threads} torch thread(s), {args.clock} clock")
    report(runs, args.train)


def report(runs: list[dict], n_train: int) -> None:
    """Print the speed table and the bf16-vs-fp32 loss comparison."""
    seed = runs[0]
    target = min(loss for _, loss in seed["points"])
    seed_time = steps_to(seed["points"], target) * seed["median_step"]
    print(f"Validation loss at step 0: {seed['start_loss']:.3f}; target = the seed's best after "
          f"{seed['steps']} steps: {target:.3f}\n")
    print(f"| settings | precision | batch | median step | examples/s | epoch of {n_train:,} | steps to target | "
          "time to target |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for run in runs:
        rate = run["batch"] / run["median_step"]
        reached = steps_to(run["points"], target)
        time_text = f"{reached * run['median_step']:.0f} s ({seed_time / (reached * run['median_step']):.1f}x)" \
            if reached else "not reached"
        print(f"| {run['name']} | {run['precision']} | {run['batch']} | {run['median_step']:.2f} s | {rate:.1f} | "
              f"{n_train / rate / 60:.1f} min | {reached or '-'} | {time_text} |")
    bf16, fp32 = runs[1], runs[2]
    if bf16["precision"] == "bfloat16":
        gaps = [abs(bf16["train_losses"][s] - fp32["train_losses"][s]) / fp32["train_losses"][s]
                for s in sorted(set(bf16["train_losses"]) & set(fp32["train_losses"]))]
        print(f"\nbf16 vs fp32, same batches: training loss mean relative gap {statistics.mean(gaps):.2%} "
              f"(max {max(gaps):.2%}) over {len(gaps)} steps; validation loss:")
        print("| step | fp32 | bf16 |\n| --- | --- | --- |")
        for (step, loss32), (_, loss16) in zip(fp32["points"], bf16["points"], strict=False):
            print(f"| {step} | {loss32:.3f} | {loss16:.3f} |")


if __name__ == "__main__":
    main()
