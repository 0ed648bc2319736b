"""`filescribe train`: fine-tune a fused T5 on filename -> description JSONL into a complete model folder.

The run is written to a hidden `.<out>.partial` folder beside --out (checkpoints included) and renamed to
--out only when everything is saved, so --out is either absent or complete. SIGINT/SIGTERM (or a --cancel-file
appearing) stop cleanly between steps; epochs already checkpointed can be continued with --resume. Runs unchanged
under `torchrun --nproc_per_node=N` (DDP, gloo on CPU).
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from training.cancel import CancelGuard, TrainingCancelled, add_cancel_option
from training.run_folder import (
    RunPaths,
    TrainingError,
    command_line,
    drop_unresumable,
    loss_history,
    prepare_folders,
    publish,
    report_cancel,
    write_run_files,
)
from training.runtime import PROG, default_threads, is_main_process, note, pick_precision, torch_threads
from training.trainer_setup import DEFAULT_LR, KEEP_CHOICES, TARGET_TOKENS, set_up_trainer

if TYPE_CHECKING:
    from core.describe.lexical import LexicalEncoder
    from training.data import Splits

PRECISIONS = ("auto", "float32", "bfloat16")
SCHEDULES = ("cosine", "linear")
EMPTY_MEMORY_SHARE = 0.25  # training prompts without similar examples, so the model works with an empty memory


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `train` command."""
    parser = subparsers.add_parser("train", help="fine-tune a model on filename -> description examples",
                                   description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--task", choices=("describe", "qa"), default="describe",
                        help="describe (default): filename -> description; qa: question/answer pairs (`qa prepare` "
                             "output) in chunks (--chunk-size; --epochs and --early-stopping do not apply)")
    parser.add_argument("--chunk-size", type=int, default=20000, help="qa: training pairs per chunk (default 20000)")
    parser.add_argument("--epochs-per-chunk", type=float, default=3.0, help="qa: epochs per chunk (default 3)")
    parser.add_argument("--train", type=Path, required=True, help="JSONL of filename/file_desc examples")
    parser.add_argument("--valid", type=Path, help="validation JSONL (default: split --train 85/10/5 into "
                        "train/validation/test by filename; the test part is saved as test.jsonl in the run)")
    parser.add_argument("--base", default="auto", metavar="SPEC",
                        help="model to start from: auto (default), starter, a model folder or a hub id")
    parser.add_argument("--out", type=Path, required=True, help="run folder to create (a loadable model folder)")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing --out or unfinished run")
    parser.add_argument("--resume", action="store_true", help="continue the unfinished run of --out")
    parser.add_argument("--epochs", type=float, default=10.0, help="maximum number of epochs (default 10)")
    parser.add_argument("--lr", type=float, help="peak learning rate of AdamW (default: the base model's "
                        f"recommended rate, its config's finetune_lr, else {DEFAULT_LR:g})")
    parser.add_argument("--batch-size", type=int, default=16, help="examples per step and process (default 16)")
    parser.add_argument("--schedule", choices=SCHEDULES, default="cosine", help="learning-rate decay (default cosine)")
    parser.add_argument("--warmup", type=float, default=0.05, help="share of steps warming up (default 0.05)")
    parser.add_argument("--early-stopping", type=int, default=3, metavar="N",
                        help="stop after N epochs without a better validation loss; 0 = never (default 3; "
                             "never with --keep last)")
    parser.add_argument("--keep", choices=KEEP_CHOICES,
                        help="the model saved: the epoch of lowest validation loss or the last one (training from "
                             "scratch or small bases, where validation on unseen kinds of files peaks too early); "
                             "default: the base model's recommendation, its config's finetune_keep, else best")
    parser.add_argument("--seed", type=int, default=0, help="seed of the split, initialisation and order")
    parser.add_argument("--no-fusion", action="store_true", help="train without the lexical embedding")
    parser.add_argument("--replay", type=float, default=0.5, metavar="SHARE",
                        help="share of the training set drawn from the starter corpus, so that the model keeps its "
                             "general knowledge (default 0.5; 0 = none)")
    parser.add_argument("--no-memory", action="store_true",
                        help="filename-only prompts (by default prompts carry similar training examples, "
                             "as the app's example memory gives them)")
    parser.add_argument("--empty-memory-share", type=float, default=EMPTY_MEMORY_SHARE, metavar="SHARE",
                        help=f"share of training prompts given no similar examples (default {EMPTY_MEMORY_SHARE})")
    parser.add_argument("--starter-check", type=int, metavar="N",
                        help="ROUGE on the first N examples of the starter test split before and after "
                             "training, in metrics.json (default: all of them; 0 = skip)")
    parser.add_argument("--lora", action="store_true", help="train LoRA adapters (merged into the saved model)")
    parser.add_argument("--lora-rank", type=int, default=16, help="LoRA rank (default 16)")
    parser.add_argument("--device", default="auto", help="auto (cuda > mps > cpu), cuda, mps or cpu")
    parser.add_argument("--precision", choices=PRECISIONS, default="auto",
                        help="auto: bf16 on CUDA and on CPUs with native bf16 (AMX/AVX512-BF16), else float32")
    parser.add_argument("--threads", type=int, help="CPU threads per process (default: cores / processes)")
    parser.add_argument("--max-input-tokens", type=int, help="prompt truncation (default: the app's)")
    parser.add_argument("--max-target-tokens", type=int,
                        help=f"target truncation (default {TARGET_TOKENS['describe']}; "
                             f"{TARGET_TOKENS['qa']} with --task qa)")
    parser.add_argument("--strict", action="store_true", help="fail on the first malformed data line")
    parser.add_argument("--allow-download", action="store_true", help="fetch a missing hub model (needs network)")
    parser.add_argument("--progress-jsonl", action="store_true",
                        help="one JSON object per log step, evaluation and end on stdout (for the GUI)")
    add_cancel_option(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Train; a cancel returns 128 + the signal number with --out left absent."""
    if args.task == "qa":
        from training.commands.qa_train import run_qa

        return run_qa(args)
    from safetensors import SafetensorError

    try:  # around the guard: a request file already there is delivered as soon as the guard starts
        with CancelGuard(args.cancel_file) as guard:
            out = train(args, guard)
    except TrainingCancelled as cancel:
        resumable = drop_unresumable(RunPaths(args.out))
        report_cancel(args, cancel, resumable)
        return cancel.exit_code
    except (OSError, SafetensorError) as exc:  # a full disk: a checkpoint may be half-written, keep none
        if is_main_process():
            shutil.rmtree(RunPaths(args.out).partial, ignore_errors=True)
        raise TrainingError(f"could not write the run ({exc}); {args.out} is as it was before") from exc
    except BaseException:
        drop_unresumable(RunPaths(args.out))
        raise
    note(f"saved {out}")
    return 0


def load_splits(args: argparse.Namespace) -> Splits:
    """The training and validation examples (a deterministic split of --train unless --valid is given)."""
    from core.describe.examples import DESCRIPTION_SHAPE, DataError
    from training.data import Splits, load_data, print_report, split_examples

    train_data = load_data(args.train, args.strict)
    if train_data.shape != DESCRIPTION_SHAPE:
        raise DataError(f"{args.train} holds question/answer pairs; `train` fine-tunes filename -> file_desc pairs.")
    if is_main_process():
        print_report(args.train, train_data, PROG)
    if args.valid is None:
        splits = split_examples(train_data.examples, args.seed)
    else:
        valid_data = load_data(args.valid, args.strict, DESCRIPTION_SHAPE)
        if is_main_process():
            print_report(args.valid, valid_data, PROG)
        splits = Splits(train_data.examples, valid_data.examples, [])
    return with_replay(args, splits)


def with_replay(args: argparse.Namespace, splits: Splits) -> Splits:
    """The splits with --replay's share of starter examples added to the training part."""
    from training.data import Splits
    from training.replay import replay_examples

    replayed = replay_examples(args.replay, splits.train, [*splits.valid, *splits.test], args.seed)
    if replayed:
        note(f"{len(replayed)} starter examples replayed beside {len(splits.train)} of yours")
    return Splits([*splits.train, *replayed], splits.valid, splits.test)


def train(args: argparse.Namespace, guard: CancelGuard, lexical: LexicalEncoder | None = None) -> Path:
    """Run the whole fine-tune and return the completed run folder (`lexical` reuses a loaded encoder)."""
    import transformers

    from core.device import pick_device

    transformers.utils.logging.disable_progress_bar()
    resume_from = prepare_folders(args)
    splits = load_splits(args)
    device = pick_device(args.device)
    precision = pick_precision(args.precision, device)
    threads = args.threads or default_threads()
    with torch_threads(threads):
        trainer, tokenizer, settings = set_up_trainer(args, guard, splits, device, precision, lexical)
        with guard.deferred():
            result = trainer.train(resume_from_checkpoint=resume_from)
            guard.check()
            if not trainer.is_world_process_zero():
                return args.out
            finish_run(args, trainer, tokenizer, splits, {**settings, "threads": threads}, result.metrics)
            guard.check()
            publish(RunPaths(args.out))
    if args.progress_jsonl:
        from training.progress import emit_event

        emit_event("done", out=str(args.out), best_eval_loss=trainer.state.best_metric)
    return args.out


def finish_run(
    args: argparse.Namespace, trainer: Any, tokenizer: Any, splits: Splits, settings: dict[str, Any],
    train_metrics: dict[str, float],
) -> None:
    """Save the best model (LoRA merged in), tokenizer, histories and metrics into the partial folder."""
    from core.describe.model_loading import DESCRIBE_TASK, mark_task
    from training.data import write_examples

    partial = RunPaths(args.out).partial
    model = trainer.model.merge_and_unload() if args.lora else trainer.model
    mark_task(model.config, DESCRIBE_TASK)
    model.save_pretrained(partial)
    tokenizer.save_pretrained(partial)
    if splits.test:
        write_examples(partial / "test.jsonl", splits.test)
    state = trainer.state
    metrics = {
        "best_eval_loss": state.best_metric,
        "best_step": state.best_global_step,
        "epochs_completed": state.epoch,
        "steps": state.global_step,
        "stopped_early": state.global_step < state.max_steps,
        "train_runtime_s": train_metrics.get("train_runtime"),
        "train_examples_per_s": train_metrics.get("train_samples_per_second"),
        "train_loss": train_metrics.get("train_loss"),
        "examples": splits.sizes(),
        "starter_test": check_starter(args, partial, settings),
    }
    write_run_files(partial, {"cli": command_line(args), **settings, "trainer": trainer.args.to_dict()},
                    loss_history(state.log_history), metrics)


def check_starter(args: argparse.Namespace, partial: Path, settings: dict[str, Any]) -> dict[str, Any] | None:
    """ROUGE of the base and the new model on the starter test split (--starter-check), printed and returned."""
    from training.commands.evaluate import starter_check
    from training.progress import score_reporter

    progress = score_reporter("starter_check") if args.progress_jsonl and is_main_process() else None
    report = starter_check(partial, settings["base"], args.starter_check, None if args.no_memory else [args.train],
                           device=settings["device"], progress=progress)
    if report is not None:
        before, after = report["base"]["rouge1"], report["finetuned"]["rouge1"]
        note(f"starter test split ({report['n']} examples) ROUGE-1 {before:.4f} before, {after:.4f} after")
    return report
