"""The example site in a real browser (Debian's headless Chromium, driven by Playwright), used
as a reader would: home page, library and its filters, search, a review, one of its documents
and its PDF, the keyboard. Every page type must load nothing from any host but our own, log no
console errors (a Content-Security-Policy violation is one) and pass axe-core's checks.

One `mkdocs build --strict` of the repository's own site (with its PDFs and search index) and
one browser for the session."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest
from browser import AXE_OPTIONS, CHROMIUM, REPO, VIEWPORT, is_local

pytestmark = [
    pytest.mark.browser,
    # In CI a missing browser is a failure, not a skip.
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"),
        reason=f"headless Chromium not found at {CHROMIUM} (apt-get install chromium)",
    ),
]

# One page of each type the site has, by the path a reader would visit.
PAGES = {
    "home": "/",
    "library": "/reviews/",
    "library-filtered": "/reviews/theme/domestic-abuse/",
    "search": "/search/?q=interpreters&theme=Domestic+abuse",
    "review": "/reviews/child-d/",
    "document": "/reviews/child-d/overview/",
    "themes": "/themes/",
    "theme": "/themes/domestic-abuse/",
    "types": "/types/",
    "type": "/types/lcspr/",
    "about": "/about/",
    "accessibility": "/accessibility/",
}
REVIEWS = ["Child D", "Family T", "Adult R"]
# The library's order: newest first.
NEWEST_FIRST = ["Adult R", "Child D", "Family T"]
CHILD_D_DOCUMENTS = [
    "Overview report",
    "Executive summary",
    "Learning briefing",
    "Partnership response",
]
# Names from the raw draft of Child D's overview report that must never reach the page.
CHILD_D_DRAFT_NAMES = ["Kayden", "Marsh"]


# The site's build (site_dir), its server (site_origin) and its pages (site_paths) are
# fixtures of tests/conftest.py, shared with the phone-sized tests (test_phone_browser.py).


@dataclass
class Visit:
    """A fresh browser tab, and what it did: every request, every console error."""

    page: object
    origin: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def goto(self, path: str, wait_until: str = "load") -> None:
        response = self.page.goto(self.origin + path, wait_until=wait_until)
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if not is_local(url, self.origin)]


@pytest.fixture
def visit(chromium, site_origin) -> Iterator[Visit]:
    context = chromium.new_context(viewport=VIEWPORT)
    context.set_default_timeout(5_000)
    # Anything not for the local server is recorded, then refused, so a regression fails fast
    # instead of waiting on a host this machine cannot reach.
    context.route(
        lambda url: not is_local(url, site_origin), lambda route: route.abort("blockedbyclient")
    )
    page = context.new_page()
    visit = Visit(page, site_origin)
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on(
        "console",
        lambda msg: (
            msg.type == "error"
            and visit.errors.append(f"console: {msg.text} ({msg.location.get('url')})")
        ),
    )
    page.on("pageerror", lambda error: visit.errors.append(f"uncaught: {error}"))
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and visit.errors.append(f"HTTP {response.status}: {response.url}")
        ),
    )
    yield visit
    context.close()


def heading(text: str) -> re.Pattern:
    """A heading's text, with or without the permalink (¶) that Markdown headings carry."""
    return re.compile(rf"^{re.escape(text)}\s*¶?\s*$")


