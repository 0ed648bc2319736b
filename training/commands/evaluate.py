"""`filescribe evaluate`: ROUGE of a fine-tuned model against its base on the same examples and settings.

Both models generate through core.describe.engine.DescriptionEngine, exactly as the app does, with the same
generation settings; the report holds the mean ROUGE F-measures, their change, each example's scores
(`per_example`, for paired intervals) and the first examples. The last line printed is the verdict
(training.comparison): better or worse only when the 95 % interval of the ROUGE-1 change excludes zero.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.describe.memory_cli import add_memory_options
from core.errors import FileScribeError
from training.cancel import add_cancel_option

if TYPE_CHECKING:
    from core.describe.engine import DescriptionEngine
    from core.describe.examples import Example
    from training.cancel import CancelGuard

PROG = "evaluate"
REPORTED_EXAMPLES = 20


class EvaluationError(FileScribeError):
    """The evaluation cannot run as asked (no base model known, bad output path...)."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `evaluate` command."""
    parser = subparsers.add_parser("evaluate", help="ROUGE of a fine-tuned model vs its base", description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, metavar="SPEC", help="the fine-tuned model (e.g. a run folder)")
    parser.add_argument("--base", metavar="SPEC",
                        help="the model to compare with (default: the base recorded in the run's training_args.json)")
    parser.add_argument("--data", type=Path, required=True, help="JSONL of filename/file_desc examples")
    parser.add_argument("--out", type=Path, required=True, help="report JSON to write")
    parser.add_argument("--plot", type=Path, help="also draw the grouped ROUGE bar chart to this PNG")
    parser.add_argument("--device", default="auto", help="auto (cuda > mps > cpu), cuda, mps or cpu")
    parser.add_argument("--precision", default="auto", help="auto, float32 or bfloat16 (default: the app's)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, help="CPU threads for the models (default: torch's own choice)")
    parser.add_argument("--progress-jsonl", action="store_true",
                        help="report the descriptions generated as JSON lines on stdout (for the app)")
    parser.add_argument("--max-new-tokens", type=int, help="generation length (default: the app's)")
    parser.add_argument("--num-beams", type=int, help="beam width (default: the app's)")
    parser.add_argument("--strict", action="store_true", help="fail on the first malformed data line")
    add_memory_options(parser)
    parser.add_argument("--allow-download", action="store_true", help="fetch a missing hub model (needs network)")
    add_cancel_option(parser)
    return parser


def attach_memory(engines: Sequence[DescriptionEngine], files: Sequence[Path], held_out: Sequence[Example]) -> None:
    """Give the engines the app's memory (the starter corpus plus `files`) without the `held_out` examples.

    Built once per sentence encoder; an evaluated example never serves as its own neighbour.
    """
    from core.describe.memory import default_memory

    built: dict[int, Any] = {}
    for engine in engines:
        if id(engine.lexical) not in built:
            memory = built[id(engine.lexical)] = default_memory(engine.lexical, None, files)
            for example in held_out:
                memory.remove(example.filename, example.description)
        engine.memory = built[id(engine.lexical)]


def recorded_base(model_spec: str) -> str:
    """The base model a run folder was trained from, as its training_args.json records it."""
    record = Path(model_spec).expanduser() / "training_args.json"
    try:
        base = json.loads(record.read_text(encoding="utf-8")).get("base")
    except (OSError, ValueError, AttributeError):
        base = None
    if not isinstance(base, str):
        raise EvaluationError(f"{model_spec} records no base model ({record}); pass --base.")
    return base


def make_engines(args: argparse.Namespace, examples: list[Example]) -> tuple[DescriptionEngine, DescriptionEngine]:
    """The fine-tuned and the base engine of the command line, with the memory (minus `examples`) unless --no-memory."""
    from dataclasses import replace

    from core.describe.engine import GenerationSettings

    defaults = GenerationSettings()
    settings = replace(defaults, max_new_tokens=args.max_new_tokens or defaults.max_new_tokens,
                       num_beams=args.num_beams or defaults.num_beams)
    engines = open_engines(args.model, args.base or recorded_base(args.model), device=args.device,
                           precision=args.precision, allow_download=args.allow_download,
                           batch_size=args.batch_size, settings=settings)
    if not args.no_memory:
        attach_memory(engines, args.memory, examples)
    return engines


def open_engines(model_spec: str, base_spec: str, **options: Any) -> tuple[DescriptionEngine, DescriptionEngine]:
    """Engines for the fine-tuned and the base model: same options (device, precision, settings...) and encoder."""
    from core.describe.engine import DescriptionEngine
    from core.describe.model import DEFAULT_LEXICAL_MODEL
    from core.describe.model_loading import read_config, resolve_model

    finetuned = DescriptionEngine(model_spec, **options)
    base_config = read_config(resolve_model(base_spec, allow_download=options.get("allow_download", False)).path)
    shares_encoder = base_config.get("lexical_model", DEFAULT_LEXICAL_MODEL) == finetuned.model.config.lexical_model
    return finetuned, DescriptionEngine(base_spec, **options, lexical=finetuned.lexical if shares_encoder else None)


def compare(examples: list[Example], finetuned: DescriptionEngine, base: DescriptionEngine,
            progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Both engines describe the examples' filenames; the report of their ROUGE.

    `progress(done, total)` follows the descriptions generated, both models together.
    """
    filenames = [example.filename for example in examples]
    total, done = 2 * len(set(filenames)), 0

    def tick(count: int) -> None:
        nonlocal done
        done += count
        progress(done, total)

    counted = tick if progress is not None else None
    return build_report(examples, base.describe(filenames, counted), finetuned.describe(filenames, counted))


def starter_check(model_dir: Path, base_spec: str, limit: int | None, memory_files: Sequence[Path] | None,
                  device: str = "auto", progress: Callable[[int, int], None] | None = None) -> dict[str, Any] | None:
    """`train`'s check of what a fine-tune kept: its report against its base on the first `limit` starter test
    examples (all if None).

    None when `limit` is 0 or no starter corpus is shipped; `memory_files` None means no memory.
    """
    from core.describe.examples import load_examples
    from training.replay import starter_split

    path = starter_split("test")
    if limit == 0 or not path.is_file():
        return None
    examples = load_examples(path)[0][:limit]
    engines = open_engines(str(model_dir), base_spec, device=device)
    if memory_files is not None:
        attach_memory(engines, memory_files, examples)
    return compare(examples, *engines, progress)


def build_report(examples: list[Example], base: list[str], finetuned: list[str]) -> dict[str, Any]:
    """The report: n, ROUGE of each model, the change, each example's scores, and the first examples side by side."""
    from training.rouge import mean_scores, pair_scores

    gold = [example.description for example in examples]
    base_pairs, tuned_pairs = pair_scores(base, gold), pair_scores(finetuned, gold)
    base_scores, tuned_scores = mean_scores(base_pairs), mean_scores(tuned_pairs)
    return {
        "n": len(examples),
        "base": base_scores,
        "finetuned": tuned_scores,
        "improvement": {name: tuned_scores[name] - base_scores[name] for name in base_scores},
        "per_example": {"base": rounded(base_pairs), "finetuned": rounded(tuned_pairs)},
        "examples": [
            {"filename": example.filename, "gold": example.description, "base": b, "finetuned": f}
            for example, b, f in zip(examples[:REPORTED_EXAMPLES], base, finetuned, strict=False)
        ],
    }


def rounded(pairs: list[dict[str, float]]) -> list[dict[str, float]]:
    """Per-example scores to 4 decimals (plenty for intervals, a fraction of the JSON)."""
    return [{name: round(value, 4) for name, value in scores.items()} for scores in pairs]


def plot_report(report: dict[str, Any], path: Path) -> None:
    """Grouped bars (base vs fine-tuned) per ROUGE type, written atomically as a PNG."""
    from training.plots import pyplot, save_figure
    from training.rouge import ROUGE_NAMES

    names = list(report["base"])
    positions = range(len(names))
    figure, axes = pyplot().subplots(figsize=(7, 4))
    for offset, (key, label) in zip((-0.2, 0.2), (("base", "base"), ("finetuned", "fine-tuned")), strict=True):
        bars = axes.bar([p + offset for p in positions], [report[key][name] for name in names], width=0.4, label=label)
        axes.bar_label(bars, fmt="%.3f", fontsize=8)
    axes.set_xticks(list(positions), [ROUGE_NAMES.get(name, name) for name in names])
    axes.set_ylabel("F-measure")
    axes.set_title(f"ROUGE on {report['n']} examples")
    axes.legend()
    figure.tight_layout()
    save_figure(figure, path)


def run(args: argparse.Namespace) -> int:
    """Generate with both models, score, write the report (and plot); a cancel returns 128 + the signal number
    with nothing written."""
    from training.cancel import CancelGuard, TrainingCancelled
    from training.comparison import judge
    from training.rouge import ROUGE_NAMES

    try:  # around the guard: a request file already there is delivered as soon as the guard starts
        with CancelGuard(args.cancel_file) as guard:
            report = evaluate(args, guard)
    except TrainingCancelled as cancel:
        print(f"{PROG}: {cancel}; {args.out} was not written", file=sys.stderr)
        return cancel.exit_code
    for name in report["base"]:
        print(f"{PROG}: {ROUGE_NAMES.get(name, name)}: base {report['base'][name]:.4f}  "
              f"fine-tuned {report['finetuned'][name]:.4f}  change {report['improvement'][name]:+.4f}", file=sys.stderr)
    print(f"{PROG}: {judge(report).headline('The fine-tuned model', 'the base model', 'examples')}", file=sys.stderr)
    return 0


def evaluate(args: argparse.Namespace, guard: CancelGuard) -> dict[str, Any]:
    """Both models describe the examples; the report, written with its plot in one piece (a cancel arriving
    meanwhile lets it finish)."""
    from core.atomic import write_text_atomically
    from core.describe.examples import DESCRIPTION_SHAPE
    from training.data import load_data, print_report
    from training.progress import score_reporter
    from training.runtime import torch_threads

    data = load_data(args.data, args.strict, DESCRIPTION_SHAPE)
    print_report(args.data, data, PROG)
    with torch_threads(args.threads) if args.threads else contextlib.nullcontext():
        progress = score_reporter("evaluate") if args.progress_jsonl else None
        report = compare(data.examples, *make_engines(args, data.examples), progress)
    with guard.deferred():
        write_text_atomically(args.out, [json.dumps(report, indent=2, ensure_ascii=False) + "\n"])
        if args.plot:
            plot_report(report, args.plot)
    return report
