"""The library's filters: by type, year, theme and age group.

Each value of each filter that at least one listed review has gets a static page of the library
(reviews/<facet>/<key>/) showing only its reviews, so the filters work as plain links without
JavaScript. With JavaScript, library-filters.js combines them (one value per filter) and filters
the library's table in place; the data-* attributes it reads are written by the templates from
the `keys` below.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Review, Vocabularies

# Filter name (in URLs and data-* attributes) -> its heading in the filter panel. Review folders
# cannot use these names: reviews/<name>/ holds the filter's pages.
FACETS = {
    "type": "Type of review",
    "year": "Year published",
    "theme": "Theme",
    "age": "Age group",
}


def keys(review: Review, facet: str) -> tuple[str, ...]:
    """The values a review has for one filter (several themes; one or no value otherwise)."""
    if facet == "type":
        return (review.type,)
    if facet == "year":
        return (str(review.published.year),)
    if facet == "theme":
        return review.themes
    return (review.age_group,) if review.age_group else ()


@dataclass(frozen=True)
class FilterValue:
    facet: str
    key: str
    label: str
    reviews: tuple[Review, ...]

    @property
    def src_uri(self) -> str:
        return filter_uri(self.facet, self.key)

    @property
    def page_title(self) -> str:
        """The filtered library's <h1> and page title."""
        if self.facet == "year":
            return f"Case reviews published in {self.key}"
        if self.facet == "theme":
            return f"Case reviews with the theme {self.label}"
        if self.facet == "age":
            return f"Case reviews: age group {self.label}"
        return f"Case reviews: {self.label}"


def filter_uri(facet: str, key: str) -> str:
    return f"reviews/{facet}/{key}.md"


def library_filters(
    reviews: tuple[Review, ...], vocabularies: Vocabularies
) -> dict[str, tuple[FilterValue, ...]]:
    """Filter name -> its values that have reviews: vocabulary order, newest year first."""
    labels = {
        "type": vocabularies.types,
        "theme": vocabularies.themes,
        "age": vocabularies.age_groups,
        "year": {
            year: year
            for year in sorted({str(review.published.year) for review in reviews}, reverse=True)
        },
    }
    filters = {}
    for facet in FACETS:
        values = (
            FilterValue(facet, key, label, tuple(r for r in reviews if key in keys(r, facet)))
            for key, label in labels[facet].items()
        )
        filters[facet] = tuple(value for value in values if value.reviews)
    return filters
