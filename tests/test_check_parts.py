"""The leak check's parts on small real files: surfaces (what each kind of file is read as,
and positions back into the file), the fast fingerprint scan, disguises (invisible characters,
mixed scripts, the unmasked reading) and the parts of a place's name, the drafts rule and its
pre-commit guard, the report formats, and the publish workflow (linted by actionlint)."""

from __future__ import annotations

import gzip
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fpdf import FPDF

from anonymiser.check import Finding, mask
from anonymiser.check.detectors import Decided, FingerprintDetector
from anonymiser.check.disguises import DisguiseDetector
from anonymiser.check.drafts import draft_reason
from anonymiser.check.names import NamesDetector
from anonymiser.check.packed import cbor_strings
from anonymiser.check.report import render
from anonymiser.check.run import CheckReport
from anonymiser.check.scanner import FingerprintScanner
from anonymiser.check.surfaces import plain_surface, read_surface
from anonymiser.detect.allow_list import AllowList
from anonymiser.errors import InputError
from anonymiser.fingerprints import distinctive_parts, new_key, normalise

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def cbor_text(text: str) -> bytes:
    data = text.encode("utf-8")
    assert len(data) < 24
    return bytes([0x60 | len(data)]) + data


def pdf_bytes(text: str, author: str) -> bytes:
    pdf = FPDF()
    pdf.set_author(author)
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Overview report", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 10, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


GZ = "decompressed"
# (file name, content, the text a reader sees, its line and column in the file, part)
SURFACES = [
    ("a.md", "# Title\n\nMet Kayden Marsh.\n", "Kayden Marsh", 3, 5, ""),
    ("a.html", "<p>x</p>\n<p>Seen by O&#39;Brien today</p>", "O'Brien", 2, 12, ""),
    ("a.html", '<div>\n  <img src="a.png" alt="Kayden Marsh">\n</div>', "Kayden Marsh", 2, 25, ""),
    ("a.html", '<meta name="description" content="About Zofia">', "Zofia", 1, 41, ""),
    ("a.html", '<a href="/r/" data-author="Dean Whitlock">x</a>', "Dean Whitlock", 1, 28, ""),
    ("a.html", '<script type="application/ld+json">{"author": "Maja"}</script>', "Maja", 1, 48, ""),
    (
        "feed.xml",
        '<feed><entry><content type="html">&lt;p&gt;Dean Whitlock&lt;/p&gt;</content></entry>'
        "</feed>",
        "Dean Whitlock",
        1,
        44,
        "",
    ),
    ("feed.xml", "<feed><summary><![CDATA[<b>Maja</b>]]></summary></feed>", "Maja", 1, 28, ""),
    # An inline tag inside a word of a feed's HTML runs on, as a feed reader shows it; a block
    # tag or a visible attribute stays apart.
    (
        "feed.xml",
        '<feed><summary type="html">Met Kay&lt;b&gt;den\n&lt;/b&gt;Marsh</summary></feed>',
        "Met Kayden\nMarsh",
        1,
        28,
        "",
    ),
    (
        "feed.xml",
        "<feed><summary>&lt;p&gt;Dean&lt;/p&gt;&lt;p&gt;Whitlock&lt;/p&gt;</summary></feed>",
        "Dean\n\n\n\nWhitlock",
        1,
        25,
        "",
    ),
    (
        "feed.xml",
        '<feed><summary>&lt;img alt="Maja"&gt;Whitlock</summary></feed>',
        "Maja\n\n\n\nWhitlock",
        1,
        29,
        "",
    ),
    ("a.json", '{"x": "Mr \\u0057hitlock", "n": 3}', "Mr Whitlock", 1, 8, ""),
    ("review.yml", "title: Child D\nsummary: Met Kayden.\n", "Kayden", 2, 14, ""),
    # YAML's escapes in a double-quoted value are read decoded, at the value's opening quote.
    ("review.yml", 'title: Child D\nsummary: "Met K\\x61yden."\n', "Met Kayden.", 2, 10, ""),
    (
        "review.yml",
        'summary: "Met Kay\\\n  den \\u0026 Co."\nx: 1\n',
        "Met Kayden & Co.",
        1,
        10,
        "",
    ),
    ("review.yml", 'title: "K\\u0061yden"\nsign_off: {by: "\\x41nn"}\n', "Kayden", 1, 8, ""),
    ("sitemap.xml.gz", b"<urlset><loc>/reviews/kayden/</loc></urlset>", "kayden", 1, 23, GZ),
    ("site.pf_fragment", b'pagefind_dcd{"content":"Met Kayden"}', "Kayden", 1, 29, GZ),
    ("a.pf_index", b"pagefind_dcd\x82" + cbor_text("kayden"), "kayden", 1, 15, GZ),
    ("a.pdf", "PDF:Met Kayden Marsh.", "Kayden Marsh", 2, 5, "page 1"),
    ("a.pdf", "PDF-AUTHOR:Zofia Wojcik", "Zofia Wojcik", 1, 1, "metadata (Author)"),
]


