"""Issue 15, "Nothing slips past": a name in disguise is either redacted or fails the leak check.

Each disguise goes through the whole flow. In a Word draft (body, comment, header) it must come
out redacted: the readers clean the text (anonymiser.text.clean), so detection sees the word a
person sees. Typed into a published Markdown document afterwards, it must fail `anonymiser
check` on every surface it reaches: the Markdown, the built page, its Pagefind fragment and its
PDF. Typed into a review's summary in review.yml, it must fail the check in review.yml, on the
review's page and in its entry of the Atom feed. Typed into redactions.yml (a label, a note, a
reason for keeping), it must fail the check, and `anonymiser review --label` must refuse it.
One site is built for all the cases (module fixture); each case then checks its own files.
(Every code point of the invisible and look-alike sets, one by one: tests/test_text.py.)

Every name here is invented.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from ingest_fixtures import DocxBuilder

from anonymiser.cli import main
from anonymiser.decisions.store import load_decisions
from anonymiser.text import IGNORABLE, normalise

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SLUG = "child-k"
NAME = "Kayleigh Brackenridge"
LABEL = "Child K"
SCHOOL = "Oakfield Primary School"

# A representative set of Unicode's default-ignorable characters, each put inside "Kayleigh".
INVISIBLE = {
    "soft hyphen": "\u00ad",
    "combining grapheme joiner": "\u034f",
    "arabic letter mark": "\u061c",
    "mongolian vowel separator": "\u180e",
    "zero width space": "\u200b",
    "zero width non-joiner": "\u200c",
    "zero width joiner": "\u200d",
    "left-to-right mark": "\u200e",
    "word joiner": "\u2060",
    "invisible separator": "\u2063",
    "hangul filler": "\u3164",
    "variation selector": "\ufe0f",
    "byte order mark": "\ufeff",
    "tag latin small a": "\U000e0061",
    "language tag": "\U000e0001",
}
# Cyrillic and Greek letters that look like the Latin ones of "Kayleigh".
LOOK_ALIKES = {
    "cyrillic a": "K\u0430yleigh",
    "cyrillic e": "Kayl\u0435igh",
    "cyrillic u for y": "Ka\u0443leigh",
    "cyrillic capital ka": "\u041aayleigh",
    "cyrillic i": "Kayle\u0456gh",
    "greek capital kappa": "\u039aayleigh",
    "greek iota": "Kayle\u03b9gh",
}
IN_WORD = {
    **{name: f"Kay{char}leigh" for name, char in INVISIBLE.items()},
    **LOOK_ALIKES,
}
# Typed into published Markdown: (disguised text, surfaces it reaches besides the Markdown).
ALL = ("page", "fragment", "pdf")
TYPED = {
    # The control: the same note without a disguise passes, so a failure is the disguise's.
    # It has ordinary hyphenated and dotted words too: they are not a name split apart.
    "no disguise": (f"Met {LABEL} at a well-kept home, e.g. co-ordinated.", ALL),
    **{name: (f"Met {text} at home.", ALL) for name, text in IN_WORD.items()},
    "emphasis": ("Met Kay**leigh** at home.", ALL),
    "character reference": ("Met &#75;ayleigh at home.", ALL),
    "inline tag": ("Met Kay<b>leigh</b> at home.", ALL),
    "possessive without apostrophe": ("Kayleighs mother was at home.", ALL),
    "underscore join": ("The file kayleigh_brackenridge was shared.", ALL),
    "camel case join": ("The account KayleighBrackenridge was shared.", ALL),
    # A link's address is on the page (href) but in no search fragment or printed text.
    "percent-encoded letter": ("See [the notes](https://example.org/k%61yleigh-notes).", ()),
    "part of the school's name": ("Staff at Oakfield Primary were told.", ALL),
    "distinctive word of the school's name": ("Staff at Oakfield were told.", ALL),
    # Markdown's backslash escapes: the reader sees the text without the backslash.
    "escaped underscore": ("Met Kay\\_leigh at home.", ALL),
    "escaped hyphen": ("Met Kay\\-leigh at home.", ALL),
    "escaped apostrophe": ("Met Kayleigh\\'s mother at home.", ALL),
    "escaped emphasis": ("Met \\*Kayleigh\\* at home.", ALL),
    # A mark splitting the name: a reader still reads one word.
    "hyphen inside the name": ("Met Kay-leigh at home.", ALL),
    "full stop inside the name": ("Met Kay.leigh at home.", ALL),
    "middle dot inside the name": ("Met Kay\u00b7leigh at home.", ALL),
    "underscore inside the name": ("Met Kay_leigh at home.", ALL),
}
# Typed into a review's summary in review.yml, which the review's page, the Atom feed and
# review.yml itself publish: every case but Markdown's own syntax (a summary is plain text).
MARKDOWN_ONLY = ("percent-encoded letter", "escaped")
# Case -> the summary as typed into review.yml: a literal block, where no YAML quoting or escape
# stands between the typist and the file...
SUMMARIES = {
    case: f"|\n  {text}" for case, (text, _) in TYPED.items() if not case.startswith(MARKDOWN_ONLY)
}
# ...and YAML's own escapes in a double-quoted value, which the site publishes decoded.
SUMMARIES["yaml escape"] = '"Met K\\x61yleigh at home."'
SUMMARIES["yaml escaped line break"] = '"Met Kay\\\n  leigh at home."'


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def write_draft(path: Path) -> None:
    builder = (
        DocxBuilder()
        .header(f"Draft prepared about Kay{INVISIBLE['zero width joiner']}leigh")
        .heading("Overview report")
        .paragraph(f"{NAME} was six when she started at {SCHOOL}.")
        .commented_paragraph(
            "The social worker ",
            "visited",
            " twice.",
            comment=f"Ask about Kay{INVISIBLE['soft hyphen']}leigh's school.",
            author="Comms Officer",
            initials="CO",
        )
        # Word's own optional hyphen and non-breaking hyphen elements, inside the name.
        .raw_paragraph(
            '<w:r><w:t xml:space="preserve">Optional hyphen: Kay</w:t></w:r><w:r><w:softHyphen/>'
            '</w:r><w:r><w:t xml:space="preserve">leigh Brackenridge was seen.</w:t></w:r>'
        )
        .raw_paragraph(
            '<w:r><w:t xml:space="preserve">Non-breaking hyphen: a well</w:t>'
            '<w:noBreakHyphen/><w:t xml:space="preserve">kept home.</w:t></w:r>'
        )
    )
    for number, text in enumerate(IN_WORD.values(), start=1):
        builder.paragraph(f"Paragraph {number}: {text} Brackenridge was seen at home.")
    builder.save(path)


def summary_slug(number: int) -> str:
    return f"summary-{number:02d}"


def write_summary_review(folder: Path, number: int, summary: str) -> None:
    """A published review with no documents, its summary typed by hand into review.yml."""
    folder.mkdir(parents=True)
    (folder / "review.yml").write_text(
        f"title: Summary {number}\ntype: lcspr\nstatus: published\npublished: 2024-02-01\n"
        f"summary: {summary}\nthemes: [neglect]\nage_group: 5-10\ndocuments: []\n",
        "utf-8",
    )


def build(root: Path) -> Path:
    for name in ("mkdocs.yml", "anonymiser.yml"):
        shutil.copy(ROOT / name, root / name)
    # Every summary review in the feed (it lists the newest 20 by default).
    config = (root / "mkdocs.yml").read_text("utf-8")
    config = config.replace("newest_on_home: 5", "newest_on_home: 5\n      feed_entries: 100")
    (root / "mkdocs.yml").write_text(config, "utf-8")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "templates", root / "templates")
    (root / "examples").mkdir()
    shutil.copy(ROOT / "examples" / "demo-partnership.key", root / "examples")
    review = root / "reports" / SLUG
    assert run("new", SLUG).exit_code == 0
    write_draft(review / "source" / "overview.docx")
    scanned = run("scan", f"reports/{SLUG}")
    assert scanned.exit_code == 0, scanned.output
    listing = run("review", f"reports/{SLUG}", "--list").output
    person = next(line.split()[0] for line in listing.splitlines() if NAME in line)
    decided = run("review", f"reports/{SLUG}", "--label", f"{person}={LABEL}", "--accept-all")
    assert decided.exit_code == 0, decided.output
    applied = run("apply", f"reports/{SLUG}", "--by", "Comms")
    assert applied.exit_code == 0, applied.output
    # Each typed disguise is a document of its own, so each has its own page, fragment and PDF.
    settings = yaml.safe_load((review / "review.yml").read_text("utf-8"))
    settings.update(
        status="published",
        type="lcspr",
        published="2024-01-10",
        summary="A review about a child.",
        themes=["neglect"],
        age_group="5-10",
    )
    for number, (text, _) in enumerate(TYPED.values(), start=1):
        file = f"note-{number:02d}.md"
        (review / file).write_text(f"# Note {number}\n\nA note.\n\n{text}\n", "utf-8")
        settings["documents"].append({"file": file, "kind": "briefing", "title": f"Note {number}"})
    (review / "review.yml").write_text(yaml.safe_dump(settings, sort_keys=False), "utf-8")
    for number, summary in enumerate(SUMMARIES.values(), start=1):
        write_summary_review(root / "reports" / summary_slug(number), number, summary)
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    built = subprocess.run(mkdocs, cwd=root, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    if not (root / "site" / "pagefind").is_dir():
        subprocess.run([sys.executable, "-m", "pagefind", "--site", "site"], cwd=root, check=True)
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("disguises")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("ANONYMISER_KEY", raising=False)
        patch.chdir(root)
        yield build(root)


def published_text(project: Path) -> str:
    return (project / "reports" / SLUG / "overview.md").read_text("utf-8")


def test_the_draft_is_published_without_a_disguise_or_the_name(project):
    text = published_text(project)
    assert not IGNORABLE.search(text)
    assert "\u2011" not in text and "Non-breaking hyphen: a well-kept home." in text
    for secret in ("kayleigh", "brackenridge", "oakfield"):
        assert secret not in normalise(text), secret
    assert f"Optional hyphen: {LABEL} was seen." in text
    assert LABEL in text and "[school]" in text


@pytest.mark.parametrize("number", range(1, len(IN_WORD) + 1), ids=list(IN_WORD))
def test_a_disguise_in_a_draft_is_redacted(project, number):
    line = next(
        line for line in published_text(project).splitlines() if f"Paragraph {number}:" in line
    )
    assert line == f"Paragraph {number}: {LABEL} was seen at home."


def surfaces_of(project: Path, number: int) -> dict[str, Path]:
    site = project / "site"
    page = f"note-{number:02d}"
    found = {
        "markdown": project / "reports" / SLUG / f"{page}.md",
        "page": site / "reviews" / SLUG / page / "index.html",
    }
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        if f"/{page}/" in _fragment_url(fragment):
            found["fragment"] = fragment
    pdfs = [pdf for pdf in site.rglob("*.pdf") if page in pdf.name]
    if pdfs:
        found["pdf"] = pdfs[0]
    return found


def _fragment_url(fragment: Path) -> str:
    data = gzip.decompress(fragment.read_bytes())
    return json.loads(data[len(b"pagefind_dcd") :])["url"]


@pytest.mark.parametrize("case", list(TYPED), ids=list(TYPED))
def test_a_disguise_typed_into_published_text_fails_the_check(project, case, monkeypatch):
    monkeypatch.delenv("ANONYMISER_KEY", raising=False)
    monkeypatch.chdir(project)
    number = list(TYPED).index(case) + 1
    _, reaches = TYPED[case]
    surfaces = surfaces_of(project, number)
    for surface in ("markdown", "page", *reaches):
        assert surface in surfaces, (surface, sorted(surfaces))
        path = surfaces[surface].relative_to(project)
        result = run("check", str(path), "--require-key", "--format", "json")
        if case == "no disguise":
            assert result.exit_code == 0, (surface, result.output)
            continue
        assert result.exit_code == 1, (surface, result.output)
        # Found by what knows the name (its fingerprint) or the disguise, not only by chance
        # (the names detector taking "Kay" for a name nobody decided about).
        detectors = {finding["detector"] for finding in json.loads(result.stdout)["findings"]}
        assert detectors & {"fingerprints", "disguises"}, (surface, detectors)
        assert "kayleigh" not in result.output.casefold()
        assert "oakfield" not in result.output.casefold()


# --- a review's summary: review.yml, the review's page, the Atom feed ---------------------------

_FEED_ENTRY = re.compile(r"[ \t]*<entry>.*?</entry>\n", re.DOTALL)


def isolated_feed(project: Path, slug: str) -> Path:
    """The built feed with only the entry of review `slug`, so that each case's entry is checked
    on its own: the feed's bytes as built, less the other entries."""
    feed = (project / "site" / "feed.xml").read_text("utf-8")
    entries = list(_FEED_ENTRY.finditer(feed))
    mine = [entry.group() for entry in entries if f"/reviews/{slug}/" in entry.group()]
    assert len(mine) == 1, slug
    path = project / "feeds" / f"{slug}.xml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(feed[: entries[0].start()] + mine[0] + "</feed>\n", "utf-8")
    return path


