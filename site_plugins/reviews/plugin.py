"""The `reviews` MkDocs plugin: routes MkDocs events to the modules that do the work.

on_config  checks the vocabularies and the fragment templates
on_files   reads reports/ (catalogue.py) and adds the generated pages (pages.py)
on_page_content  renders a generated page's HTML fragment (render.py), gives its <h1> an id
           and a first place in the table of contents (page_heading.py), and renders the home
           page's list of newest reviews (at <!-- reviews:newest --> if the page has it)
on_serve   rebuilds when anything under reports/ changes
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .catalogue import Catalogue, load_catalogue, today_in_london
from .config import ReviewsConfig
from .model import Vocabularies
from .page_heading import give_heading_an_id, slugifier, toc_under_heading
from .pages import GeneratedPage, plan_pages
from .render import FragmentRenderer
from .review_file import ReviewFileError
from .vocabularies import vocabularies_from

# An HTML comment on the home page (docs/index.md) where the newest reviews are listed.
NEWEST_MARKER = "<!-- reviews:newest -->"
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
        self.partnership = ""
        self.slug = None

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
        for option in ("words_per_minute", "newest_on_home"):
            if self.config[option] < 1:
                raise PluginError(
                    f"reviews plugin option '{option}': must be 1 or more, "
                    f"got {self.config[option]}"
                )
        self.renderer = FragmentRenderer(
            config.theme.dirs,
            self.vocabularies,
            self.config.words_per_minute,
            self.config.contact_page,
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
        self.pages = plan_pages(self.catalogue, self.partnership)
        for page in self.pages.values():
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(
                    f"{config.docs_dir}/{page.src_uri} is in the way of the page the reviews "
                    "plugin generates there; move or rename it"
                )
            files.append(
                File.generated(
                    config, page.src_uri, content=page.markdown(), inclusion=page.inclusion
                )
            )
        contact = self.config.contact_page.partition("#")[0]
        if files.get_file_from_path(contact) is None:
            raise PluginError(
                f"reviews plugin option 'contact_page': '{contact}' is not a page in "
                f"{config.docs_dir}; allowed: the path of a Markdown page there, e.g. about.md"
            )
        return files

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return html
        planned = self.pages.get(page.file.src_uri)
        if planned is not None:
            fragment = self.renderer.render(planned.template, page, files, **planned.context)
            fragment, heading_id = give_heading_an_id(
                fragment, html, planned.title, self.slug, planned.src_uri
            )
            page.toc = toc_under_heading(page.toc, planned.title, heading_id)
            # Only a document page has Markdown of its own; it follows the page header.
            return fragment + html
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

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder
    ) -> LiveReloadServer:
        if self.config.enabled and self.reports_dir is not None:
            server.watch(str(self.reports_dir))
        return server
