"""Extractive answers from scored units: one labelled quote per passage, summaries, code, signatures left out."""
from __future__ import annotations

from core.qa.extract import extract_answer, is_signature
from core.qa.index import Hit, UnitHit
from core.qa.passages import Passage


def hit(source: str, body: str, score: float, units: list[tuple[str, int, float]], heading: str = "") -> Hit:
    """A hit on passage `source#1` headed by `heading` (default: the source's name)."""
    text = f"## {heading or source.split(':')[-1]}\n\n{body}"
    return Hit(Passage(f"{source}#1", source, text), score, tuple(UnitHit(*unit) for unit in units))


REMOVE = hit("builtin:list.remove",
             "Remove first occurrence of value.\n\nRaises ValueError if the value is not present.", 0.73,
             [("Remove first occurrence of value.", 1, 0.65),
              ("Raises ValueError if the value is not present.", 2, 0.73)])
DISCARD = hit("builtin:set.discard", "Remove an element from a set if it is a member.", 0.66,
              [("Remove an element from a set if it is a member.", 1, 0.66)])
FAR = hit("stdlib:pstats.add_callers", "Combine two caller lists in a single list.", 0.4,
          [("Combine two caller lists in a single list.", 1, 0.4)])


def test_one_labelled_quote_per_close_passage_after_its_summary_sentence() -> None:
    assert extract_answer([REMOVE, DISCARD, FAR]) == (
        "list.remove: Remove first occurrence of value. Raises ValueError if the value is not present. [1]\n\n"
        "set.discard: Remove an element from a set if it is a member. [2]")


def test_continued_passages_have_no_summary_and_signatures_are_not_quoted() -> None:
    continued = hit("pydoc:topic:typesseq", "Some context first.\n\nThe method sorts the list in place.", 0.7,
                    [("Some context first.", 1, 0.3), ("The method sorts the list in place.", 2, 0.7)],
                    heading="Sequence Types › Lists (continued)")
    signature = hit("builtin:str.index", "S.index(sub[, start]) -> int\n\nReturn the lowest index of sub.", 0.69,
                    [("S.index(sub[, start]) -> int", 1, 0.69), ("Return the lowest index of sub.", 2, 0.62)])
    assert extract_answer([continued, signature]) == ("Lists: The method sorts the list in place. [1]\n\n"
                                                      "str.index: Return the lowest index of sub. [2]")
    assert is_signature("sort(*, key=None, reverse=False)") and not is_signature("od.pop(k) -> v, removes k.")


def test_code_follows_its_sentence_and_code_only_passages_are_quoted_by_code() -> None:
    example = hit("stdlib:json.dumps", "Serialize obj to JSON.\n\nFor example:\n\n```\n>>> json.dumps([1])\n'[1]'\n```",
                  0.7, [("Serialize obj to JSON.", 1, 0.7)])
    code_only = Hit(Passage("so:1:2#1", "How do I dump JSON?", "## How do I dump JSON?\n\n```\njson.dump(obj, f)\n```"),
                    0.68, (UnitHit("", -1, 0.68),))
    assert extract_answer([example, code_only]) == (
        "json.dumps: Serialize obj to JSON. [1]\n\n```\n>>> json.dumps([1])\n'[1]'\n```\n\n"
        "How do I dump JSON? (code) [2]\n\n```\njson.dump(obj, f)\n```")


def test_the_same_sentence_is_quoted_once() -> None:
    twin = hit("stdlib:_pyio.open", "Remove first occurrence of value.", 0.72,
               [("Remove first occurrence of value.", 1, 0.72)])
    assert extract_answer([REMOVE, twin]).count("Remove first occurrence of value.") == 1
    assert extract_answer([]) == ""
