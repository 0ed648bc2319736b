"""Answers and passages as rich text: escaping, code in monospace, items as lists, citations as links."""
from __future__ import annotations

from core.qa.answerer import EXTRACTIVE, GENERATED, Answer, Source
from desktop_app.gui.qa.format import answer_html, blocks_html, inline_html, passage_html, source_number

MONO = "Mono"
SOURCE = Source("so:1:2#1", "Reverse a list", "## Reverse a list\n\nUse slicing:\n\n```\nx[::-1]\n```", 0.81)


def test_prose_is_escaped_with_code_and_existing_citations_linked() -> None:
    text = "Use `a < b` or ``sorted(x)`` & see [1], not [3]."
    assert inline_html(text, MONO, sources=2) == (
        "Use <code style=\"font-family: 'Mono';\">a &lt; b</code> or "
        "<code style=\"font-family: 'Mono';\">sorted(x)</code> &amp; see <a href=\"source:1\">[1]</a>, not [3].")


def test_code_blocks_keep_their_lines_and_items_form_one_list() -> None:
    rendered = blocks_html("Try:\n\n```\nif a < b:\n    print(a)\n```\n\n- one\n\n- two\n\nDone.", MONO)
    assert "<pre style=\"font-family: 'Mono'; margin: 0; white-space: pre-wrap;\">if a &lt; b:\n    print(a)</pre>" \
        in rendered
    assert "<ul><li>one</li><li>two</li></ul><p>Done.</p>" in rendered


def test_an_answer_shows_its_notice_origin_and_numbered_sources() -> None:
    quoted = answer_html("Reverse?", Answer("Use slicing [1]", EXTRACTIVE, [SOURCE], "No Q&A model."), MONO)
    assert quoted.startswith("<h3>Reverse?</h3>") and "<i>No Q&amp;A model.</i>" in quoted
    assert "Quoted from the sources" in quoted
    assert '<a href="source:1">[1] Reverse a list (so:1:2#1)</a>' in quoted
    written = answer_html("Reverse?", Answer("x[::-1]", GENERATED, [SOURCE], None, "qa-run"), MONO)
    assert "Answered by qa-run" in written and "<i>" not in written


def test_passages_and_links() -> None:
    assert "<h3>Reverse a list</h3><p>Use slicing:</p>" in passage_html(SOURCE, MONO)
    assert source_number("source:12") == 12 and source_number("https://python.org") is None
