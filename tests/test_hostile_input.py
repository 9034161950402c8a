"""Hostile input through the real entry points, one row per case.

`anonymiser redact --auto IN OUT`, `anonymiser new|scan` and `mkdocs build` are run as a comms
officer and CI run them. Every refusal exits with code 2 (mkdocs: non-zero) and one clear
message naming the file and what to do, writes nothing (no OUT files, no redactions.yml, no
built pages) and never prints a traceback. The reader-level refusals are in test_ingest.py;
here the question is whether they survive the trip through the command line and the site build.

Only the rows that must succeed (text in Windows-1252 or UTF-16, decoded and anonymised) load
spaCy; the refusals use a detector that fails the test if anything reaches detection.
"""

from __future__ import annotations

import codecs
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from ingest_fixtures import DocxBuilder, ReviewPdf
from test_site import CHROMIUM, make_project, mkdocs_build

import anonymiser.commands.redact
import anonymiser.pipeline
from anonymiser.cli import main

MEGABYTE = 1024 * 1024


class NoDetector:
    """Stands in for the spaCy detector in refusals: reaching detection is a failure."""

    def __getattr__(self, name: str):
        raise AssertionError(f"hostile input reached detection (detector.{name})")


@pytest.fixture
def no_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(anonymiser.pipeline, "make_detector", lambda settings: NoDetector())
    monkeypatch.setattr(anonymiser.commands.redact, "make_detector", lambda s: NoDetector())


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def assert_refused(result, names: list[str], fragments: list[str]) -> None:
    """Exit code 2, the file named, what is wrong and what to do said, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and result.output.endswith(errors[0] + "\n"), result.output
    for fragment in names + fragments:
        assert fragment in errors[0], (fragment, result.output)


# --- hostile drafts: builders write into a drafts folder -----------------------------------


def write(name: str, data: bytes | str) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        target = folder / name
        if isinstance(data, str):
            target.write_text(data, encoding="utf-8")
        else:
            target.write_bytes(data)

    return build


def valid_docx(path: Path) -> Path:
    return DocxBuilder().heading("Overview").paragraph("Kayden Marsh was seen.").save(path)


def zip_bomb(folder: Path) -> None:
    """A real Word document carrying 201 MB of zeros: a few hundred KB on disk."""
    path = valid_docx(folder / "overview.docx")
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/image1.png", "w", force_zip64=True) as member,
    ):
        for _ in range(201):
            member.write(bytes(MEGABYTE))


def with_macros(name: str) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        path = valid_docx(folder / name)
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr("word/vbaProject.bin", b'Attribute VB_Name = "AutoOpen"')

    return build


def encrypted_docx(folder: Path) -> None:
    # An encrypted Word file is an OLE2 compound file holding an "EncryptedPackage" stream.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    directory = "EncryptedPackage".encode("utf-16-le").ljust(128, b"\0")
    (folder / "overview.docx").write_bytes(header + directory + bytes(1024))


def encrypted_pdf(folder: Path) -> None:
    pdf = ReviewPdf()
    pdf.add_page()
    pdf.paragraph("Kayden Marsh lived with Mother.")
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    pdf.output(str(folder / "overview.pdf"))


def scanned_pdf(folder: Path) -> None:
    pdf = ReviewPdf()
    pdf.add_page()
    pdf.paragraph("Page one has text.")
    pdf.add_page()
    pdf.rect(20, 20, 150, 200, style="F")  # a picture of a page, no text layer
    pdf.output(str(folder / "overview.pdf"))


def annotations_only_pdf(folder: Path) -> None:
    pdf = ReviewPdf()
    pdf.add_page()
    pdf.text_annotation(50, 50, "Kayden Marsh lives at 14 Larkspur Close", title="Tom Raines")
    pdf.output(str(folder / "overview.pdf"))


def fifty_megabytes_of_text(folder: Path) -> None:
    line = b"Kayden Marsh was seen by the health visitor at home on a Tuesday.\n"
    with (folder / "overview.txt").open("wb") as file:
        for _ in range(51 * MEGABYTE // len(line) + 1):
            file.write(line)


def linked_out_of_folder(folder: Path) -> None:
    outside = folder.parent / "elsewhere"
    outside.mkdir()
    (outside / "secret.md").write_text("Kayden Marsh, 07700 900123.\n", encoding="utf-8")
    (folder / "overview.md").symlink_to(outside / "secret.md")


# (id, builder, file named in the message, what the message must say)
REDACT_REFUSALS = [
    ("docx-not-a-zip", write("overview.docx", b"PK? not a zip"), "overview.docx",
     ["not a valid Word document", "save it again"]),
    ("docx-zip-bomb", zip_bomb, "overview.docx", ["zip bomb", "remove large embedded files"]),
    ("docm-with-macros", with_macros("overview.docm"), "overview.docm",
     ["not a document type", "save it as .docx"]),
    ("docx-with-macros", with_macros("overview.docx"), "overview.docx",
     ["contains macros", "without macros"]),
    ("docx-password", encrypted_docx, "overview.docx",
     ["password-protected", "remove the password"]),
    ("pdf-password", encrypted_pdf, "overview.pdf", ["password-protected", "without the password"]),
    ("pdf-no-text-layer", scanned_pdf, "overview.pdf", ["page 2 has no text layer", "OCR"]),
    ("pdf-text-only-in-annotations", annotations_only_pdf, "overview.pdf", ["no text"]),
    ("zero-byte-md", write("overview.md", b""), "overview.md", ["is empty", "Save the document"]),
    ("zero-byte-docx", write("overview.docx", b""), "overview.docx", ["is empty"]),
    ("zero-byte-pdf", write("overview.pdf", b""), "overview.pdf", ["is empty"]),
    ("text-over-50-mb", fifty_megabytes_of_text, "overview.txt",
     ["more than the 50 MB", "split the document"]),
    ("binary-junk-named-md", write("overview.md", bytes(range(256)) * 64), "overview.md",
     ["not a text file", "UTF-8"]),
    ("png-named-md", write("overview.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)),
     "overview.md", ["not a text file", "UTF-8"]),
    ("utf-16-without-bom", write("overview.txt", "Renée Lefèvre was seen.\n".encode("utf-16-le")),
     "overview.txt", ["not a text file", "UTF-8"]),
    ("draft-linked-out-of-folder", linked_out_of_folder, "overview.md",
     ["is a link to a file outside", "Copy the document itself"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("build", "name", "fragments"),
    [pytest.param(*row[1:], id=row[0]) for row in REDACT_REFUSALS],
)
def test_redact_refuses_hostile_draft(tmp_path, monkeypatch, no_detector, build, name, fragments):
    monkeypatch.chdir(tmp_path)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "briefing.md").write_text("Kayden Marsh was seen.\n", encoding="utf-8")
    build(drafts)
    started = time.monotonic()
    result = invoke("redact", "--auto", str(drafts), str(tmp_path / "out"))
    assert time.monotonic() - started < 10  # refused from the size or the header, not read
    assert_refused(result, [str(drafts / name)], fragments)
    assert not (tmp_path / "out").exists()


# Decoded correctly, so the name in it is found and redacted; never garbled past detection.
ENCODED_TEXT = "Renée Lefèvre told the social worker that Kayden Marsh was at home.\n"


@pytest.mark.slow
@pytest.mark.parametrize(
    "data",
    [
        pytest.param(ENCODED_TEXT.encode("cp1252"), id="windows-1252"),
        pytest.param(
            ENCODED_TEXT.replace("é", "\u2019é").encode("cp1252"), id="windows-1252-quote"
        ),
        pytest.param(codecs.BOM_UTF16_LE + ENCODED_TEXT.encode("utf-16-le"), id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + ENCODED_TEXT.encode("utf-16-be"), id="utf-16-be-bom"),
    ],
)
def test_redact_decodes_legacy_encodings_and_finds_the_names(tmp_path, monkeypatch, data):
    monkeypatch.chdir(tmp_path)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "overview.txt").write_bytes(data)
    result = invoke("redact", "--auto", str(drafts), str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    published = (tmp_path / "out" / "overview.md").read_text(encoding="utf-8")
    for fragment in ("Renée", "Lefèvre", "Kayden", "Marsh", "Ren", "\ufffd", "Ã"):
        assert fragment not in published, (fragment, published)
    assert "told the social worker that" in published


# --- review folders: `anonymiser new` and `anonymiser scan reports/<slug>` --------------------


def outside_folder(project: Path) -> str:
    (project / "outside" / "source").mkdir(parents=True)
    (project / "outside" / "source" / "overview.md").write_text("Kayden Marsh.\n", "utf-8")
    return "reports/../outside"


def review_folder_linked_out(project: Path) -> str:
    outside_folder(project)
    (project / "reports" / "child-x").symlink_to(project / "outside", target_is_directory=True)
    return "reports/child-x"


def hostile_draft(build: Callable[[Path], None]) -> Callable[[Path], str]:
    def make(project: Path) -> str:
        source = project / "reports" / "child-x" / "source"
        source.mkdir(parents=True)
        (source / "briefing.md").write_text("Kayden Marsh was seen.\n", encoding="utf-8")
        build(source)
        return "reports/child-x"

    return make


# (id, arguments given the project, file named in the message, what the message must say)
SCAN_REFUSALS = [
    ("scan-folder-outside-reports", lambda p: ["scan", outside_folder(p)], "reports/../outside",
     ["is not a review folder in", "move the folder itself"]),
    ("scan-folder-linked-out-of-reports", lambda p: ["scan", review_folder_linked_out(p)],
     "reports/child-x", ["is not a review folder in", "a link to a folder elsewhere"]),
    ("scan-draft-linked-out-of-review", lambda p: ["scan", hostile_draft(linked_out_of_folder)(p)],
     "overview.md", ["is a link to a file outside", "Copy the document itself"]),
    ("scan-password-pdf", lambda p: ["scan", hostile_draft(encrypted_pdf)(p)], "overview.pdf",
     ["password-protected", "without the password"]),
    ("scan-zip-bomb", lambda p: ["scan", hostile_draft(zip_bomb)(p)], "overview.docx",
     ["zip bomb"]),
    ("new-slug-climbing-out", lambda p: ["new", "../evil"], "evil",
     ["is not a review folder in", "reports/<name>"]),
    ("new-slug-with-slash", lambda p: ["new", "child-d/../../evil"], "evil",
     ["is not a review folder in"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("arguments", "name", "fragments"),
    [pytest.param(*row[1:], id=row[0]) for row in SCAN_REFUSALS],
)
def test_review_folder_commands_refuse(project, no_detector, arguments, name, fragments):
    before = {path for path in project.rglob("*")}
    result = invoke(*arguments(project))
    assert_refused(result, [name], fragments)
    written = {path for path in project.rglob("*")} - before
    assert not {path.name for path in written} & {"redactions.yml", "review.yml", "evil"}
    assert not (project / "evil").exists()


# --- the site build: review.yml and the documents it lists ------------------------------------

REVIEW_YML = "reports/child-h/review.yml"

BILLION_LAUGHS = "\n".join(
    [
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
        *(
            f"{this}: &{this} [{', '.join([f'*{last}'] * 9)}]"
            for last, this in zip("abcdefgh", "bcdefghi", strict=True)
        ),
        "title: *i",
        "type: lcspr",
        "status: published",
        "published: 2026-02-10",
        "summary: *i",
        "themes: *i",
        "documents: []",
    ]
)


def set_review_yml(text: str) -> Callable[[Path], None]:
    return lambda project: (project / REVIEW_YML).write_text(text, encoding="utf-8")


def replace_in_review_yml(old: str, new: str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        path = project / REVIEW_YML
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def review_folder_symlinked_out(project: Path) -> None:
    folder = project / "reports" / "child-h"
    folder.rename(project / "elsewhere")
    folder.symlink_to(project / "elsewhere", target_is_directory=True)


def review_yml_symlinked_out(project: Path) -> None:
    review_yml = project / REVIEW_YML
    review_yml.rename(project / "elsewhere.yml")
    review_yml.symlink_to(project / "elsewhere.yml")


# (id, break the project, what stderr must say besides the file's name)
SITE_REFUSALS = [
    ("yaml-billion-laughs", set_review_yml(BILLION_LAUGHS), ["not valid YAML", "alias"]),
    ("title-a-list", replace_in_review_yml("title: Child H", "title: [Child, H]"), ["'title'"]),
    ("status-a-number", replace_in_review_yml("status: published", "status: 1"), ["'status'"]),
    ("published-a-number", replace_in_review_yml("published: 2026-02-10", "published: 20260210"),
     ["'published'", "like 2026-03-14"]),
    ("summary-a-number", replace_in_review_yml("summary: >-", "summary: 42\nlong_summary: >-"),
     ["'summary'", "non-empty text"]),
    ("themes-a-string", replace_in_review_yml("themes: [neglect, parental-substance-misuse]",
     "themes: neglect"), ["'themes'", "list"]),
    ("documents-a-string", replace_in_review_yml("documents:\n", "documents: overview.md\nx:\n"),
     ["'documents'", "list of entries"]),
    ("document-file-a-number", replace_in_review_yml("file: overview.md", "file: 7"),
     ["'documents[0].file'"]),
    ("whole-file-a-list", set_review_yml("- title: Child H\n"), ["must be a mapping"]),
    ("document-file-climbing-out", replace_in_review_yml("file: overview.md",
     "file: ../child-h/source/overview-draft.md"), ["'documents[0].file'", "next to review.yml"]),
    ("review-folder-symlinked-out-of-reports", review_folder_symlinked_out,
     ["is a link to", "outside reports/"]),
    ("review-yml-symlinked-out-of-reports", review_yml_symlinked_out,
     ["is a link to", "outside reports/"]),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(
    ("break_project", "fragments"),
    [pytest.param(*row[1:], id=row[0]) for row in SITE_REFUSALS],
)
def test_site_build_refuses_hostile_review_yml(tmp_path, break_project, fragments):
    project = make_project(tmp_path)
    break_project(project)
    started = time.monotonic()
    result = mkdocs_build(project, tmp_path / "site")
    assert time.monotonic() - started < 60
    assert result.returncode != 0, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors, result.stderr
    for fragment in [REVIEW_YML, *fragments]:
        assert fragment in result.stderr, (fragment, result.stderr)
    assert not list((tmp_path / "site").rglob("*.html"))


# --- markup in a published document: built, but inert in the browser -------------------------

HOSTILE_DOCUMENT = """# Overview report

