"""A reader goes through a long document published in parts, in a real browser (the session's
shared headless Chromium, tests/conftest.py): the site fixture with Child H's overview replaced
by a long fictional report (tests/long_document.py)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from browser import CHROMIUM, VIEWPORT, build_site, is_local, serve
from long_document import long_document_project

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"),
        reason=f"headless Chromium not found at {CHROMIUM} (apt-get install chromium)",
    ),
]

OVERVIEW = "/reviews/child-h/overview/"


@pytest.fixture(scope="module")
def origin(tmp_path_factory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("parts-browser")
    site = build_site(root / "site", config=long_document_project(root) / "mkdocs.yml")
    with serve(site) as address:
        yield address


@pytest.fixture
def tab(chromium, origin) -> Iterator[tuple[object, list[str]]]:
    """A fresh browser tab that loads nothing from other hosts, and its console errors."""
    context = chromium.new_context(viewport=VIEWPORT)
    context.set_default_timeout(5_000)
    context.route(
        lambda url: not is_local(url, origin), lambda route: route.abort("blockedbyclient")
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, errors
    context.close()


def test_reader_goes_from_part_1_to_part_2(tab, origin):
    from playwright.sync_api import expect

    page, errors = tab
    page.goto(origin + OVERVIEW)
    parts = page.get_by_role("navigation", name="Parts of this document")
    expect(parts.locator("[aria-current=page]")).to_have_text("Part 1: 1. Introduction")
    count = parts.get_by_role("listitem").count()
    assert count >= 4
    expect(page.get_by_role("link", name=re.compile("^Previous part"))).to_have_count(0)

    # At the end of the part, the way on.
    next_part = page.get_by_role("link", name=re.compile(r"^Next part ?: Part 2: "))
    next_part.scroll_into_view_if_needed()
    expect(next_part).to_be_in_viewport()
    next_part.click()

    expect(page).to_have_url(origin + OVERVIEW + "part-2/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Child H: Overview report, part 2 of {count}"
    )
    parts = page.get_by_role("navigation", name="Parts of this document")
    current = parts.locator("[aria-current=page]")
    expect(current).to_have_count(1)
    expect(current).to_have_text(re.compile(r"^Part 2: "))
    expect(parts.get_by_role("link", name="Part 1: 1. Introduction")).to_be_visible()
    previous = page.get_by_role("link", name=re.compile(r"^Previous part ?: Part 1: "))
    expect(previous).to_have_attribute("href", "../")
    assert not errors, errors


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_part_page_has_no_accessibility_violations(chromium, origin, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = chromium.new_context(viewport=VIEWPORT, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(origin + OVERVIEW + "part-2/", wait_until="networkidle")
        results = Axe().run(
            page,
            options={
                "runOnly": {
                    "type": "tag",
                    "values": [
                        "wcag2a",
                        "wcag2aa",
                        "wcag21a",
                        "wcag21aa",
                        "wcag22aa",
                        "best-practice",
                    ],
                },
                "resultTypes": ["violations"],
            },
        )
        assert not results.violations_count, results.generate_report()
    finally:
        context.close()


def test_a_search_finds_a_section_in_a_later_part(tab, origin):
    page, errors = tab
    page.goto(f"{origin}/search/?q=recommendations")
    section = page.locator("[data-reviews-search-results]").get_by_role(
        "link", name="7. Recommendations"
    )
    section.first.wait_for()
    href = section.first.get_attribute("href")
    assert re.search(r"/reviews/child-h/overview/part-\d+/#7-recommendations$", href), href
    section.first.click()
    page.wait_for_url(re.compile(r"/overview/part-\d+/#7-recommendations$"))
    assert page.locator('[id="7-recommendations"]').is_visible()
    assert errors == []
