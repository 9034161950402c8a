"""The example site on a phone, in a real browser (the session's headless Chromium and the
site built once for the browser tests, tests/conftest.py): 320 px (the narrowest phones in use)
and 390 px (a common one). No page scrolls sideways; the library shows cards instead of its
table, its filters fold away behind a button beside the count of reviews; each filter's count
says what it would show combined with those chosen; an address the site does not have gets a
page with a search box and the library, not a dead end."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from browser import AXE_OPTIONS, CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"),
        reason=f"headless Chromium not found at {CHROMIUM} (apt-get install chromium)",
    ),
]

PHONES = [320, 390]
HEIGHT = 700
NEWEST_FIRST = ["Adult R", "Child D", "Family T"]
MISSING = "/reviews/no-such-review/"


def viewport(width: int) -> dict[str, int]:
    return {"width": width, "height": HEIGHT}


@pytest.fixture
def open_tab(chromium, site_origin) -> Iterator:
    """open_tab(width, javascript=True): a fresh tab of that width; every tab is closed at the
    end of the test. (No request is routed: test_browser.py checks that pages load nothing from
    other hosts, and a routed context leaves Pagefind's search, started as the search page
    loads, waiting for ever.)"""
    contexts = []

    def open_one(width: int, javascript: bool = True):
        context = chromium.new_context(viewport=viewport(width), java_script_enabled=javascript)
        context.set_default_timeout(5_000)
        contexts.append(context)
        return context.new_page()

    yield open_one
    for context in contexts:
        context.close()


def sideways_overflow(page) -> dict:
    """How far the page is wider than the window, and the elements that stick out."""
    return page.evaluate(
        """() => ({
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: innerWidth,
            wide: [...document.querySelectorAll("body *")]
                .filter(el => el.getBoundingClientRect().right > innerWidth + 0.5
                    && !el.closest(".md-typeset__scrollwrap"))
                .slice(0, 5)
                .map(el => el.tagName.toLowerCase() + "." + el.className),
        })"""
    )


def card_titles(page) -> list[str]:
    return page.locator("[data-reviews-cards] li:visible h3 a").all_inner_texts()


def filter_link(page, facet: str, label: str):
    return page.locator(f".reviews-filters a[data-facet='{facet}']").filter(
        has_text=re.compile(rf"^{re.escape(label)} \(\d+\)$")
    )


# --- no page scrolls sideways ---------------------------------------------------------------


@pytest.mark.parametrize("width", PHONES)
def test_no_page_is_wider_than_a_phone(open_tab, site_origin, site_paths, width):
    """Every built page (every review, document, theme and filtered library), the search page
    with results, the library with its filters open, and the page for a missing address."""
    problems = {}
    # The search page's results, in a tab of their own (one that has been to other pages first
    # can leave the search waiting for its index).
    page = open_tab(width)
    page.goto(site_origin + "/search/?q=interpreters")
    page.locator(".reviews-search__result").first.wait_for()
    found = sideways_overflow(page)
    if found["scrollWidth"] > found["innerWidth"]:
        problems["/search/?q=interpreters"] = found
    page = open_tab(width)
    for path in [*site_paths, MISSING]:
        page.goto(site_origin + path, wait_until="load")
        found = sideways_overflow(page)
        if found["scrollWidth"] > found["innerWidth"]:
            problems[path] = found
    page.goto(site_origin + "/reviews/")
    page.get_by_role("button", name=re.compile("^Filters")).click()
    found = sideways_overflow(page)
    if found["scrollWidth"] > found["innerWidth"]:
        problems["/reviews/ (filters open)"] = found
    assert len(site_paths) > 20
    assert not problems, problems


# --- cards below 700 px, the table above ----------------------------------------------------


@pytest.mark.parametrize(
    ("width", "shows_cards"), [(320, True), (390, True), (699, True), (700, False), (1280, False)]
)
@pytest.mark.parametrize(
    "path",
    ["/reviews/", "/reviews/theme/domestic-abuse/", "/themes/domestic-abuse/", "/types/scr/"],
)
def test_a_list_of_reviews_is_cards_on_a_phone_and_a_table_on_a_wide_screen(
    open_tab, site_origin, width, shows_cards, path
):
    from playwright.sync_api import expect

    page = open_tab(width)
    page.goto(site_origin + path)
    cards = page.locator("[data-reviews-cards]")
    table = page.locator(".reviews-table table")
    if shows_cards:
        expect(cards).to_be_visible()
        expect(table).to_be_hidden()
        assert card_titles(page)
    else:
        expect(table).to_be_visible()
        expect(cards).to_be_hidden()


def test_a_card_shows_type_date_first_sentence_themes_and_documents(open_tab, site_origin):
    from playwright.sync_api import expect

    page = open_tab(390)
    page.goto(site_origin + "/reviews/")
    assert card_titles(page) == NEWEST_FIRST
    card = page.locator(".reviews-card").filter(has=page.get_by_role("link", name="Child D"))
    expect(card.locator(".reviews-card__facts")).to_have_text(
        "Local Child Safeguarding Practice Review, published 18 September 2024"
    )
    # The summary's first sentence only: it ends with a full stop, and the summary goes on.
    summary = card.locator(".reviews-card__summary").inner_text()
    assert summary.startswith("Child D was four months old when he was admitted to hospital")
    assert summary.endswith(".") and summary.count(". ") == 0
    expect(card.get_by_role("link", name="Domestic abuse")).to_be_visible()
    expect(card).to_contain_text(
        "Documents: Overview report, Executive summary, Learning briefing, Partnership response"
    )
    card.get_by_role("link", name="Child D").click()
    expect(page).to_have_url(site_origin + "/reviews/child-d/")


# --- the filters behind a button ------------------------------------------------------------


@pytest.mark.parametrize("width", PHONES)
def test_the_filter_button_shows_and_hides_the_filters_beside_the_count(
    open_tab, site_origin, width
):
    from playwright.sync_api import expect

    page = open_tab(width)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_origin + "/reviews/")
    count = page.locator("[data-reviews-count]")
    button = page.get_by_role("button", name="Filters")
    filters = page.get_by_role("navigation", name="Filter the reviews")
    # The first screen: the count and the button, the filters folded away, the first card.
    expect(count).to_have_text("3 reviews, newest first.")
    expect(count).to_be_in_viewport()
    expect(button).to_be_in_viewport()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_have_attribute("aria-controls", "reviews-filters")
    expect(filters).to_be_hidden()
    expect(page.locator(".reviews-card").first).to_be_in_viewport()

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(filters).to_be_visible()
    filter_link(page, "theme", "Domestic abuse").click()
    expect(count).to_have_text("2 of 3 reviews, newest first.")
    assert card_titles(page) == ["Child D", "Family T"]
    expect(page.get_by_role("button", name="Filters (1 chosen)")).to_be_visible()

    # Far down the filters, the count is still in sight (it stays under the header).
    last_age = page.locator(".reviews-filters a[data-facet='age']").last
    last_age.scroll_into_view_if_needed()
    expect(last_age).to_be_in_viewport()
    expect(count).to_be_in_viewport()

    # The keyboard folds them away again.
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(filters).to_be_hidden()
    expect(count).to_be_visible()
    assert not errors, errors


@pytest.mark.parametrize("width", [390, 1280])
def test_without_javascript_the_filters_are_open_and_have_no_button(open_tab, site_origin, width):
    from playwright.sync_api import expect

    page = open_tab(width, javascript=False)
    page.goto(site_origin + "/reviews/")
    expect(page.get_by_role("navigation", name="Filter the reviews")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Filters"))).to_have_count(0)
    expect(page.locator("[data-reviews-count]")).to_have_text("3 reviews, newest first.")
    filter_link(page, "year", "2018").click()
    expect(page).to_have_url(site_origin + "/reviews/year/2018/")
    if width < 700:
        assert card_titles(page) == ["Family T"]


def test_on_a_wide_screen_the_filters_are_always_open(open_tab, site_origin):
    from playwright.sync_api import expect

    page = open_tab(1280)
    page.goto(site_origin + "/reviews/")
    expect(page.get_by_role("navigation", name="Filter the reviews")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Filters"))).to_be_hidden()


# --- counts of the combined filters ---------------------------------------------------------


def shown_counts(page) -> dict[str, int]:
    """Each filter link's count, by "facet:label"."""
    counts = {}
    for link in page.locator(".reviews-filters a[data-facet]").all():
        label, number = re.fullmatch(r"(.+) \((\d+)\)", link.inner_text().strip()).groups()
        counts[f"{link.get_attribute('data-facet')}:{label}"] = int(number)
    return counts


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        # Nothing chosen: each value's own number of reviews.
        ("/reviews/", {"year:2025": 1, "theme:Domestic abuse": 2, "type:Serious Case Review": 1}),
        # A theme chosen: the years and types count its reviews only; another theme would
        # replace it, so counts its own.
        (
            "/reviews/?theme=domestic-abuse",
            {
                "year:2025": 0,
                "year:2024": 1,
                "year:2018": 1,
                "type:Safeguarding Adults Review": 0,
                "type:Local Child Safeguarding Practice Review": 1,
                "theme:Domestic abuse": 2,
                "theme:Self-neglect": 1,
                "theme:Non-accidental injury": 2,
                "age:Under 1 year": 1,
            },
        ),
        # A theme and a year: every count combines both.
        (
            "/reviews/?theme=non-accidental-injury&year=2024",
            {
                "year:2018": 1,
                "year:2024": 1,
                "type:Serious Case Review": 0,
                "type:Local Child Safeguarding Practice Review": 1,
                "theme:Domestic abuse": 1,
                "theme:Carers": 0,
                "age:5 to 10 years": 0,
            },
        ),
        # A filtered copy of the library: the other filters count with its value; its own
        # filter's other values, whose reviews the page does not hold, keep their numbers.
        (
            "/reviews/theme/domestic-abuse/",
            {"year:2025": 0, "year:2018": 1, "theme:Self-neglect": 1, "theme:Domestic abuse": 2},
        ),
    ],
)
def test_each_filter_counts_what_it_would_show_with_those_chosen(
    open_tab, site_origin, address, expected
):
    from playwright.sync_api import expect

    page = open_tab(1280)
    page.goto(site_origin + address)
    expect(page.locator("[data-reviews-count]")).not_to_have_text("")
    counts = shown_counts(page)
    assert {key: counts[key] for key in expected} == expected


