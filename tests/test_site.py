"""Real `mkdocs build --strict` runs of the partnership site on the fictional fixture in
tests/fixtures/site/ (published, draft, embargoed, archived and withdrawn reviews)."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from anonymiser.check.packed import cbor_strings
from site_plugins.reviews.catalogue import today_in_london
from site_plugins.reviews.common_words import (
    COMMON_WORDS,
    COMMON_WORDS_IN_ORDER,
    hidden_form,
    reveal_common_words,
)
from site_plugins.reviews.csp import inline_script_hashes
from site_plugins.reviews.model import DOCUMENT_KINDS
from site_plugins.reviews.outline import fit_headings_under_title
from site_plugins.reviews.page_heading import give_heading_an_id, slugifier
from site_plugins.reviews.title_block import Restatements

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "site"

# These tests run real site builds (a few seconds in all).
pytestmark = pytest.mark.slow

# The fixture's own build prints its PDFs with Debian's Chromium; the other builds skip them.
CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"),
    reason=f"headless Chromium not found at {CHROMIUM} (apt-get install chromium)",
)
NO_PDF = {"REVIEWS_SKIP_PDF": "1"}

# Words that exist only in reviews or files that must leave no trace in the built site.
NO_TRACE = [
    "Adult K",  # draft
    "adult-k",
    "Thistlewood",
    "Family V",  # embargoed
    "family-v",
    "Marrowgate",
    "Quenbury",  # withdrawn review's summary and document
    "Kelvinbrook",  # raw draft under source/
    "fingerprint-sentinel",  # redactions.yml
]


def make_project(root: Path) -> Path:
    """A writable copy of the fixture project, plus the files that must never be published."""
    project = root / "project"
    shutil.copytree(FIXTURE, project)
    edit_config(project, lambda config: config["theme"].update(custom_dir=str(REPO / "templates")))
    # Created here rather than committed: raw drafts are never tracked by git.
    review = project / "reports" / "child-h"
    (review / "source").mkdir()
    (review / "source" / "overview-draft.md").write_text(
        "# Overview report\n\nChild H attended Kelvinbrook Nursery.\n", "utf-8"
    )
    (review / "redactions.yml").write_text(
        "entities:\n  - label: '[nursery]'\n    fingerprint: fingerprint-sentinel-7781\n", "utf-8"
    )
    return project


def mkdocs_build(
    project: Path, site_dir: Path, env: dict[str, str] | None = NO_PDF
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict`; without PDFs unless env says otherwise (printing them is the
    slow part, tested on the fixture's own build)."""
    base = {key: value for key, value in os.environ.items() if key != "REVIEWS_SKIP_PDF"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"]
        + ["-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env={**base, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        check=False,
    )


def edit_review(project: Path, slug: str, **changes: object) -> None:
    """Set keys of reports/<slug>/review.yml; a value of None removes the key."""
    path = project / "reports" / slug / "review.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")


def edit_config(project: Path, change) -> None:
    """Apply change(config) to the project's mkdocs.yml."""
    path = project / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(config)
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")