def test_reader_goes_from_home_to_a_document(visit):
    from playwright.sync_api import expect

    page = visit.page
    visit.goto("/")
    expect(page).to_have_title(re.compile("Eastmoor Safeguarding Partnership"))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading("Case reviews"))
    newest = page.get_by_role("heading", name=heading("Newest reviews"))
    expect(newest).to_be_visible()

    # The library, through the navigation tabs at the top of the page.
    tabs = page.locator(".md-tabs")
    expect(tabs).to_be_visible()
    tabs.get_by_role("link", name="Reviews", exact=True).click()
    expect(page).to_have_url(visit.origin + "/reviews/")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading("Case reviews"))
    content = page.locator("article")
    for title in REVIEWS:
        expect(content.get_by_role("link", name=title, exact=True)).to_be_visible()

    # One review: its type, summary and four documents.
    content.get_by_role("link", name="Child D", exact=True).click()
    expect(page).to_have_url(visit.origin + "/reviews/child-d/")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading("Child D"))
    expect(content).to_contain_text("Local Child Safeguarding Practice Review")
    expect(page.get_by_role("heading", name=heading("Summary"))).to_be_visible()
    expect(content).to_contain_text("four months old when he was admitted to hospital")
    documents = page.locator(".reviews-attachment__title").get_by_role("link")
    expect(documents).to_have_text(CHILD_D_DOCUMENTS)
    for download in page.locator(".reviews-attachment a[download]").all():
        expect(download).to_have_text(re.compile(r"^Download the .+ as a PDF$"))
    expect(page.locator(".reviews-pdf-facts").first).to_have_text(
        re.compile(r"^PDF, \d+ KB, \d+ pages?$")
    )

    # Its overview report, as a web page with headings and a table of contents.
    documents.filter(has_text="Overview report").click()
    expect(page).to_have_url(visit.origin + "/reviews/child-d/overview/")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading("Child D: Overview report"))
    expect(page.get_by_role("heading", name=heading("1. Introduction"))).to_be_visible()
    assert content.get_by_role("heading", level=2).count() >= 5
    toc = page.get_by_role("navigation", name="Table of contents")
    expect(toc).to_be_visible()
    toc_link = toc.get_by_role("link", name="3. Methodology", exact=True)
    expect(toc_link).to_be_visible()
    toc_link.click()
    expect(page).to_have_url(re.compile(r"#3-methodology$"))
    expect(page.get_by_role("heading", name=heading("3. Methodology"))).to_be_in_viewport()

    # The anonymised text: replacement labels, and none of the draft's names.
    text = content.inner_text()
    assert "Child D" in text
    assert "[hospital]" in text
    leaked = [name for name in CHILD_D_DRAFT_NAMES if name in page.content()]
    assert not leaked, f"names from the draft on the published page: {leaked}"
    assert not visit.errors, visit.errors
    assert not visit.foreign_requests(), visit.foreign_requests()


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(PAGES[name], id=name)
        for name in ["home", "library", "search", "review", "document", "theme", "type", "about"]
    ],
)
def test_skip_link_takes_keyboard_to_main_content(visit, path):
    """The first Tab lands on a visible 'Skip to content' link; following it, the next Tab is
    inside the page's content rather than back in the header and navigation."""
    page = visit.page
    visit.goto(path)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
            const el = document.activeElement;
            return {
                skip: el.classList.contains("md-skip"),
                href: el.getAttribute("href"),
                text: el.textContent.trim(),
                opacity: getComputedStyle(el).opacity,
            };
        }"""
    )
    assert focused["skip"], f"first Tab focused {focused!r}, not a skip link"
    assert focused["text"] == "Skip to content"
    target = focused["href"]
    assert target.startswith("#")
    in_content = page.evaluate(
        "id => document.querySelector('article').contains(document.getElementById(id))",
        target[1:],
    )
    assert in_content, f"the skip link's target {target} is not in the page's content"

    page.keyboard.press("Enter")
    # The address changes when the browser has followed the link (a moment later on the search
    # page, whose script also rewrites the address as a search runs): wait for it, then check.
    page.wait_for_function("target => location.hash === target", arg=target, timeout=5000)
    assert page.url.endswith(target)
    page.keyboard.press("Tab")
    inside = page.evaluate(
        "() => document.querySelector('article').contains(document.activeElement)"
    )
    assert inside, "after the skip link, Tab went back outside the page's content"


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_page_loads_only_from_our_server_without_errors(visit, path):
    """No web fonts, analytics or CDNs, even after scripts have settled (network idle), and
    nothing in the console."""
    visit.goto(path, wait_until="networkidle")
    # The colour scheme toggle is the one script-driven control on every page.
    toggle = visit.page.locator("label.md-header__button[for^='__palette']:visible").first
    toggle.click()
    visit.page.wait_for_load_state("networkidle")
    assert len(visit.requests) > 1, "no requests recorded: did the page load its assets?"
    assert not visit.foreign_requests(), f"requests to other hosts: {visit.foreign_requests()}"
    assert not visit.errors, visit.errors


@pytest.mark.parametrize("path", ["/search/", "/reviews/", "/reviews/family-t/overview/"])
def test_a_page_does_not_download_the_sitemap(visit, path):
    # The sitemap grows with the library; the theme's script fetches it for a link of kind
    # "alternate" alone, so the feed's link is "alternate feed" (templates/main.html).
    from playwright.sync_api import expect

    asked: list[str] = []
    visit.page.on("request", lambda request: asked.append(request.url))
    visit.goto(path)
    visit.page.wait_for_load_state("networkidle")
    expect(visit.page.locator('link[type="application/atom+xml"]')).to_have_count(1)
    assert not [url for url in asked if url.endswith("sitemap.xml")]


def test_every_built_page_loads_only_from_our_server(visit, site_paths):
    """All pages, not only one of each type (every review and document, every theme)."""
    assert len(site_paths) > len(PAGES)
    problems = {}
    for path in site_paths:
        visit.requests.clear()
        visit.errors.clear()
        visit.goto(path)
        found = visit.foreign_requests() + visit.errors
        if found:
            problems[path] = found
    assert not problems, problems


def test_breadcrumb_and_theme_list_read_as_lines(visit):
    """The breadcrumb is one line, flush with the heading; the themes read as a comma-separated
    line, not a list with wide gaps."""
    page = visit.page
    visit.goto("/reviews/child-d/")
    crumbs = page.locator(".reviews-breadcrumb li")
    boxes = [crumbs.nth(i).bounding_box() for i in range(crumbs.count())]
    assert len(boxes) == 2
    assert len({round(box["y"]) for box in boxes}) == 1, f"breadcrumb stacks: {boxes}"
    h1 = page.get_by_role("heading", level=1).bounding_box()
    assert abs(boxes[0]["x"] - h1["x"]) < 2, "breadcrumb is indented from the heading"

    themes = page.locator(".reviews-metadata .reviews-inline-list li")
    first, second = themes.nth(0).bounding_box(), themes.nth(1).bounding_box()
    assert first["y"] == second["y"]
    gap = second["x"] - (first["x"] + first["width"])
    assert gap < 8, f"{gap:.0f}px between two themes (about one space expected)"


# --- the library's filters ------------------------------------------------------------------


def library_rows(page) -> list[str]:
    """The titles of the reviews the library's table shows (hidden rows left out)."""
    return page.locator("table[data-reviews-table] tbody tr:visible th a").all_inner_texts()


