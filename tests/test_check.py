"""The leak check on a real built example site: one leak of each kind planted, each found in the
right file by the right detector, exit code 1, and the planted identifier in no output format.

The example project (anonymiser.yml, the demo key, the three example reviews and their
decisions) is copied to a temporary folder, its site is built with `mkdocs build --strict`,
indexed with Pagefind, given an Atom feed and a PDF when the build does not make them yet, and
put under git; each case then plants its leak in a fresh copy.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner
from fpdf import FPDF

from anonymiser.check.run import run_check
from anonymiser.cli import main
from anonymiser.config import load_settings
from anonymiser.fingerprints import load_key

REPO = Path(__file__).resolve().parents[1]
FORMATS = ["text", "github", "sarif", "json"]
# A redacted name of review child-d; every case plants it somewhere the others never look.
NAME = "Kayden Marsh"
NAME_SECRETS = ["kayden", "marsh"]

pytestmark = pytest.mark.slow


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def write_pdf(path: Path, lines: list[str], author: str = "Eastmoor Safeguarding Partnership"):
    pdf = FPDF()
    pdf.set_title("Child D: overview report")
    pdf.set_author(author)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        # The PDF core fonts are Latin-1: typographic quotes and dashes are written plainly.
        plain = line.replace("’", "'").replace("‘", "'").replace("—", "-").replace("–", "-")
        text = plain.encode("latin-1", "replace").decode("latin-1")
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))


def write_feed(path: Path, entries: list[tuple[str, str]]) -> None:
    items = "".join(
        f"<entry><title>{escape(title)}</title><id>urn:review:{i}</id>"
        f'<content type="html">{escape(f"<p>{summary}</p>")}</content></entry>\n'
        for i, (title, summary) in enumerate(entries)
    )
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Eastmoor Safeguarding Partnership: case reviews</title>\n{items}</feed>\n",
        encoding="utf-8",
    )


def build_project(root: Path) -> Path:
    project = root / "example"
    project.mkdir()
    for name in ("anonymiser.yml", ".gitignore"):
        shutil.copy(REPO / name, project / name)
    (project / "examples").mkdir()
    shutil.copy(REPO / "examples" / "demo-partnership.key", project / "examples")
    for review in sorted((REPO / "reports").iterdir()):
        if (review / "review.yml").is_file():
            target = project / "reports" / review.name
            shutil.copytree(review, target, ignore=shutil.ignore_patterns("source"))
    shutil.copytree(REPO / "docs", project / "docs")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: templates", f"custom_dir: {REPO / 'templates'}")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    subprocess.run(mkdocs, cwd=project, env=env, check=True)
    site = project / "site"
    if not (site / "pagefind").is_dir():
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site)], check=True)
    if not (site / "feed.xml").is_file():
        write_feed(site / "feed.xml", [("Child D", "A review of the care of a baby.")])
    if not any(site.rglob("*.pdf")):
        overview = (project / "reports" / "child-d" / "overview.md").read_text("utf-8")
        write_pdf(site / "reviews" / "child-d" / "overview.pdf", overview.splitlines()[:60])
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    return project


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    return build_project(tmp_path_factory.mktemp("check"))


@pytest.fixture
def project(example: Path, tmp_path: Path, monkeypatch) -> Path:
    copy = tmp_path / "example"
    shutil.copytree(example, copy, symlinks=True)
    monkeypatch.delenv("ANONYMISER_KEY", raising=False)
    monkeypatch.chdir(copy)
    return copy


# --- planting ----------------------------------------------------------------------------------


def insert_html(page: Path, html: str) -> None:
    text = page.read_text("utf-8")
    at = text.index("</article>") if "</article>" in text else text.index("</body>")
    page.write_text(text[:at] + html + text[at:], "utf-8")


def in_markdown(project: Path) -> None:
    with (project / "reports/family-t/briefing.md").open("a", encoding="utf-8") as handle:
        handle.write(f"\nThe practitioners met {NAME} twice.\n")


def in_alt(project: Path) -> None:
    insert_html(project / "site/reviews/adult-r/index.html", f'<img src="a.png" alt="{NAME}">')


def fragment_of(project: Path, url: str) -> Path:
    for path in sorted((project / "site/pagefind/fragment").iterdir()):
        if f'"url":"{url}"'.encode() in gzip.decompress(path.read_bytes()):
            return path
    raise AssertionError(f"no Pagefind fragment for {url}")


def in_fragment(project: Path) -> None:
    path = fragment_of(project, "/reviews/family-t/")
    data = gzip.decompress(path.read_bytes())
    data = data.replace(b'"content":"', f'"content":"{NAME} was seen. '.encode(), 1)
    path.write_bytes(gzip.compress(data))


def in_feed(project: Path) -> None:
    write_feed(project / "site/feed.xml", [("Adult R", f"A review about {NAME} and others.")])


# The same name in disguise (issue 15): a soft hyphen, and a Cyrillic "а" in place of "a".
SOFT_HYPHENED = "Kay\u00adden Marsh"
LOOK_ALIKE = "K\u0430yden Marsh"


def disguised_in_feed(project: Path) -> None:
    write_feed(project / "site/feed.xml", [("Adult R", f"A review about {SOFT_HYPHENED}.")])


def disguised_in_review_summary(project: Path) -> None:
    import yaml

    review = project / "reports/adult-r/review.yml"
    fields = yaml.safe_load(review.read_text("utf-8"))
    fields["summary"] = f"A review agreed with {LOOK_ALIKE}'s family."
    review.write_text(yaml.safe_dump(fields, sort_keys=False, allow_unicode=True), "utf-8")


def in_pdf_text(project: Path) -> None:
    lines = ["Overview report", "The review panel met in 2024.", f"It spoke to {NAME}."]
    write_pdf(project / "site/reviews/adult-r/overview.pdf", lines)


def in_pdf_metadata(project: Path) -> None:
    write_pdf(project / "site/reviews/adult-r/overview.pdf", ["Overview report"], author=NAME)


def phone(project: Path) -> None:
    with (project / "reports/adult-r/overview.md").open("a", encoding="utf-8") as handle:
        handle.write("\nHer daughter could be reached on 07700 900123 at any time.\n")


def postcode(project: Path) -> None:
    insert_html(project / "site/themes/index.html", "<p>The family moved to LS1 4AP.</p>")


def unreviewed_name(project: Path) -> None:
    insert_html(
        project / "site/reviews/family-t/briefing/index.html",
        "<p>The duty social worker, Jolene Brackenridge, visited the family twice.</p>",
    )


def tracked_draft(project: Path) -> None:
    draft = project / "reports/child-d/source/Kayden Marsh overview v3.docx"
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_bytes(b"PK\x03\x04 a Word file")
    subprocess.run(["git", "add", "-f", str(draft)], cwd=project, check=True)


@dataclass(frozen=True)
class Leak:
    plant: Callable[[Path], None]
    file: str  # where the finding must point, relative to the project
    detector: str
    entity_type: str
    secrets: tuple[str, ...]
    part: str = ""


LEAKS = {
    "redacted name in Markdown": Leak(
        in_markdown, "reports/family-t/briefing.md", "fingerprints", "PERSON", ("kayden", "marsh")
    ),
    "redacted name in an alt attribute": Leak(
        in_alt, "site/reviews/adult-r/index.html", "fingerprints", "PERSON", ("kayden", "marsh")
    ),
    "redacted name in a Pagefind fragment": Leak(
        in_fragment, "site/pagefind/fragment/", "fingerprints", "PERSON", ("kayden", "marsh")
    ),
    "redacted name in the feed": Leak(
        in_feed, "site/feed.xml", "fingerprints", "PERSON", ("kayden", "marsh")
    ),
    "disguised name in the feed": Leak(
        disguised_in_feed, "site/feed.xml", "fingerprints", "PERSON", ("kayden", "marsh")
    ),
    "look-alike name in review.yml": Leak(
        disguised_in_review_summary, "reports/adult-r/review.yml", "fingerprints", "PERSON",
        ("kayden", "marsh", "k\u0430yden"),
    ),
    "redacted name in a PDF's text": Leak(
        in_pdf_text, "site/reviews/adult-r/overview.pdf", "fingerprints", "PERSON",
        ("kayden", "marsh"), "page 1",
    ),
    "redacted name in a PDF's metadata": Leak(
        in_pdf_metadata, "site/reviews/adult-r/overview.pdf", "fingerprints", "PERSON",
        ("kayden", "marsh"), "metadata (Author)",
    ),
    "phone number": Leak(
        phone, "reports/adult-r/overview.md", "patterns", "PHONE", ("07700", "900123")
    ),
    "postcode": Leak(postcode, "site/themes/index.html", "patterns", "POSTCODE", ("ls1", "4ap")),
    "unreviewed person name": Leak(
        unreviewed_name, "site/reviews/family-t/briefing/index.html", "names", "PERSON",
        ("jolene", "brackenridge"),
    ),
    "tracked raw draft": Leak(
        tracked_draft, "reports/child-d/source", "drafts", "RAW_DRAFT", ("kayden", "marsh")
    ),
}  # fmt: skip


def test_the_clean_example_site_passes(project):
    result = run("check", "reports", "site", "--require-key", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["findings"] == [] and report["problems"] == []
    assert report["fingerprints_checked"] and report["files"] > 40
    # The site has every kind of surface: pages, Pagefind fragments and index, feed, PDFs.
    site = project / "site"
    for pattern in ("*.html", "*.pf_fragment", "*.pf_index", "feed.xml", "*.pdf", "*.gz"):
        assert any(site.rglob(pattern)), pattern
    text = run("check", "reports", "site", "--require-key")
    assert text.exit_code == 0 and "0 possible leaks" in text.output


@pytest.mark.parametrize("case", list(LEAKS), ids=list(LEAKS))
def test_a_planted_leak_is_found_and_never_printed(project, case):
    leak = LEAKS[case]
    leak.plant(project)
    sarif_file = project.parent / "leaks.sarif"
    outputs = []
    for output in FORMATS:
        result = run("check", "reports", "site", "--require-key", "--format", output)
        assert result.exit_code == 1, (output, result.output)
        outputs += [result.stdout, result.stderr]
        if output == "json":
            findings = json.loads(result.stdout)["findings"]
        if output == "sarif":
            sarif = json.loads(result.stdout)
            assert sarif["runs"][0]["results"], "no SARIF result"
    also = run("check", "reports", "site", "--require-key", "--sarif", str(sarif_file))
    outputs.append(sarif_file.read_text("utf-8"))
    assert also.exit_code == 1
    matching = [
        f
        for f in findings
        if f["path"].startswith(leak.file)
        and f["detector"] == leak.detector
        and f["entity_type"] == leak.entity_type
    ]
    assert matching, findings
    if leak.part:
        assert any(f["part"] == leak.part for f in matching), matching
    for output in outputs:
        for secret in leak.secrets:
            assert secret not in output.casefold(), f"{secret!r} printed in {case}"


def test_a_name_in_the_pagefind_index_is_found(project):
    """The index holds single words (stemmed), not sentences: a redacted name that reached a
    page reaches the index too, and is found there as well as in the page."""
    page = project / "site/reviews/family-t/index.html"
    text = page.read_text("utf-8")
    marker = "<div data-pagefind-body>"  # where the index reads a page, when the site marks it
    if marker in text:
        page.write_text(text.replace(marker, f"{marker}<p>{NAME} wrote to us.</p>", 1), "utf-8")
    else:
        insert_html(page, f"<p>{NAME} wrote to us.</p>")
    shutil.rmtree(project / "site/pagefind")
    subprocess.run([sys.executable, "-m", "pagefind", "--site", "site"], check=True)
    result = run("check", "site", "--require-key", "--format", "json")
    assert result.exit_code == 1
    paths = {f["path"] for f in json.loads(result.stdout)["findings"]}
    assert any(path.endswith(".pf_index") for path in paths), paths
    assert any(path.endswith(".pf_fragment") for path in paths), paths


def test_without_the_key_it_checks_the_rest_and_says_so(project, monkeypatch):
    (project / "examples" / "demo-partnership.key").unlink()
    phone(project)
    result = run("check", "reports")
    assert result.exit_code == 1
    assert "NOT checked" in result.stderr and "patterns" in result.stdout
    assert "900123" not in result.output
    required = run("check", "reports", "--require-key")
    assert required.exit_code == 2 and "partnership key" in required.output
    # A key that is there but broken is a bad setting, not a missing key.
    (project / "examples" / "demo-partnership.key").write_text("not a key\n")
    broken = run("check", "reports")
    assert broken.exit_code == 2 and "not valid" in broken.output


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("site/broken.html", b"\xff\xfe not UTF-8 \xff"),
        ("site/pagefind/fragment/en_broken.pf_fragment", b"not gzip at all"),
        ("site/reviews/child-d/broken.pdf", b"%PDF-1.7 broken"),
        ("site/downloads/overview.docx", b"PK\x03\x04"),
    ],
)
def test_a_file_that_cannot_be_read_exits_2_and_names_it(project, name, content):
    path = project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    result = run("check", "site", "--require-key")
    assert result.exit_code == 2, result.output
    assert f"error: {Path(name)}" in result.output


def test_a_bad_review_file_exits_2(project):
    (project / "reports/child-d/redactions.yml").write_text("version: [unclosed\n", "utf-8")
    result = run("check", "reports", "--require-key")
    assert result.exit_code == 2 and "redactions.yml" in result.output


def test_false_positives_are_decisions_not_flags(project):
    """A name that may be published gets a keep decision; a partnership's own phone number
    goes into the allow-list. There is no flag that switches a detector off."""
    unreviewed_name(project)
    with (project / "reports/adult-r/overview.md").open("a", encoding="utf-8") as handle:
        handle.write("\nCall the partnership on 0113 496 0000 for a copy.\n")
    assert run("check", "reports", "site", "--require-key").exit_code == 1
    fingerprint = load_key(project / "examples/demo-partnership.key").fingerprint(
        "Jolene Brackenridge"
    )
    decisions = project / "reports/family-t/redactions.yml"
    decisions.write_text(
        decisions.read_text("utf-8")
        + "- id: person-0ce7a1\n  type: PERSON\n  decision: keep\n"
        + "  text: Jolene Brackenridge\n  keep_reason: a public official\n"
        + f"  fingerprints: [{fingerprint}]\n",
        "utf-8",
    )
    config = project / "anonymiser.yml"
    config.write_text(config.read_text("utf-8") + "  - 0113 496 0000\n", "utf-8")
    result = run("check", "reports", "site", "--require-key")
    assert result.exit_code == 0, result.output
    assert "--no-" not in run("check", "--help").output  # no switch to turn a detector off


def test_a_keep_decision_covers_its_own_review_only(project):
    """A review may keep a term another review redacted (the same surname, not the same
    family): it stays allowed in that review's files, and is still a leak everywhere else."""
    key = load_key(project / "examples/demo-partnership.key")
    decisions = project / "reports/family-t/redactions.yml"
    decisions.write_text(
        decisions.read_text("utf-8")
        + "- id: person-5a1e0c\n  type: PERSON\n  decision: keep\n"
        + "  keep_reason: another family of the same name\n"
        + f"  fingerprints: [{key.fingerprint(NAME)}]\n",
        "utf-8",
    )
    for slug in ("family-t", "adult-r"):
        with (project / f"reports/{slug}/briefing.md").open("a", encoding="utf-8") as handle:
            handle.write(f"\nThe practitioners met {NAME} twice.\n")
    report = run_check([Path("reports")], load_settings(project), require_key=True, names=False)
    assert {f.path for f in report.findings} == {str(Path("reports/adult-r/briefing.md"))}


@pytest.mark.parametrize(
    ("written", "leak"),
    [
        ("<p>Seen on 4 January 2023 at home.</p>", True),
        ("<p>Seen on 4\nJanuary 2023 at home.</p>", True),  # a soft line break in a paragraph
        ("<table><tr><td>4</td><td>January 2023</td></tr></table>", False),  # two cells
        ("<p>Action 4</p><p>January 2023: the protocol relaunched.</p>", False),
    ],
)
def test_a_redacted_date_is_one_run_of_text(project, written, leak):
    """Child D's review redacted the exact date "4 January 2023"; a number ending one table
    cell or paragraph and a month starting the next is not that date."""
    insert_html(project / "site/themes/index.html", written)
    report = run_check([Path("site")], load_settings(project), require_key=True, names=False)
    dates = [f for f in report.findings if f.entity_type == "DATE"]
    assert bool(dates) is leak, dates
