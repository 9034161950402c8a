"""Builders for the documents the ingest tests read: real .docx and .pdf files made on the fly.

Everything here is invented: the names, schools and places belong to no real person or case.
python-docx covers paragraphs, headings, lists, tables, comments, headers, footers and pictures;
what it cannot make (tracked changes, footnotes, text boxes, custom properties) is written as
raw WordprocessingML, the way Word itself writes it.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from fpdf import FPDF

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
VML_NS = "urn:schemas-microsoft-com:vml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
PEOPLE_RELATIONSHIP = "http://schemas.microsoft.com/office/2011/relationships/people"
PEOPLE_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml"
FOOTNOTES_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
)
CUSTOM_PROPERTIES_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.custom-properties+xml"
)
TRACKED_CHANGE_DATE = "2024-03-01T10:00:00Z"


def tiny_png() -> bytes:
    """A valid 1x1 white PNG, so that a picture can carry alt text."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _text_run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


class DocxBuilder:
    """A Word document assembled step by step; `save` writes it."""

    def __init__(self) -> None:
        self.document = docx.Document()
        self._footnotes: list[str] = []
        self._custom_properties: dict[str, str] = {}
        self._app_properties: dict[str, str] = {}
        self._people: list[tuple[str, str]] = []
        self._next_change_id = 100
        # The python-docx template says it made the file; a real draft names a person here.
        self.document.core_properties.author = ""
        self.document.core_properties.comments = ""

    @property
    def body(self):
        return self.document.element.body

    def heading(self, text: str, level: int = 1) -> DocxBuilder:
        self.document.add_heading(text, level)
        return self

    def paragraph(self, text: str, style: str | None = None) -> DocxBuilder:
        self.document.add_paragraph(text, style)
        return self

    def raw_paragraph(self, runs_xml: str) -> DocxBuilder:
        """A paragraph written as WordprocessingML runs (for what python-docx cannot build)."""
        namespaces = nsdecls("w", "r", "wp", "a", "pic") + f' xmlns:v="{VML_NS}"'
        paragraph = parse_xml(f"<w:p {namespaces}>{runs_xml}</w:p>")
        self.body.insert(len(self.body) - 1, paragraph)  # before the final w:sectPr
        return self

    def table(self, rows: list[list[str]]) -> DocxBuilder:
        table = self.document.add_table(rows=len(rows), cols=len(rows[0]))
        for row, values in zip(table.rows, rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
        return self

    def commented_paragraph(
        self, before: str, anchor: str, after: str, comment: str, author: str, initials: str
    ) -> DocxBuilder:
        paragraph = self.document.add_paragraph(before)
        anchored = paragraph.add_run(anchor)
        paragraph.add_run(after)
        self.document.add_comment(anchored, text=comment, author=author, initials=initials)
        return self

    def tracked_change(
        self, before: str, deleted: str, inserted: str, after: str, author: str
    ) -> DocxBuilder:
        """A paragraph where `author` replaced `deleted` by `inserted` with tracking on."""
        deletion_id, insertion_id = self._next_change_id, self._next_change_id + 1
        self._next_change_id += 2
        stamp = f'w:author="{escape(author)}" w:date="{TRACKED_CHANGE_DATE}"'
        return self.raw_paragraph(
            _text_run(before)
            + f'<w:del w:id="{deletion_id}" {stamp}><w:r>'
            + f'<w:delText xml:space="preserve">{escape(deleted)}</w:delText></w:r></w:del>'
            + f'<w:ins w:id="{insertion_id}" {stamp}>{_text_run(inserted)}</w:ins>'
            + _text_run(after)
        )

    def footnoted_paragraph(self, text: str, footnote: str) -> DocxBuilder:
        self._footnotes.append(footnote)
        number = len(self._footnotes)
        return self.raw_paragraph(
            _text_run(text)
            + '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            + f'<w:footnoteReference w:id="{number}"/></w:r>'
        )

    def text_box(self, text: str) -> DocxBuilder:
        """A VML text box, the form Word keeps as the fallback of every drawing text box."""
        return self.raw_paragraph(
            '<w:r><w:pict><v:shape style="width:200pt;height:50pt"><v:textbox>'
            f"<w:txbxContent><w:p>{_text_run(text)}</w:p></w:txbxContent>"
            "</v:textbox></v:shape></w:pict></w:r>"
        )

    def drawing_text_box(self, text: str, alt_text: str) -> DocxBuilder:
        """A DrawingML text box as Word 2010+ writes it, with its VML copy as the fallback."""
        box = f"<w:txbxContent><w:p>{_text_run(text)}</w:p></w:txbxContent>"
        return self.raw_paragraph(
            f'<w:r><mc:AlternateContent xmlns:mc="{MC_NS}"><mc:Choice xmlns:wps="{WPS_NS}" '
            'Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" '
            'simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" '
            'allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column">'
            '<wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph">'
            '<wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="1000000" cy="500000"/>'
            f'<wp:wrapNone/><wp:docPr id="50" name="Text Box 1" descr="{escape(alt_text)}"/>'
            '<wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/'
            f'office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/>'
            f"<wps:txbx>{box}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
            "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
            f"{box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        )

    def field(self, before: str, instruction: str, shown: str) -> DocxBuilder:
        """A paragraph with a Word field, e.g. a HYPERLINK field showing `shown`."""
        return self.raw_paragraph(
            _text_run(before)
            + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            + f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + _text_run(shown)
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )

    def comment_account(self, author: str, user_id: str) -> DocxBuilder:
        """word/people.xml, where Word 2013+ keeps the account behind each comment author."""
        self._people.append((author, user_id))
        return self

    def picture(self, alt_text: str, title: str = "") -> DocxBuilder:
        shape = self.document.add_picture(BytesIO(tiny_png()))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", alt_text)
        if title:
            doc_pr.set("title", title)
        return self

    def header(self, text: str, section: int = 0) -> DocxBuilder:
        self.document.sections[section].header.paragraphs[0].text = text
        return self

    def footer(self, text: str, section: int = 0) -> DocxBuilder:
        self.document.sections[section].footer.paragraphs[0].text = text
        return self

    def new_section(self) -> DocxBuilder:
        section = self.document.add_section()
        section.header.is_linked_to_previous = False
        section.footer.is_linked_to_previous = False
        return self

    def properties(self, **values: str) -> DocxBuilder:
        """Core properties by python-docx name: title, author, last_modified_by, subject..."""
        for name, value in values.items():
            setattr(self.document.core_properties, name, value)
        return self

    def app_properties(self, company: str = "", manager: str = "") -> DocxBuilder:
        self._app_properties = {"Company": company, "Manager": manager}
        return self

    def custom_property(self, name: str, value: str) -> DocxBuilder:
        self._custom_properties[name] = value
        return self

    def save(self, path: Path) -> Path:
        package_part = self.document.part
        if self._footnotes:
            package_part.relate_to(self._footnotes_part(), RT.FOOTNOTES)
        if self._people:
            package_part.relate_to(self._people_part(), PEOPLE_RELATIONSHIP)
        if self._custom_properties:
            package_part.package.relate_to(self._custom_properties_part(), RT.CUSTOM_PROPERTIES)
        self.document.save(str(path))
        if self._app_properties:
            # python-docx has no API for docProps/app.xml; its template has empty elements.
            replacements = {
                f"<{name}/>".encode(): f"<{name}>{escape(value)}</{name}>".encode()
                for name, value in self._app_properties.items()
            }
            rewrite_zip_member(path, "docProps/app.xml", replacements)
        return path

    def _footnotes_part(self) -> Part:
        notes = "".join(
            f'<w:footnote w:id="{number}"><w:p><w:r><w:footnoteRef/></w:r>'
            f"{_text_run(' ' + text)}</w:p></w:footnote>"
            for number, text in enumerate(self._footnotes, start=1)
        )
        xml = (
            f'<w:footnotes xmlns:w="{W_NS}">'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            "</w:footnote>"
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
            "<w:continuationSeparator/></w:r></w:p></w:footnote>"
            f"{notes}</w:footnotes>"
        )
        package = self.document.part.package
        return Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CONTENT_TYPE, xml.encode(), package)

    def _people_part(self) -> Part:
        people = "".join(
            f'<w15:person w15:author="{escape(author)}"><w15:presenceInfo '
            f'w15:providerId="AD" w15:userId="{escape(user_id)}"/></w15:person>'
            for author, user_id in self._people
        )
        xml = f'<w15:people xmlns:w15="{W15_NS}">{people}</w15:people>'
        package = self.document.part.package
        return Part(PackURI("/word/people.xml"), PEOPLE_CONTENT_TYPE, xml.encode(), package)

    def _custom_properties_part(self) -> Part:
        properties = "".join(
            '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
            f'pid="{pid}" name="{escape(name)}"><vt:lpwstr>{escape(value)}</vt:lpwstr></property>'
            for pid, (name, value) in enumerate(self._custom_properties.items(), start=2)
        )
        xml = (
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/docPropsVTypes">{properties}</Properties>'
        )
        package = self.document.part.package
        return Part(
            PackURI("/docProps/custom.xml"), CUSTOM_PROPERTIES_CONTENT_TYPE, xml.encode(), package
        )


def rewrite_zip_member(path: Path, name: str, replacements: dict[bytes, bytes]) -> None:
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            if info.filename == name:
                for old, new in replacements.items():
                    data = data.replace(old, new)
            target.writestr(info, data)


def add_zip_member(path: Path, name: str, data: bytes) -> None:
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)