@pytest.mark.parametrize(("name", "content", "seen", "line", "column", "part"), SURFACES)
def test_surfaces_read_what_a_reader_sees_and_point_back(
    tmp_path, name, content, seen, line, column, part
):
    path = tmp_path / name
    if name.endswith(".pdf"):
        text = content.split(":", 1)[1]
        author = text if content.startswith("PDF-AUTHOR") else "Eastmoor"
        content = pdf_bytes("Nothing here." if author == text else text, author)
    if isinstance(content, str):
        content = content.encode("utf-8")
    if name.endswith((".gz", ".pf_fragment", ".pf_index")):
        content = gzip.compress(content)
    path.write_bytes(content)
    surface = read_surface(path)
    at = surface.text.index(seen)
    assert surface.locate(at) == (line, column, part)


def test_code_and_unpublished_fields_are_not_read(tmp_path):
    page = tmp_path / "a.html"
    page.write_text("<style>.Kayden{}</style><script>var Kayden;</script><p>Clean</p>")
    assert "Kayden" not in read_surface(page).text
    review = tmp_path / "review.yml"
    review.write_text("title: Child D\nsign_off:\n  by: Jane Comms\n  date: 2026-01-01\n")
    assert "Jane" not in read_surface(review).text
    review.write_text('title: "Child \\x44"\nsign_off:\n  by: "J\\x61ne Comms"\n')
    assert "Jane" not in read_surface(review).text and "Child D" in read_surface(review).text
    assert read_surface(tmp_path / "x.js") is None


def test_a_broken_review_file_is_named_without_quoting_it(tmp_path):
    path = tmp_path / "review.yml"
    path.write_text("title: Child D\nsummary: [Kayden Marsh\n")
    with pytest.raises(InputError, match="is not valid YAML") as raised:
        read_surface(path)
    assert "Kayden" not in str(raised.value)


def test_a_pdf_page_without_text_cannot_be_checked(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a scanned page: marks, no text layer
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(pdf.output()))
    with pytest.raises(InputError, match="page 1 has no text layer"):
        read_surface(path)


