"""Documentation text to blocks and passages: headings, grid tables, code detection, sentences, chunking."""
from __future__ import annotations

from core.qa.text import (
    CODE,
    HEADING,
    ITEM,
    PROSE,
    Block,
    chunk_blocks,
    doc_blocks,
    is_code_line,
    markdown_blocks,
    passage_units,
    render,
    sentences,
    split_block,
)

TOPIC = '''Mutable Sequence Types
**********************

The operations in the following table are defined on mutable sequence
types.

+--------------------------------+----------------------------------+-----------------------+
| Operation                      | Result                           | Notes                 |
|================================|==================================|=======================|
| "s.append(x)"                  | appends *x* to the end of the    |                       |
|                                | sequence                         |                       |
+--------------------------------+----------------------------------+-----------------------+
| "s.remove(x)"                  | remove the first item from *s*   | (3)                   |
|                                | where "s[i]" is equal to *x*     |                       |
+--------------------------------+----------------------------------+-----------------------+

Notes:

1. "remove()" raises "ValueError" when *x* is not found in *s*.

The following code:

   with EXPRESSION as TARGET:
       SUITE

is semantically equivalent to a try statement.
'''


def test_headings_tables_items_and_code() -> None:
    blocks = doc_blocks(TOPIC)
    assert blocks[0] == Block(HEADING, "Mutable Sequence Types")
    items = [b.text for b in blocks if b.kind == ITEM]
    assert items == [
        '- "s.append(x)" — appends x to the end of the sequence',
        '- "s.remove(x)" — remove the first item from s where "s[i]" is equal to x — (3)',
        '1. "remove()" raises "ValueError" when x is not found in s.',
    ]
    (code,) = [b.text for b in blocks if b.kind == CODE]
    assert code == "with EXPRESSION as TARGET:\n    SUITE"
    assert blocks[-1] == Block(PROSE, "is semantically equivalent to a try statement.")


def test_doctests_start_code_even_inside_a_paragraph() -> None:
    blocks = doc_blocks("Essentially the only subtle case:\n>>> f('aa')\nFalse\n\nMore prose here.")
    assert [b.kind for b in blocks] == [PROSE, CODE, PROSE]
    assert blocks[1].text == ">>> f('aa')\nFalse"


def test_indented_prose_stays_prose() -> None:
    text = "class list([iterable])\n\n   Lists may be constructed in several ways:\n\n   * Using brackets: \"[]\"\n"
    assert [b.kind for b in doc_blocks(text)] == [PROSE, PROSE, ITEM]


def test_code_lines_and_sentences() -> None:
    assert is_code_line("lists = [[] for i in range(3)]") and is_code_line("    print(i)")
    assert not is_code_line("The constructor builds a list whose items are the same (see list()).")
    assert sentences('Use it, e.g. for lists. "sort()" sorts. Done!') == ["Use it, e.g. for lists.", '"sort()" sorts.',
                                                                          "Done!"]


def test_markdown_round_trip() -> None:
    blocks = doc_blocks(TOPIC)
    assert markdown_blocks(render(blocks)) == blocks


def test_chunks_respect_the_limit_keep_code_with_its_lead_and_repeat_the_heading() -> None:
    prose = " ".join(f"Sentence number {i} is here." for i in range(40))
    lead, code = Block(PROSE, "Example of use:"), Block(CODE, "x = 1\ny = 2")
    blocks = [Block(HEADING, "Title"), Block(PROSE, prose), lead, code]
    chunks = chunk_blocks(blocks, max_words=50)
    assert [chunk[0].text for chunk in chunks] == ["Title"] + ["Title (continued)"] * (len(chunks) - 1)
    assert all(sum(b.words for b in chunk[1:]) <= 50 for chunk in chunks)
    assert chunks[-1][-2:] == [lead, code]
    assert " ".join(b.text for chunk in chunks for b in chunk if b.kind == PROSE).startswith(prose)


def test_section_headings_are_paths_below_the_title() -> None:
    blocks = doc_blocks("Sequence Types\n==============\n\nIntro text.\n\nLists\n-----\n\nLists are mutable.\n")
    assert [chunk[0].text for chunk in chunk_blocks(blocks, 100)] == ["Sequence Types", "Sequence Types › Lists"]


def test_units_are_sentences_and_items_without_lead_ins() -> None:
    blocks = markdown_blocks("## Title\n\nFirst sentence is here. The second one too. Tiny.\n\nUse this:\n\n"
                             "```\nx = 1\n```\n\n- s.append(x) — appends x")
    assert passage_units(blocks) == [(1, "First sentence is here."), (1, "The second one too."),
                                     (4, "s.append(x) — appends x")]


def test_long_code_splits_at_line_ends() -> None:
    code = Block(CODE, "\n".join(f"value_{i} = compute({i})" for i in range(30)))
    pieces = split_block(code, max_words=20)
    assert len(pieces) > 1 and all(p.words <= 20 for p in pieces)
    assert "\n".join(p.text for p in pieces) == code.text