@pytest.mark.parametrize("case", list(SUMMARIES), ids=list(SUMMARIES))
def test_a_disguise_typed_into_a_summary_fails_the_check_everywhere_it_is_published(
    project, case, monkeypatch
):
    monkeypatch.delenv("ANONYMISER_KEY", raising=False)
    monkeypatch.chdir(project)
    slug = summary_slug(list(SUMMARIES).index(case) + 1)
    surfaces = {
        "review.yml": Path("reports", slug, "review.yml"),
        "page": Path("site", "reviews", slug, "index.html"),
        "feed": isolated_feed(project, slug).relative_to(project),
    }
    result = run("check", *map(str, surfaces.values()), "--require-key", "--format", "json")
    if case == "no disguise":
        assert result.exit_code == 0, result.output
        for path in surfaces.values():  # the summary did reach each of them
            assert "well-kept home" in path.read_text("utf-8"), path
        return
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["findings"]
    for surface, path in surfaces.items():
        detectors = {f["detector"] for f in findings if f["path"] == str(path)}
        assert detectors & {"fingerprints", "disguises"}, (surface, findings)
    assert_nothing_echoed(result.output)


def assert_nothing_echoed(output: str) -> None:
    for secret in ("kayleigh", "brackenridge", "oakfield"):
        assert secret not in normalise(output), secret


