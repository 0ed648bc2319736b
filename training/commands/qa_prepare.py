"""`filescribe qa prepare`: question/answer JSONL from the Kaggle "Python Questions from Stack Overflow" CSVs.

Answers with a score of at least --min-score are kept, the --top-answers best per question (ties: the older
answer), HTML turned into text with code blocks fenced by ```. The output has one record per pair, in
Questions.csv order, with its split; the split files beside it hold the same records, split 90/5/5 by
default (the seed's 80/5/20 adds up to 105%), by a hash of the question id, so a question's answers always
share a split and a rerun with the same --seed gives the same split.

Memory stays small whatever the size of the CSVs: Answers.csv is read once, sequentially, keeping for each
qualifying answer only four integers (question id, score, answer id, byte offset of its row) in a compact
array that is cut down to the top answers per question whenever it grows past a bound; then Questions.csv is
read once, and the few selected answer rows are re-read by seeking to their offsets. Malformed rows are
reported as file:line and skipped. The output joins the Q&A retrieval index (`filescribe ask`) unless
--no-register is given.
"""
from __future__ import annotations

import argparse
import codecs
import csv
import hashlib
import html
import json
import re
import sys
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

PROG = "qa prepare"
QUESTION_COLUMNS = ("Id", "OwnerUserId", "CreationDate", "Score", "Title", "Body")
ANSWER_COLUMNS = ("Id", "OwnerUserId", "CreationDate", "ParentId", "Score", "Body")
SPLIT_NAMES = ("train", "validation", "test")
DEFAULT_SPLIT = "0.9,0.05,0.05"
AUTO_ENCODING = "auto"
LATIN1_FALLBACK = "filescribe-latin1-fallback"
MAX_FIELD_CHARS = 16 << 20  # a runaway quote cannot swallow more than this into one field
COMPACT_EVERY = 1 << 20  # qualifying answers held before cutting down to the top ones per question
MAX_PROBLEMS_SHOWN = 20
FENCE = "```"
_BLOCK_TAGS = ("p", "div", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "tr", "hr")


def _latin1_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decode the bytes that are not valid UTF-8 as Latin-1 (the Kaggle dump mixes both)."""
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error(LATIN1_FALLBACK, _latin1_fallback)


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register `qa` and its `prepare` action."""
    parser = subparsers.add_parser("qa", help="Python Q&A data: prepare StackOverflow question/answer pairs")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    prepare = actions.add_parser("prepare", help="Kaggle StackOverflow CSVs -> question/answer JSONL with splits",
                                 description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    prepare.add_argument("--questions", type=Path, required=True, help="Questions.csv (Id, OwnerUserId, "
                         "CreationDate, Score, Title, Body)")
    prepare.add_argument("--answers", type=Path, required=True, help="Answers.csv (Id, OwnerUserId, "
                         "CreationDate, ParentId, Score, Body)")
    prepare.add_argument("--out", type=Path, required=True, help="JSONL of all pairs; the splits are written "
                         "beside it as OUT.train.jsonl, OUT.validation.jsonl and OUT.test.jsonl")
    prepare.add_argument("--min-score", type=int, default=2, help="keep answers scoring at least this (default 2)")
    prepare.add_argument("--top-answers", type=int, default=2, help="best answers kept per question (default 2)")
    prepare.add_argument("--split", default=DEFAULT_SPLIT, help="train,validation,test shares adding up to 1 "
                         f"(default {DEFAULT_SPLIT}; the seed's 80/5/20 adds up to 105%%)")
    prepare.add_argument("--seed", type=int, default=0, help="seed of the split (default 0)")
    prepare.add_argument("--encoding", default=AUTO_ENCODING, help="encoding of the CSVs (default auto: UTF-8, "
                         "bytes that are not UTF-8 read as Latin-1, as in the Kaggle dump)")
    prepare.add_argument("--no-register", action="store_true",
                         help="do not add the pairs to the Q&A retrieval index of `filescribe ask`")
    prepare.add_argument("--data-dir", type=Path, help="FileScribe data folder, where the index's list of "
                         "imported files lives (default: FILESCRIBE_DATA_DIR or the user data dir)")
    prepare.add_argument("-q", "--quiet", action="store_true", help="no progress output on stderr")
    return parser


@dataclass(frozen=True)
class Row:
    """A CSV record: the line it starts on, the byte offset of that line, and its fields."""

    line: int
    offset: int
    fields: list[str]


@dataclass
class PrepareReport:
    """Counts of one preparation and the `file:line: reason` of every skipped row."""

    answers_read: int = 0
    answers_qualifying: int = 0
    questions_read: int = 0
    pairs: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SPLIT_NAMES, 0))
    problems: list[str] = field(default_factory=list)


