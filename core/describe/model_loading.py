"""Model specs (`auto`, `starter`, a folder, a hub id), their resolution and safe loading."""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import ModelError
from resources import resource_path

AUTO_SPEC = "auto"
STARTER_SPEC = "starter"
DEFAULT_HUB_MODEL = "google/flan-t5-small"
SUPPORTED_MODEL_TYPES = ("t5", "fused_t5")
SAFE_WEIGHTS = ("model.safetensors", "model.safetensors.index.json")
PICKLE_WEIGHTS = ("pytorch_model.bin", "pytorch_model.bin.index.json")
TOKENIZER_FILES = ("tokenizer.json", "spiece.model")
HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
DOWNLOAD_PATTERNS = ["*.json", "*.safetensors", "*.model", "*.txt"]
VOCAB_SLACK = 128  # embedding rows a checkpoint may have beyond its tokenizer's tokens
TASKS_KEY = "filescribe_tasks"  # config.json: what the model was fine-tuned for here ("describe", "qa")
DESCRIBE_TASK = "describe"


@dataclass(frozen=True)
class ResolvedModel:
    """Where a model spec led: the folder, how it was found, and a notice for the user if any."""

    spec: str
    path: Path
    origin: str  # "folder", "hf-cache", "download" or "starter"
    notice: str | None = None

    @property
    def name(self) -> str:
        """Short human name of the model (the spec, or the folder name)."""
        return self.spec if self.origin in ("hf-cache", "download", "starter") else self.path.name


def starter_path() -> Path:
    """Folder of the starter model shipped in resources/."""
    return resource_path("models", "starter")


def hub_offline() -> bool:
    """True when the environment forbids any Hugging Face hub access."""
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def cached_hub_snapshot(repo_id: str) -> Path | None:
    """The local Hugging Face cache folder of `repo_id`, without touching the network."""
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(repo_id, local_files_only=True, allow_patterns=DOWNLOAD_PATTERNS))
    except Exception:  # noqa: BLE001 - any cache miss or malformed cache means "not cached"
        return None


def download_hub_snapshot(repo_id: str) -> Path:
    """Download `repo_id` from the hub (with tqdm progress on stderr)."""
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(repo_id, allow_patterns=DOWNLOAD_PATTERNS))
    except Exception as exc:  # network, auth and 404 errors all become one clear message
        raise ModelError(f"Could not download {repo_id!r} from the Hugging Face hub: {exc}") from exc


def resolve_starter() -> ResolvedModel:
    """The bundled starter model, or a clear error if the installation lacks it."""
    path = starter_path()
    if not (path / "config.json").is_file():
        raise ModelError(f"The bundled starter model is missing from {path}; reinstall FileScribe.")
    return ResolvedModel(STARTER_SPEC, path, "starter")


def resolve_hub(repo_id: str, allow_download: bool) -> ResolvedModel | None:
    """A hub model from the local cache, or downloaded when allowed; None when neither."""
    cached = cached_hub_snapshot(repo_id)
    if cached is not None:
        return ResolvedModel(repo_id, cached, "hf-cache")
    if allow_download and not hub_offline():
        return ResolvedModel(repo_id, download_hub_snapshot(repo_id), "download")
    return None


def model_tasks(config: dict[str, Any]) -> set[str]:
    """What a model's config says it was fine-tuned for here (`filescribe_tasks`)."""
    tasks = config.get(TASKS_KEY)
    return {str(task) for task in tasks} if isinstance(tasks, list) else set()


def mark_task(config: Any, task: str) -> None:
    """Record in a model config that the model was fine-tuned for `task` (and so no longer for another)."""
    setattr(config, TASKS_KEY, [task])


def resolve_auto() -> ResolvedModel:
    """google/flan-t5-small from the local cache only when it was fine-tuned for descriptions, else the starter."""
    found = resolve_hub(DEFAULT_HUB_MODEL, allow_download=False)
    if found is not None and DESCRIBE_TASK in model_tasks(read_config(found.path)):
        return found
    why = ("is not in the local Hugging Face cache" if found is None else
           "in the local Hugging Face cache was never fine-tuned for file descriptions")
    notice = f"{DEFAULT_HUB_MODEL} {why}; using the bundled starter model."
    return ResolvedModel(STARTER_SPEC, resolve_starter().path, "starter", notice)


def resolve_model(spec: str = AUTO_SPEC, *, allow_download: bool = False) -> ResolvedModel:
    """Resolve a spec: folder -> Hugging Face cache -> download (if allowed); `auto`: see resolve_auto."""
    spec = spec.strip()
    if spec == STARTER_SPEC:
        return resolve_starter()
    if spec == AUTO_SPEC:
        return resolve_auto()
    folder = Path(spec).expanduser()
    if folder.exists():
        return ResolvedModel(spec, folder.resolve(), "folder")
    if HUB_ID.match(spec):
        found = resolve_hub(spec, allow_download)
        if found is not None:
            return found
        hint = "allow network downloads to fetch it" if not hub_offline() else "downloads are off (HF_HUB_OFFLINE)"
        raise ModelError(f"{spec!r} is neither a model folder nor in the local Hugging Face cache; {hint}.")
    raise ModelError(f"No model folder at {folder}.")