Hostile marker paragraph.

<script>window.__pwned = 1</script>

An image <img src=x onerror="window.__pwned = 2"> inline,
and a [first link](javascript:window.__pwned=3).

A [disguised link](JaVa&#x53;cript:window.__pwned=4).

[x]: javascript:window.__pwned=6

A [reference link][x] and [an attribute](https://example.org){onclick="window.__pwned=7"}.

<div onmouseover="window.__pwned=8">Hover here</div>

<svg><script>window.__pwned=9</script></svg> <iframe src="javascript:window.__pwned=10"></iframe>

A safe [partnership link](https://learning.example.org/neglect-briefing) stays a link.
"""


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"headless Chromium not found at {CHROMIUM}")
def test_markup_in_a_document_never_runs_in_the_browser(tmp_path, chromium):
    from browser import VIEWPORT, serve

    project = make_project(tmp_path)
    (project / "reports" / "child-h" / "overview.md").write_text(HOSTILE_DOCUMENT, "utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    pages = [
        page.relative_to(site).parent.as_posix()
        for page in site.rglob("index.html")
        if "Hostile marker paragraph" in page.read_text(encoding="utf-8")
    ]
    assert len(pages) == 1, pages
    built = (site / pages[0] / "index.html").read_text(encoding="utf-8")
    for element in lxml.html.fromstring(built).iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert "script:" not in "".join(value.lower().split()), (element.tag, name, value)

    with serve(site) as origin:
        context = chromium.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(f"{origin}/{pages[0]}/", wait_until="load")
            page.wait_for_timeout(300)
            for link in page.locator("article a").all():
                link.hover()
            page.locator("article").get_by_text("Hover here").hover()
            for name in ("first link", "disguised link", "reference link"):
                page.locator("article").get_by_text(name).click()
            page.locator("article a", has_text="an attribute").click(
                modifiers=["Control"]  # a new tab for the https link; its onclick must be gone
            )
            assert page.evaluate("window.__pwned") is None
            assert dialogs == []
            hrefs = page.eval_on_selector_all(
                "a[href], [src]", "els => els.map(e => e.getAttribute('href') || e.src)"
            )
            assert not [h for h in hrefs if h.strip().lower().startswith(("javascript", "data"))]
            assert page.locator("article script, article img, article iframe").count() == 0
            assert page.locator("article [onclick], article [onmouseover]").count() == 0
            article = page.locator("article").inner_text()
            assert "<script>window.__pwned = 1</script>" in article  # shown as the text it is
            assert page.locator("article a", has_text="partnership link").get_attribute("href") == (
                "https://learning.example.org/neglect-briefing"
            )
        finally:
            context.close()
