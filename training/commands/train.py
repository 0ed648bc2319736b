"""`filescribe train`: fine-tune a fused T5 on filename -> description JSONL into a complete model folder.

The run is written to a hidden `.<out>.partial` folder beside --out (checkpoints included) and renamed to
--out only when everything is saved, so --out is either absent or complete. SIGINT/SIGTERM stop cleanly
between steps; epochs already checkpointed can be continued with --resume. Runs unchanged under
`torchrun --nproc_per_node=N` (DDP, gloo on CPU).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.errors import FileScribeError
from training.cancel import CancelGuard, TrainingCancelled

if TYPE_CHECKING:
    from core.describe.lexical import LexicalEncoder
    from training.data import Splits

PROG = "train"
PRECISIONS = ("auto", "float32", "bfloat16")
SCHEDULES = ("cosine", "linear")
LORA_ATTENTION = ("q", "k", "v", "o")
LORA_FFN = ("wi", "wi_0", "wi_1", "wo")
RUN_FILES = ("training_args.json", "loss_history.json", "metrics.json")
DEFAULT_LR = 3e-4  # for bases that recommend no rate of their own (flan-t5-small, LoRA or full)
TARGET_TOKENS = {"describe": 64, "qa": 256}  # descriptions are one short sentence; answers run longer, as in the seed
KEEP_CHOICES = ("best", "last")
EMPTY_MEMORY_SHARE = 0.25  # training prompts without similar examples, so the model works with an empty memory


class TrainingError(FileScribeError):
    """A training run cannot start or finish (bad output folder, nothing to resume...)."""


@dataclass(frozen=True)
class RunPaths:
    """The final run folder, the hidden folder it is built in, and that folder's checkpoints."""

    out: Path

    @property
    def partial(self) -> Path:
        """Where the run is built; renamed to `out` at the very end."""
        return self.out.parent / f".{self.out.name}.partial"

    @property
    def checkpoints(self) -> Path:
        """Trainer checkpoints (per epoch), removed when the run completes."""
        return self.partial / "checkpoints"


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
    return parser


def run(args: argparse.Namespace) -> int:
    """Train; a cancel returns 128 + the signal number with --out left absent."""
    if args.task == "qa":
        from training.commands.qa_train import run_qa

        return run_qa(args)
    from safetensors import SafetensorError

    with CancelGuard() as guard:
        try:
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
    if is_main_process():
        print(f"{PROG}: saved {out}", file=sys.stderr)
    return 0


def is_main_process() -> bool:
    """True in a single process and in rank 0 of a distributed run."""
    return int(os.environ.get("RANK", "0")) == 0


def drop_unresumable(paths: RunPaths) -> bool:
    """Remove the partial folder unless it holds a checkpoint to resume from; True if it does."""
    resumable = any(paths.checkpoints.glob("checkpoint-*"))
    if not resumable and is_main_process():
        shutil.rmtree(paths.partial, ignore_errors=True)
    return resumable


def report_cancel(args: argparse.Namespace, cancel: TrainingCancelled, resumable: bool) -> None:
    """Say what was kept: nothing, or checkpoints to --resume from."""
    if not is_main_process():
        return
    if args.progress_jsonl:
        from training.progress import emit_event

        emit_event("cancelled", signal=cancel.signum, resumable=resumable)
    hint = f"; finished epochs are kept in {RunPaths(args.out).partial}: continue with --resume" if resumable else ""
    print(f"{PROG}: {cancel}; {args.out} was not written{hint}", file=sys.stderr)