# --- PDF ---------------------------------------------------------------------------------------


class ReviewPdf(FPDF):
    """An A4 report with an optional running header and footer ("{page}" is the page number)."""

    def __init__(self, header_text: str = "", footer_text: str = "") -> None:
        super().__init__(format="A4")
        self.header_text = header_text
        self.footer_text = footer_text
        self.set_auto_page_break(auto=True, margin=20)
        self.set_font("Helvetica", size=11)

    def header(self) -> None:
        if self.header_text:
            self.set_font("Helvetica", size=9)
            self.cell(0, 5, self.header_text, new_x="LMARGIN", new_y="NEXT")
            self.ln(6)
            self.set_font("Helvetica", size=11)

    def footer(self) -> None:
        if self.footer_text:
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 5, self.footer_text.format(page=self.page_no()), align="C")
            self.set_font("Helvetica", size=11)

    def heading(self, text: str, size: int = 16) -> ReviewPdf:
        self.set_font("Helvetica", "B", size=size)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(3)
        self.set_font("Helvetica", size=11)
        return self

    def paragraph(self, text: str, width: float = 0) -> ReviewPdf:
        """A paragraph wrapped to the page width, followed by a gap, as word processors print."""
        self.multi_cell(width, 6, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)
        return self

    def lines(self, *lines: str) -> ReviewPdf:
        """A paragraph broken exactly where given (to place a hyphen or a name at a line end)."""
        for line in lines:
            self.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)
        return self
