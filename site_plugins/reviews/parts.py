"""A long document cut into parts, each published as a page of its own.

A page should stay under about 100 KB, and a document's article costs about 7 bytes of HTML a
word, so a document of more than `words_per_page` words becomes several pages. A cut falls where
a reader expects a new page: before a heading of the document's top section level if there is one
in reach, else before a heading of the next level, and only in a section without any usable
heading between two paragraphs. It never falls inside a code block, a table, a list, a quote, an
HTML block or a definition, nor right after a heading.

Footnote definitions leave the running text and are added to every part that refers to them (the
footnotes extension then numbers them from 1 on each page); link reference definitions are copied
to every part that uses them. The parts' running text, joined, is the document's running text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace

from .documents import count_words
from .outline import Heading, code_fence_mask, find_headings

# The plugin's words_per_page may not be lower: shorter pages would cut a report into scraps of a
# few paragraphs, each a click away from the next.
MIN_WORDS_PER_PAGE = 500

_FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]\s]+)\]")
_LINK_DEFINITION = re.compile(
    r"""^ {0,3}\[((?!\^)[^\]]+)\]:\s*\S+(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*$"""
)
_INDENTED = re.compile(r"^(?: {4}|\t)")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])(?:\s|$)")
_QUOTE = re.compile(r"^ {0,3}>")
_HTML_START = re.compile(r"^ {0,3}<(!--|[A-Za-z][\w-]*)")

# What a heading's text loses to read as a plain title.
_ATTRIBUTES = re.compile(r"\s*\{:?[^{}]*\}\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_STARS = re.compile(r"(\*{1,3})(?=\S)(.+?)(?<=\S)\1")
_UNDERSCORES = re.compile(r"(?<!\w)(_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
_CODE = re.compile(r"(`+)(.+?)\1")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ESCAPED = 0xE000


@dataclass(frozen=True)
class Part:
    number: int  # from 1
    markdown: str  # what the part's page renders: its text, then the definitions it uses
    text: str  # its share of the document's running text (the text without definitions)
    words: int  # words of its text and of its footnotes
    title: str  # its first heading as plain text, or "Part N" when it opens with a paragraph


@dataclass(frozen=True)
class _Unit:
    """Blocks no cut may separate: a block, or headings with the block that follows them."""

    start: int  # first line; a cut before the unit falls here
    # Its words, and those of the footnotes it refers to: a part with several units that refer
    # to one footnote counts it more than once, which errs on the short side.
    words: int
    level: int | None  # the level of the heading it opens with
    title: str | None
    text_words: int  # its own words, without the footnotes


def split_document(markdown: str, words_per_page: int) -> list[Part]:
    """The document's parts: one, with the Markdown unchanged, when the whole document has no
    more than `words_per_page` words; otherwise parts of at most that many words each, but for
    a part of a single block (a long table) that is longer on its own."""
    if words_per_page < 1:
        raise ValueError(f"words_per_page must be 1 or more, got {words_per_page}")
    running, footnotes, links = _take_definitions(_lines(markdown))
    # Every word is counted once (counting is most of the work on a long document).
    footnote_words = {key: count_words(text) for key, text in footnotes.items()}
    units = _units(running, footnotes, footnote_words)
    # Definitions that nothing refers to still render, at the end of the document: the last
    # part keeps them.
    unreferenced = footnotes.keys() - _references("".join(running), footnotes)
    extra = sum(footnote_words[key] for key in unreferenced)
    units[-1] = replace(units[-1], words=units[-1].words + extra)
    total = sum(unit.text_words for unit in units) + sum(footnote_words.values())
    ranges = [(0, len(units))] if total <= words_per_page else _cut(units, words_per_page)
    if len(ranges) == 1:
        return [Part(1, markdown, "".join(running), total, _title_of(units, 0, 1))]
    texts = [
        "".join(running[units[first].start : units[end].start if end < len(units) else None])
        for first, end in ranges
    ]
    notes = [_references(text, footnotes) for text in texts]
    notes[-1] |= unreferenced
    labels = [
        {label for label in links if _uses_link(text + "".join(map(footnotes.get, keys)), label)}
        for text, keys in zip(texts, notes, strict=True)
    ]
    labels[-1] |= links.keys() - set().union(*labels)
    parts = []
    for index, ((first, end), text) in enumerate(zip(ranges, texts, strict=True)):
        used = [footnotes[key] for key in footnotes if key in notes[index]]
        used += [links[label] for label in links if label in labels[index]]
        page = text.rstrip("\n") + "\n\n" + "\n\n".join(d.rstrip("\n") for d in used) + "\n"
        words = sum(unit.text_words for unit in units[first:end]) + sum(
            footnote_words[key] for key in notes[index]
        )
        number = index + 1
        parts.append(
            Part(number, page if used else text, text, words, _title_of(units, first, number))
        )
    return parts


def _lines(markdown: str) -> list[str]:
    """The lines with their line ends: "".join(lines) is the Markdown again."""
    lines = markdown.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def _take_definitions(lines: list[str]) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """(running text, footnote id -> its definition, link label -> its definition)."""
    plain = [line.rstrip("\n") for line in lines]
    in_code = code_fence_mask(plain)
    running: list[str] = []
    footnotes: dict[str, str] = {}
    links: dict[str, str] = {}
    index = 0
    while index < len(lines):
        footnote = None if in_code[index] else _FOOTNOTE_DEFINITION.match(plain[index])
        link = None if in_code[index] else _LINK_DEFINITION.match(plain[index])
        if footnote:
            end = _footnote_end(plain, index)
            key = footnote.group(1)
            footnotes[key] = footnotes.get(key, "") + "".join(lines[index:end])
            index = end
        elif link:
            key = _label(link.group(1))
            links[key] = links.get(key, "") + lines[index]
            index += 1
        else:
            running.append(lines[index])
            index += 1
    return running, footnotes, links


def _footnote_end(lines: list[str], start: int) -> int:
    """The line after a footnote definition, read as the footnotes extension reads it: the rest
    of its paragraph (up to another definition), then every indented block after it."""
    end = start + 1
    while end < len(lines) and lines[end].strip() and not _FOOTNOTE_DEFINITION.match(lines[end]):
        end += 1
    while True:
        after = end
        while after < len(lines) and not lines[after].strip():
            after += 1
        if after == len(lines) or not _INDENTED.match(lines[after]):
            return end
        end = after
        while end < len(lines) and lines[end].strip():
            end += 1


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def _block_starts(plain: list[str]) -> list[tuple[int, Heading | None]]:
    """(first line, heading or None) of every block that a cut may precede (or not, after a
    heading: _units joins those)."""
    in_code = code_fence_mask(plain)
    headings = {heading.start: heading for heading in find_headings(plain, in_code)}
    starts: list[tuple[int, Heading | None]] = []
    kind = None
    index = 0
    while index < len(plain):
        line = plain[index]
        if not line.strip():
            index += 1
            continue
        heading = headings.get(index)
        if heading is not None:
            starts.append((index, heading))
            kind, index = "heading", heading.end
            continue
        if not _continues(kind, line):
            starts.append((index, None))
            kind = _kind(line, in_code[index])
        index = _block_end(plain, in_code, headings, index)
    return starts


def _continues(kind: str | None, line: str) -> bool:
    """Whether a line after blank lines goes on with the block before them."""
    if kind is None or kind == "heading":
        return False
    return bool(
        _INDENTED.match(line)
        or (kind == "list" and _LIST_ITEM.match(line))
        or (kind == "quote" and _QUOTE.match(line))
    )


def _kind(line: str, in_code: bool) -> str:
    if in_code:
        return "code"
    if _LIST_ITEM.match(line):
        return "list"
    if _QUOTE.match(line):
        return "quote"
    return "html" if _HTML_START.match(line) else "paragraph"


def _block_end(
    plain: list[str], in_code: list[bool], headings: dict[int, Heading], start: int
) -> int:
    """The line after the block: the next blank line outside code (an HTML block runs to its
    closing tag), or the next heading."""
    closing = None
    html_start = _HTML_START.match(plain[start])
    if html_start and not in_code[start]:
        name = html_start.group(1)
        closing = "-->" if name == "!--" else f"</{name.casefold()}"
    end = start + 1
    if closing and closing in plain[start].casefold()[html_start.end() :]:
        closing = None
    while end < len(plain) and end not in headings:
        if closing and closing in plain[end].casefold():
            closing = None
        elif not plain[end].strip() and not in_code[end] and not closing:
            break
        end += 1
    return end


def _units(
    running: list[str], footnotes: dict[str, str], footnote_words: dict[str, int]
) -> list[_Unit]:
    plain = [line.rstrip("\n") for line in running]
    starts = _block_starts(plain) or [(0, None)]
    # A heading is never the last thing of a part: it stays with the block after it.
    grouped: list[list[tuple[int, Heading | None]]] = []
    for start, heading in starts:
        if grouped and grouped[-1][-1][1] is not None:
            grouped[-1].append((start, heading))
        else:
            grouped.append([(start, heading)])
    units = []
    for number, group in enumerate(grouped):
        start = 0 if number == 0 else group[0][0]
        stop = grouped[number + 1][0][0] if number + 1 < len(grouped) else len(running)
        text = "".join(running[start:stop])
        text_words = count_words(text)
        words = text_words + sum(footnote_words[key] for key in _references(text, footnotes))
        heading = group[0][1]
        units.append(
            _Unit(
                start,
                words,
                heading.level if heading else None,
                _plain_title(heading.text) if heading else None,
                text_words,
            )
        )
    return units


def _cut(units: list[_Unit], budget: int) -> list[tuple[int, int]]:
    """(first unit, unit after the last) of each part. Each part takes as many units as the
    budget allows, then gives back those after its best cut in its later half: before a heading
    of the highest level, then of the next, then between two paragraphs."""
    levels = sorted({unit.level for unit in units if unit.level is not None})
    rank = [levels.index(unit.level) if unit.level else len(levels) for unit in units]
    ranges = []
    first = 0
    while first < len(units):
        total, end, filled = 0, first, {}
        while end < len(units) and total + units[end].words <= budget:
            total += units[end].words
            end += 1
            filled[end] = total
        if end == len(units):
            ranges.append((first, end))
            break
        if end == first:
            cut = first + 1  # a unit longer than the budget stands alone
        else:
            later = [c for c in filled if filled[c] * 2 >= budget]
            cut = min(later, key=lambda c: (rank[c], -c)) if later else end
        ranges.append((first, cut))
        first = cut
    return ranges


def _references(text: str, footnotes: dict[str, str]) -> set[str]:
    """The footnotes the text refers to, and those that these refer to. (The footnotes
    extension numbers them in the order of their definitions, which the parts keep.)"""
    if not footnotes:
        return set()
    wanted: set[str] = set()
    found = {key for key in _FOOTNOTE_REFERENCE.findall(text) if key in footnotes}
    while found - wanted:
        wanted |= found
        found = {
            key for note in wanted for key in _FOOTNOTE_REFERENCE.findall(footnotes[note])
        } & footnotes.keys()
    return wanted


def _uses_link(text: str, label: str) -> bool:
    pattern = r"\[" + r"\s+".join(map(re.escape, label.split())) + r"\]"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _title_of(units: list[_Unit], first: int, number: int) -> str:
    """The part's first heading; for a part that opens in the middle of a section, that
    section's heading, "continued"; "Part N" before the document's first heading."""
    if units[first].title:
        return units[first].title
    before = next((unit.title for unit in reversed(units[:first]) if unit.title), None)
    return f"{before} (continued)" if before else f"Part {number}"


def _plain_title(text: str) -> str:
    """A heading's Markdown as the words it shows: without attributes, footnote references,
    link targets, emphasis, code marks and escapes."""
    text = _ATTRIBUTES.sub("", text)
    text = _FOOTNOTE_REFERENCE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"\2", text)
    # Escaped characters are kept out of the way of emphasis in private-use characters.
    text = _ESCAPE.sub(lambda match: chr(_ESCAPED + ord(match.group(1))), text)
    for _ in range(2):  # nested emphasis: ***a** b*
        text = _UNDERSCORES.sub(r"\2", _STARS.sub(r"\2", text))
    text = re.sub("[\ue000-\ue07f]", lambda match: chr(ord(match.group(0)) - _ESCAPED), text)
    return " ".join(html.unescape(text).split())
