"""The print page of a document published in parts: its PDF holds the whole document.

The plugin writes each part's text between two markers (plugin.on_page_content). Before the
PDF is printed, part 1's built page is taken as it is (header, styles, scripts), and its text
is replaced by the texts of all the parts in order; the list of parts and the links to the
previous and next part are left out. pdf.py serves the result to Chromium at an address of its
own: nothing is written to site/.

Parts after the first have their element ids (headings, footnotes) and the links to them
prefixed with "part-N-": two parts may both have a heading "Analysis" or a footnote 1, and a
link in the PDF must go to its own part's one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from mkdocs.exceptions import PluginError

# HTML comments: they show nowhere. A document can hold comment lines of its own (sanitise.py
# keeps them), so the text is taken from the first start marker to the last end marker, which
# are the plugin's.
TEXT_START = "<!-- reviews:part-text -->"
TEXT_END = "<!-- /reviews:part-text -->"
# The fragments' navigation between parts (templates/reviews/_parts.html); a document's own
# HTML tags are escaped (sanitise.py), so no <nav> of the document can match.
_PARTS_NAVIGATION = re.compile(
    r'<nav class="reviews-(?:parts|part-pager)"[^>]*>.*?</nav>\s*', re.DOTALL
)
_ID = re.compile(r'(\sid=")([^"]+)"')
_ANCHOR = re.compile(r'(\shref="#)([^"]+)"')


def whole_document_html(site_dir: Path, parts: Sequence[str]) -> str:
    """Part 1's page with the text of every part; `parts`: their built files, relative to
    site_dir (reviews/child-d/overview/index.html, reviews/child-d/overview/part-2/index.html)."""
    pages = [(site_dir / part).read_text(encoding="utf-8") for part in parts]
    shell = pages[0]
    start, end = _text_span(shell, parts[0])
    texts = [
        _text(page, number, part)
        for number, (page, part) in enumerate(zip(pages, parts, strict=True), start=1)
    ]
    whole = shell[:start] + "".join(texts) + shell[end:]
    return _PARTS_NAVIGATION.sub("", whole)


def _text_span(page: str, where: str) -> tuple[int, int]:
    """Where the part's text is in its page, markers included."""
    start, end = page.find(TEXT_START), page.rfind(TEXT_END)
    if start < 0 or end < start:
        raise PluginError(
            f"reviews plugin: {where} has no part text between {TEXT_START} and {TEXT_END}; "
            "its document's PDF cannot be printed"
        )
    return start, end + len(TEXT_END)


def _text(page: str, number: int, where: str) -> str:
    start, end = _text_span(page, where)
    text = page[start + len(TEXT_START) : end - len(TEXT_END)]
    if number == 1:
        return text
    prefix = f"part-{number}-"
    text = _ID.sub(lambda match: f'{match.group(1)}{prefix}{match.group(2)}"', text)
    return _ANCHOR.sub(lambda match: f'{match.group(1)}{prefix}{match.group(2)}"', text)
