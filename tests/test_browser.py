"""The example site in a real browser (Debian's headless Chromium, driven by Playwright), used
as a reader would: home page, library, a review, one of its documents, the keyboard. Every page
type must load nothing from any host but our own and log no console errors.

One `mkdocs build --strict` of the repository's own site and one browser for the session."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browser import CHROMIUM, VIEWPORT, build_site, is_local, launch_chromium, serve

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
CHILD_D_DOCUMENTS = [
    "Overview report",
    "Executive summary",
    "Learning briefing",
    "Partnership response",
]
# Names from the raw draft of Child D's overview report that must never reach the page.
CHILD_D_DRAFT_NAMES = ["Kayden", "Marsh"]


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("browser") / "site")


@pytest.fixture(scope="session")
def site_origin(site_dir) -> Iterator[str]:
    with serve(site_dir) as origin:
        yield origin


@pytest.fixture(scope="session")
def site_paths(site_dir) -> list[str]:
    """Every page of the built site, as the path a reader would visit."""
    return sorted(
        "/" + "".join(part + "/" for part in page.relative_to(site_dir).parent.parts)
        for page in site_dir.rglob("index.html")
    )


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


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
    documents = page.locator(".reviews-documents").get_by_role("link")
    expect(documents).to_have_text(CHILD_D_DOCUMENTS)

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
        for name in ["home", "library", "review", "document", "theme", "type", "about"]
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