def parse_split(text: str) -> tuple[float, float, float]:
    """Three non-negative shares adding up to 1 ("0.9,0.05,0.05"), or a clear error."""
    from core.describe.examples import DataError

    try:
        shares = tuple(float(part) for part in text.split(","))
    except ValueError:
        shares = ()
    if len(shares) != 3 or any(share < 0 for share in shares) or abs(sum(shares) - 1) > 1e-6:
        raise DataError(f"--split needs three shares for train,validation,test adding up to 1, not {text!r}")
    return shares  # type: ignore[return-value]


def split_of(question_id: int, seed: int, shares: Sequence[float]) -> str:
    """The split of a question: a hash of (seed, id) mapped to [0, 1) against the cumulative shares."""
    digest = hashlib.sha256(f"{seed}:{question_id}".encode()).digest()
    point, bound = int.from_bytes(digest[:8], "big") / 2**64, 0.0
    for name, share in zip(SPLIT_NAMES, shares, strict=True):
        bound += share
        if point < bound:
            return name
    return SPLIT_NAMES[-1]


def decoded_lines(handle: IO[bytes], encoding: str, position: list[int]) -> Iterator[str]:
    """Lines of a binary file, decoded; `position[0]` is kept at the byte offset after the last line given."""
    errors = LATIN1_FALLBACK if encoding == AUTO_ENCODING else "strict"
    codec = "utf-8" if encoding == AUTO_ENCODING else encoding
    for raw in handle:
        position[0] += len(raw)
        yield raw.decode(codec, errors)


