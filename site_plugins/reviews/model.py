"""What the site knows about a review: the checked content of review.yml and its documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from .documents import count_words

STATUSES = ("draft", "published", "withdrawn", "archived")

# Statuses whose review appears in the library, theme and type listings. A withdrawn review
# keeps its page (old links still explain what happened) but is no longer listed.
LISTED_STATUSES = ("published", "archived")

# The kinds of document a review publishes, in reading order (the site lists a review's
# documents in this order), and the title a document gets when review.yml gives none. The one
# list, for the site and the anonymiser: a draft is named by its kind (`source/overview.docx`),
# and that name is all the anonymiser ever writes about the document (the published file
# `overview.md`, the key of its mention counts in redactions.yml, its entry in review.yml). A
# file name a person chose ("<child's name> LCSPR FINAL v3.docx") is never written anywhere: it
# often names the family.
DOCUMENT_KINDS = {
    "overview": "Overview report",
    "executive-summary": "Executive summary",
    "briefing": "Learning briefing",
    "board-response": "Partnership response",
}


@dataclass(frozen=True)
class Vocabularies:
    """Key -> label maps from the plugin configuration."""

    types: dict[str, str]
    themes: dict[str, str]
    age_groups: dict[str, str]


@dataclass(frozen=True)
class Document:
    """One anonymised document of a review."""

    file: str  # bare file name next to review.yml, e.g. "overview.md"
    kind: str
    title: str
    # The anonymised Markdown, or None when the review's documents are not published
    # (archived or withdrawn reviews: their files are never read).
    markdown: str | None = None

    @cached_property
    def word_count(self) -> int | None:
        # Counted when first needed, as its pages are planned: by then the workers that render
        # the pages' Markdown have started (counting a large library takes seconds).
        return None if self.markdown is None else count_words(self.markdown)

    @property
    def stem(self) -> str:
        return self.file.removesuffix(".md")

    @property
    def kind_label(self) -> str:
        return DOCUMENT_KINDS[self.kind]


@dataclass(frozen=True)
class RelatedLink:
    """A link to related learning elsewhere (another partnership's review, a briefing)."""

    title: str
    url: str


@dataclass(frozen=True)
class Review:
    """A review that the site builds (never a draft or an embargoed one)."""

    slug: str
    title: str
    type: str
    status: str
    published: date
    summary: tuple[str, ...]  # paragraphs of plain text
    themes: tuple[str, ...] = ()
    age_group: str | None = None
    documents: tuple[Document, ...] = ()
    related: tuple[RelatedLink, ...] = ()

    @property
    def is_listed(self) -> bool:
        return self.status in LISTED_STATUSES

    @property
    def documents_are_published(self) -> bool:
        return self.status == "published"
