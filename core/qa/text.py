"""Documentation text as blocks (headings, prose, list items, code) and its light-Markdown form for passages.

Python's docs arrive as plain text (pydoc topics, docstrings): underlined headings, grid tables, indented or
doctest code. Passages store the Markdown form (`## heading`, paragraphs, `- item`, fenced code), so the
answerer can split them again into sentences, items and code.
"""
from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

HEADING, PROSE, ITEM, CODE = "heading", "prose", "item", "code"
FENCE = "```"
HEADING_SEPARATOR = "›"
CONTINUED = " (continued)"
MIN_UNIT_WORDS = 4  # shorter sentences ("Return self.") answer nothing
_UNDERLINE = re.compile(r"^\s*([*=\-~^#])\1{2,}\s*$")
_SIMPLE_TABLE_BORDER = re.compile(r"^\s*=+(?: +=+)+\s*$")
_SIMPLE_TABLE_RULE = re.compile(r"^\s*[=-]+(?: +[=-]+)+\s*$")
_ITEM_MARK = re.compile(r"^\s*(?:[*\-•]|\d+\.|\(\d+\))\s+")
_MARKDOWN_ITEM = re.compile(r"^(?:- |\d+\. )")
_FOOTNOTE = re.compile(r"\s\[\d+\](?=[\s.,;:]|$)")  # "[3]" after a word: the docs' footnote marks
_EMPHASIS = re.compile(r"\*{1,2}([^*\s](?:[^*]*?[^*\s])?)\*{1,2}")
_CODE_KEYWORD = re.compile(
    r"^\s*(?:>>>|\.\.\.|\$ |def |class \w+.*:|import |from \S+ import|return\b|for .+ in .+:|while .+:|if .+:|"
    r"elif .+:|else:|try:|except\b.*:|finally:|with .+:|raise\b|print\(|@\w|#)"
)
_CODE_SHAPE = re.compile(r"\w\s*(?:[-+*/%|&]?=)\s*\S|\w\(.*\)\s*$|^\s*[\])}]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(*A-Z0-9])")
_ABBREVIATION = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|cf|Mr|Dr|No)\.|\b[A-Za-z]\.)$")
_WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True)
class Block:
    """One unit of a document: a heading, a prose paragraph, a list item (or table row), or a code block."""

    kind: str
    text: str

    @property
    def words(self) -> int:
        """Number of whitespace-separated words."""
        return len(self.text.split())


def doc_blocks(text: str) -> list[Block]:
    """Blocks of plain documentation text (pydoc topics, docstrings)."""
    lines = text.expandtabs().splitlines()
    blocks: list[Block] = []
    prose_indent, lead = 0, ""
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
        elif i + 1 < len(lines) and _is_underline(lines[i + 1], line):
            blocks.append(Block(HEADING, " ".join(line.split())))
            prose_indent, lead, i = 0, "", i + 2
        elif line.lstrip().startswith(("+-", "+=")):
            end = _run_end(lines, i, lambda s: s.lstrip().startswith(("+", "|")))
            blocks.extend(Block(ITEM, f"- {row}") for row in grid_table_rows(lines[i:end]))
            i = end
        elif _SIMPLE_TABLE_BORDER.match(line):
            end = _run_end(lines, i, lambda s: bool(s.strip()))
            blocks.extend(Block(ITEM, f"- {row}") for row in simple_table_rows(lines[i:end]))
            i = end
        else:
            end = _paragraph_end(lines, i)
            paragraph = lines[i:end]
            indent = _indent(paragraph)
            if _is_code(paragraph, deeper=indent > prose_indent, lead=lead):
                _append_code(blocks, textwrap.dedent("\n".join(paragraph)))
            else:
                blocks.append(_prose_block(paragraph))
                prose_indent, lead = indent, paragraph[-1].rstrip()
            i = end
    return blocks


def _is_underline(line: str, title: str) -> bool:
    """True when `line` underlines `title` (reST style: a run of one punctuation character)."""
    return bool(_UNDERLINE.match(line)) and len(line.strip()) >= 0.8 * len(title.strip()) and bool(title.strip())


def _run_end(lines: Sequence[str], start: int, keep) -> int:
    """Index of the first line at or after `start` for which `keep` is false."""
    end = start
    while end < len(lines) and keep(lines[end]):
        end += 1
    return end


def _paragraph_end(lines: Sequence[str], start: int) -> int:
    """End of the paragraph at `start`: a blank line, or a doctest that begins inside it."""
    doctest = lines[start].lstrip().startswith(">>>")
    end = start + 1
    while end < len(lines) and lines[end].strip():
        if not doctest and lines[end].lstrip().startswith(">>>"):
            break
        end += 1
    return end


