"""HTML fragments of the generated pages, from the Jinja2 templates in templates/reviews/.

The fragments are rendered in an environment of our own with autoescaping on: everything that
comes from review.yml is escaped unless a template says otherwise. Links are made relative to
the page being rendered, from the File objects MkDocs knows, so they follow use_directory_urls
and the site's sub-path.
"""

from __future__ import annotations

from datetime import date

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from . import pages as uris
from .documents import reading_minutes
from .library_filters import FilterValue, filter_uri
from .model import Document, Review, Vocabularies

TEMPLATES = (
    "reviews/_macros.html",
    "reviews/library.html",
    "reviews/review.html",
    "reviews/document_header.html",
    "reviews/_parts.html",
    "reviews/document_footer.html",
    "reviews/facet.html",
    "reviews/facet_index.html",
    "reviews/newest.html",
    "reviews/search.html",
)

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(value: date) -> str:
    """UK style, independent of the build machine's locale: 14 March 2026."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour" + ("s" if hours != 1 else ""))
    if rest or not hours:
        parts.append(f"{rest} minute" + ("s" if rest != 1 else ""))
    return " ".join(parts)


class Links:
    """Relative links from one page to the site's pages."""

    def __init__(self, files: Files, page: Page) -> None:
        self._files = files
        self._page = page

    def to(self, src_uri: str) -> str:
        path, _, anchor = src_uri.partition("#")
        file = self._files.get_file_from_path(path)
        if file is None:
            raise PluginError(
                f"reviews plugin: page {self._page.file.src_uri} links to '{path}', "
                "which is not a page of the site"
            )
        url = get_relative_url(file.url, self._page.url)
        return f"{url}#{anchor}" if anchor else url

    def library(self) -> str:
        return self.to(uris.LIBRARY_URI)

    def review(self, review: Review) -> str:
        return self.to(uris.review_uri(review.slug))

    def document(self, review: Review, document: Document) -> str:
        return self.to(uris.document_uri(review.slug, document))

    def pdf(self, review: Review, document: Document) -> str:
        """The document's PDF, which on_post_build writes (it is no File of MkDocs')."""
        return get_relative_url(uris.pdf_path(review.slug, document), self._page.url)

    def pdf_name(self, review: Review, document: Document) -> str:
        return uris.pdf_path(review.slug, document).rpartition("/")[2]

    def library_filter(self, value: FilterValue) -> str:
        return self.to(filter_uri(value.facet, value.key))

    def search(self) -> str:
        return self.to(uris.SEARCH_URI)

    def site_root(self) -> str:
        """The site's root folder (where Pagefind writes pagefind/), relative to this page."""
        root = get_relative_url("", self._page.url)
        return "./" if root == "." else root + "/"

    def facet_index(self, facet: str) -> str:
        return self.to(uris.THEMES_URI if facet == "theme" else uris.TYPES_URI)

    def facet(self, facet: str, key: str) -> str:
        return self.to(uris.theme_uri(key) if facet == "theme" else uris.type_uri(key))

    def theme(self, key: str) -> str:
        return self.facet("theme", key)

    def type(self, key: str) -> str:
        return self.facet("type", key)


class FragmentRenderer:
    def __init__(
        self,
        theme_dirs: list[str],
        vocabularies: Vocabularies,
        words_per_minute: int,
        contact_page: str,
        *,
        pdfs: bool,
        search: bool,
    ) -> None:
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(theme_dirs),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            # One renderer serves one build (`mkdocs serve` makes a new one for each rebuild):
            # checking every template file's time on every render cost seconds on a large site.
            auto_reload=False,
        )
        self.env.filters["long_date"] = long_date
        self.env.filters["thousands"] = lambda number: f"{number:,}"
        self.env.filters["reading_time"] = lambda words: duration(
            reading_minutes(words, words_per_minute)
        )
        self.env.globals.update(
            types=vocabularies.types,
            themes=vocabularies.themes,
            age_groups=vocabularies.age_groups,
            contact_page=contact_page,
            # Whether this build prints the documents' PDFs (the review page links them).
            pdfs=pdfs,
            # Whether the site has a search page (Pagefind).
            search=search,
        )
        self._check_templates(theme_dirs)

    def _check_templates(self, theme_dirs: list[str]) -> None:
        for name in TEMPLATES:
            try:
                self.env.get_template(name)
            except jinja2.TemplateNotFound as error:
                raise PluginError(
                    f"reviews plugin: template '{name}' not found in the theme folders "
                    f"({', '.join(theme_dirs)}); set theme.custom_dir in mkdocs.yml to the "
                    "repository's templates/ folder"
                ) from error
            except jinja2.TemplateSyntaxError as error:
                raise PluginError(
                    f"reviews plugin: template '{name}' line {error.lineno}: {error.message}"
                ) from error

    def render(self, template: str, page: Page, files: Files, **context: object) -> str:
        return self.env.get_template(template).render(links=Links(files, page), **context)
