"""Anonymised document Markdown: reading it, counting its words, fitting its headings under the
page title."""

from __future__ import annotations

import re
from pathlib import Path

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?=\s|$)")
_SETEXT_H1_UNDERLINE = re.compile(r"^ {0,3}=+\s*$")
_SETEXT_H2_UNDERLINE = re.compile(r"^ {0,3}-+\s*$")
# A line that cannot be the text of a setext heading (so a following "---" is a rule or
# part of a list or table, not an underline).
_NOT_HEADING_TEXT = re.compile(r"^\s*$|^ {0,3}([-*+>|]|\d+[.)])|^ {4}")
# Link targets and inline HTML tags are not words a reader reads.
_NOT_WORDS = re.compile(r"\]\([^)]*\)|<[^>]+>")
_WORD = re.compile(r"\w+(?:['’]\w+)*")


class DocumentReadError(Exception):
    """A document listed in review.yml cannot be read as UTF-8 text."""


def read_document(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentReadError(
            f"is not UTF-8 text ({error.reason} at byte {error.start}); "
            "documents must be UTF-8 Markdown as written by the anonymiser"
        ) from error
    return text.replace("\r\n", "\n")


def count_words(markdown: str) -> int:
    """Approximate number of words a reader reads (markup and link targets left out)."""
    return len(_WORD.findall(_NOT_WORDS.sub(" ", markdown)))


def reading_minutes(word_count: int, words_per_minute: int) -> int:
    return max(1, round(word_count / words_per_minute))


def _code_fence_mask(lines: list[str]) -> list[bool]:
    """True for the lines inside (or opening/closing) a fenced code block."""
    mask: list[bool] = []
    fence: str | None = None
    for line in lines:
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            mask.append(True)
        elif fence is not None:
            mask.append(True)
            # A closing fence is at least as long as the opening one, with nothing after it.
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
        else:
            mask.append(False)
    return mask


def _level_one_headings(lines: list[str], in_code: list[bool]) -> list[tuple[int, int]]:
    """(first line, line after) of every level-one heading, ATX ("# Title") or setext."""
    found = []
    for index, line in enumerate(lines):
        if in_code[index]:
            continue
        match = _ATX_HEADING.match(line)
        if match and len(match.group(1)) == 1:
            found.append((index, index + 1))
        elif (
            index
            and _SETEXT_H1_UNDERLINE.match(line)
            and not in_code[index - 1]
            and not _NOT_HEADING_TEXT.match(lines[index - 1])
        ):
            found.append((index - 1, index + 1))
    return found


def _demote(lines: list[str], in_code: list[bool]) -> list[str]:
    result: list[str] = []
    for index, line in enumerate(lines):
        if in_code[index]:
            result.append(line)
            continue
        atx = _ATX_HEADING.match(line)
        if atx:
            level = len(atx.group(1))
            result.append("#" * min(level + 1, 6) + line[atx.end() :])
            continue
        previous_is_text = (
            bool(result)
            and not in_code[index - 1]
            and not _NOT_HEADING_TEXT.match(lines[index - 1])
            and not _ATX_HEADING.match(lines[index - 1])
        )
        if previous_is_text and _SETEXT_H1_UNDERLINE.match(line):
            result[-1] = "## " + result[-1].strip()
        elif previous_is_text and _SETEXT_H2_UNDERLINE.match(line):
            result[-1] = "### " + result[-1].strip()
        else:
            result.append(line)
    return result


def fit_headings_under_title(markdown: str) -> str:
    """Make the document's outline start below the page's <h1> (the document title).

    A document converted from Word often has level-one headings, which would give the page
    several <h1> elements and an outline that screen-reader users cannot rely on:
    - a single level-one heading at the very top is the document's own title, which the page
      title replaces: it is dropped;
    - otherwise every heading moves one level down (setext headings become ATX ones).
    """
    lines = markdown.split("\n")
    in_code = _code_fence_mask(lines)
    level_one = _level_one_headings(lines, in_code)
    if not level_one:
        return markdown
    first_text = next((i for i, line in enumerate(lines) if line.strip()), 0)
    if len(level_one) == 1 and level_one[0][0] == first_text:
        return "\n".join(lines[level_one[0][1] :]).lstrip("\n")
    return "\n".join(_demote(lines, in_code))
