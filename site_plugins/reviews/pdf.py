"""The documents' PDFs, printed by headless Chromium (driven by Playwright) from their built
pages with the site's print stylesheet, after the build.

- The pages are loaded from site/ through Playwright's request routing, under the site's own
  address (site_url), so that links in the PDF point at the published site; nothing is fetched
  from any other host (such a request fails the build) and no port is opened.
- A document published in parts is printed whole, from a page put together from its parts
  (whole_document.py) and served at an address of its own.
- Chromium writes a tagged PDF (headings, lists, tables, reading order, language) with an
  outline of the headings, which is what makes a PDF accessible as far as a browser can.
- Chromium's metadata (a Creator naming the browser, the build time) is replaced by ours: the
  document's title, the partnership as author, and the review's publication date.

Only documents of published reviews get here (plugin.py asks for them from the catalogue), so a
draft, embargoed, withdrawn or archived review never has a PDF.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import io
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.exceptions import PluginError

from .whole_document import whole_document_html

log = logging.getLogger("mkdocs.plugins.reviews")

# Where pages are served from when the site has no site_url (.invalid never resolves).
_FALLBACK_ORIGIN = "http://reviews.invalid/"
_CHROMIUM_ARGS = [
    "--headless=new",
    # Root in CI and containers cannot use Chromium's sandbox; the pages printed are our own.
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SKIP_ENV = "REVIEWS_SKIP_PDF"
# The marker the templates write where a PDF's size and length go, filled in after printing.
_FACTS_MARKER = re.compile(r'<span class="reviews-pdf-facts" data-pdf="([^"]+)">PDF</span>')
_FOOTER = (
    '<div style="width:100%;margin:0 15mm;font-size:8pt;font-family:sans-serif;color:#444;'
    'display:flex;justify-content:space-between"><span>{title}</span>'
    '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
)


@dataclass(frozen=True)
class PdfJob:
    page_url: str  # the document page, relative to the site root: reviews/child-d/overview/
    pdf_path: str  # where its PDF goes, relative to site/
    title: str  # "Child D: Overview report"
    subject: str  # "Local Child Safeguarding Practice Review, published 18 September 2024"
    published: date
    # A document published in parts: the built files of all its parts, relative to site/
    # (page_url is part 1's). Left out of repr, which is part of the cache key, so that the
    # keys of the PDFs of documents in one page stay as they were.
    parts: tuple[str, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class PdfFacts:
    size_bytes: int
    pages: int

    def describe(self) -> str:
        """As GOV.UK's attachment component says it: "PDF, 245 KB, 12 pages"."""
        size = self.size_bytes / 1024
        shown = f"{size / 1024:.1f} MB" if size >= 1024 else f"{max(1, round(size))} KB"
        pages = f"{self.pages} page" + ("" if self.pages == 1 else "s")
        return f"PDF, {shown}, {pages}"


def check_chromium(chromium: Path) -> None:
    if not chromium.is_file():
        raise PluginError(
            f"reviews plugin: the documents' PDFs are printed with headless Chromium, which is "
            f"not at {chromium}. Install it (Debian: apt-get install chromium) or set the "
            "plugin's `chromium` option to its path. For a quick local preview without PDFs, "
            f"set {SKIP_ENV}=1 (never in CI: the published site must have its PDFs)."
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        raise PluginError(
            "reviews plugin: printing PDFs needs the playwright package (pip install playwright; "
            "it drives the system's Chromium, no browser download is needed)"
        ) from error


class _SiteRoutes:
    """Answers the browser's requests from site_dir; refuses, and remembers, any other."""

    def __init__(self, site_dir: Path, origin: str) -> None:
        self.site_dir = site_dir.resolve()
        parts = urlsplit(origin)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.base_path = parts.path if parts.path.endswith("/") else parts.path + "/"
        self.refused: list[str] = []
        # (path, query) -> HTML served there: pages that are in no file of site/. By path and
        # query, as the browser may spell the address otherwise (a host in lower case).
        self.pages: dict[tuple[str, str], str] = {}

    def serve(self, address: str, html: str) -> None:
        url = urlsplit(address)
        self.pages[(unquote(url.path), url.query)] = html

    def forget(self, address: str) -> None:
        url = urlsplit(address)
        self.pages.pop((unquote(url.path), url.query), None)

    def handle(self, route) -> None:
        url = urlsplit(route.request.url)
        path = unquote(url.path)
        if f"{url.scheme}://{url.netloc}" != self.origin or not path.startswith(self.base_path):
            self.refused.append(route.request.url)
            route.abort("blockedbyclient")
            return
        served = self.pages.get((path, url.query))
        if served is not None:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=served)
            return
        file = (self.site_dir / path[len(self.base_path) :]).resolve()
        if file.is_dir():
            file = file / "index.html"
        if not file.is_relative_to(self.site_dir) or not file.is_file():
            route.fulfill(status=404, body="Not found")
            return
        route.fulfill(path=str(file))