def reviews_options(config: dict) -> dict:
    return config["plugins"][0]["reviews"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture built as CI builds it: PDFs, search index, feed and sitemap."""
    if not CHROMIUM.exists() and not os.environ.get("CI"):
        pytest.skip(f"headless Chromium not found at {CHROMIUM} (apt-get install chromium)")
    root = tmp_path_factory.mktemp("fixture-build")
    result = mkdocs_build(make_project(root), root / "site", env={})
    assert result.returncode == 0, result.stderr
    return root / "site"


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    """The page's main content, without the navigation and table of contents around it."""
    return html[html.index("<article") : html.index("</article>")]


# --- what is published ----------------------------------------------------------------------


def test_library_lists_published_and_archived_reviews_newest_first(site: Path) -> None:
    library = article(read(site, "reviews"))
    assert "2 reviews, newest first." in library
    assert library.index('href="child-h/"') < library.index('href="child-m/"')
    assert 'href="adult-p/"' not in library, "a withdrawn review is not listed"
    assert '<th scope="col">Themes</th>' in library


def published_text(path: Path) -> str:
    """What a reader (or a search engine) can get out of a published file: the search index's
    compressed files decompressed (its common words revealed: common_words.py), a PDF's text and
    metadata, any other file as it is."""
    data = path.read_bytes()
    if path.suffix in (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter", ".gz"):
        data = gzip.decompress(data)
    if path.suffix == ".pdf":
        import pypdfium2

        document = pypdfium2.PdfDocument(data)
        pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
        return "\n".join([*pages, *map(str, document.get_metadata_dict().values())])
    return reveal_common_words(data.decode("utf-8", errors="replace"))


def test_draft_embargoed_withdrawn_and_private_files_leave_no_trace(site: Path) -> None:
    """The fixture has a draft (adult-k) and an embargoed review (family-v): no page, listing,
    search record, feed or sitemap entry, or PDF may hold a word of them. Every file is read,
    the search index decompressed and the PDFs' text extracted."""
    kinds = set()
    for path in site.rglob("*"):
        assert path.name not in ("review.yml", "redactions.yml"), path
        assert "source" not in path.relative_to(site).parts, path
        if path.is_file():
            kinds.add(path.suffix)
            text = published_text(path).casefold()
            for word in NO_TRACE:
                assert word.casefold() not in text, f"{word!r} found in {path}"
    # The check read every kind of surface a trace could hide in.
    assert {".html", ".xml", ".pdf", ".pf_fragment", ".pf_filter", ".pf_meta"} <= kinds, kinds
    fragments = " ".join(published_text(p) for p in site.glob("pagefind/fragment/*"))
    assert "Between the spring and the autumn, the health visitor saw Child H" in fragments


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("reviews/child-h", 'href="../../types/lcspr/">Local Child Safeguarding Practice Review'),
        ("reviews/child-h", '<time datetime="2026-02-10">10 February 2026</time>'),
        ("reviews/child-h", 'href="../../themes/neglect/">Neglect</a>'),
        ("reviews/child-h", "<dd>Under 1 year</dd>"),
        ("reviews/child-h", "The reviewer found that practitioners saw the family often"),
        ("reviews/child-h", '<a href="overview/">Overview report</a>'),
        ("reviews/child-h", '<a href="briefing/">Seven-minute briefing</a>'),
        ("reviews/child-h", "Learning briefing, HTML, 48 words, about 1 minute to read"),
        ("reviews/child-h", 'href="child-h-overview.pdf" download>Download the overview report'),
        ("reviews/child-h", '(<span class="reviews-pdf-facts">PDF, '),
        ("reviews/child-h/overview", 'href="../child-h-overview.pdf" download>'),
        ("reviews", 'href="theme/neglect/" data-facet="theme" data-value="neglect">Neglect'),
        ("reviews", 'href="year/2026/" data-facet="year" data-value="2026">2026'),
        ("reviews", 'href="age/under-1/" data-facet="age" data-value="under-1">Under 1 year'),
        ("reviews/theme/neglect", "2 of 2 reviews, newest first."),
        ("reviews/year/2026", "1 of 2 reviews, newest first."),
        ("reviews/year/2026", 'href="../../child-h/">Child H</a>'),
        ("reviews/age/1-4", 'href="../../child-m/">Child M</a>'),
        ("reviews/type/lcspr", 'aria-current="page">Local Child Safeguarding Practice Review'),
        ("search", '<option value="Parental substance misuse">'),
        ("search", '<option value="2021">2021</option>'),
        ("reviews/child-h", 'href="https://learning.example.org/neglect-briefing"'),
        ("reviews/child-m", "Child M was a toddler"),
        ("reviews/child-m", 'href="../../about/#request-a-copy">request a copy'),
        ("reviews/adult-p", "This review has been withdrawn"),
        ("themes", 'href="neglect/">Neglect</a> (2 reviews)'),
        ("themes/neglect", 'href="../../reviews/child-m/">Child M</a>'),
        ("themes/parental-substance-misuse", 'href="../../reviews/child-h/">Child H</a>'),
        ("types", 'href="lcspr/">Local Child Safeguarding Practice Review</a> (2 reviews)'),
        ("types/lcspr", 'href="../../reviews/child-h/">Child H</a>'),
        ("", '<a href="reviews/child-h/">Child H</a>'),
    ],
)
def test_page_shows(site: Path, url: str, expected: str) -> None:
    assert expected in article(read(site, url))


@pytest.mark.parametrize(
    ("url", "absent"),
    [
        ("reviews/year/2026", 'href="../../child-m/"'),
        ("reviews/age/1-4", 'href="../../child-h/"'),
        ("search", "Domestic abuse"),  # only the embargoed review has it
        ("search", "Self-neglect"),  # only the withdrawn review has it
        ("reviews/child-m", "download"),  # archived: no PDFs
    ],
)
def test_page_does_not_show(site: Path, url: str, absent: str) -> None:
    assert absent not in article(read(site, url))


@pytest.mark.parametrize(
    "url",
    [
        "reviews/theme/self-neglect",  # only the withdrawn review has it
        "reviews/type/dhr",  # only the embargoed review has it
        "reviews/child-m/overview",  # archived: documents not published
        "reviews/adult-p/overview",  # withdrawn
        "themes/self-neglect",  # only the withdrawn review has this theme
        "types/sar",
        "types/dhr",  # only the embargoed review has this type
    ],
)
def test_page_is_not_built(site: Path, url: str) -> None:
    assert not (site / url).exists()


# The fixture's themes and types that a listed (published or archived) review has; the others of
# its vocabularies belong to no review, a withdrawn one (self-neglect, hoarding, sar) or an
# embargoed one (domestic-abuse, dhr) only.
THEMES_IN_USE = {"neglect", "parental-substance-misuse"}
TYPES_IN_USE = {"lcspr"}


@pytest.mark.parametrize(
    ("folder", "in_use"),
    [("themes", THEMES_IN_USE), ("types", TYPES_IN_USE)],
    ids=["theme", "type"],
)
def test_theme_and_type_pages_only_for_those_in_use(site: Path, folder: str, in_use: set) -> None:
    vocabulary = reviews_options(yaml.safe_load((FIXTURE / "mkdocs.yml").read_text("utf-8")))[
        folder
    ]
    assert set(vocabulary) - in_use, "the fixture has no unused value to leave out"
    built = {page.name for page in (site / folder).iterdir() if page.is_dir()}
    assert built == in_use
    index = article(read(site, folder))
    listed = set(re.findall(r'<li><a href="([^"/]+)/">', index))
    assert listed == in_use


