"""The `reviews` MkDocs plugin: routes MkDocs events to the modules that do the work.

on_config  checks the vocabularies, the fragment templates and (if PDFs are on) Chromium
on_files   reads reports/ (catalogue.py), adds the generated pages (pages.py) and the Atom
           feed (feed.py), plans the PDFs (pdf.py), sends the document pages' Markdown to
           worker processes (markdown_pool.py) and starts Pagefind (search.py)
on_page_markdown  lets a document page take its HTML from the workers (markdown_pool.py)
on_page_content  renders a generated page's HTML fragment (render.py), gives its <h1> an id
           and a first place in the table of contents (page_heading.py), marks review and
           document pages for search and hands them to Pagefind, ends each part of a document
           published in parts with the way to the others, and renders the home page's list of
           newest reviews (at <!-- reviews:newest --> if the page has it)
on_env     ends the Markdown workers; lets Pagefind write its index while the pages are put
           into the theme
on_page_context  gives the theme's templates the links of the header and footer
on_post_page     puts the Content-Security-Policy, with the page's script hashes (csp.py)
on_post_build    prints the PDFs (pdf.py), then writes the Pagefind index (search.py)
on_build_error, on_shutdown   stop the Markdown workers and Pagefind if still running
on_serve   rebuilds when anything under reports/ changes
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from . import csp
from .catalogue import Catalogue, load_catalogue, today_in_london
from .config import ReviewsConfig
from .feed import FEED_PATH, atom_feed
from .markdown_pool import MarkdownPool
from .model import Vocabularies
from .page_heading import give_heading_an_id, slugifier, toc_under_heading
from .pages import (
    LIBRARY_URI,
    SEARCH_URI,
    GeneratedPage,
    document_uri,
    pdf_path,
    plan_pages,
    review_uri,
)
from .parts import MIN_WORDS_PER_PAGE
from .pdf import SKIP_ENV, PdfJob, check_chromium, fill_in_pdf_facts, print_pdfs
from .render import FragmentRenderer, long_date
from .review_file import ReviewFileError
from .sanitise import neutralise_links
from .search import BUNDLE_DIR, SearchIndex, pagefind_executable
from .vocabularies import vocabularies_from
from .whole_document import TEXT_END, TEXT_START

log = logging.getLogger("mkdocs.plugins.reviews")

# An HTML comment on the home page (docs/index.md) where the newest reviews are listed.
NEWEST_MARKER = "<!-- reviews:newest -->"
# Where a part's footer goes, until it is rendered (on_page_context).
FOOTER_MARKER = "<!-- reviews:part-footer -->"
# How far the templates of a `mkdocs build` run behind Pagefind's writing of its index (on_env).
TEMPLATES_NICENESS = 10
# What follows the partnership's name in a site_name such as "Eastmoor Safeguarding
# Partnership — case reviews" or "Northfold Safeguarding Partnership (test site)".
_SITE_NAME_TAIL = re.compile(r"\s+[—–-]\s.*$|\s*\(.*$")


class ReviewsPlugin(BasePlugin[ReviewsConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.config_dir: Path | None = None
        self.reports_dir: Path | None = None
        self.vocabularies: Vocabularies | None = None
        self.renderer: FragmentRenderer | None = None
        self.catalogue: Catalogue | None = None
        self.pages: dict[str, GeneratedPage] = {}
        self.files: Files | None = None
        self.partnership = ""
        self.slug = None
        self.serving = False
        # Whether this process is the `mkdocs build` command, and ends with this build.
        self.building = False
        self.print_pdfs = False
        self.pdf_jobs: list[PdfJob] = []
        # Pages (relative to site_dir) that show PDF facts, filled in after printing.
        self.pages_with_pdfs: list[str] = []
        self.theme_links: dict[str, str | None] = {}
        # This build's Pagefind index, fed page by page (search.py).
        self.search_index: SearchIndex | None = None
        # Workers rendering this build's document pages' Markdown (markdown_pool.py).
        self.markdown_pool: MarkdownPool | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.building = command == "build"

    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.config_dir = Path(config.config_file_path or ".").resolve().parent
        self.reports_dir = self.config_dir / self.config.reports_dir
        self.vocabularies = vocabularies_from(self.config)
        self.partnership = self.config.partnership.strip() or _SITE_NAME_TAIL.sub(
            "", config.site_name
        )
        self.slug = slugifier(config.mdx_configs)
        for option in ("words_per_minute", "newest_on_home", "feed_entries"):
            if self.config[option] < 1:
                raise PluginError(
                    f"reviews plugin option '{option}': must be 1 or more, "
                    f"got {self.config[option]}"
                )
        self.print_pdfs = self.config.pdf and os.environ.get(SKIP_ENV, "") in ("", "0")
        if self.config.pdf and not self.print_pdfs:
            log.info(f"{SKIP_ENV} is set: no PDFs are printed (a preview, not for publishing)")
        if self.print_pdfs:
            # Before anything is built: a machine without Chromium learns it at once.
            check_chromium(Path(self.config.chromium))
        self.renderer = FragmentRenderer(
            config.theme.dirs,
            self.vocabularies,
            self.config.words_per_minute,
            self.config.contact_page,
            pdfs=self.print_pdfs,
            search=self.config.search,
        )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        try:
            self.catalogue = load_catalogue(
                self.reports_dir, self.config_dir, self.vocabularies, today_in_london()
            )
        except ReviewFileError as error:
            raise PluginError(str(error)) from error
        if self.config.words_per_page < MIN_WORDS_PER_PAGE:
            raise PluginError(
                f"reviews plugin option 'words_per_page': must be {MIN_WORDS_PER_PAGE} or more, "
                f"got {self.config.words_per_page}"
            )
        self._stop_markdown_pool()
        self.markdown_pool = MarkdownPool.start(
            config,
            self.catalogue.markdown_characters(),
            # Outside site/ and git (.gitignore has .cache/): kept between builds.
            cache_dir=self.config_dir / ".cache" / "reviews" / "markdown",
        )
        self.pages = {}
        for page in plan_pages(
            self.catalogue, self.partnership, self.config.search, self.config.words_per_page
        ):
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(
                    f"{config.docs_dir}/{page.src_uri} is in the way of the page the reviews "
                    "plugin generates there; move or rename it"
                )
            content = page.markdown()
            files.append(
                File.generated(config, page.src_uri, content=content, inclusion=page.inclusion)
            )
            self.pages[page.src_uri] = page
            if page.body and self.markdown_pool is not None:
                # The Markdown MkDocs will render: the file's, less its front matter.
                self.markdown_pool.submit(page.src_uri, get_data(content)[0])
        for option in ("contact_page", "accessibility_page"):
            path = self.config[option].partition("#")[0]
            if files.get_file_from_path(path) is None:
                raise PluginError(
                    f"reviews plugin option '{option}': '{path}' is not a page in "
                    f"{config.docs_dir}; allowed: the path of a Markdown page there, e.g. about.md"
                )
        self._add_feed(files, config)
        self._plan_pdfs(files)
        self._start_search_index()
        self.theme_links = {
            "library": files.get_file_from_path(LIBRARY_URI).url,
            "search": files.get_file_from_path(SEARCH_URI).url if self.config.search else None,
            "accessibility": files.get_file_from_path(self.config.accessibility_page).url,
            "feed": FEED_PATH if files.get_file_from_path(FEED_PATH) else None,
        }
        return files

    def _start_search_index(self) -> None:
        self._stop_search_index()
        if not self.config.search:
            return
        if not any(page.searchable for page in self.pages.values()):
            # With no review published there is nothing to search, and the search page says so.
            log.info("No review or document pages: no search index built")
            return
        # Started now, so that Pagefind indexes each page while the next ones are built.
        self.search_index = SearchIndex(pagefind_executable())

    def _stop_search_index(self) -> None:
        if self.search_index is not None:
            self.search_index.close()
            self.search_index = None

    def _stop_markdown_pool(self, *, build_complete: bool = False) -> None:
        if self.markdown_pool is not None:
            self.markdown_pool.close(build_complete=build_complete)
            self.markdown_pool = None

    def _add_feed(self, files: Files, config: MkDocsConfig) -> None:
        if not config.site_url:
            log.info("No site_url in mkdocs.yml: no Atom feed (its links must be absolute)")
            return
        feed = atom_feed(
            self.catalogue.listed,
            site_url=config.site_url,
            page_url=lambda review: files.get_file_from_path(review_uri(review.slug)).url,
            title=config.site_name,
            partnership=self.partnership,
            vocabularies=self.vocabularies,
            limit=self.config.feed_entries,
            today=today_in_london(),
        )
        files.append(File.generated(config, FEED_PATH, content=feed))

    def _plan_pdfs(self, files: Files) -> None:
        self.pdf_jobs, self.pages_with_pdfs = [], []
        if not self.print_pdfs:
            return
        for review in self.catalogue.reviews:
            if not review.documents_are_published:
                continue
            self.pages_with_pdfs.append(files.get_file_from_path(review_uri(review.slug)).dest_uri)
            for document in review.documents:
                page = files.get_file_from_path(document_uri(review.slug, document))
                # Each part of a document in parts links the PDF of the whole document.
                parts = tuple(
                    files.get_file_from_path(part.src_uri).dest_uri
                    for part in self.pages[page.src_uri].context["parts"]
                )
                self.pages_with_pdfs += parts or [page.dest_uri]
                type_label = self.vocabularies.types[review.type]
                self.pdf_jobs.append(
                    PdfJob(
                        page_url=page.url,
                        pdf_path=pdf_path(review.slug, document),
                        title=f"{review.title}: {document.title}",
                        subject=f"{type_label}, published {long_date(review.published)}",
                        published=review.published,
                        parts=parts,
                    )
                )

    # Last of all plugins: the Markdown given to the workers must be the page's final Markdown.
    @event_priority(-100)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.config.enabled and self.markdown_pool is not None:
            self.markdown_pool.take_over_render(page, markdown)
        return markdown

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return html
        # The site's files as MkDocs builds them, for footers rendered later (on_page_context).
        self.files = files
        planned = self.pages.get(page.file.src_uri)
        if planned is not None:
            fragment = self.renderer.render(planned.template, page, files, **planned.context)
            fragment, heading_id = give_heading_an_id(
                fragment, html, planned.title, self.slug, planned.src_uri
            )
            page.toc = toc_under_heading(page.toc, planned.title, heading_id)
            # Only a document page has Markdown of its own; it follows the page header. Its
            # links and attributes come from a draft: none may run a script (sanitise.py).
            body = neutralise_links(html) if planned.body else html
            if planned.footer:
                # A part's text between markers: the PDF of its document is put together from
                # the texts of all its parts (whole_document.py). Its footer, which search
                # ignores, is rendered with the page's template (on_page_context), while
                # Pagefind writes its index, not while pages wait to be handed to it.
                body = f"{TEXT_START}{body}{TEXT_END}{FOOTER_MARKER}"
            content = fragment + body
            if planned.searchable:
                # Pagefind indexes only these pages, and in them not the permalink signs
                # ("¶") of the headings, which would end every heading of its results.
                content = content.replace(
                    'class="headerlink"', 'class="headerlink" data-pagefind-ignore'
                )
                content = f"<div data-pagefind-body>{content}</div>"
                if self.search_index is not None:
                    self.search_index.add_page(page.url, planned.title, content)
            return content
        if page.is_homepage:
            newest = self.renderer.render(
                "reviews/newest.html",
                page,
                files,
                reviews=self.catalogue.listed[: self.config.newest_on_home],
                total=len(self.catalogue.listed),
            )
            # The home page may say where the list goes; otherwise it closes the page.
            if NEWEST_MARKER in html:
                return html.replace(NEWEST_MARKER, newest, 1)
            return html + newest
        return html

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        # Every page's content is rendered (and handed to Pagefind) by now: Pagefind writes its
        # index while the rendered Markdown is kept for the next build and MkDocs puts the pages
        # into the theme's templates.
        if self.search_index is not None:
            self.search_index.finish_in_background()
            if self.building and hasattr(os, "nice"):
                # From here the build waits for Pagefind's index, which takes longer than the
                # templates: this process yields the cores to it. (Only `mkdocs build`, whose
                # process ends with the build: a process cannot undo this.)
                os.nice(TEMPLATES_NICENESS)
        self._stop_markdown_pool(build_complete=True)
        return env

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
        if not self.config.enabled:
            context["reviews_links"] = {}
            return context
        # Site-root-relative URLs: templates/ pass them through the `url` filter.
        context["reviews_links"] = self.theme_links
        planned = self.pages.get(page.file.src_uri)
        if planned is not None and planned.footer and FOOTER_MARKER in (page.content or ""):
            footer = self.renderer.render(planned.footer, page, self.files, **planned.context)
            page.content = page.content.replace(FOOTER_MARKER, footer, 1)
        return context

    def on_template_context(self, context: dict, *, template_name: str, config) -> dict:
        # The 404 page is a template of its own, with the same header and footer.
        context["reviews_links"] = self.theme_links if self.config.enabled else {}
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return self._with_policy(output, page.file.src_uri)

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        if not template_name.endswith(".html"):
            return output_content
        return self._with_policy(output_content, template_name)

    def _with_policy(self, html: str, where: str) -> str:
        if not self.config.enabled:
            return html
        if csp.PLACEHOLDER not in html:
            raise PluginError(
                f"reviews plugin: {where} has no Content-Security-Policy meta tag; its template "
                "must extend main.html (templates/), which writes it"
            )
        return csp.with_policy(html, self.serving)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site_dir = Path(config.site_dir)
        if self.print_pdfs:
            facts = print_pdfs(
                site_dir,
                self.pdf_jobs,
                site_url=config.site_url,
                chromium=Path(self.config.chromium),
                partnership=self.partnership,
                # Outside site/ and git (.gitignore has .cache/): kept between builds.
                cache_dir=Path(config.config_file_path).parent / ".cache" / "reviews" / "pdf",
            )
            fill_in_pdf_facts((site_dir / page for page in self.pages_with_pdfs), facts)
        if self.search_index is not None:
            searchable = sum(1 for page in self.pages.values() if page.searchable)
            index, self.search_index = self.search_index, None
            indexed = index.write(site_dir / BUNDLE_DIR)
            if indexed != searchable:
                raise PluginError(
                    f"reviews plugin: Pagefind indexed {indexed} pages but the site has "
                    f"{searchable} review and document pages, so some would be missing from "
                    "search: were some left unbuilt (exclude_docs or draft_docs in mkdocs.yml)?"
                )

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_markdown_pool()
        self._stop_search_index()

    def on_shutdown(self) -> None:
        self._stop_markdown_pool()
        self._stop_search_index()

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder
    ) -> LiveReloadServer:
        if self.config.enabled and self.reports_dir is not None:
            server.watch(str(self.reports_dir))
        return server