def test_a_count_is_what_the_filter_then_shows(open_tab, site_origin):
    """Every count on the library with a theme chosen, checked by choosing its value."""
    page = open_tab(1280)
    page.goto(site_origin + "/reviews/?theme=non-accidental-injury")
    counts = shown_counts(page)
    for key, number in counts.items():
        facet, label = key.split(":", 1)
        page.goto(site_origin + "/reviews/?theme=non-accidental-injury")
        link = filter_link(page, facet, label)
        if link.get_attribute("aria-current"):
            continue
        link.click()
        shown = page.locator("table[data-reviews-table] tbody tr:visible").count()
        assert shown == number, f"{key}: counted {number}, shows {shown}"


# --- no dead ends ---------------------------------------------------------------------------


@pytest.mark.parametrize("width", [320, 1280])
def test_a_missing_address_offers_a_search_and_the_library(open_tab, site_origin, width):
    from playwright.sync_api import expect

    page = open_tab(width)
    response = page.goto(site_origin + MISSING)
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    box = page.get_by_role("searchbox", name="Search the case reviews for a word or phrase")
    expect(box).to_be_visible()
    box.fill("interpreters")
    box.press("Enter")
    expect(page).to_have_url(site_origin + "/search/?q=interpreters")
    expect(page.locator(".reviews-search__result").first).to_be_visible()

    page.goto(site_origin + MISSING)
    page.get_by_role("link", name="Browse all the case reviews").click()
    expect(page).to_have_url(site_origin + "/reviews/")
    expect(page.locator("[data-reviews-count]")).to_have_text("3 reviews, newest first.")