def prepare_folders(args: argparse.Namespace) -> str | None:
    """Check --out and the unfinished run; returns the checkpoint to resume from, if any."""
    paths = RunPaths(args.out)
    if args.resume:
        from transformers.trainer_utils import get_last_checkpoint

        last = get_last_checkpoint(str(paths.checkpoints)) if paths.checkpoints.is_dir() else None
        if last is None:
            raise TrainingError(f"Nothing to resume: {paths.partial} holds no checkpoint.")
        return last
    if paths.partial.exists() and not args.overwrite:
        raise TrainingError(f"An unfinished run of {args.out} is in {paths.partial}: "
                            "pass --resume to continue it or --overwrite to start afresh.")
    if args.out.exists() and not args.overwrite:
        raise TrainingError(f"{args.out} exists already; choose another --out or pass --overwrite.")
    if args.out.exists() and not (args.out / RUN_FILES[0]).is_file():
        raise TrainingError(f"{args.out} is not a training run (it has no {RUN_FILES[0]}); it will not be replaced.")
    if is_main_process():
        shutil.rmtree(paths.partial, ignore_errors=True)
    return None


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
    if replayed and is_main_process():
        print(f"{PROG}: {len(replayed)} starter examples replayed beside {len(splits.train)} of yours", file=sys.stderr)
    return Splits([*splits.train, *replayed], splits.valid, splits.test)


def pick_precision(requested: str, device: Any) -> str:
    """bf16 where it is fast (CUDA with bf16, CPUs with AMX/AVX512-BF16), else float32; never fp16."""
    import torch

    from core.device import cpu_has_fast_bf16

    if requested != "auto":
        return requested
    if device.type == "cuda":
        return "bfloat16" if torch.cuda.is_bf16_supported() else "float32"
    return "bfloat16" if device.type == "cpu" and cpu_has_fast_bf16() else "float32"


def default_threads() -> int:
    """This process's share of the CPU cores available to it."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, cores // int(os.environ.get("LOCAL_WORLD_SIZE", "1")))


def load_base(args: argparse.Namespace) -> tuple[Any, Any, str]:
    """The base model in float32 (fusion switched off with --no-fusion), its tokenizer and its resolved spec."""
    from core.describe.model_loading import load_fused_model, resolve_model

    resolved = resolve_model(args.base, allow_download=args.allow_download)
    if resolved.notice and is_main_process():
        print(f"{PROG}: {resolved.notice}", file=sys.stderr)
    model, tokenizer = load_fused_model(resolved.path)
    model = model.float()
    if args.no_fusion:
        model.config.fusion = "none"
    spec = str(resolved.path) if resolved.origin == "folder" else resolved.spec
    return model, tokenizer, spec


def learning_rate(chosen: float | None, model: Any) -> float:
    """The --lr given, else the base's recommended fine-tuning rate, else DEFAULT_LR."""
    if chosen is not None:
        return chosen
    recommended = getattr(model.config, "finetune_lr", None)
    if recommended and is_main_process():
        print(f"{PROG}: learning rate {recommended:g}, the base model's recommended rate", file=sys.stderr)
    return recommended or DEFAULT_LR


def kept_epoch(chosen: str | None, model: Any) -> str:
    """The --keep given, else the base's recommended choice (config finetune_keep), else best."""
    if chosen is not None:
        return chosen
    recommended = getattr(model.config, "finetune_keep", None)
    if recommended not in KEEP_CHOICES:
        return "best"
    if is_main_process():
        print(f"{PROG}: keeping the {recommended} epoch, as the base model recommends", file=sys.stderr)
    return recommended


def with_lora(model: Any, rank: int) -> Any:
    """LoRA adapters on T5's attention and feed-forward projections; the fusion projection trained fully."""
    from peft import LoraConfig, TaskType, get_peft_model

    names = {name.rsplit(".", 1)[-1] for name, _ in model.named_modules()}
    config = LoraConfig(
        task_type=TaskType.SEQ_2_SEQ_LM, r=rank, lora_alpha=2 * rank, lora_dropout=0.05,
        target_modules=[name for name in LORA_ATTENTION + LORA_FFN if name in names],
        modules_to_save=["lexical_proj"],
    )
    return get_peft_model(model, config)