# --- redactions.yml, edited by hand ------------------------------------------------------------


@pytest.fixture
def decisions_file(project: Path, tmp_path: Path, monkeypatch) -> Path:
    """The review's decisions as scan and review made them, in a project of their own, to be
    edited by hand without touching the built site's."""
    shutil.copy(project / "anonymiser.yml", tmp_path)
    shutil.copytree(project / "examples", tmp_path / "examples")
    folder = tmp_path / "reports" / SLUG
    folder.mkdir(parents=True)
    for name in ("redactions.yml", "review.yml"):
        shutil.copy(project / "reports" / SLUG / name, folder)
    monkeypatch.delenv("ANONYMISER_KEY", raising=False)
    monkeypatch.chdir(tmp_path)
    return folder / "redactions.yml"


@pytest.mark.parametrize("case", list(TYPED), ids=list(TYPED))
def test_a_disguise_typed_into_redactions_yml_fails_the_check(decisions_file, case):
    text, _ = TYPED[case]
    written = decisions_file.read_text("utf-8")
    entities = load_decisions(decisions_file, None).entities
    person = next(entity for entity in entities if entity.label == LABEL)
    other = next(e for e in entities if e.type == "PERSON" and e.id != person.id)
    # Deciding on the command line refuses the label, and leaves the file as it was.
    labelled = run("review", f"reports/{SLUG}", "--label", f"{person.id}={text}", "--by", "T")
    if case == "no disguise":
        assert labelled.exit_code == 0, labelled.output
        decisions_file.write_text(written, "utf-8")
    else:
        assert labelled.exit_code == 2, labelled.output
        assert f"entity {person.id}, field 'label'" in labelled.output
        assert_nothing_echoed(labelled.output)
        assert "Traceback" not in labelled.output
        assert decisions_file.read_text("utf-8") == written
    # Typed into the file as an attacker would: the label and a note of the person, and the
    # reason for keeping another entity.
    edited = written.replace(f"  label: {LABEL}\n", f"  label: {text}\n  note: {text}\n", 1)
    at = edited.index(f"id: {other.id}\n")
    kept = edited[at:].replace("decision: redact\n", f"decision: keep\n  keep_reason: {text}\n", 1)
    decisions_file.write_text(edited[:at] + kept, "utf-8")
    result = run("check", str(decisions_file), "--require-key", "--format", "json")
    if case == "no disguise":
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["findings"]
    for field in ("label", "note", "keep_reason"):
        assert any(f["part"] == f"field '{field}'" for f in findings), (field, findings)
    assert_nothing_echoed(result.output)
