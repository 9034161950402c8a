"""A document page's Markdown as rendered outside MkDocs' own Page.render() (by a worker,
markdown_pool.py, or kept from an earlier build, markdown_cache.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Rendered:
    """What MkDocs' Page.render() leaves on a page, as a worker found it."""

    html: str
    toc_tokens: list[dict[str, Any]]
    title: str | None
    anchor_ids: frozenset[str]
    # Links to the page's own anchors ("#fn:1"): anchor -> the link as written.
    self_links: dict[str, str]
    # The page links to the site (a path): MkDocs must resolve and check it.
    links_to_site: bool
