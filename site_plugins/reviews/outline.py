"""The heading outline of an anonymised document, fitted under the page's own <h1>.

A document converted from Word starts with its own title block (partnership, review, document
kind) and often uses level-one headings. On the site the page header already says all that,
so the title block is dropped (title_block.py decides which of its lines) and every remaining
heading moves so that the outline starts at level two, with no level skipped at the top.

Headings are found as Python-Markdown (which renders the site) finds them: an ATX heading starts
at the beginning of a line ("#Title" included); a setext heading is the first line of a block,
underlined with = or -. Lines inside fenced code blocks are never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .title_block import Block, Restatements, lines_to_drop

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^(#{1,6})(?!#)(.*?)(?:\s#+)?\s*$")
_SETEXT_UNDERLINE = re.compile(r"^(=+|-+) *$")
# First lines that cannot start a plain one-line paragraph of a title block: list items,
# quotes, tables, indented code, HTML, images, fences, rules, admonitions.
_NOT_PLAIN_LINE = re.compile(
    r"^ {4}|^\s*(?:[-*+]\s|[>|<]|!\[|!!!|\d+[.)](?:\s|$)|`{3}|~{3}|([-*_])(?:\s*\1){2,}\s*$)"
)


@dataclass(frozen=True)
class Heading:
    start: int  # first line
    end: int  # line after the heading
    level: int
    text: str
    setext: bool = False


def code_fence_mask(lines: list[str]) -> list[bool]:
    """True for the lines inside (or opening/closing) a fenced code block."""
    mask: list[bool] = []
    fence: str | None = None
    for line in lines:
        # A fence's first character after its indent is ` or ~: most lines are skipped at once.
        match = _FENCE.match(line) if line.lstrip(" ")[:1] in ("`", "~") else None
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


def find_headings(lines: list[str], in_code: list[bool]) -> list[Heading]:
    found: list[Heading] = []
    for index, line in enumerate(lines):
        # An ATX heading starts with "#", a setext underline with "=" or "-": most lines are
        # neither, and are skipped at once.
        if in_code[index] or line[:1] not in ("#", "=", "-"):
            continue
        atx = _ATX.match(line)
        if atx:
            found.append(Heading(index, index + 1, len(atx.group(1)), atx.group(2).strip()))
            continue
        underline = _SETEXT_UNDERLINE.match(line)
        if not underline or index == 0 or in_code[index - 1]:
            continue
        text = lines[index - 1]
        before = lines[index - 2] if index >= 2 else ""
        starts_block = not before.strip() or bool(_ATX.match(before))
        if text.strip() and not text.startswith("    ") and starts_block and not _ATX.match(text):
            level = 1 if underline.group(1).startswith("=") else 2
            found.append(Heading(index - 1, index + 1, level, text.strip(), setext=True))
    return found


def _blocks(lines: list[str], headings: list[Heading]) -> list[Block]:
    """The top of the document as blocks, up to and including its first block of content."""
    by_start = {heading.start: heading for heading in headings}
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        heading = by_start.get(index)
        if heading is not None:
            blocks.append(Block("heading", heading.start, heading.end, heading.text, heading.level))
            index = heading.end
            continue
        end = index + 1
        while end < len(lines) and lines[end].strip() and end not in by_start:
            end += 1
        if end == index + 1 and not _NOT_PLAIN_LINE.match(line):
            # A paragraph of one plain line: a subtitle or byline may restate the header.
            blocks.append(Block("line", index, end, line.strip()))
            index = end
            continue
        blocks.append(Block("content", index, end, ""))
        break
    return blocks


def _shift(lines: list[str], headings: list[Heading], by: int) -> list[str]:
    """Move every heading `by` levels (kept between 1 and 6); setext headings become ATX."""
    result = list(lines)
    for heading in reversed(headings):
        level = min(max(heading.level + by, 1), 6)
        if heading.setext:
            result[heading.start : heading.end] = ["#" * level + " " + heading.text]
        else:
            atx = _ATX.match(lines[heading.start])
            result[heading.start] = "#" * level + lines[heading.start][atx.end(1) :]
    return result


def fit_headings_under_title(markdown: str, restated: Restatements | None = None) -> str:
    """The document's Markdown without its title block, its outline starting at level two.

    `restated` says what the page header already shows (review, type, partnership, document);
    without it only a lone level-one heading at the very top is taken for a title block.
    """
    lines = markdown.split("\n")
    headings = find_headings(lines, code_fence_mask(lines))
    lone_title = sum(1 for heading in headings if heading.level == 1) == 1
    drop = lines_to_drop(_blocks(lines, headings), restated or Restatements(), lone_title)
    if drop:
        lines = [line for index, line in enumerate(lines) if index not in drop]
        while lines and not lines[0].strip():
            lines.pop(0)
        headings = find_headings(lines, code_fence_mask(lines))
    if not headings:
        return "\n".join(lines)
    by = 2 - min(heading.level for heading in headings)
    return "\n".join(_shift(lines, headings, by) if by else lines)
