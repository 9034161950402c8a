"""The pages the plugin generates: where each lives (its source URI) and what it shows.

Every generated page is a Markdown file with front matter for the theme (title, hidden table of
contents). Listing and review pages have no Markdown body: their HTML comes from a fragment
template (render.py). A document page's body is the anonymised Markdown itself, so MkDocs
renders it and builds its table of contents from its headings. A document longer than
words_per_page is published in parts (parts.py), a page each, part 1 at the document's address.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml
from mkdocs.structure.files import InclusionLevel

from .catalogue import Catalogue
from .common_words import COMMON_WORDS_IN_ORDER
from .first_sentence import first_sentence
from .library_filters import FACETS, library_filters
from .model import Document, Review, Vocabularies
from .outline import fit_headings_under_title
from .parts import split_document
from .sanitise import escape_raw_html
from .title_block import Restatements

# libyaml's writer when PyYAML has it: thousands of pages' front matter are written per build.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

LIBRARY_URI = "reviews/index.md"
THEMES_URI = "themes/index.md"
TYPES_URI = "types/index.md"
SEARCH_URI = "search.md"


def review_uri(slug: str) -> str:
    return f"reviews/{slug}/index.md"


def document_uri(slug: str, document: Document) -> str:
    return f"reviews/{slug}/{document.stem}.md"


def part_uri(slug: str, document: Document, number: int) -> str:
    """Part 1 of a document published in parts is the document's own page; part n, a page in
    a folder named after the document: reviews/child-d/overview/part-2.md."""
    if number == 1:
        return document_uri(slug, document)
    return f"reviews/{slug}/{document.stem}/part-{number}.md"


def pdf_path(slug: str, document: Document) -> str:
    """Where a document's PDF is written in site/, named so that a download says what it is."""
    return f"reviews/{slug}/{slug}-{document.stem}.pdf"


def theme_uri(key: str) -> str:
    return f"themes/{key}.md"


def type_uri(key: str) -> str:
    return f"types/{key}.md"


@dataclass(frozen=True)
class PartLink:
    """One part of a document published in parts, as the parts' pages list it."""

    number: int
    title: str
    src_uri: str

    @property
    def label(self) -> str:
        """Its name in the lists of parts: "Part 2: Chronology of events", or "Part 1" for a
        part that opens before the first heading."""
        default = f"Part {self.number}"
        return default if self.title == default else f"{default}: {self.title}"


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    template: str  # fragment template, relative to the theme's custom_dir (templates/)
    title: str  # plain text; escaped when written as front matter
    context: dict = field(default_factory=dict)
    body: str = ""  # Markdown for MkDocs to render (document pages only)
    show_toc: bool = False
    description: str | None = None
    # Library and index pages may be placed in `nav`; the many per-review pages are not.
    inclusion: InclusionLevel = InclusionLevel.NOT_IN_NAV
    # Pagefind indexes only the main content of these pages (review and document pages).
    searchable: bool = False
    # A script of templates/assets/javascripts/ that this page loads (main.html reads it).
    script: str | None = None
    # A fragment template rendered after the Markdown (the way on from a part of a document).
    footer: str | None = None

    def markdown(self) -> str:
        # mkdocs-material prints page.meta.title and .description without escaping, so they
        # are escaped here, once; fragment templates use the plain values with autoescape.
        meta: dict = {"title": html.escape(self.title)}
        if self.description:
            meta["description"] = html.escape(self.description)
        if not self.show_toc:
            meta["hide"] = ["toc"]
        if self.script:
            meta["reviews_script"] = self.script
        front_matter = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)
        return f"---\n{front_matter}---\n\n{self.body}"


def _restated(
    review: Review, document: Document, vocabularies: Vocabularies, partnership: str
) -> Restatements:
    """What a document page's header says, which the document's title block need not repeat."""
    return Restatements.of(
        review_title=review.title,
        document_title=document.title,
        kind=document.kind,
        kind_label=document.kind_label,
        type_key=review.type,
        type_label=vocabularies.types[review.type],
        partnership=partnership,
    )


def _review_pages(
    review: Review, vocabularies: Vocabularies, partnership: str, words_per_page: int
) -> list[GeneratedPage]:
    pages = [
        GeneratedPage(
            src_uri=review_uri(review.slug),
            template="reviews/review.html",
            title=review.title,
            context={"review": review},
            description=review.summary[0] if review.status != "withdrawn" else None,
            searchable=review.is_listed,
        )
    ]
    if review.documents_are_published:
        for document in review.documents:
            pages += _document_pages(review, document, vocabularies, partnership, words_per_page)
    return pages