HREF = re.compile(r'\s(?:href|src|action)="([^"]*)"')


def test_no_page_links_to_a_page_the_site_does_not_have(site: Path) -> None:
    """Every link, script, style sheet and form of every built page (404.html's, written from
    the site's root, too) leads to a file of the site: no theme or type page that was not built,
    no dead end."""
    broken = {}
    pages = [*site.rglob("*.html")]
    for page in pages:
        folder = page.parent.relative_to(site).as_posix()
        for target in HREF.findall(page.read_text("utf-8")):
            address = target.split("#", 1)[0].split("?", 1)[0]
            if not address or re.match(r"^[a-z][a-z0-9+.-]*:", address):
                continue  # the page itself, or another site (https:, mailto:, data:)
            path = (
                site / address.lstrip("/") if address.startswith("/") else site / folder / address
            )
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.setdefault(page.relative_to(site).as_posix(), []).append(target)
    assert len(pages) > 20
    assert not broken, broken


def test_not_found_page_offers_a_search_and_the_library(site: Path) -> None:
    page = (site / "404.html").read_text("utf-8")
    content = article(page)
    assert "<h1" in content and "Page not found</h1>" in content
    # From the site's root, as the page is served at any missing address.
    assert '<form class="reviews-not-found-search" role="search"' in content
    assert 'action="/search/" method="get">' in content
    assert '<input type="search" id="reviews-not-found-search" name="q"' in content
    assert '<a href="/reviews/">Browse all the case reviews</a>' in content


def test_not_found_page_without_search_still_offers_the_library(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    edit_config(project, lambda config: reviews_options(config).update(search=False))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    content = article((tmp_path / "site" / "404.html").read_text("utf-8"))
    assert "reviews-not-found-search" not in content
    assert '<a href="/reviews/">Browse all the case reviews</a>' in content


def test_withdrawn_review_shows_no_summary_or_documents(site: Path) -> None:
    page = article(read(site, "reviews/adult-p"))
    assert "hoarding disorder" not in page
    assert "Documents" not in page


def test_document_page_has_content_title_and_table_of_contents(site: Path) -> None:
    html = read(site, "reviews/child-h/overview")
    assert "<title>Child H: Overview report - " in html
    assert html.count("<h1") == 1
    assert "Between the spring and the autumn, the health visitor saw Child H" in html
    assert "<th>Agency</th>" in html
    assert 'class="footnote"' in html
    toc = html[html.index('class="md-nav md-nav--secondary"') :]
    for anchor in ("#introduction", "#what-happened", "#the-referral-in-the-summer"):
        assert f'href="{anchor}"' in toc


def test_document_headings_start_below_the_page_title(site: Path) -> None:
    html = article(read(site, "reviews/child-h/briefing"))
    assert re.findall(r"<h(\d) id=\"([^\"]+)\"", html) == [
        ("1", "child-h-seven-minute-briefing"),
        ("2", "background"),
        ("2", "questions-for-practitioners"),
        ("3", "for-managers"),
    ]


def test_document_title_block_is_not_repeated_under_the_page_title(site: Path) -> None:
    """The fixture's overview opens with partnership, review and document kind as headings; the
    partnership's name comes from site_name, as mkdocs.yml does not set it."""
    html = article(read(site, "reviews/child-h/overview"))
    assert re.findall(r"<h(\d) id=\"([^\"]+)\"", html)[:3] == [
        ("1", "child-h-overview-report"),
        ("2", "introduction"),
        ("2", "what-happened"),
    ]
    assert "NORTHFOLD" not in html
    assert "Practice Review: Child H" not in html
    assert not re.search(r"<h[2-6][^>]*>[^<]*Overview report", html, re.IGNORECASE)


@pytest.mark.parametrize(
    ("url", "heading_id"),
    [
        ("reviews", "case-reviews"),
        ("reviews/child-h", "child-h"),
        ("reviews/child-h/overview", "child-h-overview-report"),
        ("reviews/child-h/executive-summary", "child-h-executive-summary"),
        ("reviews/child-m", "child-m"),
        ("reviews/adult-p", "adult-p"),
        ("themes", "themes"),
        ("themes/neglect", "neglect"),
        ("types", "types-of-review"),
        ("types/lcspr", "local-child-safeguarding-practice-review"),
    ],
)
def test_generated_page_has_a_skip_link_to_its_heading(
    site: Path, url: str, heading_id: str
) -> None:
    """mkdocs-material renders its skip link only for a page with a table of contents."""
    html = read(site, url)
    assert f'<a href="#{heading_id}" class="md-skip">' in html
    assert f'<h1 id="{heading_id}">' in article(html)


def test_heading_id_is_unique_on_the_page() -> None:
    slug = slugifier({"toc": {"permalink": True}})
    fragment, heading_id = give_heading_an_id(
        "<nav></nav><h1>Child H</h1>", '<h2 id="child-h">Child H</h2>', "Child H", slug, "x.md"
    )
    assert heading_id == "child-h_1"
    assert fragment == '<nav></nav><h1 id="child-h_1">Child H</h1>'


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<h2 id="child-h">', "child-h_1"),
        ("<h2 id='child-h'>", "child-h_1"),
        ('<div data-id="child-h">', "child-h_1"),  # "-id" ends a name as id does: taken
        ('<div hid="child-h" uid="child-h" my_id="child-h">', "child-h"),  # other names
        ('<p>the id="child-h" of a paragraph</p>', "child-h_1"),  # erring on the side of unique
        ('id="child-h"', "child-h_1"),  # at the very start
        ('<h2 id="child-h">.<h3 id="child-h_1">', "child-h_2"),
    ],
)
def test_heading_id_avoids_every_id_taken(body: str, expected: str) -> None:
    slug = slugifier({"toc": {"permalink": True}})
    _, heading_id = give_heading_an_id("<h1>Child H</h1>", body, "Child H", slug, "x.md")
    assert heading_id == expected


