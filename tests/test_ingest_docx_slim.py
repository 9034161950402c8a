"""The slimmed copy of a .docx that pandoc reads gives exactly the Markdown of the whole file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from ingest_fixtures import DocxBuilder

from anonymiser.ingest.docx_markdown import docx_to_markdown
from anonymiser.ingest.docx_slim import prune_styles, slim_docx, used_styles

ROOT = Path(__file__).resolve().parent.parent
REPOSITORY_DOCX = sorted(
    [*ROOT.glob("examples/reviews/*/source/*.docx"), *ROOT.glob("tests/corpus/**/*.docx")]
)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def styles(*elements: str) -> str:
    return f"<w:styles {W}><w:docDefaults/>{''.join(elements)}</w:styles>"


def style(style_id: str, *links: str, default: bool = False) -> str:
    default_attribute = ' w:default="1"' if default else ""
    inner = "".join(f'<w:{kind} w:val="{target}"/>' for kind, target in map(_split, links))
    return (
        f'<w:style w:type="paragraph"{default_attribute} w:styleId="{style_id}">{inner}</w:style>'
    )


def _split(link: str) -> tuple[str, str]:
    kind, target = link.split(":")
    return kind, target


@pytest.mark.parametrize("path", REPOSITORY_DOCX, ids=lambda path: str(path.relative_to(ROOT)))
def test_slimmed_copy_converts_identically(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        slim = slim_docx(archive)
    assert len(slim) > 0
    assert docx_to_markdown(path, slim) == docx_to_markdown(path, path.read_bytes())


def test_repository_has_word_files_to_compare() -> None:
    assert len(REPOSITORY_DOCX) >= 6


def test_built_document_converts_identically(tmp_path: Path) -> None:
    # python-docx's template defines ~160 styles; this document uses a handful, in every part.
    builder = DocxBuilder()
    builder.heading("Family T", 1).heading("Chronology", 2).paragraph("Seen by Dr Okafor.")
    builder.table([["Date", "Event"], ["March 2019", "Home visit"]])
    builder.paragraph("Seen at home.", "List Bullet").paragraph("Then at school.", "List Number")
    builder.commented_paragraph("Mother ", "attended", ".", "Ask Jan Pryce", "Jan Pryce", "JP")
    builder.tracked_change("Seen by ", "Dr Ode", "the GP", " in May.", author="Jan Pryce")
    builder.footnoted_paragraph("The school raised concerns.", "Letter from Ms Kaur.")
    path = builder.save(tmp_path / "overview.docx")
    with zipfile.ZipFile(path) as archive:
        slim = slim_docx(archive)
        original_styles = archive.read("word/styles.xml")
    with zipfile.ZipFile(io.BytesIO(slim)) as copy:
        assert len(copy.read("word/styles.xml")) < len(original_styles) / 2
    assert docx_to_markdown(path, slim) == docx_to_markdown(path, path.read_bytes())


PRUNE_CASES = [
    # (styles defined, styles used, ids left)
    ([style("Normal", default=True), style("Unused")], set(), {"Normal"}),
    (
        [style("Normal", default=True), style("Heading1", "basedOn:Normal")],
        {"Heading1"},
        {"Normal", "Heading1"},
    ),
    (
        [style("A", "basedOn:B"), style("B", "basedOn:C"), style("C"), style("D")],
        {"A"},
        {"A", "B", "C"},
    ),
    ([style("H1", "link:H1Char"), style("H1Char"), style("X")], {"H1"}, {"H1", "H1Char"}),
    ([style("Title", "next:Body"), style("Body"), style("X")], {"Title"}, {"Title", "Body"}),
    ([style("Loop", "basedOn:Loop"), style("X")], {"Loop"}, {"Loop"}),
    ([style("Normal", default=True)], {"Missing"}, {"Normal"}),
    (['<w:style w:type="paragraph"/>', style("X")], set(), set()),
]


@pytest.mark.parametrize(("defined", "used", "left"), PRUNE_CASES)
def test_prune_styles(defined: list[str], used: set[str], left: set[str]) -> None:
    pruned = prune_styles(styles(*defined), used)
    for element in defined:
        style_id = element.split('w:styleId="')[1].split('"')[0] if "styleId" in element else None
        assert (element in pruned) == (style_id is None or style_id in left), element
    assert pruned.startswith(f"<w:styles {W}><w:docDefaults/>")


def test_used_styles_reads_every_kind_of_reference() -> None:
    parts = {
        "word/document.xml": b'<w:pStyle w:val="Heading1"/><w:rStyle w:val="Strong"/>'
        b'<w:tblStyle w:val="TableGrid"/>',
        "word/numbering.xml": b'<w:numStyleLink w:val="ListBullets"/>'
        b'<w:pStyle w:val="ListNumber"/>',
        "word/footnotes.xml": b'<w:pStyle w:val="FootnoteText"/>',
        "word/styles.xml": b'<w:pStyle w:val="OnlyInStyles"/>',
        "docProps/app.xml": b'<w:pStyle w:val="NotWord"/>',
    }
    assert used_styles(parts) == {
        "Heading1",
        "Strong",
        "TableGrid",
        "ListBullets",
        "ListNumber",
        "FootnoteText",
    }


def _package(parts: dict[str, bytes]) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


@pytest.mark.parametrize(
    "document",
    [
        # Word's namespace under another prefix: our patterns would not see its style references.
        b'<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
        # UTF-16 XML: allowed, rare, left whole.
        '<?xml version="1.0" encoding="UTF-16"?><w:document/>'.encode("utf-16"),
    ],
)
def test_unusual_packages_keep_all_their_styles(document: bytes) -> None:
    styles_xml = styles(style("Normal", default=True), style("Unused")).encode()
    with _package({"word/document.xml": document, "word/styles.xml": styles_xml}) as archive:
        copy = zipfile.ZipFile(io.BytesIO(slim_docx(archive)))
    assert copy.read("word/styles.xml") == styles_xml


def test_parts_pandoc_never_reads_are_left_out() -> None:
    parts = {
        "word/document.xml": f"<w:document {W}/>".encode(),
        "word/styles.xml": styles(style("Normal", default=True)).encode(),
        "word/stylesWithEffects.xml": b"<w:styles/>",
        "docProps/thumbnail.jpeg": b"\xff\xd8",
        "docProps/core.xml": b"<cp:coreProperties/>",
    }
    with _package(parts) as archive:
        copy = zipfile.ZipFile(io.BytesIO(slim_docx(archive)))
    assert sorted(copy.namelist()) == ["docProps/core.xml", "word/document.xml", "word/styles.xml"]