def trainer_arguments(args: argparse.Namespace, precision: str, device: Any, n_train: int) -> Any:
    """Seq2SeqTrainingArguments: eval and checkpoint per epoch, keep the best by validation loss."""
    from transformers import Seq2SeqTrainingArguments

    world = int(os.environ.get("WORLD_SIZE", "1"))
    steps_per_epoch = max(1, math.ceil(n_train / (args.batch_size * world)))
    return Seq2SeqTrainingArguments(
        output_dir=str(RunPaths(args.out).checkpoints),
        num_train_epochs=args.epochs,
        per_device_train_batch_size=args.batch_size,
        per_device_eval_batch_size=2 * args.batch_size,
        learning_rate=args.lr,
        lr_scheduler_type=args.schedule,
        warmup_steps=args.warmup,
        weight_decay=0.01,
        eval_strategy="epoch",
        save_strategy="epoch",
        logging_strategy="steps",
        logging_steps=max(1, min(50, steps_per_epoch // 10)),
        logging_first_step=True,
        load_best_model_at_end=args.keep == "best",
        metric_for_best_model="eval_loss",
        greater_is_better=False,
        save_total_limit=1,  # the Trainer still keeps the best checkpoint and the latest (for --resume)
        train_sampling_strategy="group_by_length",
        bf16=precision == "bfloat16",
        fp16=False,
        use_cpu=device.type == "cpu",
        ddp_backend="gloo" if device.type == "cpu" and world > 1 else None,
        ddp_find_unused_parameters=False,
        seed=args.seed,
        data_seed=args.seed,
        report_to=[],
        remove_unused_columns=False,
        disable_tqdm=True,
        dataloader_num_workers=0,
        predict_with_generate=False,
        label_names=["labels"],  # the fused forward takes **kwargs, so the Trainer cannot infer it
        log_level="warning",
    )


def training_neighbours(args: argparse.Namespace, splits: Splits, vectors: dict[str, Any]) -> tuple[Any, Any]:
    """Similar examples from the training pool for the training and validation prompts.

    `vectors` holds each split's (distinct filename vectors, row per example), as features.lexical_vectors gives them.
    """
    from training.neighbours import example_neighbours, pool_memory, share_with_neighbours

    per_example = {name: distinct[rows] for name, (distinct, rows) in vectors.items()}
    memory = pool_memory(splits.train, per_example["train"])
    train = example_neighbours(splits.train, per_example["train"], memory, empty_share=args.empty_memory_share,
                               seed=args.seed)
    valid = example_neighbours(splits.valid, per_example["valid"], memory)
    if is_main_process():
        print(f"{PROG}: similar examples in {share_with_neighbours(train):.0%} of training and "
              f"{share_with_neighbours(valid):.0%} of validation prompts", file=sys.stderr)
    return train, valid


def build_trainer(
    args: argparse.Namespace, guard: CancelGuard, model: Any, tokenizer: Any, splits: Splits,
    lexical: LexicalEncoder | None, training_args: Any,
) -> Any:
    """A Seq2SeqTrainer with the fusion collator, progress, cancellation and optional early stopping."""
    from transformers import EarlyStoppingCallback, PrinterCallback, Seq2SeqTrainer

    from core.describe.engine import GenerationSettings
    from training.collator import FusionCollator
    from training.features import encode_examples, lexical_vectors
    from training.progress import CancelCallback, ProgressCallback

    options = {"max_input_tokens": args.max_input_tokens or GenerationSettings().max_input_tokens,
               "max_target_tokens": args.max_target_tokens or TARGET_TOKENS["describe"]}
    callbacks: list[Any] = [ProgressCallback(args.progress_jsonl), CancelCallback(guard)]
    if args.early_stopping > 0 and args.keep == "best":  # stopping early keeps the best epoch only
        callbacks.append(EarlyStoppingCallback(early_stopping_patience=args.early_stopping))
    vectors = {} if lexical is None else {  # encoded once, for the fusion and for the neighbours
        name: lexical_vectors([example.filename for example in examples], lexical)
        for name, examples in (("train", splits.train), ("valid", splits.valid))}
    train_near, valid_near = (None, None) if args.no_memory else training_neighbours(args, splits, vectors)
    fused = model.config.fusion != "none"
    trainer = Seq2SeqTrainer(
        model=model,
        args=training_args,
        train_dataset=encode_examples(splits.train, tokenizer, None, neighbours=train_near,
                                      vectors=vectors.get("train") if fused else None, **options),
        eval_dataset=encode_examples(splits.valid, tokenizer, None, neighbours=valid_near,
                                     vectors=vectors.get("valid") if fused else None, **options),
        data_collator=FusionCollator(tokenizer.pad_token_id),
        processing_class=tokenizer,
        callbacks=callbacks,
    )
    trainer.remove_callback(PrinterCallback)  # it would print raw log dicts on stdout
    return trainer


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


@contextmanager
def torch_threads(count: int) -> Iterator[None]:
    """Use `count` intra-op threads inside the block, then restore the previous setting."""
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def set_up_trainer(
    args: argparse.Namespace, guard: CancelGuard, splits: Splits, device: Any, precision: str,
    lexical: LexicalEncoder | None,
) -> tuple[Any, Any, dict[str, Any]]:
    """Load the base (with LoRA if asked) and the encoder it needs; the trainer, tokenizer and run settings."""
    model, tokenizer, base = load_base(args)
    args.lr = learning_rate(args.lr, model)
    args.keep = kept_epoch(args.keep, model)
    if not model.uses_fusion and args.no_memory:
        lexical = None
    elif lexical is None:
        from core.describe.lexical import LexicalEncoder

        lexical = LexicalEncoder(model.config.lexical_model, device=device.type, allow_download=args.allow_download,
                                 bf16=precision == "bfloat16")
    if args.lora:
        model = with_lora(model, args.lora_rank)
    training_args = trainer_arguments(args, precision, device, len(splits.train))
    trainer = build_trainer(args, guard, model, tokenizer, splits, lexical, training_args)
    settings = {"base": base, "precision": precision, "device": device.type, "processes": training_args.world_size,
                "fusion": model.config.fusion, "memory": not args.no_memory, "splits": splits.sizes()}
    return trainer, tokenizer, settings


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
    cli = {key: str(value) if isinstance(value, Path) else value
           for key, value in vars(args).items() if key not in ("handler", "command")}
    history = {
        split: [{"step": e["step"], "epoch": e["epoch"], "loss": e[key]} for e in state.log_history if key in e]
        for split, key in (("train", "loss"), ("eval", "eval_loss"))
    }
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
    contents = {"training_args.json": {"cli": cli, **settings, "trainer": trainer.args.to_dict()},
                "loss_history.json": history, "metrics.json": metrics}
    for name in RUN_FILES:
        (partial / name).write_text(json.dumps(contents[name], indent=2, default=str) + "\n", encoding="utf-8")


def check_starter(args: argparse.Namespace, partial: Path, settings: dict[str, Any]) -> dict[str, Any] | None:
    """ROUGE of the base and the new model on the starter test split (--starter-check), printed and returned."""
    from training.forgetting import starter_check
    from training.progress import score_reporter

    progress = score_reporter("starter_check") if args.progress_jsonl and is_main_process() else None
    report = starter_check(partial, settings["base"], args.starter_check, None if args.no_memory else [args.train],
                           device=settings["device"], progress=progress)
    if report is not None:
        before, after = report["base"]["rouge1"], report["finetuned"]["rouge1"]
        print(f"{PROG}: starter test split ({report['n']} examples) ROUGE-1 {before:.4f} before, {after:.4f} after",
              file=sys.stderr)
    return report


def publish(paths: RunPaths) -> None:
    """Drop the checkpoints and rename the partial folder to --out (replacing an old one last)."""
    shutil.rmtree(paths.checkpoints, ignore_errors=True)
    old = paths.out.parent / f".{paths.out.name}.old-{os.getpid()}"
    if paths.out.exists():
        os.replace(paths.out, old)
    os.replace(paths.partial, paths.out)
    shutil.rmtree(old, ignore_errors=True)