def filter_link(page, facet: str, label: str):
    return page.locator(f".reviews-filters a[data-facet='{facet}']").filter(
        has_text=re.compile(rf"^{re.escape(label)} \(\d+\)$")
    )


def test_visitor_filters_the_library_by_theme_and_year(visit):
    """With JavaScript: the filters combine, in place, and the address keeps them."""
    from playwright.sync_api import expect

    page = visit.page
    visit.goto("/reviews/")
    count = page.locator("[data-reviews-count]")
    expect(count).to_have_text("3 reviews, newest first.")
    assert library_rows(page) == NEWEST_FIRST

    filter_link(page, "theme", "Domestic abuse").click()
    expect(page).to_have_url(visit.origin + "/reviews/?theme=domestic-abuse")
    expect(count).to_have_text("2 of 3 reviews, newest first.")
    assert library_rows(page) == ["Child D", "Family T"]
    expect(filter_link(page, "theme", "Domestic abuse")).to_have_attribute("aria-current", "true")

    filter_link(page, "year", "2024").click()
    expect(page).to_have_url(visit.origin + "/reviews/?year=2024&theme=domestic-abuse")
    expect(count).to_have_text("1 of 3 reviews, newest first.")
    assert library_rows(page) == ["Child D"]

    # The address is a link to the same view; the back button undoes a filter.
    visit.goto("/reviews/?theme=domestic-abuse&year=2018")
    assert library_rows(page) == ["Family T"]
    page.go_back()
    expect(count).to_have_text("1 of 3 reviews, newest first.")
    page.get_by_role("link", name="Show all reviews").click()
    expect(count).to_have_text("3 reviews, newest first.")
    assert library_rows(page) == NEWEST_FIRST
    assert not visit.errors, visit.errors


