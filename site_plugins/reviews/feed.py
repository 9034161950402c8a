"""The Atom feed of new publications (feed.xml), one entry per listed review, newest first.

It is made from the catalogue, which never holds a draft or an embargoed review, so the feed
cannot announce one. Dates are the reviews' publication dates, never the build time, so that
rebuilding the site does not make feed readers show old reviews as new.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from urllib.parse import urljoin
from xml.etree import ElementTree

from .model import Review, Vocabularies

FEED_PATH = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(
    reviews: tuple[Review, ...],
    *,
    site_url: str,
    page_url: Callable[[Review], str],
    title: str,
    partnership: str,
    vocabularies: Vocabularies,
    limit: int,
    today: date,
) -> str:
    """The feed as XML text; page_url(review) is the review page's URL relative to the site."""
    ElementTree.register_namespace("", ATOM)

    def add(parent: ElementTree.Element, tag: str, text: str | None = None, **attributes):
        element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        element.text = text
        return element

    newest = reviews[:limit]
    feed = ElementTree.Element(f"{{{ATOM}}}feed", {XML_LANG: "en-GB"})
    add(feed, "title", title)
    add(feed, "subtitle", f"Case reviews newly published by the {partnership}")
    add(feed, "id", site_url)
    add(feed, "link", href=urljoin(site_url, FEED_PATH), rel="self")
    add(feed, "link", href=site_url, rel="alternate", type="text/html")
    # An empty feed still needs a date: the build's, since there is no review to date it by.
    add(feed, "updated", _timestamp(newest[0].published if newest else today))
    add(add(feed, "author"), "name", partnership)
    for review in newest:
        url = urljoin(site_url, page_url(review))
        entry = add(feed, "entry")
        add(entry, "title", f"{review.title}: {vocabularies.types[review.type]}")
        add(entry, "id", url)
        add(entry, "link", href=url, rel="alternate", type="text/html")
        add(entry, "published", _timestamp(review.published))
        add(entry, "updated", _timestamp(review.published))
        add(entry, "summary", "\n\n".join(review.summary))
        add(entry, "category", term=review.type, label=vocabularies.types[review.type])
        for theme in review.themes:
            add(entry, "category", term=theme, label=vocabularies.themes[theme])
    ElementTree.indent(feed)
    return ElementTree.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"
