"""Readers turn real files into a publishable body and hidden parts, or refuse them clearly.

Every document is built in a temporary folder by the helpers in ingest_fixtures.py; the people,
schools and places in them are invented.
"""

from __future__ import annotations

import codecs
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from ingest_fixtures import DocxBuilder, ReviewPdf, add_zip_member, rewrite_zip_member

from anonymiser.errors import InputError
from anonymiser.ingest import HiddenPart, read_document
from anonymiser.ingest import docx as docx_reader
from anonymiser.text import IGNORABLE

P = "PERSON"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- Markdown ----------------------------------------------------------------------------------

MARKDOWN_CASES = [
    pytest.param(
        "# Overview\n\n- one\n- two\n\n| a | b |\n|---|---|\n| c | d |\n",
        "# Overview\n\n- one\n- two\n\n| a | b |\n|---|---|\n| c | d |\n",
        (),
        id="kept-byte-for-byte",
    ),
    pytest.param(
        "---\ntitle: Child D\nauthor: Janet Ellery\n---\n# Child D\n\nText.\n",
        "# Child D\n\nText.\n",
        (HiddenPart("front matter", "title: Child D\nauthor: Janet Ellery"),),
        id="front-matter",
    ),
    pytest.param(
        "Kayden lived with Mother. <!-- ask Lee Marsh --> More.\n\n<!--\nReviewer: Sarah Okafor\n"
        "-->\nNext paragraph.\n",
        "Kayden lived with Mother.  More.\n\nNext paragraph.\n",
        (
            HiddenPart("html comment 1", "ask Lee Marsh"),
            HiddenPart("html comment 2", "Reviewer: Sarah Okafor"),
        ),
        id="html-comments-inline-and-multiline",
    ),
    pytest.param(
        "---\nJust a horizontal rule above\n---\nText.\n",
        "---\nJust a horizontal rule above\n---\nText.\n",
        (),
        id="rule-not-front-matter",
    ),
    pytest.param(
        "# Title\r\n\r\nLine one\r\nline two\r\n", "# Title\n\nLine one line two\n", (), id="crlf"
    ),
]


@pytest.mark.parametrize(("source", "body", "hidden"), MARKDOWN_CASES)
def test_markdown(tmp_path: Path, source: str, body: str, hidden: tuple[HiddenPart, ...]) -> None:
    document = read_document(write(tmp_path, "overview.md", source))
    assert document.body == body
    assert document.hidden == hidden


# --- plain text --------------------------------------------------------------------------------