def csv_rows(handle: IO[bytes], path: Path, encoding: str, problems: list[str],
             progress: Callable[[int], None] | None = None) -> Iterator[Row]:
    """Records of a CSV file from the handle's position; malformed ones reported as `path:line: reason`."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD_CHARS))
    start = handle.tell()
    position = [start]
    reader = csv.reader(decoded_lines(handle, encoding, position), strict=True)
    while True:
        line, offset = reader.line_num + 1, position[0]
        try:
            fields = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError, LookupError) as exc:
            problems.append(f"{path}:{line}: malformed CSV ({exc})")
            continue
        finally:
            if progress is not None:
                progress(position[0] - offset)
        if fields:
            yield Row(line, offset, fields)


def check_header(rows: Iterator[Row], path: Path, columns: Sequence[str]) -> None:
    """The first row must name `columns` (case-insensitively), or the file is not the Kaggle CSV."""
    from core.describe.examples import DataError

    header = next(rows, None)
    if header is None or [f.strip().lstrip("\ufeff").lower() for f in header.fields] != [c.lower() for c in columns]:
        found = "nothing" if header is None else ", ".join(header.fields)[:200]
        raise DataError(f"{path} should start with the columns {', '.join(columns)}; found {found}")


def int_fields(row: Row, columns: Sequence[str], names: Sequence[str], path: Path,
               problems: list[str]) -> list[int] | None:
    """The named fields of a row as integers; None (and a reported problem) for a short row or a bad number."""
    if len(row.fields) != len(columns):
        problems.append(f"{path}:{row.line}: expected {len(columns)} fields, found {len(row.fields)}")
        return None
    values = []
    for name in names:
        text = row.fields[columns.index(name)]
        try:
            values.append(int(text))
        except ValueError:
            problems.append(f"{path}:{row.line}: {name} {text[:20]!r} is not an integer")
            return None
    return values


def top_answers(table: array, top_n: int) -> array:
    """Rows (question id, score, answer id, offset) cut to the `top_n` best per question: score, then oldest id."""
    import numpy as np

    rows = np.frombuffer(table, dtype=np.int64).reshape(-1, 4)
    order = np.lexsort((rows[:, 2], -rows[:, 1], rows[:, 0]))
    rows = rows[order]
    starts = np.r_[0, np.flatnonzero(np.diff(rows[:, 0])) + 1]
    rank = np.arange(len(rows)) - np.repeat(starts, np.diff(np.r_[starts, len(rows)]))
    return array("q", rows[rank < top_n].tobytes())


def select_answers(path: Path, args: argparse.Namespace, report: PrepareReport,
                   progress: Callable[[int], None] | None = None, compact_every: int = COMPACT_EVERY) -> Any:
    """One pass over Answers.csv: the top answers per question as rows (question id, score, answer id, offset)."""
    import numpy as np

    table = array("q")
    with path.open("rb") as handle:
        rows = csv_rows(handle, path, args.encoding, report.problems, progress)
        check_header(rows, path, ANSWER_COLUMNS)
        for row in rows:
            values = int_fields(row, ANSWER_COLUMNS, ("Id", "ParentId", "Score"), path, report.problems)
            if values is None:
                continue
            report.answers_read += 1
            answer_id, parent_id, score = values
            if score >= args.min_score:
                report.answers_qualifying += 1
                table.extend((parent_id, score, answer_id, row.offset))
                if len(table) >= 4 * compact_every:
                    table = top_answers(table, args.top_answers)
    return np.frombuffer(top_answers(table, args.top_answers), dtype=np.int64).reshape(-1, 4)


def html_to_text(body: str) -> str:
    """Text of an HTML body: paragraphs and `- ` list items a blank line apart, <pre> blocks fenced with ```."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(body, "html.parser")
    for pre in soup.find_all("pre"):
        pre.replace_with(f"\n\n{FENCE}\n{pre.get_text().strip(chr(10))}\n{FENCE}\n\n")
    for code in soup.find_all("code"):
        code.replace_with(f"`{code.get_text()}`")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for item in soup.find_all("li"):
        item.insert(0, "\n\n- ")
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    return tidy_text(soup.get_text())


def tidy_text(text: str) -> str:
    """Prose paragraphs on one line each, a blank line apart; fenced code kept verbatim."""
    parts = re.split(rf"(\n{FENCE}\n.*?\n{FENCE}\n)", text, flags=re.DOTALL)
    paragraphs: list[str] = []
    for number, part in enumerate(parts):
        if number % 2:
            paragraphs.append(part.strip("\n"))
        else:
            paragraphs.extend(" ".join(p.split()) for p in re.split(r"\n\s*\n", part) if p.strip())
    return "\n\n".join(paragraphs)


def answer_row(handle: IO[bytes], offset: int, path: Path, encoding: str, problems: list[str]) -> Row | None:
    """The CSV record that starts at byte `offset` of the answers file."""
    handle.seek(offset)
    return next(csv_rows(handle, path, encoding, problems), None)


def pair_records(args: argparse.Namespace, selected: Any, shares: Sequence[float], report: PrepareReport,
                 progress: Callable[[int], None] | None = None) -> Iterator[str]:
    """JSONL lines of the pairs: one pass over Questions.csv, each selected answer read at its offset."""
    import numpy as np

    question_ids = selected[:, 0]
    done = np.zeros(len(selected), dtype=bool)
    number = 0
    with args.questions.open("rb") as questions, args.answers.open("rb") as answers:
        rows = csv_rows(questions, args.questions, args.encoding, report.problems, progress)
        check_header(rows, args.questions, QUESTION_COLUMNS)
        for row in rows:
            values = int_fields(row, QUESTION_COLUMNS, ("Id",), args.questions, report.problems)
            if values is None:
                continue
            report.questions_read += 1
            (question_id,) = values
            first, last = (np.searchsorted(question_ids, question_id, side) for side in ("left", "right"))
            if first == last or done[first]:
                continue
            done[first:last] = True
            title = " ".join(html.unescape(row.fields[QUESTION_COLUMNS.index("Title")]).split())
            question = f"{title}\n\n{html_to_text(row.fields[QUESTION_COLUMNS.index('Body')])}".strip()
            split = split_of(question_id, args.seed, shares)
            for _, score, answer_id, offset in selected[first:last].tolist():
                found = answer_row(answers, offset, args.answers, args.encoding, report.problems)
                if found is None or len(found.fields) != len(ANSWER_COLUMNS):
                    continue
                number += 1
                report.pairs[split] += 1
                record = {"id": number, "question_id": question_id, "answer_id": answer_id, "score": score,
                          "title": title, "question": question, "split": split,
                          "answer": html_to_text(found.fields[ANSWER_COLUMNS.index("Body")])}
                yield json.dumps(record, ensure_ascii=False) + "\n"


def split_path(out: Path, name: str) -> Path:
    """Where split `name` of `out` is written: so.jsonl -> so.train.jsonl."""
    return out.with_name(f"{out.stem}.{name}{out.suffix or '.jsonl'}")


def split_lines(out: Path, name: str) -> Iterator[str]:
    """The lines of `out` whose record belongs to split `name`."""
    with out.open(encoding="utf-8") as handle:
        for line in handle:
            if json.loads(line)["split"] == name:
                yield line


def prepare(args: argparse.Namespace, report: PrepareReport, progress: Callable[[int], None] | None = None) -> None:
    """Select the answers, write the pairs to --out and its split files, all atomically."""
    from core.atomic import write_text_atomically
    from core.describe.examples import DataError

    shares = parse_split(args.split)
    for path in (args.questions, args.answers):
        if not path.is_file():
            raise DataError(f"{path}: no such file")
    selected = select_answers(args.answers, args, report, progress)
    write_text_atomically(args.out, pair_records(args, selected, shares, report, progress))
    for name in SPLIT_NAMES:
        write_text_atomically(split_path(args.out, name), split_lines(args.out, name))


def print_summary(args: argparse.Namespace, report: PrepareReport) -> None:
    """Counts, split sizes and the first skipped rows, on stderr."""
    total = sum(report.pairs.values())
    sizes = ", ".join(f"{name} {count}" for name, count in report.pairs.items())
    print(f"{PROG}: {report.answers_read} answers read, {report.answers_qualifying} with score >= "
          f"{args.min_score}; {report.questions_read} questions read; {total} pairs written to {args.out} "
          f"({sizes})", file=sys.stderr)
    for problem in report.problems[:MAX_PROBLEMS_SHOWN]:
        print(f"{PROG}: skipped {problem}", file=sys.stderr)
    if len(report.problems) > MAX_PROBLEMS_SHOWN:
        print(f"{PROG}: ... and {len(report.problems) - MAX_PROBLEMS_SHOWN} more", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """`qa prepare` with a byte progress bar over both CSVs; registers the output for the Q&A index."""
    from tqdm import tqdm

    from core.qa.index import register_qa_file

    report = PrepareReport()
    total = sum(p.stat().st_size for p in (args.questions, args.answers) if p.is_file())
    with tqdm(total=total, unit="B", unit_scale=True, desc="preparing", file=sys.stderr, disable=args.quiet) as bar:
        prepare(args, report, bar.update)
    print_summary(args, report)
    if not args.no_register:
        register_qa_file(args.out, args.data_dir)
        print(f"{PROG}: {args.out} joins the Q&A index of `filescribe ask` (rebuilt on the next question)",
              file=sys.stderr)
    return 0