def read_config(folder: Path) -> dict[str, Any]:
    """The folder's config.json as a dict, or a clear error."""
    config_file = folder / "config.json"
    if not config_file.is_file():
        raise ModelError(f"{folder} is not a model folder: it has no config.json.")
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{config_file} is unreadable or not valid JSON: {exc}") from exc
    if not isinstance(config, dict):
        raise ModelError(f"{config_file} does not hold a JSON object.")
    return config


def check_weights(folder: Path, allow_pickle: bool) -> None:
    """Weights must be safetensors (pickle only when allowed) and have an intact header."""
    if (folder / "model.safetensors").is_file():
        from safetensors import safe_open

        try:
            with safe_open(str(folder / "model.safetensors"), framework="pt") as weights:
                weights.keys()
        except Exception as exc:  # truncated or garbled files raise various errors
            raise ModelError(f"{folder / 'model.safetensors'} is corrupt or truncated: {exc}") from exc
        return
    if (folder / "model.safetensors.index.json").is_file():
        return
    if any((folder / name).is_file() for name in PICKLE_WEIGHTS):
        if allow_pickle:
            return
        raise ModelError(
            f"{folder} holds only pickle weights (pytorch_model.bin), which can run code when loaded; "
            "convert them to safetensors or pass --allow-pickle if you trust their origin."
        )
    raise ModelError(f"{folder} has no weights (model.safetensors is missing).")


def check_model_folder(folder: Path, allow_pickle: bool = False) -> dict[str, Any]:
    """Validate a model folder before transformers sees it; returns its config."""
    if not folder.is_dir():
        raise ModelError(f"{folder} is not a folder.")
    config = read_config(folder)
    if config.get("model_type") not in SUPPORTED_MODEL_TYPES:
        raise ModelError(f"{folder} holds a {config.get('model_type')!r} model; FileScribe needs a T5 model.")
    check_weights(folder, allow_pickle)
    if not any((folder / name).is_file() for name in TOKENIZER_FILES):
        raise ModelError(f"{folder} has no tokenizer (tokenizer.json or spiece.model).")
    return config


def model_fingerprint(folder: Path) -> str:
    """Hash of what determines the model's outputs: its config, weights and tokenizer files."""
    digest = hashlib.sha256()
    names = ["config.json", "generation_config.json", *SAFE_WEIGHTS, *PICKLE_WEIGHTS, *TOKENIZER_FILES]
    for name in names:
        path = folder / name
        if path.is_file():
            digest.update(name.encode())
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()[:16]


def load_tokenizer(folder: Path) -> Any:
    """The folder's tokenizer, never with remote code."""
    from transformers import AutoTokenizer

    try:
        return AutoTokenizer.from_pretrained(str(folder), trust_remote_code=False)
    except Exception as exc:  # surface one clear message, not a deep traceback
        raise ModelError(f"Could not load the tokenizer in {folder}: {exc}") from exc


def load_fused_model(folder: Path, allow_pickle: bool = False) -> tuple[Any, Any]:
    """Load (model, tokenizer) from a checked folder; a plain T5 gets a zero lexical projection."""
    import transformers

    from core.describe.model import FusedT5ForConditionalGeneration

    check_model_folder(folder, allow_pickle)
    tokenizer = load_tokenizer(folder)
    transformers.utils.logging.disable_progress_bar()
    try:
        model = FusedT5ForConditionalGeneration.from_pretrained(
            str(folder), use_safetensors=None if allow_pickle else True, trust_remote_code=False
        )
    except Exception as exc:  # shape mismatches, missing shards, bad dtypes...
        raise ModelError(f"Could not load the model in {folder}: {exc}") from exc
    check_tokenizer_matches(folder, tokenizer, model.config)
    return model, tokenizer


def check_tokenizer_matches(folder: Path, tokenizer: Any, config: Any) -> None:
    """The tokenizer must be the model's: every id it makes has an embedding, hardly any embedding is without a
    token (T5 pads 32,100 tokens to 32,128 rows), and the padding and end ids are the ones the model uses."""
    tokens, rows = len(tokenizer), config.vocab_size
    if tokens > rows or rows - tokens >= VOCAB_SLACK:
        raise ModelError(f"The tokenizer in {folder} has {tokens} tokens but the model has {rows} token embeddings: "
                         "they do not belong together.")
    for name in ("pad_token_id", "eos_token_id"):
        expected, found = getattr(config, name, None), getattr(tokenizer, name, None)
        if expected is not None and found != expected:
            raise ModelError(f"The tokenizer in {folder} has {name} {found} where the model uses {expected}: "
                             "they do not belong together.")