def test_library_filters_work_without_javascript(chromium, site_origin):
    """Each filter is a plain link to a page of the library showing only its reviews."""
    from playwright.sync_api import expect

    context = chromium.new_context(viewport=VIEWPORT, java_script_enabled=False)
    context.set_default_timeout(5_000)
    page = context.new_page()
    try:
        page.goto(site_origin + "/reviews/")
        filter_link(page, "theme", "Domestic abuse").click()
        expect(page).to_have_url(site_origin + "/reviews/theme/domestic-abuse/")
        expect(page.get_by_role("heading", level=1)).to_have_text(
            heading("Case reviews with the theme Domestic abuse")
        )
        expect(page.locator("[data-reviews-count]")).to_have_text("2 of 3 reviews, newest first.")
        assert library_rows(page) == ["Child D", "Family T"]

        filter_link(page, "year", "2024").click()
        expect(page).to_have_url(site_origin + "/reviews/year/2024/")
        assert library_rows(page) == ["Child D"]
        page.get_by_role("link", name="Show all reviews").click()
        assert library_rows(page) == NEWEST_FIRST
    finally:
        context.close()


# --- search ---------------------------------------------------------------------------------

# A phrase that occurs in one place only: deep inside Family T's overview report, under "6.
# Analysis" (its seventh section).
DEEP_PHRASE = "Father was invisible"
DEEP_PHRASE_PAGE = "/reviews/family-t/overview/"
DEEP_PHRASE_HEADING = ("6. Analysis", "#6-analysis")


def test_search_phrase_finds_the_report_and_the_heading(visit):
    from playwright.sync_api import expect

    holders = [p for p in REPO.glob("reports/*/*.md") if DEEP_PHRASE in p.read_text("utf-8")]
    assert [p.relative_to(REPO).as_posix() for p in holders] == ["reports/family-t/overview.md"]

    page = visit.page
    pagefind_bytes: list[int] = []
    page.on(
        "requestfinished",
        lambda request: (
            "/pagefind/" in request.url
            and pagefind_bytes.append(request.sizes()["responseBodySize"])
        ),
    )
    visit.goto("/reviews/")
    # The header's search box opens the search page with the words typed.
    box = page.get_by_role("searchbox", name="Search the case reviews")
    box.fill(f'"{DEEP_PHRASE}"')
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=%22Father\+was\+invisible%22$"))
    status = page.locator("[data-reviews-search-status]")
    expect(status).to_have_text(f'1 result for "{DEEP_PHRASE}".')

    result = page.locator(".reviews-search__result")
    expect(result).to_have_count(1)
    expect(result.get_by_role("heading", level=2)).to_have_text("Family T: Overview report")
    expect(result.locator(".reviews-search__details")).to_have_text(
        "Serious Case Review, published 27 November 2018"
    )
    title, anchor = DEEP_PHRASE_HEADING
    section = result.locator(".reviews-search__sections").get_by_role("link", name=title)
    expect(section).to_have_attribute("href", DEEP_PHRASE_PAGE + anchor)
    # The phrase's common word is not in the index (common_words.py) but is in the excerpt,
    # as letters, outside the marks of the words found.
    excerpt = result.locator(".reviews-search__sections .reviews-search__excerpt").first
    expect(excerpt).to_contain_text(DEEP_PHRASE)
    # (Pagefind marks a word with the punctuation written after it.)
    marked = [text.rstrip(".,;:") for text in excerpt.locator("mark").all_inner_texts()]
    assert marked == ["Father", "invisible"]
    # No hidden word's character is left (common_words.py: private use area).
    assert not re.search("[\ue000-\uf8ff]", result.inner_text())
    page.wait_for_load_state("networkidle")
    print(f"\nfirst search: {len(pagefind_bytes)} Pagefind files, {sum(pagefind_bytes)} bytes")

    section.click()
    expect(page).to_have_url(visit.origin + DEEP_PHRASE_PAGE + anchor)
    expect(page.get_by_role("heading", name=heading(title))).to_be_in_viewport()
    assert not visit.errors, visit.errors
    assert not visit.foreign_requests(), visit.foreign_requests()


