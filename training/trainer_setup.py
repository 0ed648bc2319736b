"""Setting up a fine-tune: the base model, its recommended rate and epoch, LoRA, the Trainer and its arguments.

The describe task's Seq2SeqTrainer (fusion collator, example memory in the prompts, progress, cancellation) is
built here; `train --task qa` (training.commands.qa_train) reuses the base, the rate, LoRA and the arguments.
"""
from __future__ import annotations

import argparse
import math
import os
from typing import TYPE_CHECKING, Any

from training.run_folder import RunPaths
from training.runtime import note

if TYPE_CHECKING:
    from core.describe.lexical import LexicalEncoder
    from training.cancel import CancelGuard
    from training.data import Splits

LORA_ATTENTION = ("q", "k", "v", "o")
LORA_FFN = ("wi", "wi_0", "wi_1", "wo")
DEFAULT_LR = 3e-4  # for bases that recommend no rate of their own (flan-t5-small, LoRA or full)
TARGET_TOKENS = {"describe": 64, "qa": 256}  # descriptions are one short sentence; answers run longer, as in the seed
KEEP_CHOICES = ("best", "last")


def load_base(args: argparse.Namespace) -> tuple[Any, Any, str]:
    """The base model in float32 (fusion switched off with --no-fusion), its tokenizer and its resolved spec."""
    from core.describe.model_loading import load_fused_model, resolve_model

    resolved = resolve_model(args.base, allow_download=args.allow_download)
    if resolved.notice:
        note(resolved.notice)
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
    if recommended:
        note(f"learning rate {recommended:g}, the base model's recommended rate")
    return recommended or DEFAULT_LR


def kept_epoch(chosen: str | None, model: Any) -> str:
    """The --keep given, else the base's recommended choice (config finetune_keep), else best."""
    if chosen is not None:
        return chosen
    recommended = getattr(model.config, "finetune_keep", None)
    if recommended not in KEEP_CHOICES:
        return "best"
    note(f"keeping the {recommended} epoch, as the base model recommends")
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
    note(f"similar examples in {share_with_neighbours(train):.0%} of training and "
         f"{share_with_neighbours(valid):.0%} of validation prompts")
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