def test_site_makes_no_third_party_requests(site: Path) -> None:
    # A canonical or alternate link names the published address; it loads nothing.
    external = re.compile(
        r"<(?:script|img|iframe|source)\b[^>]*\bsrc=\"(?:https?:)?//"
        r"|<link\b(?![^>]*\brel=\"(?:canonical|alternate(?: feed)?)\")[^>]*\bhref=\"(?:https?:)?//",
        re.I,
    )
    for path in site.rglob("*.html"):
        assert not external.search(path.read_text(encoding="utf-8")), path


CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def test_every_page_has_a_policy_allowing_only_its_own_scripts(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        policies = CSP.findall(html)
        assert len(policies) == 1, path
        directives = dict(d.strip().split(" ", 1) for d in policies[0].split(";"))
        assert directives["default-src"] == "'self'"
        assert directives["object-src"] == "'none'"
        scripts = directives["script-src"].split()
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
        assert set(inline_script_hashes(html)) <= set(scripts), path
        # Before any script or style sheet of the page.
        first = min(html.index("<script"), html.index('<link rel="stylesheet"'))
        assert html.index("Content-Security-Policy") < first, path


def test_footer_links_the_accessibility_statement(site: Path) -> None:
    for url in ("", "reviews/child-h/overview", "search"):
        footer = read(site, url).split('<footer class="md-footer">')[1]
        assert ">Accessibility statement</a>" in footer
    assert 'href="accessibility/">Accessibility statement' in read(site, "")


def test_feed_lists_new_publications_only(site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(site / "feed.xml").getroot()
    entries = feed.findall(f"{atom}entry")
    assert [entry.findtext(f"{atom}id") for entry in entries] == [
        "https://reviews.northfold.example/reviews/child-h/",
        "https://reviews.northfold.example/reviews/child-m/",
    ]
    assert entries[0].findtext(f"{atom}published") == "2026-02-10T00:00:00Z"
    assert feed.findtext(f"{atom}updated") == "2026-02-10T00:00:00Z"
    assert 'type="application/atom+xml"' in read(site, "")


def test_sitemap_lists_built_pages_only(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://reviews.northfold.example/reviews/child-h/overview/</loc>" in sitemap
    assert "<loc>https://reviews.northfold.example/reviews/adult-p/</loc>" in sitemap
    assert "child-m/overview" not in sitemap


def test_pdfs_of_published_documents_only(site: Path) -> None:
    pdfs = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.pdf"))
    assert pdfs == [
        "reviews/child-h/child-h-briefing.pdf",
        "reviews/child-h/child-h-executive-summary.pdf",
        "reviews/child-h/child-h-overview.pdf",
    ]


def test_pdf_is_tagged_with_metadata_naming_no_one(site: Path) -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(site / "reviews/child-h/child-h-briefing.pdf")
    metadata = pdf.get_metadata_dict()
    assert metadata["Title"] == "Child H: Seven-minute briefing"
    assert metadata["Author"] == "Northfold Safeguarding Partnership"
    assert metadata["CreationDate"].startswith("D:20260210")
    # No browser, machine or person: only the partnership and the tools.
    assert "Mozilla" not in metadata["Creator"] and "Chrome" not in metadata["Creator"]
    text = pdf[0].get_textpage().get_text_range()
    assert "Child H: Seven-minute briefing" in text
    assert "Download this document" not in text, "the print stylesheet hides the download link"
    raw = (site / "reviews/child-h/child-h-briefing.pdf").read_bytes()
    assert b"/StructTreeRoot" in raw and b"/Lang" in raw, "the PDF is not tagged"


def test_search_index_records_filters_and_headings(site: Path) -> None:
    import json

    records = [
        json.loads(published_text(path).removeprefix("pagefind_dcd"))
        for path in site.glob("pagefind/fragment/*.pf_fragment")
    ]
    by_url = {record["url"]: record for record in records}
    # Review and document pages of listed reviews only (not the withdrawn one, nor listings).
    assert sorted(by_url) == [
        "/reviews/child-h/",
        "/reviews/child-h/briefing/",
        "/reviews/child-h/executive-summary/",
        "/reviews/child-h/overview/",
        "/reviews/child-m/",
    ]
    overview = by_url["/reviews/child-h/overview/"]
    assert overview["filters"] == {
        "type": ["Local Child Safeguarding Practice Review"],
        "year": ["2026"],
        "theme": ["Neglect", "Parental substance misuse"],
    }
    assert overview["meta"]["title"] == "Child H: Overview report"
    anchors = {anchor["id"]: anchor["text"] for anchor in overview["anchors"]}
    assert anchors["what-happened"] == "What happened"
    assert "Download" not in overview["content"] and "Case reviews" not in overview["content"]


# --- what fails the build -------------------------------------------------------------------

REVIEW_YML = "reports/child-h/review.yml"


def symlink_document_to_draft(project: Path) -> None:
    overview = project / "reports" / "child-h" / "overview.md"
    overview.unlink()
    overview.symlink_to(Path("source") / "overview-draft.md")


def rename_review_folder(project: Path) -> None:
    (project / "reports" / "child-h").rename(project / "reports" / "Child_H")


def child_h(**changes: object):
    return lambda project: edit_review(project, "child-h", **changes)


def only_document(file: str, kind: str = "overview"):
    return child_h(documents=[{"file": file, "kind": kind}])


F = REVIEW_YML
INVALID_REVIEWS = {
    "unknown-theme": (
        child_h(themes=["neglect", "neglekt"]),
        [F, "'themes'", "'neglekt'", "allowed: neglect, parental-substance-misuse"],
    ),
    "unknown-type": (child_h(type="scr"), [F, "'type'", "'scr'", "allowed: lcspr, sar, dhr"]),
    "unknown-age-group": (
        child_h(age_group="toddler"),
        [F, "'age_group'", "'toddler'", "allowed: under-1, 1-4, adult"],
    ),
    "unknown-status": (
        child_h(status="live"),
        [F, "'status'", "allowed: draft, published, withdrawn, archived"],
    ),
    "bad-date": (child_h(published="10/02/2026"), [F, "'published'", "like 2026-03-14"]),
    "missing-title": (child_h(title=None), [F, "'title' is required"]),
    "markup-in-title": (child_h(title="Child <b>H</b>"), [F, "'title'", "without '<' or '>'"]),
    "missing-documents": (child_h(documents=None), [F, "'documents' is required"]),
    "document-in-source": (
        only_document("source/overview-draft.md"),
        [F, "'documents[0].file'", "next to review.yml"],
    ),
    "document-symlinked-to-draft": (
        symlink_document_to_draft,
        [F, "'documents[0].file'", "not a file in child-h/"],
    ),
    "missing-document": (only_document("gone.md"), [F, "'documents[0].file'", "'gone.md'"]),
    "unknown-document-kind": (
        only_document("overview.md", kind="report"),
        [F, "'documents[0].kind'", "allowed: overview, executive-summary, briefing"],
    ),
    "related-url-not-http": (
        child_h(related=[{"title": "Learning", "url": "javascript:alert(1)"}]),
        [F, "'related[0].url'", "http(s)"],
    ),
    "malformed-yaml": (
        lambda p: (p / F).write_text("title: Child H\nthemes: [neglect\n", "utf-8"),
        [F, "not valid YAML", "line 3"],
    ),
    "bad-folder-name": (
        rename_review_folder,
        ["reports/Child_H/review.yml", "'Child_H'", "lowercase letters, digits"],
    ),
    "folder-name-of-a-filter": (
        lambda p: (p / "reports" / "child-h").rename(p / "reports" / "theme"),
        ["reports/theme/review.yml", "'theme'", "filter pages", "type, year, theme, age"],
    ),
}


@pytest.mark.parametrize(
    ("break_project", "expected"), INVALID_REVIEWS.values(), ids=INVALID_REVIEWS.keys()
)
def test_invalid_review_fails_the_build_naming_file_key_and_allowed_values(
    tmp_path: Path, break_project, expected: list[str]
) -> None:
    project = make_project(tmp_path)
    break_project(project)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    for fragment in expected:
        assert fragment in result.stderr


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            lambda c: reviews_options(c)["themes"].update({"Bad Key": "Bad"}),
            ["option 'themes'", "'Bad Key'", "lowercase letters, digits"],
            id="vocabulary-key-not-a-slug",
        ),
        pytest.param(
            lambda c: reviews_options(c).update(contact_page="contact.md#request"),
            ["option 'contact_page'", "'contact.md'"],
            id="contact-page-missing",
        ),
        pytest.param(
            lambda c: c["theme"].pop("custom_dir"),
            ["template 'reviews/_macros.html' not found", "theme.custom_dir"],
            id="templates-not-in-theme",
        ),
        pytest.param(
            lambda c: reviews_options(c).update(accessibility_page="a11y.md"),
            ["option 'accessibility_page'", "'a11y.md'"],
            id="accessibility-page-missing",
        ),
        pytest.param(
            lambda c: reviews_options(c).update(chromium="/nowhere/chromium"),
            ["/nowhere/chromium", "apt-get install chromium", "REVIEWS_SKIP_PDF=1"],
            id="chromium-missing",
        ),
        pytest.param(
            lambda c: reviews_options(c).update(words_per_minute=0),
            ["option 'words_per_minute'", "1 or more"],
            id="zero-reading-speed",
        ),
    ],
)
def test_invalid_plugin_configuration_fails_the_build(
    tmp_path: Path, change, expected: list[str]
) -> None:
    project = make_project(tmp_path)
    edit_config(project, change)
    result = mkdocs_build(project, tmp_path / "site", env={})
    assert result.returncode != 0
    for fragment in expected:
        assert fragment in result.stderr