def _indent(lines: Sequence[str]) -> int:
    """Indentation of a paragraph's first line."""
    return len(lines[0]) - len(lines[0].lstrip())


def _is_code(paragraph: Sequence[str], deeper: bool, lead: str) -> bool:
    """Doctests and grammar rules are code; so is a deeper paragraph after `::`, or made of code lines.

    `lead` is the end of the prose paragraph before: after a colon a third of code lines suffices, else half.
    """
    first = paragraph[0].lstrip()
    if first.startswith(">>>") or any("::=" in line for line in paragraph):
        return True
    if not deeper or _ITEM_MARK.match(first):
        return False
    if lead.endswith("::"):
        return True
    share = 3 if lead.endswith(":") else 2
    return sum(map(is_code_line, paragraph)) * share >= len(paragraph)


def is_code_line(line: str) -> bool:
    """True for a line that reads as Python (a statement, an assignment, a call) rather than as a sentence."""
    if _CODE_KEYWORD.match(line):
        return True
    sentence_like = len(_WORD.findall(line)) >= 8 or re.search(r"[a-z]{2,}[.,;]\s|[a-z]{2,}\.$", line)
    return bool(_CODE_SHAPE.search(line)) and not sentence_like


def _append_code(blocks: list[Block], code: str) -> None:
    """Add a code block, merging it with a code block just before (separated by one blank line)."""
    code = code.strip("\n")
    if blocks and blocks[-1].kind == CODE:
        blocks[-1] = Block(CODE, f"{blocks[-1].text}\n\n{code}")
    else:
        blocks.append(Block(CODE, code))


def _prose_block(paragraph: Sequence[str]) -> Block:
    """A paragraph on one line without footnote marks: prose, or an item when it starts with a bullet or number."""
    text = _FOOTNOTE.sub("", strip_emphasis(" ".join(" ".join(paragraph).split())))
    mark = _ITEM_MARK.match(text)
    if mark is None:
        return Block(PROSE, text)
    marker = mark.group(0).strip()
    return Block(ITEM, (f"{marker} " if marker[0].isdigit() else "- ") + text[mark.end():])


def strip_emphasis(text: str) -> str:
    """`*word*` and `**word**` as plain `word`; lone asterisks (`s * n`, `*args`) stay."""
    return _EMPHASIS.sub(r"\1", text)


def grid_table_rows(lines: Sequence[str]) -> Iterator[str]:
    """Body rows of a reST grid table, each as its cells joined by " — " (multi-line cells joined)."""
    border = lines[0]
    columns = [i for i, ch in enumerate(border) if ch == "+"]
    cells: list[list[str]] = [[] for _ in columns[:-1]]
    for line in lines[1:]:
        if set(line.strip()) <= set("+|=-"):
            row = [" ".join(" ".join(cell).split()) for cell in cells]
            if "=" not in line and any(row):
                yield strip_emphasis(" — ".join(cell for cell in row if cell))
            cells = [[] for _ in columns[:-1]]
            continue
        for number, (left, right) in enumerate(zip(columns[:-1], columns[1:], strict=True)):
            cells[number].append(line[left + 1 : right].strip(" |"))


def simple_table_rows(lines: Sequence[str]) -> Iterator[str]:
    """Body rows of a reST simple table (`===  ===` borders), cells joined by " — " (continuation lines joined)."""
    columns = [match.start() for match in re.finditer(r"=+", lines[0])]
    rules = [number for number, line in enumerate(lines) if _SIMPLE_TABLE_RULE.match(line)]
    rows: list[list[str]] = []
    for line in lines[rules[1] + 1 if len(rules) >= 3 else 1 :]:
        if _SIMPLE_TABLE_RULE.match(line):
            continue
        cells = [line[left:right].strip() for left, right in zip(columns, [*columns[1:], None], strict=True)]
        if rows and not cells[0]:
            rows[-1] = [f"{old} {new}".strip() for old, new in zip(rows[-1], cells, strict=True)]
        else:
            rows.append(cells)
    for row in rows:
        yield strip_emphasis(" — ".join(cell for cell in row if cell))