@pytest.mark.parametrize(
    ("query", "status"),
    [
        # Its common word stands for one word between the others, as in the report.
        (f'"{DEEP_PHRASE}"', f'1 result for "{DEEP_PHRASE}".'),
        ('"Father were invisible"', '1 result for "Father were invisible".'),
        # The same words in other places are not the phrase.
        ('"Father invisible"', 'No reviews found for "Father invisible".'),
        ('"Father was was invisible"', 'No reviews found for "Father was was invisible".'),
        ('"invisible was Father"', 'No reviews found for "invisible was Father".'),
    ],
)
def test_a_phrase_with_a_common_word_is_found_by_its_words_places(visit, query, status):
    from playwright.sync_api import expect

    visit.goto("/search/?" + urlencode({"q": query}))
    expect(visit.page.locator("[data-reviews-search-status]")).to_have_text(status)
    assert not visit.errors, visit.errors


@pytest.mark.parametrize("query", ["the", '"it was"', "Was it?"])
def test_search_of_only_common_words_says_to_add_another(visit, query):
    from playwright.sync_api import expect

    page = visit.page
    asked: list[str] = []
    page.on("request", lambda request: "/pagefind/" in request.url and asked.append(request.url))
    visit.goto("/search/?" + urlencode({"q": query}))
    expect(page.locator("[data-reviews-search-status]")).to_contain_text(
        "Please add a less common word"
    )
    expect(page.locator(".reviews-search__result")).to_have_count(0)
    assert asked == []  # nothing was searched, so nothing of the index was downloaded
    assert not visit.errors, visit.errors


def test_search_filters_narrow_the_results(visit):
    from playwright.sync_api import expect

    page = visit.page
    visit.goto("/search/")
    page.get_by_label("Words or a phrase").fill("interpreters")
    page.get_by_label("Year published").select_option("2018")
    page.locator("form.reviews-search").get_by_role("button", name="Search").click()
    titles = page.locator(".reviews-search__result h2")
    expect(titles.first).to_be_visible()
    assert all(t.startswith("Family T") for t in titles.all_inner_texts()), titles.all_inner_texts()
    expect(page).to_have_url(re.compile(r"\?q=interpreters&type=&year=2018&theme=$"))
    assert not visit.errors, visit.errors


# --- downloads ------------------------------------------------------------------------------


def test_reader_downloads_a_documents_pdf(visit, tmp_path):
    import pypdfium2
    from playwright.sync_api import expect

    page = visit.page
    visit.goto("/reviews/child-d/overview/")
    link = page.get_by_role("link", name="Download this document as a PDF")
    expect(link).to_be_visible()
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "child-d-overview.pdf"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    pdf = pypdfium2.PdfDocument(target)
    metadata = pdf.get_metadata_dict()
    assert metadata["Title"] == "Child D: Overview report"
    assert metadata["Author"] == "Eastmoor Safeguarding Partnership"
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "3. Methodology" in text
    leaked = [name for name in CHILD_D_DRAFT_NAMES if name in text]
    assert not leaked, f"names from the draft in the PDF: {leaked}"
    size = page.locator(".reviews-download .reviews-pdf-facts")
    expect(size).to_have_text(f"PDF, {round(target.stat().st_size / 1024)} KB, {len(pdf)} pages")


# --- accessibility --------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations_on_any_page_type(chromium, site_origin, axe, scheme):
    context = chromium.new_context(viewport=VIEWPORT, color_scheme=scheme)
    context.set_default_timeout(5_000)
    page = context.new_page()
    reports = {}
    try:
        for name, path in PAGES.items():
            page.goto(site_origin + path, wait_until="networkidle")
            if name == "search":
                page.locator(".reviews-search__result").first.wait_for()
            results = axe.run(page, options=AXE_OPTIONS)
            if results.violations_count:
                reports[name] = results.generate_report()
        # The library with filters chosen (links marked current, rows hidden by the script).
        page.goto(site_origin + "/reviews/?theme=domestic-abuse&year=2024", wait_until="load")
        results = axe.run(page, options=AXE_OPTIONS)
        if results.violations_count:
            reports["library-with-filters"] = results.generate_report()
        # The page for an address the site does not have (404.html, served by the test server
        # as a static host serves it).
        page.goto(site_origin + "/reviews/no-such-review/", wait_until="load")
        results = axe.run(page, options=AXE_OPTIONS)
        if results.violations_count:
            reports["not-found"] = results.generate_report()
    finally:
        context.close()
    assert not reports, "\n\n".join(f"{name}:\n{report}" for name, report in reports.items())