class FooterPdf(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.cell(0, 10, f"Child D: overview report Page {self.page_no()} of 3", align="C")


def test_pdf_running_footers_are_read_apart_from_the_text(tmp_path):
    """A footer between two pages' text must not join them: "Page 1 of 3" and "January 2023"
    would read as the exact date "3 January 2023"."""
    pdf = FooterPdf()
    pdf.set_font("Helvetica", size=12)
    for first, last in (("Opening.", "The baby was seen in"), ("January 2023 at home.", "End."),
                        ("Close.", "Done.")):  # fmt: skip
        pdf.add_page()
        pdf.cell(0, 10, first, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(250)
        pdf.cell(0, 10, last, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "overview.pdf"
    path.write_bytes(bytes(pdf.output()))
    surface = read_surface(path)
    words = normalise(surface.text)
    assert "seen in january 2023" in words and "of 3 january" not in words
    at = surface.text.index("Page 2 of 3")
    assert surface.locate(at)[2] == "page 2, header or footer"


def test_cbor_strings_visits_every_text_string():
    # {"kayden": [1, -2, 3.5, b"\x00"], indefinite array ["marsh"]}
    data = (
        b"\xa2" + cbor_text("kayden") + b"\x84\x01\x21\xfb" + bytes(8) + b"\x41\x00"
        b"\x9f" + cbor_text("marsh") + b"\xff"
    )
    assert [text for _, text in cbor_strings(Path("x"), data)] == ["kayden", "marsh"]


NAMES = [
    ("The duty social worker, Jolene Brackenridge, visited twice.", ["Jolene Brackenridge"]),
    ("Later Mr Brackenridge visited the family.", ["Brackenridge"]),
    ('A text from Mother read "tell jolene to come home".', ["jolene"]),
    ("The review was written by Alan Price, an independent reviewer.", []),  # kept
    ("Child D was seen by Mother and Health Visitor 1.", []),  # labels and pseudonyms
    ("Case reviews with the theme Neglect.", []),
    ("Friends called him Adult R. His keys were lost.", []),
    ("The Equality and Human Rights Commission (EHRC) enforces the law.", []),
    ("Recommendation Action Lead agency Target date", []),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "names"), NAMES)
def test_the_names_detector_reports_only_undecided_names(detector, tmp_path, text, names):
    decided = Decided(keep_texts={"alan price"}, labels={"mother", "health visitor 1"})
    path = tmp_path / "page.md"
    path.write_text(f"# A page\n\n{text}\n")
    surface = read_surface(path)
    found = NamesDetector(detector, decided, None).find(surface, "")
    assert len(found) == len(names), found
    lines = surface.text.split("\n")
    for finding, name in zip(found, names, strict=True):
        assert lines[finding.line - 1][finding.column - 1 :].startswith(name)
        assert finding.preview == mask(name)


def test_the_fast_scan_finds_exactly_what_the_plain_scan_finds():
    key = new_key()
    vocabulary = (
        "kayden marsh the a Bramble Close 14 O'Brien Zoë was seen by Kayden's MARSH Kaydens "
        "marshs closes"
    )
    variants = ["kayden marsh", "kayden", "14 bramble close", "o brien", "zoë", "the a the a"]
    fingerprints = {key.fingerprint(v) for v in variants}
    scanner = FingerprintScanner(key, fingerprints)
    rng = random.Random(7)
    for _ in range(300):
        text = " ".join(rng.choice(vocabulary.split()) for _ in range(rng.randint(0, 300)))
        expected = list(key.find(text, fingerprints))
        assert scanner.find(text) == expected
        assert scanner.find(text) == expected  # again, from the remembered clean chunks


@pytest.mark.parametrize(
    ("name", "draft"),
    [
        ("reports/child-d/source/overview.docx", True),
        ("reports/child-d/source/notes/interview.md", True),
        ("reports/child-d/overview.md", False),
        ("reports/child-d/review.yml", False),
        ("docs/minutes.pdf", True),
        ("Overview FINAL.DOCX", True),
        ("examples/reviews/child-d/source/overview.docx", False),
        ("tests/fixtures/report.pdf", False),
        ("site/reviews/child-d/overview.pdf", True),
    ],
)
def test_the_drafts_rule(name, draft):
    assert bool(draft_reason(name)) is draft


def test_the_pre_commit_guard_refuses_a_staged_draft(tmp_path):
    repo = tmp_path / "partnership"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(REPO / ".pre-commit-config.yaml", repo)
    shutil.copy(REPO / "scripts" / "guard_drafts.py", repo / "scripts")
    shutil.copytree(REPO / "anonymiser" / "check", repo / "anonymiser" / "check")
    (repo / "anonymiser" / "__init__.py").write_text("")
    (repo / ".venv").mkdir()
    (repo / ".venv" / "bin").symlink_to(BIN)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    draft = repo / "reports/child-d/source/overview.md"
    draft.parent.mkdir(parents=True)
    draft.write_text("Kayden Marsh was seen.\n")
    (repo / "notes.txt").write_text("Nothing to see.\n")
    env = {
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
    }
    guard = [str(BIN / "pre-commit"), "run", "refuse-raw-drafts", "--files"]
    refused = subprocess.run([*guard, str(draft.relative_to(repo))], cwd=repo, env=env,
                             capture_output=True, text=True)  # fmt: skip
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "raw draft" in refused.stdout and "git restore --staged" in refused.stdout
    allowed = subprocess.run([*guard, "notes.txt"], cwd=repo, env=env, capture_output=True)
    assert allowed.returncode == 0, allowed.stdout


def test_the_publish_workflow_passes_actionlint():
    workflow = REPO / ".github" / "workflows" / "publish.yml"
    linted = subprocess.run(
        [str(BIN / "actionlint"), "-no-color", str(workflow)], capture_output=True, text=True
    )
    assert linted.returncode == 0, linted.stdout + linted.stderr
    text = workflow.read_text("utf-8")
    for step in (
        "pip install --require-hashes -r requirements/ci.txt",
        "anonymiser check reports --require-key",
        "mkdocs build --strict",
        "anonymiser check site --require-key",
        "secrets.ANONYMISER_KEY",
        "upload-sarif",
        "actions/deploy-pages",
    ):
        assert step in text, step


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.nope }}\n")  # fmt: skip
    linted = subprocess.run([str(BIN / "actionlint"), str(broken)], capture_output=True)
    assert linted.returncode == 1


