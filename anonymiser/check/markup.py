"""HTML pages, SVG pictures and XML feeds as the text a reader or a machine can see.

Text between tags is kept; character references are decoded ("O&#39;Brien" is read as
"O'Brien", or a name split by an apostrophe would slip through); the attributes a person or a
search engine reads (alt, title, aria-label, meta content, data-*, and links) are kept at the
place of their tag; code (scripts, styles) is left out, except JSON data scripts, whose strings
are read. An XML feed carries its entries' HTML escaped or in CDATA: once decoded, those tags are
blanked out too, keeping their visible attributes.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from pathlib import Path

from anonymiser.check.surfaces import Surface, SurfaceBuilder, json_strings

_TOKEN = re.compile(
    r"<!--.*?(?:-->|$)"
    r"|<!\[CDATA\[(?P<cdata>.*?)(?:\]\]>|$)"
    r"|<(?P<code>script|style)\b(?P<code_attrs>[^>]*)>(?P<code_body>.*?)(?:</(?P=code)\s*>|$)"
    r"|<[A-Za-z/!?][^>]*>"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});",
    re.DOTALL | re.IGNORECASE,
)
_TAG_NAME = re.compile(r"</?([A-Za-z][\w:.-]*)")
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
# Attributes whose values are read by people (alt, title...), shown by browsers or search
# engines (meta content), or carry data (data-*), and links, whose paths can spell a name.
_READ_ATTRIBUTES = frozenset(
    "alt title aria-label aria-description aria-roledescription aria-valuetext content "
    "placeholder label value summary abbr download href src cite poster".split()
)
# Inline elements run on within a line of text. Any other tag ends a block, written as a blank
# line as between two Markdown paragraphs: the words of two table cells are never read as one
# word, and a date is never read across two cells ("4" | "January 2023").
BLOCK_BREAK = "\n\n"
_INLINE = frozenset(
    "a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup time "
    "u var wbr".split()
)
_JSON_SCRIPT = re.compile(r"""type\s*=\s*["']?[\w/+.-]*json""", re.IGNORECASE)
_EMBEDDED_TAG = re.compile(r"<[A-Za-z/!][^<>]*>")


def markup_surface(path: Path, raw: str, xml: bool = False) -> Surface:
    builder = SurfaceBuilder()
    at = 0
    for match in _TOKEN.finditer(raw):
        start = match.start()
        if start > at:
            builder.add(raw[at:start], at)
        at = match.end()
        token = match.group(0)
        if token[0] == "&":
            builder.add(html.unescape(token), start)
        elif match.group("cdata") is not None:
            builder.add(match.group("cdata"), match.start("cdata"))
        elif match.group("code") is not None:
            if _JSON_SCRIPT.search(match.group("code_attrs")):
                json_strings(builder, match.group("code_body"), match.start("code_body"))
            builder.add("\n", start)
        elif token.startswith("<!--"):
            builder.add("\n", start)
        else:
            _tag(builder, token, start)
    if at < len(raw):
        builder.add(raw[at:], at)
    surface = builder.build(path, raw)
    if xml and _EMBEDDED_TAG.search(surface.text):
        surface = _embedded_tags_read(surface)
    return surface


def _visible_values(tag: str) -> list[tuple[int, int]]:
    """(start, end) in `tag` of the value of each attribute a reader or a machine reads."""
    spans = []
    for attribute in _ATTRIBUTE.finditer(tag):
        name = attribute.group(1).lower()
        if name in _READ_ATTRIBUTES or name.startswith("data-"):
            group = next(g for g in (2, 3, 4) if attribute.group(g) is not None)
            if attribute.group(group):
                spans.append(attribute.span(group))
    return spans


def _ends_a_block(tag: str) -> bool:
    name = _TAG_NAME.match(tag)
    return name is None or name.group(1).lower() not in _INLINE


def _tag(builder: SurfaceBuilder, tag: str, start: int) -> None:
    for value_start, value_end in _visible_values(tag):
        builder.add(BLOCK_BREAK, start)
        builder.add(html.unescape(tag[value_start:value_end]), start + value_start)
        builder.add(BLOCK_BREAK, start + value_end)
    if _ends_a_block(tag):
        builder.add(BLOCK_BREAK, start)


def _embedded_tags_read(surface: Surface) -> Surface:
    """A feed's decoded text with the HTML tags its entries carried read as a page's are: an
    inline tag runs on within its word ("Kay<b>leigh</b>" is "Kayleigh" to a feed reader), any
    other ends a block, and visible attribute values stay. Each piece keeps its place in the
    file."""
    text, starts, origins = surface.text, surface.starts, surface.origins
    ends = [*starts[1:], len(text)]
    builder = SurfaceBuilder()

    def origin(offset: int) -> int:
        piece = max(0, bisect_right(starts, offset) - 1)
        return origins[piece] + offset - starts[piece]

    def copy(start: int, end: int) -> None:
        piece = max(0, bisect_right(starts, start) - 1)
        while start < end:
            stop = min(end, ends[piece])
            builder.add(text[start:stop], origins[piece] + start - starts[piece])
            start, piece = stop, piece + 1

    at = 0
    for match in _EMBEDDED_TAG.finditer(text):
        copy(at, match.start())
        for value_start, value_end in _visible_values(match.group()):
            builder.add(BLOCK_BREAK, origin(match.start()))
            copy(match.start() + value_start, match.start() + value_end)
            builder.add(BLOCK_BREAK, origin(match.start() + value_end))
        if _ends_a_block(match.group()):
            builder.add(BLOCK_BREAK, origin(match.start()))
        at = match.end()
    copy(at, len(text))
    return builder.build(surface.path, surface.raw)