def _with_metadata(pdf: bytes, job: PdfJob, partnership: str) -> tuple[bytes, int]:
    """The PDF with our metadata only (Chromium's is dropped), and its number of pages."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    timestamp = f"D:{job.published:%Y%m%d}000000+00'00'"
    writer.metadata = {
        "/Title": job.title,
        "/Author": partnership,
        "/Subject": job.subject,
        "/Creator": f"{partnership}: case reviews website",
        "/Producer": "Chromium (print to PDF) and pypdf",
        "/CreationDate": timestamp,
        "/ModDate": timestamp,
    }
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(reader.pages)


def print_pdfs(
    site_dir: Path,
    jobs: Iterable[PdfJob],
    *,
    site_url: str | None,
    chromium: Path,
    partnership: str,
    cache_dir: Path | None = None,
) -> dict[str, PdfFacts]:
    """Print each job's page to its PDF in site_dir; returns pdf_path -> its facts.

    With a `cache_dir`, a page printed before with the same HTML, stylesheets and metadata is
    not printed again: rebuilding a library where one review changed prints only its PDFs. Once
    all are printed, the cache keeps only this build's PDFs (see _prune_cache).
    """
    jobs = list(jobs)
    facts: dict[str, PdfFacts] = {}
    keys = {job.pdf_path: _cache_key(site_dir, job, partnership) for job in jobs}
    if cache_dir is not None:
        jobs = [job for job in jobs if not _from_cache(site_dir, job, cache_dir, keys, facts)]
    if not jobs:
        if facts:
            log.info(f"No PDF printed: all {len(facts)} kept from an earlier build")
        _prune_cache(cache_dir, set(keys.values()))
        return facts
    check_chromium(chromium)
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    origin = site_url or _FALLBACK_ORIGIN
    routes = _SiteRoutes(site_dir, origin)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium), args=_CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.route("**/*", routes.handle)
                page.emulate_media(media="print")
                for job in jobs:
                    address = routes.origin + routes.base_path + job.page_url
                    if job.parts:
                        # Part 1's address, so that its relative links still lead where they do.
                        address += "?whole-document"
                        routes.serve(address, whole_document_html(site_dir, job.parts))
                    page.goto(address, wait_until="load")
                    if routes.refused:
                        raise PluginError(
                            f"reviews plugin: printing {job.page_url} to PDF, the page asked for "
                            f"other hosts: {', '.join(routes.refused)}; the site must load "
                            "nothing from any host but its own"
                        )
                    printed = page.pdf(
                        format="A4",
                        margin={"top": "18mm", "bottom": "20mm", "left": "18mm", "right": "18mm"},
                        print_background=True,
                        tagged=True,
                        outline=True,
                        display_header_footer=True,
                        header_template="<span></span>",
                        footer_template=_FOOTER.format(title=html.escape(job.title)),
                    )
                    routes.forget(address)
                    data, pages = _with_metadata(printed, job, partnership)
                    target = site_dir / job.pdf_path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
                    facts[job.pdf_path] = PdfFacts(len(data), pages)
                    if cache_dir is not None:
                        cache_dir.mkdir(parents=True, exist_ok=True)
                        (cache_dir / f"{keys[job.pdf_path]}.pdf").write_bytes(data)
            finally:
                browser.close()
    except PlaywrightError as error:
        raise PluginError(f"reviews plugin: printing the PDFs failed: {error}") from error
    kept = len(facts) - len(jobs)
    log.info(f"Printed {len(jobs)} PDFs with {chromium} ({kept} kept from an earlier build)")
    _prune_cache(cache_dir, set(keys.values()))
    return facts


def _prune_cache(cache_dir: Path | None, used: set[str]) -> None:
    """Remove the cached PDFs this build did not use: the PDF of a document since changed (to
    take out a name found after publishing, say) is not kept beside the site."""
    if cache_dir is None or not cache_dir.is_dir():
        return
    for path in cache_dir.glob("*.pdf"):
        if path.stem not in used:
            with contextlib.suppress(OSError):
                path.unlink()


# Bump when the way pages are printed changes, so that no PDF printed the old way is reused.
_CACHE_VERSION = b"pdf-1"
# Bump when the way a document in parts is put together for printing changes (whole_document.py).
_PARTS_VERSION = b"parts-1"


def _cache_key(site_dir: Path, job: PdfJob, partnership: str) -> str:
    """Everything the printed PDF depends on: the page, every stylesheet, the metadata."""
    digest = hashlib.sha256(_CACHE_VERSION)
    digest.update(repr((job, partnership)).encode())
    digest.update((site_dir / job.page_url / "index.html").read_bytes())
    if job.parts:
        digest.update(_PARTS_VERSION)
        for part in job.parts:
            digest.update(part.encode() + b"\0" + (site_dir / part).read_bytes())
    for stylesheet in sorted(site_dir.glob("assets/stylesheets/**/*.css")):
        digest.update(stylesheet.read_bytes())
    return digest.hexdigest()


def _from_cache(
    site_dir: Path,
    job: PdfJob,
    cache_dir: Path,
    keys: dict[str, str],
    facts: dict[str, PdfFacts],
) -> bool:
    """Copy a PDF printed earlier from the same input; False (print it) when there is none or
    the cached file is not a readable PDF."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    cached = cache_dir / f"{keys[job.pdf_path]}.pdf"
    try:
        data = cached.read_bytes()
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except (OSError, PdfReadError, ValueError):
        return False
    target = site_dir / job.pdf_path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    facts[job.pdf_path] = PdfFacts(len(data), pages)
    return True


def fill_in_pdf_facts(pages: Iterable[Path], facts: dict[str, PdfFacts]) -> None:
    """Write each PDF's size and length where the templates marked it (review and document
    pages are rendered before the PDFs exist)."""
    by_name = {path.rpartition("/")[2]: fact for path, fact in facts.items()}

    def describe(marker: re.Match) -> str:
        fact = by_name.get(marker.group(1))
        if fact is None:
            raise PluginError(
                f"reviews plugin: a page links the PDF {marker.group(1)}, which was not printed"
            )
        return f'<span class="reviews-pdf-facts">{fact.describe()}</span>'

    for page in pages:
        text = page.read_text(encoding="utf-8")
        filled = _FACTS_MARKER.sub(describe, text)
        if filled != text:
            page.write_text(filled, encoding="utf-8")