def test_report_formats_never_hold_more_than_the_masked_preview():
    finding = Finding("site/a, b.html", 3, 7, "names", "PERSON", mask("Jolene Brackenridge"))
    report = CheckReport(findings=[finding], files=1, words=10, fingerprints_checked=True)
    github = render(report, "github")
    assert github.startswith("::error file=site/a%2C b.html,line=3,col=7,title=Leak check%3A")
    sarif = json.loads(render(report, "sarif"))
    result = sarif["runs"][0]["results"][0]
    assert result["ruleId"] == "names" and result["message"]["text"] == "PERSON J***** B***********"
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3,
        "startColumn": 7,
    }
    assert json.loads(render(report, "json"))["exit_code"] == 1
    assert render(report, "text").startswith("site/a, b.html:3:7: names: PERSON J***** B*****")


# --- disguises ---------------------------------------------------------------------------------

# (text, the redacted name is found, what the disguise detector reports). All names invented.
DISGUISES = [
    ("Met Kay\u00adleigh.", True, ["INVISIBLE_CHARACTER U+00AD SOFT HYPHEN"]),
    ("Met Kay\u200dleigh.", True, ["INVISIBLE_CHARACTER U+200D ZERO WIDTH JOINER"]),
    ("Met Kayleigh\u200b today.", True, ["INVISIBLE_CHARACTER U+200B ZERO WIDTH SPACE"]),
    ("Met Kay\U000e0061leigh.", True, ["INVISIBLE_CHARACTER U+E0061 TAG LATIN SMALL LETTER A"]),
    ("Met Kay\u3164leigh.", True, ["INVISIBLE_CHARACTER U+3164 HANGUL FILLER"]),
    ("Met K\u0430yleigh.", True, ["MIXED_SCRIPT U+0430 CYRILLIC SMALL LETTER A"]),
    ("Met \u039aayleigh.", True, ["MIXED_SCRIPT U+039A GREEK CAPITAL LETTER KAPPA"]),
    ("Met Kay**leigh** today.", True, []),
    ("Met Kay<span>leigh</span> today.", True, []),
    ("Met Kay<!-- a comment -->leigh today.", True, []),
    ("Met &#75;ayleigh today.", True, []),
    ("Met Kayleighs mother.", True, []),
    ("Met kayleigh_brackenridge.", True, []),
    ("Met KayleighBrackenridge.", True, []),
    ("Met Kayleigh2009.", True, []),
    ("See /notes/k%61yleigh/ today.", True, []),
    ("See /notes/Kayleigh%20Brackenridge/ today.", True, []),
    ("Staff at Oakfield Primary were told.", True, []),
    # Not disguises: a café, an emoji with its variation selector, a keycap, other words.
    ("Met Kay at the café \u2764\ufe0f, room 1\ufe0f\u20e3.", False, []),
    ("Met McDonald and Kay Leigh; kayleighbrackenridge is one word.", False, []),
    ("Met Kay, leigh and K%61y.", False, []),
    ("Staff at Primary School were told.", False, []),
    ("Ask for Ивана or Ἀθηνᾶ, or read ひらがなカタカナ漢字.", False, []),
    ("Met Kay&shy;leigh and k%E2%80%8Bayleigh.", True, []),
    # Markdown backslash escapes, read as a reader sees them.
    ("Met Kay\\_leigh today.", True, []),
    ("Met Kay\\-leigh today.", True, []),
    ("Met Kayleigh\\'s mother.", True, []),
    ("Met \\*Kayleigh\\* today.", True, []),
    # A mark splitting a name: a reader reads one word.
    ("Met Kay-leigh today.", True, []),
    ("Met Kay-Leigh and her aunt.", True, []),
    ("Met Kay.leigh today.", True, []),
    ("Met Kay\u00b7leigh today.", True, []),
    ("Met Kay\u2027leigh today.", True, []),
    ("Met Kay\u2011leigh today.", True, []),
    ("Met Kay_leigh today.", True, []),
    ("Write to kay.leigh@example.org today.", True, []),
    # Ordinary hyphenated and dotted words are not names split apart.
    ("A well-kept home, co-ordinated by the self-referral team, e.g. in 2024-25.", False, []),
    ("Met Kay-Leighton and Mary-Kay, then Leigh-on-Sea.", False, []),
    ("See kay.pdf, leigh.html and Kay - leigh.", False, []),
    ("Met Kay \\- leigh and Kay\\\\leigh.", False, []),
]


