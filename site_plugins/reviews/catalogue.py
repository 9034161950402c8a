"""All the reviews the site builds, found in reports_dir, with the groupings the pages need."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .library_filters import FACETS
from .model import Review, Vocabularies
from .review_file import SLUG, ReviewFileError, build_review, is_hidden, parse_review_yaml

log = logging.getLogger("mkdocs.plugins.reviews")

REVIEW_FILE = "review.yml"
# The name of the folder inside a review that holds its raw drafts: never a review's name.
DRAFTS_FOLDER = "source"


def today_in_london() -> date:
    """The build date as the partnership sees it: an embargo ends at midnight UK time."""
    try:
        london = ZoneInfo("Europe/London")
    except ZoneInfoNotFoundError:
        # Windows without the tzdata package has no time zone database. UTC is never ahead
        # of London, so an embargo can only end later than intended, never earlier.
        log.info("No time zone data for Europe/London (pip install tzdata): using UTC dates")
        return datetime.now(UTC).date()
    return datetime.now(london).date()


@dataclass(frozen=True)
class Catalogue:
    """The reviews the site builds, newest first (drafts and embargoed reviews never get here)."""

    reviews: tuple[Review, ...]
    vocabularies: Vocabularies

    @property
    def listed(self) -> tuple[Review, ...]:
        return tuple(review for review in self.reviews if review.is_listed)

    def markdown_characters(self) -> int:
        """The length of all the documents' Markdown: how much there is to render."""
        return sum(
            len(document.markdown or "") for review in self.reviews for document in review.documents
        )

    def by_theme(self) -> dict[str, tuple[Review, ...]]:
        """Theme key -> listed reviews, in vocabulary order, only themes that have reviews."""
        return _group(self.vocabularies.themes, lambda review: review.themes, self.listed)

    def by_type(self) -> dict[str, tuple[Review, ...]]:
        return _group(self.vocabularies.types, lambda review: (review.type,), self.listed)


def _group(
    vocabulary: dict[str, str],
    keys_of: Callable[[Review], Iterable[str]],
    reviews: tuple[Review, ...],
) -> dict[str, tuple[Review, ...]]:
    groups = {key: tuple(r for r in reviews if key in keys_of(r)) for key in vocabulary}
    return {key: members for key, members in groups.items() if members}


def _newest_first(review: Review) -> tuple:
    return (-review.published.toordinal(), review.title.casefold(), review.slug)


def load_catalogue(
    reports_dir: Path, shown_from: Path, vocabularies: Vocabularies, today: date
) -> Catalogue:
    """Read every reports_dir/<slug>/review.yml; file names in errors are relative to shown_from.

    Only review.yml and the documents it lists are read: nothing else in a review folder
    (source/ drafts, redactions.yml) is opened.
    """
    if not reports_dir.is_dir():
        log.info(f"No reviews folder at {reports_dir}: the library is empty")
        return Catalogue(reviews=(), vocabularies=vocabularies)

    reviews = []
    for folder in sorted(reports_dir.iterdir()):
        review_yml = folder / REVIEW_FILE
        if folder.name.startswith(".") or not review_yml.is_file():
            continue
        where = _shown(review_yml, shown_from)
        if not SLUG.match(folder.name):
            raise ReviewFileError(
                f"{where}: the folder name '{folder.name}' is used in the review's web address; "
                "allowed: lowercase letters, digits and single hyphens (e.g. child-d)"
            )
        if folder.name == DRAFTS_FOLDER:
            # reports/source/ would look like a review's drafts folder to git, the pre-commit
            # guard and the leak check (reports/<slug>/source/), which skip or refuse it.
            raise ReviewFileError(
                f"{where}: the folder name '{DRAFTS_FOLDER}' is taken by the folder that holds a "
                "review's drafts; rename the review's folder (e.g. child-d)"
            )
        if folder.name in FACETS:
            raise ReviewFileError(
                f"{where}: the folder name '{folder.name}' is taken by the library's filter "
                f"pages (reviews/{folder.name}/...); not allowed: {', '.join(FACETS)}"
            )
        if review_yml.resolve().parent != reports_dir.resolve() / folder.name:
            # A link would publish files that are not in reports/ (and not in git's view of it).
            raise ReviewFileError(
                f"{where}: is a link to {review_yml.resolve()}, outside {reports_dir.name}/; "
                f"not allowed: put the review's folder and its files in {reports_dir.name}/ itself"
            )
        data = parse_review_yaml(review_yml, where)
        if is_hidden(data, where, today):
            log.info(f"{folder.name}: draft or embargoed, not built")
            continue
        reviews.append(build_review(folder, data, where, vocabularies))
    return Catalogue(reviews=tuple(sorted(reviews, key=_newest_first)), vocabularies=vocabularies)


def _shown(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
