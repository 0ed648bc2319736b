"""`filescribe ask`: answer a Python question from the local Python documentation (and imported Q&A), citing sources.

Until the documentation index is built (minutes, once), the answer is a quick one by word match (SQLite FTS5,
seconds on first use), with a notice: a command-line user expects the command to answer and end, not to keep
the CPU busy for minutes, nor to leave work behind in the background. `--wait-for-index` builds the index first
(with progress) and gives the full answer; the app's Q&A panel builds it in the background and shares the cache.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

NEEDS_MODEL = False  # it has its own --qa-model: the description model plays no part
SNIPPET_CHARS = 160
WAIT_HINT = ("the documentation index for full answers is not built yet: `filescribe ask --wait-for-index ...` "
             "builds it (minutes, once)")


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `ask` sub-command."""
    from core.device import DEVICE_CHOICES

    parser = subparsers.add_parser(
        "ask", help="answer a Python programming question, citing its sources",
        description="Answer a Python question from the documentation that ships with this Python (pydoc topics, "
                    "standard-library and built-in docstrings) and the StackOverflow pairs imported with "
                    "`filescribe qa prepare`. Until the documentation index is built (minutes, once: "
                    "--wait-for-index, or the app's Q&A panel), answers are quick ones by word match.")
    parser.add_argument("question", nargs="+", help="the question (quoted, or as several words)")
    parser.add_argument("--format", choices=("text", "jsonl"), default="text",
                        help="text: the answer then numbered sources; jsonl: one JSON object")
    parser.add_argument("--k", type=int, default=5, help="passages retrieved (default 5)")
    parser.add_argument("--qa-model", default="auto", metavar="SPEC",
                        help="auto (default: google/flan-t5-small if in the Hugging Face cache, else extractive "
                             "answers), a Q&A model folder or hub id; models not trained for Q&A (the starter) "
                             "give extractive answers")
    parser.add_argument("--device", default="auto", choices=DEVICE_CHOICES)
    parser.add_argument("--max-answer-tokens", type=int, default=128,
                        help="longest generated answer, in tokens (default 128)")
    parser.add_argument("--allow-download", action="store_true", help="fetch a missing hub model (needs network)")
    parser.add_argument("--wait-for-index", action="store_true",
                        help="build the documentation index first if it is missing (minutes, once), then give the "
                             "full answer instead of a quick one by word match")
    parser.add_argument("--rebuild-index", action="store_true",
                        help="rebuild the documentation indexes now (implies --wait-for-index)")
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="where the index is cached (default: FILESCRIBE_CACHE_DIR or the user cache dir)")
    return parser


class IndexProgress:
    """A tqdm bar on stderr that appears only if the index has to be built."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.quiet:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc="indexing the Python documentation", unit="passage", file=sys.stderr)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        """Close the bar if it was shown."""
        if self.bar is not None:
            self.bar.close()


def answer_record(question: str, answer: Any) -> dict[str, Any]:
    """The JSON object printed by `--format jsonl`."""
    return {"question": question, "answer": answer.text, "mode": answer.mode, "model": answer.model,
            "notice": answer.notice,
            "sources": [{"id": s.id, "title": s.title, "text": s.text, "score": round(s.score, 4)}
                        for s in answer.sources]}


def snippet(text: str) -> str:
    """The start of a passage on one line, without its heading."""
    body = "\n".join(line for line in text.splitlines() if not line.startswith("## "))
    flat = " ".join(body.replace("```", " ").split())
    return flat if len(flat) <= SNIPPET_CHARS else flat[: SNIPPET_CHARS - 1].rstrip() + "…"


def print_text(answer: Any) -> None:
    """The answer (after its notice, if any), then the numbered sources."""
    if answer.notice:
        print(f"({answer.notice})\n")
    print(answer.text)
    if answer.model:
        print(f"\n— answered by {answer.model}")
    print("\nSources:")
    for number, source in enumerate(answer.sources, start=1):
        named = source.id if source.id.startswith(source.title) else f"{source.title}  ({source.id})"
        print(f"[{number}] {named}  (score {source.score:.2f})")
        print(f"    {snippet(source.text)}")


def check_model(args: argparse.Namespace) -> None:
    """A --qa-model that cannot be found is an error even when the quick answer does not need it yet."""
    from core.describe.model_loading import AUTO_SPEC, resolve_model

    if args.qa_model.strip() != AUTO_SPEC and not args.allow_download:
        resolve_model(args.qa_model)


def run(args: argparse.Namespace) -> int:
    """Open the word index, and the full engine if its index is cached or --wait-for-index; print one answer."""
    from core.errors import FileScribeError
    from core.qa.answerer import QAOptions
    from core.qa.index import registered_qa_files
    from core.qa.session import QASession

    question = " ".join(" ".join(args.question).split())
    if not question:
        raise FileScribeError("give a question to answer")
    if args.k < 1 or args.max_answer_tokens < 1:
        raise FileScribeError("--k and --max-answer-tokens must be at least 1")
    options = QAOptions(args.qa_model, device=args.device, allow_download=args.allow_download,
                        data_files=registered_qa_files(args.data_dir), cache_dir=args.cache_dir,
                        rebuild_index=args.rebuild_index, max_answer_tokens=args.max_answer_tokens)
    session = QASession(options)
    session.open_words(on_build=None if args.quiet else lambda: print(
        "note: indexing the words of the Python documentation (first use: seconds)", file=sys.stderr))
    if args.wait_for_index or args.rebuild_index or session.index_cached():
        import transformers

        transformers.utils.logging.disable_progress_bar()  # MiniLM loads in a blink: no "Loading weights" bar
        progress = IndexProgress(args.quiet)
        try:
            session.open_full(progress)
        finally:
            progress.close()
    else:
        check_model(args)
        if not args.quiet:
            print(f"note: {WAIT_HINT}", file=sys.stderr)
    if not args.quiet:
        for notice in session.notices:
            print(f"note: {notice}", file=sys.stderr)
    answer = session.ask(question, k=args.k)
    if args.format == "jsonl":
        print(json.dumps(answer_record(question, answer), ensure_ascii=False))
    else:
        print_text(answer)
    return 0