@pytest.mark.parametrize(("text", "found", "reported"), DISGUISES)
def test_the_check_sees_through_disguises(text, found, reported):
    key = new_key()
    decided = Decided()
    for variant in ("kayleigh brackenridge", "kayleigh", "brackenridge"):
        decided.redacted[key.fingerprint(variant)] = ("person-1", "PERSON")
    for part in distinctive_parts("oakfield primary school"):
        decided.redacted[key.fingerprint(part)] = ("school-1", "SCHOOL")
    surface = plain_surface(Path("note.md"), f"# Note\n\n{text}\n")
    findings = FingerprintDetector(key, decided, AllowList.build([])).find(surface, "")
    assert bool(findings) is found, findings
    for finding in findings:
        assert finding.line == 3 and text[finding.column - 1 :].startswith(
            ("K", "k", "\u039a", "&", "/", "O")
        )
    disguises = DisguiseDetector().find(surface, "")
    assert [f"{f.entity_type} {f.preview}" for f in disguises] == reported
    assert all(f.line == 3 for f in disguises)


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("oakfield primary school", {"oakfield primary", "oakfield"}),
        ("the oakfield academy", {"oakfield academy", "oakfield"}),
        ("greenwood nursery", {"greenwood"}),
        ("st mary s catholic primary school", set()),
        ("park lane primary school", set()),
        ("kayleigh", set()),
    ],
)
def test_the_distinctive_parts_of_a_place_name(name, parts):
    assert distinctive_parts(name) == parts


def test_an_invisible_character_is_placed_in_a_fragment_with_hidden_common_words(tmp_path):
    from site_plugins.reviews.common_words import hidden_form

    the = hidden_form("the")
    content = f'pagefind_dcd{{"content":"{the} note on Kay\u200dleigh"}}'.encode()
    path = tmp_path / "a.pf_fragment"
    path.write_bytes(gzip.compress(content))
    surface = read_surface(path)
    assert "the note on" in surface.text
    [finding] = DisguiseDetector().find(surface, "")
    column = content.decode("utf-8").index("\u200d") + 1
    assert (finding.line, finding.column, finding.part) == (1, column, GZ)
    assert finding.preview == "U+200D ZERO WIDTH JOINER"
