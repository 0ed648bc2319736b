"""`filescribe embeddings`: how the sentence encoder sees the filenames of a data file.

The seed's check (mean cosine similarity of the same filename encoded twice, in different batches,
vs different filenames; a filename with `_v2` added), the same split by extension, and a t-SNE map
of the filename embeddings coloured by extension. Writes embeddings.json and tsne.png into --out.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from core.describe.lexical import LexicalEncoder

PROG = "embeddings"
SUMMARY_FILE = "embeddings.json"
TSNE_FILE = "tsne.png"
MIN_NAMES = 5
MAX_PAIRS = 5000
MAX_LEGEND_EXTENSIONS = 10


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `embeddings` command."""
    parser = subparsers.add_parser("embeddings", help="similarity check and t-SNE map of filename embeddings",
                                   description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="JSONL of filename/file_desc examples")
    parser.add_argument("--out", type=Path, required=True, help="folder for embeddings.json and tsne.png")
    parser.add_argument("--lexical-model", metavar="SPEC", help="sentence encoder (default: all-MiniLM-L6-v2)")
    parser.add_argument("--max-names", type=int, default=2000, help="distinct filenames sampled (default 2000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sample, pairs and t-SNE")
    parser.add_argument("--strict", action="store_true", help="fail on the first malformed data line")
    return parser


def extension(name: str) -> str:
    """Lowercased extension of a filename, or `(none)`."""
    return Path(name).suffix.lower() or "(none)"


def modified(name: str) -> str:
    """The seed's "modified filename": `_v2` inserted before the extension."""
    suffix = Path(name).suffix
    return f"{name[: len(name) - len(suffix)]}_v2{suffix}"


def mean_rowwise_cosine(left: np.ndarray, right: np.ndarray) -> float:
    """Mean cosine of aligned unit-norm rows."""
    return float((left * right).sum(axis=1).mean())


def similarity_summary(names: list[str], encoder: LexicalEncoder, seed: int) -> tuple[dict[str, Any], np.ndarray]:
    """The similarity figures and the vectors of `names` (encoded with a cache-free encoder)."""
    import numpy as np

    vectors = encoder.encode(names, batch_size=64)
    again = encoder.encode(names[::-1], batch_size=17)[::-1]  # other batches, other padding
    variants = encoder.encode([modified(name) for name in names], batch_size=64)
    rng = random.Random(seed)
    pairs = [tuple(rng.sample(range(len(names)), 2)) for _ in range(min(MAX_PAIRS, len(names) * (len(names) - 1)))]
    cosines = np.array([float(vectors[i] @ vectors[j]) for i, j in pairs])
    same_ext = np.array([extension(names[i]) == extension(names[j]) for i, j in pairs])
    summary = {
        "n_filenames": len(names),
        "same_filename_cosine": mean_rowwise_cosine(vectors, again),
        "different_filename_cosine": float(cosines.mean()),
        "different_filename_pairs": len(pairs),
        "same_extension_cosine": float(cosines[same_ext].mean()) if same_ext.any() else None,
        "different_extension_cosine": float(cosines[~same_ext].mean()) if (~same_ext).any() else None,
        "modified_filename_cosine": mean_rowwise_cosine(vectors, variants),
        "modified_example": {"original": names[0], "modified": modified(names[0]),
                             "cosine": float(vectors[0] @ variants[0])},
    }
    return summary, vectors


def plot_tsne(names: list[str], vectors: np.ndarray, seed: int, path: Path) -> None:
    """2-D t-SNE of the vectors, one colour per frequent extension, the rest grey."""
    from collections import Counter

    from sklearn.manifold import TSNE

    from training.plots import pyplot, save_figure

    points = TSNE(n_components=2, perplexity=min(30.0, (len(names) - 1) / 3), init="pca", metric="cosine",
                  random_state=seed).fit_transform(vectors)
    extensions = [extension(name) for name in names]
    frequent = [ext for ext, _ in Counter(extensions).most_common(MAX_LEGEND_EXTENSIONS)]
    figure, axes = pyplot().subplots(figsize=(8, 6))
    for label in [*frequent, "other"]:
        rows = [i for i, ext in enumerate(extensions) if (ext == label) or (label == "other" and ext not in frequent)]
        colour = "lightgrey" if label == "other" else None
        if rows:
            axes.scatter(points[rows, 0], points[rows, 1], s=8, label=label, color=colour)
    axes.set_title(f"t-SNE of {len(names)} filename embeddings")
    axes.legend(markerscale=2, fontsize=8, loc="best")
    axes.set_xticks([])
    axes.set_yticks([])
    figure.tight_layout()
    save_figure(figure, path)


def run(args: argparse.Namespace) -> int:
    """Sample distinct filenames, compute the similarity summary and the t-SNE map, write both."""
    from core.atomic import write_text_atomically
    from core.describe.examples import DESCRIPTION_SHAPE, DataError
    from core.describe.lexical import LexicalEncoder
    from core.describe.model import DEFAULT_LEXICAL_MODEL
    from core.describe.prompts import clean_filename
    from training.data import load_data, print_report

    data = load_data(args.data, args.strict, DESCRIPTION_SHAPE)
    print_report(args.data, data, PROG)
    names = list(dict.fromkeys(clean_filename(example.filename) for example in data.examples))
    if len(names) < MIN_NAMES:
        raise DataError(f"{args.data} has {len(names)} distinct filenames; the report needs at least {MIN_NAMES}.")
    names = random.Random(args.seed).sample(names, min(args.max_names, len(names)))
    encoder = LexicalEncoder(args.lexical_model or DEFAULT_LEXICAL_MODEL, cache_size=0)
    summary, vectors = similarity_summary(names, encoder, args.seed)
    plot_tsne(names, vectors, args.seed, args.out / TSNE_FILE)
    summary["tsne_png"] = TSNE_FILE
    write_text_atomically(args.out / SUMMARY_FILE, [json.dumps(summary, indent=2, ensure_ascii=False) + "\n"])
    print(f"{PROG}: same filename {summary['same_filename_cosine']:.4f}, different filenames "
          f"{summary['different_filename_cosine']:.4f}, modified {summary['modified_filename_cosine']:.4f} "
          f"-> {args.out}", file=sys.stderr)
    return 0
