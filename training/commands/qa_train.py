"""`filescribe train --task qa`: fine-tune on question/answer JSONL incrementally, chunk by chunk, as the Q&A seed did.

The training pairs are cut into chunks of --chunk-size, in file order. Each chunk is trained for
--epochs-per-chunk epochs, starting from the model the previous chunk left, with the validation loss measured
after every epoch and the chunk's best epoch kept. Every finished chunk is saved in the hidden partial folder,
so an interrupted run goes on with --resume from the last finished chunk (and from the last epoch checkpoint
of the chunk it was in). The published model is the chunk with the lowest validation loss; its config lists
"qa" in `filescribe_tasks`, so `filescribe ask` and the Q&A panel let it write answers.

The model reads what the answerer gives it: core.qa.answerer's prompt with the question and the passages retrieved for
it from the Python documentation (the imported Q&A pairs are left out: the pair's own answer is among them).
The question is a record's `title` when it has one (`qa prepare` output: what users type), else its `question`.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from training.cancel import CancelGuard, TrainingCancelled
from training.run_folder import (
    RunPaths,
    TrainingError,
    command_line,
    loss_history,
    prepare_folders,
    publish,
    report_cancel,
    write_run_files,
)
from training.runtime import PROG, default_threads, note, pick_precision, torch_threads
from training.trainer_setup import TARGET_TOKENS, learning_rate, load_base, trainer_arguments, with_lora

if TYPE_CHECKING:
    from core.describe.examples import Example, RecordShape
    from core.qa.index import QAIndex, TextEncoder
    from training.features import EncodedExamples

STATE_FILE = "qa_chunks.json"
CHUNKS_DIR = "chunks"
CHUNK_MARK = "chunk.json"  # in the checkpoints folder: which chunk its checkpoints belong to
TRAINING_INDEX_DIR = "qa-training-docs"  # the documentation-only index, beside the app's index
DEFAULT_MAX_INPUT_TOKENS = 512  # the answerer's (core.qa.answerer.MAX_INPUT_TOKENS)


@dataclass
class ChunkResult:
    """A finished chunk: its best validation loss, where that was, and how long it took."""

    chunk: int
    eval_loss: float
    steps: int
    epochs: float
    train_loss: float | None
    runtime_s: float | None
    history: dict[str, list[dict[str, float]]]


@dataclass
class ChunkState:
    """What a chunked run has done so far, saved in the partial folder after every chunk."""

    base: str
    train_sha256: str
    chunk_size: int
    chunks: int
    done: list[ChunkResult] = field(default_factory=list)

    @property
    def best(self) -> ChunkResult | None:
        """The finished chunk with the lowest validation loss."""
        return min(self.done, key=lambda result: result.eval_loss, default=None)

    def save(self, paths: RunPaths) -> None:
        """Write the state atomically into the partial folder."""
        from core.atomic import write_text_atomically

        write_text_atomically(paths.partial / STATE_FILE, [json.dumps(asdict(self), indent=1), "\n"])

    @classmethod
    def load(cls, paths: RunPaths) -> ChunkState | None:
        """The saved state, None when there is none (or it cannot be read)."""
        try:
            saved = json.loads((paths.partial / STATE_FILE).read_text(encoding="utf-8"))
            return cls(**{**saved, "done": [ChunkResult(**result) for result in saved["done"]]})
        except (OSError, ValueError, TypeError, KeyError):
            return None


def chunk_folder(paths: RunPaths, number: int) -> Path:
    """Where finished chunk `number` (1-based) keeps its model."""
    return paths.partial / CHUNKS_DIR / f"chunk-{number:04d}"


def run_qa(args: argparse.Namespace) -> int:
    """Train in chunks; a cancel returns 128 + the signal number, keeping finished chunks for --resume."""
    try:  # around the guard: a request file already there is delivered as soon as the guard starts
        with CancelGuard(args.cancel_file) as guard:
            out = train_qa(args, guard)
    except TrainingCancelled as cancel:
        report_cancel(args, cancel, keep_if_resumable(RunPaths(args.out)))
        return cancel.exit_code
    except BaseException:
        keep_if_resumable(RunPaths(args.out))
        raise
    note(f"saved {out}")
    return 0


def keep_if_resumable(paths: RunPaths) -> bool:
    """Remove the partial folder unless it holds a finished chunk or a checkpoint; True if it does."""
    state = ChunkState.load(paths)
    resumable = bool(state and state.done) or any(paths.checkpoints.glob("checkpoint-*"))
    if not resumable:
        shutil.rmtree(paths.partial, ignore_errors=True)
    return resumable


def check_arguments(args: argparse.Namespace) -> None:
    """What --task qa needs: a validation file, positive chunk sizes, one process."""
    if args.valid is None:
        raise TrainingError("--task qa needs --valid (`qa prepare` writes OUT.validation.jsonl beside OUT).")
    if args.chunk_size < 1 or args.epochs_per_chunk <= 0:
        raise TrainingError("--chunk-size and --epochs-per-chunk must be positive.")
    if int(os.environ.get("WORLD_SIZE", "1")) > 1:
        raise TrainingError("--task qa trains in one process (no torchrun).")


def question_shape(path: Path) -> RecordShape:
    """Pairs read as title -> answer when the first record has a title, else question -> answer."""
    from core.describe.examples import LoadReport, RecordShape, iter_json_lines, text_field
    from training.data import QA_SHAPE

    try:
        first = next(iter_json_lines(path, LoadReport(), strict=False), None)
    except OSError as exc:
        raise TrainingError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    has_title = first is not None and text_field(first[1], "title") is not None
    return RecordShape("title", QA_SHAPE.target_field, QA_SHAPE.max_target_chars) if has_title else QA_SHAPE


def load_pairs(path: Path, strict: bool) -> list[Example]:
    """The question/answer examples of `path`, with its skipped lines reported on stderr."""
    from training.data import load_data, print_report

    loaded = load_data(path, strict, question_shape(path))
    print_report(path, loaded, PROG)
    return loaded.examples


def start_state(args: argparse.Namespace, paths: RunPaths, n_train: int) -> ChunkState:
    """A new run's empty state, or with --resume the saved one (which must match the data and chunk size)."""
    from core.checksums import file_sha256

    fresh = ChunkState(args.base, file_sha256(args.train), args.chunk_size, -(-n_train // args.chunk_size))
    if not args.resume:
        prepare_folders(args)
        paths.partial.mkdir(parents=True)
        fresh.save(paths)
        return fresh
    saved = ChunkState.load(paths)
    if saved is None:
        raise TrainingError(f"Nothing to resume: {paths.partial} holds no chunked Q&A run.")
    if (saved.train_sha256, saved.chunk_size) != (fresh.train_sha256, fresh.chunk_size):
        raise TrainingError(f"{args.train} or --chunk-size changed since the run began; "
                            "resume with the same ones, or --overwrite to start afresh.")
    return saved


def docs_index(encoder: TextEncoder, jsonl: bool) -> QAIndex:
    """The Python documentation index the contexts come from (built once, cached beside the app's)."""
    from core.qa.index import ENCODE_BATCH, default_cache_dir, open_index
    from training.progress import emit_event

    def progress(done: int, total: int) -> None:
        if jsonl:
            emit_event("index", done=done, total=total)
        elif done == total or done <= ENCODE_BATCH:
            state = "built" if done == total else "being built (first run only; minutes)"
            note(f"documentation index for the contexts {state}: {done} of {total} sentences")

    opened = open_index(encoder, cache_dir=default_cache_dir() / TRAINING_INDEX_DIR, progress=progress)
    return opened.index


def encode_pairs(examples: Sequence[Example], tokenizer: Any, encoder: TextEncoder, index: QAIndex, *,
                 k: int, fusion: bool, max_input_tokens: int, max_target_tokens: int) -> EncodedExamples:
    """Prompts as the answerer builds them (question + retrieved contexts), answers as labels, question vectors."""
    from core.qa.answerer import clean_question, hit_contexts, qa_prompt
    from training.features import EncodedExamples

    questions = [clean_question(example.filename) for example in examples]
    distinct = list(dict.fromkeys(questions))
    row_of = {question: row for row, question in enumerate(distinct)}
    vectors = encoder.encode(distinct)
    prompts = [qa_prompt(question, hit_contexts(tokenizer, question, index.search(vector, k), max_input_tokens))
               for question, vector in zip(distinct, vectors, strict=True)]
    rows = [row_of[question] for question in questions]
    input_ids = tokenizer([prompts[row] for row in rows], truncation=True, max_length=max_input_tokens)
    labels = tokenizer(text_target=[example.description for example in examples], truncation=True,
                       max_length=max_target_tokens)
    return EncodedExamples(input_ids["input_ids"], labels["input_ids"], vectors if fusion else None,
                           rows if fusion else None)


def chunk_checkpoint(paths: RunPaths, number: int) -> str | None:
    """The last epoch checkpoint of chunk `number` to resume from; other chunks' checkpoints are cleared."""
    from transformers.trainer_utils import get_last_checkpoint

    mark = paths.checkpoints / CHUNK_MARK
    try:
        same_chunk = json.loads(mark.read_text(encoding="utf-8")).get("chunk") == number
    except (OSError, ValueError, AttributeError):
        same_chunk = False
    if same_chunk:
        last = get_last_checkpoint(str(paths.checkpoints))
        if last is not None:
            return last
    shutil.rmtree(paths.checkpoints, ignore_errors=True)
    paths.checkpoints.mkdir(parents=True)
    mark.write_text(json.dumps({"chunk": number}) + "\n", encoding="utf-8")
    return None


def chunk_trainer(args: argparse.Namespace, guard: CancelGuard, model: Any, tokenizer: Any,
                  train_set: EncodedExamples, valid_set: EncodedExamples, training_args: Any) -> Any:
    """A Seq2SeqTrainer for one chunk: the fusion collator, progress events and cancellation between steps."""
    from transformers import PrinterCallback, Seq2SeqTrainer

    from training.collator import FusionCollator
    from training.progress import CancelCallback, ProgressCallback

    trainer = Seq2SeqTrainer(model=model, args=training_args, train_dataset=train_set, eval_dataset=valid_set,
                             data_collator=FusionCollator(tokenizer.pad_token_id), processing_class=tokenizer,
                             callbacks=[ProgressCallback(args.progress_jsonl), CancelCallback(guard)])
    trainer.remove_callback(PrinterCallback)  # it would print raw log dicts on stdout
    return trainer


def save_chunk(paths: RunPaths, number: int, model: Any, tokenizer: Any, state: ChunkState,
               result: ChunkResult) -> None:
    """Save the chunk's model (marked as a Q&A model) and the state; keep only the last and the best chunks."""
    from core.describe.model_loading import mark_task
    from core.qa.answerer import QA_TASK

    mark_task(model.config, QA_TASK)
    folder = chunk_folder(paths, number)
    temporary = folder.with_name(f".{folder.name}.tmp")
    shutil.rmtree(temporary, ignore_errors=True)
    model.save_pretrained(temporary)
    tokenizer.save_pretrained(temporary)
    os.replace(temporary, folder)
    state.done.append(result)
    state.save(paths)
    keep = {folder, chunk_folder(paths, state.best.chunk)}
    for other in folder.parent.iterdir():
        if other not in keep:
            shutil.rmtree(other, ignore_errors=True)


def chunk_result(number: int, trainer: Any, metrics: dict[str, float]) -> ChunkResult:
    """The outcome of a chunk's training, from its trainer's state."""
    state = trainer.state
    return ChunkResult(number, state.best_metric, state.global_step, state.epoch, metrics.get("train_loss"),
                       metrics.get("train_runtime"), loss_history(state.log_history))


def train_qa(args: argparse.Namespace, guard: CancelGuard) -> Path:
    """Run (or resume) the chunked fine-tune and return the published run folder."""
    import transformers

    from core.describe.lexical import LexicalEncoder
    from core.device import pick_device
    from core.qa.answerer import DEFAULT_K
    from training.progress import emit_event

    transformers.utils.logging.disable_progress_bar()
    check_arguments(args)
    paths = RunPaths(args.out)
    train_pairs, valid_pairs = load_pairs(args.train, args.strict), load_pairs(args.valid, args.strict)
    state = start_state(args, paths, len(train_pairs))
    device = pick_device(args.device)
    precision = pick_precision(args.precision, device)
    threads = args.threads or default_threads()
    start = chunk_folder(paths, state.done[-1].chunk) if state.done else state.base
    with torch_threads(threads):
        model, tokenizer, _ = load_base(argparse.Namespace(**{**vars(args), "base": str(start)}))
        args.lr = learning_rate(args.lr, model)
        encoder = LexicalEncoder(model.config.lexical_model, device=device.type, cache_size=0,
                                 allow_download=args.allow_download)
        index = docs_index(encoder, args.progress_jsonl)
        options = {"k": DEFAULT_K, "fusion": model.uses_fusion,
                   "max_input_tokens": args.max_input_tokens or DEFAULT_MAX_INPUT_TOKENS,
                   "max_target_tokens": args.max_target_tokens or TARGET_TOKENS["qa"]}
        valid_set = encode_pairs(valid_pairs, tokenizer, encoder, index, **options)
        for number in range(len(state.done) + 1, state.chunks + 1):
            guard.check()
            pairs = train_pairs[(number - 1) * args.chunk_size : number * args.chunk_size]
            if args.progress_jsonl:
                emit_event("chunk", chunk=number, chunks=state.chunks, examples=len(pairs))
            note(f"chunk {number} of {state.chunks}: {len(pairs)} pairs")
            train_set = encode_pairs(pairs, tokenizer, encoder, index, **options)
            model = train_chunk(args, guard, paths, state, number, (model, tokenizer), (train_set, valid_set),
                                (precision, device))
            if args.progress_jsonl:
                emit_event("chunk_done", chunk=number, eval_loss=state.done[-1].eval_loss)
        settings = {"base": state.base, "precision": precision, "device": device.type, "threads": threads,
                    "fusion": model.config.fusion, "examples": {"train": len(train_pairs), "valid": len(valid_pairs)}}
        with guard.deferred():
            finish(args, paths, state, settings)
    if args.progress_jsonl:
        emit_event("done", out=str(args.out), best_eval_loss=state.best.eval_loss)
    return args.out


def train_chunk(args: argparse.Namespace, guard: CancelGuard, paths: RunPaths, state: ChunkState, number: int,
                model_and_tokenizer: tuple[Any, Any], datasets: tuple[EncodedExamples, EncodedExamples],
                precision_and_device: tuple[str, Any]) -> Any:
    """Train chunk `number` for --epochs-per-chunk epochs (LoRA merged after), save it; returns its best model."""
    model, tokenizer = model_and_tokenizer
    chunk_args = argparse.Namespace(**{**vars(args), "epochs": args.epochs_per_chunk, "keep": args.keep or "best"})
    training_args = trainer_arguments(chunk_args, *precision_and_device, len(datasets[0]))
    trainer = chunk_trainer(args, guard, with_lora(model, args.lora_rank) if args.lora else model, tokenizer,
                            *datasets, training_args)
    with guard.deferred():
        metrics = trainer.train(resume_from_checkpoint=chunk_checkpoint(paths, number)).metrics
        guard.check()
        model = trainer.model.merge_and_unload() if args.lora else trainer.model
        save_chunk(paths, number, model, tokenizer, state, chunk_result(number, trainer, metrics))
    return model


def finish(args: argparse.Namespace, paths: RunPaths, state: ChunkState, settings: dict[str, Any]) -> None:
    """Move the best chunk's model to the top of the partial folder, write the run files and publish it."""
    best = state.best
    for item in chunk_folder(paths, best.chunk).iterdir():
        os.replace(item, paths.partial / item.name)
    shutil.rmtree(paths.partial / CHUNKS_DIR)
    (paths.partial / STATE_FILE).unlink()
    metrics = {
        "best_eval_loss": best.eval_loss,
        "best_chunk": best.chunk,
        "chunks": [{key: value for key, value in asdict(result).items() if key != "history"} for result in state.done],
        "examples": settings["examples"],
    }
    write_run_files(paths.partial, {"cli": command_line(args), "task": "qa", **settings},
                    {f"chunk-{r.chunk}": r.history for r in state.done}, metrics)
    publish(paths)