def test_a_missing_address_deep_in_the_site_loads_the_page_whole(open_tab, site_origin):
    """404.html links its style sheets and scripts from the site's root, so it is styled
    at any depth of missing address."""
    page = open_tab(390)
    asked: list[tuple[str, int]] = []
    page.on("response", lambda response: asked.append((response.url, response.status)))
    page.goto(site_origin + "/reviews/child-d/no/such/page/", wait_until="networkidle")
    failed = [(url, status) for url, status in asked if status >= 400 and "/no/such/" not in url]
    assert not failed, failed
    assert any(url.endswith("reviews-library.css") for url, _ in asked)


# --- accessibility at phone width -----------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations_on_a_phone(chromium, site_origin, axe, scheme):
    context = chromium.new_context(viewport=viewport(390), color_scheme=scheme)
    context.set_default_timeout(5_000)
    page = context.new_page()
    reports = {}
    try:
        for name, path in [
            ("library", "/reviews/"),
            ("library-filtered", "/reviews/theme/domestic-abuse/"),
            ("theme", "/themes/domestic-abuse/"),
            ("not-found", MISSING),
        ]:
            page.goto(site_origin + path, wait_until="load")
            results = axe.run(page, options=AXE_OPTIONS)
            if results.violations_count:
                reports[name] = results.generate_report()
        page.goto(site_origin + "/reviews/?theme=domestic-abuse")
        page.get_by_role("button", name=re.compile("^Filters")).click()
        results = axe.run(page, options=AXE_OPTIONS)
        if results.violations_count:
            reports["library-filters-open"] = results.generate_report()
    finally:
        context.close()
    assert not reports, "\n\n".join(f"{name}:\n{report}" for name, report in reports.items())