def markdown_blocks(text: str) -> list[Block]:
    """Blocks of a passage's light Markdown (the form `render` writes)."""
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith(FENCE):
            end = _run_end(lines, i + 1, lambda s: not s.startswith(FENCE))
            blocks.append(Block(CODE, "\n".join(lines[i + 1 : end]).strip("\n")))
            i = end + 1
        elif line.startswith("## "):
            blocks.append(Block(HEADING, line[3:].strip()))
            i += 1
        elif line.strip():
            end = _run_end(lines, i + 1, lambda s: bool(s.strip()) and not s.startswith(FENCE))
            text_line = " ".join(" ".join(lines[i:end]).split())
            blocks.append(Block(ITEM if _MARKDOWN_ITEM.match(text_line) else PROSE, text_line))
            i = end
        else:
            i += 1
    return blocks


def render(blocks: Sequence[Block]) -> str:
    """Light Markdown of `blocks`: `## heading`, paragraphs, items and fenced code, one blank line apart."""
    parts = []
    for block in blocks:
        if block.kind == HEADING:
            parts.append(f"## {block.text}")
        elif block.kind == CODE:
            parts.append(f"{FENCE}\n{block.text}\n{FENCE}")
        else:
            parts.append(block.text)
    return "\n\n".join(parts)


def plain_text(blocks: Sequence[Block]) -> str:
    """Blocks as one line of text (what the sentence encoder reads)."""
    return " ".join(" ".join(block.text.split()) for block in blocks)


def sentences(text: str) -> list[str]:
    """Split prose into sentences at ., ! or ? followed by a capital, a digit or a quote; abbreviations kept."""
    found: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[: match.start()]):
            continue
        found.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    return [*found, tail] if tail else found


def chunk_blocks(blocks: Sequence[Block], max_words: int) -> list[list[Block]]:
    """Group blocks into passages of at most `max_words` (a longer block is split), each headed by its section.

    A section's heading is shown as a path below the document's title ("Sequence Types › Lists"), marked
    " (continued)" after the section's first passage; code stays with the paragraph that introduces it
    whenever the pair fits.
    """
    chunks: list[list[Block]] = []
    title: str | None = None
    heading: Block | None = None
    current: list[Block] = []

    def flush() -> None:
        nonlocal heading
        if current:
            chunks.append([heading, *current] if heading else list(current))
            current.clear()
            if heading is not None and not heading.text.endswith(CONTINUED):
                heading = Block(HEADING, heading.text + CONTINUED)

    for group in _groups(blocks):
        if group[0].kind == HEADING:
            flush()
            title = title or group[0].text
            path = group[0].text if group[0].text == title else f"{title} {HEADING_SEPARATOR} {group[0].text}"
            heading = Block(HEADING, path)
            continue
        parts = [group] if _words(group) <= max_words else [[p] for b in group for p in split_block(b, max_words)]
        for part in parts:
            if current and _words(current) + _words(part) > max_words:
                flush()
            current.extend(part)
    flush()
    return chunks


def _groups(blocks: Sequence[Block]) -> list[list[Block]]:
    """Blocks grouped so that each code block follows the block before it (headings stay alone)."""
    groups: list[list[Block]] = []
    for block in blocks:
        if block.kind == CODE and groups and groups[-1][0].kind != HEADING:
            groups[-1].append(block)
        else:
            groups.append([block])
    return groups


def _words(blocks: Sequence[Block]) -> int:
    """Total words of `blocks`."""
    return sum(block.words for block in blocks)


def split_block(block: Block, max_words: int) -> list[Block]:
    """A block cut into pieces of at most `max_words` (prose at sentence ends, code at line ends)."""
    if block.words <= max_words:
        return [block]
    units = block.text.split("\n") if block.kind == CODE else sentences(block.text)
    joiner = "\n" if block.kind == CODE else " "
    pieces: list[list[str]] = [[]]
    for unit in units:
        if pieces[-1] and len(joiner.join([*pieces[-1], unit]).split()) > max_words:
            pieces.append([])
        pieces[-1].append(unit)
    return [Block(block.kind, joiner.join(piece).strip("\n")) for piece in pieces if "".join(piece).strip()]


def passage_units(blocks: Sequence[Block]) -> list[tuple[int, str]]:
    """(block position, text) of a passage's quotable units: prose sentences and list items of 4+ words.

    A lead-in ending in ':' counts only before code (which the answer shows with it); before a list or a
    paragraph it only announces what follows.
    """
    units: list[tuple[int, str]] = []
    for position, block in enumerate(blocks):
        if block.kind in (HEADING, CODE):
            continue
        before_code = position + 1 < len(blocks) and blocks[position + 1].kind == CODE
        pieces = sentences(block.text) if block.kind == PROSE else [block.text.removeprefix("- ")]
        units.extend((position, piece) for piece in pieces
                     if len(piece.split()) >= MIN_UNIT_WORDS and (before_code or not piece.endswith(":")))
    return units
