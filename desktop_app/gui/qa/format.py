"""Q&A answers and passages as the rich text the panel shows: prose, list items, code in monospace blocks, links.

Answers and passages are light Markdown (core.qa.text): paragraphs, `- ` items, `## ` headings and fenced code.
Citations `[n]` become links `source:n`; each source is listed under the answer with such a link.
"""
from __future__ import annotations

import html
import re
from collections.abc import Sequence

from core.qa.answerer import GENERATED, QUICK, Answer, Source
from core.qa.text import CODE, HEADING, ITEM, markdown_blocks
from desktop_app.gui.colors import hint_color, shade

SOURCE_SCHEME = "source"
_INLINE = re.compile(r"``([^`\n]+)``|`([^`\n]+)`|\[(\d+)\]")  # reST ``literal``, Markdown `code`, [n]


def source_link(number: int) -> str:
    """The link of source `number` (1-based)."""
    return f"{SOURCE_SCHEME}:{number}"


def source_number(link: str) -> int | None:
    """The 1-based source number of a `source:n` link, None for any other link."""
    scheme, _, number = link.partition(":")
    return int(number) if scheme == SOURCE_SCHEME and number.isdigit() else None


def inline_html(text: str, fixed_family: str, sources: int) -> str:
    """Escaped prose with `code` in monospace and citations of existing sources as links."""
    parts: list[str] = []
    position = 0
    for match in _INLINE.finditer(text):
        parts.append(html.escape(text[position : match.start()]))
        literal, code, number = match.groups()
        code = literal or code
        if code is not None:
            parts.append(f'<code style="font-family: \'{fixed_family}\';">{html.escape(code)}</code>')
        elif 1 <= int(number) <= sources:
            parts.append(f'<a href="{source_link(int(number))}">[{number}]</a>')
        else:
            parts.append(html.escape(match.group(0)))
        position = match.end()
    parts.append(html.escape(text[position:]))
    return "".join(parts)


def code_html(code: str, fixed_family: str) -> str:
    """A code block: monospace, indentation kept, long lines wrapped, on a shaded box the width of the view."""
    return (f'<table width="100%" cellpadding="6" cellspacing="0" style="background-color: {shade(0.07).name()};">'
            f'<tr><td><pre style="font-family: \'{fixed_family}\'; margin: 0; white-space: pre-wrap;">'
            f"{html.escape(code)}</pre></td></tr></table>")


def blocks_html(text: str, fixed_family: str, sources: int = 0) -> str:
    """Light Markdown as rich text; consecutive items form one list."""
    parts: list[str] = []
    items: list[str] = []
    for block in markdown_blocks(text):
        if block.kind == ITEM:
            items.append(f"<li>{inline_html(block.text[2:], fixed_family, sources)}</li>")
            continue
        if items:
            parts.append(f"<ul>{''.join(items)}</ul>")
            items = []
        if block.kind == CODE:
            parts.append(code_html(block.text, fixed_family))
        elif block.kind == HEADING:
            parts.append(f"<h3>{html.escape(block.text)}</h3>")
        else:
            parts.append(f"<p>{inline_html(block.text, fixed_family, sources)}</p>")
    if items:
        parts.append(f"<ul>{''.join(items)}</ul>")
    return "".join(parts)


def source_name(source: Source) -> str:
    """How a source is named in the list: its id, or its title then its id (imported pairs)."""
    return source.id if source.id.startswith(source.title) else f"{source.title} ({source.id})"


def sources_html(sources: Sequence[Source]) -> str:
    """The numbered, linked list of sources with their retrieval scores."""
    rows = [f'<p style="margin: 2px 0;"><a href="{source_link(n)}">[{n}] {html.escape(source_name(s))}</a>'
            f' <span style="color: {hint_color()};">{s.score:.2f}</span></p>' for n, s in enumerate(sources, start=1)]
    return f"<h4>Sources</h4>{''.join(rows)}" if rows else ""


def answer_html(question: str, answer: Answer, fixed_family: str) -> str:
    """The question, the notice if any, the answer (who wrote it) and its sources."""
    notice = (f'<p style="color: {hint_color()};"><i>{html.escape(answer.notice)}</i></p>' if answer.notice else "")
    origin = (f"Answered by {answer.model}" if answer.mode == GENERATED and answer.model else
              "Quick answer by word match, quoted from the sources" if answer.mode == QUICK else
              "Quoted from the sources")
    return (f"<h3>{html.escape(question)}</h3>{notice}"
            f"{blocks_html(answer.text, fixed_family, len(answer.sources))}"
            f'<p style="color: {hint_color()};">{html.escape(origin)}</p>{sources_html(answer.sources)}')


def passage_html(source: Source, fixed_family: str) -> str:
    """A source passage in full, with its id."""
    return (f'<p style="color: {hint_color()};">{html.escape(source.id)} · score {source.score:.2f}</p>'
            f"{blocks_html(source.text, fixed_family)}")