WRAPPED = (
    "The health visitor saw Mother and the baby at home on a planned visit\n"
    "and noted that the flat was cold. Kayden Marsh was asleep in a Moses\n"
    "basket in the living room.\n"
)
TEXT_CASES = [
    # Issue 16: a title block, a contents page and short lines keep their lines; a paragraph
    # wrapped at a usual width is joined, and a line cut short inside it keeps its break.
    pytest.param(
        "Review of the care of Child Q\nAuthor: Jo Reid\nDate: March 2024\n",
        "Review of the care of Child Q\n\nAuthor: Jo Reid\n\nDate: March 2024\n",
        id="title-block-keeps-its-lines",
    ),
    pytest.param(
        "Contents\nIntroduction 3\nWhat happened 5\nFindings 9\n",
        "Contents\n\nIntroduction 3\n\nWhat happened 5\n\nFindings 9\n",
        id="contents-keep-their-lines",
    ),
    pytest.param(
        WRAPPED,
        " ".join(WRAPPED.split("\n")).strip() + "\n",
        id="wrapped-paragraph-joined",
    ),
    pytest.param(
        WRAPPED + "Signed: the reviewer\n",
        " ".join(WRAPPED.split("\n")).strip() + "\n\nSigned: the reviewer\n",
        id="a-short-line-after-a-wrapped-paragraph",
    ),
    pytest.param(
        "The referral named Kayden\nMarsh as the child.\n\nSecond   paragraph\n  indented.\n",
        "The referral named Kayden Marsh as the child.\n\nSecond   paragraph indented.\n",
        id="hard-wraps-joined",
    ),
    pytest.param(
        "The visits were:\n- 3 May by the\n  health visitor\n- 5 May\n* 9 May\n• 12 May\n",
        "The visits were:\n\n- 3 May by the health visitor\n- 5 May\n- 9 May\n- 12 May\n",
        id="bullet-list",
    ),
    pytest.param(
        "Actions:\n1. Refer to\nchildren's social care\n2. Hold a meeting\n",
        "Actions:\n\n1. Refer to children's social care\n2. Hold a meeting\n",
        id="numbered-list",
    ),
    pytest.param(
        "a) the school\nb) the GP\n   practice\n",
        "a) the school\n\nb) the GP practice\n",
        id="lettered-items-keep-their-lines",
    ),
    pytest.param(
        "Name\tRole\nLee Marsh\tUncle\n\n| Date | Event |\n| 3 May | Visit |\n",
        "| Name | Role |\n|---|---|\n| Lee Marsh | Uncle |\n\n"
        "| Date | Event |\n|---|---|\n| 3 May | Visit |\n",
        id="table-rows",
    ),
    pytest.param(
        "OVERVIEW REPORT\n\nBackground\n==========\n\nText.\n",
        "## OVERVIEW REPORT\n\n## Background\n\nText.\n",
        id="headings",
    ),
    pytest.param(
        "#3 on the list\n\n> not a quote\n\n+ not a list\n\n[1]: not a link\n\n"
        "<b>not bold</b> and 3 < 4\n",
        "\\#3 on the list\n\n\\> not a quote\n\n\\+ not a list\n\n\\[1]: not a link\n\n"
        "&lt;b>not bold&lt;/b> and 3 < 4\n",
        id="markdown-characters-escaped",
    ),
    pytest.param("One\fTwo\n", "One\n\nTwo\n", id="page-break"),
]


@pytest.mark.parametrize(("source", "body"), TEXT_CASES)
def test_text(tmp_path: Path, source: str, body: str) -> None:
    document = read_document(write(tmp_path, "briefing.txt", source))
    assert document.body == body
    assert document.hidden == ()


ENCODING_CASES = [
    pytest.param("utf-8", b"", id="utf-8"),
    pytest.param("utf-8", codecs.BOM_UTF8, id="utf-8-bom"),
    pytest.param("utf-16-le", codecs.BOM_UTF16_LE, id="utf-16-le-bom"),
    pytest.param("utf-16-be", codecs.BOM_UTF16_BE, id="utf-16-be-bom"),
    pytest.param("cp1252", b"", id="windows-1252"),
]


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@pytest.mark.parametrize(("encoding", "mark"), ENCODING_CASES)
def test_text_encodings(tmp_path: Path, suffix: str, encoding: str, mark: bytes) -> None:
    text = "Renée Dubois met Zoë at the café – “twice”.\n"
    document = read_document(write(tmp_path, "summary" + suffix, mark + text.encode(encoding)))
    assert document.body == text


# --- Word --------------------------------------------------------------------------------------


