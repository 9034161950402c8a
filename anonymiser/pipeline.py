"""The core of every command: read a review's drafts, find its entities, write its text.

No command line here: commands call these functions and report what they return.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from anonymiser.config import Settings
from anonymiser.detect import Detector
from anonymiser.detect.allow_list import AllowList
from anonymiser.entities import (
    Entity,
    add_short_forms,
    cluster,
    detect_review,
    find_mentions,
    lowercase_words,
)
from anonymiser.errors import DecisionsError
from anonymiser.ingest import Document, list_drafts, read_document
from anonymiser.initials import find_initials
from anonymiser.institution_forms import add_institution_short_forms
from anonymiser.render import Replacement, render
from anonymiser.review_folder import ReviewFolder
from site_plugins.reviews.model import DOCUMENT_KINDS


@dataclass
class ReviewText:
    """Everything the anonymiser knows about one review's drafts, in memory only."""

    documents: list[Document]
    entities: list[Entity]

    @property
    def stems(self) -> list[str]:
        return [document.stem for document in self.documents]


def make_detector(settings: Settings) -> Detector:
    return _detector(settings.model, settings.allow_list, settings.allow_list_remove)


@lru_cache(maxsize=4)
def _detector(model: str, allow_list: tuple[str, ...], removed: tuple[str, ...]) -> Detector:
    # One per process and partnership: the model loads once, on first use (see detect/).
    return Detector(model, AllowList.build(list(allow_list), list(removed)))


def read_drafts(folder: Path) -> list[Document]:
    """Read every document in a folder (`redact --auto`, evaluation cases); any unreadable one
    stops everything (no partial output)."""
    return read_documents(list_drafts(folder), folder)


def read_review_drafts(review: ReviewFolder) -> list[Document]:
    """Read a review's drafts, each named by its kind (ReviewFolder.drafts refuses any other
    name before a draft is opened)."""
    return read_documents(review.drafts(), review.source)


def read_documents(paths: list[Path], folder: Path) -> list[Document]:
    stems = [path.stem for path in paths]
    duplicates = sorted({stem for stem in stems if stems.count(stem) > 1})
    if duplicates:
        # Only a kind is named: any other file name may be a name.
        shown = ", ".join(stem for stem in duplicates if stem in DOCUMENT_KINDS) or "the same name"
        raise DecisionsError(
            f"{folder}: several drafts are called {shown} (with different extensions). Keep "
            "one file per document."
        )
    # Word and PDF drafts are read largely outside Python (pandoc is a separate process,
    # PDFium releases the GIL), so reading them side by side saves time even on one core.
    # map() keeps the drafts' order and re-raises the first reader's error.
    with ThreadPoolExecutor(max_workers=min(4, len(paths))) as pool:
        return list(pool.map(read_document, paths))


def analyse(documents: list[Document], detector: Detector) -> ReviewText:
    stems = [document.stem for document in documents]
    allow_list = detector.allow_list.with_terms_of([document.body for document in documents])
    detections = detect_review(documents, detector, allow_list)
    entities = cluster(detections, stems, allow_list, lowercase_words(documents))
    add_short_forms(entities, documents, allow_list)
    add_institution_short_forms(entities, documents, allow_list)
    find_mentions(entities, documents, allow_list)
    find_initials(entities, documents, allow_list)
    return ReviewText(documents, entities)


def render_all(review: ReviewText, planned: dict[str, list[Replacement]]) -> dict[str, str]:
    return {doc.stem: render(doc.body, planned[doc.stem]) for doc in review.documents}