# --- other builds ---------------------------------------------------------------------------


def test_embargo_lifts_on_the_publish_on_date(tmp_path: Path) -> None:
    today = today_in_london()
    project = make_project(tmp_path)
    edit_review(project, "child-h", publish_on=today.isoformat())
    edit_review(project, "child-m", publish_on=(today + timedelta(days=1)).isoformat())
    # A publication date in the future, without publish_on, is an embargo too.
    edit_review(project, "adult-p", published=(today + timedelta(days=1)).isoformat())
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "reviews" / "child-h" / "index.html").exists()
    assert not (tmp_path / "site" / "reviews" / "child-m").exists()
    assert not (tmp_path / "site" / "reviews" / "adult-p").exists()


def test_values_from_review_yml_are_escaped(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    edit_review(
        project,
        "child-h",
        title="Child H & Sibling",
        summary='A summary with <script>alert("x")</script> in it.',
        related=[{"title": "<em>Briefing</em>", "url": "https://learning.example.org/a?b=1&c=2"}],
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = read(tmp_path / "site", "reviews/child-h")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;em&gt;Briefing&lt;/em&gt;" in html
    assert 'href="https://learning.example.org/a?b=1&amp;c=2"' in html
    assert "H & Sibling" not in html
    assert "<title>Child H &amp; Sibling - " in html


def test_site_build_never_imports_the_anonymiser(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    script = (
        "import sys\n"
        "from mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\n"
        "build(load_config(sys.argv[1], site_dir=sys.argv[2], strict=True))\n"
        "heavy = ('anonymiser', 'spacy', 'presidio_analyzer')\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in heavy]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(project / "mkdocs.yml"), str(tmp_path / "site")],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_serve_watches_the_reports_folder() -> None:
    from mkdocs.config import load_config

    config = load_config(str(FIXTURE / "mkdocs.yml"))
    plugin = config.plugins["reviews"]
    plugin.on_config(config)

    class RecordingServer:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = RecordingServer()
    plugin.on_serve(server, config=config, builder=None)
    assert [Path(path) for path in server.watched] == [FIXTURE / "reports"]


def test_preview_without_pdfs_links_none(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    result = mkdocs_build(project, tmp_path / "site", env=NO_PDF)
    assert result.returncode == 0, result.stderr
    assert not list((tmp_path / "site").rglob("*.pdf"))
    assert ".pdf" not in read(tmp_path / "site", "reviews/child-h")


def test_site_without_search(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    edit_config(project, lambda config: reviews_options(config).update(search=False))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert not (site / "pagefind").exists() and not (site / "search").exists()
    assert "reviews-header-search" not in read(site, "reviews")


def test_a_dirty_rebuild_still_indexes_every_review_page(tmp_path: Path) -> None:
    # --dirty renders only the pages whose files changed; the review and document pages are
    # generated, so they are always rendered, and the index never loses a review.
    project = make_project(tmp_path)
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    first = sorted(path.name for path in (tmp_path / "site/pagefind/fragment").iterdir())
    os.utime(project / "docs" / "about.md")  # one page changed since the last build
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--dirty", "-f", str(project / "mkdocs.yml")]
        + ["-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **NO_PDF},
    )
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in (tmp_path / "site/pagefind/fragment").iterdir()) == first
    assert f"Pagefind indexed {len(first)} pages" in result.stderr


@pytest.mark.parametrize(
    ("size", "pages", "expected"),
    [
        (245_000, 12, "PDF, 239 KB, 12 pages"),
        (300, 1, "PDF, 1 KB, 1 page"),
        (3_500_000, 80, "PDF, 3.3 MB, 80 pages"),
    ],
)
def test_pdf_facts_read_as_govuk_writes_them(size: int, pages: int, expected: str) -> None:
    from site_plugins.reviews.pdf import PdfFacts

    assert PdfFacts(size, pages).describe() == expected


def test_search_index_indexes_the_pages_it_is_given(tmp_path: Path) -> None:
    from site_plugins.reviews.search import SearchIndex, pagefind_executable

    index = SearchIndex(pagefind_executable())
    for number in (1, 2):
        content = f"<div data-pagefind-body><h1>Review {number}</h1><p>Home visit.</p></div>"
        index.add_page(f"reviews/review-{number}/", f"Review {number}", content)
    assert index.write(tmp_path / "pagefind") == 2
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    fragments = [
        json.loads(published_text(path).removeprefix("pagefind_dcd"))
        for path in (tmp_path / "pagefind" / "fragment").glob("*.pf_fragment")
    ]
    assert sorted((f["url"], f["meta"]["title"]) for f in fragments) == [
        ("/reviews/review-1/", "Review 1"),
        ("/reviews/review-2/", "Review 2"),
    ]


# A stand-in for `pagefind --service` that starts an index, then refuses every page.
REFUSING_PAGEFIND = """#!{python}
import base64, json, sys
def answer(message_id, payload):
    body = json.dumps({{"message_id": message_id, "payload": payload}}).encode()
    sys.stdout.buffer.write(base64.b64encode(body) + b","); sys.stdout.flush()
pending = b""
while chunk := sys.stdin.buffer.read1(65536):
    pending += chunk
    *messages, pending = pending.split(b",")
    for encoded in messages:
        message = json.loads(base64.b64decode(encoded))
        if message["payload"]["type"] == "NewIndex":
            answer(message["message_id"], {{"type": "NewIndex", "index_id": 0}})
        else:
            answer(message["message_id"], {{"type": "Error", "message": "unreadable page"}})
"""


def test_pagefind_failure_fails_the_build(tmp_path: Path) -> None:
    from mkdocs.exceptions import PluginError

    from site_plugins.reviews.search import SearchIndex

    refusing = tmp_path / "pagefind"
    refusing.write_text(REFUSING_PAGEFIND.format(python=sys.executable))
    refusing.chmod(0o755)
    index = SearchIndex(refusing)
    index.add_page("reviews/a/", "A", "<div data-pagefind-body><h1>A</h1><p>Text.</p></div>")
    with pytest.raises(PluginError, match="could not index 1 of 1 pages: unreadable page"):
        index.write(tmp_path / "site" / "pagefind")
    assert not (tmp_path / "site").exists()


def test_a_pagefind_that_dies_fails_the_build(tmp_path: Path) -> None:
    from mkdocs.exceptions import PluginError

    from site_plugins.reviews.search import SearchIndex

    dying = tmp_path / "pagefind"
    dying.write_text("#!/bin/sh\necho 'out of memory' >&2\nexit 3\n")
    dying.chmod(0o755)
    with pytest.raises(
        PluginError, match=r"Pagefind stopped before answering \(exit code 3\): out of memory"
    ):
        SearchIndex(dying)


def test_root_site_builds_strictly(tmp_path: Path) -> None:
    if not list((REPO / "reports").glob("*/review.yml")):
        pytest.skip("no reports/*/review.yml yet: the example reviews have not been published")
    result = mkdocs_build(REPO, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    # docs/images/ holds the README's screenshots, not pages of the site.
    assert not (tmp_path / "site" / "images").exists()


# --- the heading outline of a document ------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("## A\n\ntext\n", "## A\n\ntext\n"),
        ("# Title\n\n## A\n\ntext\n", "## A\n\ntext\n"),
        ("Title\n=====\n\n## A\n", "## A\n"),
        ("# A\n\ntext\n\n# B\n\n## C\n", "## A\n\ntext\n\n## B\n\n### C\n"),
        ("# A\n\n# B\n\nSub\n---\n", "## A\n\n## B\n\n### Sub\n"),
        (
            "# A\n\n```\n# not a heading\n```\n\n# B\n",
            "## A\n\n```\n# not a heading\n```\n\n## B\n",
        ),
        # Python-Markdown reads a one-line block underlined with --- as a heading, even "- item".
        ("# A\n\n- item\n---\n\n# B\n", "## A\n\n### - item\n\n## B\n"),
        ("# A\n\n- one\n- two\n---\n\n# B\n", "## A\n\n- one\n- two\n---\n\n## B\n"),
        ("#A\n\ntext\n\n#B\n", "##A\n\ntext\n\n##B\n"),
        ("### Deep\n\ntext\n\n#### Deeper\n", "## Deep\n\ntext\n\n### Deeper\n"),
        ("text\n\n# Late title\n", "text\n\n## Late title\n"),
    ],
)
def test_fit_headings_under_title(markdown: str, expected: str) -> None:
    assert fit_headings_under_title(markdown) == expected


# --- the title block of a document -----------------------------------------------------------


def child_d(kind: str = "overview", title: str | None = None) -> Restatements:
    """What the header of one of Child D's document pages says."""
    return Restatements.of(
        review_title="Child D",
        document_title=title or DOCUMENT_KINDS[kind],
        kind=kind,
        kind_label=DOCUMENT_KINDS[kind],
        type_key="lcspr",
        type_label="Local Child Safeguarding Practice Review",
        partnership="Eastmoor Safeguarding Partnership",
    )


# id: (document kind, Markdown, expected). Modelled on the example documents in reports/.
TITLE_BLOCKS = {
    # Dropped: lines that only restate the page header.
    "heading-per-line": (
        "overview",
        "# Eastmoor Safeguarding Partnership\n\n"
        "## Local Child Safeguarding Practice Review: Child D\n\n### Overview report\n\n"
        "## 1. Introduction\n\ntext\n",
        "## 1. Introduction\n\ntext\n",
    ),
    "capitals-and-one-line-paragraphs": (
        "board-response",
        "## EASTMOOR SAFEGUARDING PARTNERSHIP\n\n"
        "Local Child Safeguarding Practice Review: Child D\n\n"
        "Partnership response and action plan\n\n### 1. Introduction\n\ntext\n",
        "## 1. Introduction\n\ntext\n",
    ),
    "title-then-byline-with-a-date": (
        "overview",
        "\n# Local Child Safeguarding Practice Review: Child D\n\n## Overview report\n\n"
        "Eastmoor Safeguarding Partnership, March 2025\n\n## 1. Introduction\n",
        "Eastmoor Safeguarding Partnership, March 2025\n\n## 1. Introduction\n",
    ),
    "title-with-its-own-text": (
        "briefing",
        "# 7-minute learning briefing: Child D\n\n"
        "Eastmoor Safeguarding Partnership – Local Child Safeguarding Practice Review\n\n"
        "Use this briefing in a team meeting.\n\n## 1. Background\n",
        "Use this briefing in a team meeting.\n\n## 1. Background\n",
    ),
    "quotes-abbreviation-and-filler-words": (
        "board-response",
        '# LCSPR "Child D": response of the Eastmoor Safeguarding Partnership\n\n'
        "Published November 2018\n\n## Introduction\n",
        "Published November 2018\n\n## Introduction\n",
    ),
    "sections-move-up-after-the-title-block": (
        "executive-summary",
        "\n# Local Child Safeguarding Practice Review: Child D\n\n## Executive summary\n\n\n"
        "### 1. Why\n\ntext\n\n#### 1.1 More\n",
        "## 1. Why\n\ntext\n\n### 1.1 More\n",
    ),
    "document-title-from-review-yml": (
        "briefing",
        "## SEVEN-MINUTE BRIEFING\n\n## 1. Background\n",
        "## 1. Background\n",
    ),
    "setext-title": (
        "executive-summary",
        "Executive summary\n=================\n\nChild D was four months old.\n",
        "Child D was four months old.\n",
    ),
    "heading-naming-the-review-with-its-own-text": (
        "overview",
        "## Child D\n\nChild D was four months old.\n\n## 1. Scope\n",
        "Child D was four months old.\n\n## 1. Scope\n",
    ),
    "lone-title-before-a-list": (
        "overview",
        "# Overview report\n\n- Child D\n\n## A\n",
        "- Child D\n\n## A\n",
    ),
    # Kept: real content.
    "another-kinds-heading-with-text-is-a-section": (
        "overview",
        "# Overview report\n\n## Executive summary\n\nThe review found...\n",
        "## Executive summary\n\nThe review found...\n",
    ),
    "partnership-heading-with-its-own-text": (
        "overview",
        "## Eastmoor Safeguarding Partnership\n\nThe partnership brings together three "
        "agencies.\n\n## 1. Scope\n",
        "## Eastmoor Safeguarding Partnership\n\nThe partnership brings together three "
        "agencies.\n\n## 1. Scope\n",
    ),
    "other-words-end-the-title-block": (
        "overview",
        "# Eastmoor Safeguarding Partnership\n\n## About Child D\n\ntext\n",
        "## About Child D\n\ntext\n",
    ),
    "another-reviews-title": (
        "overview",
        "## Local Child Safeguarding Practice Review: Child E\n\n## 1. Introduction\n",
        "## Local Child Safeguarding Practice Review: Child E\n\n## 1. Introduction\n",
    ),
    "lone-title-with-its-own-text": (
        "overview",
        "# Introduction\n\ntext\n\n## Detail\n",
        "## Introduction\n\ntext\n\n### Detail\n",
    ),
    "nothing-below-the-first-kept-line": (
        "overview",
        "## Child D\n\n## 1. Introduction\n\n## Overview report\n\nChild D\n\ntext\n",
        "## 1. Introduction\n\n## Overview report\n\nChild D\n\ntext\n",
    ),
    "paragraph-of-two-lines": (
        "overview",
        "Eastmoor Safeguarding Partnership\nChild D\n\n## 1. Introduction\n",
        "Eastmoor Safeguarding Partnership\nChild D\n\n## 1. Introduction\n",
    ),
    "numbered-line-is-a-list": (
        "executive-summary",
        "## EXECUTIVE SUMMARY\n\n1. Child D\n\n1.1 text\n",
        "1. Child D\n\n1.1 text\n",
    ),
    "code-block": (
        "overview",
        "```\n# Child D\n```\n\n## A\n",
        "```\n# Child D\n```\n\n## A\n",
    ),
}


@pytest.mark.parametrize(
    ("kind", "markdown", "expected"), TITLE_BLOCKS.values(), ids=TITLE_BLOCKS.keys()
)
def test_title_block_is_dropped_and_content_kept(kind: str, markdown: str, expected: str) -> None:
    title = "Seven-minute briefing" if kind == "briefing" else None
    assert fit_headings_under_title(markdown, child_d(kind, title)) == expected


def test_the_built_index_has_no_common_word_and_its_text_reveals_them(site) -> None:
    words = set()
    for chunk in (site / "pagefind" / "index").glob("*.pf_index"):
        data = gzip.decompress(chunk.read_bytes())
        words |= {text for _, text in cbor_strings(chunk, data, len(b"pagefind_dcd"))}
    assert "father" in words
    assert not words & {"the", "a", "and", "of", "to", "in", "it", "is", "was"}, sorted(
        words & COMMON_WORDS
    )
    fragments = [
        gzip.decompress(path.read_bytes()).decode("utf-8")
        for path in (site / "pagefind" / "fragment").glob("*.pf_fragment")
    ]
    hidden = [text for text in fragments if hidden_form("the") in text]
    assert hidden, "no fragment has a hidden common word"
    assert all(" the " not in text for text in fragments)
    assert any(" the " in reveal_common_words(text) for text in hidden)


def test_the_search_page_is_given_the_common_words_in_their_order(site: Path) -> None:
    # search.js turns a hidden word's character back into the word by its place in this list.
    page = (site / "search" / "index.html").read_text(encoding="utf-8")
    given = re.search(r'data-common-words="([^"]*)"', page)
    assert given is not None
    assert tuple(given.group(1).split(" ")) == COMMON_WORDS_IN_ORDER