def structured_document() -> DocxBuilder:
    builder = (
        DocxBuilder()
        .paragraph("Local Child Safeguarding Practice Review: Child D", "Title")
        .heading("Background", 1)
        .paragraph("Child D lived with Mother and Sibling 1.")
        .raw_paragraph(
            '<w:r><w:t xml:space="preserve">The referral named Kayden</w:t></w:r>'
            "<w:r><w:br/><w:t>Marsh as the child.</w:t></w:r>"
        )
        .paragraph("Kelbridge Primary School", "List Bullet")
        .paragraph("The health visitor", "List Bullet")
        .paragraph("Refer to children's social care", "List Number")
        .paragraph("Hold a strategy meeting", "List Number")
        .footnoted_paragraph("The chronology starts in 2021.", "Information from the police.")
        .heading("Chronology", 2)
    )
    table = builder.document.add_table(rows=3, cols=3)
    header_and_first_row = [["Date", "Agency", "Event"], ["3 May", "Police", "Visit to the home"]]
    for row, values in zip(table.rows[:2], header_and_first_row, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    table.rows[1].cells[2].add_paragraph("Mother was not at home")
    table.cell(2, 0).merge(table.cell(2, 1)).text = "Merged cell"
    table.cell(2, 2).text = "Closed"
    return builder.paragraph("Special characters: 5 * 3, a_b, <b>, # and [1].")


STRUCTURED_BODY = """\
# Local Child Safeguarding Practice Review: Child D

# Background

Child D lived with Mother and Sibling 1.

The referral named Kayden Marsh as the child.

-   Kelbridge Primary School
-   The health visitor

<!-- -->

1.  Refer to children's social care
2.  Hold a strategy meeting

The chronology starts in 2021.[^1]

## Chronology

| Date        | Agency | Event                                    |
|-------------|--------|------------------------------------------|
| 3 May       | Police | Visit to the home Mother was not at home |
| Merged cell |        | Closed                                   |

Special characters: 5 \\* 3, a_b, &lt;b&gt;, \\# and \\[1\\].

[^1]: Information from the police.
"""


def internals_document() -> DocxBuilder:
    builder = (
        DocxBuilder()
        .commented_paragraph(
            "The ",
            "health visitor",
            " visited twice.",
            "This was Sarah Okafor",
            "Sarah Okafor",
            "SO",
        )
        .tracked_change(
            "The visit was made by ", "Kayden's uncle Lee", "a relative", ".", "Tom Raines"
        )
        .text_box("Text box naming Bethany Cole")
        .picture("Photo of Kayden at Kelbridge Park", "Kayden photo")
        .paragraph("Closing paragraph.")
        .header("Draft v3 - prepared by Janet Ellery")
        .footer("Kelbridge Primary School liaison copy")
        .new_section()
        .paragraph("Second section.")
        .header("Section two header naming Dawn Pellow", section=1)
        .properties(
            title="Overview report: Child D",
            author="Janet Ellery",
            last_modified_by="Tom Raines",
            subject="Kayden Marsh",
            keywords="neglect; Kelbridge",
            comments="For Alan Voss",
            category="LCSPR",
        )
        .custom_property("Reviewer", "Priya Anand")
        .app_properties(company="Kelbridge Council", manager="Alan Voss")
    )
    builder.document.sections[1].footer.is_linked_to_previous = True
    return builder


INTERNALS_BODY = """\
The health visitor visited twice.

The visit was made by a relative.

Closing paragraph.

Second section.
"""

INTERNALS_HIDDEN = (
    HiddenPart("header (section 1)", "Draft v3 - prepared by Janet Ellery"),
    HiddenPart("footer (section 1)", "Kelbridge Primary School liaison copy"),
    HiddenPart("header (section 2)", "Section two header naming Dawn Pellow"),
    HiddenPart("comment 1", "This was Sarah Okafor"),
    HiddenPart("comment author", "Sarah Okafor", P),
    HiddenPart("comment author initials", "SO", P),
    HiddenPart("tracked deletion", "Kayden's uncle Lee"),
    HiddenPart("tracked change author", "Tom Raines", P),
    HiddenPart("alt text", "Photo of Kayden at Kelbridge Park"),
    HiddenPart("alt text", "Kayden photo"),
    HiddenPart("text box", "Text box naming Bethany Cole"),
    HiddenPart("property: title", "Overview report: Child D"),
    HiddenPart("property: subject", "Kayden Marsh"),
    HiddenPart("property: author", "Janet Ellery", P),
    HiddenPart("property: tags", "neglect; Kelbridge"),
    HiddenPart("property: comments", "For Alan Voss"),
    HiddenPart("property: last modified by", "Tom Raines", P),
    HiddenPart("property: categories", "LCSPR"),
    HiddenPart("property: company", "Kelbridge Council"),
    HiddenPart("property: manager", "Alan Voss", P),
    HiddenPart("property: Reviewer", "Priya Anand"),
)


def drawing_document() -> DocxBuilder:
    return (
        DocxBuilder()
        .paragraph("Before the box.")
        .drawing_text_box("Key fact: Kayden moved school", "Box about Kayden")
        .field("Contact ", 'HYPERLINK "mailto:lee.marsh@example.org"', "the uncle")
        .commented_paragraph("Seen by ", "the GP", ".", "Dr Priya Anand", "Sarah Okafor", "SO")
        .comment_account("Sarah Okafor", "sarah.okafor@kelbridge.example")
    )


DRAWING_BODY = """\
Before the box.

Key fact: Kayden moved school

Contact [the uncle](mailto:lee.marsh@example.org)

Seen by the GP.
"""

DRAWING_HIDDEN = (
    HiddenPart("comment 1", "Dr Priya Anand"),
    HiddenPart("comment author", "Sarah Okafor", P),
    HiddenPart("comment author initials", "SO", P),
    HiddenPart("comment author account", "sarah.okafor@kelbridge.example"),
    HiddenPart("alt text", "Box about Kayden"),
    HiddenPart("field code", 'HYPERLINK "mailto:lee.marsh@example.org"'),
)

DOCX_CASES = [
    pytest.param(structured_document, STRUCTURED_BODY, (), id="structure"),
    pytest.param(internals_document, INTERNALS_BODY, INTERNALS_HIDDEN, id="internals"),
    # pandoc publishes a DrawingML text box, so it is no hidden part (its alt text is).
    pytest.param(drawing_document, DRAWING_BODY, DRAWING_HIDDEN, id="text-box-field-people"),
]


@pytest.mark.parametrize(("build", "body", "hidden"), DOCX_CASES)
def test_docx(
    tmp_path: Path,
    build: Callable[[], DocxBuilder],
    body: str,
    hidden: tuple[HiddenPart, ...],
) -> None:
    document = read_document(build().save(tmp_path / "overview.docx"))
    assert document.body == body
    assert document.hidden == hidden


def test_docx_tracked_deletion_split_over_runs_stays_one_part(tmp_path: Path) -> None:
    builder = DocxBuilder().raw_paragraph(
        '<w:r><w:t xml:space="preserve">Seen by </w:t></w:r>'
        '<w:del w:id="1" w:author="Tom Raines" w:date="2024-03-01T10:00:00Z">'
        '<w:r><w:delText xml:space="preserve">Kayden </w:delText></w:r></w:del>'
        '<w:del w:id="2" w:author="Tom Raines" w:date="2024-03-01T10:00:00Z">'
        "<w:r><w:rPr><w:b/></w:rPr><w:delText>Marsh</w:delText></w:r></w:del>"
        '<w:r><w:t xml:space="preserve"> the nurse.</w:t></w:r>'
    )
    document = read_document(builder.save(tmp_path / "briefing.docx"))
    assert document.body == "Seen by the nurse.\n"
    assert HiddenPart("tracked deletion", "Kayden Marsh") in document.hidden


def valid_docx(tmp_path: Path, name: str = "overview.docx") -> Path:
    return DocxBuilder().paragraph("Child D lived with Mother.").save(tmp_path / name)


def test_docx_package_extras(tmp_path: Path) -> None:
    """Charts, custom XML data, document variables and the template path are scanned too."""
    path = valid_docx(tmp_path)
    rewrite_zip_member(
        path,
        "word/settings.xml",
        {
            b"</w:settings>": b'<w:attachedTemplate r:id="rIdTemplate"/><w:docVars>'
            b'<w:docVar w:name="CaseOwner" w:val="Gemma Lisle"/></w:docVars></w:settings>'
        },
    )
    add_zip_member(
        path,
        "word/_rels/settings.xml.rels",
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rIdTemplate" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/attachedTemplate" Target="file:///C:/Users/jellery/Review.dotx" '
        b'TargetMode="External"/></Relationships>',
    )
    add_zip_member(
        path,
        "word/charts/chart1.xml",
        b'<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        b'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:title>'
        b"<c:tx><c:rich><a:p><a:r><a:t>Visits to Kayden</a:t></a:r></a:p></c:rich></c:tx>"
        b"</c:title><c:plotArea><c:barChart><c:ser><c:cat><c:strRef><c:strCache>"
        b'<c:pt idx="0"><c:v>Bethany Cole</c:v></c:pt></c:strCache></c:strRef></c:cat></c:ser>'
        b"</c:barChart></c:plotArea></c:chart></c:chartSpace>",
    )
    add_zip_member(path, "customXml/item2.xml", b"<case><worker>Dawn Pellow</worker></case>")
    document = read_document(path)
    assert document.body == "Child D lived with Mother.\n"
    assert document.hidden == (
        HiddenPart("chart", "Visits to Kayden\nBethany Cole"),
        HiddenPart("custom XML data", "Dawn Pellow"),
        HiddenPart("document variable: CaseOwner", "Gemma Lisle"),
        HiddenPart("attached template", "file:///C:/Users/jellery/Review.dotx"),
    )


# --- PDF ---------------------------------------------------------------------------------------


def reviewed_pdf(path: Path) -> Path:
    pdf = ReviewPdf("Draft v3 - prepared by Janet Ellery", "Kelbridge LSCP - page {page}")
    pdf.set_title("Overview report: Child D")
    pdf.set_author("Janet Ellery")
    pdf.set_subject("LCSPR")
    pdf.set_keywords("neglect")
    pdf.add_page()
    pdf.heading("Child D: overview report")
    pdf.paragraph(
        "Child D lived with Mother and Sibling 1 in Kelbridge. The health visitor made an "
        "unannounced visit in May and found the home warm and well kept, with food in the "
        "cupboards and the children's beds made up."
    )
    pdf.lines("The school nurse saw Kayden Marsh twice and recorded a well-", "kept home.")
    pdf.lines("Kayden told the nurse about his uncle Lee Marsh and his cousin Kay-", "den.")
    pdf.lines("- the school", "- the GP practice")
    pdf.text_annotation(50, 50, "Check with Sarah Okafor", title="Tom Raines")
    pdf.add_page()
    pdf.lines("The review was agreed by the partnership on 3 May.")
    pdf.output(str(path))
    return path


PDF_BODY = """\
# Child D: overview report

Child D lived with Mother and Sibling 1 in Kelbridge. The health visitor made an unannounced \
visit in May and found the home warm and well kept, with food in the cupboards and the \
children's beds made up.

The school nurse saw Kayden Marsh twice and recorded a well-kept home.

Kayden told the nurse about his uncle Lee Marsh and his cousin Kayden.

- the school

- the GP practice

The review was agreed by the partnership on 3 May.
"""

PDF_HIDDEN = (
    HiddenPart("metadata: title", "Overview report: Child D"),
    HiddenPart("metadata: author", "Janet Ellery", P),
    HiddenPart("metadata: subject", "LCSPR"),
    HiddenPart("metadata: keywords", "neglect"),
    HiddenPart("page 1 annotation", "Check with Sarah Okafor"),
    HiddenPart("page 1 annotation author", "Tom Raines", P),
    HiddenPart("running header", "Draft v3 - prepared by Janet Ellery"),
    HiddenPart("running footer", "Kelbridge LSCP - page 1"),
)


def pdf_with_blank_page(path: Path) -> Path:
    pdf = ReviewPdf()
    pdf.add_page()
    pdf.paragraph("Page one.")
    pdf.add_page()  # nothing drawn on it: nothing to read, nothing missed
    pdf.add_page()
    pdf.paragraph("Page three.")
    pdf.output(str(path))
    return path


def pdf_sentence_over_page_break(path: Path) -> Path:
    pdf = ReviewPdf(footer_text="{page}")
    pdf.add_page()
    pdf.lines("On 3 May the nurse rang Kayden")
    pdf.add_page()
    pdf.lines("Marsh's mother, who did not answer.")
    pdf.output(str(path))
    return path


PDF_CASES = [
    pytest.param(reviewed_pdf, PDF_BODY, PDF_HIDDEN, id="paragraphs-internals-running-lines"),
    pytest.param(pdf_with_blank_page, "Page one.\n\nPage three.\n", (), id="blank-page"),
    pytest.param(
        pdf_sentence_over_page_break,
        "On 3 May the nurse rang Kayden Marsh's mother, who did not answer.\n",
        (HiddenPart("running footer", "1"),),
        id="sentence-over-page-break",
    ),
]


@pytest.mark.parametrize(("build", "body", "hidden"), PDF_CASES)
def test_pdf(
    tmp_path: Path, build: Callable[[Path], Path], body: str, hidden: tuple[HiddenPart, ...]
) -> None:
    document = read_document(build(tmp_path / "overview.pdf"))
    assert document.body == body
    assert document.hidden == hidden


# --- refusals ----------------------------------------------------------------------------------


def zip_bomb(tmp_path: Path) -> Path:
    path = valid_docx(tmp_path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/padding.bin", bytes(2 * 1024 * 1024))
    return path


def encrypted_docx(tmp_path: Path) -> Path:
    # An encrypted Word file is an OLE2 compound file holding an "EncryptedPackage" stream.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    directory = "EncryptedPackage".encode("utf-16-le").ljust(128, b"\0")
    return write(tmp_path, "overview.docx", header + directory + bytes(1024))


def legacy_doc_renamed(tmp_path: Path) -> Path:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    directory = "WordDocument".encode("utf-16-le").ljust(128, b"\0")
    return write(tmp_path, "overview.docx", header + directory + bytes(1024))


def macro_docx(tmp_path: Path) -> Path:
    path = valid_docx(tmp_path)
    add_zip_member(path, "word/vbaProject.bin", b'Attribute VB_Name = "Module1"')
    return path


def truncated_docx(tmp_path: Path) -> Path:
    data = valid_docx(tmp_path, "whole.docx").read_bytes()
    return write(tmp_path, "overview.docx", data[: len(data) // 2])


def entity_bomb_docx(tmp_path: Path) -> Path:
    path = valid_docx(tmp_path)
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
        b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        b'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        b"<dc:title>&lol2;</dc:title></cp:coreProperties>"
    )
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w") as target:
        for info, data in members:
            target.writestr(info, bomb if info.filename == "docProps/core.xml" else data)
    return path


def pictures_only_docx(tmp_path: Path) -> Path:
    return DocxBuilder().picture("Scanned page 1").save(tmp_path / "overview.docx")


def encrypted_pdf(tmp_path: Path) -> Path:
    pdf = ReviewPdf()
    pdf.add_page()
    pdf.paragraph("Kayden Marsh lived with Mother.")
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    pdf.output(str(tmp_path / "overview.pdf"))
    return tmp_path / "overview.pdf"


def scanned_pdf(tmp_path: Path) -> Path:
    pdf = ReviewPdf()
    pdf.add_page()
    pdf.paragraph("Page one has text.")
    pdf.add_page()
    pdf.rect(20, 20, 150, 200, style="F")  # a picture of a page, no text layer
    pdf.output(str(tmp_path / "overview.pdf"))
    return tmp_path / "overview.pdf"


def truncated_pdf(tmp_path: Path) -> Path:
    data = reviewed_pdf(tmp_path / "whole.pdf").read_bytes()
    return write(tmp_path, "overview.pdf", data[: len(data) // 3])


def oversized(tmp_path: Path) -> Path:
    path = tmp_path / "overview.txt"
    with path.open("wb") as file:
        file.truncate(51 * 1024 * 1024)  # sparse: instant, takes no disk space
    return path


REFUSALS = [
    pytest.param(
        lambda t: write(t, "overview.docx", b"Not a zip at all"),
        "not a valid Word",
        "save it again",
        id="docx-not-a-zip",
    ),
    pytest.param(truncated_docx, "not a valid Word", "save it again", id="docx-truncated"),
    pytest.param(zip_bomb, "zip bomb", "remove large embedded files", id="docx-zip-bomb"),
    pytest.param(macro_docx, "contains macros", "without macros", id="docx-macros"),
    pytest.param(encrypted_docx, "password-protected", "remove the password", id="docx-encrypted"),
    pytest.param(legacy_doc_renamed, "old-format Word", "Save As", id="docx-legacy-doc"),
    pytest.param(entity_bomb_docx, "not readable XML", "save it again", id="docx-xml-entities"),
    pytest.param(
        lambda t: DocxBuilder().save(t / "overview.docx"), "is empty", "OCR", id="docx-empty"
    ),
    pytest.param(pictures_only_docx, "is empty", "OCR", id="docx-pictures-only"),
    pytest.param(encrypted_pdf, "password-protected", "without the password", id="pdf-encrypted"),
    pytest.param(scanned_pdf, "page 2 has no text layer", "OCR", id="pdf-no-text-layer"),
    pytest.param(truncated_pdf, "not a valid PDF", "Export the PDF again", id="pdf-damaged"),
    pytest.param(
        lambda t: write(t, "overview.pdf", b""),
        "is empty",
        "Save the document",
        id="pdf-zero-bytes",
    ),
    pytest.param(
        lambda t: write(t, "overview.md", b""), "is empty", "Save the document", id="md-zero-bytes"
    ),
    pytest.param(
        lambda t: write(t, "overview.txt", " \n\t\n"),
        "is empty",
        "right file",
        id="txt-whitespace-only",
    ),
    pytest.param(
        lambda t: write(t, "overview.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00"),
        "not a text file",
        "UTF-8",
        id="md-binary-junk",
    ),
    pytest.param(
        lambda t: write(t, "overview.txt", bytes(range(256)) * 4),
        "not a text file",
        "UTF-8",
        id="txt-random-bytes",
    ),
    pytest.param(
        lambda t: write(t, "overview.txt", codecs.BOM_UTF8 + b"caf\xe9"),
        "not valid UTF-8",
        "UTF-8",
        id="txt-bad-utf8-after-bom",
    ),
    pytest.param(
        lambda t: write(t, "overview.md", "Text <!-- never closed\n\nMore.\n"),
        "never closed (the '<!--' on line 1)",
        "Close it",
        id="md-unclosed-comment",
    ),
    pytest.param(
        lambda t: write(t, "overview.md", "---\ntitle: x\n---\n<!-- only -->\n"),
        "no text to publish",
        "right file",
        id="md-nothing-to-publish",
    ),
    pytest.param(oversized, "more than the 50 MB", "split the document", id="txt-oversized"),
    pytest.param(
        lambda t: write(t, "overview.doc", b"\xd0\xcf\x11\xe0"),
        "is a .doc",
        "Save it as Word (.docx)",
        id="unsupported-doc",
    ),
    pytest.param(
        lambda t: write(t, "overview.rtf", b"{\\rtf1 Kayden}"),
        "is a .rtf",
        "Save it as Word (.docx)",
        id="unsupported-rtf",
    ),
    pytest.param(
        lambda t: t / "missing.pdf", "does not exist", "Check the file name", id="missing-file"
    ),
]


@pytest.mark.parametrize(("make", "problem", "advice"), REFUSALS)
def test_refusals(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make: Callable[[Path], Path],
    problem: str,
    advice: str,
) -> None:
    # A small limit keeps the zip-bomb test fast; the check is the same at 200 MB.
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED_BYTES", 1024 * 1024)
    path = make(tmp_path)
    with pytest.raises(InputError) as raised:
        read_document(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: ")
    assert problem in raised.value.problem
    assert advice.lower() in raised.value.advice.lower()


# --- one normalisation: every reader cleans ---------------------------------------------------

# Inside a name, each of these hides it from detection while a reader still sees the name.
DISGUISED = "Kay\u00adleigh Br\u0430ckenridge and Ann\u200de Mor\u2060ley"  # Cyrillic "а"
SEEN = "Kayleigh Brackenridge and Anne Morley"


def disguised_markdown(path: Path) -> Path:
    text = (
        f"---\nauthor: Jo\u200bel Pike\n---\n\n{DISGUISED} moved.\n\n<!-- Ask Kay\ufeffleigh -->\n"
    )
    path.with_suffix(".md").write_text(text, "utf-8")
    return path.with_suffix(".md")


def disguised_text(path: Path) -> Path:
    path.with_suffix(".txt").write_text(f"{DISGUISED} moved.\n", "utf-8")
    return path.with_suffix(".txt")


def disguised_docx(path: Path) -> Path:
    return (
        DocxBuilder()
        .header("Prepared by Jo\u00adel Pike")
        .paragraph(f"{DISGUISED} moved.")
        .commented_paragraph(
            "The ",
            "visit",
            " was late.",
            comment="Ask Kay\ufeffleigh",
            author="Jo Pike",
            initials="JP",
        )
        # Word's optional hyphen and non-breaking hyphen as the elements Word writes.
        .raw_paragraph(
            '<w:r><w:t xml:space="preserve">Seen by Kay</w:t><w:softHyphen/>'
            '<w:t xml:space="preserve">leigh Brackenridge</w:t><w:noBreakHyphen/>'
            '<w:t xml:space="preserve">Smith.</w:t></w:r>'
        )
        .save(path.with_suffix(".docx"))
    )


def disguised_pdf(path: Path) -> Path:
    pdf = ReviewPdf()
    pdf.set_author("Jo\u00adel Pike")  # Latin-1 has the soft hyphen, so a PDF can carry it
    pdf.add_page()
    pdf.paragraph("Kayleigh Brackenridge and Anne Morley moved.")
    pdf.output(str(path.with_suffix(".pdf")))
    return path.with_suffix(".pdf")


@pytest.mark.parametrize(
    ("build", "body_has", "hidden_has"),
    [
        (disguised_markdown, [f"{SEEN} moved."], ["Joel Pike", "Ask Kayleigh"]),
        (disguised_text, [f"{SEEN} moved."], []),
        (
            disguised_docx,
            [f"{SEEN} moved.", "Seen by Kayleigh Brackenridge-Smith."],
            ["Joel Pike", "Ask Kayleigh"],
        ),
        (disguised_pdf, [f"{SEEN} moved."], ["Joel Pike"]),
    ],
    ids=["markdown", "text", "docx", "pdf"],
)
def test_every_reader_cleans_invisible_characters_and_look_alikes(
    tmp_path: Path, build: Callable[[Path], Path], body_has: list[str], hidden_has: list[str]
) -> None:
    document = read_document(build(tmp_path / "draft"))
    texts = [document.body] + [part.text for part in document.hidden]
    for text in texts:
        assert not IGNORABLE.search(text), repr(text)
        assert "\u0430" not in text and "\u2011" not in text
    for expected in body_has:
        assert expected in document.body
    for expected in hidden_has:
        assert any(expected in part.text for part in document.hidden), document.hidden


def test_a_draft_of_invisible_characters_only_is_empty(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty"):
        read_document(write(tmp_path, "a.txt", "\u200b\u00ad\n\u2060\n"))


def test_front_matter_with_a_date_that_does_not_exist_stays_in_the_body(tmp_path):
    draft = tmp_path / "overview.md"
    draft.write_text("---\ndate: 2026-02-30\nauthor: Tobias Quennell\n---\n\nThe review.\n")
    document = read_document(draft)
    assert "Tobias Quennell" in document.body  # scanned like any other text, no crash