def _document_pages(
    review: Review,
    document: Document,
    vocabularies: Vocabularies,
    partnership: str,
    words_per_page: int,
) -> list[GeneratedPage]:
    """A document's page, or one page per part when it is longer than words_per_page."""
    body = fit_headings_under_title(
        escape_raw_html(document.markdown or ""),
        _restated(review, document, vocabularies, partnership),
    )
    title = f"{review.title}: {document.title}"
    # The word count readers are shown decides; most documents are short and never need
    # cutting (split_document would count their words again to find that out).
    short = (document.word_count or 0) <= words_per_page
    parts = [] if short else split_document(body, words_per_page)
    if len(parts) <= 1:
        return [
            GeneratedPage(
                src_uri=document_uri(review.slug, document),
                template="reviews/document_header.html",
                title=title,
                context={"review": review, "document": document, "part": 1, "parts": ()},
                body=body,
                show_toc=True,
                searchable=True,
            )
        ]
    links = tuple(
        PartLink(part.number, part.title, part_uri(review.slug, document, part.number))
        for part in parts
    )
    return [
        GeneratedPage(
            src_uri=link.src_uri,
            template="reviews/document_header.html",
            title=title if part.number == 1 else f"{title}, part {part.number} of {len(parts)}",
            context={"review": review, "document": document, "part": part.number, "parts": links},
            body=part.markdown,
            show_toc=True,
            searchable=True,
            footer="reviews/document_footer.html",
        )
        for part, link in zip(parts, links, strict=True)
    ]


def summary_openings(reviews: tuple[Review, ...]) -> dict[str, str]:
    """Review slug -> the first sentence of its summary, which its card in a list shows."""
    return {
        review.slug: first_sentence(review.summary[0] if review.summary else "")
        for review in reviews
    }


def _facet_pages(
    facet: str,
    index_uri: str,
    index_title: str,
    groups: dict[str, tuple[Review, ...]],
    labels: dict[str, str],
    openings: dict[str, str],
) -> list[GeneratedPage]:
    uri_of = theme_uri if facet == "theme" else type_uri
    index = GeneratedPage(
        src_uri=index_uri,
        template="reviews/facet_index.html",
        title=index_title,
        context={"facet": facet, "groups": groups},
        inclusion=InclusionLevel.UNDEFINED,
    )
    return [index] + [
        GeneratedPage(
            src_uri=uri_of(key),
            template="reviews/facet.html",
            title=labels[key],
            context={"facet": facet, "key": key, "reviews": reviews, "openings": openings},
        )
        for key, reviews in groups.items()
    ]


def _library_pages(catalogue: Catalogue, openings: dict[str, str]) -> list[GeneratedPage]:
    """The library, and one copy of it per value of each filter, showing only its reviews."""
    filters = library_filters(catalogue.listed, catalogue.vocabularies)
    context = {
        "filters": filters,
        "facets": FACETS,
        "total": len(catalogue.listed),
        "openings": openings,
    }
    library = GeneratedPage(
        src_uri=LIBRARY_URI,
        template="reviews/library.html",
        title="Case reviews",
        context={**context, "reviews": catalogue.listed, "active": None},
        inclusion=InclusionLevel.UNDEFINED,
        script="library-filters.js",
    )
    return [library] + [
        GeneratedPage(
            src_uri=value.src_uri,
            template="reviews/library.html",
            title=value.page_title,
            context={**context, "reviews": value.reviews, "active": value},
            script="library-filters.js",
        )
        for values in filters.values()
        for value in values
    ]


def _search_page(catalogue: Catalogue) -> GeneratedPage:
    """The search page; its choices of type, year and theme are those of the listed reviews,
    by the labels Pagefind indexes (the templates mark them with data-pagefind-filter)."""
    filters = library_filters(catalogue.listed, catalogue.vocabularies)
    return GeneratedPage(
        src_uri=SEARCH_URI,
        template="reviews/search.html",
        title="Search the case reviews",
        context={
            "filters": {facet: filters[facet] for facet in ("type", "year", "theme")},
            # The words the index leaves out, which search.js leaves out of a search too.
            "common_words": COMMON_WORDS_IN_ORDER,
        },
        script="search.js",
    )


def plan_pages(
    catalogue: Catalogue, partnership: str, search: bool, words_per_page: int
) -> Iterator[GeneratedPage]:
    """Every page the catalogue needs, one by one (a page's Markdown can be rendered while the
    next is planned); partnership: its name, as the documents' title blocks write it; search:
    whether the site has a search page; words_per_page: the length over which a document is
    published in parts."""
    vocabularies = catalogue.vocabularies
    openings = summary_openings(catalogue.listed)
    yield from _library_pages(catalogue, openings)
    if search:
        yield _search_page(catalogue)
    for review in catalogue.reviews:
        yield from _review_pages(review, vocabularies, partnership, words_per_page)
    yield from _facet_pages(
        "theme", THEMES_URI, "Themes", catalogue.by_theme(), vocabularies.themes, openings
    )
    yield from _facet_pages(
        "type", TYPES_URI, "Types of review", catalogue.by_type(), vocabularies.types, openings
    )
