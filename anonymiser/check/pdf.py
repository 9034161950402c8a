"""A published PDF: its metadata, bookmarks, every page's text layer and its annotations.

A page with no text layer is an error (its text could not be checked), as in the product's PDF
reader (anonymiser.ingest.pdf), whose annotation and bookmark readers are reused. The page text
is read in one call per page: the drafts reader's character-by-character layout analysis is
not needed to find words, and would make PDFs the slowest part of checking a site. Findings
name the part: "page 3" (with the line on that page), "page 3, header or footer",
"metadata (Author)", "bookmark", "page 3 annotation".
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from anonymiser.check.surfaces import Surface, SurfaceBuilder
from anonymiser.errors import InputError
from anonymiser.ingest import check_document_file
from anonymiser.ingest.pdf import LINE_END_HYPHENS, annotations, bookmarks

# PDFium marks a word hyphenated across a line end; the word is read whole ("Kay-den" is
# "Kayden"), as a reader would read it.
_UNHYPHENATE = str.maketrans(dict.fromkeys(LINE_END_HYPHENS, ""))
_DIGITS = re.compile(r"\d+")


def pdf_surface(path: Path) -> Surface:
    check_document_file(path)
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        raise InputError(
            path, "could not be opened as a PDF (damaged or password-protected)."
        ) from error
    builder = SurfaceBuilder()
    pages: list[str] = []
    notes = []
    try:
        for key, value in pdf.get_metadata_dict(skip_empty=True).items():
            _add_part(builder, f"metadata ({key})", value)
        for part in bookmarks(pdf):
            _add_part(builder, part.where, part.text)
        for number, page in enumerate(pdf, start=1):
            try:
                pages.append(_page_text(path, page, number))
                notes += annotations(page, number)
            finally:
                page.close()
    finally:
        pdf.close()
    running = _running_lines(pages)
    for number, text in enumerate(pages, start=1):
        # A running line is blanked, not removed, so that lines keep their numbers.
        lines = text.split("\n")
        body = ["" if _shape(line) in running else line for line in lines]
        _add_part(builder, f"page {number}", "\n".join(body))
    for number, text in enumerate(pages, start=1):
        kept = [line for line in text.split("\n") if _shape(line) in running]
        _add_part(builder, f"page {number}, header or footer", "\n".join(kept))
    for part in notes:
        _add_part(builder, part.where, part.text)
    surface = builder.build(path, "")
    # There is no text file behind a PDF: positions are in the extracted text, counted per part.
    surface.raw = surface.text
    surface.origins = list(surface.starts)
    surface.parts = [(start, start, label) for start, _, label in surface.parts]
    return surface


def _shape(line: str) -> str:
    return _DIGITS.sub("#", line.strip())


def _running_lines(pages: list[str]) -> set[str]:
    """Lines that stand on most pages, page numbers aside: running headers and footers.

    They are read apart from the pages' text: PDFium gives them in the middle of a page's lines
    (a footer between "... seen in" and "January 2023"), where "Page 1 of 4" followed by
    "January 2023" would read as the exact date "4 January 2023"."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for text in pages:
        counts.update({_shape(line) for line in text.split("\n") if line.strip()})
    least = max(2, (len(pages) + 1) // 2)
    return {shape for shape, count in counts.items() if count >= least}


def _page_text(path: Path, page: pdfium.PdfPage, number: int) -> str:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
    finally:
        textpage.close()
    if not text.strip() and pdfium_c.FPDFPage_CountObjects(page.raw) > 0:
        raise InputError(
            path,
            f"page {number} has no text layer (it is probably a scan), so it could not be checked.",
            "Publish a PDF made from the document's text, not a scan.",
        )
    return text.replace("\r\n", "\n")


def _add_part(builder: SurfaceBuilder, label: str, text: str) -> None:
    if text.strip():
        builder.part(label, builder.length)
        builder.add(text.translate(_UNHYPHENATE), builder.length)
        builder.add("\n", builder.length)
