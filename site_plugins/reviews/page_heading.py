"""The <h1> of a generated page as the first entry of its table of contents.

mkdocs-material renders its "Skip to content" link (WCAG 2.4.1) only for a page whose table of
contents has a first entry, and points it there. A Markdown page gets one from its "# Title";
a generated page's <h1> comes from a fragment template, outside the Markdown, so it is given an
id here and put first in page.toc, with the document's own headings under it (as for a Markdown
page, the theme's table of contents then lists those). The skip link lands on the <h1>, after
the breadcrumb, as on GOV.UK.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from markdown.extensions.toc import slugify, unique
from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import AnchorLink, TableOfContents

_H1 = "<h1>"
# Found by its letters, then checked to be a whole attribute name (see _ids): a pattern that
# begins with letters is searched for far faster than one that begins with \b.
_ID = re.compile(r"""id=["']([^"']*)["']""")


def slugifier(mdx_configs: dict) -> Callable[[str], str]:
    """The site's own slugify for headings (markdown_extensions: toc), so ids look alike."""
    toc = mdx_configs.get("toc") or {}
    function = toc.get("slugify") or slugify
    separator = toc.get("separator", "-")
    return lambda text: function(text, separator)


def give_heading_an_id(
    fragment: str, body: str, title: str, slug: Callable[[str], str], where: str
) -> tuple[str, str]:
    """(fragment with an id on its <h1>, that id): the title's slug, unique on the page."""
    if fragment.count(_H1) != 1 or "<h1 " in fragment:
        raise PluginError(
            f"reviews plugin: the template of {where} must write exactly one <h1> without "
            "attributes (the plugin gives it its id)"
        )
    taken = _ids(fragment) | _ids(body)
    heading_id = unique(slug(title) or "title", taken)
    return fragment.replace(_H1, f'<h1 id="{heading_id}">', 1), heading_id


def _ids(html: str) -> set[str]:
    """The values of the HTML's attributes named id or ending in "-id" (data-id), as the pattern
    \bid="..." finds them: both may name an element the new id must not clash with."""
    return {
        found.group(1)
        for found in _ID.finditer(html)
        if not (before := html[found.start() - 1 : found.start()]) or not _is_word(before)
    }


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"


def toc_under_heading(toc: TableOfContents, title: str, heading_id: str) -> TableOfContents:
    """The page's table of contents with the <h1> first and the body's headings under it."""
    entry = AnchorLink(html.escape(title), heading_id, 1)
    entry.children = list(toc)
    # MkDocs marks the first entry active (see mkdocs.structure.toc.get_toc).
    entry.active = True
    return TableOfContents([entry])
